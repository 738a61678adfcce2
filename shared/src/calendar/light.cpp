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

  double limit_minutes = 0;
  if (const auto* f = std::get_if<FractionOfSpan>(&threshold)) {
    const double fraction = std::clamp(f->fraction, 0.0, 1.0);
    limit_minutes = fraction * std::max(span_workdays, 1) * static_cast<double>(policy.hours.per_day().count());
  } else {
    limit_minutes = std::max(std::get<LastWorkingHours>(threshold).hours, 0.0) * 60.0;
  }
  if (static_cast<double>(left.value.count()) <= limit_minutes) out.light = Light::yellow;
  return out;
}

}  // namespace zhishen::calendar
