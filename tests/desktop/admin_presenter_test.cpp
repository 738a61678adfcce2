// The administration presenter over an in-memory AdminApi (the port) and inline or deferred
// runners: what the screens list, what is checked before sending, what is confirmed, that
// one-time secrets reach the view once and stay nowhere else, and the dry run before an import.
#include <gtest/gtest.h>

#include <algorithm>

#include "fake_api.hpp"
#include "zhishen/desk/admin_presenter.hpp"
#include "zhishen/desk/i18n.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::desk::testing {
namespace {

// AdminApi in memory: canned lists, every call recorded.
class FakeAdminApi final : public AdminApi {
 public:
  std::vector<std::string> calls;
  std::optional<Error> next_error;  // answered by the next call, then cleared
  std::vector<AdminUser> the_users = {
      AdminUser{{1, "zhang.san", "张三", "FZ-SCJG", {"reviewer"}, {"query", "review"}}, true, 0, ""},
      AdminUser{{2, "li.si", "李四", "FZ-SCJG", {"approver", "reviewer"}, {"query"}}, true, 5,
                "2026-11-22T10:15:00+08:00"},
  };
  std::vector<ChannelInfo> the_channels = {ChannelInfo{1, "web-hall", "web", true, "2026-01-01T08:00:00+08:00", ""}};
  std::vector<ItemInfo> the_items = {ItemInfo{"350100-SCJG-GG-0001", "食品经营备案", "FZ-SCJG", 1, 3, {2, 3}}};
  std::vector<VersionInfo> the_versions = {VersionInfo{1, "active", "食品经营备案", 12, "2026-01-01T08:00:00+08:00", "seed"},
                                           VersionInfo{3, "draft", "食品经营备案", 13, "2026-03-01T08:00:00+08:00", "admin"}};
  json::Value last_cases;
  std::string last_csv, last_calendar;

