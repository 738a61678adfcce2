// The workstation's presenters over a fake Api (the port) and inline or deferred runners: what
// each screen shows, asks and sends, with no wx and no network.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "fake_api.hpp"
#include "zhishen/desk/board_presenter.hpp"
#include "zhishen/desk/case_presenter.hpp"
#include "zhishen/desk/http_api.hpp"
#include "zhishen/desk/i18n.hpp"
#include "zhishen/desk/inbox_presenter.hpp"
#include "zhishen/desk/ledger_presenter.hpp"
#include "zhishen/desk/login_presenter.hpp"
#include "zhishen/desk/revocation_presenter.hpp"

namespace zhishen::desk::testing {
namespace {

Instant at(const char* iso) { return parse_instant(iso).value(); }

// ---- login ------------------------------------------------------------------------------------

struct FakeConnector final : Connector {
  explicit FakeConnector(FakeApi* a) : api(a) {}
  FakeApi* api;
  std::vector<std::string> addresses;
  Result<Api*> connect(const std::string& a) override {
    addresses.push_back(a);
    if (a == "ftp://x") return make_error("net.address.invalid", "");
    return static_cast<Api*>(api);
  }
};

struct LoginSpy final : LoginView {
  std::vector<std::string> errors;
  bool trust_answer = true;
  int trust_asked = 0, changed_shown = 0;
  std::optional<Session> session;
  void set_busy(bool) override {}
  void show_error(const std::string& t) override { errors.push_back(t); }
  bool confirm_trust(const std::string&, const std::string&) override {
    ++trust_asked;
    return trust_answer;
  }
  void show_changed_certificate(const std::string&, const std::string&, const std::string&) override { ++changed_shown; }
  void logged_in(Api&, const Session& s) override { session = s; }
};

class Login : public ::testing::Test {
 protected:
  FakeApi api;
  FakeConnector connector{&api};
  InlineRunner runner;
  LoginSpy view;
  LoginPresenter p{view, connector, runner};
  static bool has(const std::vector<std::string>& v, const std::string& id) {
    return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return s.find("[" + id + "]") != std::string::npos; });
  }
};

TEST_F(Login, CheckedFieldsNeverReachTheServer) {
  p.submit({"https://h:8443", "", "pw", "123456"});
  p.submit({"https://h:8443", "u", "pw", "12345"});
  p.submit({"https://h:8443", "u", "pw", "12a456"});
  EXPECT_TRUE(has(view.errors, "desk.field.missing"));
  EXPECT_TRUE(has(view.errors, "desk.totp.invalid"));
  EXPECT_TRUE(api.calls.empty());
  EXPECT_TRUE(connector.addresses.empty());
}

TEST_F(Login, ANewCertificateIsTrustedOnceThenPinned) {
  p.submit({" https://h:8443 ", " zhang ", "pw", "123456"});
  EXPECT_EQ(view.trust_asked, 1);
  EXPECT_EQ(connector.addresses, std::vector<std::string>{"https://h:8443"});
  EXPECT_EQ(api.calls, (std::vector<std::string>{"fingerprint", "trust AA:BB", "login zhang 123456"}));
  ASSERT_TRUE(view.session.has_value());
  EXPECT_EQ(view.session->user.username, "zhang");
  p.submit({"https://h:8443", "zhang", "pw", "123456"});
  EXPECT_EQ(view.trust_asked, 1);  // pinned: not asked again
}

TEST_F(Login, DecliningTheCertificateSendsNoPassword) {
  view.trust_answer = false;
  p.submit({"https://h:8443", "zhang", "pw", "123456"});
  EXPECT_EQ(api.calls, std::vector<std::string>{"fingerprint"});
  EXPECT_FALSE(view.session.has_value());
  EXPECT_FALSE(p.busy());
}

TEST_F(Login, AChangedCertificateIsRefusedBeforeTheLogin) {
  api.pinned_fp = "CC:DD";
  p.submit({"https://h:8443", "zhang", "pw", "123456"});
  EXPECT_EQ(view.changed_shown, 1);
  EXPECT_EQ(view.trust_asked, 0);
  EXPECT_EQ(api.calls, std::vector<std::string>{"fingerprint"});
  EXPECT_FALSE(view.session.has_value());
}

TEST_F(Login, ServerErrorsAreShownWithTheirIds) {
  api.pinned_fp = "AA:BB";
  api.login_error = make_error("auth.login.failed", "bad");
  p.submit({"https://h:8443", "zhang", "pw", "123456"});
  EXPECT_TRUE(has(view.errors, "auth.login.failed"));
  p.submit({"ftp://x", "zhang", "pw", "123456"});
  EXPECT_TRUE(has(view.errors, "net.address.invalid"));
  EXPECT_FALSE(p.busy());
}

// ---- inbox ------------------------------------------------------------------------------------

struct InboxSpy final : InboxView {
  std::size_t rows = 0;
  std::vector<std::size_t> selected;
  std::vector<std::string> statuses, errors;
  std::string counts;
  int lost = 0;
  void rows_changed(std::size_t n) override { rows = n; }
  void select_rows(const std::vector<std::size_t>& r) override { selected = r; }
  void show_counts(const std::string& t) override { counts = t; }
  void show_status(const std::string& t) override { statuses.push_back(t); }
  void show_error(const std::string& t) override { errors.push_back(t); }
  void set_busy(bool) override {}
  void session_lost() override { ++lost; }
};

class Inbox : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 1203; ++i) {
      char no[16];
      std::snprintf(no, sizeof no, "ZS%05d", i);
      api.all_rows.push_back(row(no, i % 3 == 0 ? "red" : "green", "2026-11-2" + std::to_string(i % 9) + "T09:00:00+08:00"));
    }
  }
  FakeApi api;
  InlineRunner runner;
  InboxSpy view;
  StaffUser me{7, "zhang", "张", "FZ-SCJG", {"reviewer"}, {"review"}};
  InboxPresenter p{view, api, runner, me, [] { return at("2026-11-22T09:00:00+08:00"); }};
};

TEST_F(Inbox, TimeLeftIsWorkingTimeWhenTheServerGivesIt) {
  // The rows as the server counts them on the working-day calendar (listed by due time).
  const std::vector<std::int64_t> minutes{-(2 * 480 + 3 * 60), 0, 25, 480, 9 * 60};
  api.all_rows.clear();
  for (std::size_t i = 0; i < minutes.size(); ++i) {
    api.all_rows.push_back(row("ZS" + std::to_string(i), "green", "2026-11-2" + std::to_string(i) + "T23:59:59+08:00"));
    api.all_rows.back().working_minutes_left = minutes[i];
  }
  p.set_query(InboxQuery{});
  EXPECT_EQ(p.cell(0, InboxColumn::remaining), "overdue 2 working days 3 h");
  // Due Saturday 23:59:59, seen on Sunday: no working time has run since, but it is past due.
  EXPECT_EQ(p.cell(1, InboxColumn::remaining), "overdue");
  EXPECT_EQ(p.cell(2, InboxColumn::remaining), "left 25 min");
  EXPECT_EQ(p.cell(3, InboxColumn::remaining), "left 1 working day");
  EXPECT_EQ(p.cell(4, InboxColumn::remaining), "left 1 working day 1 h");
  api.workday_minutes = 7 * 60;  // a server whose office day is 7 hours
  p.set_query(InboxQuery{});
  EXPECT_EQ(p.cell(4, InboxColumn::remaining), "left 1 working day 2 h");
}

TEST_F(Inbox, LoadsEveryPageOfTheList) {
  p.set_query(InboxQuery{});
  EXPECT_EQ(api.calls, (std::vector<std::string>{"inbox 0 ", "inbox 500 ", "inbox 1000 "}));
  EXPECT_EQ(view.rows, 1203u);
  EXPECT_EQ(p.row_count(), 1203u);
  EXPECT_NE(view.counts.find("1203"), std::string::npos);
  EXPECT_FALSE(p.loading());
}

