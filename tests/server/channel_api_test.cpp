// The channel API over a real HTTPS socket, on SQLite and on MariaDB.
#include <fstream>
#include <sstream>

#include "server_fixture.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::server::testing {
namespace {

class ChannelApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam());
    if (!server_->ok()) GTEST_SKIP() << server_->reason();
    token_ = server_->add_channel("web-hall");
  }
  Reply submit(const json::Value& app, const std::string& key, const std::string& token = "") {
    return server_->call_json("POST", "/api/v1/applications", app, token.empty() ? token_ : token,
                              {{"Idempotency-Key", key}});
  }
  std::unique_ptr<TestServer> server_;
  std::string token_;
};

TEST_P(ChannelApi, EverySampleDecidesAsItsExpectedSays) {
  int n = 0;
  for (const auto& path : all_samples()) {
    std::ifstream in(path);
    std::stringstream buf;
    buf << in.rdbuf();
    auto doc = json::parse(buf.str()).value();
    const std::string expected = doc.find("expected")->as_string();
    auto r = submit(*doc.find("application"), "sample-" + path.parent_path().parent_path().filename().string() + "-" +
                                                  path.filename().string());
    ASSERT_EQ(r.status, 201) << path << ": " << r.text;
    EXPECT_EQ(r.body.find("outcome")->as_string(), expected) << path;
    EXPECT_FALSE(r.body.find("case_no")->as_string().empty());
    if (expected == "approved") {
      EXPECT_NE(r.body.find("receipt_no"), nullptr) << path;
    }
    if (expected == "ineligible") {
      EXPECT_NE(r.body.find("other_ways"), nullptr) << path;
    }
    ++n;
  }
  EXPECT_GE(n, 48);
}

TEST_P(ChannelApi, TheSameKeyGivesTheSameAnswerAndOneCase) {
  auto app = sample_application("350100-SCJG-GG-0001", "approved_convenience_store.json");
  auto a = submit(app, "key-1");
  auto b = submit(app, "key-1");
  ASSERT_EQ(a.status, 201) << a.text;
  EXPECT_EQ(b.status, 201);
  EXPECT_EQ(a.text, b.text);
  long cases = 0;
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    cases = tx.cases().count({});
    return {};
  });
  EXPECT_EQ(cases, 1);
  app.set("form", json::Object{});
  auto c = submit(app, "key-1");
  EXPECT_EQ(c.status, 409);
  EXPECT_EQ(c.error_id(), "application.idempotency.mismatch");
  auto missing = server_->call_json("POST", "/api/v1/applications", app, token_);
  EXPECT_EQ(missing.error_id(), "application.idempotency.missing");
}

TEST_P(ChannelApi, AuthenticationAndBadInput) {
  auto app = sample_application("350100-SCJG-GG-0001", "approved_convenience_store.json");
  EXPECT_EQ(submit(app, "k", "not-a-token").error_id(), "auth.channel.invalid");
  EXPECT_EQ(server_->call("POST", "/api/v1/applications", "{}").status, 401);
  auto bad = server_->call("POST", "/api/v1/applications", "{not json", token_, {{"Idempotency-Key", "x"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_id(), "http.body.json");
  EXPECT_EQ(server_->call("POST", "/api/v1/applications", "[1]", token_, {{"Idempotency-Key", "x"}}).error_id(),
            "http.body.object");
  json::Value wrong = app;
  json::Value applicant = *wrong.find("applicant");
  std::string id = applicant.find("id_number")->as_string();
  id.back() = id.back() == '0' ? '1' : '0';  // a wrong check character
  applicant.set("id_number", id);
  wrong.set("applicant", applicant);
  auto r = submit(wrong, "bad-id");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.error_id(), applicant.find("id_type")->as_string() == "uscc" ? "id.uscc.checksum" : "id.citizen.checksum");
  wrong = app;
  wrong.set("item_code", "'; DROP TABLE cases; --");
  EXPECT_EQ(submit(wrong, "inj").error_id(), "application.item.not_found");
  const std::string huge(2 << 20, 'x');
  EXPECT_EQ(server_->call("POST", "/api/v1/applications", huge, token_, {{"Idempotency-Key", "big"}}).status, 413);
}

TEST_P(ChannelApi, OnlyJsonBodiesAreRead) {
  const std::string body = json::to_json(sample_application("350100-SCJG-GG-0001", "approved_convenience_store.json"));
  for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
    auto r = server_->call("POST", "/api/v1/applications", body, token_, {{"Idempotency-Key", "ct"}, {"Content-Type", type}});
    EXPECT_EQ(r.status, 415) << type;
    EXPECT_EQ(r.error_id(), "http.content_type") << type;
  }
  for (const std::string type : {"application/json; charset=utf-8", "Application/JSON", "application/vnd.zhishen+json"}) {
    auto r = server_->call("POST", "/api/v1/applications", body, token_, {{"Idempotency-Key", "ct"}, {"Content-Type", type}});
    EXPECT_EQ(r.status, 201) << type << ": " << r.text;
  }
}

