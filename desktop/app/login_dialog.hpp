#pragma once
// LoginDialog: the login screen (server address, user, password, TOTP code) over LoginPresenter.
// Shown modally at start and again when the session ends; on success it keeps the Api and the
// session for the main window. Thread-safety: UI thread only.

#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <memory>

#include "zhishen/desk/login_presenter.hpp"

namespace zhishen::desk::app {

class LoginDialog final : public wxDialog, public LoginView {
 public:
  LoginDialog(wxWindow* parent, Connector& connector, TaskRunner& runner, const wxString& address,
              const wxString& username, const wxString& reason);

  Api* api() const { return api_; }
  const Session& session() const { return session_; }
  wxString address() const { return address_->GetValue(); }

  // The GUI test fills the fields and presses OK through these.
  void fill(const wxString& address, const wxString& user, const wxString& password, const wxString& totp);
  void press_ok();

  void set_busy(bool busy) override;
  void show_error(const std::string& text) override;
  bool confirm_trust(const std::string& address, const std::string& fingerprint) override;
  void show_changed_certificate(const std::string& address, const std::string& pinned,
                                const std::string& presented) override;
  void logged_in(Api& api, const Session& session) override;

 private:
  void on_ok(wxCommandEvent&);

  wxTextCtrl* address_;
  wxTextCtrl* user_;
  wxTextCtrl* password_;
  wxTextCtrl* totp_;
  wxStaticText* message_;
  wxButton* ok_;
  std::unique_ptr<LoginPresenter> presenter_;
  Api* api_ = nullptr;
  Session session_;
};

}  // namespace zhishen::desk::app
