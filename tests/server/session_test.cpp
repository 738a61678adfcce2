// Staff login over a real HTTPS socket, on SQLite and on MariaDB: password + TOTP, the same answer
// for every kind of failure, lock-out (surviving a restart) and unlock, TOTP replay, session expiry
// and logout; plus the password policy and the permission table as plain unit tests.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>

#include <algorithm>
#include <atomic>
#include <sstream>
#include <thread>

#include "server_fixture.hpp"
#include "services/auth.hpp"
#include "services/directory_admin.hpp"
#include "services/permissions.hpp"
#include "support/manual_clock.hpp"
#include "zhishen/crypto/totp.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/lifecycle/transition_table.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::server::testing {
namespace {

using lifecycle::Action;
using lifecycle::Role;

const std::string kPassword = "Shen-pi-2024!";

class StaffSession : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam(), &clock_);
    if (!server_->ok()) GTEST_SKIP() << server_->reason();
  }
  CreatedUser make_user(const std::string& username, std::vector<Role> roles, const std::string& dept = "FZ-SCJG") {
    auto u = create_user(server_->ctx(), {username, "测试 " + username, dept, std::move(roles), kPassword}, "test");
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().id);
    return u.ok() ? *u : CreatedUser{};
  }
  json::Value credentials(const std::string& username, const std::string& secret, const std::string& password = kPassword) {
    return json::Object{{"username", username}, {"password", password}, {"totp", *crypto::totp_code(secret, clock_.now())}};
  }
  Reply login(const std::string& username, const std::string& secret, const std::string& password = kPassword) {
    return server_->call_json("POST", "/api/v1/session", credentials(username, secret, password));
  }
  // The staff.* audit actions about `target`, oldest first.
  std::vector<std::string> audit_actions(const std::string& target) {
    std::vector<std::string> out;
    (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
      for (const auto& e : tx.audit().recent(500)) {
        if (e.target == target && e.action.rfind("staff.", 0) == 0) out.insert(out.begin(), e.action);  // newest first
      }
      return {};
    });
    return out;
  }

  zhishen::testing::ManualClock clock_{parse_instant("2024-03-04T09:00:00+08:00").value()};
  std::unique_ptr<TestServer> server_;
};

TEST_P(StaffSession, PasswordAndTotpGiveASessionToken) {
  auto u = make_user("li.ming", {Role::reviewer, Role::approver});
  auto r = login("li.ming", u.totp_secret);
  ASSERT_EQ(r.status, 201) << r.text;
  const std::string token = r.body.find("token")->as_string();
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(r.body.find("expires_at")->as_string(), "2024-03-04T17:00:00+08:00");  // 480 minutes
  const json::Value& user = *r.body.find("user");
  EXPECT_EQ(user.find("username")->as_string(), "li.ming");
  EXPECT_EQ(user.find("department")->as_string(), "FZ-SCJG");
  EXPECT_EQ(json::to_json(*user.find("roles")), R"(["reviewer","approver"])");
  EXPECT_EQ(json::to_json(*user.find("permissions")), R"(["query","entry","review","approval"])");
  EXPECT_EQ(r.text.find(u.totp_secret), std::string::npos);
  EXPECT_EQ(r.text.find("scrypt"), std::string::npos);

  auto me = server_->call("GET", "/api/v1/session", "", token);
  ASSERT_EQ(me.status, 200) << me.text;
  EXPECT_EQ(me.body.find("username")->as_string(), "li.ming");
  EXPECT_EQ(server_->call("GET", "/api/v1/session").error_id(), "auth.session.missing");
  EXPECT_EQ(server_->call("GET", "/api/v1/session", "", std::string(64, 'a')).error_id(), "auth.session.invalid");
  EXPECT_EQ(audit_actions("staff:li.ming"), std::vector<std::string>{"staff.login"});
}

TEST_P(StaffSession, EveryFailureLooksTheSame) {
  auto u = make_user("wang.fang", {Role::reviewer});
  auto inactive = make_user("zhao.lei", {Role::reviewer});
  UserChanges off;
  off.active = false;
  ASSERT_TRUE(update_user(server_->ctx(), inactive.account.id, off, "test", 0).ok());
  json::Value wrong_totp = credentials("wang.fang", u.totp_secret);
  const std::string code = wrong_totp.find("totp")->as_string();
  wrong_totp.set("totp", std::string(code.substr(0, 5)) + (code[5] == '0' ? "1" : "0"));
  const std::vector<json::Value> attempts = {
      credentials("wang.fang", u.totp_secret, "Wrong-pass-2024"), wrong_totp,
      credentials("nobody", u.totp_secret), credentials("zhao.lei", inactive.totp_secret),
      json::Object{{"username", "wang.fang"}}, json::Object{}};
  std::string message;
  for (const auto& a : attempts) {
    auto r = server_->call_json("POST", "/api/v1/session", a);
    EXPECT_EQ(r.status, 401) << json::to_json(a);
    EXPECT_EQ(r.error_id(), "auth.login.failed") << json::to_json(a);
    const std::string m = r.body.find("error")->find("message")->as_string();
    if (message.empty()) message = m;
    EXPECT_EQ(m, message);
  }
  EXPECT_EQ(server_->call("POST", "/api/v1/session", "not json").error_id(), "http.body.json");
  EXPECT_EQ(audit_actions("staff:wang.fang").size(), 3u);  // wrong password, wrong code, no code
  EXPECT_EQ(audit_actions("staff:nobody"), std::vector<std::string>{"staff.login_failed"});
}

