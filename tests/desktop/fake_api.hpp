#pragma once
// FakeApi: the Api port in memory for the presenter tests — canned answers, every call recorded.
// DeferredRunner: a TaskRunner that holds work until the test runs it (to test ordering and the
// closed-window guard). Thread-safety: single-threaded tests.

#include <deque>
#include <functional>
#include <map>

#include "zhishen/desk/api.hpp"
#include "zhishen/desk/task_runner.hpp"

namespace zhishen::desk::testing {

class FakeApi final : public Api {
 public:
  std::vector<std::string> calls;
  std::string presented = "AA:BB", pinned_fp;
  std::optional<Error> login_error, inbox_error, act_error, detail_error;
  std::vector<CaseRow> all_rows;
  long workday_minutes = 0;  // the inbox pages' (0: not said)
  CaseDetail detail;
  Board the_board;
  std::vector<ActionInput> act_inputs;
  std::vector<std::pair<std::string, std::string>> acts;  // case, action
  // When set, an action succeeds with this case (and later reads of the case answer it too).
  std::optional<CaseDetail> after_act;

  Result<std::string> fingerprint() override {
    calls.push_back("fingerprint");
    return presented;
  }
  std::string pinned() const override { return pinned_fp; }
  Status trust(const std::string& fp) override {
    calls.push_back("trust " + fp);
    pinned_fp = fp;
    return {};
  }
  Result<Session> login(const std::string& u, const std::string&, const std::string& totp) override {
    calls.push_back("login " + u + " " + totp);
    if (login_error) return *login_error;
    return Session{"tok", "2026-11-22T18:00:00+08:00", StaffUser{7, u, "审核员", "FZ-SCJG", {"reviewer"}, {"review"}}};
  }
  Status logout() override { return {}; }
  Result<InboxPage> inbox(const InboxQuery& q) override {
    calls.push_back("inbox " + std::to_string(q.offset) + " " + q.light);
    if (inbox_error) return *inbox_error;
    InboxPage p;
    for (std::size_t i = static_cast<std::size_t>(q.offset);
         i < all_rows.size() && p.rows.size() < static_cast<std::size_t>(q.limit); ++i) {
      p.rows.push_back(all_rows[i]);
    }
    p.total = static_cast<long>(all_rows.size());
    p.workday_minutes = workday_minutes;
    p.red = 1;
    return p;
  }
  Result<CaseDetail> case_detail(const std::string& no) override {
    calls.push_back("detail " + no);
    if (detail_error) return *detail_error;
    return detail;
  }
  Result<CaseDetail> act(const std::string& no, const std::string& action, const ActionInput& in) override {
    calls.push_back("act " + no + " " + action);
    acts.emplace_back(no, action);
    act_inputs.push_back(in);
    if (act_error) return *act_error;
    if (after_act) {
      detail = *after_act;
      return detail;
    }
    CaseDetail d = detail;
    d.row.state = "recheck_confirmed";
    d.row.version = in.version + 1;
    return d;
  }
  Result<std::vector<AssignOutcome>> assign(const std::vector<std::string>&, std::int64_t) override { return std::vector<AssignOutcome>{}; }
  Result<Board> board() override {
    calls.push_back("board");
    return the_board;
  }
  Result<std::vector<CaseRow>> overdue(int) override { return std::vector<CaseRow>{}; }
  Result<std::vector<Ticket>> tickets(const std::string&) override { return std::vector<Ticket>{}; }
  Result<Ticket> open_ticket(const std::string& no, const std::string&) override {
    calls.push_back("open_ticket " + no);
    return Ticket{"DB-1", no, "FZ-SCJG", "open", "", "", "", "", "", "", "", "", ""};
  }
  Result<Ticket> respond_ticket(const std::string&, const std::string&) override { return make_error("auth.forbidden", ""); }
  Result<Ticket> close_ticket(const std::string&, const std::string&) override { return make_error("auth.forbidden", ""); }
  Result<json::Value> statistics(const std::string&, const std::string&) override {
    return json::Value(json::Object{{"decisions", json::Object{{"total", 40}, {"automatic_share", 0.875}}}});
  }

  // Printed documents: canned bytes, every query kept.
  std::optional<Error> document_error, ledger_error;
  std::string document_bytes = "%PDF-1.4\n% a case's document\n";
  std::string ledger_pdf = "%PDF-1.4\n% the ledger\n", ledger_csv = "\xEF\xBB\xBF序号,申请编号\r\n";
  std::vector<LedgerQuery> ledger_queries;
  Result<std::string> document(const std::string& no, const std::string& kind) override {
    calls.push_back("document " + no + " " + kind);
    if (document_error) return *document_error;
    return document_bytes;
  }
  Result<std::string> ledger(const LedgerQuery& q, bool csv) override {
    calls.push_back(std::string("ledger ") + (csv ? "csv " : "pdf ") + q.from + " " + q.to);
    ledger_queries.push_back(q);
    if (ledger_error) return *ledger_error;
    return csv ? ledger_csv : ledger_pdf;
  }
};

class DeferredRunner final : public TaskRunner {
 public:
  void run(std::function<void()> work, std::function<void()> done) override { queue.emplace_back(work, done); }
  // Runs the oldest task, work and continuation.
  bool step() {
    if (queue.empty()) return false;
    auto t = std::move(queue.front());
    queue.pop_front();
    t.first();
    t.second();
    return true;
  }
  void drain() {
    while (step()) {
    }
  }
  std::deque<std::pair<std::function<void()>, std::function<void()>>> queue;
};

inline CaseRow row(const std::string& no, const std::string& light, const std::string& due, std::int64_t version = 1) {
  CaseRow r;
  r.case_no = no;
  r.light = light;
  r.due_at = due;
  r.state = "auto_rejected";
  r.version = version;
  r.applicant_name = "张三";
  return r;
}

}  // namespace zhishen::desk::testing
