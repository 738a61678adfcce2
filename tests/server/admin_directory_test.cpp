// The directory administration API over a real HTTPS socket, on SQLite and on MariaDB: access
// (401 without a session, 403 for other staff), departments, users (created with a TOTP secret
// that logs in, changed, new password, new secret — each ending the user's sessions), channels
// (rotate and revoke stop the old token at once) and the audit trail.
#include <algorithm>

#include "server_fixture.hpp"
#include "services/directory_admin.hpp"
#include "support/manual_clock.hpp"
#include "zhishen/crypto/totp.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::server::testing {
namespace {

using lifecycle::Role;

const std::string kPassword = "Shen-pi-2024!";

class AdminDirectory : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam(), &clock_);
    if (!server_->ok()) GTEST_SKIP() << server_->reason();
    // The first administrator is written through the service (the server has no default account).
    auto a = create_user(server_->ctx(), {"admin.one", "管理员", "FZ-SCJG", {Role::admin}, kPassword}, "test");
    ASSERT_TRUE(a.ok());
    admin_ = login("admin.one", a->totp_secret);
    ASSERT_FALSE(admin_.empty());
  }
  // A session token, or "" when the login fails. Moves the clock to a fresh TOTP step first.
  std::string login(const std::string& username, const std::string& secret, const std::string& password = kPassword) {
    clock_.advance(std::chrono::seconds(30));
    auto r = server_->call_json("POST", "/api/v1/session",
                                json::Object{{"username", username}, {"password", password},
                                             {"totp", *crypto::totp_code(secret, clock_.now())}});
    return r.status == 201 ? r.body.find("token")->as_string() : std::string();
  }
  Reply as_admin(const std::string& method, const std::string& path, const json::Value& body = json::Object{}) {
    return server_->call_json(method, path, body, admin_);
  }
  // Creates a user through the API; returns {id, totp secret}.
  std::pair<std::string, std::string> add_user(const std::string& username, const json::Array& roles) {
    auto r = as_admin("POST", "/api/v1/admin/users",
                      json::Object{{"username", username}, {"display_name", "张三"}, {"department", "FZ-SCJG"},
                                   {"roles", roles}, {"password", kPassword}});
    EXPECT_EQ(r.status, 201) << r.text;
    if (r.status != 201) return {};
    return {json::to_json(*r.body.find("user")->find("id")), r.body.find("totp_secret")->as_string()};
  }

  zhishen::testing::ManualClock clock_{parse_instant("2024-03-04T09:00:00+08:00").value()};
  std::unique_ptr<TestServer> server_;
  std::string admin_;
};

TEST_P(AdminDirectory, EveryRouteNeedsAnAdministrator) {
  auto [id, secret] = add_user("reviewer.one", {"reviewer"});
  const std::string reviewer = login("reviewer.one", secret);
  auto [sid, ssecret] = add_user("supervisor.one", {"supervisor"});
  const std::string supervisor = login("supervisor.one", ssecret);
  ASSERT_FALSE(reviewer.empty());
  ASSERT_FALSE(supervisor.empty());
  const std::pair<const char*, std::string> routes[] = {
      {"GET", "/api/v1/admin/departments"},          {"GET", "/api/v1/admin/departments/FZ-SCJG"},
      {"PUT", "/api/v1/admin/departments/FZ-NEW"},   {"GET", "/api/v1/admin/users"},
      {"POST", "/api/v1/admin/users"},               {"PUT", "/api/v1/admin/users/" + id},
      {"POST", "/api/v1/admin/users/" + id + "/password"}, {"POST", "/api/v1/admin/users/" + id + "/totp"},
      {"POST", "/api/v1/admin/users/" + id + "/unlock"},   {"GET", "/api/v1/admin/channels"},
      {"POST", "/api/v1/admin/channels"},            {"POST", "/api/v1/admin/channels/web-hall/rotate"},
      {"POST", "/api/v1/admin/channels/web-hall/revoke"}};
  for (const auto& [method, path] : routes) {
    const std::string body = std::string(method) == "GET" ? "" : "{}";
    auto none = server_->call(method, path, body);
    EXPECT_EQ(none.status, 401) << method << " " << path;
    EXPECT_EQ(none.error_id(), "auth.session.missing") << method << " " << path;
    for (const std::string& token : {reviewer, supervisor}) {
      auto r = server_->call(method, path, body, token);
      EXPECT_EQ(r.status, 403) << method << " " << path;
      EXPECT_EQ(r.error_id(), "auth.forbidden") << method << " " << path;
    }
  }
  EXPECT_EQ(server_->call("GET", "/api/v1/session", "", reviewer).status, 200);  // nothing ended them
}

