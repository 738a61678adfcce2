#pragma once
// LedgerPresenter: the ledger screen (台账) — the cases decided in a period, as the PDF or CSV the
// server produces (GET /api/v1/ledger.pdf|csv). The user chooses the period (by default the first
// day of this month to today, Beijing time), optionally an item code and, supervisors and
// administrators only, a department; the presenter checks the query before anything is sent (desk.period.invalid,
// desk.period.reversed, desk.period.too_long: at most 366 days, as the server counts them;
// desk.item.invalid, desk.department.invalid), downloads the file on a worker thread and hands the
// bytes to the view to preview, save or print.
//
// Ownership: borrows the view, the Api and the runner; the view owns it. Thread-safety: UI thread.

#include <functional>
#include <string>

#include "zhishen/core/date.hpp"
#include "zhishen/desk/api.hpp"
#include "zhishen/desk/case_presenter.hpp"
#include "zhishen/desk/task_runner.hpp"

namespace zhishen::desk {

class LedgerView {
 public:
  virtual ~LedgerView() = default;
  virtual void show_error(const std::string& text) = 0;
  virtual void show_status(const std::string& text) = 0;
  virtual void set_busy(bool busy) = 0;
  virtual void session_lost() = 0;
  // The ledger arrived (a PDF, checked, or the CSV file): write it under `file_name` (a
  // suggestion) and preview, save or print it.
  virtual void document_ready(const std::string& file_name, const std::string& bytes, DocumentUse use) = 0;
};

class LedgerPresenter {
 public:
  using Clock = std::function<Instant()>;
  LedgerPresenter(LedgerView& view, Api& api, TaskRunner& runner, StaffUser me, Clock now);

  // Supervisors and administrators may choose a department (or all); everyone else gets their own.
  // By role, as the server scopes the period (a session's permissions have no "supervision").
  bool may_choose_department() const { return me_.has_role("supervisor") || me_.has_role("admin"); }
  // The first day of this month to today (Beijing time).
  LedgerQuery default_query() const;
  // The query as it is sent — trimmed, the department only for supervisors — or why not.
  Result<LedgerQuery> checked(const LedgerQuery& q) const;
  // Downloads the ledger: the PDF (csv = false) or the CSV file; `use` says what the view does.
  // Ignored while a download runs.
  void fetch(const LedgerQuery& q, DocumentUse use, bool csv);
  bool busy() const { return busy_; }

  // "ledger-2026-11-01-2026-11-22.pdf", with "-<item>" when one item is chosen.
  static std::string file_name(const LedgerQuery& q, bool csv);

 private:
  bool lost(const Error& e);

  LedgerView& view_;
  Api& api_;
  TaskRunner& runner_;
  StaffUser me_;
  Clock now_;
  bool busy_ = false;
  Alive alive_ = make_alive();
};

}  // namespace zhishen::desk
