#include "zhishen/calendar/deadline.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "calendar_fixture.hpp"
#include "zhishen/calendar/holiday_files.hpp"

namespace zhishen::calendar {
namespace {

using testing::D;
using testing::shipped_calendar;
using testing::T;

Deadline due(Instant start, int span, std::vector<Suspension> s = {}, const DeadlinePolicy& p = {},
             const WorkdayCalendar& cal = shipped_calendar()) {
  auto r = compute_deadline(cal, start, span, s, p);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().id);
  return r.ok() ? r.value() : Deadline{};
}

TEST(Deadline, EndOfTheDueWorkingDayByDefault) {
  // Submitted Wednesday 2024-03-13 10:00, 1 working day: due Thursday 24:00 (= Friday 00:00 local).
  const auto d = due(T("2024-03-13", 10), 1);
  EXPECT_FALSE(d.paused);
  EXPECT_EQ(d.due_date, D("2024-03-14"));
  EXPECT_EQ(d.due, T("2024-03-15", 0));
  EXPECT_EQ(format_instant(d.due, UtcOffset{}), "2024-03-15T00:00:00+08:00");
}

TEST(Deadline, OfficeCloseCutoffIsConfigurable) {
  DeadlinePolicy p;
  p.cutoff = Cutoff::office_close;
  p.hours.close = std::chrono::minutes{17 * 60 + 30};
  const auto d = due(T("2024-03-13", 10), 1, {}, p);
  EXPECT_EQ(d.due, T("2024-03-14", 17, 30));
}

TEST(Deadline, LateNightSubmissionUsesTheLocalDate) {
  // 2024-03-13 23:30 +08:00 is 15:30 UTC the same day; 2024-03-14 00:30 +08:00 is still 03-13 in UTC.
  EXPECT_EQ(due(T("2024-03-13", 23, 30), 1).due_date, D("2024-03-14"));
  EXPECT_EQ(due(T("2024-03-14", 0, 30), 1).due_date, D("2024-03-15"));
}

TEST(Deadline, SpanOverTheSpringFestivalBlock) {
  // Submitted Thu 2024-02-08, 5 working days: 02-09, 02-18 (调休 Sunday), 02-19, 02-20, 02-21.
  EXPECT_EQ(due(T("2024-02-08", 15), 5).due_date, D("2024-02-21"));
}

TEST(Deadline, SuspensionStopsTheClock) {
  // Submitted Mon 2024-03-11 09:00, 5 working days, no suspension: due Mon 03-18.
  EXPECT_EQ(due(T("2024-03-11", 9), 5).due_date, D("2024-03-18"));
  // Suspended (补齐补正) from Tue 03-12 10:00 to Thu 03-14 16:00: Tue, Wed and Thu do not count.
  // Counted: 03-15, 03-18, 03-19, 03-20, 03-21.
  const auto d = due(T("2024-03-11", 9), 5, {{T("2024-03-12", 10), T("2024-03-14", 16)}});
  EXPECT_EQ(d.due_date, D("2024-03-21"));
  EXPECT_EQ(d.counted_workdays, 5);
}

TEST(Deadline, SuspensionSpanningAHoliday) {
  // Submitted Mon 2024-09-23, 5 working days. Suspended Fri 09-27 11:00 .. Tue 10-08 09:30, over the
  // National Day block. Counted: 09-24, 09-25, 09-26; then 09-27 (touched), 09-29 (调休 Sunday,
  // inside the suspension), 09-30 (inside), 10-08 (touched); then 10-09, 10-10 -> due 10-10.
  const auto d = due(T("2024-09-23", 9), 5, {{T("2024-09-27", 11), T("2024-10-08", 9, 30)}});
  EXPECT_EQ(d.due_date, D("2024-10-10"));
}

TEST(Deadline, SuspensionOnNonWorkingDaysOnlyChangesNothing) {
  const auto plain = due(T("2024-03-11", 9), 5);
  const auto d = due(T("2024-03-11", 9), 5, {{T("2024-03-16", 10), T("2024-03-17", 18)}});
  EXPECT_EQ(d.due, plain.due);
}

TEST(Deadline, SuspensionAfterTheDeadlineHasNoEffect) {
  const auto plain = due(T("2024-03-11", 9), 2);  // due 03-13 24:00
  const auto d = due(T("2024-03-11", 9), 2, {{T("2024-03-14", 10), T("2024-03-20", 10)}});
  EXPECT_EQ(d.due, plain.due);
  // With the office-close cut-off, a suspension starting after 17:00 on the due day is too late.
  DeadlinePolicy p;
  p.cutoff = Cutoff::office_close;
  const auto late = due(T("2024-03-11", 9), 2, {{T("2024-03-13", 18), T("2024-03-15", 10)}}, p);
  EXPECT_EQ(late.due, T("2024-03-13", 17));
}

TEST(Deadline, OverlappingAndUnsortedSuspensions) {
  const auto a = due(T("2024-03-11", 9), 5, {{T("2024-03-14", 10), T("2024-03-15", 10)},
                                              {T("2024-03-12", 10), T("2024-03-14", 12)}});
  const auto b = due(T("2024-03-11", 9), 5, {{T("2024-03-12", 10), T("2024-03-15", 10)}});
  EXPECT_EQ(a.due, b.due);
  EXPECT_EQ(b.due_date, D("2024-03-22"));  // 03-12..03-15 touched; 18, 19, 20, 21, 22
}

TEST(Deadline, OpenSuspensionPausesTheClock) {
  const auto d = due(T("2024-03-11", 9), 5, {{T("2024-03-13", 10), std::nullopt}});
  EXPECT_TRUE(d.paused);
  EXPECT_EQ(d.counted_workdays, 1);  // only 03-12 counted before the clock stopped
  // An open suspension beginning after the deadline does not pause anything.
  const auto after = due(T("2024-03-11", 9), 1, {{T("2024-03-20", 10), std::nullopt}});
  EXPECT_FALSE(after.paused);
  EXPECT_EQ(after.due_date, D("2024-03-12"));
}

TEST(Deadline, RecomputedAfterACalendarEdit) {
  // An administrator learns 2027's notice: suppose 2027-01-04 (Mon) becomes a day off.
  auto base = load_holiday_dir(ZHISHEN_HOLIDAYS_DIR);
  ASSERT_TRUE(base.ok());
  const Instant start = T("2026-12-31", 10);
  const auto before = due(start, 2, {}, {}, *base);
  EXPECT_TRUE(before.provisional);
  EXPECT_EQ(before.due_date, D("2027-01-04"));  // 01-01 (Fri, provisional workday), 01-04

  std::vector<YearNotice> notices = base->notices();
  notices.push_back(YearNotice{2027, {}, {{D("2027-01-01"), true, "元旦"}, {D("2027-01-04"), true, "测试"}}});
  auto edited = WorkdayCalendar::build(notices);
  ASSERT_TRUE(edited.ok());
  const auto after = due(start, 2, {}, {}, *edited);
  EXPECT_FALSE(after.provisional);
  EXPECT_EQ(after.due_date, D("2027-01-06"));  // 01-05, 01-06
}

TEST(Deadline, BadInputsAreErrors) {
  const auto& cal = shipped_calendar();
  EXPECT_EQ(compute_deadline(cal, T("2024-03-11", 9), 0, {}).error().id, "calendar.span.invalid");
  std::vector<Suspension> backwards{{T("2024-03-12", 10), T("2024-03-11", 10)}};
  EXPECT_EQ(compute_deadline(cal, T("2024-03-11", 9), 3, backwards).error().id, "calendar.suspension.invalid");
  DeadlinePolicy p;
  p.hours.open = std::chrono::minutes{18 * 60};
  EXPECT_EQ(compute_deadline(cal, T("2024-03-11", 9), 3, {}, p).error().id, "calendar.policy.invalid");
}

TEST(Deadline, WorkingTimeBetweenCountsOfficeHoursOnWorkingDays) {
  const auto& cal = shipped_calendar();
  using std::chrono::minutes;
  // Fri 2024-03-15 16:00 -> Mon 2024-03-18 10:00: 1 h Friday + 1 h Monday.
  EXPECT_EQ(working_time_between(cal, T("2024-03-15", 16), T("2024-03-18", 10)).value, minutes{120});
  // Over the whole Spring Festival block only the two working days before/after count.
  EXPECT_EQ(working_time_between(cal, T("2024-02-09", 17), T("2024-02-18", 9)).value, minutes{0});
  EXPECT_EQ(working_time_between(cal, T("2024-03-15", 10), T("2024-03-15", 9)).value, minutes{0});
}

}  // namespace
}  // namespace zhishen::calendar
