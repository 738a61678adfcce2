#pragma once
// WxRunner: the TaskRunner of the wx app — a few worker threads run the network work; each
// continuation is posted to the UI thread with wxTheApp->CallAfter. stop() (from the app's
// OnExit, on the UI thread) lets running work finish, drops queued work and joins the threads,
// so no continuation is posted after the app is gone.
//
// Ownership: owned by the app. Thread-safety: run() from the UI thread (or any thread); stop()
// once, from the UI thread.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "zhishen/desk/task_runner.hpp"

namespace zhishen::desk::app {

class WxRunner final : public TaskRunner {
 public:
  explicit WxRunner(int threads = 3);
  ~WxRunner() override;
  void run(std::function<void()> work, std::function<void()> done) override;
  void stop();
  // Work queued or running (the GUI test waits for zero).
  int pending() const;

 private:
  void loop();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<std::function<void()>, std::function<void()>>> queue_;
  std::vector<std::thread> threads_;
  int running_ = 0;
  bool stopping_ = false;
};

}  // namespace zhishen::desk::app