TEST_F(Inbox, CellsSayWhatTheCaseIs) {
  api.all_rows = {row("ZS1", "red", "2026-11-20T09:00:00+08:00"), row("ZS2", "green", "2026-11-24T12:30:00+08:00"),
                  row("ZS3", "green", "")};
  api.all_rows[1].flags = {"duplicate_channel"};
  api.all_rows[1].assignee_id = 7;
  p.set_query(InboxQuery{});
  EXPECT_EQ(p.cell(0, InboxColumn::due), "2026-11-20 09:00");
  EXPECT_EQ(p.cell(0, InboxColumn::remaining), "overdue 2 d 0 h");
  EXPECT_EQ(p.cell(1, InboxColumn::remaining), "left 2 d 3 h");
  EXPECT_EQ(p.cell(2, InboxColumn::remaining), "clock stopped");
  EXPECT_EQ(p.cell(2, InboxColumn::light), "");  // no light while no clock runs
  EXPECT_EQ(p.cell(0, InboxColumn::light), "● Red");
  EXPECT_EQ(p.cell(1, InboxColumn::assignee), "me");
  EXPECT_EQ(p.cell(1, InboxColumn::flags), "Applied through another channel");
  EXPECT_EQ(p.cell(0, InboxColumn::state), "Refused automatically (re-check due)");
  EXPECT_EQ(p.cell(0, InboxColumn::applicant), "张三  ");
}

TEST_F(Inbox, SelectionSurvivesRefreshAndSorting) {
  p.set_query(InboxQuery{});
  p.selection_changed({3, 5});
  const auto picked = p.selected();
  ASSERT_EQ(picked.size(), 2u);
  std::reverse(api.all_rows.begin(), api.all_rows.end());  // the server's order changed
  p.refresh();
  ASSERT_EQ(view.selected.size(), 2u);
  for (std::size_t i : view.selected) {
    EXPECT_NE(std::find(picked.begin(), picked.end(), p.row(i).case_no), picked.end());
  }
  p.sort_by(InboxColumn::case_no, false);
  EXPECT_EQ(p.row(0).case_no, "ZS01202");
  ASSERT_EQ(view.selected.size(), 2u);
  for (std::size_t i : view.selected) {
    EXPECT_NE(std::find(picked.begin(), picked.end(), p.row(i).case_no), picked.end());
  }
  p.sort_by(InboxColumn::light, true);
  EXPECT_EQ(p.row(0).light, "red");
}

TEST_F(Inbox, ANewQueryDropsThePagesOfTheOldOne) {
  DeferredRunner deferred;
  InboxPresenter q{view, api, deferred, me, [] { return at("2026-11-22T09:00:00+08:00"); }};
  q.set_query(InboxQuery{});
  InboxQuery red;
  red.light = "red";
  q.set_query(red);
  deferred.drain();
  // The first query's first page was fetched but dropped: only the red query's pages were shown.
  EXPECT_EQ(api.calls.front(), "inbox 0 ");
  EXPECT_EQ(q.query().light, "red");
  EXPECT_EQ(api.calls.back(), "inbox 1000 red");
  EXPECT_EQ(std::count(api.calls.begin(), api.calls.end(), "inbox 500 "), 0);
}

TEST(InboxViews, SavedViewsRoundTrip) {
  InboxQuery q;
  q.state = "auto_approved,auto_rejected";
  q.light = "red";
  q.assignee = "me";
  q.flagged = true;
  q.search = "a;b%3Bc";
  q.department = "FZ-SCJG";
  const std::string text = InboxPresenter::encode_view(q);
  auto back = InboxPresenter::decode_view(text);
  ASSERT_TRUE(back.has_value()) << text;
  EXPECT_EQ(*back, q);
  EXPECT_EQ(InboxPresenter::decode_view(""), InboxQuery{});
  EXPECT_FALSE(InboxPresenter::decode_view("colour=red").has_value());
  EXPECT_FALSE(InboxPresenter::decode_view("=x").has_value());
  EXPECT_FALSE(InboxPresenter::decode_view("light").has_value());
}

TEST_F(Inbox, BulkClaimSendsTheVersionsShown) {
  api.all_rows = {row("ZS1", "red", "", 4), row("ZS2", "red", "", 9), row("ZS3", "red", "", 1)};
  p.set_query(InboxQuery{});
  p.claim_selected();
  EXPECT_TRUE(api.acts.empty());  // nothing selected
  p.selection_changed({0, 1});
  p.claim_selected();
  ASSERT_EQ(api.acts.size(), 2u);
  EXPECT_EQ(api.acts[0], (std::pair<std::string, std::string>{"ZS1", "claim"}));
  EXPECT_EQ(api.act_inputs[0].version, 4);
  EXPECT_EQ(api.act_inputs[1].version, 9);
  EXPECT_NE(view.statuses.back().find("2 / 2"), std::string::npos);
}

TEST_F(Inbox, AnExpiredSessionGoesBackToTheLogin) {
  api.inbox_error = make_error("auth.session.expired", "");
  p.set_query(InboxQuery{});
  EXPECT_EQ(view.lost, 1);
  EXPECT_TRUE(view.errors.empty());
  api.inbox_error = make_error("store.unavailable", "");
  p.refresh();
  ASSERT_EQ(view.errors.size(), 1u);
  EXPECT_NE(view.errors[0].find("[store.unavailable]"), std::string::npos);
}

TEST_F(Inbox, NothingRunsOnAClosedWindow) {
  DeferredRunner deferred;
  InboxSpy* spy = new InboxSpy;
  auto* q = new InboxPresenter(*spy, api, deferred, me, [] { return at("2026-11-22T09:00:00+08:00"); });
  q->set_query(InboxQuery{});
  delete q;  // the window closed while the request was out
  delete spy;
  deferred.drain();  // the answer arrives: dropped, no crash (ASan checks the use-after-free)
  EXPECT_EQ(api.calls.size(), 1u);
}

// ---- case -------------------------------------------------------------------------------------

struct CaseSpy final : CaseView {
  int shown = 0, lost = 0, asked = 0;
  std::vector<std::string> errors, statuses, changed;
  bool answer = true;
  ActionInput fill;
  ActionSpec last_spec;
  void show_case() override { ++shown; }
  void show_error(const std::string& t) override { errors.push_back(t); }
  void show_status(const std::string& t) override { statuses.push_back(t); }
  void set_busy(bool) override {}
  void session_lost() override { ++lost; }
  bool ask_action(const ActionSpec& s, ActionInput& in) override {
    ++asked;
    last_spec = s;
    in = fill;
    return answer;
  }
  void case_changed(const std::string& no) override { changed.push_back(no); }
  struct Document {
    std::string kind, bytes;
    DocumentUse use;
  };
  std::vector<Document> documents;
  void document_ready(const std::string& kind, const std::string& bytes, DocumentUse use) override {
    documents.push_back({kind, bytes, use});
  }
};

class Case : public ::testing::Test {
 protected:
  void SetUp() override {
    api.detail.row = row("ZS1", "red", "2026-11-20T09:00:00+08:00", 3);
    api.detail.row.state = "auto_approved";
    api.detail.item_name = "个体工商户设立登记";
    api.detail.actions = {"claim", "confirm_recheck", "fail_recheck"};
    api.detail.form = json::Object{{"trade_name", "鑫达"}, {"capital_wan", 5}, {"scope", json::Array{"五金", "日用"}}};
    api.detail.materials = json::Array{json::Object{{"name", "身份证"}, {"code", "id_card"}, {"size", 1817395},
                                                    {"sha256", std::string(64, 'a')}, {"mime", "image/jpeg"}}};
    api.detail.trace = {{"R1", "review_points", "failed", "名称一致", "名称不一致", "《条例》", json::Object{{"form.name", "甲"}}}};
    p.load();
  }
  FakeApi api;
  InlineRunner runner;
  CaseSpy view;
  CasePresenter p{view, api, runner, "ZS1"};
};

TEST_F(Case, ShowsTheCaseTraceAndActions) {
  EXPECT_EQ(view.shown, 1);
  EXPECT_EQ(p.title(), "ZS1  个体工商户设立登记");
  const auto form = p.form();
  ASSERT_EQ(form.size(), 3u);
  EXPECT_EQ(form[1].second, "5");
  EXPECT_EQ(form[2].second, "五金, 日用");
  EXPECT_EQ(p.materials()[0][3], "1.7 MB");
  const auto trace = p.trace();
  ASSERT_EQ(trace.size(), 1u);
  EXPECT_EQ(trace[0][2], "Failed");
  EXPECT_EQ(trace[0][6], "form.name = 甲");
  EXPECT_EQ(p.actions().size(), 3u);
}

