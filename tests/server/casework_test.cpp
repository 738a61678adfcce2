// The staff API's case flows over a real HTTPS socket, on SQLite and on MariaDB: shipped samples
// submitted through the channel API, then re-checked, corrected, decided, revoked by staff;
// stale versions and concurrent actions.
#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "casework_fixture.hpp"
#include "zhishen/domain/audit_chain.hpp"

namespace zhishen::server::testing {
namespace {

using Flows = CaseworkTest;

std::vector<std::string> names(const json::Value* list) {
  std::vector<std::string> out;
  if (list == nullptr || !list->is_array()) return out;
  for (const auto& v : list->as_array()) out.push_back(v.is_string() ? v.as_string() : std::string());
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::string text(const json::Value& v, const char* key) {
  const json::Value* x = v.find(key);
  return x != nullptr && x->is_string() ? x->as_string() : std::string();
}

const json::Value& last_event(const Reply& r) { return r.body.find("history")->as_array().back(); }

// The value a rule of the automatic decision read at `path`.
std::string read_by_rules(const Reply& r, const std::string& path) {
  for (const auto& t : r.body.find("automatic_decision")->find("trace")->as_array()) {
    if (const json::Value* v = t.find("reads")->find(path); v != nullptr && v->is_string()) return v->as_string();
  }
  return {};
}

std::size_t history_size(const Reply& r) { return r.body.find("history")->as_array().size(); }

// The audit actions recorded about one case, in order.
std::vector<std::string> audit_actions(TestServer& s, const std::string& case_no) {
  std::vector<std::string> out;
  (void)s.ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    for (const auto& e : tx.audit().range(domain::audit_chain_of(case_no), 0, 100000)) {
      if (e.target == case_no) out.push_back(e.action);
    }
    return {};
  });
  return out;
}

std::vector<domain::DecisionRecord> decisions_of(TestServer& s, const std::string& case_no) {
  std::vector<domain::DecisionRecord> out;
  (void)s.ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    out = tx.cases().decisions(case_no);
    return {};
  });
  return out;
}

// Several rules read the materials list: the stored trace holds it once, the case shows it in
// every rule that read it.
TEST_P(Flows, TheStoredTraceKeepsARepeatedListOnceAndTheCaseShowsItInFull) {
  const std::string no = submit(kFoodItem, "approved_convenience_store.json");
  const auto stored = decisions_of(*server_, no);
  ASSERT_EQ(stored.size(), 1u);
  std::size_t written = 0, repeated = 0;
  for (const auto& t : stored[0].detail.find("trace")->as_array()) {
    const json::Value* value = t.find("reads")->find("materials");
    if (value == nullptr) continue;
    const json::Value* listed = t.find("repeated");
    if (listed != nullptr && has(names(listed), "materials")) {
      EXPECT_TRUE(value->is_null());
      ++repeated;
    } else {
      EXPECT_TRUE(value->is_array());
      ++written;
    }
  }
  EXPECT_EQ(written, 1u);
  EXPECT_GE(repeated, 2u);

  auto d = get("/api/v1/cases/" + no, approver_.token);
  ASSERT_EQ(d.status, 200) << d.text;
  std::size_t shown = 0;
  for (const auto& t : d.body.find("automatic_decision")->find("trace")->as_array()) {
    EXPECT_EQ(t.find("repeated"), nullptr);
    const json::Value* value = t.find("reads")->find("materials");
    if (value == nullptr) continue;
    ASSERT_TRUE(value->is_array());
    EXPECT_EQ(value->as_array().size(), d.body.find("materials")->as_array().size());
    ++shown;
  }
  EXPECT_EQ(shown, written + repeated);
}

