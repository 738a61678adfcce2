#pragma once
// The Clock port over the system clock (seconds precision). Thread-safety: any thread.

#include "zhishen/ports/clock.hpp"

namespace zhishen::server {

class SystemClock final : public ports::Clock {
 public:
  Instant now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

}  // namespace zhishen::server
