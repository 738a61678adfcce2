#pragma once
// Clock records: when each deadline of a case started counting, its span, the periods it stood
// still, and when it stopped. Deadline instants are NOT stored here; they are computed from these
// records by calendar::compute_deadline (the calendar may change, the record may not).
//
//   recheck   — 复核时限 (recheck_span_workdays), from entering auto_approved/auto_rejected
//   decision  — 承诺办理时限 (commitment_span_workdays), from submission (or reopening)
//   publicity — 公示时限 (publicity_span_workdays), from completion of a publicised approval
//
// A running clock has no `stopped`. A case may hold several records of one kind (reopening
// starts a new decision clock); running_clock returns the newest one still running.
// The helpers below edit a vector of clocks in place; they never fail and do nothing when the
// clock they would act on does not exist.
//
// Thread-safety: plain values; the helpers mutate only the vector they are given.

#include <optional>
#include <string_view>
#include <vector>

#include "zhishen/calendar/deadline.hpp"
#include "zhishen/core/date.hpp"

namespace zhishen::lifecycle {

enum class DeadlineKind { recheck, decision, publicity };

std::string_view to_string(DeadlineKind k);
std::optional<DeadlineKind> parse_deadline_kind(std::string_view name);

struct ClockRecord {
  DeadlineKind kind = DeadlineKind::decision;
  Instant started{};
  int span_workdays = 1;
  std::vector<calendar::Suspension> suspensions;  // in order; only the last may be open
  std::optional<Instant> stopped;                 // nullopt: still running

  bool running() const { return !stopped.has_value(); }
  bool suspended() const { return !suspensions.empty() && !suspensions.back().end.has_value(); }
};

bool operator==(const ClockRecord& a, const ClockRecord& b);

// The newest clock of this kind that is still running, or nullptr.
const ClockRecord* running_clock(const std::vector<ClockRecord>& clocks, DeadlineKind kind);
ClockRecord* running_clock(std::vector<ClockRecord>& clocks, DeadlineKind kind);

// Appends a new running clock.
void start_clock(std::vector<ClockRecord>& clocks, DeadlineKind kind, Instant at, int span_workdays);
// Stops the running clock of this kind at `at`, closing an open suspension first.
void stop_clock(std::vector<ClockRecord>& clocks, DeadlineKind kind, Instant at);
// Stops every running clock at `at` (revoke, withdraw).
void stop_all_clocks(std::vector<ClockRecord>& clocks, Instant at);
// Opens a suspension {begin = at} on the running clock of this kind unless one is already open.
void suspend_clock(std::vector<ClockRecord>& clocks, DeadlineKind kind, Instant at);
// Closes the open suspension of the running clock of this kind (end = at).
void resume_clock(std::vector<ClockRecord>& clocks, DeadlineKind kind, Instant at);

}  // namespace zhishen::lifecycle
