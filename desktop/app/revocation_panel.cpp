#include "revocation_panel.hpp"

#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/statbox.h>

#include "action_dialog.hpp"
#include "ui.hpp"

namespace zhishen::desk::app {

RevocationPanel::RevocationPanel(wxWindow* parent, Api& api, TaskRunner& runner, OpenCase open,
                                 SessionLost session_lost)
    : wxPanel(parent), open_(std::move(open)), session_lost_(std::move(session_lost)) {
  presenter_ = std::make_unique<RevocationPresenter>(*this, api, runner);
  auto* top = new wxBoxSizer(wxVERTICAL);
  const int gap = FromDIP(6);
  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  bar->Add(new wxStaticText(this, wxID_ANY, _("Find a decision to revoke:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
  search_ = new wxSearchCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(280, -1)),
                             wxTE_PROCESS_ENTER);
  search_->SetDescriptiveText(_("Case, ID or certificate number"));
  bar->Add(search_, 0);
  top->Add(bar, 0, wxALL, gap);
  found_ = make_list(this, {{_("Case number"), 180}, {_("Item"), 200}, {_("Applicant"), 320}, {_("State"), 160},
                            {_("Submitted at"), 130}},
                     wxLC_SINGLE_SEL);
  top->Add(found_, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);
  // What revoking the selected case does, with the button, framed under the list.
  auto* effects = new wxStaticBoxSizer(wxVERTICAL, this, _("What revoking does"));
  preview_ = new wxStaticText(effects->GetStaticBox(), wxID_ANY, _("Select a case to see what revoking it will do."));
  effects->Add(preview_, 0, wxEXPAND | wxALL, gap);
  revoke_ = new wxButton(effects->GetStaticBox(), wxID_ANY, _("Revoke this decision..."));
  revoke_->Enable(false);
  effects->Add(revoke_, 0, wxLEFT | wxRIGHT | wxBOTTOM, gap);
  top->Add(effects, 0, wxEXPAND | wxALL, gap);
  top->Add(new wxStaticText(this, wxID_ANY, _("Past revocations")), 0, wxLEFT | wxRIGHT | wxTOP, gap);
  past_ = make_list(this, {{_("Case number"), 180}, {_("Item"), 200}, {_("Applicant"), 320}, {_("Submitted at"), 130}},
                    wxLC_SINGLE_SEL);
  top->Add(past_, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);
  status_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  top->Add(status_, 0, wxEXPAND | wxALL, gap);
  SetSizer(top);

  auto run_search = [this](wxCommandEvent&) { presenter_->search(U(search_->GetValue())); };
  search_->Bind(wxEVT_SEARCH, run_search);
  search_->Bind(wxEVT_TEXT_ENTER, run_search);
  found_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
    selected_row_ = e.GetIndex();
    presenter_->select(static_cast<std::size_t>(e.GetIndex()));
  });
  found_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) { open_(U(found_->GetItemText(e.GetIndex()))); });
  past_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) { open_(U(past_->GetItemText(e.GetIndex()))); });
  revoke_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { presenter_->revoke(); });
  presenter_->load_past();
}

void RevocationPanel::find(const wxString& text) {
  search_->SetValue(text);
  presenter_->search(U(text));
}

void RevocationPanel::select_row(long row) {
  if (row < 0 || row >= found_->GetItemCount()) return;
  selected_row_ = -1;
  found_->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  found_->EnsureVisible(row);
  // Where selecting in code sends no selection event (GTK's generic list), select as the event would.
  if (selected_row_ != row) presenter_->select(static_cast<std::size_t>(row));
}

void RevocationPanel::show_found() { fill_list(found_, presenter_->found_rows()); }
void RevocationPanel::show_past() { fill_list(past_, presenter_->past_rows()); }

void RevocationPanel::show_preview() {
  wxString text;
  for (const auto& line : presenter_->preview()) text += (text.empty() ? "" : "\n") + W(line);
  preview_->SetLabel(text.empty() ? _("Select a case to see what revoking it will do.") : text);
  revoke_->Enable(presenter_->can_revoke());
  Layout();
}

void RevocationPanel::show_error(const std::string& text) {
  status_->SetForegroundColour(light_colour("red"));
  status_->SetLabel(W(text));
  tell(this, _("Revocation"), W(text), true);
}

void RevocationPanel::show_status(const std::string& text) {
  status_->SetForegroundColour(GetForegroundColour());
  status_->SetLabel(W(text));
}

void RevocationPanel::session_lost() { session_lost_(); }

bool RevocationPanel::ask_revocation(const ActionSpec& spec, ActionInput& in) {
  ActionDialog d(this, spec);
  if (d.ShowModal() != wxID_OK) return false;
  d.read(in);
  return true;
}

}  // namespace zhishen::desk::app
