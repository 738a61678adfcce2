#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "lifecycle_test_support.hpp"
#include "zhishen/lifecycle/errors.hpp"

namespace zhishen::lifecycle {
namespace {

using std::chrono::hours;
using testing::CaseDriver;
using testing::drive_to;
using testing::kT0;
using testing::request;

std::string id_of(const Result<CaseRecord>& r) { return r.ok() ? "" : r.error().id; }

TEST(CaseMachine, OpenCaseStartsSubmittedWithTheDecisionClockRunning) {
  CaseTerms terms;
  terms.commitment_span_workdays = 5;
  const CaseRecord c = open_case(terms, kT0);
  EXPECT_EQ(c.state, State::submitted);
  EXPECT_EQ(c.decision, Decision::none);
  EXPECT_EQ(c.version, 0);
  EXPECT_TRUE(c.history.empty());
  EXPECT_EQ(c.submitted_at, kT0);
  EXPECT_EQ(c.terms, terms);
  ASSERT_EQ(c.clocks.size(), 1u);
  const ClockRecord* clock = running_clock(c, DeadlineKind::decision);
  ASSERT_NE(clock, nullptr);
  EXPECT_EQ(clock->started, kT0);
  EXPECT_EQ(clock->span_workdays, 5);
  EXPECT_TRUE(clock->suspensions.empty());
  EXPECT_EQ(running_clock(c, DeadlineKind::recheck), nullptr);
}

TEST(CaseMachine, ApplyIsPureAndAppendsOneEventWithActorTimeAndReason) {
  const CaseRecord before = open_case({}, kT0);
  const CaseRecord copy = before;
  TransitionRequest req = request(Action::route_manual, Role::system, kT0 + hours{1}, "规则不满足");
  req.actor = "rule-engine";
  Result<CaseRecord> after = apply(before, req);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(before, copy);
  EXPECT_EQ(after->version, 1);
  ASSERT_EQ(after->history.size(), 1u);
  const CaseEvent& e = after->history.back();
  EXPECT_EQ(e.seq, 1);
  EXPECT_EQ(e.from, State::submitted);
  EXPECT_EQ(e.to, State::manual_review);
  EXPECT_EQ(e.action, Action::route_manual);
  EXPECT_EQ(e.role, Role::system);
  EXPECT_EQ(e.actor, "rule-engine");
  EXPECT_EQ(e.at, kT0 + hours{1});
  EXPECT_EQ(e.reason, "规则不满足");
  EXPECT_FALSE(e.ban);
}

TEST(CaseMachine, VersionAndHistoryGrowByOnePerTransition) {
  CaseDriver d;
  const Action steps[] = {Action::route_manual, Action::request_correction, Action::resubmit,
                          Action::start_review, Action::manual_approve, Action::complete};
  std::int64_t n = 0;
  for (Action a : steps) {
    ASSERT_EQ(d.step(a), "") << to_string(a);
    ++n;
    EXPECT_EQ(d.rec().version, n);
    ASSERT_EQ(d.rec().history.size(), static_cast<std::size_t>(n));
    EXPECT_EQ(d.rec().history.back().seq, n);
    EXPECT_EQ(d.rec().history.back().action, a);
    EXPECT_EQ(d.rec().history.back().at, d.now());
  }
  EXPECT_EQ(d.rec().state, State::completed);
}

TEST(CaseMachine, FailedRequestsChangeNothing) {
  CaseDriver d;
  const CaseRecord before = d.rec();
  EXPECT_EQ(d.step(Action::complete), errors::kInvalid);
  EXPECT_EQ(d.step_as(Action::auto_approve, Role::reviewer), errors::kForbidden);
  EXPECT_EQ(d.rec(), before);
}

TEST(CaseMachine, MissingReasonIsReported) {
  const CaseRecord c = open_case({}, kT0);
  for (std::string blank : {"", "   ", "\t\n", "\xE3\x80\x80"}) {
    EXPECT_EQ(id_of(apply(c, request(Action::refuse_acceptance, Role::reviewer, kT0, blank))),
              errors::kReasonRequired);
  }
  EXPECT_EQ(id_of(apply(c, request(Action::auto_reject, Role::system, kT0, ""))),
            errors::kReasonRequired);
  EXPECT_EQ(id_of(apply(c, request(Action::request_correction, Role::system, kT0, ""))),
            errors::kReasonRequired);
  EXPECT_EQ(id_of(apply(c, request(Action::route_manual, Role::system, kT0, "", ""))), "");
}

TEST(CaseMachine, ManualApproveNeedsReasonAndLegalBasis) {
  CaseDriver d = drive_to(State::manual_review, {});
  const Instant t = d.now() + hours{1};
  EXPECT_EQ(id_of(apply(d.rec(), request(Action::manual_approve, Role::approver, t, "", "依据"))),
            errors::kReasonRequired);
  EXPECT_EQ(id_of(apply(d.rec(), request(Action::manual_approve, Role::approver, t, "符合", " "))),
            errors::kLegalBasisRequired);
  EXPECT_EQ(id_of(apply(d.rec(), request(Action::manual_reject, Role::reviewer, t, "", ""))),
            errors::kReasonRequired);
  EXPECT_EQ(id_of(apply(d.rec(), request(Action::manual_reject, Role::reviewer, t, "不符合", ""))),
            "");
}

TEST(CaseMachine, CheckOrderIsInvalidThenForbiddenThenFieldsThenGuard) {
  CaseTerms terms;  // no certificate, no ban
  CaseDriver d = drive_to(State::recheck_confirmed, terms);
  const Instant t = d.now() + hours{1};
  // Undefined action with a forbidden role and no reason: invalid wins.
  EXPECT_EQ(id_of(apply(d.rec(), request(Action::manual_reject, Role::supervisor, t, ""))),
            errors::kInvalid);
  // Defined, forbidden role, missing fields: forbidden wins.
  EXPECT_EQ(id_of(apply(d.rec(), request(Action::revoke, Role::reviewer, t, "", ""))),
            errors::kForbidden);
  // Allowed, missing reason and legal basis, ban not allowed: reason first, then legal basis.
  EXPECT_EQ(id_of(apply(d.rec(), request(Action::revoke, Role::approver, t, "", "", true))),
            errors::kReasonRequired);
  EXPECT_EQ(id_of(apply(d.rec(), request(Action::revoke, Role::approver, t, "虚假", "", true))),
            errors::kLegalBasisRequired);
  EXPECT_EQ(id_of(apply(d.rec(), request(Action::revoke, Role::approver, t, "虚假", "依据", true))),
            errors::kGuardFailed);
  // Guard on the terms.
  EXPECT_EQ(id_of(apply(d.rec(), request(Action::issue_certificate, Role::system, t))),
            errors::kGuardFailed);
}

TEST(CaseMachine, GuardsOnCertificateAndPublicity) {
  CaseTerms cert;
  cert.issues_certificate = true;
  CaseDriver a = drive_to(State::manual_approved, cert);
  EXPECT_EQ(a.step(Action::complete), errors::kGuardFailed);
  EXPECT_EQ(a.step(Action::issue_certificate), "");

  CaseTerms pub;
  pub.publicity_required = true;
  CaseDriver b = drive_to(State::completed, pub);
  EXPECT_EQ(b.step(Action::archive), errors::kGuardFailed);  // publicity pending
  EXPECT_EQ(b.step(Action::publicise), "");

  CaseDriver c = drive_to(State::completed, CaseTerms{});
  EXPECT_EQ(c.step(Action::publicise), errors::kGuardFailed);  // not required
  EXPECT_EQ(c.step(Action::archive), "");

  // A rejection is never publicised, even when the item requires publicity.
  CaseDriver r(pub);
  ASSERT_EQ(r.step(Action::auto_reject), "");
  ASSERT_EQ(r.step(Action::confirm_recheck), "");
  EXPECT_EQ(r.step(Action::publicise), errors::kGuardFailed);
  EXPECT_EQ(r.step(Action::archive), "");
}

TEST(CaseMachine, BanFlagOnAnActionOtherThanRevokeFailsTheGuard) {
  CaseTerms terms;
  terms.ban_on_false_information = true;
  const CaseRecord c = open_case(terms, kT0);
  EXPECT_EQ(id_of(apply(c, request(Action::route_manual, Role::system, kT0, "", "", true))),
            errors::kGuardFailed);
}

TEST(CaseMachine, TimeMustNotGoBackwards) {
  const CaseRecord c = open_case({}, kT0);
  EXPECT_EQ(id_of(apply(c, request(Action::route_manual, Role::system, kT0 - std::chrono::seconds{1}))),
            errors::kTimeOrder);
  Result<CaseRecord> r = apply(c, request(Action::route_manual, Role::system, kT0 + hours{2}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(id_of(apply(*r, request(Action::suspend, Role::reviewer, kT0 + hours{1}))),
            errors::kTimeOrder);
  // The same instant as the last event is allowed.
  EXPECT_EQ(id_of(apply(*r, request(Action::suspend, Role::reviewer, kT0 + hours{2}))), "");
}

TEST(CaseMachine, ArchivedRefusesEveryActionForEveryRole) {
  for (State via : {State::precheck_failed, State::not_accepted, State::withdrawn, State::revoked,
                    State::publicised, State::completed}) {
    CaseTerms terms;
    terms.publicity_required = via == State::publicised;
    CaseDriver d = drive_to(via, terms);
    ASSERT_EQ(d.rec().state, via);
    ASSERT_EQ(d.step(Action::archive), "") << to_string(via);
    ASSERT_EQ(d.rec().state, State::archived);
    const CaseRecord archived = d.rec();
    for (Action a : kAllActions) {
      for (Role role : kAllRoles) {
        EXPECT_EQ(d.step_as(a, role), errors::kInvalid) << to_string(a) << to_string(role);
      }
    }
    EXPECT_EQ(d.rec(), archived);
  }
}

TEST(CaseMachine, SupervisorCanNeverChangeACase) {
  for (State s : kAllStates) {
    CaseDriver d = drive_to(s, testing::terms_for(s));
    ASSERT_EQ(d.rec().state, s);
    for (Action a : kAllActions) {
      const std::string got = d.step_as(a, Role::supervisor);
      EXPECT_TRUE(got == errors::kInvalid || got == errors::kForbidden) << got;
    }
    EXPECT_TRUE(available_actions(d.rec(), Role::supervisor).empty());
  }
}

}  // namespace
}  // namespace zhishen::lifecycle

namespace zhishen::lifecycle {
namespace {

TEST(CaseMachine, OnlyApprovalsCanBeRevoked) {
  using testing::CaseDriver;
  // An automatic rejection whose re-check failed: revoking it is refused; it is reopened instead.
  CaseDriver rejected;
  ASSERT_EQ(rejected.step(Action::auto_reject), "");
  ASSERT_EQ(rejected.step(Action::fail_recheck), "");
  EXPECT_EQ(rejected.step(Action::revoke), "case.transition.guard_failed");
  EXPECT_EQ(rejected.step(Action::reopen), "");
  // A manual rejection completes the case; it cannot be revoked either.
  EXPECT_EQ(rejected.step(Action::manual_reject), "");
  EXPECT_EQ(rejected.rec().state, State::completed);
  EXPECT_EQ(rejected.step(Action::revoke), "case.transition.guard_failed");
  // An approval can.
  CaseDriver approved;
  ASSERT_EQ(approved.step(Action::auto_approve), "");
  EXPECT_EQ(approved.step(Action::revoke), "");
  EXPECT_EQ(approved.rec().state, State::revoked);
}

}  // namespace
}  // namespace zhishen::lifecycle
