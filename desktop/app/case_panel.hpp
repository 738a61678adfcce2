#pragma once
// CasePanel: one case (案件详情) in a page of the main window — a summary, then tabs for the
// applicant and form, the materials with hashes, the decision trace rule by rule, the history
// and the deadlines; the buttons of the actions the server offers now. Every irreversible action
// asks for confirmation (ActionDialog) and shows the server's answer.
// Thread-safety: UI thread only.

#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <functional>
#include <map>
#include <memory>

#include "zhishen/desk/case_presenter.hpp"

namespace zhishen::desk::app {

class CasePanel final : public wxPanel, public CaseView {
 public:
  using Changed = std::function<void(const std::string& case_no)>;
  using SessionLost = std::function<void()>;
  CasePanel(wxWindow* parent, Api& api, TaskRunner& runner, const std::string& case_no, Changed changed,
            SessionLost session_lost);

  CasePresenter& presenter() { return *presenter_; }
  // Presses an action's button (the GUI test; the same path as a click). False: no such button.
  bool press(const std::string& action);
  wxString status_text() const { return status_->GetLabel(); }
  void show_tab(int index);  // 0 overview, 1 form, 2 trace, 3 history, 4 deadlines

  void show_case() override;
  void show_error(const std::string& text) override;
  void show_status(const std::string& text) override;
  void set_busy(bool busy) override;
  void session_lost() override;
  bool ask_action(const ActionSpec& spec, ActionInput& in) override;
  void case_changed(const std::string& case_no) override;

 private:
  std::unique_ptr<CasePresenter> presenter_;
  Changed changed_;
  SessionLost session_lost_;
  wxStaticText* title_;
  wxStaticText* status_;
  wxBoxSizer* actions_;
  std::map<std::string, wxButton*> buttons_;
  wxNotebook* tabs_;
  wxListCtrl* summary_;
  wxListCtrl* applicant_;
  wxListCtrl* form_;
  wxListCtrl* materials_;
  wxListCtrl* trace_;
  wxListCtrl* history_;
  wxListCtrl* deadlines_;
};

}  // namespace zhishen::desk::app