TEST_P(StaffSession, FiveFailuresLockUntilTimeOrAnAdministrator) {
  auto u = make_user("chen.jing", {Role::reviewer});
  auto admin = make_user("admin.one", {Role::admin});
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(login("chen.jing", u.totp_secret, "Wrong-pass-2024").error_id(), "auth.login.failed") << i;
  auto locked = login("chen.jing", u.totp_secret, "Wrong-pass-2024");
  EXPECT_EQ(locked.status, 401);
  EXPECT_EQ(locked.error_id(), "auth.login.locked");
  EXPECT_EQ(locked.body.find("error")->find("locked_until")->as_string(), "2024-03-04T09:15:00+08:00");
  EXPECT_EQ(login("chen.jing", u.totp_secret).error_id(), "auth.login.locked");  // even the right password
  auto actions = audit_actions("staff:chen.jing");
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "staff.locked"), 1);

  clock_.advance(std::chrono::minutes(15));  // the lock runs out
  ASSERT_EQ(login("chen.jing", u.totp_secret).status, 201);

  for (int i = 1; i <= 5; ++i) (void)login("chen.jing", u.totp_secret, "Wrong-pass-2024");
  clock_.advance(std::chrono::seconds(30));
  EXPECT_EQ(login("chen.jing", u.totp_secret).error_id(), "auth.login.locked");
  auto a = login("admin.one", admin.totp_secret);
  ASSERT_EQ(a.status, 201) << a.text;
  auto unlock = server_->call("POST", "/api/v1/admin/users/" + std::to_string(u.account.id) + "/unlock", "{}",
                              a.body.find("token")->as_string());
  ASSERT_EQ(unlock.status, 200) << unlock.text;
  EXPECT_TRUE(unlock.body.find("locked_until")->is_null());
  EXPECT_EQ(login("chen.jing", u.totp_secret).status, 201);
}

TEST_P(StaffSession, ConcurrentFailuresAreAllCounted) {
  auto u = make_user("sun.qi", {Role::reviewer});
  std::vector<std::thread> threads;
  std::atomic<int> refused{0};
  for (int i = 0; i < kMaxFailedLogins; ++i) {
    threads.emplace_back([&] {
      auto r = login("sun.qi", u.totp_secret, "Wrong-pass-2024");
      if (r.status == 401) ++refused;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(refused.load(), kMaxFailedLogins);
  EXPECT_EQ(login("sun.qi", u.totp_secret).error_id(), "auth.login.locked");
}

// A small HTTPS client for a second server on the same database.
Reply call_port(int port, const std::string& method, const std::string& path, const std::string& body) {
  static Poco::Net::Context::Ptr tls =
      new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_NONE);
  Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port), tls);
  Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  req.setContentType("application/json");
  req.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(req) << body;
  Poco::Net::HTTPResponse res;
  std::istream& in = session.receiveResponse(res);
  std::stringstream buf;
  buf << in.rdbuf();
  Reply r;
  r.status = static_cast<int>(res.getStatus());
  r.text = buf.str();
  if (auto parsed = json::parse(r.text)) r.body = std::move(parsed).value();
  return r;
}

TEST_P(StaffSession, FailureCountsAndLockOutSurviveARestart) {
  auto u = make_user("lin.tao", {Role::reviewer});
  for (int i = 0; i < 3; ++i) (void)login("lin.tao", u.totp_secret, "Wrong-pass-2024");
  ServerConfig config = server_->ctx().config();
  server_->server().stop();
  Server again(config, &clock_);
  ASSERT_TRUE(again.start().ok());
  auto bad = json::to_json(credentials("lin.tao", u.totp_secret, "Wrong-pass-2024"));
  EXPECT_EQ(call_port(again.port(), "POST", "/api/v1/session", bad).error_id(), "auth.login.failed");
  EXPECT_EQ(call_port(again.port(), "POST", "/api/v1/session", bad).error_id(), "auth.login.locked");  // 3 + 2
  Server third(config, &clock_);
  again.stop();
  ASSERT_TRUE(third.start().ok());
  auto good = json::to_json(credentials("lin.tao", u.totp_secret));
  EXPECT_EQ(call_port(third.port(), "POST", "/api/v1/session", good).error_id(), "auth.login.locked");
  std::optional<domain::StaffAccount> stored;
  (void)third.context().store().transact([&](ports::StoreTx& tx) -> Status {
    stored = tx.directory().staff_by_username("lin.tao");
    return {};
  });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->locked_until, clock_.now() + std::chrono::minutes(15));
}