  Result<std::vector<DepartmentInfo>> departments() override {
    calls.push_back("departments");
    return std::vector<DepartmentInfo>{{"FZ-SCJG", "福州市市场监督管理局"}};
  }
  Result<std::vector<AdminUser>> users() override {
    calls.push_back("users");
    if (auto e = take()) return *e;
    return the_users;
  }
  Result<CreatedUser> create_user(const NewUser& u) override {
    calls.push_back("create_user " + u.username + " " + u.department + " " + std::to_string(u.roles.size()));
    if (auto e = take()) return *e;
    return CreatedUser{AdminUser{{9, u.username, u.display_name, u.department, u.roles, {}}, true, 0, ""}, "SECRETBASE32",
                       "otpauth://totp/zhishen:" + u.username + "?secret=SECRETBASE32"};
  }
  Result<AdminUser> set_active(std::int64_t id, bool active) override {
    calls.push_back("set_active " + std::to_string(id) + (active ? " true" : " false"));
    if (auto e = take()) return *e;
    AdminUser u = the_users[static_cast<std::size_t>(id - 1)];
    u.active = active;
    return u;
  }
  Result<CreatedUser> reset_totp(std::int64_t id) override {
    calls.push_back("reset_totp " + std::to_string(id));
    if (auto e = take()) return *e;
    return CreatedUser{the_users[static_cast<std::size_t>(id - 1)], "NEWSECRET", "otpauth://totp/x?secret=NEWSECRET"};
  }
  Result<AdminUser> unlock(std::int64_t id) override {
    calls.push_back("unlock " + std::to_string(id));
    if (auto e = take()) return *e;
    return the_users[static_cast<std::size_t>(id - 1)];
  }
  Result<AdminUser> set_password(std::int64_t id, const std::string& pw) override {
    calls.push_back("set_password " + std::to_string(id) + " " + pw);
    if (auto e = take()) return *e;
    return the_users[static_cast<std::size_t>(id - 1)];
  }
  Result<std::vector<ChannelInfo>> channels() override {
    calls.push_back("channels");
    return the_channels;
  }
  Result<CreatedChannel> create_channel(const std::string& name, const std::string& kind) override {
    calls.push_back("create_channel " + name + " " + kind);
    if (auto e = take()) return *e;
    return CreatedChannel{ChannelInfo{2, name, kind, true, "", ""}, "TOKEN-CREATED"};
  }
  Result<CreatedChannel> rotate_channel(const std::string& name) override {
    calls.push_back("rotate_channel " + name);
    return CreatedChannel{the_channels[0], "TOKEN-ROTATED"};
  }
  Result<ChannelInfo> revoke_channel(const std::string& name) override {
    calls.push_back("revoke_channel " + name);
    ChannelInfo c = the_channels[0];
    c.active = false;
    return c;
  }
  Result<std::vector<ItemInfo>> items() override {
    calls.push_back("items");
    return the_items;
  }
  Result<std::vector<VersionInfo>> versions(const std::string& code) override {
    calls.push_back("versions " + code);
    return the_versions;
  }
  Result<BenchResult> test_version(const std::string& code, int version, const json::Value& cases) override {
    calls.push_back("test_version " + code + " " + std::to_string(version));
    last_cases = cases;
    BenchResult b;
    b.passed = 1;
    b.failed = 1;
    b.rows = {BenchRow{"a.json", "PASS", "approved", "approved", "", "", ""},
              BenchRow{"b.json", "FAIL", "approved", "manual_review", "E03", "R01", ""}};
    return b;
  }
  Result<int> activate(const std::string& code, int version) override {
    calls.push_back("activate " + code + " " + std::to_string(version));
    return 1;
  }
  Result<std::vector<CalendarYear>> calendar() override {
    calls.push_back("calendar");
    return std::vector<CalendarYear>{{2025, 28, 5}, {2026, 33, 8}};
  }
  Result<CalendarChange> put_calendar(int year, const std::string& text) override {
    calls.push_back("put_calendar " + std::to_string(year));
    last_calendar = text;
    return CalendarChange{CalendarYear{year, 1, 1}, 10, 2};
  }
  Result<std::vector<DatasetInfo>> datasets() override {
    calls.push_back("datasets");
    return std::vector<DatasetInfo>{{"credit_blacklist", 12}};
  }
  Result<json::Value> import_dataset(const std::string& name, const std::string& csv, bool dry_run) override {
    calls.push_back("import_dataset " + name + (dry_run ? " dry" : " real"));
    last_csv = csv;
    if (auto e = take()) return *e;
    return json::Value(json::Object{
        {"dataset", name},
        {"fields", json::Array{"name", "reason"}},
        {"imported", 2},
        {"rejected", json::Array{json::Object{{"line", 4}, {"id", "csv.columns"}, {"reason", "3 cells, 2 expected"}}}},
        {"dry_run", dry_run}});
  }

