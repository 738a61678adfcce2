#pragma once
// Clock port: the only way the core learns the time. The server implements it with the system
// clock; tests use a manual clock they advance ("escalate after 1 working day" becomes
// clock.advance(...); timers.tick(clock.now()) — no sleeps).
//
// Thread-safety: implementations must allow now() from any thread.

#include "zhishen/core/date.hpp"

namespace zhishen::ports {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

}  // namespace zhishen::ports
