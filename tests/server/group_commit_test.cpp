// GroupCommit under many threads (the group commit of every intake lane): every item written exactly once, by one writer at a time, in
// batches no larger than the limit; items a write leaves undone go into a later batch; a throwing
// write fails only the items it did not finish, and the next batches go on.
#include "group_commit.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace zhishen::server {
namespace {

struct TestItem {
  int id = 0;
  int result = 0;
  bool done = false;
  std::exception_ptr failed;
};

constexpr int kThreads = 24;
constexpr int kItemsEach = 150;
constexpr std::size_t kMaxBatch = 5;

// Runs kThreads threads, each submitting kItemsEach items one after the other.
template <class Write, class Check>
void submit_from_many_threads(GroupCommit<TestItem>& gc, Write write, Check check) {
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < kItemsEach; ++n) {
        TestItem item;
        item.id = t * kItemsEach + n;
        std::exception_ptr thrown;
        try {
          gc.run(item, write);
        } catch (...) {
          thrown = std::current_exception();
        }
        check(item, thrown);
      }
    });
  }
  for (auto& th : threads) th.join();
}

TEST(GroupCommit, BatchesWaitersFinishesLeftoversAndPassesFailuresOn) {
  GroupCommit<TestItem> gc(4);
  std::mutex seen_mu;
  std::vector<std::size_t> sizes;
  std::atomic<int> writing{0};
  std::atomic<bool> overlapped{false};
  auto write = [&](std::vector<TestItem*>& batch) {
    if (writing.fetch_add(1) != 0) overlapped = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    {
      std::lock_guard l(seen_mu);
      sizes.push_back(batch.size());
    }
    // Leaves the last item of a full batch for the next one; fails the items numbered 13.
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (batch.size() == 4 && i == 3) continue;
      if (batch[i]->id % 100 == 13) {
        writing.fetch_sub(1);
        throw std::runtime_error("thirteen");
      }
      batch[i]->result = batch[i]->id * 2;
      batch[i]->done = true;
    }
    writing.fetch_sub(1);
  };
    std::vector<std::thread> threads;
  std::atomic<int> right{0};
  std::atomic<int> thrown{0};
  std::atomic<bool> thirteen_threw{false};
  std::latch start(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int k = 0; k < 10; ++k) {
        TestItem job;
        job.id = t == 3 && k == 1 ? 3113 : t * 1000 + k * 10;  // 3113 % 100 == 13
        try {
          gc.run(job, write);
          if (job.result == job.id * 2) ++right;
        } catch (const std::runtime_error&) {
          ++thrown;
          if (job.id == 3113) thirteen_threw = true;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_FALSE(overlapped.load());  // one batch at a time
  EXPECT_TRUE(thirteen_threw.load());
  EXPECT_LE(thrown.load(), 4) << "only the failing batch's unfinished items fail";
  EXPECT_EQ(right.load() + thrown.load(), kThreads * 10);  // every item answered, none lost
  EXPECT_GT(*std::max_element(sizes.begin(), sizes.end()), 1u);  // waiters were batched
}

TEST(GroupCommit, EveryItemIsWrittenOnceByOneWriterAtATimeInBoundedBatches) {
  GroupCommit<TestItem> gc(kMaxBatch);
  std::vector<int> written(kThreads * kItemsEach, 0);  // only touched inside write(): one at a time
  std::atomic<int> writers{0};
  std::atomic<bool> overlapped{false}, oversize{false};
  std::atomic<int> largest{0}, left_undone{0}, wrong{0};
  const auto write = [&](std::vector<TestItem*>& batch) {
    if (writers.fetch_add(1) != 0) overlapped = true;
    if (batch.empty() || batch.size() > kMaxBatch) oversize = true;
    largest = std::max(largest.load(), static_cast<int>(batch.size()));
    std::this_thread::sleep_for(std::chrono::microseconds(200));  // lets the queue grow
    for (std::size_t i = 0; i < batch.size(); ++i) {
      TestItem* item = batch[i];
      // Every third batch of several leaves its last item for the next batch.
      if (i + 1 == batch.size() && batch.size() > 1 && item->id % 3 == 0) {
        ++left_undone;
        continue;
      }
      ++written[static_cast<std::size_t>(item->id)];
      item->result = item->id * 2;
      item->done = true;
    }
    writers.fetch_sub(1);
  };
  submit_from_many_threads(gc, write, [&](const TestItem& item, std::exception_ptr thrown) {
    if (thrown || !item.done || item.result != item.id * 2) ++wrong;
  });
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_FALSE(overlapped.load());
  EXPECT_FALSE(oversize.load());
  EXPECT_GT(largest.load(), 1);  // batches did form
  EXPECT_GT(left_undone.load(), 0);
  for (std::size_t id = 0; id < written.size(); ++id) ASSERT_EQ(written[id], 1) << "item " << id;
}

TEST(GroupCommit, AThrowingWriteFailsOnlyTheItemsItDidNotFinish) {
  GroupCommit<TestItem> gc(kMaxBatch);
  std::atomic<int> failed{0}, finished{0}, wrong{0};
  std::mutex m;
  std::vector<int> outcome(kThreads * kItemsEach, 0);  // 1 written, 2 failed
  const auto write = [&](std::vector<TestItem*>& batch) {
    std::this_thread::sleep_for(std::chrono::microseconds(100));
    for (TestItem* item : batch) {
      if (item->id % 7 == 0) throw std::runtime_error("store down for item " + std::to_string(item->id));
      item->result = item->id * 2;
      item->done = true;
    }
  };
  submit_from_many_threads(gc, write, [&](const TestItem& item, std::exception_ptr thrown) {
    std::lock_guard lock(m);
    if (thrown) {
      ++failed;
      outcome[static_cast<std::size_t>(item.id)] = 2;
    } else {
      ++finished;
      outcome[static_cast<std::size_t>(item.id)] = 1;
      if (item.result != item.id * 2) ++wrong;
    }
  });
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(failed.load() + finished.load(), kThreads * kItemsEach);
  for (std::size_t id = 0; id < outcome.size(); ++id) {
    // An item the write reached before throwing is written; the thrower itself always fails.
    if (id % 7 == 0) {
      ASSERT_EQ(outcome[id], 2) << "item " << id;
    }
    ASSERT_NE(outcome[id], 0) << "item " << id;
  }
  EXPECT_GT(finished.load(), kThreads * kItemsEach / 2);  // batches after a failure went on
}

}  // namespace
}  // namespace zhishen::server