 private:
  std::optional<Error> take() {
    auto e = next_error;
    next_error.reset();
    return e;
  }
};

struct AdminSpy final : AdminView {
  int users = 0, channels = 0, items = 0, versions = 0, bench = 0, calendar = 0, datasets = 0, reports = 0, lost = 0;
  std::vector<std::string> errors, statuses, questions;
  std::vector<std::pair<std::string, std::string>> secrets;
  bool answer = true;
  void show_users() override { ++users; }
  void show_channels() override { ++channels; }
  void show_items() override { ++items; }
  void show_versions() override { ++versions; }
  void show_bench() override { ++bench; }
  void show_calendar() override { ++calendar; }
  void show_datasets() override { ++datasets; }
  void show_report() override { ++reports; }
  void show_secret(const std::string& title, const std::string& text) override { secrets.emplace_back(title, text); }
  void show_error(const std::string& t) override { errors.push_back(t); }
  void show_status(const std::string& t) override { statuses.push_back(t); }
  void session_lost() override { ++lost; }
  bool confirm(const std::string& q) override {
    questions.push_back(q);
    return answer;
  }
  bool error_has(const std::string& id) const {
    return !errors.empty() && errors.back().find("[" + id + "]") != std::string::npos;
  }
};

class Admin : public ::testing::Test {
 protected:
  FakeAdminApi api;
  InlineRunner runner;
  AdminSpy view;
  AdminPresenter p{view, api, runner};
  std::size_t count(const std::string& prefix) const {
    return static_cast<std::size_t>(std::count_if(api.calls.begin(), api.calls.end(),
                                                  [&](const std::string& c) { return c.rfind(prefix, 0) == 0; }));
  }
};

TEST_F(Admin, RefreshListsEveryScreen) {
  p.refresh();
  EXPECT_FALSE(p.loading());
  EXPECT_EQ(view.users, 1);
  EXPECT_EQ(view.channels, 1);
  EXPECT_EQ(view.items, 1);
  EXPECT_EQ(view.calendar, 1);
  EXPECT_EQ(view.datasets, 1);
  ASSERT_EQ(p.departments().size(), 1u);
  const auto users = p.user_rows();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[1], (std::vector<std::string>{"li.si", "李四", "FZ-SCJG", "Approver, Reviewer", "Active", "5",
                                                "2026-11-22 10:15"}));
  EXPECT_EQ(p.channel_rows()[0], (std::vector<std::string>{"web-hall", "Online hall", "Active", "2026-01-01 08:00", ""}));
  EXPECT_EQ(p.item_rows()[0],
            (std::vector<std::string>{"350100-SCJG-GG-0001", "食品经营备案", "FZ-SCJG", "1", "3", "2, 3"}));
  ASSERT_EQ(p.year_rows().size(), 2u);
  EXPECT_EQ(p.year_rows()[0], (std::vector<std::string>{"2026", "33", "8"}));  // newest first
  EXPECT_EQ(p.dataset_rows()[0], (std::vector<std::string>{"credit_blacklist", "12"}));
}

TEST_F(Admin, NewAccountIsCheckedBeforeSendingAndItsSecretShownOnce) {
  p.refresh_users();
  api.calls.clear();
  NewUser u{"wang.wu", "王五", "FZ-SCJG", {}, "Shen-pi-2024!"};
  p.create_user(u, "Shen-pi-2024!");
  EXPECT_TRUE(view.error_has("desk.roles.missing"));
  u.roles = {"reviewer"};
  p.create_user(u, "other");
  EXPECT_TRUE(view.error_has("desk.password.mismatch"));
  NewUser blank = u;
  blank.display_name = "  ";
  p.create_user(blank, blank.password);
  EXPECT_TRUE(view.error_has("desk.field.missing"));
  EXPECT_TRUE(api.calls.empty());  // nothing reached the server
  u.username = " wang.wu ";
  p.create_user(u, u.password);
  ASSERT_GE(api.calls.size(), 1u);
  EXPECT_EQ(api.calls[0], "create_user wang.wu FZ-SCJG 1");  // trimmed
  ASSERT_EQ(view.secrets.size(), 1u);
  EXPECT_NE(view.secrets[0].first.find("wang.wu"), std::string::npos);
  EXPECT_NE(view.secrets[0].second.find("SECRETBASE32"), std::string::npos);
  EXPECT_NE(view.secrets[0].second.find("otpauth://"), std::string::npos);
  EXPECT_EQ(count("users"), 1u);  // the list reloaded
  // The secret is nowhere in what the presenter still shows.
  for (const auto& row : p.user_rows()) {
    for (const auto& cell : row) EXPECT_EQ(cell.find("SECRET"), std::string::npos);
  }
  for (const auto& s : view.statuses) EXPECT_EQ(s.find("SECRETBASE32"), std::string::npos);
}

TEST_F(Admin, ServerRefusalsShowTheirIds) {
  p.refresh_users();
  api.next_error = make_error("auth.password.weak", "the password needs at least 10 characters");
  p.create_user(NewUser{"wang.wu", "王五", "FZ-SCJG", {"reviewer"}, "short"}, "short");
  EXPECT_TRUE(view.error_has("auth.password.weak"));
  EXPECT_TRUE(view.secrets.empty());
  api.next_error = make_error("directory.user.self_lockout", "x");
  p.set_active(0, false);
  EXPECT_TRUE(view.error_has("directory.user.self_lockout"));
  api.next_error = make_error("auth.session.expired", "");
  p.refresh_users();
  EXPECT_EQ(view.lost, 1);
}