TEST_P(Flows, AutoApprovalConfirmedAtRecheckIsCompleted) {
  const std::string no = submit(kFoodItem, "approved_convenience_store.json");
  auto d = get("/api/v1/cases/" + no, reviewer_.token);
  ASSERT_EQ(d.status, 200) << d.text;
  EXPECT_EQ(text(d.body, "state"), "auto_approved");
  EXPECT_EQ(text(d.body, "department"), "FZ-SCJG");
  const auto actions = names(d.body.find("available_actions"));
  EXPECT_TRUE(has(actions, "claim") && has(actions, "confirm_recheck") && has(actions, "fail_recheck"));
  EXPECT_FALSE(has(actions, "revoke") || has(actions, "assign") || has(actions, "manual_approve"));
  const json::Value& applicant = *d.body.find("applicant");
  EXPECT_NE(text(applicant, "id_number").find('*'), std::string::npos);
  EXPECT_NE(text(applicant, "phone").find('*'), std::string::npos);
  EXPECT_TRUE(applicant.find("masked")->as_bool());
  ASSERT_TRUE(d.body.find("automatic_decision")->is_object());
  EXPECT_FALSE(d.body.find("automatic_decision")->find("trace")->as_array().empty());
  EXPECT_EQ(d.body.find("materials")->as_array().size(), 2u);
  EXPECT_EQ(text(d.body.find("materials")->as_array()[0], "sha256").size(), 64u);
  EXPECT_EQ(text(d.body.find("deadlines")->as_array()[0], "kind"), "recheck");
  auto full = get("/api/v1/cases/" + no, approver_.token);
  EXPECT_EQ(text(*full.body.find("applicant"), "id_number"), "91350102MA2YK3T70Y");  // approvers see it
  // The values the rules read are masked the same way.
  EXPECT_EQ(read_by_rules(d, "applicant.id_number"), "9135**********T70Y");
  EXPECT_EQ(read_by_rules(full, "applicant.id_number"), "91350102MA2YK3T70Y");

  auto claimed = act(no, "claim", reviewer_);
  ASSERT_EQ(claimed.status, 200) << claimed.text;
  EXPECT_EQ(claimed.body.find("assignee_id")->as_number(), static_cast<double>(reviewer_.id));
  EXPECT_FALSE(has(names(claimed.body.find("available_actions")), "claim"));

  auto done = act(no, "confirm_recheck", reviewer_);
  ASSERT_EQ(done.status, 200) << done.text;
  EXPECT_EQ(text(done.body, "state"), "completed");
  EXPECT_EQ(text(done.body, "decision"), "approved");
  const auto& h = done.body.find("history")->as_array();
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(text(h[1], "action"), "confirm_recheck");
  EXPECT_EQ(text(h[1], "actor"), "reviewer");
  EXPECT_EQ(text(h[1], "role"), "reviewer");
  EXPECT_EQ(text(h[2], "action"), "complete");
  EXPECT_EQ(text(h[2], "role"), "system");
  EXPECT_TRUE(done.body.find("deadlines")->as_array().empty());

  auto decisions = decisions_of(*server_, no);
  ASSERT_EQ(decisions.size(), 2u);
  EXPECT_EQ(decisions[1].kind, "recheck");
  EXPECT_EQ(decisions[1].outcome, "confirmed");
  EXPECT_EQ(decisions[1].decided_by, "reviewer");
  const auto audit = audit_actions(*server_, no);
  EXPECT_TRUE(has(audit, "case.claim") && has(audit, "case.confirm_recheck") && has(audit, "case.complete"));
  // The approver's read of the unmasked applicant was recorded; the reviewer's masked reads were not.
  EXPECT_EQ(std::count(audit.begin(), audit.end(), "case.view_personal_data"), 1);
}

TEST_P(Flows, ECertificateApprovalIssuesTheCertificateThenCompletes) {
  const std::string no = submit(kHygieneItem, "approved_hotel_with_central_ac.json");
  auto r = act(no, "confirm_recheck", other_reviewer_);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(text(r.body, "state"), "completed");
  EXPECT_EQ(history_size(r), 4u) << "auto_approve, confirm_recheck, issue_certificate, complete";
}