TEST_P(AdminDirectory, ACreatedUserLogsInWithTheSecretShownOnce) {
  auto r = as_admin("POST", "/api/v1/admin/users",
                    json::Object{{"username", "li.ming"}, {"display_name", "李明"}, {"department", "FZ-SCJG"},
                                 {"roles", json::Array{"reviewer", "approver"}}, {"password", kPassword}});
  ASSERT_EQ(r.status, 201) << r.text;
  const std::string secret = r.body.find("totp_secret")->as_string();
  EXPECT_EQ(secret.size(), 32u);
  EXPECT_EQ(r.body.find("otpauth_uri")->as_string(),
            "otpauth://totp/%E6%99%BA%E5%AE%A1%20Zhishen:li.ming?secret=" + secret +
                "&issuer=%E6%99%BA%E5%AE%A1%20Zhishen&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(r.body.find("user")->find("display_name")->as_string(), "李明");
  EXPECT_TRUE(r.body.find("user")->find("active")->as_bool());
  EXPECT_FALSE(login("li.ming", secret).empty());

  auto list = as_admin("GET", "/api/v1/admin/users?department=FZ-SCJG");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("users")->as_array().size(), 2u);
  EXPECT_EQ(list.text.find(secret), std::string::npos);
  EXPECT_EQ(list.text.find("scrypt"), std::string::npos);
  EXPECT_EQ(as_admin("GET", "/api/v1/admin/users?department=FZ-WJW").body.find("users")->as_array().size(), 0u);

  auto body = [](const char* user, json::Value roles, const char* dept, const char* password) {
    return json::Object{{"username", user}, {"display_name", "李明"}, {"department", dept},
                        {"roles", std::move(roles)}, {"password", password}};
  };
  const std::pair<json::Object, const char*> refused[] = {
      {body("li.ming", json::Array{"reviewer"}, "FZ-SCJG", "Shen-pi-2024!"), "directory.user.duplicate"},
      {body("wang.fang", json::Array{"reviewer"}, "FZ-SCJG", "password"), "auth.password.weak"},
      {body("wang.fang", json::Array{"reviewer"}, "FZ-SCJG", "Wang.Fang-2024"), "auth.password.weak"},
      {body("wang.fang", json::Array{"reviewer"}, "NO-SUCH", "Shen-pi-2024!"), "directory.department.not_found"},
      {body("wang.fang", json::Array{"applicant"}, "FZ-SCJG", "Shen-pi-2024!"), "directory.roles.invalid"},
      {body("wang.fang", json::Array{}, "FZ-SCJG", "Shen-pi-2024!"), "directory.roles.invalid"},
      {body("Wang Fang", json::Array{"reviewer"}, "FZ-SCJG", "Shen-pi-2024!"), "directory.username.invalid"},
      {body("wang.fang", json::Array{"reviewer"}, "FZ-SCJG", "Shen-pi-2024!"), nullptr}};
  for (const auto& [b, id] : refused) {
    auto x = as_admin("POST", "/api/v1/admin/users", b);
    if (id == nullptr) {
      EXPECT_EQ(x.status, 201) << x.text;
    } else {
      EXPECT_EQ(x.error_id(), id) << x.text;
      EXPECT_EQ(x.status, std::string(id) == "directory.user.duplicate"          ? 409
                          : std::string(id) == "directory.department.not_found" ? 404
                                                                                 : 422);
    }
  }
  EXPECT_EQ(as_admin("POST", "/api/v1/admin/users", json::Object{{"username", "x"}}).error_id(), "directory.field.invalid");
}