TEST_F(Case, TheSummaryGivesTheWorkingTimeLeftWhenTheServerDoes) {
  const auto value = [&](const std::string& name) {
    for (const auto& [k, v] : p.summary()) {
      if (k == name) return v;
    }
    return std::string("(none)");
  };
  EXPECT_EQ(value("Time left"), "(none)");  // this server gave no working time
  api.detail.row.working_minutes_left = -(480 + 2 * 60);
  api.detail.workday_minutes = 480;
  p.load();
  EXPECT_EQ(value("Time left"), "overdue 1 working day 2 h");
  EXPECT_EQ(p.summary()[5].first, "Due");
  EXPECT_EQ(p.summary()[6].first, "Time left");
}

TEST_F(Case, ActionsAskWhatTheLifecycleRequires) {
  const ActionSpec fail = p.spec("fail_recheck");
  EXPECT_TRUE(fail.irreversible);
  EXPECT_FALSE(fail.confirm_text.empty());
  api.detail.row.state = "completed";
  p.load();
  const ActionSpec revoke = p.spec("revoke");
  EXPECT_TRUE(revoke.needs_reason);
  EXPECT_TRUE(revoke.needs_legal_basis);
  EXPECT_TRUE(revoke.irreversible);
  const ActionSpec correction = CasePresenter(view, api, runner, "ZS1").spec("request_correction");
  EXPECT_TRUE(correction.checklist);
}

TEST_F(Case, MissingReasonIsRefusedBeforeSending) {
  api.detail.row.state = "completed";
  p.load();
  view.fill.reason = "  ";
  view.fill.legal_basis = "《行政许可法》第六十九条";
  p.request_action("revoke");
  EXPECT_EQ(view.asked, 1);
  ASSERT_FALSE(view.errors.empty());
  EXPECT_NE(view.errors.back().find("[case.transition.reason_required]"), std::string::npos);
  EXPECT_TRUE(api.acts.empty());
}

TEST_F(Case, ConfirmSendsTheVersionSeenAndReports) {
  p.request_action("confirm_recheck");
  ASSERT_EQ(api.acts.size(), 1u);
  EXPECT_EQ(api.act_inputs[0].version, 3);
  EXPECT_EQ(p.detail().row.state, "recheck_confirmed");
  EXPECT_EQ(view.changed, std::vector<std::string>{"ZS1"});
  EXPECT_FALSE(view.statuses.empty());
}

TEST_F(Case, CancellingTheDialogSendsNothing) {
  view.answer = false;
  p.request_action("confirm_recheck");
  EXPECT_TRUE(api.acts.empty());
}

TEST_F(Case, SomeoneElseActedFirstReloadsTheCase) {
  api.act_error = make_error("store.conflict", "changed");
  const auto loads = std::count_if(api.calls.begin(), api.calls.end(), [](const std::string& c) { return c == "detail ZS1"; });
  p.request_action("confirm_recheck");
  ASSERT_FALSE(view.errors.empty());
  EXPECT_NE(view.errors.back().find("[store.conflict]"), std::string::npos);
  EXPECT_EQ(std::count_if(api.calls.begin(), api.calls.end(), [](const std::string& c) { return c == "detail ZS1"; }),
            loads + 1);
  EXPECT_TRUE(view.changed.empty());
}

// ---- a case's documents -----------------------------------------------------------------------

HistoryEntry event(const std::string& action, const std::string& from, const std::string& to) {
  HistoryEntry h;
  h.action = action;
  h.from = from;
  h.to = to;
  return h;
}

class CaseDocuments : public Case {
 protected:
  // The kinds offered for a case in `state` with this history.
  std::vector<std::string> kinds(const std::string& state, std::vector<HistoryEntry> history) {
    api.detail.row.state = state;
    api.detail.history = std::move(history);
    p.load();
    std::vector<std::string> out;
    for (const auto& [kind, title] : p.documents()) out.push_back(kind);
    return out;
  }
  using K = std::vector<std::string>;
  const HistoryEntry submit = event("submit", "", "submitted");
};

TEST_F(CaseDocuments, TheDocumentsFollowTheStateAndTheHistory) {
  const HistoryEntry auto_approve = event("auto_approve", "submitted", "auto_approved");
  const HistoryEntry confirmed = event("confirm_recheck", "auto_approved", "recheck_confirmed");
  const HistoryEntry complete = event("complete", "recheck_confirmed", "completed");
  EXPECT_EQ(kinds("auto_approved", {submit, auto_approve}), K{"acceptance"});
  EXPECT_EQ(kinds("recheck_confirmed", {submit, auto_approve, confirmed}), K{"acceptance"});  // awaiting its certificate
  EXPECT_EQ(kinds("completed", {submit, auto_approve, confirmed, complete}), (K{"receipt", "acceptance"}));
  EXPECT_EQ(kinds("publicised", {submit, auto_approve, confirmed, complete, event("publicise", "completed", "publicised")}),
            (K{"receipt", "acceptance"}));
  EXPECT_EQ(kinds("archived", {submit, auto_approve, confirmed, complete, event("archive", "completed", "archived")}),
            (K{"receipt", "acceptance"}));
  EXPECT_EQ(kinds("revoked", {submit, auto_approve, confirmed, complete, event("revoke", "completed", "revoked")}),
            (K{"receipt", "acceptance", "revocation"}));
  // A refusal: not final while the re-check is due; final once confirmed (completed).
  const HistoryEntry auto_reject = event("auto_reject", "submitted", "auto_rejected");
  EXPECT_EQ(kinds("auto_rejected", {submit, auto_reject}), K{"acceptance"});
  EXPECT_EQ(kinds("completed", {submit, auto_reject, event("confirm_recheck", "auto_rejected", "completed")}),
            (K{"receipt", "acceptance", "refusal"}));
  // A failed re-check reopens the review: the automatic refusal does not stand as a decision yet.
  EXPECT_EQ(kinds("manual_review", {submit, auto_reject, event("fail_recheck", "auto_rejected", "recheck_failed"),
                                    event("reopen", "recheck_failed", "manual_review")}),
            K{"acceptance"});
  // Manual review with a correction request, then a manual refusal.
  const std::vector<HistoryEntry> corrected = {submit, event("route_manual", "submitted", "manual_review"),
                                               event("request_correction", "manual_review", "correction_requested")};
  EXPECT_EQ(kinds("correction_requested", corrected), (K{"acceptance", "correction"}));
  auto refused = corrected;
  refused.push_back(event("resubmit", "correction_requested", "resubmitted"));
  refused.push_back(event("start_review", "resubmitted", "manual_review"));
  refused.push_back(event("manual_reject", "manual_review", "completed"));
  EXPECT_EQ(kinds("completed", refused), (K{"receipt", "acceptance", "correction", "refusal"}));
  // Not accepted: the notice of non-acceptance only, also once archived.
  const HistoryEntry not_accepted = event("refuse_acceptance", "submitted", "not_accepted");
  EXPECT_EQ(kinds("not_accepted", {submit, not_accepted}), K{"non_acceptance"});
  EXPECT_EQ(kinds("archived", {submit, not_accepted, event("archive", "not_accepted", "archived")}), K{"non_acceptance"});
  EXPECT_EQ(kinds("precheck_failed", {submit, event("fail_precheck", "submitted", "precheck_failed")}),
            K{"non_acceptance"});
}

TEST_F(CaseDocuments, TitlesAreTranslatedAndNothingIsOfferedBeforeTheCaseIsLoaded) {
  CasePresenter fresh(view, api, runner, "ZS1");
  EXPECT_TRUE(fresh.documents().empty());
  kinds("completed", {submit, event("manual_reject", "manual_review", "completed")});
  const auto docs = p.documents();
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0], (std::pair<std::string, std::string>{"receipt", "Completion receipt"}));
  EXPECT_EQ(docs[1].second, "Notice of acceptance");
  EXPECT_EQ(docs[2].second, "Decision not to grant the licence");
  EXPECT_EQ(document_title("non_acceptance"), "Notice of non-acceptance");
  EXPECT_EQ(document_title("correction"), "Notice to supplement materials");
  EXPECT_EQ(document_title("revocation"), "Decision revoking the approval");
  EXPECT_EQ(document_title("poster"), "poster");
  EXPECT_EQ(p.document_file_name("receipt"), "ZS1-receipt.pdf");
}

// ---- e-certificates (电子证照) and publicity records (双公示) on the case page -------------------

