#include <gtest/gtest.h>

#include <vector>

#include "lifecycle_test_support.hpp"
#include "zhishen/lifecycle/errors.hpp"

namespace zhishen::lifecycle {
namespace {

using testing::CaseDriver;

std::vector<State> visited(const CaseRecord& c) {
  std::vector<State> out{State::submitted};
  for (const CaseEvent& e : c.history) out.push_back(e.to);
  return out;
}

TEST(HappyPaths, AutoApproveConfirmCertificateCompletePubliciseArchive) {
  CaseTerms terms;
  terms.issues_certificate = true;
  terms.publicity_required = true;
  CaseDriver d(terms);
  for (Action a : {Action::auto_approve, Action::confirm_recheck, Action::issue_certificate,
                   Action::complete, Action::publicise, Action::archive}) {
    ASSERT_EQ(d.step(a), "") << to_string(a);
  }
  EXPECT_EQ(visited(d.rec()),
            (std::vector<State>{State::submitted, State::auto_approved, State::recheck_confirmed,
                                State::certificate_issued, State::completed, State::publicised,
                                State::archived}));
  EXPECT_EQ(d.rec().decision, Decision::approved);
  EXPECT_EQ(d.rec().version, 6);
  for (const ClockRecord& c : d.rec().clocks) EXPECT_FALSE(c.running()) << to_string(c.kind);
}

TEST(HappyPaths, ManualReviewWithTwoCorrectionRounds) {
  CaseDriver d;
  ASSERT_EQ(d.step(Action::route_manual), "");
  ASSERT_EQ(d.step_as(Action::request_correction, Role::reviewer, "缺营业执照副本"), "");
  ASSERT_EQ(d.step_as(Action::resubmit, Role::applicant), "");
  ASSERT_EQ(d.step_as(Action::start_review, Role::reviewer), "");
  ASSERT_EQ(d.step_as(Action::request_correction, Role::reviewer, "法定代表人签字缺失"), "");
  ASSERT_EQ(d.step_as(Action::resubmit, Role::applicant), "");
  ASSERT_EQ(d.step_as(Action::start_review, Role::reviewer), "");
  ASSERT_EQ(d.step_as(Action::manual_approve, Role::approver, "材料齐全", "《行政许可法》第三十八条"),
            "");
  ASSERT_EQ(d.step(Action::complete), "");
  ASSERT_EQ(d.step(Action::archive), "");
  EXPECT_EQ(d.rec().state, State::archived);
  EXPECT_EQ(d.rec().decision, Decision::approved);
  EXPECT_EQ(d.rec().history[1].reason, "缺营业执照副本");
  EXPECT_EQ(d.rec().history[4].reason, "法定代表人签字缺失");
  EXPECT_EQ(d.rec().history[7].legal_basis, "《行政许可法》第三十八条");
  EXPECT_EQ(d.rec().history[7].role, Role::approver);
  // One decision clock, two suspensions, stopped at the manual approval.
  ASSERT_EQ(d.rec().clocks.size(), 1u);
  EXPECT_EQ(d.rec().clocks[0].suspensions.size(), 2u);
  EXPECT_EQ(d.rec().clocks[0].stopped, d.rec().history[7].at);
}

TEST(HappyPaths, AutoRejectConfirmedEndsTheCase) {
  CaseDriver d;
  ASSERT_EQ(d.step(Action::auto_reject, "不符合审查要点第3条"), "");
  EXPECT_EQ(d.rec().decision, Decision::rejected);
  ASSERT_EQ(d.step(Action::confirm_recheck), "");
  EXPECT_EQ(d.rec().state, State::completed);
  EXPECT_EQ(d.rec().decision, Decision::rejected);
  ASSERT_EQ(d.step(Action::archive), "");
  EXPECT_EQ(d.rec().state, State::archived);
}

TEST(HappyPaths, RecheckFailedReopenedAndManuallyRejected) {
  CaseDriver d;
  ASSERT_EQ(d.step(Action::auto_approve), "");
  ASSERT_EQ(d.step(Action::fail_recheck, "自动比对遗漏失信记录"), "");
  EXPECT_EQ(d.rec().state, State::recheck_failed);
  ASSERT_EQ(d.step(Action::reopen), "");
  EXPECT_EQ(d.rec().state, State::manual_review);
  ASSERT_EQ(d.step_as(Action::manual_reject, Role::reviewer, "申请人列入失信名单"), "");
  EXPECT_EQ(d.rec().state, State::completed);
  EXPECT_EQ(d.rec().decision, Decision::rejected);
  EXPECT_EQ(d.step(Action::publicise), errors::kGuardFailed);
  ASSERT_EQ(d.step(Action::archive), "");
}

TEST(HappyPaths, RevokeWithTheOneYearBanWhenTheItemHasIt) {
  CaseTerms terms;
  terms.issues_certificate = true;
  terms.publicity_required = true;
  terms.ban_on_false_information = true;
  CaseDriver d = testing::drive_to(State::publicised, terms);
  ASSERT_EQ(d.rec().state, State::publicised);
  ASSERT_EQ(d.step_as(Action::revoke, Role::approver, "提供虚假材料", "《行政许可法》第六十九条",
                      true),
            "");
  EXPECT_EQ(d.rec().state, State::revoked);
  EXPECT_EQ(d.rec().decision, Decision::approved);  // revocation keeps the decision
  EXPECT_TRUE(d.rec().history.back().ban);
  EXPECT_EQ(d.rec().history.back().legal_basis, "《行政许可法》第六十九条");
  ASSERT_EQ(d.step_as(Action::archive, Role::admin), "");
}

TEST(HappyPaths, RevokeBanForbiddenWhenTheItemHasNoBanButPlainRevokeWorks) {
  CaseTerms terms;  // ban_on_false_information = false
  CaseDriver d = testing::drive_to(State::auto_approved, terms);
  EXPECT_EQ(d.step_as(Action::revoke, Role::approver, "虚假", "依据", true), errors::kGuardFailed);
  EXPECT_EQ(d.rec().state, State::auto_approved);
  ASSERT_EQ(d.step_as(Action::revoke, Role::approver, "重复多渠道审批", "依据", false), "");
  EXPECT_EQ(d.rec().state, State::revoked);
  EXPECT_FALSE(d.rec().history.back().ban);
}

TEST(HappyPaths, ApplicantWithdrawsDuringCorrection) {
  CaseDriver d;
  ASSERT_EQ(d.step(Action::request_correction, "缺身份证复印件"), "");
  ASSERT_EQ(d.step_as(Action::withdraw, Role::applicant), "");
  EXPECT_EQ(d.rec().state, State::withdrawn);
  EXPECT_EQ(d.step_as(Action::resubmit, Role::applicant), errors::kInvalid);
  ASSERT_EQ(d.step(Action::archive), "");
}

}  // namespace
}  // namespace zhishen::lifecycle
