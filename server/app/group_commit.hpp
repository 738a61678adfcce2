#pragma once
// GroupCommit: many request threads' writes in one transaction (leader/follower group commit).
//
// A request thread hands in its item and waits. Whichever waiting thread finds no batch being
// written becomes the leader (one batch is written at a time, so while no leader writes every
// unfinished item is in the queue and a leader's batch is never empty): it takes up to `max_batch` queued items (its own among them when it
// is near the front), calls `write(batch)` outside the lock, and wakes the threads whose items are
// done and the next item's thread, which leads the next batch. At low load a batch is the one
// item and nothing waits; under load one transaction, one commit and one log flush serve many
// requests, and the statements inside can be multi-row.
//
// The write function sets `done` on each item it finished (and leaves the item's result in it);
// an item it leaves undone goes first into the next batch, so it must finish at least one item
// per call. If it throws, the exception is given to every unfinished item of the batch (`failed`)
// and the item's thread rethrows it.
//
// Item: struct with `bool done`, `std::exception_ptr failed` and `std::condition_variable wake`.
// Ownership: the items belong to their request threads; the queue holds pointers only while they
// wait. Thread-safety: run() from any number of threads.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <vector>

namespace zhishen::server {

template <class Item>
class GroupCommit {
 public:
  explicit GroupCommit(std::size_t max_batch) : max_batch_(max_batch == 0 ? 1 : max_batch) {}

  template <class Write>
  void run(Item& item, Write&& write) {
    std::unique_lock lock(mu_);
    queue_.push_back(&item);
    for (;;) {
      item.wake.wait(lock, [&] { return item.done || !writing_; });
      if (item.done) break;
      lead(lock, write);
    }
    if (item.failed) std::rethrow_exception(item.failed);
  }

 private:
  template <class Write>
  void lead(std::unique_lock<std::mutex>& lock, Write& write) {
    writing_ = true;
    std::vector<Item*> batch;
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    try {
      write(batch);
    } catch (...) {
      for (Item* i : batch) {
        if (!i->done) {
          i->failed = std::current_exception();
          i->done = true;
        }
      }
    }
    lock.lock();
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) {
      if (!(*it)->done) queue_.push_front(*it);
    }
    writing_ = false;
    for (Item* i : batch) {
      if (i->done) i->wake.notify_one();
    }
    if (!queue_.empty()) queue_.front()->wake.notify_one();  // leads the next batch
  }

  const std::size_t max_batch_;
  std::mutex mu_;
  std::deque<Item*> queue_;
  bool writing_ = false;  // a leader is writing a batch
};

}  // namespace zhishen::server