TEST_P(StaffSession, ATotpCodeWorksOnce) {
  auto u = make_user("huang.li", {Role::reviewer});
  const Instant now = clock_.now();
  const std::string earlier = *crypto::totp_code(u.totp_secret, now - std::chrono::seconds(30));
  auto with_code = [&](const std::string& code) {
    return server_->call_json("POST", "/api/v1/session",
                              json::Object{{"username", "huang.li"}, {"password", kPassword}, {"totp", code}});
  };
  EXPECT_EQ(with_code(earlier).status, 201);  // one step of drift is accepted
  const std::string current = *crypto::totp_code(u.totp_secret, now);
  EXPECT_EQ(with_code(current).status, 201);
  EXPECT_EQ(with_code(current).error_id(), "auth.login.failed");  // replayed
  EXPECT_EQ(with_code(earlier).error_id(), "auth.login.failed");  // older than the last one used
  clock_.advance(std::chrono::seconds(30));
  EXPECT_EQ(login("huang.li", u.totp_secret).status, 201);
  auto actions = audit_actions("staff:huang.li");
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "staff.login"), 3);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "staff.login_failed"), 2);
}

TEST_P(StaffSession, AUsedTotpCodeStaysUsedAfterARestartAndOnAnotherServer) {
  auto u = make_user("gao.yan", {Role::reviewer});
  const std::string body = json::to_json(credentials("gao.yan", u.totp_secret));
  EXPECT_EQ(server_->call("POST", "/api/v1/session", body).status, 201);
  ServerConfig config = server_->ctx().config();
  Server other(config, &clock_);  // a second server on the same database, then the first one stops
  ASSERT_TRUE(other.start().ok());
  EXPECT_EQ(call_port(other.port(), "POST", "/api/v1/session", body).error_id(), "auth.login.failed");
  server_->server().stop();
  Server again(config, &clock_);
  other.stop();
  ASSERT_TRUE(again.start().ok());
  EXPECT_EQ(call_port(again.port(), "POST", "/api/v1/session", body).error_id(), "auth.login.failed");
  clock_.advance(std::chrono::seconds(30));
  EXPECT_EQ(call_port(again.port(), "POST", "/api/v1/session", json::to_json(credentials("gao.yan", u.totp_secret))).status,
            201);
}

TEST_P(StaffSession, OneCodeSentTwiceAtOnceLogsInOnce) {
  auto u = make_user("qin.hai", {Role::reviewer});
  const std::string body = json::to_json(credentials("qin.hai", u.totp_secret));
  std::atomic<int> created{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto r = server_->call("POST", "/api/v1/session", body);
      if (r.status == 201) ++created;
      else if (r.error_id() == "auth.login.failed") ++refused;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(refused.load(), 3);
  auto actions = audit_actions("staff:qin.hai");
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "staff.login"), 1);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "staff.login_failed"), 3);
}

TEST_P(StaffSession, SessionsExpireAndLogoutEndsThem) {
  auto u = make_user("xu.min", {Role::supervisor}, "FZ-WJW");
  auto r = login("xu.min", u.totp_secret);
  ASSERT_EQ(r.status, 201) << r.text;
  const std::string token = r.body.find("token")->as_string();
  clock_.advance(std::chrono::minutes(479));
  EXPECT_EQ(server_->call("GET", "/api/v1/session", "", token).status, 200);
  clock_.advance(std::chrono::minutes(1));
  auto expired = server_->call("GET", "/api/v1/session", "", token);
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.error_id(), "auth.session.expired");

  auto again = login("xu.min", u.totp_secret);
  ASSERT_EQ(again.status, 201) << again.text;
  const std::string second = again.body.find("token")->as_string();
  auto out = server_->call("DELETE", "/api/v1/session", "", second);
  EXPECT_EQ(out.status, 204);
  EXPECT_TRUE(out.text.empty());
  EXPECT_EQ(server_->call("GET", "/api/v1/session", "", second).error_id(), "auth.session.invalid");
  EXPECT_EQ(server_->call("DELETE", "/api/v1/session", "", second).status, 401);
  EXPECT_EQ(server_->call("DELETE", "/api/v1/session").status, 401);
  auto actions = audit_actions("staff:xu.min");
  EXPECT_EQ(actions.back(), "staff.logout");
}

INSTANTIATE_TEST_SUITE_P(Backends, StaffSession, ::testing::Values("sqlite", "mysql"));

