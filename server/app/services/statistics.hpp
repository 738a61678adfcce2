#pragma once
// Efficiency statistics of the supervisory office (BRIEF R10; 000 Art.16, 004 §3(5)) over a period
// of local dates [from, to] (China Standard Time, both days included), scoped like the board:
// supervisors and admins see every department or the one they ask for, reviewers and approvers
// their own.
//
//   decisions      decisions on the merits taken in the period — automatic (auto_approve,
//                  auto_reject) and manual (manual_approve, manual_reject) — and the automatic share
//   decision_time  submission -> each of those decisions: the median in working hours (office
//                  hours on working days of the official calendar) and in calendar minutes; time
//                  spent waiting for a correction (补齐补正) is included, as the applicant lived it
//   recheck_time   automatic decision -> its re-check (confirm_recheck, fail_recheck) done in the
//                  period: the same two medians
//   overdue        cases whose decision or re-check clock stopped in the period, how many of them
//                  stopped after the deadline (lifecycle::ClockStatus::finished_late), the rate
//   recheck        re-checks in the period: confirmed / (confirmed + failed), how often staff agreed
//                  with the automatic decision
// Shares, rates and medians are null when there is nothing to count. Deadlines are recomputed on
// the current calendar (never stored).
//
// Error ids: statistics.period.invalid (from/to missing, reversed, or more than 366 days apart),
// date.format, date.invalid, supervision.param.invalid, auth.forbidden.
// Thread-safety: any request thread (all state is in the store and the context's snapshots).

#include <map>
#include <string>

#include "../context.hpp"
#include "../http/api.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::server {

// GET /api/v1/statistics?from=YYYY-MM-DD&to=YYYY-MM-DD[&department=]
Result<json::Value> efficiency_statistics(ServerContext& ctx, const Principal& who,
                                          const std::map<std::string, std::string>& query);

}  // namespace zhishen::server
