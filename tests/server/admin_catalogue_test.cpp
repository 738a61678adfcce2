// Catalogue administration over HTTPS on SQLite and MariaDB: who may call it, new rule-set
// versions (validation with ids and JSON paths), the rule test bench, activation.
#include <set>

#include "admin_fixture.hpp"

namespace zhishen::server::testing {
namespace {

using AdminCatalogue = AdminTest;

const std::string kVersions = "/api/v1/admin/items/" + kItem + "/versions";

TEST_P(AdminCatalogue, EveryRouteNeedsAnAdministrator) {
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", "/api/v1/admin/items"},
      {"GET", kVersions},
      {"POST", kVersions},
      {"GET", kVersions + "/1"},
      {"POST", kVersions + "/1/test"},
      {"POST", kVersions + "/1/activate"},
      {"GET", "/api/v1/admin/calendar"},
      {"GET", "/api/v1/admin/calendar/2025"},
      {"PUT", "/api/v1/admin/calendar/2025"},
      {"GET", "/api/v1/admin/datasets"},
      {"POST", "/api/v1/admin/datasets/credit_blacklist"},
  };
  for (const auto& [method, path] : routes) {
    auto anonymous = server_->call(method, path, "{}");
    EXPECT_EQ(anonymous.status, 401) << method << " " << path;
    EXPECT_EQ(anonymous.error_id().rfind("auth.", 0), 0u) << method << " " << path;
    EXPECT_EQ(server_->call(method, path, "{}", channel_).status, 401) << "a channel token: " << method << " " << path;
    auto reviewer = server_->call(method, path, "{}", reviewer_);
    EXPECT_EQ(reviewer.status, 403) << method << " " << path;
    EXPECT_EQ(reviewer.error_id(), "auth.forbidden") << method << " " << path;
  }
  EXPECT_EQ(server_->call("GET", "/api/v1/admin/items", "", admin_).status, 200);
}

TEST_P(AdminCatalogue, ListsItemsAndVersions) {
  auto items = server_->call("GET", "/api/v1/admin/items", "", admin_);
  ASSERT_EQ(items.status, 200) << items.text;
  const auto& list = items.body.find("items")->as_array();
  EXPECT_EQ(list.size(), 6u);
  const json::Value* food = nullptr;
  for (const auto& i : list) {
    if (i.find("code")->as_string() == kItem) food = &i;
  }
  ASSERT_NE(food, nullptr);
  EXPECT_EQ(food->find("active")->find("version")->as_number(), 1);
  EXPECT_TRUE(food->find("drafts")->as_array().empty());

  auto versions = server_->call("GET", kVersions, "", admin_);
  ASSERT_EQ(versions.status, 200) << versions.text;
  EXPECT_EQ(versions.body.find("versions")->as_array().size(), 1u);
  EXPECT_EQ(server_->call("GET", "/api/v1/admin/items/NO-SUCH-ITEM/versions", "", admin_).error_id(), "item.not_found");
  EXPECT_EQ(server_->call("GET", kVersions + "/7", "", admin_).error_id(), "item.version.not_found");
  auto one = server_->call("GET", kVersions + "/1", "", admin_);
  ASSERT_EQ(one.status, 200) << one.text;
  EXPECT_EQ(one.body.find("rules")->find("item_code")->as_string(), kItem);
}

TEST_P(AdminCatalogue, ANewVersionIsValidatedAndStoredAsTheNextDraft) {
  json::Value bad = version_body();
  json::Value rules = *bad.find("rules");
  json::Value point = rules.find("review_points")->as_array()[1];
  point.set("expr", json::Object{{"and", json::Array{true, json::Object{{"frobnicate", json::Array{1}}}}}});
  json::Array points = rules.find("review_points")->as_array();
  points[1] = point;
  rules.set("review_points", std::move(points));
  bad.set("rules", rules);
  auto r = server_->call_json("POST", kVersions, bad, admin_);
  EXPECT_EQ(r.status, 422) << r.text;
  EXPECT_EQ(r.error_id(), "rules.parse.unknown_operator");
  ASSERT_NE(r.body.find("error")->find("path"), nullptr) << r.text;
  EXPECT_EQ(r.body.find("error")->find("path")->as_string().rfind("$.review_points[1].expr", 0), 0u) << r.text;
  EXPECT_NE(r.body.find("error")->find("message")->as_string().find("$.review_points[1]"), std::string::npos);

  json::Value incomplete = version_body();
  json::Value guide = *incomplete.find("guide");
  guide.set("legal_basis", json::Array{});
  guide.set("consultation_phone", "");
  incomplete.set("guide", guide);
  r = server_->call_json("POST", kVersions, incomplete, admin_);
  EXPECT_EQ(r.status, 422) << r.text;
  EXPECT_EQ(r.error_id(), "item.guide.missing");
  std::set<std::string> fields;
  for (const auto& i : r.body.find("error")->find("issues")->as_array()) fields.insert(i.find("field")->as_string());
  EXPECT_TRUE(fields.count("legal_basis") && fields.count("consultation_phone")) << r.text;

  json::Value other_item = version_body();
  json::Value other_rules = *other_item.find("rules");
  other_rules.set("item_code", "350100-RSJ-GG-0001");
  other_item.set("rules", other_rules);
  EXPECT_EQ(server_->call_json("POST", kVersions, other_item, admin_).error_id(), "item.rules.mismatch");
  EXPECT_EQ(server_->call_json("POST", kVersions, json::Object{{"guide", 1}}, admin_).error_id(), "item.version.schema");

  r = server_->call_json("POST", kVersions, version_body(), admin_);
  ASSERT_EQ(r.status, 201) << r.text;
  EXPECT_EQ(r.body.find("version")->as_number(), 2);
  EXPECT_EQ(r.body.find("status")->as_string(), "draft");
  auto stored = server_->call("GET", kVersions + "/2", "", admin_);
  EXPECT_EQ(stored.body.find("rules")->find("version")->as_number(), 2);
  EXPECT_EQ(stored.body.find("guide")->find("smart_approval")->find("ruleset_version")->as_number(), 2);
  auto items = server_->call("GET", "/api/v1/admin/items", "", admin_);
  for (const auto& i : items.body.find("items")->as_array()) {
    if (i.find("code")->as_string() != kItem) continue;
    EXPECT_EQ(i.find("active")->find("version")->as_number(), 1) << "a draft does not change the active version";
    ASSERT_EQ(i.find("drafts")->as_array().size(), 1u);
    EXPECT_EQ(i.find("drafts")->as_array()[0].find("version")->as_number(), 2);
  }
}

TEST_P(AdminCatalogue, TheTestBenchRunsSampleCases) {
  json::Array cases;
  for (const auto& path : all_samples()) {
    if (path.parent_path().parent_path().filename() != kItem) continue;
    json::Value c = read_json("data/items/" + kItem + "/samples/" + path.filename().string());
    c.set("name", path.filename().string());
    cases.push_back(std::move(c));
  }
  ASSERT_GE(cases.size(), 4u);
  const std::size_t samples = cases.size();
  json::Value wrong = read_json("data/items/" + kItem + "/samples/rejected_name_mismatch.json");
  wrong.set("expected", "approved");
  wrong.set("name", "wrong expectation");
  cases.push_back(wrong);
  cases.push_back(json::Object{{"expected", "maybe"}, {"application", json::Object{}}});
  auto r = server_->call_json("POST", kVersions + "/1/test", json::Object{{"cases", cases}}, admin_);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body.find("passed")->as_number(), static_cast<double>(samples));
  EXPECT_EQ(r.body.find("failed")->as_number(), 1);
  EXPECT_EQ(r.body.find("errors")->as_number(), 1);
  EXPECT_FALSE(r.body.find("all_passed")->as_bool());
  const auto& results = r.body.find("results")->as_array();
  ASSERT_EQ(results.size(), samples + 2);
  const auto& fail = results[samples];
  EXPECT_EQ(fail.find("result")->as_string(), "FAIL");
  EXPECT_EQ(fail.find("got")->as_string(), "rejected");
  EXPECT_FALSE(fail.find("deciding_rules")->as_array().empty()) << "the rules that decided are named";
  EXPECT_EQ(results[samples + 1].find("result")->as_string(), "ERROR");
  EXPECT_EQ(results[samples + 1].find("error")->find("id")->as_string(), "rules.case.schema");
  EXPECT_EQ(results[0].find("result")->as_string(), "PASS");