TEST_F(Admin, AccountOperationsConfirmWhatDisrupts) {
  p.refresh_users();
  api.calls.clear();
  p.set_active(5, false);  // nothing selected there
  EXPECT_TRUE(view.error_has("desk.selection.missing"));
  p.set_active(0, true);  // already active: nothing to send
  EXPECT_TRUE(api.calls.empty());
  view.answer = false;
  p.set_active(0, false);
  p.reset_totp(1);
  EXPECT_EQ(view.questions.size(), 2u);
  EXPECT_TRUE(api.calls.empty());  // both declined
  view.answer = true;
  p.set_active(0, false);
  p.reset_totp(1);
  p.unlock(1);
  p.set_password(1, "Neu-Passwort-1", "Neu-Passwort-2");
  EXPECT_TRUE(view.error_has("desk.password.mismatch"));
  p.set_password(1, "Neu-Passwort-1", "Neu-Passwort-1");
  EXPECT_EQ(count("set_active 1 false"), 1u);
  EXPECT_EQ(count("reset_totp 2"), 1u);
  EXPECT_EQ(count("unlock 2"), 1u);
  EXPECT_EQ(count("set_password 2 Neu-Passwort-1"), 1u);
  ASSERT_EQ(view.secrets.size(), 1u);
  EXPECT_NE(view.secrets[0].second.find("NEWSECRET"), std::string::npos);
}

TEST_F(Admin, ChannelsHandTheirTokensToTheViewOnce) {
  p.refresh_channels();
  p.create_channel(" ", "web");
  EXPECT_TRUE(view.error_has("desk.field.missing"));
  p.create_channel("kiosk-gulou", "kiosk");
  p.rotate_channel(0);
  p.revoke_channel(0);
  EXPECT_EQ(count("create_channel kiosk-gulou kiosk"), 1u);
  EXPECT_EQ(count("rotate_channel web-hall"), 1u);
  EXPECT_EQ(count("revoke_channel web-hall"), 1u);
  EXPECT_EQ(view.questions.size(), 2u);  // rotating and revoking are confirmed
  ASSERT_EQ(view.secrets.size(), 2u);
  EXPECT_NE(view.secrets[0].second.find("TOKEN-CREATED"), std::string::npos);
  EXPECT_NE(view.secrets[1].second.find("TOKEN-ROTATED"), std::string::npos);
}

TEST_F(Admin, TestBenchRunsTheChosenSamplesAgainstAVersion) {
  p.refresh_items();
  p.select_item(0);
  ASSERT_NE(p.selected_item(), nullptr);
  ASSERT_EQ(p.versions().size(), 2u);
  EXPECT_EQ(p.version_rows()[0], (std::vector<std::string>{"3", "Draft", "13", "2026-03-01 08:00", "admin"}));
  p.run_bench(0);
  EXPECT_TRUE(view.error_has("desk.samples.missing"));
  p.set_samples({{"a.json", R"({"expected":"approved","description":"x","application":{"item_code":"I"}})"},
                 {"broken.json", "{not json"},
                 {"b.json", R"({"expected":"approved","application":{"item_code":"I"}})"}});
  EXPECT_EQ(p.sample_count(), 2u);
  EXPECT_TRUE(view.error_has("desk.sample.invalid"));
  EXPECT_NE(view.errors.back().find("broken.json"), std::string::npos);
  p.run_bench(0);
  EXPECT_EQ(count("test_version 350100-SCJG-GG-0001 3"), 1u);
  ASSERT_TRUE(api.last_cases.is_array());
  ASSERT_EQ(api.last_cases.as_array().size(), 2u);
  EXPECT_EQ(api.last_cases.as_array()[0].find("name")->as_string(), "a.json");
  EXPECT_EQ(api.last_cases.as_array()[0].find("description"), nullptr);  // only name, expected, application
  ASSERT_TRUE(p.bench().has_value());
  const auto rows = p.bench_rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"b.json", "FAIL", "Approved", "Manual review", "E03", "R01", ""}));
  EXPECT_EQ(p.bench_summary(), "1 passed, 1 failed, 0 errors");
  // Activation is confirmed, and warns when the last run did not pass.
  p.activate(1);  // version 1 is active already
  EXPECT_TRUE(view.questions.empty());
  p.activate(0);
  ASSERT_EQ(view.questions.size(), 1u);
  EXPECT_NE(view.questions[0].find("did not pass"), std::string::npos);
  EXPECT_EQ(count("activate 350100-SCJG-GG-0001 3"), 1u);
  EXPECT_EQ(count("items"), 2u);  // reloaded after the activation
}

