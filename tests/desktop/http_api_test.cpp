// HttpApi over the real HttpsTransport against a real zhishen server (SQLite and MariaDB): the
// workstation's calls and the server's answers agree — login with TOTP, inbox with filters and
// search, a case with its trace, an action against a stale version (store.conflict) and the
// right one, the board, tickets and figures, logout ending the session; the printed documents and
// the ledger as the server's own bytes; and the administration calls (AdminApi) of an administrator.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "server_fixture.hpp"
#include "services/directory_admin.hpp"
#include "zhishen/crypto/totp.hpp"
#include "zhishen/desk/http_api.hpp"
#include "zhishen/desk/https_transport.hpp"
#include "zhishen/desk/trust_store.hpp"
#include "zhishen/json/parse.hpp"

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
  EXPECT_EQ(page->workday_minutes, 480);
  for (const auto& r : page->rows) EXPECT_TRUE(r.working_minutes_left.has_value()) << r.case_no;  // both have a clock
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
  EXPECT_TRUE(d->row.working_minutes_left.has_value());  // its re-check clock runs
  EXPECT_EQ(d->workday_minutes, 480);
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

TEST_P(DeskApi, DocumentsAndTheLedgerAreTheServersOwnBytes) {
  ASSERT_TRUE(api_->trust(*api_->fingerprint()).ok());
  const std::string no = submit("approved_convenience_store.json", "d1");
  auto s = login();
  ASSERT_TRUE(s.ok()) << s.error().id;
  EXPECT_EQ(api_->document(no, "receipt").error().id, "document.not_available");  // not completed yet
  auto acceptance = api_->document(no, "acceptance");
  ASSERT_TRUE(acceptance.ok()) << acceptance.error().id << ": " << acceptance.error().message;
  EXPECT_EQ(acceptance->rfind("%PDF-", 0), 0u);

  // The re-check confirmed: an item without a certificate completes at once, with its receipt.
  auto d = api_->case_detail(no);
  ASSERT_TRUE(d.ok()) << d.error().id;
  ActionInput in;
  in.version = d->row.version;
  auto after = api_->act(no, "confirm_recheck", in);
  ASSERT_TRUE(after.ok()) << after.error().id;
  ASSERT_EQ(after->row.state, "completed");
  auto receipt = api_->document(no, "receipt");
  ASSERT_TRUE(receipt.ok()) << receipt.error().id << ": " << receipt.error().message;
  EXPECT_EQ(receipt->rfind("%PDF-", 0), 0u);
  EXPECT_NE(receipt->find("%%EOF", receipt->size() - 32), std::string::npos) << "the whole file, binary and all";
  EXPECT_EQ(api_->document(no, "refusal").error().id, "document.not_available");
  EXPECT_EQ(api_->document(no, "poster").error().id, "document.kind.unknown");
  EXPECT_EQ(api_->document("ZS-NONE", "receipt").error().id, "case.not_found");

  const std::string today = format_instant(server_->ctx().now(), UtcOffset{}).substr(0, 10);
  LedgerQuery q{today, today, "", ""};
  auto pdf = api_->ledger(q, false);
  ASSERT_TRUE(pdf.ok()) << pdf.error().id << ": " << pdf.error().message;
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  auto csv = api_->ledger(q, true);
  ASSERT_TRUE(csv.ok()) << csv.error().id << ": " << csv.error().message;
  EXPECT_EQ(csv->rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 with a BOM";
  EXPECT_NE(csv->find(no), std::string::npos);
  EXPECT_EQ(*csv, server_->call("GET", "/api/v1/ledger.csv?" + HttpApi::ledger_query_string(q), "", s->token).text)
      << "the bytes as the server sent them";
  q.item = "350100-SCJG-GG-0001";
  csv = api_->ledger(q, true);
  ASSERT_TRUE(csv.ok()) << csv.error().id;
  EXPECT_NE(csv->find(no), std::string::npos);
  q.item = "350100-OTHER-0001";
  csv = api_->ledger(q, true);
  ASSERT_TRUE(csv.ok()) << csv.error().id;
  EXPECT_EQ(csv->find(no), std::string::npos);
  const std::string yesterday =
      format_instant(server_->ctx().now() - std::chrono::hours(24), UtcOffset{}).substr(0, 10);
  EXPECT_EQ(api_->ledger(LedgerQuery{today, yesterday, "", ""}, false).error().id, "statistics.period.invalid");
  EXPECT_EQ(api_->ledger(LedgerQuery{today, today, "", std::string(65, 'X')}, true).error().id,
            "supervision.param.invalid");

  ASSERT_TRUE(api_->logout().ok());
  EXPECT_EQ(api_->document(no, "receipt").error().id.rfind("auth.session.", 0), 0u);
  EXPECT_EQ(api_->ledger(LedgerQuery{today, today, "", ""}, false).error().id.rfind("auth.session.", 0), 0u);
}

std::string file_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_P(DeskApi, AdminCallsAgainstTheRealServer) {
  ASSERT_TRUE(api_->trust(*api_->fingerprint()).ok());
  ASSERT_TRUE(login().ok());
  EXPECT_EQ(api_->users().error().id, "auth.forbidden");  // a reviewer is no administrator
  auto admin = server::create_user(server_->ctx(), {"desk.admin", "管理员", "FZ-SCJG", {lifecycle::Role::admin}, kPassword},
                                   "test");
  ASSERT_TRUE(admin.ok()) << admin.error().id;
  auto s = api_->login("desk.admin", kPassword, *crypto::totp_code(admin->totp_secret, server_->ctx().now()));
  ASSERT_TRUE(s.ok()) << s.error().id;
  EXPECT_TRUE(s->user.may("administration"));
  AdminApi& a = *api_;

  // Staff accounts.
  auto departments = a.departments();
  ASSERT_TRUE(departments.ok()) << departments.error().id;
  EXPECT_TRUE(std::any_of(departments->begin(), departments->end(), [](const DepartmentInfo& d) { return d.code == "FZ-SCJG"; }));
  auto users = a.users();
  ASSERT_TRUE(users.ok()) << users.error().id;
  ASSERT_GE(users->size(), 2u);
  EXPECT_TRUE(std::any_of(users->begin(), users->end(), [](const AdminUser& u) {
    return u.username == "desk.reviewer" && u.active && u.roles == std::vector<std::string>{"reviewer"};
  }));
  auto created = a.create_user(NewUser{"desk.new", "新同事", "FZ-SCJG", {"reviewer", "approver"}, kPassword});
  ASSERT_TRUE(created.ok()) << created.error().id << ": " << created.error().message;
  EXPECT_GT(created->user.id, 0);
  EXPECT_EQ(created->user.username, "desk.new");
  EXPECT_EQ(created->user.roles.size(), 2u);
  EXPECT_FALSE(created->totp_secret.empty());
  EXPECT_EQ(created->otpauth_uri.rfind("otpauth://", 0), 0u);
  EXPECT_EQ(a.create_user(NewUser{"desk.new", "重复", "FZ-SCJG", {"reviewer"}, kPassword}).error().id,
            "directory.user.duplicate");
  EXPECT_EQ(a.create_user(NewUser{"desk.weak", "弱", "FZ-SCJG", {"reviewer"}, "short"}).error().id, "auth.password.weak");
  const std::int64_t id = created->user.id;
  auto off = a.set_active(id, false);
  ASSERT_TRUE(off.ok()) << off.error().id;
  EXPECT_FALSE(off->active);
  auto on = a.set_active(id, true);
  ASSERT_TRUE(on.ok()) << on.error().id;
  EXPECT_TRUE(on->active);
  EXPECT_EQ(a.set_active(s->user.id, false).error().id, "directory.user.self_lockout");
  auto unlocked = a.unlock(id);
  ASSERT_TRUE(unlocked.ok()) << unlocked.error().id;
  EXPECT_EQ(unlocked->failed_logins, 0);
  EXPECT_TRUE(unlocked->locked_until.empty());
  auto totp = a.reset_totp(id);
  ASSERT_TRUE(totp.ok()) << totp.error().id;
  EXPECT_NE(totp->totp_secret, created->totp_secret);
  EXPECT_EQ(a.set_password(id, "weak").error().id, "auth.password.weak");
  EXPECT_TRUE(a.set_password(id, "Neues-Kennwort-7").ok());
  EXPECT_EQ(a.unlock(999999).error().id, "directory.user.not_found");

  // Channels: tokens once, rotation, revocation.
  auto channel = a.create_channel("desk-kiosk", "kiosk");
  ASSERT_TRUE(channel.ok()) << channel.error().id;
  EXPECT_EQ(channel->token.size(), 64u);
  EXPECT_TRUE(channel->channel.active);
  auto rotated = a.rotate_channel("desk-kiosk");
  ASSERT_TRUE(rotated.ok()) << rotated.error().id;
  EXPECT_NE(rotated->token, channel->token);
  auto revoked = a.revoke_channel("desk-kiosk");
  ASSERT_TRUE(revoked.ok()) << revoked.error().id;
  EXPECT_FALSE(revoked->active);
  EXPECT_FALSE(revoked->revoked_at.empty());
  EXPECT_EQ(a.rotate_channel("desk-kiosk").error().id, "directory.channel.revoked");
  auto channels = a.channels();
  ASSERT_TRUE(channels.ok()) << channels.error().id;
  EXPECT_TRUE(std::any_of(channels->begin(), channels->end(), [](const ChannelInfo& c) { return c.name == "web-hall" && c.active; }));

  // Items, versions, the test bench with a shipped sample, activation.
  const std::string code = "350100-SCJG-GG-0001";
  auto items = a.items();
  ASSERT_TRUE(items.ok()) << items.error().id;
  auto item = std::find_if(items->begin(), items->end(), [&](const ItemInfo& i) { return i.code == code; });
  ASSERT_NE(item, items->end());
  EXPECT_FALSE(item->name.empty());
  EXPECT_EQ(item->department, "FZ-SCJG");
  ASSERT_GT(item->active_version, 0);
  EXPECT_GE(item->latest_version, item->active_version);
  auto versions = a.versions(code);
  ASSERT_TRUE(versions.ok()) << versions.error().id;
  ASSERT_FALSE(versions->empty());
  EXPECT_TRUE(std::any_of(versions->begin(), versions->end(), [&](const VersionInfo& v) {
    return v.version == item->active_version && v.status == "active" && v.rules > 0;
  }));
  auto sample = json::parse(file_text(fs::path(ZHISHEN_SOURCE_DIR) / "data/items" / code / "samples/approved_convenience_store.json"));
  ASSERT_TRUE(sample.ok());
  const json::Value cases = json::Array{
      json::Object{{"name", "approved_convenience_store.json"}, {"expected", *sample->find("expected")},
                   {"application", *sample->find("application")}},
      json::Object{{"name", "broken"}, {"expected", "approved"}}};
  auto bench = a.test_version(code, item->active_version, cases);
  ASSERT_TRUE(bench.ok()) << bench.error().id << ": " << bench.error().message;
  EXPECT_EQ(bench->passed, 1);
  EXPECT_EQ(bench->errors, 1);
  EXPECT_FALSE(bench->all_passed);
  ASSERT_EQ(bench->rows.size(), 2u);
  EXPECT_EQ(bench->rows[0].name, "approved_convenience_store.json");
  EXPECT_EQ(bench->rows[0].result, "PASS");
  EXPECT_EQ(bench->rows[0].expected, "approved");
  EXPECT_EQ(bench->rows[0].got, "approved");
  EXPECT_EQ(bench->rows[1].result, "ERROR");
  EXPECT_EQ(bench->rows[1].error_ids, "rules.case.schema");
  EXPECT_EQ(a.test_version(code, item->active_version, json::Array{}).error().id, "bench.cases.missing");
  EXPECT_EQ(a.test_version(code, 999, cases).error().id, "item.version.not_found");
  auto previous = a.activate(code, item->active_version);  // activating the active version again
  ASSERT_TRUE(previous.ok()) << previous.error().id;
  EXPECT_EQ(*previous, item->active_version);

  // The holiday calendar: a shipped holiday-cn file as it is.
  auto years = a.calendar();
  ASSERT_TRUE(years.ok()) << years.error().id;
  auto y2026 = std::find_if(years->begin(), years->end(), [](const CalendarYear& y) { return y.year == 2026; });
  ASSERT_NE(y2026, years->end());
  EXPECT_GT(y2026->days_off, 0);
  auto put = a.put_calendar(2026, file_text(fs::path(ZHISHEN_SOURCE_DIR) / "data/holidays/2026.json"));
  ASSERT_TRUE(put.ok()) << put.error().id << ": " << put.error().message;
  EXPECT_EQ(put->year.year, 2026);
  EXPECT_EQ(put->year.days_off, y2026->days_off);
  EXPECT_EQ(a.put_calendar(2025, file_text(fs::path(ZHISHEN_SOURCE_DIR) / "data/holidays/2026.json")).error().id,
            "calendar.file.year_mismatch");

  // Shared datasets: CSV sent as text/csv, a dry run stores nothing, the import does.
  auto datasets = a.datasets();
  ASSERT_TRUE(datasets.ok()) << datasets.error().id;
  EXPECT_TRUE(std::any_of(datasets->begin(), datasets->end(),
                          [](const DatasetInfo& d) { return d.name == "credit_blacklist" && d.records > 0; }));
  const std::string csv = "key,name,reason\r\n91350100MA0000001X,某公司,测试\r\n,缺键,x\r\n";
  auto dry = a.import_dataset("desk_test", csv, true);
  ASSERT_TRUE(dry.ok()) << dry.error().id << ": " << dry.error().message;
  EXPECT_EQ(dry->find("imported")->as_number(), 1);
  ASSERT_EQ(dry->find("rejected")->as_array().size(), 1u);
  EXPECT_EQ(dry->find("rejected")->as_array()[0].find("id")->as_string(), "csv.key.empty");
  EXPECT_TRUE(dry->find("dry_run")->as_bool());
  datasets = a.datasets();
  ASSERT_TRUE(datasets.ok());
  EXPECT_FALSE(std::any_of(datasets->begin(), datasets->end(), [](const DatasetInfo& d) { return d.name == "desk_test"; }));
  auto real = a.import_dataset("desk_test", csv, false);
  ASSERT_TRUE(real.ok()) << real.error().id;
  EXPECT_FALSE(real->find("dry_run")->as_bool());
  datasets = a.datasets();
  ASSERT_TRUE(datasets.ok());
  EXPECT_TRUE(std::any_of(datasets->begin(), datasets->end(),
                          [](const DatasetInfo& d) { return d.name == "desk_test" && d.records == 1; }));
  EXPECT_EQ(a.import_dataset("desk_test", "key,name\r\n,x\r\n", true).error().id, "dataset.csv.no_rows");
  EXPECT_EQ(a.import_dataset("Bad Name", csv, true).error().id, "dataset.name.invalid");
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskApi, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::desk
