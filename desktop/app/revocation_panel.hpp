#pragma once
// RevocationPanel: the revocation tools (撤销) over RevocationPresenter — search decided cases,
// a preview of what revoking does, the revoke button (reason, legal basis, ban, confirmation
// through ActionDialog), and past revocations. Thread-safety: UI thread only.

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>

#include <functional>
#include <memory>

#include "zhishen/desk/revocation_presenter.hpp"

namespace zhishen::desk::app {

class RevocationPanel final : public wxPanel, public RevocationView {
 public:
  using OpenCase = std::function<void(const std::string& case_no)>;
  using SessionLost = std::function<void()>;
  RevocationPanel(wxWindow* parent, Api& api, TaskRunner& runner, OpenCase open, SessionLost session_lost);

  RevocationPresenter& presenter() { return *presenter_; }
  // The GUI test: a search typed and sent, a found row selected (the same paths as the user's).
  void find(const wxString& text);
  void select_row(long row);

  void show_found() override;
  void show_past() override;
  void show_preview() override;
  void show_error(const std::string& text) override;
  void show_status(const std::string& text) override;
  void session_lost() override;
  bool ask_revocation(const ActionSpec& spec, ActionInput& in) override;

 private:
  std::unique_ptr<RevocationPresenter> presenter_;
  OpenCase open_;
  SessionLost session_lost_;
  wxSearchCtrl* search_;
  wxListCtrl* found_;
  wxStaticText* preview_;
  wxButton* revoke_;
  wxListCtrl* past_;
  wxStaticText* status_;
  long selected_row_ = -1;  // the row of the last selection event
};

}  // namespace zhishen::desk::app