TEST_F(Admin, CalendarImportTakesTheYearFromTheFile) {
  p.import_calendar(R"({"papers":[],"days":[]})");
  EXPECT_TRUE(view.error_has("desk.calendar.invalid"));
  p.import_calendar("not json");
  EXPECT_TRUE(view.error_has("desk.calendar.invalid"));
  EXPECT_TRUE(api.calls.empty());
  const std::string file =
      R"({"year":2027,"papers":[],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true},)"
      R"({"name":"春节","date":"2027-02-07","isOffDay":false}]})";
  p.import_calendar(file);
  ASSERT_EQ(view.questions.size(), 1u);
  EXPECT_NE(view.questions[0].find("2027 (1 days off, 1 weekend workdays)"), std::string::npos);
  EXPECT_EQ(count("put_calendar 2027"), 1u);
  EXPECT_EQ(api.last_calendar, file);  // sent as it is
  EXPECT_NE(view.statuses.back().find("2 of 10"), std::string::npos);
  EXPECT_EQ(count("calendar"), 1u);  // reloaded
}

TEST_F(Admin, DatasetImportIsADryRunFirstThenConfirmed) {
  p.import_dataset("credit_blacklist", " \n");
  EXPECT_TRUE(view.error_has("desk.file.empty"));
  p.import_dataset("", "key,name\n1,x\n");
  EXPECT_TRUE(view.error_has("desk.field.missing"));
  EXPECT_TRUE(api.calls.empty());
  view.answer = false;
  p.import_dataset("credit_blacklist", "key,name\n1,x\n");
  EXPECT_EQ(api.calls, std::vector<std::string>{"import_dataset credit_blacklist dry"});
  ASSERT_GE(p.import_report().size(), 3u);
  EXPECT_NE(p.import_report()[0].find("Dry run"), std::string::npos);
  EXPECT_NE(p.import_report()[2].find("Line 4"), std::string::npos);
  EXPECT_NE(p.import_report()[2].find("[csv.columns]"), std::string::npos);
  view.answer = true;
  p.import_dataset("credit_blacklist", "key,name\n1,x\n");
  EXPECT_EQ(count("import_dataset credit_blacklist real"), 1u);
  EXPECT_EQ(api.last_csv, "key,name\n1,x\n");
  EXPECT_NE(p.import_report()[0].find("replaced"), std::string::npos);
  EXPECT_EQ(count("datasets"), 1u);
  EXPECT_EQ(view.reports, 3);
}

TEST_F(Admin, OneChangeAtATimeAndNothingRunsOnAClosedWindow) {
  DeferredRunner deferred;
  {
    AdminSpy v;
    AdminPresenter q(v, api, deferred);
    q.refresh_channels();
    deferred.drain();
    q.create_channel("a-channel", "app");
    q.create_channel("b-channel", "app");  // the first is not answered yet
    EXPECT_EQ(deferred.queue.size(), 1u);
    EXPECT_FALSE(v.statuses.empty());
    deferred.drain();
    EXPECT_EQ(v.secrets.size(), 1u);
    q.refresh();
    EXPECT_TRUE(q.loading());
  }
  deferred.drain();  // the presenter is gone: the work runs, the continuations are dropped
  EXPECT_EQ(count("users"), 1u);
}

}  // namespace
}  // namespace zhishen::desk::testing
