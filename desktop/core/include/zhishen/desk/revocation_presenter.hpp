#pragma once
// RevocationPresenter: the revocation tools (撤销) — find a decided case by case number, the
// applicant's ID number or its e-certificate number (the inbox search), see what revoking it will
// do (the decision revoked, the e-certificate recalled when a valid one exists, the publicity
// record withdrawn when one is not yet withdrawn, the applicant barred from the item for a year
// when chosen and the item has the ban), revoke it with reason and legal basis, see the outcome
// from the case read again (certificate revoked, publicity withdrawn), and list past revocations.
//
// Ownership: borrows the view, the Api and the runner; the view owns it. Thread-safety: UI thread.

#include <string>
#include <vector>

#include "zhishen/desk/api.hpp"
#include "zhishen/desk/case_presenter.hpp"
#include "zhishen/desk/task_runner.hpp"

namespace zhishen::desk {

class RevocationView {
 public:
  virtual ~RevocationView() = default;
  virtual void show_found() = 0;    // found() changed
  virtual void show_past() = 0;     // past() changed
  virtual void show_preview() = 0;  // preview() / selected() changed
  virtual void show_error(const std::string& text) = 0;
  virtual void show_status(const std::string& text) = 0;
  virtual void session_lost() = 0;
  // Reason, legal basis and the ban for the revocation, and the confirmation; false: cancelled.
  virtual bool ask_revocation(const ActionSpec& spec, ActionInput& in) = 0;
};

class RevocationPresenter {
 public:
  RevocationPresenter(RevocationView& view, Api& api, TaskRunner& runner);

  // The states whose decision may be revoked (the approvals that stand).
  static const char* revocable_states();

  void search(const std::string& text);  // a case number, an ID number or a certificate number
  void load_past();
  void select(std::size_t found_index);
  void revoke();  // the selected case

  const std::vector<CaseRow>& found() const { return found_; }
  const std::vector<CaseRow>& past() const { return past_; }
  TextRows found_rows() const;  // case, item, applicant, state, decided
  TextRows past_rows() const;   // case, item, applicant, revoked at
  const CaseDetail* selected() const { return selected_ ? &*selected_ : nullptr; }
  // What revoking the selected case does; for a revoked case, the outcome.
  std::vector<std::string> preview() const;
  bool can_revoke() const;

 private:
  bool lost(const Error& e);

  RevocationView& view_;
  Api& api_;
  TaskRunner& runner_;
  std::vector<CaseRow> found_, past_;
  std::optional<CaseDetail> selected_;
  bool busy_ = false;
  Alive alive_ = make_alive();
};

}  // namespace zhishen::desk
