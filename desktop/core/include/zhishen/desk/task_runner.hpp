#pragma once
// TaskRunner: the port through which presenters keep network calls off the UI thread. `run`
// executes `work` on a worker thread and then `done` on the UI thread (wx: a thread pool and
// CallAfter; tests: InlineRunner, both at once on the caller's thread).
//
// `async` adds the guard every screen needs: the continuation is dropped when the presenter that
// asked (its `alive` token) is gone, so nothing runs on a closed window. The work itself runs on
// a worker thread and may outlive the presenter: it must capture only what outlives every window
// (the Api, values), never the presenter. Presenters are created,
// used and destroyed on the UI thread; the token is checked there too, so no race.

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace zhishen::desk {

class TaskRunner {
 public:
  virtual ~TaskRunner() = default;
  virtual void run(std::function<void()> work, std::function<void()> done) = 0;
};

// Runs the work and the continuation at once on the calling thread (tests, the CLI).
class InlineRunner final : public TaskRunner {
 public:
  void run(std::function<void()> work, std::function<void()> done) override {
    work();
    done();
  }
};

// A presenter's liveness token: async continuations hold a weak reference to it.
using Alive = std::shared_ptr<int>;
inline Alive make_alive() { return std::make_shared<int>(0); }

// Runs `work()` (returning T) off the UI thread and `done(T)` on it while `alive` still exists.
template <class T, class Work, class Done>
void async(TaskRunner& runner, const Alive& alive, Work work, Done done) {
  auto result = std::make_shared<std::optional<T>>();
  std::weak_ptr<int> guard = alive;
  runner.run([result, w = std::move(work)]() mutable { result->emplace(w()); },
             [result, guard, d = std::move(done)]() mutable {
               if (guard.expired() || !result->has_value()) return;
               d(std::move(**result));
             });
}

}  // namespace zhishen::desk
