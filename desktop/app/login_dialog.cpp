#include "login_dialog.hpp"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/sizer.h>

#include "ui.hpp"

namespace zhishen::desk::app {

LoginDialog::LoginDialog(wxWindow* parent, Connector& connector, TaskRunner& runner, const wxString& address,
                         const wxString& username, const wxString& reason)
    : wxDialog(parent, wxID_ANY, _("Zhishen workstation - log in"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE) {
  presenter_ = std::make_unique<LoginPresenter>(*this, connector, runner);
  auto* top = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Zhishen approval workstation"));
  title->SetFont(title->GetFont().Scaled(1.5f).Bold());
  top->Add(title, 0, wxALL, FromDIP(12));
  if (!reason.empty()) {
    auto* why = new wxStaticText(this, wxID_ANY, reason);
    top->Add(why, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12));
  }
  auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(8));
  grid->AddGrowableCol(1);
  auto field = [&](const wxString& caption, long style) {
    grid->Add(new wxStaticText(this, wxID_ANY, caption), 0, wxALIGN_CENTER_VERTICAL);
    auto* t = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(320, -1)), style);
    grid->Add(t, 1, wxEXPAND);
    return t;
  };
  address_ = field(_("Server"), 0);
  user_ = field(_("User name"), 0);
  password_ = field(_("Password"), wxTE_PASSWORD);
  totp_ = field(_("Verification code"), 0);
  totp_->SetHint(_("6 digits from the authenticator app"));
  totp_->SetMaxLength(6);
  address_->SetValue(address.empty() ? wxString("https://localhost:8443") : address);
  user_->SetValue(username);
  top->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
  message_ = new wxStaticText(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(440, -1)));
  message_->SetForegroundColour(light_colour("red"));
  top->Add(message_, 0, wxEXPAND | wxALL, FromDIP(12));
  auto* buttons = new wxStdDialogButtonSizer();
  ok_ = new wxButton(this, wxID_OK, _("Log in"));
  ok_->SetDefault();
  buttons->AddButton(ok_);
  buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Quit")));
  buttons->Realize();
  top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(12));
  SetSizerAndFit(top);
  CentreOnScreen();
  ok_->Bind(wxEVT_BUTTON, &LoginDialog::on_ok, this);
  (user_->GetValue().empty() ? user_ : password_)->SetFocus();
}

void LoginDialog::fill(const wxString& address, const wxString& user, const wxString& password, const wxString& totp) {
  address_->SetValue(address);
  user_->SetValue(user);
  password_->SetValue(password);
  totp_->SetValue(totp);
}

void LoginDialog::press_ok() {
  wxCommandEvent ev(wxEVT_BUTTON, wxID_OK);
  ev.SetEventObject(ok_);
  ok_->GetEventHandler()->ProcessEvent(ev);
}

void LoginDialog::on_ok(wxCommandEvent&) {
  message_->SetLabel(wxEmptyString);
  presenter_->submit({U(address_->GetValue()), U(user_->GetValue()), U(password_->GetValue()), U(totp_->GetValue())});
}

void LoginDialog::set_busy(bool busy) {
  ok_->Enable(!busy);
  if (busy) message_->SetLabel(_("Connecting..."));
  else if (message_->GetLabel() == _("Connecting...")) message_->SetLabel(wxEmptyString);
}

void LoginDialog::show_error(const std::string& text) {
  if (autotest_mode()) wxLogMessage("login: %s", W(text));
  message_->SetLabel(W(text));
  message_->Wrap(FromDIP(440));
  Layout();
  Fit();
}

bool LoginDialog::confirm_trust(const std::string& address, const std::string& fingerprint) {
  return ask_yes_no(this, _("Trust this server?"),
                    wxString::Format(_("The server %s presents a certificate not seen before.\n\nSHA-256 fingerprint:\n%s\n\n"
                                       "Compare it with the fingerprint your administrator gave you. Trust this "
                                       "certificate from now on?"),
                                     W(address), W(fingerprint)));
}

void LoginDialog::show_changed_certificate(const std::string& address, const std::string& pinned,
                                           const std::string& presented) {
  const wxString text = wxString::Format(
      _("The server %s presents a different certificate from the one trusted before. The connection was refused: "
        "someone may be intercepting it.\n\nTrusted: %s\nPresented: %s\n\nAsk the administrator before going on."),
      W(address), W(pinned), W(presented));
  show_error(U(text));
  tell(this, _("Certificate changed"), text, true);
}

void LoginDialog::logged_in(Api& api, const Session& session) {
  api_ = &api;
  session_ = session;
  EndModal(wxID_OK);
}

}  // namespace zhishen::desk::app
