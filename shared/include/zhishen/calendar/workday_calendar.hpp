#pragma once
// WorkdayCalendar: the official working-day calendar (工作日历) of the State Council notices.
//
// A date listed by a loaded year with off = true is a day off (holiday block); listed with
// off = false it is a working day (调休, an adjusted weekend working day); unlisted dates follow
// the Monday–Friday rule. Dates in years no loaded file covers are answered with the
// Monday–Friday rule and marked provisional (warning id calendar.year_not_covered).
//
// Ownership: a calendar is an immutable value once built; editing means building a new one
// (deadlines are pure functions of the calendar, so every deadline can be recomputed).
// Thread-safety: const member functions may be called from any number of threads.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "zhishen/core/date.hpp"
#include "zhishen/core/error.hpp"

namespace zhishen::calendar {

inline constexpr const char* kYearNotCovered = "calendar.year_not_covered";

struct DayRule {
  Date date;
  bool off = false;   // true: day off; false: adjusted working day (调休上班)
  std::string name;   // e.g. "春节"
};

// One year's notice as published (holiday-cn format: {"year","papers","days"}).
struct YearNotice {
  int year = 0;
  std::vector<std::string> papers;  // URLs of the State Council notices
  std::vector<DayRule> days;        // may include dates of the neighbouring years
};

// An answer that may rest on the Monday–Friday fallback for a year no notice covers.
template <class T>
struct Answer {
  T value{};
  bool provisional = false;  // true when a date outside the covered years was involved
};

class WorkdayCalendar {
 public:
  WorkdayCalendar() = default;  // covers no year: every answer is provisional Mon–Fri

  // Builds a calendar from notices. A year given twice, or the same date given conflicting
  // rules by two notices, is an error (calendar.year.duplicate, calendar.day.conflict). When a
  // notice lists a date of a neighbouring year and that year's own notice lists it too, they
  // must agree; a neighbouring-year date is honoured even if its own year is not loaded.
  static Result<WorkdayCalendar> build(std::vector<YearNotice> notices);

  Answer<bool> is_workday(Date d) const;

  // The n-th working day strictly after `from` (the start date never counts), n >= 1.
  // n < 1 or a result beyond year 9999 is an error (calendar.span.invalid).
  Result<Answer<Date>> add_workdays(Date from, int n) const;

  // Number of working days d with a < d <= b; negative (minus the count of b < d <= a) when b < a.
  // Invariant: workdays_between(a, add_workdays(a, n)) == n.
  Answer<long> workdays_between(Date a, Date b) const;

  bool covers(int year) const { return covered_.count(year) != 0; }
  const std::set<int>& covered_years() const { return covered_; }
  const std::vector<YearNotice>& notices() const { return notices_; }
  // The rule listed for a date, or nullptr if the date follows Monday–Friday.
  const DayRule* rule_for(Date d) const;

 private:
  bool table_workday(Date d) const;          // Mon–Fri or the listed rule, no provisional flag
  long count_workdays(Date a, Date b) const;  // working days in (a, b], a <= b
  bool range_provisional(Date first, Date last) const;

  std::vector<YearNotice> notices_;
  std::map<Date, DayRule> rules_;
  std::set<int> covered_;
  // Dense table over [table_first_, table_first_ + flags_.size()): workday flags and prefix counts
  // (prefix_[i] = working days among the first i days), so counting is O(1).
  Date table_first_{};
  std::vector<bool> flags_;
  std::vector<long> prefix_;
};

}  // namespace zhishen::calendar
