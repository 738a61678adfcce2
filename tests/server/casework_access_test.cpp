// Who may do what on cases, over a real HTTPS socket on SQLite and MariaDB: the permission matrix
// (every action x reviewer / approver / supervisor / admin), department scope (another
// department's case is 404, never 403), sessions required on every route, bulk assignment.
#include "casework_fixture.hpp"
#include "zhishen/lifecycle/case_machine.hpp"

namespace zhishen::server::testing {
namespace {

using Scope = CaseworkTest;

struct MatrixRow {
  std::string action;
  std::string setup;  // how the case gets to a state where the action is defined
  bool reviewer, approver, supervisor, admin;
};

// Each action from a state where the lifecycle defines it, so only the permission decides.
const std::vector<MatrixRow> kMatrix = {
    {"claim", "auto_approved", true, true, false, false},
    {"assign", "auto_approved", false, true, false, false},
    {"start_review", "resubmitted", true, true, false, false},
    {"confirm_recheck", "auto_approved", true, true, false, false},
    {"fail_recheck", "auto_approved", true, true, false, false},
    {"reopen", "recheck_failed", true, true, false, false},
    {"manual_approve", "manual_review", true, true, false, false},
    {"manual_reject", "manual_review", true, true, false, false},
    {"request_correction", "manual_review", true, true, false, false},
    {"suspend", "manual_review", true, true, false, false},
    {"resume", "suspended", true, true, false, false},
    {"revoke", "completed", false, true, false, false},
};

class AccessMatrix : public CaseworkTest {
 protected:
  // A new case of the food item in `state`.
  std::string case_in(const std::string& state) {
    if (state == "auto_approved") return submit(kFoodItem, "approved_convenience_store.json");
    if (state == "manual_review") return submit(kFoodItem, "manual_credit_blacklist.json");
    std::string no;
    if (state == "recheck_failed" || state == "completed") {
      no = case_in("auto_approved");
      auto r = state == "completed" ? act(no, "confirm_recheck", reviewer_)
                                    : act(no, "fail_recheck", reviewer_, {{"reason", "复核不通过"}});
      EXPECT_EQ(r.status, 200) << r.text;
    } else if (state == "suspended") {
      no = case_in("manual_review");
      EXPECT_EQ(act(no, "suspend", reviewer_, {{"reason", "专家评审"}}).status, 200);
    } else if (state == "resubmitted") {  // transient through the API: put it there directly
      no = case_in("manual_review");
      EXPECT_EQ(act(no, "request_correction", reviewer_, {{"items", json::Array{"身份证明"}}}).status, 200);
      auto st = server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
        auto f = tx.cases().load(no);
        if (!f) return f.error();
        const auto read = f->record.version;
        auto moved = lifecycle::apply(f->record, {lifecycle::Action::resubmit, lifecycle::Role::applicant, "web-hall",
                                                  server_->ctx().now(), "补正", "", false});
        if (!moved) return moved.error();
        f->record = *moved;
        return tx.cases().save(*f, read);
      });
      EXPECT_TRUE(st.ok());
    }
    EXPECT_EQ(state_of(no), state);
    return no;
  }
};

TEST_P(AccessMatrix, EveryActionForEveryRole) {
  const json::Object fields{{"reason", "审查意见"},
                            {"legal_basis", "《行政许可法》第三十四条"},
                            {"items", json::Array{"营业执照副本"}},
                            {"assignee_id", reviewer_.id}};
  for (const auto& row : kMatrix) {
    const std::vector<std::pair<const StaffLogin*, bool>> roles = {
        {&reviewer_, row.reviewer}, {&approver_, row.approver}, {&supervisor_, row.supervisor}, {&admin_, row.admin}};
    for (const auto& [who, allowed] : roles) {
      const std::string no = case_in(row.setup);
      auto detail = get("/api/v1/cases/" + no, who->token);
      ASSERT_EQ(detail.status, 200) << who->username << ": " << detail.text;
      bool listed = false;
      for (const auto& a : detail.body.find("available_actions")->as_array()) listed = listed || a.as_string() == row.action;
      EXPECT_EQ(listed, allowed) << row.action << " listed for " << who->username;
      auto r = act(no, row.action, *who, fields);
      if (allowed) {
        EXPECT_EQ(r.status, 200) << row.action << " by " << who->username << ": " << r.text;
      } else {
        EXPECT_EQ(r.status, 403) << row.action << " by " << who->username << ": " << r.text;
        EXPECT_EQ(r.error_id(), "auth.forbidden");
        EXPECT_EQ(state_of(no), row.setup);
      }
    }
  }
}