TEST_P(Flows, CorrectionRequestResubmissionAndManualApproval) {
  const std::string no = submit(kFoodItem, "manual_credit_blacklist.json");
  ASSERT_EQ(state_of(no), "manual_review");
  auto c = act(no, "request_correction", reviewer_, {{"items", json::Array{"营业执照副本", "经营场所使用证明"}}});
  ASSERT_EQ(c.status, 200) << c.text;
  EXPECT_EQ(text(c.body, "state"), "correction_requested");
  EXPECT_EQ(text(last_event(c), "reason"), "一、营业执照副本；二、经营场所使用证明");
  EXPECT_TRUE(c.body.find("deadlines")->as_array()[0].find("paused")->as_bool());
  auto progress = server_->call("GET", "/api/v1/applications/" + no, "", channel_);
  EXPECT_EQ(text(progress.body, "correction_request"), "一、营业执照副本；二、经营场所使用证明");

  const auto case_detail = [&](const std::string& case_no) { return get("/api/v1/cases/" + case_no, approver_.token).body; };
  const std::size_t materials_before = case_detail(no).find("materials")->as_array().size();
  const json::Value licence_copy = json::Object{
      {"code", "licence_copy"}, {"name", "营业执照副本"}, {"mime", "application/pdf"},
      {"sha256", std::string(64, 'c')}, {"size", 2048}, {"extracted", json::Object{{"pages", 2}}}};
  auto resubmitted = server_->call_json(
      "POST", "/api/v1/applications/" + no + "/corrections",
      json::Object{{"form", json::Object{{"trade_name", "补正后的店名"}}}, {"materials", json::Array{licence_copy}}},
      channel_);
  ASSERT_EQ(resubmitted.status, 200) << resubmitted.text;
  ASSERT_EQ(state_of(no), "manual_review");  // still on the credit blacklist: a person decides
  // What was resubmitted is kept: the corrected field and the added material, read back from the store.
  const json::Value detail = case_detail(no);
  EXPECT_EQ(text(*detail.find("form"), "trade_name"), "补正后的店名");
  const auto& materials = detail.find("materials")->as_array();
  ASSERT_EQ(materials.size(), materials_before + 1);
  EXPECT_EQ(text(materials.back(), "code"), "licence_copy");

  auto no_basis = act(no, "manual_approve", approver_, {{"reason", "经核查，失信记录已修复"}});
  EXPECT_EQ(no_basis.status, 409);
  EXPECT_EQ(no_basis.error_id(), "case.transition.legal_basis_required");
  auto approved = act(no, "manual_approve", approver_,
                      {{"reason", "经核查，失信记录已修复"}, {"legal_basis", "《食品经营许可和备案管理办法》第五十一条"}});
  ASSERT_EQ(approved.status, 200) << approved.text;
  EXPECT_EQ(text(approved.body, "state"), "completed");
  EXPECT_EQ(text(approved.body, "decision"), "approved");
  EXPECT_FALSE(approved.body.find("decided_at")->is_null());
  EXPECT_EQ(text(approved.body.find("history")->as_array().end()[-2], "role"), "approver");
  auto decisions = decisions_of(*server_, no);
  EXPECT_EQ(decisions.back().kind, "manual");
  EXPECT_EQ(decisions.back().outcome, "approved");
}

TEST_P(Flows, FailedRecheckReopenedAndRejected) {
  const std::string no = submit(kFoodItem, "approved_convenience_store.json");
  EXPECT_EQ(act(no, "fail_recheck", reviewer_).error_id(), "case.transition.reason_required");
  auto failed = act(no, "fail_recheck", reviewer_, {{"reason", "经营场所与营业执照登记地址不一致"}});
  ASSERT_EQ(failed.status, 200) << failed.text;
  EXPECT_EQ(text(failed.body, "state"), "recheck_failed");
  auto reopened = act(no, "reopen", reviewer_);
  ASSERT_EQ(reopened.status, 200) << reopened.text;
  EXPECT_EQ(text(reopened.body, "state"), "manual_review");
  EXPECT_EQ(text(reopened.body.find("deadlines")->as_array()[0], "kind"), "decision");
  auto rejected = act(no, "manual_reject", reviewer_, {{"reason", "经营场所不符合要求"}});
  ASSERT_EQ(rejected.status, 200) << rejected.text;
  EXPECT_EQ(text(rejected.body, "state"), "completed");
  EXPECT_EQ(text(rejected.body, "decision"), "rejected");
  auto decisions = decisions_of(*server_, no);
  ASSERT_EQ(decisions.size(), 3u);
  EXPECT_EQ(decisions[1].outcome, "failed");
  EXPECT_EQ(decisions[2].outcome, "rejected");
}

