#include "admin_dialogs.hpp"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui.hpp"
#include "zhishen/desk/i18n.hpp"

namespace zhishen::desk::app {
namespace {

// A two-column form: label, field.
wxFlexGridSizer* form_grid(wxWindow* w) {
  auto* grid = new wxFlexGridSizer(2, w->FromDIP(wxSize(8, 8)));
  grid->AddGrowableCol(1, 1);
  return grid;
}

void add_row(wxWindow* parent, wxFlexGridSizer* grid, const wxString& label, wxWindow* field) {
  grid->Add(new wxStaticText(parent, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
  grid->Add(field, 1, wxEXPAND);
}

void finish(wxDialog* d, wxSizer* content, const wxString& ok_text) {
  auto* top = new wxBoxSizer(wxVERTICAL);
  top->Add(content, 1, wxEXPAND | wxALL, d->FromDIP(12));
  auto* buttons = new wxStdDialogButtonSizer();
  buttons->AddButton(new wxButton(d, wxID_OK, ok_text));
  buttons->AddButton(new wxButton(d, wxID_CANCEL, _("Cancel")));
  buttons->Realize();
  top->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, d->FromDIP(12));
  d->SetSizerAndFit(top);
  d->CentreOnParent();
}

wxTextCtrl* text_field(wxWindow* parent, long style = 0) {
  return new wxTextCtrl(parent, wxID_ANY, wxEmptyString, wxDefaultPosition, parent->FromDIP(wxSize(300, -1)), style);
}

}  // namespace

NewUserDialog::NewUserDialog(wxWindow* parent, const std::vector<DepartmentInfo>& departments)
    : wxDialog(parent, wxID_ANY, _("New staff account")), departments_(departments) {
  auto* grid = form_grid(this);
  username_ = text_field(this);
  username_->SetHint(_("e.g. zhang.wei (a-z, 0-9, . _ -)"));
  add_row(this, grid, _("User name:"), username_);
  display_name_ = text_field(this);
  add_row(this, grid, _("Full name:"), display_name_);
  if (departments_.empty()) {
    department_text_ = text_field(this);
    department_text_->SetHint(_("Department code, e.g. FZ-SCJG"));
    add_row(this, grid, _("Department:"), department_text_);
  } else {
    wxArrayString names;
    for (const auto& d : departments_) names.Add(W(d.name.empty() ? d.code : d.name + "  (" + d.code + ")"));
    department_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, names);
    add_row(this, grid, _("Department:"), department_);
  }
  wxArrayString roles;
  for (const auto& r : AdminPresenter::staff_roles()) roles.Add(W(label(r)));
  roles_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(300, 100)), roles);
  grid->Add(new wxStaticText(this, wxID_ANY, _("Roles:")), 0, wxALIGN_TOP);
  grid->Add(roles_, 1, wxEXPAND);
  password_ = text_field(this, wxTE_PASSWORD);
  add_row(this, grid, _("Password:"), password_);
  again_ = text_field(this, wxTE_PASSWORD);
  add_row(this, grid, _("Password again:"), again_);
  auto* content = new wxBoxSizer(wxVERTICAL);
  content->Add(grid, 1, wxEXPAND);
  // Two lines rather than Wrap(): wx wraps only at spaces, which Chinese text does not have.
  content->Add(new wxStaticText(this, wxID_ANY,
                                _("Password: at least 10 characters with three of lower-case, upper-case, digits, other "
                                  "characters.") +
                                    "\n" + _("The TOTP secret is shown once after the account is created.")),
               0, wxTOP, FromDIP(10));
  finish(this, content, _("Create account"));
}

NewUser NewUserDialog::user() const {
  NewUser u;
  u.username = U(username_->GetValue());
  u.display_name = U(display_name_->GetValue());
  if (department_text_ != nullptr) {
    u.department = U(department_text_->GetValue());
  } else if (department_->GetSelection() != wxNOT_FOUND) {
    u.department = departments_[static_cast<std::size_t>(department_->GetSelection())].code;
  }
  const auto& all = AdminPresenter::staff_roles();
  for (unsigned i = 0; i < roles_->GetCount() && i < all.size(); ++i) {
    if (roles_->IsChecked(i)) u.roles.push_back(all[i]);
  }
  u.password = U(password_->GetValue());
  return u;
}

