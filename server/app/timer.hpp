#pragma once
// The timer's work, one tick at a time: recompute the lights of the cases whose deadlines crossed a
// threshold since the last tick, record yellow and red as events, open supervision tickets for red
// cases and notify. Idempotent: a tick run twice changes nothing the second time.
// Thread-safety: called by the timer thread (and tests); uses the store's transactions.

#include "context.hpp"

namespace zhishen::server {

void run_timer_tick(ServerContext& ctx);

}  // namespace zhishen::server
