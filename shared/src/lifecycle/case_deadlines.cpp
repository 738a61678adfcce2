#include "zhishen/lifecycle/case_deadlines.hpp"

namespace zhishen::lifecycle {

Result<calendar::Deadline> deadline_of(const ClockRecord& clock, const calendar::WorkdayCalendar& cal,
                                       const calendar::DeadlinePolicy& policy) {
  return calendar::compute_deadline(cal, clock.started, clock.span_workdays, clock.suspensions, policy);
}

Result<std::vector<ClockStatus>> clock_statuses(const CaseRecord& c, const calendar::WorkdayCalendar& cal,
                                                Instant now, const DeadlineView& view) {
  std::vector<ClockStatus> out;
  out.reserve(c.clocks.size());
  for (const auto& clock : c.clocks) {
    auto d = deadline_of(clock, cal, view.policy);
    if (!d) return d.error();
    ClockStatus s;
    s.kind = clock.kind;
    s.deadline = *d;
    s.running = clock.running();
    if (s.running) {
      s.light = calendar::light_for(cal, *d, clock.span_workdays, now, view.threshold, view.policy);
    } else {
      s.finished_late = !d->paused && *clock.stopped > d->due;
    }
    out.push_back(s);
  }
  return out;
}

calendar::Light case_light(const std::vector<ClockStatus>& statuses) {
  auto worst = calendar::Light::green;
  for (const auto& s : statuses) {
    if (!s.running) continue;
    if (s.light.light == calendar::Light::red) return calendar::Light::red;
    if (s.light.light == calendar::Light::yellow) worst = calendar::Light::yellow;
  }
  return worst;
}

Result<DerivedDeadlines> derive_deadlines(const CaseRecord& c, const calendar::WorkdayCalendar& cal, Instant now,
                                          const DeadlineView& view) {
  auto statuses = clock_statuses(c, cal, now, view);
  if (!statuses) return statuses.error();
  DerivedDeadlines out;
  out.light = case_light(*statuses);
  for (std::size_t i = 0; i < statuses->size(); ++i) {
    const auto& s = (*statuses)[i];
    if (!s.running || s.deadline.paused) continue;
    if (!out.due_at || s.deadline.due < *out.due_at) out.due_at = s.deadline.due;
    auto y = calendar::yellow_from(cal, s.deadline, c.clocks[i].span_workdays, view.threshold, view.policy);
    if (y && (!out.yellow_at || *y < *out.yellow_at)) out.yellow_at = y;
  }
  return out;
}

}  // namespace zhishen::lifecycle
