// The casework tests' fixture (see casework_fixture.hpp): staff accounts with sessions, samples submitted
// through the channel API, actions over HTTPS.
#include "casework_fixture.hpp"

#include <atomic>

namespace zhishen::server::testing {

using lifecycle::Role;

void CaseworkTest::SetUp() {
  server_ = std::make_unique<TestServer>(GetParam(), nullptr, [this](ServerConfig& c) { configure(c); });
  if (!server_->ok()) GTEST_SKIP() << server_->reason();
  channel_ = server_->add_channel("web-hall");
  reviewer_ = add_staff("reviewer", "FZ-SCJG", {Role::reviewer});
  approver_ = add_staff("approver", "FZ-SCJG", {Role::approver});
  supervisor_ = add_staff("supervisor", "FZ-XNB", {Role::supervisor});
  admin_ = add_staff("admin", "FZ-XNB", {Role::admin});
  other_reviewer_ = add_staff("wjw-reviewer", "FZ-WJW", {Role::reviewer});
  other_approver_ = add_staff("wjw-approver", "FZ-WJW", {Role::approver});
}

StaffLogin CaseworkTest::add_staff(const std::string& username, const std::string& department,
                                   std::vector<Role> roles) {
  auto [id, token] = server_->add_staff_session(username, department, std::move(roles));
  return {id, username, token};
}

Reply CaseworkTest::submit_reply(const std::string& item, const std::string& file) {
  static std::atomic<int> key{0};
  return server_->call_json("POST", "/api/v1/applications", sample_application(item, file), channel_,
                            {{"Idempotency-Key", "cw-" + std::to_string(++key)}});
}

std::string CaseworkTest::submit(const std::string& item, const std::string& file) {
  auto r = submit_reply(item, file);
  EXPECT_EQ(r.status, 201) << r.text;
  const json::Value* no = r.body.find("case_no");
  return no != nullptr && no->is_string() ? no->as_string() : std::string();
}

Reply CaseworkTest::get(const std::string& path, const std::string& token) { return server_->call("GET", path, "", token); }

std::int64_t CaseworkTest::version_of(const std::string& case_no) {
  std::int64_t v = -1;
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    if (auto f = tx.cases().load(case_no)) v = f->record.version;
    return {};
  });
  return v;
}

std::string CaseworkTest::state_of(const std::string& case_no) {
  std::string s;
  (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    if (auto f = tx.cases().load(case_no)) s = std::string(lifecycle::to_string(f->record.state));
    return {};
  });
  return s;
}

Reply CaseworkTest::act(const std::string& case_no, const std::string& action, const StaffLogin& who,
                        json::Object fields) {
  return act_at(case_no, action, who, version_of(case_no), std::move(fields));
}

Reply CaseworkTest::act_at(const std::string& case_no, const std::string& action, const StaffLogin& who,
                           std::int64_t version, json::Object fields) {
  json::Value body = json::Object{{"version", version}};
  for (auto& [k, v] : fields) body.set(k, std::move(v));
  return server_->call_json("POST", "/api/v1/cases/" + case_no + "/actions/" + action, body, who.token);
}

}  // namespace zhishen::server::testing
