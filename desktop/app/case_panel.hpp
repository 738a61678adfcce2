#pragma once
// CasePanel: one case (案件详情) in a page of the main window — a summary, then tabs for the
// applicant and form, the materials with hashes, the decision trace rule by rule, the history
// and the deadlines; the buttons of the actions the server offers now. Every irreversible action
// asks for confirmation (ActionDialog) and shows the server's answer. Under the actions, the case's
// printed documents (文书): a choice of those its state and history give, and preview / save /
// print of the PDF the server produced (document_output.hpp).
// Thread-safety: UI thread only.

#include <wx/button.h>
#include <wx/choice.h>
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
  // The GUI test: chooses a document in the list (false: not offered) and presses 预览 / 保存… / 打印
  // (false: disabled), the same paths as the user's.
  bool choose_document(const std::string& kind);
  bool press_document(DocumentUse use);
  // The file the last document went to ("" before any; the GUI test reads it).
  const wxString& last_document() const { return last_document_; }

  void show_case() override;
  void show_error(const std::string& text) override;
  void show_status(const std::string& text) override;
  void set_busy(bool busy) override;
  void session_lost() override;
  bool ask_action(const ActionSpec& spec, ActionInput& in) override;
  void case_changed(const std::string& case_no) override;
  void document_ready(const std::string& kind, const std::string& bytes, DocumentUse use) override;

 private:
  std::string chosen_document() const;  // the kind chosen in the list, or ""
  void use_document(DocumentUse use);   // preview, save or print the chosen document
  std::unique_ptr<CasePresenter> presenter_;
  Changed changed_;
  SessionLost session_lost_;
  wxStaticText* title_;
  wxStaticText* status_;
  wxBoxSizer* actions_;
  std::map<std::string, wxButton*> buttons_;
  wxChoice* documents_;
  std::vector<std::string> document_kinds_;  // the choice's entries
  wxButton* preview_;
  wxButton* save_;
  wxButton* print_;
  wxString last_document_;
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