TEST_P(Scope, AnotherDepartmentsCaseIsNotFound) {
  const std::string no = submit(kFoodItem, "approved_convenience_store.json");
  for (const auto* who : {&other_reviewer_, &other_approver_}) {
    auto d = get("/api/v1/cases/" + no, who->token);
    EXPECT_EQ(d.status, 404);
    EXPECT_EQ(d.error_id(), "case.not_found");
    auto a = act(no, "confirm_recheck", *who);
    EXPECT_EQ(a.status, 404);
    EXPECT_EQ(a.error_id(), "case.not_found");
    EXPECT_EQ(act(no, "claim", *who).error_id(), "case.not_found");
  }
  EXPECT_EQ(state_of(no), "auto_approved");
  EXPECT_EQ(get("/api/v1/cases/ZS20000101DEADBEEF", reviewer_.token).error_id(), "case.not_found");
  EXPECT_EQ(get("/api/v1/cases/" + no, supervisor_.token).status, 200);  // supervisors read across departments
  EXPECT_EQ(get("/api/v1/cases/" + no, admin_.token).status, 200);
}

TEST_P(Scope, EveryRouteNeedsAStaffSession) {
  const std::string no = submit(kFoodItem, "approved_convenience_store.json");
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", "/api/v1/inbox"},
      {"GET", "/api/v1/cases/" + no},
      {"POST", "/api/v1/cases/" + no + "/actions/claim"},
      {"POST", "/api/v1/cases/actions/assign"},
  };
  for (const auto& [method, path] : routes) {
    const std::string body = method == "POST" ? "{\"version\":1}" : "";
    for (const std::string& token : {std::string(), std::string("not-a-session"), channel_}) {
      auto r = server_->call(method, path, body, token);
      EXPECT_EQ(r.status, 401) << method << " " << path;
      EXPECT_EQ(r.error_id().rfind("auth.session.", 0), 0u) << r.text;
    }
  }
  EXPECT_EQ(version_of(no), 1);
}

TEST_P(Scope, BulkAssignmentReportsEachCase) {
  const std::string a = submit(kFoodItem, "approved_convenience_store.json");
  const std::string b = submit(kFoodItem, "manual_credit_blacklist.json");
  const std::string closed = submit(kFoodItem, "approved_tobacco_licence_warning.json");
  ASSERT_EQ(act(closed, "confirm_recheck", reviewer_).status, 200);
  const std::string foreign = submit(kHygieneItem, "approved_hotel_with_central_ac.json");
  const json::Value body = json::Object{
      {"case_nos", json::Array{a, b, "ZS20000101DEADBEEF", foreign, closed}}, {"assignee_id", reviewer_.id}};
  auto r = server_->call_json("POST", "/api/v1/cases/actions/assign", body, approver_.token);
  ASSERT_EQ(r.status, 200) << r.text;
  const auto& results = r.body.find("results")->as_array();
  ASSERT_EQ(results.size(), 5u);
  const std::vector<std::string> expected = {"assigned", "assigned", "not_found", "not_found", "conflict"};
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].find("result")->as_string(), expected[i]) << i;
  }
  auto detail = get("/api/v1/cases/" + a, reviewer_.token);
  EXPECT_EQ(detail.body.find("assignee_id")->as_number(), static_cast<double>(reviewer_.id));
  EXPECT_EQ(server_->call_json("POST", "/api/v1/cases/actions/assign", body, reviewer_.token).status, 403);
  EXPECT_EQ(server_->call_json("POST", "/api/v1/cases/actions/assign", json::Object{{"case_nos", json::Array{}}},
                               approver_.token)
                .error_id(),
            "case.request.invalid");
}

INSTANTIATE_TEST_SUITE_P(Backends, Scope, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });
INSTANTIATE_TEST_SUITE_P(Backends, AccessMatrix, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