TEST_P(ChannelApi, ProgressCorrectionAndEvaluation) {
  auto app = sample_application("350100-SCJG-GG-0001", "approved_convenience_store.json");
  auto r = submit(app, "p-1");
  ASSERT_EQ(r.status, 201) << r.text;
  const std::string no = r.body.find("case_no")->as_string();
  auto p = server_->call("GET", "/api/v1/applications/" + no, "", token_);
  ASSERT_EQ(p.status, 200) << p.text;
  EXPECT_EQ(p.body.find("state")->as_string(), "auto_approved");
  EXPECT_EQ(p.body.find("timeline")->as_array().size(), 1u);
  const std::string other = server_->add_channel("app");
  EXPECT_EQ(server_->call("GET", "/api/v1/applications/" + no, "", other).status, 404);
  const std::string id = app.find("applicant")->find("id_number")->as_string();
  EXPECT_EQ(server_->call("GET", "/api/v1/applications/" + no + "?id_number=" + id, "", other).status, 200);

  auto e = server_->call_json("POST", "/api/v1/applications/" + no + "/evaluation", json::Object{{"level", "不满意"}}, token_);
  EXPECT_EQ(e.error_id(), "evaluation.reason_required");
  e = server_->call_json("POST", "/api/v1/applications/" + no + "/evaluation", json::Object{{"level", "满意"}}, token_);
  EXPECT_EQ(e.status, 201) << e.text;
  e = server_->call_json("POST", "/api/v1/applications/" + no + "/evaluation", json::Object{{"level", "满意"}}, token_);
  EXPECT_EQ(e.error_id(), "evaluation.duplicate");
  auto c = server_->call_json("POST", "/api/v1/applications/" + no + "/corrections", json::Object{{"form", json::Object{}}}, token_);
  EXPECT_EQ(c.status, 409);
  EXPECT_EQ(c.error_id(), "case.transition.invalid");
}

TEST_P(ChannelApi, PrecheckSaysWhyAndWhereElse) {
  auto app = sample_application("350100-SCJG-GG-0001", "ineligible_bulk_food.json");
  json::Value body = json::Object{{"item_code", *app.find("item_code")}, {"applicant", *app.find("applicant")},
                                  {"form", *app.find("form")}};
  auto r = server_->call_json("POST", "/api/v1/precheck", body, token_);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_FALSE(r.body.find("eligible")->as_bool());
  EXPECT_FALSE(r.body.find("reasons")->as_array().empty());
  EXPECT_NE(r.body.find("other_ways"), nullptr);
}

TEST_P(ChannelApi, SystemEndpoints) {
  EXPECT_EQ(server_->call("GET", "/healthz").status, 200);
  auto m = server_->call("GET", "/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.text.find("zhishen_http_requests_total"), std::string::npos);
  auto o = server_->call("GET", "/api/v1/openapi.json");
  EXPECT_EQ(o.status, 200);
  EXPECT_EQ(o.body.find("openapi")->as_string(), "3.1.0");
  EXPECT_NE(o.body.find("paths")->find("/api/v1/applications"), nullptr);
  EXPECT_EQ(server_->call("GET", "/nowhere").error_id(), "http.not_found");
  EXPECT_EQ(server_->call("DELETE", "/healthz").error_id(), "http.method");
}

INSTANTIATE_TEST_SUITE_P(Backends, ChannelApi, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
