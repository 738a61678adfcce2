#include "wx_runner.hpp"

#include <wx/app.h>

namespace zhishen::desk::app {

WxRunner::WxRunner(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { loop(); });
}

WxRunner::~WxRunner() { stop(); }

void WxRunner::run(std::function<void()> work, std::function<void()> done) {
  std::lock_guard l(mu_);
  if (stopping_) return;
  queue_.emplace_back(std::move(work), std::move(done));
  cv_.notify_one();
}

int WxRunner::pending() const {
  std::lock_guard l(mu_);
  return running_ + static_cast<int>(queue_.size());
}

void WxRunner::stop() {
  {
    std::lock_guard l(mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    queue_.clear();
    cv_.notify_all();
  }
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void WxRunner::loop() {
  for (;;) {
    std::pair<std::function<void()>, std::function<void()>> task;
    {
      std::unique_lock l(mu_);
      cv_.wait(l, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      task = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    task.first();  // the presenters' work catches nothing: Api calls answer errors as values
    {
      std::lock_guard l(mu_);
      --running_;
      if (stopping_) return;
      // Posted under the lock: stop() cannot finish (and the app cannot go) in between.
      if (wxTheApp != nullptr) wxTheApp->CallAfter(std::move(task.second));
    }
  }
}

}  // namespace zhishen::desk::app
