// HttpApi over the real HttpsTransport against a real zhishen server (SQLite and MariaDB): the
// workstation's calls and the server's answers agree — login with TOTP, inbox with filters and
// search, a case with its trace, an action against a stale version (store.conflict) and the
// right one, the board, tickets and figures, logout ending the session.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "server_fixture.hpp"
#include "services/directory_admin.hpp"
#include "zhishen/crypto/totp.hpp"
#include "zhishen/desk/http_api.hpp"
#include "zhishen/desk/https_transport.hpp"
#include "zhishen/desk/trust_store.hpp"

namespace zhishen::desk {
namespace {

namespace fs = std::filesystem;
using server::testing::TestServer;

const std::string kPassword = "Shen-pi-2024!";

class DeskApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam());
    if (!server_->ok()) GTEST_SKIP() << server_->reason();
    dir_ = fs::temp_directory_path() / ("zhishen-desk-api-" + std::to_string(::getpid()) + "-" + GetParam());
    fs::remove_all(dir_);
    trust_ = std::make_unique<TrustStore>(dir_ / "trusted.txt");
    auto t = HttpsTransport::make("https://127.0.0.1:" + std::to_string(server_->port()), *trust_);
    ASSERT_TRUE(t.ok());
    transport_ = std::move(t).value();
    api_ = std::make_unique<HttpApi>(*transport_);
    auto u = server::create_user(server_->ctx(), {"desk.reviewer", "审核员", "FZ-SCJG", {lifecycle::Role::reviewer}, kPassword},
                                 "test");
    ASSERT_TRUE(u.ok());
    secret_ = u->totp_secret;
    channel_ = server_->add_channel("web-hall");
  }
  void TearDown() override {
    api_.reset();
    transport_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::string submit(const std::string& file, const std::string& key) {
    auto r = server_->call_json("POST", "/api/v1/applications",
                                server::testing::sample_application("350100-SCJG-GG-0001", file), channel_,
                                {{"Idempotency-Key", key}});
    EXPECT_EQ(r.status, 201) << r.text;
    return r.body.find("case_no")->as_string();
  }
  Result<Session> login() {
    return api_->login("desk.reviewer", kPassword, *crypto::totp_code(secret_, server_->ctx().now()));
  }

  std::unique_ptr<TestServer> server_;
  fs::path dir_;
  std::unique_ptr<TrustStore> trust_;
  std::unique_ptr<HttpsTransport> transport_;
  std::unique_ptr<HttpApi> api_;
  std::string secret_, channel_;
};

TEST_P(DeskApi, TheReviewersDayOverTheRealServer) {
  auto fp = api_->fingerprint();
  ASSERT_TRUE(fp.ok()) << fp.error().id;
  EXPECT_EQ(login().error().id, "net.certificate.untrusted");  // nothing sent before trusting
  ASSERT_TRUE(api_->trust(*fp).ok());
  EXPECT_EQ(api_->pinned(), *fp);

  const std::string approved = submit("approved_convenience_store.json", "k1");
  const std::string manual = submit("manual_credit_blacklist.json", "k2");
  auto s = login();
  ASSERT_TRUE(s.ok()) << s.error().id;
  EXPECT_EQ(s->user.username, "desk.reviewer");
  EXPECT_TRUE(s->user.has_role("reviewer"));
  EXPECT_TRUE(s->user.may("review"));

  auto page = api_->inbox(InboxQuery{});
  ASSERT_TRUE(page.ok()) << page.error().id;
  EXPECT_EQ(page->total, 2);
  ASSERT_EQ(page->rows.size(), 2u);
  EXPECT_FALSE(page->rows[0].item_name.empty());
  InboxQuery q;
  q.state = "manual_review";
  q.search = manual;
  page = api_->inbox(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->rows.size(), 1u);
  EXPECT_EQ(page->rows[0].case_no, manual);
  q.state = "auto_approved,auto_rejected";
  page = api_->inbox(q);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->rows.empty());

  auto d = api_->case_detail(approved);
  ASSERT_TRUE(d.ok()) << d.error().id;
  EXPECT_EQ(d->row.case_no, approved);
  EXPECT_EQ(d->row.state, "auto_approved");
  EXPECT_EQ(d->outcome, "approved");
  EXPECT_FALSE(d->trace.empty());
  EXPECT_FALSE(d->history.empty());
  EXPECT_TRUE(d->materials.is_array());
  EXPECT_NE(std::find(d->actions.begin(), d->actions.end(), "confirm_recheck"), d->actions.end());
  EXPECT_EQ(api_->case_detail("ZS-NONE").error().id, "case.not_found");

  ActionInput stale;
  stale.version = d->row.version - 1;
  EXPECT_EQ(api_->act(approved, "confirm_recheck", stale).error().id, "store.conflict");
  ActionInput in;
  in.version = d->row.version;
  auto after = api_->act(approved, "confirm_recheck", in);
  ASSERT_TRUE(after.ok()) << after.error().id;
  EXPECT_NE(after->row.state, "auto_approved");
  EXPECT_GT(after->row.version, d->row.version);
  ActionInput no_reason;
  no_reason.version = after->row.version;
  EXPECT_EQ(api_->act(approved, "revoke", no_reason).error().id, "auth.forbidden");  // revoking needs approval

  auto board = api_->board();
  ASSERT_TRUE(board.ok()) << board.error().id;
  ASSERT_EQ(board->tiles.size(), 1u);
  EXPECT_EQ(board->tiles[0].department, "FZ-SCJG");
  EXPECT_FALSE(board->generated_at.empty());
  EXPECT_TRUE(api_->overdue(50).ok());
  EXPECT_TRUE(api_->tickets("").ok());
  EXPECT_EQ(api_->open_ticket(manual, "超期").error().id, "auth.forbidden");  // reviewers do not supervise
  const std::string today = format_instant(server_->ctx().now(), UtcOffset{}).substr(0, 10);
  const std::string from =
      format_instant(server_->ctx().now() - std::chrono::hours(24 * 30), UtcOffset{}).substr(0, 10);
  auto figures = api_->statistics(from, today);
  ASSERT_TRUE(figures.ok()) << figures.error().id << ": " << figures.error().message;
  EXPECT_NE(figures->find("decisions"), nullptr);

  auto out = api_->logout();
  ASSERT_TRUE(out.ok()) << out.error().id << ": " << out.error().message;
  EXPECT_FALSE(api_->logged_in());
  EXPECT_EQ(api_->inbox(InboxQuery{}).error().id.rfind("auth.session.", 0), 0u);
}

TEST_P(DeskApi, WrongCredentialsAndBadQueriesAnswerTheirIds) {
  ASSERT_TRUE(api_->trust(*api_->fingerprint()).ok());
  EXPECT_EQ(api_->login("desk.reviewer", "wrong-Password-1", "000000").error().id, "auth.login.failed");
  ASSERT_TRUE(login().ok());
  InboxQuery q;
  q.light = "blue";
  EXPECT_EQ(api_->inbox(q).error().id, "inbox.param.invalid");
  q.light = "";
  q.search = std::string("ZS'; DROP TABLE cases; --");
  auto page = api_->inbox(q);
  ASSERT_TRUE(page.ok()) << page.error().id;
  EXPECT_TRUE(page->rows.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskApi, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::desk
