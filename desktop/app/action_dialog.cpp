#include "action_dialog.hpp"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/tokenzr.h>

#include "ui.hpp"

namespace zhishen::desk::app {

ActionDialog::ActionDialog(wxWindow* parent, const ActionSpec& spec)
    : wxDialog(parent, wxID_ANY, W(spec.title), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
  auto* top = new wxBoxSizer(wxVERTICAL);
  const int gap = FromDIP(10);
  if (spec.checklist) {
    top->Add(new wxStaticText(this, wxID_ANY, _("Materials to supply or correct (one-time notice):")), 0,
             wxLEFT | wxRIGHT | wxTOP, gap);
    wxArrayString names;
    for (const auto& n : spec.material_names) names.Add(W(n));
    materials_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(460, 120)), names);
    top->Add(materials_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    top->Add(new wxStaticText(this, wxID_ANY, _("Other items, one per line:")), 0, wxLEFT | wxRIGHT | wxTOP, gap);
    other_items_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(460, 70)),
                                  wxTE_MULTILINE);
    top->Add(other_items_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
  }
  if (spec.asks_reason) {
    top->Add(new wxStaticText(this, wxID_ANY, spec.needs_reason ? _("Reason (required):") : _("Reason:")), 0,
             wxLEFT | wxRIGHT | wxTOP, gap);
    reason_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(460, 80)),
                             wxTE_MULTILINE);
    top->Add(reason_, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);
  }
  if (spec.needs_legal_basis || spec.action == "manual_approve" || spec.action == "manual_reject" ||
      spec.action == "revoke") {
    top->Add(new wxStaticText(this, wxID_ANY, spec.needs_legal_basis ? _("Legal basis (required):") : _("Legal basis:")),
             0, wxLEFT | wxRIGHT | wxTOP, gap);
    basis_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(460, -1)));
    top->Add(basis_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
  }
  if (spec.may_ban) {
    ban_ = new wxCheckBox(this, wxID_ANY, _("Bar the applicant from this item for one year"));
    top->Add(ban_, 0, wxLEFT | wxRIGHT | wxTOP, gap);
  }
  if (!spec.confirm_text.empty()) {
    auto* warn = new wxStaticText(this, wxID_ANY, W(spec.confirm_text));
    warn->SetForegroundColour(light_colour("red"));
    warn->Wrap(FromDIP(460));
    top->Add(warn, 0, wxALL, gap);
  }
  auto* buttons = new wxStdDialogButtonSizer();
  auto* ok = new wxButton(this, wxID_OK, W(spec.title));
  buttons->AddButton(ok);
  buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
  buttons->Realize();
  top->Add(buttons, 0, wxEXPAND | wxALL, gap);
  SetSizerAndFit(top);
  CentreOnParent();
}

void ActionDialog::read(ActionInput& in) const {
  if (reason_ != nullptr) in.reason = U(reason_->GetValue());
  if (basis_ != nullptr) in.legal_basis = U(basis_->GetValue());
  if (ban_ != nullptr) in.ban = ban_->GetValue();
  in.items.clear();
  if (materials_ != nullptr) {
    for (unsigned i = 0; i < materials_->GetCount(); ++i) {
      if (materials_->IsChecked(i)) in.items.push_back(U(materials_->GetString(i)));
    }
  }
  if (other_items_ != nullptr) {
    wxStringTokenizer lines(other_items_->GetValue(), "\n");
    while (lines.HasMoreTokens()) {
      wxString line = lines.GetNextToken().Trim().Trim(false);
      if (!line.empty()) in.items.push_back(U(line));
    }
  }
}

}  // namespace zhishen::desk::app
