#pragma once
// Deadlines and lights of a case: its clock records (deadline_clock.hpp) evaluated on the
// working-day calendar (calendar/deadline.hpp, calendar/light.hpp). Nothing is stored: call again
// after the calendar is edited and every deadline follows.
//
// A case's light is the worst light of its running clocks (red > yellow > green); a case with no
// running clock is green. A stopped clock reports whether it stopped after its deadline (late),
// which the efficiency statistics count as overdue.
//
// Thread-safety: pure functions.

#include <vector>

#include "zhishen/calendar/light.hpp"
#include "zhishen/lifecycle/case_record.hpp"

namespace zhishen::lifecycle {

struct ClockStatus {
  DeadlineKind kind = DeadlineKind::decision;
  calendar::Deadline deadline;    // deadline.paused while an open suspension stops the clock
  bool running = false;
  calendar::LightAnswer light;    // meaningful when running
  bool finished_late = false;     // stopped after its deadline instant (stopped clocks only)
};

struct DeadlineView {
  calendar::DeadlinePolicy policy{};
  calendar::YellowThreshold threshold = calendar::FractionOfSpan{0.25};
};

Result<calendar::Deadline> deadline_of(const ClockRecord& clock, const calendar::WorkdayCalendar& cal,
                                       const calendar::DeadlinePolicy& policy = {});

// Every clock of the case (running and stopped), in the order they were started.
Result<std::vector<ClockStatus>> clock_statuses(const CaseRecord& c, const calendar::WorkdayCalendar& cal,
                                                Instant now, const DeadlineView& view = {});

// The worst light among the running clocks; green when none runs.
calendar::Light case_light(const std::vector<ClockStatus>& statuses);

// What the store keeps for queries: the earliest running deadline, the earliest instant a running
// clock turns yellow, and the light now. Recomputed whenever the case or the calendar changes.
struct DerivedDeadlines {
  std::optional<Instant> due_at;
  std::optional<Instant> yellow_at;
  calendar::Light light = calendar::Light::green;
};
Result<DerivedDeadlines> derive_deadlines(const CaseRecord& c, const calendar::WorkdayCalendar& cal, Instant now,
                                          const DeadlineView& view = {});

}  // namespace zhishen::lifecycle