TEST_P(AdminDirectory, ChangesToAnAccountEndItsSessions) {
  auto [id, secret] = add_user("wang.fang", {"reviewer"});
  const std::string path = "/api/v1/admin/users/" + id;
  std::string token = login("wang.fang", secret);
  ASSERT_FALSE(token.empty());
  auto renamed = as_admin("PUT", path, json::Object{{"display_name", "王芳"}});  // a name change keeps it
  ASSERT_EQ(renamed.status, 200) << renamed.text;
  EXPECT_EQ(server_->call("GET", "/api/v1/session", "", token).status, 200);

  auto promoted = as_admin("PUT", path, json::Object{{"roles", json::Array{"reviewer", "approver"}}});
  ASSERT_EQ(promoted.status, 200) << promoted.text;
  EXPECT_EQ(json::to_json(*promoted.body.find("roles")), R"(["reviewer","approver"])");
  EXPECT_EQ(server_->call("GET", "/api/v1/session", "", token).error_id(), "auth.session.invalid");

  token = login("wang.fang", secret);
  ASSERT_FALSE(token.empty());
  auto pw = as_admin("POST", path + "/password", json::Object{{"password", "Xin-mi-ma-2025"}});
  ASSERT_EQ(pw.status, 200) << pw.text;
  EXPECT_EQ(server_->call("GET", "/api/v1/session", "", token).error_id(), "auth.session.invalid");
  EXPECT_TRUE(login("wang.fang", secret).empty());
  token = login("wang.fang", secret, "Xin-mi-ma-2025");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(as_admin("POST", path + "/password", json::Object{{"password", "short"}}).error_id(), "auth.password.weak");

  auto totp = as_admin("POST", path + "/totp");
  ASSERT_EQ(totp.status, 200) << totp.text;
  const std::string fresh = totp.body.find("totp_secret")->as_string();
  EXPECT_NE(fresh, secret);
  EXPECT_EQ(server_->call("GET", "/api/v1/session", "", token).error_id(), "auth.session.invalid");
  EXPECT_TRUE(login("wang.fang", secret, "Xin-mi-ma-2025").empty());
  token = login("wang.fang", fresh, "Xin-mi-ma-2025");
  ASSERT_FALSE(token.empty());

  auto off = as_admin("PUT", path, json::Object{{"active", false}});
  ASSERT_EQ(off.status, 200) << off.text;
  EXPECT_FALSE(off.body.find("active")->as_bool());
  EXPECT_EQ(server_->call("GET", "/api/v1/session", "", token).error_id(), "auth.session.invalid");
  EXPECT_TRUE(login("wang.fang", fresh, "Xin-mi-ma-2025").empty());

  EXPECT_EQ(as_admin("PUT", "/api/v1/admin/users/999999", json::Object{{"active", true}}).status, 404);
  EXPECT_EQ(as_admin("PUT", "/api/v1/admin/users/abc", json::Object{}).error_id(), "directory.user.not_found");
  EXPECT_EQ(as_admin("PUT", path, json::Object{{"department", "NO-SUCH"}}).error_id(), "directory.department.not_found");
  EXPECT_EQ(as_admin("PUT", path, json::Object{{"active", "yes"}}).error_id(), "directory.field.invalid");
  // An administrator cannot lock themselves out.
  auto me = server_->call("GET", "/api/v1/session", "", admin_);
  const std::string mine = "/api/v1/admin/users/" + json::to_json(*me.body.find("id"));
  EXPECT_EQ(as_admin("PUT", mine, json::Object{{"active", false}}).error_id(), "directory.user.self_lockout");
  EXPECT_EQ(as_admin("PUT", mine, json::Object{{"roles", json::Array{"supervisor"}}}).error_id(),
            "directory.user.self_lockout");
}

TEST_P(AdminDirectory, RotatingOrRevokingAChannelStopsItsOldTokenAtOnce) {
  auto created = as_admin("POST", "/api/v1/admin/channels", json::Object{{"name", "web-hall"}, {"kind", "web"}});
  ASSERT_EQ(created.status, 201) << created.text;
  const std::string first = created.body.find("token")->as_string();
  EXPECT_EQ(first.size(), 64u);
  const json::Value app = sample_application("350100-SCJG-GG-0001", "approved_convenience_store.json");
  auto submit = [&](const std::string& token, const std::string& key) {
    return server_->call_json("POST", "/api/v1/applications", app, token, {{"Idempotency-Key", key}});
  };
  EXPECT_EQ(submit(first, "k1").status, 201);

  auto rotated = as_admin("POST", "/api/v1/admin/channels/web-hall/rotate");
  ASSERT_EQ(rotated.status, 200) << rotated.text;
  const std::string second = rotated.body.find("token")->as_string();
  EXPECT_NE(second, first);
  EXPECT_EQ(submit(first, "k2").error_id(), "auth.channel.invalid");
  EXPECT_EQ(submit(second, "k3").status, 201);

  auto revoked = as_admin("POST", "/api/v1/admin/channels/web-hall/revoke");
  ASSERT_EQ(revoked.status, 200) << revoked.text;
  EXPECT_FALSE(revoked.body.find("active")->as_bool());
  EXPECT_EQ(submit(second, "k4").error_id(), "auth.channel.invalid");
  EXPECT_EQ(as_admin("POST", "/api/v1/admin/channels/web-hall/rotate").error_id(), "directory.channel.revoked");

  auto list = as_admin("GET", "/api/v1/admin/channels");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.body.find("channels")->as_array().size(), 1u);
  EXPECT_FALSE(list.body.find("channels")->as_array()[0].find("revoked_at")->is_null());
  EXPECT_EQ(list.text.find(second), std::string::npos);
  EXPECT_EQ(list.text.find("token"), std::string::npos);

  EXPECT_EQ(as_admin("POST", "/api/v1/admin/channels", json::Object{{"name", "web-hall"}, {"kind", "web"}}).error_id(),
            "directory.channel.duplicate");
  EXPECT_EQ(as_admin("POST", "/api/v1/admin/channels", json::Object{{"name", "fax"}, {"kind", "fax"}}).error_id(),
            "directory.channel.kind.invalid");
  EXPECT_EQ(as_admin("POST", "/api/v1/admin/channels", json::Object{{"name", "Web Hall"}, {"kind", "web"}}).error_id(),
            "directory.channel.name.invalid");
  EXPECT_EQ(as_admin("POST", "/api/v1/admin/channels/nope/revoke").status, 404);
}

