#include "zhishen/calendar/workday_calendar.hpp"

#include <gtest/gtest.h>

#include "calendar_fixture.hpp"

namespace zhishen::calendar {
namespace {

using testing::D;
using testing::shipped_calendar;

TEST(WorkdayCalendar, ShipsEveryYearFrom2007To2026) {
  for (int y = 2007; y <= 2026; ++y) EXPECT_TRUE(shipped_calendar().covers(y)) << y;
  EXPECT_FALSE(shipped_calendar().covers(2006));
  EXPECT_FALSE(shipped_calendar().covers(2027));
}

TEST(WorkdayCalendar, SpringFestival2024Block) {
  const auto& cal = shipped_calendar();
  // 2024-02-10 .. 2024-02-17 off; Sun 02-04 and Sun 02-18 are adjusted working days (调休).
  for (const char* off : {"2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15",
                          "2024-02-16", "2024-02-17"}) {
    EXPECT_FALSE(cal.is_workday(D(off)).value) << off;
  }
  EXPECT_TRUE(cal.is_workday(D("2024-02-04")).value);
  EXPECT_TRUE(cal.is_workday(D("2024-02-18")).value);
  EXPECT_TRUE(cal.is_workday(D("2024-02-09")).value);  // Friday before the block: listed? no; a weekday
  EXPECT_FALSE(cal.is_workday(D("2024-02-09")).provisional);
}

TEST(WorkdayCalendar, NationalDay2025BlockAndAdjustedSaturday) {
  const auto& cal = shipped_calendar();
  // 2025: 10-01 .. 10-08 off (National Day with Mid-Autumn); Sun 09-28 and Sat 10-11 work.
  for (int day = 1; day <= 8; ++day) EXPECT_FALSE(cal.is_workday(Date(2025, 10, static_cast<unsigned>(day))).value) << day;
  EXPECT_TRUE(cal.is_workday(D("2025-09-28")).value);
  EXPECT_TRUE(cal.is_workday(D("2025-10-11")).value);
  EXPECT_EQ(D("2025-10-11").iso_weekday(), 6u);  // a Saturday that is a working day
  EXPECT_FALSE(cal.is_workday(D("2025-10-12")).value);
  EXPECT_TRUE(cal.is_workday(D("2025-10-09")).value);
}

TEST(WorkdayCalendar, UnlistedDatesFollowMondayToFriday) {
  const auto& cal = shipped_calendar();
  EXPECT_TRUE(cal.is_workday(D("2024-03-13")).value);   // Wednesday
  EXPECT_FALSE(cal.is_workday(D("2024-03-16")).value);  // Saturday
  EXPECT_FALSE(cal.is_workday(D("2024-03-17")).value);  // Sunday
}

TEST(WorkdayCalendar, NeighbouringYearDatesListedByANoticeAreHonoured) {
  const auto& cal = shipped_calendar();
  // The 2007 notice makes 2006-12-30 (Sat) and 2006-12-31 (Sun) working days for New Year 2007.
  const auto a = cal.is_workday(D("2006-12-30"));
  EXPECT_TRUE(a.value);
  EXPECT_FALSE(a.provisional);
  // An unlisted 2006 date is answered Mon–Fri, provisionally.
  const auto b = cal.is_workday(D("2006-12-29"));
  EXPECT_TRUE(b.value);
  EXPECT_TRUE(b.provisional);
}

TEST(WorkdayCalendar, YearsNotCoveredAreProvisionalMondayToFriday) {
  const auto& cal = shipped_calendar();
  const auto a = cal.is_workday(D("2027-01-01"));  // New Year's Day 2027 is a Friday; no notice yet
  EXPECT_TRUE(a.value);
  EXPECT_TRUE(a.provisional);
  EXPECT_FALSE(cal.is_workday(D("2027-01-02")).value);
  EXPECT_FALSE(cal.is_workday(D("2026-01-01")).provisional);
  const WorkdayCalendar empty;
  EXPECT_TRUE(empty.is_workday(D("2024-02-12")).value);  // Monday; without data it is a workday
  EXPECT_TRUE(empty.is_workday(D("2024-02-12")).provisional);
}

TEST(WorkdayCalendar, AddWorkdaysStartDateNeverCounts) {
  const auto& cal = shipped_calendar();
  // From a Friday: the next working day is Monday.
  EXPECT_EQ(cal.add_workdays(D("2024-03-15"), 1)->value, D("2024-03-18"));
  // From a Saturday: the start date does not count either.
  EXPECT_EQ(cal.add_workdays(D("2024-03-16"), 1)->value, D("2024-03-18"));
  // From a working day: 1 working day later is the next working day.
  EXPECT_EQ(cal.add_workdays(D("2024-03-13"), 1)->value, D("2024-03-14"));
  EXPECT_EQ(cal.add_workdays(D("2024-03-13"), 5)->value, D("2024-03-20"));
}

TEST(WorkdayCalendar, AddWorkdaysAcrossSpringFestival2024) {
  const auto& cal = shipped_calendar();
  // Thu 02-08 + 1 -> Fri 02-09; + 2 -> Sun 02-18 (adjusted working day); + 3 -> Mon 02-19.
  EXPECT_EQ(cal.add_workdays(D("2024-02-08"), 1)->value, D("2024-02-09"));
  EXPECT_EQ(cal.add_workdays(D("2024-02-08"), 2)->value, D("2024-02-18"));
  EXPECT_EQ(cal.add_workdays(D("2024-02-08"), 3)->value, D("2024-02-19"));
  // Starting inside the holiday block.
  EXPECT_EQ(cal.add_workdays(D("2024-02-12"), 1)->value, D("2024-02-18"));
  // The adjusted Sunday before the block: 02-03 (Sat) + 1 -> 02-04 (Sun, working).
  EXPECT_EQ(cal.add_workdays(D("2024-02-03"), 1)->value, D("2024-02-04"));
}

TEST(WorkdayCalendar, AddWorkdaysAcrossNationalDay2024) {
  const auto& cal = shipped_calendar();
  // 2024: 09-29 (Sun) and 10-12 (Sat) work; 10-01..10-07 off.
  EXPECT_EQ(cal.add_workdays(D("2024-09-27"), 1)->value, D("2024-09-29"));
  EXPECT_EQ(cal.add_workdays(D("2024-09-29"), 1)->value, D("2024-09-30"));
  EXPECT_EQ(cal.add_workdays(D("2024-09-30"), 1)->value, D("2024-10-08"));
  EXPECT_EQ(cal.add_workdays(D("2024-09-30"), 5)->value, D("2024-10-12"));
}

TEST(WorkdayCalendar, AddWorkdaysAcrossTheYearBoundary) {
  const auto& cal = shipped_calendar();
  // 2024-12-31 (Tue) + 1: 2025-01-01 is New Year's Day -> 2025-01-02.
  const auto r = cal.add_workdays(D("2024-12-31"), 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->value, D("2025-01-02"));
  EXPECT_FALSE(r->provisional);
  // Into a year with no notice: provisional.
  const auto p = cal.add_workdays(D("2026-12-30"), 3);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->value, D("2027-01-04"));
  EXPECT_TRUE(p->provisional);
}

TEST(WorkdayCalendar, AddWorkdaysRejectsBadSpans) {
  const auto& cal = shipped_calendar();
  EXPECT_EQ(cal.add_workdays(D("2024-01-01"), 0).error().id, "calendar.span.invalid");
  EXPECT_EQ(cal.add_workdays(D("2024-01-01"), -3).error().id, "calendar.span.invalid");
  EXPECT_EQ(cal.add_workdays(D("9999-12-30"), 5).error().id, "calendar.span.invalid");
}

TEST(WorkdayCalendar, WorkdaysBetween) {
  const auto& cal = shipped_calendar();
  EXPECT_EQ(cal.workdays_between(D("2024-03-13"), D("2024-03-13")).value, 0);
  EXPECT_EQ(cal.workdays_between(D("2024-03-15"), D("2024-03-18")).value, 1);
  EXPECT_EQ(cal.workdays_between(D("2024-03-18"), D("2024-03-15")).value, -1);
  // February 2024: 29 days, 21 weekdays, minus 5 weekday holidays (12–16), plus Sun 02-04 and 02-18.
  EXPECT_EQ(cal.workdays_between(D("2024-01-31"), D("2024-02-29")).value, 18);
  // A whole year: 2024 has 251 working days per the State Council notice.
  EXPECT_EQ(cal.workdays_between(D("2023-12-31"), D("2024-12-31")).value, 251);
}

TEST(WorkdayCalendar, WorkdaysBetweenInvertsAddWorkdaysEverywhere) {
  const auto& cal = shipped_calendar();
  // Every start date from 2006-12-01 to 2027-01-31 and several spans, crossing the table edges.
  for (Date d = D("2006-12-01"); d <= D("2027-01-31"); d = d.plus_days(3)) {
    for (int n : {1, 2, 5, 20, 60}) {
      const auto r = cal.add_workdays(d, n);
      ASSERT_TRUE(r.ok());
      ASSERT_EQ(cal.workdays_between(d, r->value).value, n) << d.to_string() << " + " << n;
      ASSERT_TRUE(cal.is_workday(r->value).value);
    }
  }
}

TEST(WorkdayCalendar, MondayToFridayCountingFarOutsideTheTable) {
  const auto& cal = shipped_calendar();
  // 1990-01-01 was a Monday; 52 whole weeks later 260 weekdays have passed.
  EXPECT_EQ(cal.workdays_between(D("1989-12-31"), D("1990-12-30")).value, 260);
  EXPECT_TRUE(cal.workdays_between(D("1989-12-31"), D("1990-12-30")).provisional);
  EXPECT_EQ(cal.workdays_between(D("0001-01-01"), D("9999-12-31")).value > 2'000'000, true);
}

TEST(WorkdayCalendar, BuildRejectsConflictsAndDuplicateYears) {
  YearNotice a{2030, {}, {{Date(2030, 1, 1), true, "元旦"}}};
  YearNotice b{2030, {}, {}};
  EXPECT_EQ(WorkdayCalendar::build({a, b}).error().id, "calendar.year.duplicate");
  YearNotice c{2031, {}, {{Date(2030, 1, 1), false, "元旦"}}};
  EXPECT_EQ(WorkdayCalendar::build({a, c}).error().id, "calendar.day.conflict");
  YearNotice d{2031, {}, {{Date(2030, 1, 1), true, "元旦"}}};
  EXPECT_TRUE(WorkdayCalendar::build({a, d}).ok());
}

}  // namespace
}  // namespace zhishen::calendar