TEST_P(Flows, SuspendAndResume) {
  const std::string no = submit(kFoodItem, "manual_credit_blacklist.json");
  EXPECT_EQ(act(no, "suspend", reviewer_).error_id(), "case.transition.reason_required");
  auto s = act(no, "suspend", reviewer_, {{"reason", "组织听证"}});
  ASSERT_EQ(s.status, 200) << s.text;
  EXPECT_EQ(text(s.body, "state"), "suspended");
  EXPECT_EQ(act(no, "manual_approve", approver_, {{"reason", "r"}, {"legal_basis", "b"}}).error_id(),
            "case.transition.invalid");
  auto r = act(no, "resume", reviewer_);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(text(r.body, "state"), "manual_review");
}

TEST_P(Flows, RevocationWithBanRefusesANewApplication) {
  const std::string no = submit(kFoodItem, "approved_convenience_store.json");
  ASSERT_EQ(act(no, "confirm_recheck", reviewer_).status, 200);
  const json::Object revoke{{"reason", "申请人提供虚假材料"}, {"legal_basis", "《行政许可法》第六十九条"}, {"ban", true}};
  auto refused = act(no, "revoke", reviewer_, revoke);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.error_id(), "auth.forbidden");
  auto r = act(no, "revoke", approver_, revoke);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(text(r.body, "state"), "revoked");
  EXPECT_TRUE(last_event(r).find("ban")->as_bool());
  EXPECT_EQ(text(last_event(r), "legal_basis"), "《行政许可法》第六十九条");
  EXPECT_TRUE(r.body.find("deadlines")->as_array().empty());
  EXPECT_TRUE(has(audit_actions(*server_, no), "case.revoke"));

  auto again = submit_reply(kFoodItem, "approved_convenience_store.json");
  EXPECT_EQ(again.status, 409) << again.text;
  EXPECT_EQ(again.error_id(), "application.banned");
}

TEST_P(Flows, BanOnlyWhereTheItemHasOne) {
  const std::string no = submit("350100-RSJ-GG-0001", "approved_electrician_lost.json");
  auto rsj = add_staff("rsj-approver", "FZ-RSJ", {lifecycle::Role::approver});
  auto r = act(no, "revoke", rsj, {{"reason", "虚假材料"}, {"legal_basis", "《行政许可法》第六十九条"}, {"ban", true}});
  EXPECT_EQ(r.error_id(), "case.transition.guard_failed");
  EXPECT_EQ(state_of(no), "auto_approved");
}

TEST_P(Flows, BadRequests) {
  const std::string no = submit(kFoodItem, "approved_convenience_store.json");
  auto unknown = act(no, "approve_everything", reviewer_);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.error_id(), "case.action.unknown");
  auto missing = server_->call_json("POST", "/api/v1/cases/" + no + "/actions/confirm_recheck", json::Object{},
                                    reviewer_.token);
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.error_id(), "case.version.required");
  EXPECT_EQ(act(no, "confirm_recheck", reviewer_, {{"reason", 5}}).error_id(), "case.request.invalid");
  EXPECT_EQ(act(no, "assign", approver_).error_id(), "case.request.invalid");
  EXPECT_EQ(act(no, "assign", approver_, {{"assignee_id", other_reviewer_.id}}).error_id(), "case.assignee.invalid");
  EXPECT_EQ(act(no, "assign", approver_, {{"assignee_id", supervisor_.id}}).error_id(), "case.assignee.invalid");
  auto ok = act(no, "assign", approver_, {{"assignee_id", reviewer_.id}});
  EXPECT_EQ(ok.status, 200) << ok.text;
  auto body = server_->call("POST", "/api/v1/cases/" + no + "/actions/claim", "{oops", reviewer_.token);
  EXPECT_EQ(body.error_id(), "http.body.json");
  EXPECT_EQ(act_at("ZS20000101DEADBEEF", "claim", reviewer_, 1).error_id(), "case.not_found");
}

