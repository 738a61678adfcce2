// Demo seeding (zhishen-server --seed-demo) on a fresh server, on SQLite and on MariaDB: every
// lifecycle state and every light, the credentials file's documented shape, and credentials that
// work — each account logs in with password + TOTP, each channel token submits an application.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "demo_seed.hpp"
#include "server_fixture.hpp"
#include "zhishen/crypto/totp.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/lifecycle/case_state.hpp"

namespace zhishen::server::testing {
namespace {

class DemoSeed : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam());
    if (!server_->ok()) GTEST_SKIP() << server_->reason();
  }
  std::unique_ptr<TestServer> server_;
};

std::int64_t count(ServerContext& ctx, const ports::InboxQuery& q) {
  std::int64_t n = 0;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    n = tx.cases().count(q);
    return {};
  });
  return n;
}

TEST_P(DemoSeed, EveryStateAndLightAndWorkingCredentials) {
  ServerContext& ctx = server_->ctx();
  ASSERT_TRUE(demo_seed_wanted(ctx));
  auto report = seed_demo(ctx);
  ASSERT_TRUE(report.ok()) << report.error().id << ": " << report.error().message;
  EXPECT_FALSE(demo_seed_wanted(ctx)) << "a second start must not seed again";

  // A few hundred cases, in every state of the lifecycle and every light (as the store has them).
  EXPECT_GE(report->cases, 200);
  EXPECT_EQ(count(ctx, {}), report->cases);
  for (auto s : lifecycle::kAllStates) {
    // An approval passes through these within its re-check or manual approval's transaction (the
    // e-certificate is issued and the case completes at once); a case rests in them only while its
    // department has no signing key.
    if (s == lifecycle::State::recheck_confirmed || s == lifecycle::State::manual_approved ||
        s == lifecycle::State::certificate_issued) {
      continue;
    }
    ports::InboxQuery q;
    q.states = {s};
    EXPECT_GT(count(ctx, q), 0) << "no demo case in state " << lifecycle::to_string(s);
  }
  // Every approval of an e-certificate item that completed got its certificate: nothing on the
  // board's 体外循环 list.
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    for (const auto& i : tx.supervision().irregularities(10)) ADD_FAILURE() << i.kind << " " << i.ref;
    return {};
  });
  for (auto light : {calendar::Light::green, calendar::Light::yellow, calendar::Light::red}) {
    ports::InboxQuery q;
    q.light = light;
    EXPECT_GT(count(ctx, q), 0) << "no demo case with light " << calendar::to_string(light);
  }

  // The credentials file: the documented shape, base32 TOTP secrets, mode 0600, says it is a demo.
  const auto file = std::filesystem::temp_directory_path() / ("zhishen-demo-" + std::to_string(::getpid()) + ".json");
  ASSERT_TRUE(write_demo_credentials(*report, file).ok());
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(file);
  std::stringstream buf;
  buf << in.rdbuf();
  std::filesystem::remove(file);
  auto doc = json::parse(buf.str());
  ASSERT_TRUE(doc.ok()) << buf.str();
  ASSERT_NE(doc->find("notice"), nullptr);
  EXPECT_NE(doc->find("notice")->as_string().find("DEMO ONLY"), std::string::npos);
  ASSERT_NE(doc->find("accounts"), nullptr);
  ASSERT_NE(doc->find("channels"), nullptr);
  std::set<std::string> roles;
  const std::regex base32("^[A-Z2-7]{16,}$");
  for (const auto& a : doc->find("accounts")->as_array()) {
    ASSERT_EQ(a.as_object().size(), 4u);
    for (const char* key : {"role", "username", "password", "totp_secret"}) {
      ASSERT_NE(a.find(key), nullptr) << key;
      ASSERT_TRUE(a.find(key)->is_string()) << key;
    }
    roles.insert(a.find("role")->as_string());
    EXPECT_TRUE(std::regex_match(a.find("totp_secret")->as_string(), base32));
  }
  EXPECT_EQ(roles, (std::set<std::string>{"reviewer", "approver", "supervisor", "admin"}));
  std::set<std::string> channels;
  for (const auto& c : doc->find("channels")->as_array()) {
    ASSERT_EQ(c.as_object().size(), 2u);
    channels.insert(c.find("name")->as_string());
    EXPECT_FALSE(c.find("token")->as_string().empty());
  }
  EXPECT_EQ(channels, (std::set<std::string>{"web-hall", "app", "kiosk", "wechat", "counter"}));

  // Every account logs in with its password and the TOTP code of its secret.
  for (const auto& a : report->accounts) {
    EXPECT_EQ(a.otpauth_uri.rfind("otpauth://totp/", 0), 0u) << a.otpauth_uri;
    auto code = crypto::totp_code(a.totp_secret, ctx.now());
    ASSERT_TRUE(code.ok());
    auto r = server_->call_json("POST", "/api/v1/session",
                                json::Object{{"username", a.username}, {"password", a.password}, {"totp", *code}});
    EXPECT_EQ(r.status, 201) << a.username << ": " << r.text;
  }
  // Every channel token submits a shipped sample, decided as it expects.
  auto app = sample_application("350100-SCJG-GG-0001", "approved_convenience_store.json");
  for (const auto& c : report->channels) {
    auto r = server_->call_json("POST", "/api/v1/applications", app, c.token, {{"Idempotency-Key", "demo-test-" + c.name}});
    EXPECT_EQ(r.status, 201) << c.name << ": " << r.text;
    if (r.status == 201) {
      EXPECT_EQ(r.body.find("outcome")->as_string(), "approved");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoSeed, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
