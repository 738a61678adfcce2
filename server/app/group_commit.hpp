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
// Item: struct with `bool done` and `std::exception_ptr failed`, set by `write` (and read by
// the leader once `write` has returned; a waiting thread learns of its item's end from the
// leader, under the lock, never from `done` itself, which `write` sets outside it).
// Waking: a leader wakes the next leader and the finished items' threads after it has released
// the lock, so that a woken thread does not at once block on it again (at saturation that was a
// third of a context switch per application). What a thread waits on is shared with the queue,
// so a thread that has returned leaves the leader nothing dangling to notify.
// Ownership: the items belong to their request threads; the queue holds pointers only while they
// wait. Thread-safety: run() from any number of threads.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <vector>

namespace zhishen::server {

template <class Item>
class GroupCommit {
 public:
  explicit GroupCommit(std::size_t max_batch) : max_batch_(max_batch == 0 ? 1 : max_batch) {}

  template <class Write>
  void run(Item& item, Write&& write) {
    const auto me = std::make_shared<Waiter>();
    std::unique_lock lock(mu_);
    queue_.push_back({&item, me});
    for (;;) {
      me->wake.wait(lock, [&] { return me->finished || !writing_; });
      if (me->finished) break;
      const Waiters wake = lead(lock, write);
      const bool finished = me->finished;
      lock.unlock();
      for (const auto& w : wake) w->wake.notify_one();
      if (finished) return rethrow_failure(item);
      lock.lock();
    }
    lock.unlock();
    rethrow_failure(item);
  }

 private:
  struct Waiter {
    std::condition_variable wake;
    bool finished = false;  // guarded by mu_
  };
  using Waiters = std::vector<std::shared_ptr<Waiter>>;
  struct Waiting {
    Item* item;
    std::shared_ptr<Waiter> waiter;
  };

  static void rethrow_failure(Item& item) {
    if (item.failed) std::rethrow_exception(item.failed);
  }

  // Writes one batch; returns, with the lock held, whom to wake once it is released: the thread
  // of the next batch's first item (it leads that batch; first, as the store waits for it) and
  // the threads whose items are done.
  template <class Write>
  Waiters lead(std::unique_lock<std::mutex>& lock, Write& write) {
    writing_ = true;
    std::vector<Waiting> taken;
    std::vector<Item*> batch;
    while (!queue_.empty() && batch.size() < max_batch_) {
      taken.push_back(std::move(queue_.front()));
      queue_.pop_front();
      batch.push_back(taken.back().item);
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
    for (auto it = taken.rbegin(); it != taken.rend(); ++it) {
      if (!it->item->done) queue_.push_front(*it);
    }
    writing_ = false;
    Waiters wake;
    if (!queue_.empty()) wake.push_back(queue_.front().waiter);
    for (const Waiting& w : taken) {
      if (!w.item->done) continue;
      w.waiter->finished = true;
      wake.push_back(w.waiter);
    }
    return wake;
  }

  const std::size_t max_batch_;
  std::mutex mu_;
  std::deque<Waiting> queue_;
  bool writing_ = false;  // a leader is writing a batch
};

}  // namespace zhishen::server
