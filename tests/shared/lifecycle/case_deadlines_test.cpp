#include "zhishen/lifecycle/case_deadlines.hpp"

#include <gtest/gtest.h>

#include "../calendar/calendar_fixture.hpp"
#include "zhishen/lifecycle/case_machine.hpp"

namespace zhishen::lifecycle {
namespace {

using calendar::Light;
using calendar::testing::D;
using calendar::testing::shipped_calendar;
using calendar::testing::T;

CaseRecord step(const CaseRecord& c, Action a, Role r, Instant at) {
  auto next = apply(c, TransitionRequest{a, r, "tester", at, "理由", "依据", false});
  EXPECT_TRUE(next.ok()) << (next.ok() ? "" : next.error().id);
  return next.ok() ? next.value() : c;
}

const ClockStatus& of_kind(const std::vector<ClockStatus>& s, DeadlineKind k) {
  for (const auto& x : s) {
    if (x.kind == k) return x;
  }
  static const ClockStatus none;
  ADD_FAILURE() << "no clock of kind " << to_string(k);
  return none;
}

TEST(CaseDeadlines, CorrectionStopsTheDecisionClockAndLightsFollow) {
  CaseTerms terms;
  terms.commitment_span_workdays = 5;
  CaseRecord c = open_case(terms, T("2024-03-11", 9));
  c = step(c, Action::request_correction, Role::reviewer, T("2024-03-12", 10));
  // While the applicant is correcting, the clock is paused and the case is green.
  auto s = clock_statuses(c, shipped_calendar(), T("2024-03-13", 12));
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(of_kind(*s, DeadlineKind::decision).deadline.paused);
  EXPECT_EQ(case_light(*s), Light::green);

  c = step(c, Action::resubmit, Role::applicant, T("2024-03-14", 16));
  c = step(c, Action::route_manual, Role::system, T("2024-03-14", 16));
  s = clock_statuses(c, shipped_calendar(), T("2024-03-20", 12));
  ASSERT_TRUE(s.ok());
  const auto& decision = of_kind(*s, DeadlineKind::decision);
  EXPECT_EQ(decision.deadline.due_date, D("2024-03-21"));  // extended by the suspended 12th–14th
  EXPECT_EQ(case_light(*s), Light::green);                 // 13 working hours left of 40
  EXPECT_EQ(case_light(*clock_statuses(c, shipped_calendar(), T("2024-03-21", 10))), Light::yellow);
  EXPECT_EQ(case_light(*clock_statuses(c, shipped_calendar(), T("2024-03-22", 0))), Light::red);

  // Decided a day late: the stopped clock says so.
  c = step(c, Action::manual_approve, Role::approver, T("2024-03-22", 9));
  s = clock_statuses(c, shipped_calendar(), T("2024-03-22", 9));
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(of_kind(*s, DeadlineKind::decision).running);
  EXPECT_TRUE(of_kind(*s, DeadlineKind::decision).finished_late);
  EXPECT_EQ(case_light(*s), Light::green);  // nothing running
}

TEST(CaseDeadlines, RecheckClockIsOneWorkingDay) {
  CaseRecord c = open_case(CaseTerms{}, T("2024-03-15", 16));
  c = step(c, Action::auto_approve, Role::system, T("2024-03-15", 16));  // Friday afternoon
  auto at = [&](Instant now) { return case_light(*clock_statuses(c, shipped_calendar(), now)); };
  const auto s = clock_statuses(c, shipped_calendar(), T("2024-03-18", 10));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(of_kind(*s, DeadlineKind::recheck).deadline.due_date, D("2024-03-18"));  // Monday
  EXPECT_EQ(at(T("2024-03-18", 10)), Light::green);   // 7 h left, threshold 2 h
  EXPECT_EQ(at(T("2024-03-18", 16)), Light::yellow);  // 1 h left
  EXPECT_EQ(at(T("2024-03-19", 0)), Light::red);
  c = step(c, Action::confirm_recheck, Role::reviewer, T("2024-03-18", 11));
  const auto done = clock_statuses(c, shipped_calendar(), T("2024-03-25", 0));
  ASSERT_TRUE(done.ok());
  EXPECT_FALSE(of_kind(*done, DeadlineKind::recheck).finished_late);
  EXPECT_EQ(case_light(*done), Light::green);
}

TEST(CaseDeadlines, LastWorkingHoursThresholdFromTheView) {
  CaseRecord c = open_case(CaseTerms{}, T("2024-03-11", 9));  // 5 days: due Mon 03-18
  DeadlineView view;
  view.threshold = calendar::LastWorkingHours{16};
  EXPECT_EQ(case_light(*clock_statuses(c, shipped_calendar(), T("2024-03-15", 8), view)), Light::yellow);
  EXPECT_EQ(case_light(*clock_statuses(c, shipped_calendar(), T("2024-03-14", 8), view)), Light::green);
}

}  // namespace
}  // namespace zhishen::lifecycle

namespace zhishen::lifecycle {
namespace {

TEST(CaseDeadlines, DerivedColumnsForTheStore) {
  using calendar::testing::T;
  CaseRecord c = open_case(CaseTerms{}, T("2024-03-11", 9));  // decision clock, 5 days: due Mon 03-18 24:00
  auto d = derive_deadlines(c, calendar::testing::shipped_calendar(), T("2024-03-11", 10));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->due_at, T("2024-03-19", 0));
  EXPECT_EQ(d->yellow_at, T("2024-03-15", 15));  // the last 10 of 40 working hours: Mon 8 h + Fri 2 h
  EXPECT_EQ(d->light, calendar::Light::green);
  c = apply(c, TransitionRequest{Action::auto_approve, Role::system, "system", T("2024-03-11", 10), "", "", false}).value();
  d = derive_deadlines(c, calendar::testing::shipped_calendar(), T("2024-03-11", 10));
  EXPECT_EQ(d->due_at, T("2024-03-13", 0));  // re-check: 1 working day, Tue 03-12 24:00
  c = apply(c, TransitionRequest{Action::confirm_recheck, Role::reviewer, "r", T("2024-03-12", 9), "", "", false}).value();
  d = derive_deadlines(c, calendar::testing::shipped_calendar(), T("2024-03-12", 9));
  EXPECT_FALSE(d->due_at.has_value());  // nothing running
  EXPECT_FALSE(d->yellow_at.has_value());
}

}  // namespace
}  // namespace zhishen::lifecycle
