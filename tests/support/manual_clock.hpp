#pragma once
// A Clock port fake that tests move by hand. Thread-safety: single-threaded tests only.

#include "zhishen/ports/clock.hpp"

namespace zhishen::testing {

class ManualClock final : public ports::Clock {
 public:
  explicit ManualClock(Instant start) : now_(start) {}
  Instant now() const override { return now_; }
  void advance(std::chrono::seconds d) { now_ += d; }
  void set(Instant t) { now_ = t; }

 private:
  Instant now_;
};

}  // namespace zhishen::testing