TEST(PasswordPolicy, LengthClassesAndUsername) {
  EXPECT_TRUE(check_password_policy("li.ming", "Shen-pi-2024!").ok());
  EXPECT_TRUE(check_password_policy("li.ming", "abcdefgh12!!").ok());  // lower, digit, other
  EXPECT_TRUE(check_password_policy("li.ming", "审批密码Abc123x").ok());  // non-ASCII counts as other
  for (const char* weak : {"Ab1!Ab1!a", "abcdefghijk", "abcdefgh1234", "ABCDEFGH!!!!", "审批审批审批审批审批审批"}) {
    auto st = check_password_policy("li.ming", weak);
    ASSERT_FALSE(st.ok()) << weak;
    EXPECT_EQ(st.error().id, "auth.password.weak") << weak;
  }
  auto st = check_password_policy("li.ming", "x-LI.MING-2024");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("username"), std::string::npos);
  EXPECT_NE(check_password_policy("u", "short1A!").error().message.find("10"), std::string::npos);
}

Principal staff(std::vector<Role> roles, const std::string& dept = "FZ-SCJG") {
  Principal p;
  p.kind = Principal::Kind::staff;
  p.staff.roles = std::move(roles);
  p.staff.department_code = dept;
  return p;
}

TEST(Permissions, RolesMapToTheFourPermissionsOf002) {
  using P = Permission;
  EXPECT_EQ(permissions_of(Role::reviewer), (std::vector<P>{P::query, P::entry, P::review}));
  EXPECT_EQ(permissions_of(Role::approver), (std::vector<P>{P::query, P::review, P::approval}));
  EXPECT_EQ(permissions_of(Role::supervisor), (std::vector<P>{P::query}));
  EXPECT_EQ(permissions_of(Role::admin), (std::vector<P>{P::query, P::administration}));
  EXPECT_TRUE(require(staff({Role::approver}), P::approval).ok());
  EXPECT_EQ(require(staff({Role::reviewer}), P::approval).error().id, "auth.forbidden");
  EXPECT_EQ(require(staff({Role::supervisor}), P::review).error().id, "auth.forbidden");
  EXPECT_EQ(require(Principal{}, P::query).error().id, "auth.forbidden");
  EXPECT_EQ(permissions_of(staff({Role::reviewer, Role::admin})),
            (std::vector<P>{P::query, P::entry, P::review, P::administration}));
}

TEST(Permissions, DepartmentsSeen) {
  EXPECT_TRUE(sees_department(staff({Role::reviewer}), "FZ-SCJG"));
  EXPECT_FALSE(sees_department(staff({Role::reviewer}), "FZ-WJW"));
  EXPECT_FALSE(sees_department(staff({Role::approver}), "FZ-WJW"));
  EXPECT_TRUE(sees_department(staff({Role::supervisor}), "FZ-WJW"));
  EXPECT_TRUE(sees_department(staff({Role::admin}), "FZ-WJW"));
  EXPECT_FALSE(sees_department(Principal{}, ""));
  EXPECT_EQ(department_scope(staff({Role::reviewer})), std::optional<std::string>("FZ-SCJG"));
  EXPECT_EQ(department_scope(staff({Role::supervisor})), std::nullopt);
}

TEST(Permissions, ActingRoleFollowsTheTransitionTable) {
  EXPECT_EQ(acting_role(staff({Role::reviewer, Role::approver}), Action::revoke), Role::approver);
  EXPECT_EQ(acting_role(staff({Role::reviewer, Role::approver}), Action::manual_approve), Role::approver);
  EXPECT_EQ(acting_role(staff({Role::reviewer, Role::approver}), Action::confirm_recheck), Role::reviewer);
  EXPECT_EQ(acting_role(staff({Role::approver}), Action::confirm_recheck), Role::reviewer);  // review permission
  EXPECT_EQ(acting_role(staff({Role::reviewer}), Action::manual_approve), Role::reviewer);
  EXPECT_EQ(acting_role(staff({Role::admin}), Action::archive), Role::admin);
  Principal channel;
  channel.kind = Principal::Kind::channel;
  EXPECT_EQ(acting_role(channel, Action::withdraw), Role::applicant);
  // Nothing fits: a role the table refuses.
  for (auto [who, action] : {std::pair{staff({Role::reviewer}), Action::revoke},
                             std::pair{staff({Role::supervisor}), Action::confirm_recheck},
                             std::pair{staff({Role::admin}), Action::revoke}}) {
    const Role r = acting_role(who, action);
    for (const auto& rule : lifecycle::transition_table()) {
      if (rule.action == action) {
        EXPECT_FALSE(rule.allows(r)) << lifecycle::to_string(r);
      }
    }
  }
}

}  // namespace
}  // namespace zhishen::server::testing