Certificate certificate(const std::string& state = "valid") {
  Certificate c;
  c.no = "FZ-SCJG-2026-000123";
  c.type = "营业执照（个体工商户）";
  c.issued_at = "2026-11-22T03:10:00Z";
  c.valid_until = "2029-11-21";
  c.state = state;
  if (state == "revoked") {
    c.revoked_at = "2026-11-23T01:00:00Z";
    c.revoke_reason = "以欺骗手段取得许可";
  }
  return c;
}

Publicity publicity(const std::string& state) {
  Publicity p;
  p.state = state;
  p.due_at = "2026-12-01T16:00:00Z";
  if (state != "pending") p.published_at = "2026-11-24T02:00:00Z";
  if (state == "withdrawn") p.withdrawn_at = "2026-11-25T03:30:00+08:00";
  return p;
}

using Lines = std::vector<std::pair<std::string, std::string>>;

TEST_F(Case, WithoutCertificateOrPublicityNothingIsShownForThem) {
  EXPECT_TRUE(p.certificate().empty());
  EXPECT_TRUE(p.publicity().empty());
}

TEST_F(Case, ShowsTheCertificateInBeijingTime) {
  api.detail.certificate = certificate();
  p.load();
  EXPECT_EQ(p.certificate(), (Lines{{"E-certificate", "FZ-SCJG-2026-000123"},
                                    {"Certificate type", "营业执照（个体工商户）"},
                                    {"Issued at", "2026-11-22 11:10"},
                                    {"Valid until", "2029-11-21"},
                                    {"Certificate state", "Valid"}}));
  api.detail.certificate->valid_until = "";  // without end (长期)
  p.load();
  EXPECT_EQ(p.certificate()[3], (std::pair<std::string, std::string>{"Valid until", "Long-term"}));
}

TEST_F(Case, ARevokedCertificateSaysWhenAndWhy) {
  api.detail.certificate = certificate("revoked");
  p.load();
  EXPECT_EQ(p.certificate().back().second, "Revoked on 2026-11-23 09:00: 以欺骗手段取得许可");
  api.detail.certificate->revoke_reason = "";
  p.load();
  EXPECT_EQ(p.certificate().back().second, "Revoked on 2026-11-23 09:00");
  EXPECT_EQ(certificate_state_text(certificate("suspended")), "suspended");  // a state this program does not know
}

TEST_F(Case, ShowsThePublicityState) {
  api.detail.publicity = publicity("pending");
  p.load();
  EXPECT_EQ(p.publicity(), (Lines{{"Publicity", "To be publicised (due 2026-12-01 24:00)"}}));
  api.detail.publicity = publicity("published");
  p.load();
  EXPECT_EQ(p.publicity(), (Lines{{"Publicity", "Publicised (2026-11-24 10:00)"}}));
  api.detail.publicity = publicity("withdrawn");
  p.load();
  EXPECT_EQ(p.publicity(), (Lines{{"Publicity", "Withdrawn (2026-11-25 03:30)"}}));
  EXPECT_EQ(publicity_text(publicity("archived")), "archived");
}

TEST_F(Case, PublicisingIsConfirmedAndLabelled) {
  api.detail.row.state = "completed";
  api.detail.actions = {"publicise"};
  p.load();
  EXPECT_EQ(p.actions(), (Lines{{"publicise", "Publicise"}}));
  const ActionSpec s = p.spec("publicise");
  EXPECT_TRUE(s.irreversible);
  EXPECT_FALSE(s.needs_reason);
  EXPECT_EQ(label("issue_certificate"), "Issue certificate");
}

TEST_F(CaseDocuments, TheCertificateIsOfferedWhenTheCaseHasOne) {
  const HistoryEntry complete = event("complete", "certificate_issued", "completed");
  api.detail.certificate = certificate();
  EXPECT_EQ(kinds("completed", {submit, complete}), (K{"receipt", "certificate", "acceptance"}));
  EXPECT_EQ(kinds("certificate_issued", {submit}), (K{"certificate", "acceptance"}));
  api.detail.certificate = certificate("revoked");  // the revoked certificate is still a document
  EXPECT_EQ(kinds("revoked", {submit, complete, event("revoke", "completed", "revoked")}),
            (K{"receipt", "certificate", "acceptance", "revocation"}));
  api.detail.certificate.reset();
  EXPECT_EQ(kinds("completed", {submit, complete}), (K{"receipt", "acceptance"}));
  EXPECT_EQ(document_title("certificate"), "E-certificate");
  api.detail.certificate = certificate();
  p.load();
  p.fetch_document("certificate", DocumentUse::preview);
  EXPECT_EQ(api.calls.back(), "document ZS1 certificate");
  ASSERT_EQ(view.documents.size(), 1u);
  EXPECT_EQ(view.documents[0].kind, "certificate");
  EXPECT_EQ(p.document_file_name("certificate"), "ZS1-certificate.pdf");
}

TEST_F(Case, ADocumentIsDownloadedAndHandedToTheView) {
  p.fetch_document("receipt", DocumentUse::save);
  EXPECT_EQ(api.calls.back(), "document ZS1 receipt");
  ASSERT_EQ(view.documents.size(), 1u);
  EXPECT_EQ(view.documents[0].kind, "receipt");
  EXPECT_EQ(view.documents[0].bytes, api.document_bytes);
  EXPECT_EQ(view.documents[0].use, DocumentUse::save);
  p.fetch_document("acceptance", DocumentUse::print);
  ASSERT_EQ(view.documents.size(), 2u);
  EXPECT_EQ(view.documents[1].use, DocumentUse::print);
  EXPECT_TRUE(view.errors.empty());
}

TEST_F(Case, ADocumentTheCaseDoesNotHaveIsExplained) {
  api.document_error = make_error("document.not_available", "case ZS1 has no refusal decision");
  p.fetch_document("refusal", DocumentUse::preview);
  EXPECT_TRUE(view.documents.empty());
  ASSERT_EQ(view.errors.size(), 1u);
  EXPECT_EQ(view.errors[0], "This case has no such document in its state or history. [document.not_available]");
  api.document_error.reset();
  api.document_bytes = "<html>a proxy's login page</html>";  // not the server's PDF: not handed on
  p.fetch_document("receipt", DocumentUse::preview);
  EXPECT_TRUE(view.documents.empty());
  ASSERT_EQ(view.errors.size(), 2u);
  EXPECT_NE(view.errors[1].find("[api.reply.invalid]"), std::string::npos);
}

TEST_F(Case, AnExpiredSessionWhileDownloadingGoesBackToTheLogin) {
  api.document_error = make_error("auth.session.expired", "");
  p.fetch_document("receipt", DocumentUse::print);
  EXPECT_EQ(view.lost, 1);
  EXPECT_TRUE(view.errors.empty());
  EXPECT_TRUE(view.documents.empty());
  api.document_error.reset();
  p.fetch_document("receipt", DocumentUse::print);  // not left busy
  EXPECT_EQ(view.documents.size(), 1u);
}

TEST(CaseDocumentsAsync, ADocumentArrivingForAClosedCasePageIsDropped) {
  FakeApi api;
  api.detail.row = row("ZS1", "", "");
  api.detail.row.state = "completed";
  DeferredRunner deferred;
  auto* spy = new CaseSpy;
  auto* p = new CasePresenter(*spy, api, deferred, "ZS1");
  p->load();
  deferred.drain();
  p->fetch_document("receipt", DocumentUse::preview);
  p->fetch_document("acceptance", DocumentUse::preview);  // one download at a time
  EXPECT_EQ(deferred.queue.size(), 1u);
  delete p;  // the page closed while the download was out
  delete spy;
  deferred.drain();  // dropped, no crash (ASan checks the use-after-free)
  EXPECT_EQ(api.calls.back(), "document ZS1 receipt");
}

// ---- ledger -----------------------------------------------------------------------------------

struct LedgerSpy final : LedgerView {
  std::vector<std::string> errors, statuses;
  int lost = 0, busy = 0;
  struct Document {
    std::string name, bytes;
    DocumentUse use;
  };
  std::vector<Document> documents;
  void show_error(const std::string& t) override { errors.push_back(t); }
  void show_status(const std::string& t) override { statuses.push_back(t); }
  void set_busy(bool b) override { busy += b ? 1 : 0; }
  void session_lost() override { ++lost; }
  void document_ready(const std::string& name, const std::string& bytes, DocumentUse use) override {
    documents.push_back({name, bytes, use});
  }
};

