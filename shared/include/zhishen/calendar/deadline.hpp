#pragma once
// Deadlines (时限) as pure functions of (start, span in working days, suspensions, calendar,
// policy). Nothing here stores state: recompute whenever the calendar or a suspension changes.
//
// Counting rule (clock stop, 补正时间不计入办理时限): a working day d counts toward the span when
//   - d is strictly after the local date of `start` (the start date never counts), and
//   - no suspension covers any part of d's counting window [00:00 local, cut-off of d).
// The deadline instant is the cut-off of the span-th counted day: end of that day (24:00 local)
// by default, or the office closing time when the policy says so. A suspension still open
// (not yet resumed) that begins before the running deadline pauses the clock: there is no
// deadline instant until it ends.
//
// Thread-safety: pure functions over immutable inputs.

#include <chrono>
#include <optional>
#include <span>
#include <vector>

#include "zhishen/calendar/workday_calendar.hpp"
#include "zhishen/core/date.hpp"

namespace zhishen::calendar {

struct OfficeHours {
  std::chrono::minutes open{9 * 60};    // 09:00 local
  std::chrono::minutes close{17 * 60};  // 17:00 local; must be > open, <= 24:00
  std::chrono::minutes per_day() const { return close - open; }
};

enum class Cutoff {
  end_of_day,    // deadline at 24:00 local of the due working day (default)
  office_close,  // deadline at OfficeHours::close of the due working day
};

struct DeadlinePolicy {
  OfficeHours hours{};
  Cutoff cutoff = Cutoff::end_of_day;
  UtcOffset offset{};  // China Standard Time by default
};

// A period during which the clock stood still, e.g. waiting for the applicant's 补齐补正.
struct Suspension {
  Instant begin;
  std::optional<Instant> end;  // nullopt: still suspended
};

struct Deadline {
  bool paused = false;             // an open suspension stopped the clock; no instant below
  Date due_date{};                 // valid when !paused
  Instant due{};                   // valid when !paused
  int counted_workdays = 0;        // working days counted so far (== span when !paused)
  bool provisional = false;        // a date outside the covered years was involved
};

// span_workdays >= 1 (calendar.span.invalid otherwise). Suspensions may be unsorted and may
// overlap; those beginning after the running deadline have no effect.
Result<Deadline> compute_deadline(const WorkdayCalendar& cal, Instant start, int span_workdays,
                                  std::span<const Suspension> suspensions,
                                  const DeadlinePolicy& policy = {});

// The instant at which a due date's counting window closes under the policy.
Instant cutoff_instant(Date due_date, const DeadlinePolicy& policy);

// Working time (within office hours on working days) from `from` to `to`; zero when to <= from.
Answer<std::chrono::minutes> working_time_between(const WorkdayCalendar& cal, Instant from, Instant to,
                                                  const DeadlinePolicy& policy = {});

}  // namespace zhishen::calendar