TEST_P(Flows, AStaleVersionConflictsAndChangesNothing) {
  const std::string no = submit(kFoodItem, "approved_convenience_store.json");
  const std::int64_t seen = version_of(no);
  ASSERT_EQ(act_at(no, "claim", reviewer_, seen).status, 200);
  auto before = get("/api/v1/cases/" + no, reviewer_.token);
  auto stale = act_at(no, "confirm_recheck", reviewer_, seen);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.error_id(), "store.conflict");
  auto after = get("/api/v1/cases/" + no, reviewer_.token);
  EXPECT_EQ(text(after.body, "state"), "auto_approved");
  EXPECT_EQ(history_size(after), history_size(before));
  EXPECT_EQ(after.body.find("version")->as_number(), before.body.find("version")->as_number());
  EXPECT_EQ(decisions_of(*server_, no).size(), 1u);
  EXPECT_FALSE(has(audit_actions(*server_, no), "case.confirm_recheck"));
}

TEST_P(Flows, OfTwoConcurrentActionsExactlyOneWins) {
  for (int round = 0; round < 4; ++round) {
    const std::string no = submit(kFoodItem, "approved_convenience_store.json");
    const std::int64_t seen = version_of(no);
    Reply a, b;
    std::atomic<bool> go{false};
    std::thread ta([&] {
      while (!go) std::this_thread::yield();
      a = act_at(no, "confirm_recheck", reviewer_, seen);
    });
    std::thread tb([&] {
      while (!go) std::this_thread::yield();
      b = act_at(no, "fail_recheck", approver_, seen, {{"reason", "复核发现材料不符"}});
    });
    go = true;
    ta.join();
    tb.join();
    const int wins = (a.status == 200) + (b.status == 200);
    EXPECT_EQ(wins, 1) << a.text << " / " << b.text;
    const Reply& loser = a.status == 200 ? b : a;
    EXPECT_EQ(loser.status, 409);
    EXPECT_EQ(loser.error_id(), "store.conflict");
    const std::string state = state_of(no);
    EXPECT_EQ(state, a.status == 200 ? "completed" : "recheck_failed");
    EXPECT_EQ(decisions_of(*server_, no).size(), 2u);
  }
}

// The outbox's log sender writes one JSON line per delivered message (every few seconds).
TEST_P(Flows, ApplicantsAreNotifiedOfCorrectionsDecisionsAndCompletion) {
  const std::string a = submit(kFoodItem, "approved_convenience_store.json");
  const std::string b = submit(kFoodItem, "manual_credit_blacklist.json");
  const std::string c = submit(kFoodItem, "manual_special_food_without_zone.json");
  ASSERT_EQ(act(a, "confirm_recheck", reviewer_).status, 200);
  ASSERT_EQ(act(a, "revoke", approver_, {{"reason", "虚假材料"}, {"legal_basis", "《行政许可法》第六十九条"}}).status, 200);
  ASSERT_EQ(act(b, "request_correction", reviewer_, {{"items", json::Array{"身份证明"}}}).status, 200);
  ASSERT_EQ(act(c, "manual_reject", reviewer_, {{"reason", "不符合条件"}}).status, 200);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {a, "case.completed"}, {a, "decision.revoked"}, {b, "correction.requested"}, {c, "case.completed"}};
  std::string log;
  for (int i = 0; i < 100; ++i) {
    std::ifstream in(server_->ctx().config().notify_log_file);
    std::stringstream buf;
    buf << in.rdbuf();
    log = buf.str();
    bool all = true;
    for (const auto& [no, tmpl] : expected) {
      all = all && log.find("\"case_no\":\"" + no + "\",\"template\":\"" + tmpl + "\"") != std::string::npos;
    }
    if (all) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  for (const auto& [no, tmpl] : expected) {
    EXPECT_NE(log.find("\"case_no\":\"" + no + "\",\"template\":\"" + tmpl + "\""), std::string::npos) << no << " " << tmpl;
  }
  EXPECT_NE(log.find("一、身份证明"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, Flows, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
