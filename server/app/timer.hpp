#pragma once
// The timer's work, one tick at a time (timer.cpp says how): recompute the lights of the cases whose
// deadlines crossed a threshold since the last tick, record yellow and red as audit entries
// (case.light), open a supervision ticket for a red case and notify its department, record ticket
// answers that fell overdue (ticket.overdue). The last tick is kept in the store, so the first tick
// of a restarted server sweeps the whole downtime. Idempotent: a tick run twice for the same
// instant changes nothing the second time.
// Thread-safety: called by the timer thread (and tests); ticks are serialised within the process.
// Several servers may share one database: the ticket of a red light has a number derived from the
// case and its deadline, so two timers that meet store it once (the second rolls back).

#include "context.hpp"

namespace zhishen::server {

void run_timer_tick(ServerContext& ctx);

}  // namespace zhishen::server