class Ledger : public ::testing::Test {
 protected:
  static LedgerQuery query(const std::string& from, const std::string& to, const std::string& item = "",
                           const std::string& department = "") {
    return LedgerQuery{from, to, item, department};
  }
  bool refused(const LedgerQuery& q, const std::string& id) {
    const auto calls = api.calls.size();
    const auto errors = view.errors.size();
    p.fetch(q, DocumentUse::preview, false);
    return api.calls.size() == calls && view.errors.size() == errors + 1 &&
           view.errors.back().find("[" + id + "]") != std::string::npos;
  }
  FakeApi api;
  InlineRunner runner;
  LedgerSpy view;
  StaffUser reviewer{7, "zhang", "张", "FZ-SCJG", {"reviewer"}, {"query", "review"}};
  StaffUser supervisor{9, "li", "李", "DCS", {"supervisor"}, {"query"}};  // as the server's session says
  LedgerPresenter p{view, api, runner, reviewer, [] { return at("2026-11-22T09:00:00+08:00"); }};
};

TEST_F(Ledger, ThePeriodStartsOnTheFirstOfThisMonthInBeijing) {
  EXPECT_EQ(p.default_query(), query("2026-11-01", "2026-11-22"));
  // 20:00 UTC on 30 November is already 1 December in Beijing.
  LedgerPresenter late(view, api, runner, reviewer, [] { return at("2026-11-30T20:00:00Z"); });
  EXPECT_EQ(late.default_query(), query("2026-12-01", "2026-12-01"));
}

TEST_F(Ledger, ABadQueryIsRefusedBeforeSending) {
  EXPECT_TRUE(refused(query("2026-11-22", "2026-11-01"), "desk.period.reversed"));
  EXPECT_TRUE(refused(query("2025-01-01", "2026-01-02"), "desk.period.too_long"));
  EXPECT_TRUE(refused(query("2026-02-30", "2026-03-01"), "desk.period.invalid"));
  EXPECT_TRUE(refused(query("", "2026-03-01"), "desk.period.invalid"));
  EXPECT_TRUE(refused(query("2026-11-01", "2026-11-22", "350100 SCJG"), "desk.item.invalid"));
  EXPECT_TRUE(refused(query("2026-11-01", "2026-11-22", "事项"), "desk.item.invalid"));
  EXPECT_TRUE(api.calls.empty());
  EXPECT_EQ(view.errors[0], "The last day of the period is before its first day. [desk.period.reversed]");
  // 366 days, both included (a leap year): the longest period the server takes.
  p.fetch(query("2024-01-01", "2024-12-31"), DocumentUse::preview, false);
  EXPECT_EQ(api.calls.back(), "ledger pdf 2024-01-01 2024-12-31");
  p.fetch(query("2026-11-22", "2026-11-22"), DocumentUse::preview, false);  // one day
  EXPECT_EQ(api.calls.back(), "ledger pdf 2026-11-22 2026-11-22");
}

TEST_F(Ledger, TheLedgerIsDownloadedAsPdfOrCsv) {
  p.fetch(query(" 2026-11-01", "2026-11-22 ", " 350100-SCJG-GG-0001 ", "DCS"), DocumentUse::preview, false);
  ASSERT_EQ(api.ledger_queries.size(), 1u);
  // Trimmed; a reviewer's department is the server's business (their own), never sent.
  EXPECT_EQ(api.ledger_queries[0], query("2026-11-01", "2026-11-22", "350100-SCJG-GG-0001"));
  ASSERT_EQ(view.documents.size(), 1u);
  EXPECT_EQ(view.documents[0].name, "ledger-2026-11-01-2026-11-22-350100-SCJG-GG-0001.pdf");
  EXPECT_EQ(view.documents[0].bytes, api.ledger_pdf);
  EXPECT_EQ(view.documents[0].use, DocumentUse::preview);
  p.fetch(query("2026-11-01", "2026-11-22"), DocumentUse::save, true);
  EXPECT_EQ(api.calls.back(), "ledger csv 2026-11-01 2026-11-22");
  ASSERT_EQ(view.documents.size(), 2u);
  EXPECT_EQ(view.documents[1].name, "ledger-2026-11-01-2026-11-22.csv");
  EXPECT_EQ(view.documents[1].bytes, api.ledger_csv);  // a CSV file is not a PDF, and that is right
  EXPECT_EQ(view.documents[1].use, DocumentUse::save);
  EXPECT_FALSE(p.may_choose_department());
  EXPECT_EQ(view.busy, 2);
  EXPECT_FALSE(p.busy());
}

TEST_F(Ledger, SupervisorsChooseTheDepartment) {
  LedgerPresenter s(view, api, runner, supervisor, [] { return at("2026-11-22T09:00:00+08:00"); });
  EXPECT_TRUE(s.may_choose_department());
  s.fetch(query("2026-11-01", "2026-11-22", "", " FZ-SCJG "), DocumentUse::print, false);
  ASSERT_EQ(api.ledger_queries.size(), 1u);
  EXPECT_EQ(api.ledger_queries[0].department, "FZ-SCJG");
  EXPECT_EQ(view.documents.back().use, DocumentUse::print);
  s.fetch(query("2026-11-01", "2026-11-22", "", "FZ SCJG"), DocumentUse::print, false);
  EXPECT_NE(view.errors.back().find("[desk.department.invalid]"), std::string::npos);
  EXPECT_EQ(api.ledger_queries.size(), 1u);
}

TEST_F(Ledger, ServerErrorsAndSessionLoss) {
  api.ledger_error = make_error("ledger.too_large", "more than 50000 decisions");
  p.fetch(query("2026-01-01", "2026-11-22"), DocumentUse::save, false);
  ASSERT_EQ(view.errors.size(), 1u);
  EXPECT_NE(view.errors[0].find("[ledger.too_large]"), std::string::npos);
  EXPECT_TRUE(view.documents.empty());
  api.ledger_error = make_error("auth.session.invalid", "");
  p.fetch(query("2026-01-01", "2026-11-22"), DocumentUse::save, false);
  EXPECT_EQ(view.lost, 1);
  EXPECT_EQ(view.errors.size(), 1u);
  api.ledger_error.reset();
  api.ledger_pdf = "not a pdf";
  p.fetch(query("2026-01-01", "2026-11-22"), DocumentUse::preview, false);
  EXPECT_NE(view.errors.back().find("[api.reply.invalid]"), std::string::npos);
  EXPECT_TRUE(view.documents.empty());
}

TEST_F(Ledger, OneDownloadAtATimeAndNoneForAClosedWindow) {
  DeferredRunner deferred;
  auto* spy = new LedgerSpy;
  auto* q = new LedgerPresenter(*spy, api, deferred, reviewer, [] { return at("2026-11-22T09:00:00+08:00"); });
  q->fetch(query("2026-11-01", "2026-11-22"), DocumentUse::preview, false);
  EXPECT_TRUE(q->busy());
  q->fetch(query("2026-11-01", "2026-11-22"), DocumentUse::save, true);  // ignored while one runs
  EXPECT_EQ(deferred.queue.size(), 1u);
  delete q;
  delete spy;
  deferred.drain();  // the answer arrives for a closed window: dropped
  EXPECT_EQ(api.calls, std::vector<std::string>{"ledger pdf 2026-11-01 2026-11-22"});
}

// ---- board ------------------------------------------------------------------------------------

struct BoardSpy final : BoardView {
  int shown = 0;
  std::vector<std::string> statuses, errors;
  void show_board() override { ++shown; }
  void show_error(const std::string& t) override { errors.push_back(t); }
  void show_status(const std::string& t) override { statuses.push_back(t); }
  void session_lost() override {}
};

