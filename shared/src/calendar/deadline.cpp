#include "zhishen/calendar/deadline.hpp"

#include <algorithm>

namespace zhishen::calendar {
namespace {

constexpr long kMaxWalkDays = 36500 * 2;

Status validate(const DeadlinePolicy& p) {
  using std::chrono::minutes;
  if (p.hours.open < minutes{0} || p.hours.close > minutes{24 * 60} || p.hours.open >= p.hours.close) {
    return make_error("calendar.policy.invalid", "office hours must satisfy 00:00 <= open < close <= 24:00");
  }
  if (p.offset.minutes < minutes{-18 * 60} || p.offset.minutes > minutes{18 * 60}) {
    return make_error("calendar.policy.invalid", "UTC offset out of range");
  }
  return {};
}

}  // namespace

Instant cutoff_instant(Date due_date, const DeadlinePolicy& policy) {
  const auto tod = policy.cutoff == Cutoff::end_of_day ? std::chrono::minutes{24 * 60} : policy.hours.close;
  return local_instant(due_date, tod, policy.offset);
}

Result<Deadline> compute_deadline(const WorkdayCalendar& cal, Instant start, int span_workdays,
                                  std::span<const Suspension> suspensions, const DeadlinePolicy& policy) {
  if (span_workdays < 1 || span_workdays > 36500) {
    return make_error("calendar.span.invalid", "a span must be at least 1 working day");
  }
  if (auto st = validate(policy); !st) return st.error();
  for (const auto& s : suspensions) {
    if (s.end && *s.end < s.begin) return make_error("calendar.suspension.invalid", "a suspension ends before it begins");
  }

  Deadline out;
  Date d = local_date(start, policy.offset);
  for (long step = 0; step < kMaxWalkDays; ++step) {
    d = d.next();
    const auto workday = cal.is_workday(d);
    out.provisional = out.provisional || workday.provisional;
    if (!workday.value) continue;
    const Instant window_begin = local_instant(d, std::chrono::minutes{0}, policy.offset);
    const Instant window_end = cutoff_instant(d, policy);
    bool touched = false;
    for (const auto& s : suspensions) {
      if (s.begin >= window_end) continue;
      if (!s.end) {  // open suspension reaching into a day the clock still needs: paused
        out.paused = true;
        return out;
      }
      if (*s.end > window_begin) touched = true;
    }
    if (touched) continue;
    if (++out.counted_workdays == span_workdays) {
      out.due_date = d;
      out.due = window_end;
      return out;
    }
  }
  return make_error("calendar.span.invalid", "the deadline lies too far in the future");
}

Answer<std::chrono::minutes> working_time_between(const WorkdayCalendar& cal, Instant from, Instant to,
                                                  const DeadlinePolicy& policy) {
  Answer<std::chrono::minutes> out{std::chrono::minutes{0}, false};
  if (to <= from || !validate(policy)) return out;
  const Date last = local_date(to, policy.offset);
  for (Date d = local_date(from, policy.offset); d <= last; d = d.next()) {
    const auto workday = cal.is_workday(d);
    out.provisional = out.provisional || workday.provisional;
    if (!workday.value) continue;
    const Instant open = local_instant(d, policy.hours.open, policy.offset);
    const Instant close = local_instant(d, policy.hours.close, policy.offset);
    const Instant a = std::max(open, from);
    const Instant b = std::min(close, to);
    if (b > a) out.value += std::chrono::duration_cast<std::chrono::minutes>(b - a);
  }
  return out;
}

}  // namespace zhishen::calendar
