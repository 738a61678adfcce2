#include <gtest/gtest.h>

#include "lifecycle_test_support.hpp"

namespace zhishen::lifecycle {
namespace {

using testing::CaseDriver;
using testing::kT0;

std::vector<const ClockRecord*> clocks_of(const CaseRecord& c, DeadlineKind kind) {
  std::vector<const ClockRecord*> out;
  for (const ClockRecord& r : c.clocks) {
    if (r.kind == kind) out.push_back(&r);
  }
  return out;
}

TEST(Clocks, SuspensionIntervalsAreRecordedExactly) {
  CaseDriver d;
  ASSERT_EQ(d.step(Action::route_manual), "");
  ASSERT_EQ(d.step(Action::request_correction), "");
  const Instant s1 = d.now();
  {
    const ClockRecord* c = running_clock(d.rec(), DeadlineKind::decision);
    ASSERT_NE(c, nullptr);
    ASSERT_EQ(c->suspensions.size(), 1u);
    EXPECT_EQ(c->suspensions[0].begin, s1);
    EXPECT_FALSE(c->suspensions[0].end.has_value());
    EXPECT_TRUE(c->suspended());
  }
  d.step_minutes = 3 * 24 * 60;
  ASSERT_EQ(d.step(Action::resubmit), "");
  const Instant e1 = d.now();
  d.step_minutes = 30;
  ASSERT_EQ(d.step(Action::start_review), "");
  ASSERT_EQ(d.step(Action::suspend, "组织专家评审"), "");
  const Instant s2 = d.now();
  d.step_minutes = 2 * 24 * 60;
  ASSERT_EQ(d.step(Action::resume), "");
  const Instant e2 = d.now();
  const ClockRecord* c = running_clock(d.rec(), DeadlineKind::decision);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->started, kT0);
  ASSERT_EQ(c->suspensions.size(), 2u);
  EXPECT_EQ(c->suspensions[0].begin, s1);
  EXPECT_EQ(c->suspensions[0].end, e1);
  EXPECT_EQ(c->suspensions[1].begin, s2);
  EXPECT_EQ(c->suspensions[1].end, e2);
  EXPECT_FALSE(c->suspended());
}

TEST(Clocks, DecisionClockStopsOnAutomaticDecision) {
  CaseTerms terms;
  terms.recheck_span_workdays = 1;
  CaseDriver d(terms);
  ASSERT_EQ(d.step(Action::auto_approve), "");
  EXPECT_EQ(running_clock(d.rec(), DeadlineKind::decision), nullptr);
  ASSERT_EQ(d.rec().clocks[0].stopped, d.now());
  const ClockRecord* recheck = running_clock(d.rec(), DeadlineKind::recheck);
  ASSERT_NE(recheck, nullptr);
  EXPECT_EQ(recheck->started, d.now());
  EXPECT_EQ(recheck->span_workdays, 1);
}

TEST(Clocks, RecheckClockStoppedByConfirm) {
  CaseDriver d;
  ASSERT_EQ(d.step(Action::auto_reject, "不符合"), "");
  ASSERT_NE(running_clock(d.rec(), DeadlineKind::recheck), nullptr);
  ASSERT_EQ(d.step(Action::confirm_recheck), "");
  EXPECT_EQ(running_clock(d.rec(), DeadlineKind::recheck), nullptr);
  const auto rechecks = clocks_of(d.rec(), DeadlineKind::recheck);
  ASSERT_EQ(rechecks.size(), 1u);
  EXPECT_EQ(rechecks[0]->stopped, d.now());
  EXPECT_EQ(running_clock(d.rec(), DeadlineKind::publicity), nullptr);
}

TEST(Clocks, ReopenStartsANewDecisionClockWithTheCommitmentSpan) {
  CaseTerms terms;
  terms.commitment_span_workdays = 8;
  CaseDriver d(terms);
  ASSERT_EQ(d.step(Action::auto_approve), "");
  ASSERT_EQ(d.step(Action::fail_recheck, "复核发现材料不符"), "");
  EXPECT_EQ(running_clock(d.rec(), DeadlineKind::recheck), nullptr);
  EXPECT_EQ(running_clock(d.rec(), DeadlineKind::decision), nullptr);
  ASSERT_EQ(d.step(Action::reopen), "");
  const auto decisions = clocks_of(d.rec(), DeadlineKind::decision);
  ASSERT_EQ(decisions.size(), 2u);
  EXPECT_EQ(decisions[0]->started, kT0);
  EXPECT_TRUE(decisions[0]->stopped.has_value());
  EXPECT_EQ(decisions[1]->started, d.now());
  EXPECT_EQ(decisions[1]->span_workdays, 8);
  EXPECT_EQ(running_clock(d.rec(), DeadlineKind::decision), decisions[1]);
  ASSERT_EQ(d.step(Action::manual_reject, "不符合条件"), "");
  EXPECT_EQ(decisions.size(), 2u);
  EXPECT_EQ(clocks_of(d.rec(), DeadlineKind::decision)[1]->stopped, d.now());
}

TEST(Clocks, PublicityClockOnlyWhenRequired) {
  CaseTerms pub;
  pub.publicity_required = true;
  pub.publicity_span_workdays = 7;
  CaseDriver d = testing::drive_to(State::completed, pub);
  const ClockRecord* c = running_clock(d.rec(), DeadlineKind::publicity);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->started, d.now());
  EXPECT_EQ(c->span_workdays, 7);
  ASSERT_EQ(d.step(Action::publicise), "");
  EXPECT_EQ(running_clock(d.rec(), DeadlineKind::publicity), nullptr);
  EXPECT_EQ(clocks_of(d.rec(), DeadlineKind::publicity)[0]->stopped, d.now());