TEST(Board, TotalsFiguresAndTickets) {
  FakeApi api;
  api.the_board.tiles = {BoardTile{"A", "甲局", 1, 2, 3, {}}, BoardTile{"B", "乙局", 4, 0, 1, {}}};
  api.the_board.generated_at = "2026-11-22T08:00:00+08:00";
  InlineRunner runner;
  BoardSpy view;
  StaffUser supervisor{9, "li", "李", "DCS", {"supervisor"}, {"query", "supervision"}};
  BoardPresenter p(view, api, runner, supervisor, [] { return at("2026-11-22T09:00:00+08:00"); });
  p.refresh();
  EXPECT_EQ(view.shown, 1);
  EXPECT_EQ(p.total("red"), 4);  // tiles are {green, yellow, red}
  EXPECT_EQ(p.total("yellow"), 2);
  EXPECT_EQ(p.total("green"), 5);
  EXPECT_EQ(p.updated_text(), "Updated 2026-11-22 08:00");
  const auto figures = p.figures();
  ASSERT_FALSE(figures.empty());
  EXPECT_EQ(figures[0].second, "40");
  EXPECT_EQ(figures[1].second, "87.5 %");
  EXPECT_EQ(figures[2].second, "— min");  // a figure the server did not send
  EXPECT_TRUE(p.may_supervise());
  EXPECT_FALSE(p.may_respond());
  p.open_ticket("ZS1", "超期");
  EXPECT_EQ(std::count(api.calls.begin(), api.calls.end(), "board"), 2);  // refreshed after the ticket
  p.respond("DB-1", "x");
  ASSERT_FALSE(view.errors.empty());
  EXPECT_NE(view.errors.back().find("[auth.forbidden]"), std::string::npos);
}

// 体外循环 on the board: a row per piece of work outside the system, its kind as the user reads it.
class BoardOutsideSystem : public ::testing::Test {
 protected:
  BoardOutsideSystem() {
    api.the_board.tiles = {BoardTile{"FZ-WJW", "市卫健委", 0, 0, 1, {}}};
    api.the_board.generated_at = "2026-11-22T08:00:00+08:00";
  }
  FakeApi api;
  InlineRunner runner;
  BoardSpy view;
  StaffUser supervisor{9, "li", "李", "DCS", {"supervisor"}, {"query", "supervision"}};
  BoardPresenter p{view, api, runner, supervisor, [] { return at("2026-11-22T09:00:00+08:00"); }};
};

TEST_F(BoardOutsideSystem, EachKindIsListedWithItsReferenceAndDepartment) {
  api.the_board.outside_system = {{"certificate_without_case", "ZZ2026000001", "FZ-WJW"},
                                  {"publicity_without_case", "ZS20261101000007", "FZ-SCJG"},
                                  {"completed_without_certificate", "ZS20261102000003", "FZ-WJW"}};
  p.refresh();
  const TextRows rows = p.outside_system();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"Certificate without a case", "ZZ2026000001", "FZ-WJW"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"Publicity without a case", "ZS20261101000007", "FZ-SCJG"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"Completed without a certificate", "ZS20261102000003", "FZ-WJW"}));
  EXPECT_EQ(p.outside_system_title(), "Work outside the system (3)");
  EXPECT_EQ(p.outside_system_note(), "");
  // Only a case completed without a certificate is in the system, to be opened.
  EXPECT_EQ(p.outside_system_case(0), "");
  EXPECT_EQ(p.outside_system_case(1), "");
  EXPECT_EQ(p.outside_system_case(2), "ZS20261102000003");
  EXPECT_EQ(p.outside_system_case(3), "");
}

TEST_F(BoardOutsideSystem, NoneFoundIsSaid) {
  p.refresh();
  EXPECT_TRUE(p.outside_system().empty());
  EXPECT_EQ(p.outside_system_title(), "Work outside the system (0)");
  EXPECT_EQ(p.outside_system_note(), "No work outside the system found.");
}

TEST_F(BoardOutsideSystem, KindsAreTranslatedAndAnUnknownKindShowsItsCode) {
  api.the_board.outside_system = {{"certificate_without_case", "ZZ1", "FZ-WJW"},
                                  {"publicity_without_case", "ZS1", "FZ-WJW"},
                                  {"completed_without_certificate", "ZS2", "FZ-WJW"},
                                  {"something_new", "X1", ""}};
  p.refresh();
  const std::map<std::string, std::string> zh = {{"Certificate without a case", "有证照无办件"},
                                                 {"Publicity without a case", "有公示无办件"},
                                                 {"Completed without a certificate", "办结未发证"},
                                                 {"Work outside the system (%1)", "体外循环（%1）"}};
  set_translator([&zh](const char* msgid) {
    auto it = zh.find(msgid);
    return it != zh.end() ? it->second : std::string(msgid);
  });
  const TextRows rows = p.outside_system();
  const std::string title = p.outside_system_title();
  set_translator(nullptr);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][0], "有证照无办件");
  EXPECT_EQ(rows[1][0], "有公示无办件");
  EXPECT_EQ(rows[2][0], "办结未发证");
  EXPECT_EQ(rows[3], (std::vector<std::string>{"something_new", "X1", ""}));
  EXPECT_EQ(title, "体外循环（4）");
}

TEST_F(BoardOutsideSystem, ANewBoardReplacesTheList) {
  api.the_board.outside_system = {{"certificate_without_case", "ZZ1", "FZ-WJW"}};
  p.refresh();
  EXPECT_EQ(p.outside_system().size(), 1u);
  api.the_board.outside_system.clear();  // resolved since
  p.refresh();
  EXPECT_TRUE(p.outside_system().empty());
  EXPECT_EQ(view.shown, 2);
}

// ---- revocation -------------------------------------------------------------------------------

struct RevocationSpy final : RevocationView {
  int found = 0, past = 0, previews = 0, asked = 0;
  std::vector<std::string> errors, statuses;
  ActionInput fill;
  ActionSpec spec;
  void show_found() override { ++found; }
  void show_past() override { ++past; }
  void show_preview() override { ++previews; }
  void show_error(const std::string& t) override { errors.push_back(t); }
  void show_status(const std::string& t) override { statuses.push_back(t); }
  void session_lost() override {}
  bool ask_revocation(const ActionSpec& s, ActionInput& in) override {
    ++asked;
    spec = s;
    in = fill;
    return true;
  }
};

TEST(Revocation, FindPreviewAndRevoke) {
  FakeApi api;
  api.all_rows = {row("ZS1", "green", "", 5)};
  api.all_rows[0].state = "completed";
  api.detail.row = api.all_rows[0];
  api.detail.row.applicant_name = "张三";
  api.detail.actions = {"revoke"};
  InlineRunner runner;
  RevocationSpy view;
  RevocationPresenter p(view, api, runner);
  p.search("  ");
  EXPECT_TRUE(api.calls.empty());  // nothing to search for
  p.search(" ZS1 ");
  ASSERT_EQ(p.found().size(), 1u);
  EXPECT_EQ(api.calls.back(), "inbox 0 ");
  EXPECT_FALSE(p.can_revoke());  // nothing selected yet
  p.select(0);
  ASSERT_NE(p.selected(), nullptr);
  EXPECT_TRUE(p.can_revoke());
  const auto preview = p.preview();
  ASSERT_GE(preview.size(), 3u);
  EXPECT_NE(preview[0].find("ZS1"), std::string::npos);
  // Reason and legal basis are required by the lifecycle table: a blank reason sends nothing.
  view.fill.legal_basis = "《行政许可法》第六十九条";
  p.revoke();
  EXPECT_TRUE(view.spec.needs_reason);
  EXPECT_TRUE(view.spec.needs_legal_basis);
  EXPECT_TRUE(api.acts.empty());
  ASSERT_FALSE(view.errors.empty());
  view.fill.reason = "以欺骗手段取得许可";
  view.fill.ban = true;
  p.revoke();
  ASSERT_EQ(api.acts.size(), 1u);
  EXPECT_EQ(api.acts[0], (std::pair<std::string, std::string>{"ZS1", "revoke"}));
  EXPECT_EQ(api.act_inputs[0].version, 5);
  EXPECT_EQ(api.act_inputs[0].ban, view.spec.may_ban);  // the ban only where the table allows it
  EXPECT_EQ(view.past, 1);  // past revocations reloaded
}

// A completed case the user may revoke, found and selected.
class RevocationEffects : public ::testing::Test {
 protected:
  void SetUp() override {
    api.all_rows = {row("ZS1", "green", "", 5)};
    api.all_rows[0].state = "completed";
    api.detail.row = api.all_rows[0];
    api.detail.actions = {"revoke"};
  }
  // The preview of the case as the server has it now.
  std::vector<std::string> preview() {
    p.search("ZS1");
    p.select(0);
    return p.preview();
  }
  static bool has(const std::vector<std::string>& lines, const std::string& text) {
    return std::find(lines.begin(), lines.end(), text) != lines.end();
  }
  static bool mentions(const std::vector<std::string>& lines, const std::string& text) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(text) != std::string::npos; });
  }
  FakeApi api;
  InlineRunner runner;
  RevocationSpy view;
  RevocationPresenter p{view, api, runner};
};

