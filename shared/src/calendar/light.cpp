#include "zhishen/calendar/light.hpp"

#include <algorithm>
#include <cmath>

namespace zhishen::calendar {

std::string_view to_string(Light l) {
  switch (l) {
    case Light::green: return "green";
    case Light::yellow: return "yellow";
    case Light::red: return "red";
  }
  return "green";
}

namespace {

double threshold_minutes(const YellowThreshold& threshold, int span_workdays, const DeadlinePolicy& policy) {
  if (const auto* f = std::get_if<FractionOfSpan>(&threshold)) {
    const double fraction = std::clamp(f->fraction, 0.0, 1.0);
    return fraction * std::max(span_workdays, 1) * static_cast<double>(policy.hours.per_day().count());
  }
  return std::max(std::get<LastWorkingHours>(threshold).hours, 0.0) * 60.0;
}

}  // namespace

std::optional<Instant> yellow_from(const WorkdayCalendar& cal, const Deadline& deadline, int span_workdays,
                                   const YellowThreshold& threshold, const DeadlinePolicy& policy) {
  if (deadline.paused) return std::nullopt;
  auto remaining = std::chrono::minutes{static_cast<long>(threshold_minutes(threshold, span_workdays, policy))};
  // Walk back from the deadline over office hours on working days.
  Date d = local_date(deadline.due - std::chrono::seconds{1}, policy.offset);
  for (int guard = 0; guard < 36500; ++guard, d = d.prev()) {
    if (!cal.is_workday(d).value) continue;
    const Instant open = local_instant(d, policy.hours.open, policy.offset);
    const Instant close = std::min(local_instant(d, policy.hours.close, policy.offset), deadline.due);
    if (close <= open) continue;
    const auto available = std::chrono::duration_cast<std::chrono::minutes>(close - open);
    if (remaining < available) return close - remaining;
    if (remaining == available) {
      // Exactly the whole office day: yellow already from the previous working day's close.
      for (Date p = d.prev(); p.days_since(d) > -36500; p = p.prev()) {
        if (cal.is_workday(p).value) return local_instant(p, policy.hours.close, policy.offset);
      }
      return open;
    }
    remaining -= available;
  }
  return std::nullopt;
}

LightAnswer light_for(const WorkdayCalendar& cal, const Deadline& deadline, int span_workdays, Instant now,
                      const YellowThreshold& threshold, const DeadlinePolicy& policy) {
  LightAnswer out;
  out.provisional = deadline.provisional;
  if (deadline.paused) return out;
  if (now >= deadline.due) {
    out.light = Light::red;
    return out;
  }
  const auto left = working_time_between(cal, now, deadline.due, policy);
  out.working_time_left = left.value;
  out.provisional = out.provisional || left.provisional;

  const double limit_minutes = threshold_minutes(threshold, span_workdays, policy);
  if (static_cast<double>(left.value.count()) <= limit_minutes) out.light = Light::yellow;
  return out;
}

}  // namespace zhishen::calendar