  CaseDriver n = testing::drive_to(State::completed, CaseTerms{});
  EXPECT_TRUE(clocks_of(n.rec(), DeadlineKind::publicity).empty());
}

TEST(Clocks, RevokeStopsEveryRunningClock) {
  CaseTerms pub;
  pub.publicity_required = true;
  CaseDriver d = testing::drive_to(State::completed, pub);
  ASSERT_NE(running_clock(d.rec(), DeadlineKind::publicity), nullptr);
  ASSERT_EQ(d.step_as(Action::revoke, Role::approver, "虚假材料", "依据"), "");
  for (const ClockRecord& c : d.rec().clocks) EXPECT_FALSE(c.running()) << to_string(c.kind);
  EXPECT_EQ(clocks_of(d.rec(), DeadlineKind::publicity)[0]->stopped, d.now());

  CaseDriver a;
  ASSERT_EQ(a.step(Action::auto_approve), "");
  ASSERT_EQ(a.step_as(Action::revoke, Role::approver, "虚假材料", "依据"), "");
  EXPECT_EQ(running_clock(a.rec(), DeadlineKind::recheck), nullptr);
  EXPECT_EQ(clocks_of(a.rec(), DeadlineKind::recheck)[0]->stopped, a.now());
}

TEST(Clocks, WithdrawDuringCorrectionClosesTheSuspensionAndStopsTheClock) {
  CaseDriver d;
  ASSERT_EQ(d.step(Action::request_correction, "缺材料"), "");
  ASSERT_EQ(d.step_as(Action::withdraw, Role::applicant), "");
  ASSERT_EQ(d.rec().clocks.size(), 1u);
  const ClockRecord& c = d.rec().clocks[0];
  EXPECT_EQ(c.stopped, d.now());
  ASSERT_EQ(c.suspensions.size(), 1u);
  EXPECT_EQ(c.suspensions[0].end, d.now());
}

TEST(Clocks, DecisionClockStopsOnRefusalAndPrecheckFailure) {
  for (Action a : {Action::refuse_acceptance, Action::fail_precheck}) {
    CaseDriver d;
    ASSERT_EQ(d.step(a, "不符合受理条件"), "");
    EXPECT_EQ(running_clock(d.rec(), DeadlineKind::decision), nullptr) << to_string(a);
    EXPECT_EQ(d.rec().clocks[0].stopped, d.now());
  }
}

TEST(Clocks, HelpersAreNoOpsWithoutAMatchingClock) {
  std::vector<ClockRecord> clocks;
  stop_clock(clocks, DeadlineKind::recheck, kT0);
  suspend_clock(clocks, DeadlineKind::decision, kT0);
  resume_clock(clocks, DeadlineKind::decision, kT0);
  stop_all_clocks(clocks, kT0);
  EXPECT_TRUE(clocks.empty());
  start_clock(clocks, DeadlineKind::decision, kT0, 3);
  suspend_clock(clocks, DeadlineKind::decision, kT0);
  suspend_clock(clocks, DeadlineKind::decision, kT0 + std::chrono::hours{1});  // already open
  EXPECT_EQ(clocks[0].suspensions.size(), 1u);
  EXPECT_EQ(clocks[0].suspensions[0].begin, kT0);
}

}  // namespace
}  // namespace zhishen::lifecycle
