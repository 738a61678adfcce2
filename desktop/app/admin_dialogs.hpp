#pragma once
// The small dialogs of the Administration page: a new staff account, a new password, a new channel,
// and the one-time secret (a TOTP secret or a channel token shown to copy, never stored). They only
// collect text; AdminPresenter checks it. Thread-safety: UI thread only.

#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/textctrl.h>

#include <string>
#include <vector>

#include "zhishen/desk/admin_presenter.hpp"

namespace zhishen::desk::app {

class NewUserDialog final : public wxDialog {
 public:
  // departments: offered in a choice (a text field when the list is empty).
  NewUserDialog(wxWindow* parent, const std::vector<DepartmentInfo>& departments);
  NewUser user() const;
  std::string password_again() const;

 private:
  std::vector<DepartmentInfo> departments_;
  wxTextCtrl* username_;
  wxTextCtrl* display_name_;
  wxChoice* department_ = nullptr;
  wxTextCtrl* department_text_ = nullptr;
  wxCheckListBox* roles_;
  wxTextCtrl* password_;
  wxTextCtrl* again_;
};

class PasswordDialog final : public wxDialog {
 public:
  PasswordDialog(wxWindow* parent, const wxString& username);
  std::string password() const;
  std::string again() const;

 private:
  wxTextCtrl* password_;
  wxTextCtrl* again_;
};

class NewChannelDialog final : public wxDialog {
 public:
  explicit NewChannelDialog(wxWindow* parent);
  std::string name() const;
  std::string kind() const;  // "" when none is chosen

 private:
  wxTextCtrl* name_;
  wxChoice* kind_;
};

// A one-time secret, read-only and selected, to copy now.
class SecretDialog final : public wxDialog {
 public:
  SecretDialog(wxWindow* parent, const wxString& title, const wxString& text);
};

// Shows a SecretDialog (modal); under --autotest only its title is logged (never the secret).
void show_secret_dialog(wxWindow* parent, const wxString& title, const wxString& text);

}  // namespace zhishen::desk::app
