#include "zhishen/calendar/workday_calendar.hpp"

#include <algorithm>

namespace zhishen::calendar {
namespace {

constexpr int kMaxSpan = 36500;  // working days; a century is far beyond any statutory limit

// Weekdays (Mon–Fri) among the days with sys_days count in [0, m) measured from a Monday.
long weekdays_before(long m) {
  const long w = (m >= 0 ? m : m - 6) / 7;  // floor division
  const long r = m - 7 * w;
  return 5 * w + std::min(r, 5L);
}

// Mon–Fri days in (a, b], a <= b.
long weekday_count(Date a, Date b) {
  constexpr long kMondayOffset = 3;  // 1970-01-01 is a Thursday; 1969-12-29 is a Monday
  const long ia = a.days().time_since_epoch().count() + kMondayOffset;
  const long ib = b.days().time_since_epoch().count() + kMondayOffset;
  return weekdays_before(ib + 1) - weekdays_before(ia + 1);
}

}  // namespace

Result<WorkdayCalendar> WorkdayCalendar::build(std::vector<YearNotice> notices) {
  WorkdayCalendar cal;
  std::sort(notices.begin(), notices.end(), [](const YearNotice& x, const YearNotice& y) { return x.year < y.year; });
  for (const auto& n : notices) {
    if (!cal.covered_.insert(n.year).second) {
      return make_error("calendar.year.duplicate", "year " + std::to_string(n.year) + " is given twice");
    }
    for (const auto& rule : n.days) {
      auto [it, inserted] = cal.rules_.emplace(rule.date, rule);
      if (!inserted && it->second.off != rule.off) {
        return make_error("calendar.day.conflict",
                          rule.date.to_string() + " is both a day off and a working day in the notices");
      }
      if (!inserted && rule.date.year() == n.year) it->second = rule;  // a year's own notice wins for names
    }
  }
  cal.notices_ = std::move(notices);

  if (!cal.covered_.empty() || !cal.rules_.empty()) {
    int lo = cal.covered_.empty() ? cal.rules_.begin()->first.year() : *cal.covered_.begin();
    int hi = cal.covered_.empty() ? cal.rules_.rbegin()->first.year() : *cal.covered_.rbegin();
    if (!cal.rules_.empty()) {
      lo = std::min(lo, cal.rules_.begin()->first.year());
      hi = std::max(hi, cal.rules_.rbegin()->first.year());
    }
    cal.table_first_ = Date(lo, 1, 1);
    const Date last(hi, 12, 31);
    const auto size = static_cast<std::size_t>(last.days_since(cal.table_first_) + 1);
    cal.flags_.resize(size);
    cal.prefix_.resize(size + 1);
    Date d = cal.table_first_;
    for (std::size_t i = 0; i < size; ++i, d = d.next()) {
      auto it = cal.rules_.find(d);
      cal.flags_[i] = it != cal.rules_.end() ? !it->second.off : !d.is_weekend();
      cal.prefix_[i + 1] = cal.prefix_[i] + (cal.flags_[i] ? 1 : 0);
    }
  }
  return cal;
}

const DayRule* WorkdayCalendar::rule_for(Date d) const {
  auto it = rules_.find(d);
  return it == rules_.end() ? nullptr : &it->second;
}

bool WorkdayCalendar::table_workday(Date d) const {
  const long i = d.days_since(table_first_);
  if (i >= 0 && static_cast<std::size_t>(i) < flags_.size()) return flags_[static_cast<std::size_t>(i)];
  return !d.is_weekend();
}

Answer<bool> WorkdayCalendar::is_workday(Date d) const {
  return {table_workday(d), !covers(d.year()) && rule_for(d) == nullptr};
}

long WorkdayCalendar::count_workdays(Date a, Date b) const {
  if (flags_.empty()) return weekday_count(a, b);
  const Date table_last = table_first_.plus_days(static_cast<long>(flags_.size()) - 1);
  long total = 0;
  // Part before the table: (a, min(b, table_first_ - 1)].
  if (a < table_first_.prev()) total += weekday_count(a, std::min(b, table_first_.prev()));
  // Part inside the table: (max(a, table_first_ - 1), min(b, table_last)].
  const Date in_a = std::max(a, table_first_.prev());
  const Date in_b = std::min(b, table_last);
  if (in_a < in_b) {
    total += prefix_[static_cast<std::size_t>(in_b.days_since(table_first_) + 1)] -
             prefix_[static_cast<std::size_t>(in_a.days_since(table_first_) + 1)];
  }
  // Part after the table: (max(a, table_last), b].
  if (table_last < b) total += weekday_count(std::max(a, table_last), b);
  return total;
}

bool WorkdayCalendar::range_provisional(Date first, Date last) const {
  for (int y = first.year(); y <= last.year(); ++y) {
    if (!covers(y)) return true;
  }
  return false;
}

Answer<long> WorkdayCalendar::workdays_between(Date a, Date b) const {
  if (a == b) return {0, false};
  if (b < a) {
    auto r = workdays_between(b, a);
    return {-r.value, r.provisional};
  }
  return {count_workdays(a, b), range_provisional(a.next(), b)};
}

Result<Answer<Date>> WorkdayCalendar::add_workdays(Date from, int n) const {
  if (n < 1 || n > kMaxSpan) {
    return make_error("calendar.span.invalid", "a span must be 1.." + std::to_string(kMaxSpan) + " working days");
  }
  const Date limit(9999, 12, 31);
  Date d = from;
  int found = 0;
  while (found < n) {
    if (d >= limit) return make_error("calendar.span.invalid", "the result lies beyond year 9999");
    d = d.next();
    if (table_workday(d)) ++found;
  }
  return Answer<Date>{d, range_provisional(from.next(), d)};
}

}  // namespace zhishen::calendar