TEST_P(AdminDirectory, DepartmentsAndTheAuditTrail) {
  auto list = as_admin("GET", "/api/v1/admin/departments");
  ASSERT_EQ(list.status, 200);
  EXPECT_GE(list.body.find("departments")->as_array().size(), 5u);  // imported with the catalogue
  auto one = as_admin("GET", "/api/v1/admin/departments/FZ-SCJG");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.body.find("name")->as_string(), "福州市市场监督管理局");
  EXPECT_EQ(as_admin("GET", "/api/v1/admin/departments/NO-SUCH").error_id(), "directory.department.not_found");

  const auto signs = [&](const std::string& code) {
    const auto keys = server_->call("GET", "/api/v1/certificates/keys");
    if (keys.body.find("keys") == nullptr) {
      ADD_FAILURE() << keys.status << " " << keys.text;
      return false;
    }
    for (const auto& k : keys.body.find("keys")->as_array()) {
      if (k.find("department")->as_string() == code && k.find("signing")->as_bool()) return true;
    }
    return false;
  };
  EXPECT_FALSE(signs("FZ-XNB"));
  auto put = as_admin("PUT", "/api/v1/admin/departments/FZ-XNB", json::Object{{"name", "福州市效能办"}});
  ASSERT_EQ(put.status, 200) << put.text;
  EXPECT_TRUE(signs("FZ-XNB")) << "a department made while running gets its key (certificates.generate_missing)";
  EXPECT_EQ(as_admin("GET", "/api/v1/admin/departments/FZ-XNB").body.find("name")->as_string(), "福州市效能办");
  put = as_admin("PUT", "/api/v1/admin/departments/FZ-XNB", json::Object{{"name", "福州市机关效能建设领导小组办公室"},
                                                                        {"uscc", "11350100MB0P7K3D1B"}});
  ASSERT_EQ(put.status, 200) << put.text;
  EXPECT_EQ(as_admin("PUT", "/api/v1/admin/departments/FZ-XNB", json::Object{{"name", "x"}, {"uscc", "123"}}).error_id(),
            "directory.department.invalid");
  EXPECT_EQ(as_admin("PUT", "/api/v1/admin/departments/FZ-XNB", json::Object{{"name", " "}}).error_id(),
            "directory.department.invalid");
  EXPECT_EQ(as_admin("PUT", "/api/v1/admin/departments/FZ-XNB", json::Object{}).error_id(), "directory.field.invalid");

  (void)add_user("zhou.yu", {"reviewer"});
  (void)as_admin("POST", "/api/v1/admin/channels", json::Object{{"name", "kiosk-1"}, {"kind", "kiosk"}});
  std::vector<domain::AuditEntry> entries;
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    entries = tx.audit().recent(500);
    return {};
  });
  auto has = [&](const std::string& action, const std::string& target) {
    return std::any_of(entries.begin(), entries.end(), [&](const domain::AuditEntry& e) {
      return e.action == action && e.target == target && e.actor == "admin.one" && e.role == "admin";
    });
  };
  EXPECT_TRUE(has("admin.department.put", "department:FZ-XNB"));
  EXPECT_TRUE(has("admin.user.create", "staff:zhou.yu"));
  EXPECT_TRUE(has("admin.channel.create", "channel:kiosk-1"));
  for (const auto& e : entries) EXPECT_EQ(json::to_json(e.detail).find(kPassword), std::string::npos) << e.action;
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminDirectory, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace zhishen::server::testing