  EXPECT_EQ(server_->call_json("POST", kVersions + "/1/test", json::Object{}, admin_).error_id(), "bench.cases.missing");
  EXPECT_EQ(server_->call_json("POST", kVersions + "/9/test", json::Object{{"cases", cases}}, admin_).status, 404);
}

TEST_P(AdminCatalogue, ActivationChangesTheDecisionOfNewApplicationsOnly) {
  auto before = submit("approved_convenience_store.json");
  ASSERT_EQ(before.status, 201) << before.text;
  EXPECT_EQ(before.body.find("outcome")->as_string(), "approved");
  const std::string open_case = before.body.find("case_no")->as_string();

  // Version 2: one more review point that no application passes.
  json::Value body = version_body();
  json::Value rules = *body.find("rules");
  json::Array points = rules.find("review_points")->as_array();
  points.push_back(json::Object{{"id", "R99"},
                                {"description", "试行：暂停自动备案"},
                                {"expr", json::Object{{"==", json::Array{1, 2}}}},
                                {"on_fail", "reject"},
                                {"message", "本事项暂停智能审批备案"},
                                {"legal_basis", "《测试规定》第一条"}});
  rules.set("review_points", std::move(points));
  body.set("rules", rules);
  auto created = server_->call_json("POST", kVersions, body, admin_);
  ASSERT_EQ(created.status, 201) << created.text;
  EXPECT_EQ(submit("approved_convenience_store.json").body.find("outcome")->as_string(), "approved")
      << "a draft decides nothing";

  auto activated = server_->call("POST", kVersions + "/2/activate", "", admin_);
  ASSERT_EQ(activated.status, 200) << activated.text;
  EXPECT_EQ(activated.body.find("previous_version")->as_number(), 1);
  auto after = submit("approved_convenience_store.json");
  ASSERT_EQ(after.status, 201) << after.text;
  EXPECT_EQ(after.body.find("outcome")->as_string(), "rejected");
  EXPECT_EQ(after.body.find("reasons")->as_array()[0].find("rule_id")->as_string(), "R99");

  // The open case keeps the version it was decided with.
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    auto f = tx.cases().load(open_case);
    EXPECT_TRUE(f.ok());
    if (f) {
      EXPECT_EQ(f->item_version, 1);
    }
    auto g = tx.cases().load(after.body.find("case_no")->as_string());
    if (g) {
      EXPECT_EQ(g->item_version, 2);
    }
    EXPECT_EQ(tx.catalogue().item_version(kItem, 1)->status, "retired");
    return {};
  });

  // Back to version 1 (a retired version may be activated again).
  ASSERT_EQ(server_->call("POST", kVersions + "/1/activate", "", admin_).status, 200);
  EXPECT_EQ(submit("approved_convenience_store.json").body.find("outcome")->as_string(), "approved");
  EXPECT_EQ(server_->call("POST", kVersions + "/5/activate", "", admin_).error_id(), "item.version.not_found");
  EXPECT_EQ(server_->call("POST", "/api/v1/admin/items/NOPE/versions/1/activate", "", admin_).error_id(),
            "item.not_found");

  // Every administrator action is in the audit log.
  std::set<std::string> actions;
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    for (const auto& e : tx.audit().recent(50)) {
      if (e.target == "item:" + kItem) {
        actions.insert(e.action);
        EXPECT_EQ(e.actor, "catalogue-admin");
      }
    }
    return {};
  });
  EXPECT_TRUE(actions.count("item.version.create") && actions.count("item.version.activate"));
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminCatalogue, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
