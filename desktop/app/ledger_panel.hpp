#pragma once
// LedgerPanel: the ledger screen (台账) over LedgerPresenter — the period (two date pickers, by
// default the first day of this month to today), an item code (optional), the department (only
// for supervisors and administrators), and the buttons: preview the PDF, save the PDF, save the
// CSV file, print. The file is the one the server produced, handed on by document_output.hpp.
// Ownership: owns its presenter (wx owns the panel). Thread-safety: UI thread only.

#include <wx/button.h>
#include <wx/datectrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <memory>

#include "zhishen/desk/ledger_presenter.hpp"

namespace zhishen::desk::app {

class LedgerPanel final : public wxPanel, public LedgerView {
 public:
  using SessionLost = std::function<void()>;
  LedgerPanel(wxWindow* parent, Api& api, TaskRunner& runner, const StaffUser& me, SessionLost session_lost);

  LedgerPresenter& presenter() { return *presenter_; }
  // The query the controls hold now.
  LedgerQuery query() const;
  // What a button does (the GUI test presses them this way): the PDF, or the CSV (csv = true).
  void request(DocumentUse use, bool csv);
  // The file the last ledger went to ("" before any; the GUI test reads it).
  const wxString& last_document() const { return last_document_; }

  void show_error(const std::string& text) override;
  void show_status(const std::string& text) override;
  void set_busy(bool busy) override;
  void session_lost() override;
  void document_ready(const std::string& file_name, const std::string& bytes, DocumentUse use) override;

 private:
  std::unique_ptr<LedgerPresenter> presenter_;
  SessionLost session_lost_;
  wxDatePickerCtrl* from_;
  wxDatePickerCtrl* to_;
  wxTextCtrl* item_;
  wxTextCtrl* department_ = nullptr;  // supervisors and administrators only
  wxButton* buttons_[4];
  wxStaticText* status_;
  wxString last_document_;
};

}  // namespace zhishen::desk::app
