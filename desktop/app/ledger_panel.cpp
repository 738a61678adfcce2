#include "ledger_panel.hpp"

#include <wx/datetime.h>
#include <wx/intl.h>
#include <wx/sizer.h>

#include "document_output.hpp"
#include "ui.hpp"
#include "zhishen/core/date.hpp"

namespace zhishen::desk::app {
namespace {

wxDateTime date_of(const std::string& iso) {
  wxDateTime d;
  if (!d.ParseISODate(W(iso))) d = wxDateTime::Today();
  return d;
}

}  // namespace

LedgerPanel::LedgerPanel(wxWindow* parent, Api& api, TaskRunner& runner, const StaffUser& me, SessionLost session_lost)
    : wxPanel(parent), session_lost_(std::move(session_lost)) {
  presenter_ = std::make_unique<LedgerPresenter>(*this, api, runner, me, [] {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  });
  const int gap = FromDIP(8);
  auto* top = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Ledger of administrative approvals"));
  title->SetFont(title->GetFont().Scaled(1.3f).Bold());
  // GTK measures the label in its old font until it is shown: the size in the title's own font.
  title->SetMinSize(title->GetTextExtent(title->GetLabel()));
  top->Add(title, 0, wxALL, gap);

  const LedgerQuery defaults = presenter_->default_query();
  auto* form = new wxFlexGridSizer(2, FromDIP(wxSize(12, 8)));
  form->Add(new wxStaticText(this, wxID_ANY, _("From")), 0, wxALIGN_CENTER_VERTICAL);
  from_ = new wxDatePickerCtrl(this, wxID_ANY, date_of(defaults.from), wxDefaultPosition, FromDIP(wxSize(180, -1)),
                               wxDP_DROPDOWN | wxDP_SHOWCENTURY);
  form->Add(from_, 0);
  form->Add(new wxStaticText(this, wxID_ANY, _("To")), 0, wxALIGN_CENTER_VERTICAL);
  to_ = new wxDatePickerCtrl(this, wxID_ANY, date_of(defaults.to), wxDefaultPosition, FromDIP(wxSize(180, -1)),
                             wxDP_DROPDOWN | wxDP_SHOWCENTURY);
  form->Add(to_, 0);
  form->Add(new wxStaticText(this, wxID_ANY, _("Item")), 0, wxALIGN_CENTER_VERTICAL);
  item_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(320, -1)));
  item_->SetHint(_("Item code (optional)"));
  form->Add(item_, 0);
  if (presenter_->may_choose_department()) {
    form->Add(new wxStaticText(this, wxID_ANY, _("Department")), 0, wxALIGN_CENTER_VERTICAL);
    department_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(320, -1)));
    department_->SetHint(_("Department code (optional: every department)"));
    form->Add(department_, 0);
  }
  top->Add(form, 0, wxALL, gap);

  auto* row = new wxBoxSizer(wxHORIZONTAL);
  buttons_[0] = new wxButton(this, wxID_ANY, _("Preview PDF"));
  buttons_[1] = new wxButton(this, wxID_ANY, _("Save PDF..."));
  buttons_[2] = new wxButton(this, wxID_ANY, _("Save CSV..."));
  buttons_[3] = new wxButton(this, wxID_ANY, _("Print"));
  for (auto* b : buttons_) row->Add(b, 0, wxRIGHT, FromDIP(6));
  buttons_[0]->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { request(DocumentUse::preview, false); });
  buttons_[1]->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { request(DocumentUse::save, false); });
  buttons_[2]->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { request(DocumentUse::save, true); });
  buttons_[3]->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { request(DocumentUse::print, false); });
  top->Add(row, 0, wxLEFT | wxRIGHT, gap);
  status_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  top->Add(status_, 0, wxEXPAND | wxALL, gap);

  // Sentences on lines of their own rather than Wrap(): wx wraps only at spaces, which Chinese
  // text does not have.
  auto* note = new wxStaticText(
      this, wxID_ANY,
      _("The ledger lists every case decided in the period, one row each, with totals by decision.") + "\n" +
          _("Each row: applicant, item, decision (automatic or manual; failed re-checks and revocations marked), "
            "decision time, re-check time, certificate number, publicity time.") +
          "\n" +
          _("Reviewers and approvers get their own department's cases; supervisors and administrators may choose "
            "a department.") +
          "\n" + _("The file is the one the server produces; the CSV file opens in a spreadsheet program."));
  note->SetForegroundColour(light_colour(""));
  top->Add(note, 0, wxEXPAND | wxALL, gap);
  SetSizer(top);
}

LedgerQuery LedgerPanel::query() const {
  LedgerQuery q;
  q.from = U(from_->GetValue().FormatISODate());
  q.to = U(to_->GetValue().FormatISODate());
  q.item = U(item_->GetValue());
  if (department_ != nullptr) q.department = U(department_->GetValue());
  return q;
}

void LedgerPanel::request(DocumentUse use, bool csv) { presenter_->fetch(query(), use, csv); }

void LedgerPanel::show_error(const std::string& text) {
  status_->SetForegroundColour(light_colour("red"));
  status_->SetLabel(W(text));
  tell(this, _("Ledger"), W(text), true);
}

void LedgerPanel::show_status(const std::string& text) {
  status_->SetForegroundColour(light_colour("green"));
  status_->SetLabel(W(text));
}

void LedgerPanel::set_busy(bool busy) {
  for (auto* b : buttons_) b->Enable(!busy);
  if (busy) {
    status_->SetForegroundColour(GetForegroundColour());
    status_->SetLabel(_("Working..."));
  }
}

void LedgerPanel::session_lost() { session_lost_(); }

void LedgerPanel::document_ready(const std::string& file_name, const std::string& bytes, DocumentUse use) {
  const Delivery d = deliver_document(this, file_name, bytes, use);
  if (d.error) return show_error(*d.error);
  if (d.path.empty()) return show_status("");  // the user cancelled the file dialog
  last_document_ = d.path;
  show_status(d.status);
}

}  // namespace zhishen::desk::app