std::string NewUserDialog::password_again() const { return U(again_->GetValue()); }

PasswordDialog::PasswordDialog(wxWindow* parent, const wxString& username)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("New password for %s"), username)) {
  auto* grid = form_grid(this);
  password_ = text_field(this, wxTE_PASSWORD);
  add_row(this, grid, _("New password:"), password_);
  again_ = text_field(this, wxTE_PASSWORD);
  add_row(this, grid, _("Password again:"), again_);
  auto* content = new wxBoxSizer(wxVERTICAL);
  content->Add(grid, 1, wxEXPAND);
  content->Add(new wxStaticText(this, wxID_ANY, _("The account's sessions end when the new password is set.")), 0, wxTOP,
               FromDIP(10));
  finish(this, content, _("Set password"));
}

std::string PasswordDialog::password() const { return U(password_->GetValue()); }
std::string PasswordDialog::again() const { return U(again_->GetValue()); }

NewChannelDialog::NewChannelDialog(wxWindow* parent) : wxDialog(parent, wxID_ANY, _("New channel")) {
  auto* grid = form_grid(this);
  name_ = text_field(this);
  name_->SetHint(_("e.g. kiosk-gulou (a-z, 0-9, -)"));
  add_row(this, grid, _("Channel name:"), name_);
  wxArrayString kinds;
  for (const auto& k : AdminPresenter::channel_kinds()) kinds.Add(W(label(k)));
  kind_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, kinds);
  add_row(this, grid, _("Kind:"), kind_);
  auto* content = new wxBoxSizer(wxVERTICAL);
  content->Add(grid, 1, wxEXPAND);
  content->Add(new wxStaticText(this, wxID_ANY, _("The channel's token is shown once after it is created.")), 0, wxTOP,
               FromDIP(10));
  finish(this, content, _("Create channel"));
}

std::string NewChannelDialog::name() const { return U(name_->GetValue()); }

std::string NewChannelDialog::kind() const {
  const int i = kind_->GetSelection();
  const auto& all = AdminPresenter::channel_kinds();
  return i == wxNOT_FOUND || static_cast<std::size_t>(i) >= all.size() ? std::string() : all[static_cast<std::size_t>(i)];
}

SecretDialog::SecretDialog(wxWindow* parent, const wxString& title, const wxString& text)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
  auto* top = new wxBoxSizer(wxVERTICAL);
  auto* warn = new wxStaticText(this, wxID_ANY, _("Copy it now: it is not shown again and not stored on this computer."));
  warn->SetForegroundColour(light_colour("red"));
  top->Add(warn, 0, wxALL, FromDIP(12));
  auto* box = new wxTextCtrl(this, wxID_ANY, text, wxDefaultPosition, FromDIP(wxSize(600, 180)),
                             wxTE_MULTILINE | wxTE_READONLY | wxTE_WORDWRAP);
  box->SetFont(wxFontInfo(GetFont().GetPointSize() + 1).Family(wxFONTFAMILY_TELETYPE));  // 0/O, 1/l apart
  top->Add(box, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
  auto* buttons = new wxStdDialogButtonSizer();
  buttons->AddButton(new wxButton(this, wxID_OK, _("Done")));
  buttons->Realize();
  top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(12));
  SetSizerAndFit(top);
  CentreOnParent();
  box->SetFocus();
  box->SelectAll();
}

void show_secret_dialog(wxWindow* parent, const wxString& title, const wxString& text) {
  if (autotest_mode()) {
    wxLogMessage("autotest: one-time secret shown: %s", title);
    return;
  }
  SecretDialog d(parent, title, text);
  d.ShowModal();
}

}  // namespace zhishen::desk::app