TEST_F(RevocationEffects, ThePreviewListsEveryEffect) {
  api.detail.certificate = certificate();
  api.detail.publicity = publicity("published");
  EXPECT_EQ(preview(), (std::vector<std::string>{
                           "Case ZS1    张三",
                           "Now: Completed",
                           "Revoking will: mark the decision revoked (the case ends as Revoked);",
                           "recall the e-certificate FZ-SCJG-2026-000123 (营业执照（个体工商户）): it is marked "
                           "revoked and no longer valid;",
                           "withdraw the publicity record published on 2026-11-24 10:00;",
                           "if you choose, bar the applicant from this item for one year (the item provides for it);",
                           "notify the applicant and record it in the audit log.",
                       }));
}

TEST_F(RevocationEffects, APendingPublicityIsWithdrawnBeforeItIsPublished) {
  api.detail.publicity = publicity("pending");
  const auto lines = preview();
  EXPECT_TRUE(has(lines, "withdraw the pending publicity record (it will not be published);"));
  EXPECT_FALSE(mentions(lines, "e-certificate"));
}

TEST_F(RevocationEffects, NoCertificateOrPublicityNoLinesForThem) {
  const auto lines = preview();
  EXPECT_TRUE(has(lines, "Revoking will: mark the decision revoked (the case ends as Revoked);"));
  EXPECT_TRUE(mentions(lines, "bar the applicant"));
  EXPECT_FALSE(mentions(lines, "e-certificate"));
  EXPECT_FALSE(mentions(lines, "publicity"));
  EXPECT_FALSE(mentions(lines, "come with"));  // the placeholder of before e-certificates is gone
}

TEST_F(RevocationEffects, AlreadyRevokedCertificateAndWithdrawnPublicityAreNotListed) {
  api.detail.certificate = certificate("revoked");
  api.detail.publicity = publicity("withdrawn");
  const auto lines = preview();
  EXPECT_FALSE(mentions(lines, "e-certificate"));
  EXPECT_FALSE(mentions(lines, "publicity"));
  EXPECT_TRUE(mentions(lines, "notify the applicant"));
}

TEST_F(RevocationEffects, AfterTheRevocationTheOutcomeComesFromTheCaseReadAgain) {
  api.detail.certificate = certificate();
  api.detail.publicity = publicity("published");
  preview();
  CaseDetail after = api.detail;
  after.row.state = "revoked";
  after.actions.clear();
  HistoryEntry revoke = event("revoke", "completed", "revoked");
  revoke.at = "2026-11-23T09:00:00+08:00";
  revoke.ban = true;
  after.history.push_back(revoke);
  after.certificate = certificate("revoked");
  after.publicity = publicity("withdrawn");
  api.after_act = after;
  view.fill.reason = "以欺骗手段取得许可";
  view.fill.legal_basis = "《行政许可法》第六十九条";
  view.fill.ban = true;
  p.revoke();
  ASSERT_GE(api.calls.size(), 2u);
  EXPECT_EQ(api.calls[api.calls.size() - 2], "detail ZS1");  // read again after the act, then past revocations
  EXPECT_EQ(api.calls[api.calls.size() - 3], "act ZS1 revoke");
  EXPECT_FALSE(p.can_revoke());
  EXPECT_EQ(p.preview(), (std::vector<std::string>{
                             "Case ZS1    张三",
                             "Now: Revoked",
                             "The decision was revoked on 2026-11-23 09:00.",
                             "The applicant is barred from this item for one year.",
                             "E-certificate FZ-SCJG-2026-000123: Revoked on 2026-11-23 09:00: 以欺骗手段取得许可",
                             "Publicity: Withdrawn (2026-11-25 03:30)",
                         }));
  EXPECT_TRUE(view.errors.empty());
  EXPECT_EQ(view.statuses.back(), "Revoked: ZS1");
}

TEST_F(RevocationEffects, WhenTheCaseCannotBeReadAgainTheRevocationsAnswerIsShown) {
  preview();
  CaseDetail after = api.detail;
  after.row.state = "revoked";
  after.actions.clear();
  api.after_act = after;
  api.detail_error = make_error("net.timeout", "");
  view.fill.reason = "以欺骗手段取得许可";
  view.fill.legal_basis = "《行政许可法》第六十九条";
  p.revoke();
  EXPECT_TRUE(view.errors.empty());
  ASSERT_NE(p.selected(), nullptr);
  EXPECT_EQ(p.selected()->row.state, "revoked");
}

TEST_F(RevocationEffects, TheSearchTakesACertificateNumber) {
  p.search("");
  EXPECT_EQ(view.statuses.back(), "Enter a case number, the applicant's ID number or a certificate number.");
  EXPECT_EQ(HttpApi::inbox_query_string([] {
              InboxQuery q;
              q.search = "FZ-SCJG-2026-000123";
              return q;
            }()),
            "limit=200&offset=0&q=FZ-SCJG-2026-000123");
}

// ---- the case JSON of the server read by HttpApi (canned answers, no server) -----------------

struct CannedTransport final : Transport {
  std::string body;
  std::vector<std::string> targets;
  Result<HttpReply> send(const std::string& method, const std::string& target, const std::string&,
                         const std::string&, const std::string&) override {
    targets.push_back(method + " " + target);
    return HttpReply{200, body};
  }
  Result<std::string> fingerprint() override { return std::string("AA:BB"); }
  std::string pinned() const override { return ""; }
  Status pin(const std::string&) override { return {}; }
};

class CaseJson : public ::testing::Test {
 protected:
  // The case detail HttpApi reads from a case with these extra members.
  CaseDetail read(const std::string& members) {
    transport.body = R"({"case_no":"ZS1","state":"completed","version":4)" + members + "}";
    auto d = api.case_detail("ZS1");
    EXPECT_TRUE(d.ok()) << members;
    return d ? *d : CaseDetail{};
  }
  CannedTransport transport;
  HttpApi api{transport};
};

TEST_F(CaseJson, CertificateAndPublicityAreRead) {
  const CaseDetail d = read(R"(,"certificate":{"no":"FZ-SCJG-2026-000123","type":"营业执照（个体工商户）",)"
                            R"("issued_at":"2026-11-22T03:10:00Z","valid_until":"2029-11-21","state":"revoked",)"
                            R"("revoked_at":"2026-11-23T01:00:00Z","revoke_reason":"以欺骗手段取得许可"},)"
                            R"("publicity":{"state":"withdrawn","due_at":"2026-12-01T16:00:00Z",)"
                            R"("published_at":"2026-11-24T02:00:00Z","withdrawn_at":"2026-11-25T03:30:00Z"})");
  EXPECT_EQ(transport.targets.back(), "GET /api/v1/cases/ZS1");
  EXPECT_EQ(d.row.version, 4);
  ASSERT_TRUE(d.certificate.has_value());
  EXPECT_EQ(d.certificate->no, "FZ-SCJG-2026-000123");
  EXPECT_EQ(d.certificate->type, "营业执照（个体工商户）");
  EXPECT_EQ(d.certificate->issued_at, "2026-11-22T03:10:00Z");
  EXPECT_EQ(d.certificate->valid_until, "2029-11-21");
  EXPECT_EQ(d.certificate->state, "revoked");
  EXPECT_EQ(d.certificate->revoked_at, "2026-11-23T01:00:00Z");
  EXPECT_EQ(d.certificate->revoke_reason, "以欺骗手段取得许可");
  ASSERT_TRUE(d.publicity.has_value());
  EXPECT_EQ(d.publicity->state, "withdrawn");
  EXPECT_EQ(d.publicity->due_at, "2026-12-01T16:00:00Z");
  EXPECT_EQ(d.publicity->published_at, "2026-11-24T02:00:00Z");
  EXPECT_EQ(d.publicity->withdrawn_at, "2026-11-25T03:30:00Z");
}

