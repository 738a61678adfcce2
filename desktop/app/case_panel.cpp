#include "case_panel.hpp"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/notebook.h>

#include "action_dialog.hpp"
#include "document_output.hpp"
#include "ui.hpp"
#include "zhishen/desk/i18n.hpp"

namespace zhishen::desk::app {
namespace {

std::vector<std::vector<std::string>> pairs_rows(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& [k, v] : pairs) rows.push_back({k, v});
  return rows;
}

}  // namespace

CasePanel::CasePanel(wxWindow* parent, Api& api, TaskRunner& runner, const std::string& case_no, Changed changed,
                     SessionLost session_lost)
    : wxPanel(parent), changed_(std::move(changed)), session_lost_(std::move(session_lost)) {
  presenter_ = std::make_unique<CasePresenter>(*this, api, runner, case_no);
  auto* top = new wxBoxSizer(wxVERTICAL);
  title_ = new wxStaticText(this, wxID_ANY, W(case_no));
  title_->SetFont(title_->GetFont().Scaled(1.3f).Bold());
  top->Add(title_, 0, wxALL, FromDIP(8));
  actions_ = new wxBoxSizer(wxHORIZONTAL);
  top->Add(actions_, 0, wxLEFT | wxRIGHT, FromDIP(8));
  auto* docs = new wxBoxSizer(wxHORIZONTAL);
  docs->Add(new wxStaticText(this, wxID_ANY, _("Documents:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  documents_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(240, -1)));
  docs->Add(documents_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  preview_ = new wxButton(this, wxID_ANY, _("Preview"));
  save_ = new wxButton(this, wxID_ANY, _("Save..."));
  print_ = new wxButton(this, wxID_ANY, _("Print"));
  for (auto* b : {preview_, save_, print_}) {
    b->Enable(false);
    docs->Add(b, 0, wxRIGHT, FromDIP(6));
  }
  preview_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { use_document(DocumentUse::preview); });
  save_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { use_document(DocumentUse::save); });
  print_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { use_document(DocumentUse::print); });
  top->Add(docs, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(8));
  status_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  top->Add(status_, 0, wxEXPAND | wxALL, FromDIP(8));

  auto* tabs = tabs_ = new wxNotebook(this, wxID_ANY);
  auto* overview = new wxPanel(tabs);
  auto* ov = new wxBoxSizer(wxHORIZONTAL);
  summary_ = make_list(overview, {{_("Case"), 130}, {wxString(), 380}});
  applicant_ = make_list(overview, {{_("Applicant"), 130}, {wxString(), 300}});
  ov->Add(summary_, 3, wxEXPAND | wxALL, FromDIP(4));
  ov->Add(applicant_, 2, wxEXPAND | wxALL, FromDIP(4));
  overview->SetSizer(ov);
  tabs->AddPage(overview, _("Overview"));

  auto* formpage = new wxPanel(tabs);
  auto* fs = new wxBoxSizer(wxVERTICAL);
  form_ = make_list(formpage, {{_("Form field"), 200}, {_("Value"), 520}});
  materials_ = make_list(formpage, {{_("Material"), 220}, {_("Code"), 130}, {_("Type"), 120}, {_("Size"), 80},
                                    {_("SHA-256"), 480}});
  fs->Add(form_, 3, wxEXPAND | wxALL, FromDIP(4));
  fs->Add(materials_, 2, wxEXPAND | wxALL, FromDIP(4));
  formpage->SetSizer(fs);
  tabs->AddPage(formpage, _("Form and materials"));

  trace_ = make_list(tabs, {{_("Rule"), 60}, {_("Section"), 90}, {_("Result"), 70}, {_("Rule text"), 300},
                            {_("Message"), 300}, {_("Legal basis"), 240}, {_("Values read"), 400}});
  tabs->AddPage(trace_, _("Decision trace"));
  history_ = make_list(tabs, {{_("Time"), 130}, {_("Action"), 150}, {_("State"), 300}, {_("By"), 120},
                              {_("Reason"), 400}, {_("Legal basis"), 200}});
  tabs->AddPage(history_, _("History"));
  deadlines_ = make_list(tabs, {{_("Deadline"), 120}, {_("Due"), 150}, {_("Light"), 80}, {_("Clock"), 120}});
  tabs->AddPage(deadlines_, _("Deadlines"));
  top->Add(tabs, 1, wxEXPAND | wxALL, FromDIP(4));
  SetSizer(top);
  presenter_->load();
}

bool CasePanel::press(const std::string& action) {
  auto it = buttons_.find(action);
  if (it == buttons_.end() || !it->second->IsEnabled()) return false;
  wxCommandEvent ev(wxEVT_BUTTON, it->second->GetId());
  ev.SetEventObject(it->second);
  it->second->GetEventHandler()->ProcessEvent(ev);
  return true;
}

void CasePanel::show_tab(int index) {
  if (index >= 0 && static_cast<size_t>(index) < tabs_->GetPageCount()) tabs_->SetSelection(static_cast<size_t>(index));
}

void CasePanel::show_case() {
  const CasePresenter& p = *presenter_;
  title_->SetLabel(W(p.title()));
  actions_->Clear(true);
  buttons_.clear();
  for (const auto& [code, text] : p.actions()) {
    auto* b = new wxButton(this, wxID_ANY, W(text));
    b->Bind(wxEVT_BUTTON, [this, code = code](wxCommandEvent&) { presenter_->request_action(code); });
    actions_->Add(b, 0, wxRIGHT, FromDIP(6));
    buttons_[code] = b;
  }
  if (p.actions().empty()) actions_->Add(new wxStaticText(this, wxID_ANY, _("No action is open to you on this case.")));
  // The choice is kept across reloads while the documents stay the same; when the case gained or
  // lost one (an action), the first — the receipt once completed — is chosen.
  const std::string chosen = chosen_document();
  const std::vector<std::string> before = document_kinds_;
  documents_->Clear();
  document_kinds_.clear();
  int keep = 0;
  for (const auto& [kind, title] : p.documents()) {
    if (kind == chosen) keep = static_cast<int>(document_kinds_.size());
    documents_->Append(W(title));
    document_kinds_.push_back(kind);
  }
  if (document_kinds_ != before) keep = 0;
  if (!document_kinds_.empty()) documents_->SetSelection(keep);
  for (auto* b : {preview_, save_, print_}) b->Enable(!document_kinds_.empty());
  documents_->Enable(!document_kinds_.empty());
  // The summary, then the e-certificate and the publicity record when the case has them; a
  // revoked certificate (its state, the last of its lines) and a withdrawn publicity in red.
  auto summary = p.summary();
  const auto certificate = p.certificate();
  summary.insert(summary.end(), certificate.begin(), certificate.end());
  const long certificate_state_row = static_cast<long>(summary.size()) - 1;
  const auto publicity = p.publicity();
  summary.insert(summary.end(), publicity.begin(), publicity.end());
  fill_list(summary_, pairs_rows(summary));
  const auto& d = p.detail();
  if (d.certificate && d.certificate->state == "revoked") summary_->SetItemTextColour(certificate_state_row, light_colour("red"));
  if (d.publicity && d.publicity->state == "withdrawn") {
    summary_->SetItemTextColour(static_cast<long>(summary.size()) - 1, light_colour("red"));
  }
  fill_list(applicant_, pairs_rows(p.applicant()));
  fill_list(form_, pairs_rows(p.form()));
  fill_list(materials_, p.materials());
  const auto trace = p.trace();
  fill_list(trace_, trace);
  for (std::size_t i = 0; i < p.detail().trace.size(); ++i) {
    const auto& status = p.detail().trace[i].status;
    if (status != "passed") trace_->SetItemTextColour(static_cast<long>(i), light_colour(status == "failed" ? "red" : "yellow"));
  }
  fill_list(history_, p.history());
  fill_list(deadlines_, p.deadlines());
  for (std::size_t i = 0; i < p.detail().deadlines.size(); ++i) {
    deadlines_->SetItemTextColour(static_cast<long>(i), light_colour(p.detail().deadlines[i].light));
  }
  Layout();
}

void CasePanel::show_error(const std::string& text) {
  status_->SetForegroundColour(light_colour("red"));
  status_->SetLabel(W(text));
  tell(this, _("Case"), W(text), true);
}

void CasePanel::show_status(const std::string& text) {
  status_->SetForegroundColour(light_colour("green"));
  status_->SetLabel(W(text));
}

void CasePanel::set_busy(bool busy) {
  for (auto& [code, b] : buttons_) b->Enable(!busy);
  for (auto* b : {preview_, save_, print_}) b->Enable(!busy && !document_kinds_.empty());
  if (busy) {
    status_->SetForegroundColour(GetForegroundColour());
    status_->SetLabel(_("Working..."));
  } else if (status_->GetLabel() == _("Working...")) {
    status_->SetLabel(wxEmptyString);  // done, and nothing else to say (a result replaces it)
  }
}

bool CasePanel::choose_document(const std::string& kind) {
  for (std::size_t i = 0; i < document_kinds_.size(); ++i) {
    if (document_kinds_[i] == kind) {
      documents_->SetSelection(static_cast<int>(i));
      return true;
    }
  }
  return false;
}

bool CasePanel::press_document(DocumentUse use) {
  wxButton* b = use == DocumentUse::preview ? preview_ : use == DocumentUse::save ? save_ : print_;
  if (!b->IsEnabled()) return false;
  wxCommandEvent ev(wxEVT_BUTTON, b->GetId());
  ev.SetEventObject(b);
  b->GetEventHandler()->ProcessEvent(ev);
  return true;
}

void CasePanel::session_lost() { session_lost_(); }

bool CasePanel::ask_action(const ActionSpec& spec, ActionInput& in) {
  if (autotest_mode()) {  // the GUI test: fill what is required and confirm
    if (spec.asks_reason) in.reason = U(_("Checked at the workstation (automatic test)"));
    if (spec.needs_legal_basis) in.legal_basis = U(_("Administrative Licensing Law, Article 38"));
    if (spec.checklist && !spec.material_names.empty()) in.items.push_back(spec.material_names.front());
    return true;
  }
  ActionDialog d(this, spec);
  if (d.ShowModal() != wxID_OK) return false;
  d.read(in);
  return true;
}

void CasePanel::case_changed(const std::string& case_no) { changed_(case_no); }

std::string CasePanel::chosen_document() const {
  const int i = documents_->GetSelection();
  if (i < 0 || static_cast<std::size_t>(i) >= document_kinds_.size()) return "";
  return document_kinds_[static_cast<std::size_t>(i)];
}

void CasePanel::use_document(DocumentUse use) {
  if (const std::string kind = chosen_document(); !kind.empty()) presenter_->fetch_document(kind, use);
}

void CasePanel::document_ready(const std::string& kind, const std::string& bytes, DocumentUse use) {
  const Delivery d = deliver_document(this, presenter_->document_file_name(kind), bytes, use);
  if (d.error) return show_error(*d.error);
  if (d.path.empty()) return show_status("");  // the user cancelled the file dialog
  last_document_ = d.path;
  show_status(document_title(kind) + tr(": ") + d.status);
}

}  // namespace zhishen::desk::app