TEST_F(CaseJson, NullOrAbsentMeansNone) {
  for (const char* members : {"", R"(,"certificate":null,"publicity":null)"}) {
    const CaseDetail d = read(members);
    EXPECT_FALSE(d.certificate.has_value()) << members;
    EXPECT_FALSE(d.publicity.has_value()) << members;
  }
  const CaseDetail d = read(R"(,"certificate":{"no":"FZ-1","issued_at":"2026-11-22T03:10:00Z","valid_until":null,)"
                            R"("state":"valid","revoked_at":null},"publicity":{"state":"pending",)"
                            R"("due_at":"2026-12-01T16:00:00Z","published_at":null,"withdrawn_at":null})");
  ASSERT_TRUE(d.certificate.has_value());
  EXPECT_EQ(d.certificate->valid_until, "");  // 长期
  EXPECT_EQ(d.certificate->revoked_at, "");
  ASSERT_TRUE(d.publicity.has_value());
  EXPECT_EQ(d.publicity->published_at, "");
  EXPECT_EQ(d.publicity->withdrawn_at, "");
}

TEST_F(CaseJson, WrongTypesNeverCrash) {
  // Not objects, or objects without a number / a state: none.
  for (const char* members : {R"(,"certificate":"FZ-1","publicity":"pending")", R"(,"certificate":[],"publicity":7)",
                              R"(,"certificate":{"no":5},"publicity":{"state":true})",
                              R"(,"certificate":{},"publicity":{"due_at":"2026-12-01T16:00:00Z"})"}) {
    const CaseDetail d = read(members);
    EXPECT_EQ(d.row.case_no, "ZS1") << members;
    EXPECT_FALSE(d.certificate.has_value()) << members;
    EXPECT_FALSE(d.publicity.has_value()) << members;
  }
  // Members of another type read as "".
  const CaseDetail d = read(R"(,"certificate":{"no":"FZ-1","type":1,"issued_at":false,"valid_until":[],"state":{},)"
                            R"("revoked_at":2,"revoke_reason":null},"publicity":{"state":"published","due_at":1,)"
                            R"("published_at":{"at":"x"},"withdrawn_at":[]})");
  ASSERT_TRUE(d.certificate.has_value());
  EXPECT_EQ(d.certificate->no, "FZ-1");
  EXPECT_EQ(d.certificate->type + d.certificate->issued_at + d.certificate->valid_until + d.certificate->state +
                d.certificate->revoked_at + d.certificate->revoke_reason,
            "");
  ASSERT_TRUE(d.publicity.has_value());
  EXPECT_EQ(d.publicity->due_at + d.publicity->published_at + d.publicity->withdrawn_at, "");
  EXPECT_EQ(publicity_text(*d.publicity), "Publicised ()");
}

TEST_F(CaseJson, TheCertificateDocumentIsAskedForByItsKind) {
  transport.body = "%PDF-1.7\n";
  const auto pdf = api.document("ZS1", "certificate");
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(transport.targets.back(), "GET /api/v1/cases/ZS1/documents/certificate.pdf");
}

// ---- the board JSON's outside_system (体外循环) read by HttpApi (canned answers) ----------------

class BoardJson : public ::testing::Test {
 protected:
  // The board HttpApi reads from an answer with one tile and these extra members.
  Board read(const std::string& members) {
    transport.body = R"({"tiles":[{"department":"FZ-WJW","department_name":"市卫健委","green":1,"yellow":0,"red":2,)"
                     R"("items":[]}],"generated_at":"2026-11-22T08:00:00+08:00")" +
                     members + "}";
    auto b = api.board();
    EXPECT_TRUE(b.ok()) << members;
    return b ? *b : Board{};
  }
  CannedTransport transport;
  HttpApi api{transport};
};

TEST_F(BoardJson, OutsideSystemIsRead) {
  const Board b = read(R"(,"outside_system":[{"kind":"certificate_without_case","ref":"ZZ2026000001",)"
                       R"("department":"FZ-WJW"},{"kind":"publicity_without_case","ref":"ZS20261101000007",)"
                       R"("department":"FZ-SCJG"},{"kind":"completed_without_certificate",)"
                       R"("ref":"ZS20261102000003","department":"FZ-WJW"}])");
  EXPECT_EQ(transport.targets.back(), "GET /api/v1/board");
  ASSERT_EQ(b.tiles.size(), 1u);
  EXPECT_EQ(b.tiles[0].red, 2);
  ASSERT_EQ(b.outside_system.size(), 3u);
  EXPECT_EQ(b.outside_system[0].kind, "certificate_without_case");
  EXPECT_EQ(b.outside_system[0].ref, "ZZ2026000001");
  EXPECT_EQ(b.outside_system[0].department, "FZ-WJW");
  EXPECT_EQ(b.outside_system[1].kind, "publicity_without_case");
  EXPECT_EQ(b.outside_system[1].ref, "ZS20261101000007");
  EXPECT_EQ(b.outside_system[1].department, "FZ-SCJG");
  EXPECT_EQ(b.outside_system[2].kind, "completed_without_certificate");
  EXPECT_EQ(b.outside_system[2].ref, "ZS20261102000003");
}

TEST_F(BoardJson, AbsentNullOrNotAListMeansNone) {
  for (const char* members : {"", R"(,"outside_system":null)", R"(,"outside_system":[])", R"(,"outside_system":{})",
                              R"(,"outside_system":"certificate_without_case")", R"(,"outside_system":7)",
                              R"(,"outside_system":true)"}) {
    const Board b = read(members);
    EXPECT_TRUE(b.outside_system.empty()) << members;
    EXPECT_EQ(b.tiles.size(), 1u) << members;  // the rest of the board is read all the same
    EXPECT_EQ(b.generated_at, "2026-11-22T08:00:00+08:00") << members;
  }
}

TEST_F(BoardJson, WrongTypesNeverCrash) {
  // Entries that are not objects, or have no kind (absent, empty, not a string): skipped.
  const Board skipped = read(R"(,"outside_system":[null,"x",3,[],{},{"kind":""},{"kind":5,"ref":"ZZ1"},)"
                             R"({"ref":"ZZ2","department":"FZ-WJW"}])");
  EXPECT_TRUE(skipped.outside_system.empty());
  // Other members of another type read as "".
  const Board b = read(R"(,"outside_system":[7,{"kind":"certificate_without_case","ref":12,"department":null},)"
                       R"({"kind":"completed_without_certificate","ref":"ZS1","department":["FZ-WJW"]}])");
  ASSERT_EQ(b.outside_system.size(), 2u);
  EXPECT_EQ(b.outside_system[0].kind, "certificate_without_case");
  EXPECT_EQ(b.outside_system[0].ref + b.outside_system[0].department, "");
  EXPECT_EQ(b.outside_system[1].ref, "ZS1");
  EXPECT_EQ(b.outside_system[1].department, "");
}

TEST(Messages, TimesOfAnyOffsetAreShownInBeijingTime) {
  EXPECT_EQ(short_time("2026-11-22T03:10:00Z"), "2026-11-22 11:10");
  EXPECT_EQ(short_time("2026-11-22T18:30:00+08:00"), "2026-11-22 18:30");
  EXPECT_EQ(short_time("2026-11-22T20:00:00Z"), "2026-11-23 04:00");  // the next day in Beijing
  EXPECT_EQ(short_time("2029-11-21"), "2029-11-21");                  // a day, as written
  EXPECT_EQ(short_time(""), "");
  EXPECT_EQ(short_deadline("2026-11-28T00:00:00+08:00"), "2026-11-27 24:00");  // the end of the 27th
  EXPECT_EQ(short_deadline("2026-11-27T16:00:00Z"), "2026-11-27 24:00");
  EXPECT_EQ(short_deadline("2026-11-27T17:00:00+08:00"), "2026-11-27 17:00");
  EXPECT_EQ(short_deadline("2029-11-21"), "2029-11-21");
  EXPECT_EQ(short_deadline(""), "");
}

TEST(Messages, ErrorTextsCarryTheirIds) {
  EXPECT_EQ(error_text(make_error("store.conflict", "x")),
            "Someone else changed this case first. The case has been reloaded; check it and try again. [store.conflict]");
  EXPECT_EQ(error_text(make_error("zz.unknown", "server says")), "server says [zz.unknown]");
  EXPECT_EQ(label("manual_review"), "Manual review");
  EXPECT_EQ(label("no_such_code"), "no_such_code");
}

}  // namespace
}  // namespace zhishen::desk::testing
