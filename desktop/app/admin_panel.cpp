#include "admin_panel.hpp"

#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/textdlg.h>
#include <wx/wfstream.h>

#include <initializer_list>
#include <optional>

#include "admin_dialogs.hpp"
#include "ui.hpp"

namespace zhishen::desk::app {
namespace {

constexpr wxFileOffset kMaxFile = 64L * 1024 * 1024;  // a larger file is not an import

// The bytes of a file (UTF-8 text for every import); nullopt when it cannot be read.
std::optional<std::string> read_file(const wxString& path) {
  wxFFileInputStream in(path, "rb");
  if (!in.IsOk() || in.GetLength() > kMaxFile) return std::nullopt;
  std::string data;
  char buf[65536];
  while (!in.Eof()) {
    in.Read(buf, sizeof buf);
    const size_t n = in.LastRead();
    if (n == 0) break;
    data.append(buf, n);
  }
  if (in.GetLastError() != wxSTREAM_NO_ERROR && in.GetLastError() != wxSTREAM_EOF) return std::nullopt;
  return data;
}

wxBoxSizer* button_row(std::initializer_list<wxButton*> buttons, int gap) {
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  for (auto* b : buttons) row->Add(b, 0, wxRIGHT, gap);
  return row;
}

void colour_rows(wxListCtrl* list, const std::vector<wxColour>& colours) {
  for (std::size_t i = 0; i < colours.size() && static_cast<long>(i) < list->GetItemCount(); ++i) {
    if (colours[i].IsOk()) list->SetItemTextColour(static_cast<long>(i), colours[i]);
  }
}

}  // namespace

AdminPanel::AdminPanel(wxWindow* parent, AdminApi& api, TaskRunner& runner, SessionLost session_lost)
    : wxPanel(parent), session_lost_(std::move(session_lost)) {
  presenter_ = std::make_unique<AdminPresenter>(*this, api, runner);
  auto* top = new wxBoxSizer(wxVERTICAL);
  tabs_ = new wxNotebook(this, wxID_ANY);
  tabs_->AddPage(users_page(tabs_), _("Users"), true);
  tabs_->AddPage(channels_page(tabs_), _("Channels"));
  tabs_->AddPage(items_page(tabs_), _("Items and rules"));
  tabs_->AddPage(calendar_page(tabs_), _("Holidays"));
  tabs_->AddPage(datasets_page(tabs_), _("Shared data"));
  top->Add(tabs_, 1, wxEXPAND | wxALL, FromDIP(4));
  status_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  top->Add(status_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
  SetSizer(top);
  presenter_->refresh();
}

long AdminPanel::selected(wxListCtrl* list) {
  const long i = list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (i < 0) show_status(U(_("Select a line in the list first.")));
  return i;
}

// ---- the tabs -----------------------------------------------------------------------------------

wxWindow* AdminPanel::users_page(wxNotebook* book) {
  auto* page = new wxPanel(book);
  const int gap = FromDIP(6);
  auto* s = new wxBoxSizer(wxVERTICAL);
  users_ = make_list(page, {{_("User name"), 150}, {_("Full name"), 180}, {_("Department"), 110}, {_("Roles"), 220},
                            {_("State"), 90}, {_("Failed logins"), 110}, {_("Locked until"), 140}},
                     wxLC_SINGLE_SEL);
  s->Add(users_, 1, wxEXPAND | wxALL, gap);
  auto* add = new wxButton(page, wxID_ANY, _("New account..."));
  auto* activate = new wxButton(page, wxID_ANY, _("Activate"));
  auto* deactivate = new wxButton(page, wxID_ANY, _("Deactivate..."));
  auto* totp = new wxButton(page, wxID_ANY, _("New TOTP secret..."));
  auto* unlock = new wxButton(page, wxID_ANY, _("Unlock"));
  auto* password = new wxButton(page, wxID_ANY, _("Set password..."));
  auto* refresh = new wxButton(page, wxID_ANY, _("Refresh"));
  s->Add(button_row({add, activate, deactivate, totp, unlock, password, refresh}, gap), 0, wxLEFT | wxRIGHT | wxBOTTOM,
         gap);
  page->SetSizer(s);

  add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    NewUserDialog d(this, presenter_->departments());
    if (d.ShowModal() == wxID_OK) presenter_->create_user(d.user(), d.password_again());
  });
  activate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (const long i = selected(users_); i >= 0) presenter_->set_active(static_cast<std::size_t>(i), true);
  });
  deactivate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (const long i = selected(users_); i >= 0) presenter_->set_active(static_cast<std::size_t>(i), false);
  });
  totp->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (const long i = selected(users_); i >= 0) presenter_->reset_totp(static_cast<std::size_t>(i));
  });
  unlock->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (const long i = selected(users_); i >= 0) presenter_->unlock(static_cast<std::size_t>(i));
  });
  password->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const long i = selected(users_);
    if (i < 0) return;
    PasswordDialog d(this, users_->GetItemText(i));
    if (d.ShowModal() == wxID_OK) presenter_->set_password(static_cast<std::size_t>(i), d.password(), d.again());
  });
  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { presenter_->refresh_users(); });
  return page;
}

wxWindow* AdminPanel::channels_page(wxNotebook* book) {
  auto* page = new wxPanel(book);
  const int gap = FromDIP(6);
  auto* s = new wxBoxSizer(wxVERTICAL);
  channels_ = make_list(page, {{_("Channel"), 180}, {_("Kind"), 140}, {_("State"), 90}, {_("Created at"), 140},
                               {_("Revoked at"), 140}},
                        wxLC_SINGLE_SEL);
  s->Add(channels_, 1, wxEXPAND | wxALL, gap);
  auto* add = new wxButton(page, wxID_ANY, _("New channel..."));
  auto* rotate = new wxButton(page, wxID_ANY, _("New token..."));
  auto* revoke = new wxButton(page, wxID_ANY, _("Revoke..."));
  auto* refresh = new wxButton(page, wxID_ANY, _("Refresh"));
  s->Add(button_row({add, rotate, revoke, refresh}, gap), 0, wxLEFT | wxRIGHT | wxBOTTOM, gap);
  page->SetSizer(s);

  add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    NewChannelDialog d(this);
    if (d.ShowModal() == wxID_OK) presenter_->create_channel(d.name(), d.kind());
  });
  rotate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (const long i = selected(channels_); i >= 0) presenter_->rotate_channel(static_cast<std::size_t>(i));
  });
  revoke->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (const long i = selected(channels_); i >= 0) presenter_->revoke_channel(static_cast<std::size_t>(i));
  });
  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { presenter_->refresh_channels(); });
  return page;
}

wxWindow* AdminPanel::items_page(wxNotebook* book) {
  auto* page = new wxPanel(book);
  const int gap = FromDIP(6);
  auto* s = new wxBoxSizer(wxVERTICAL);
  items_ = make_list(page, {{_("Item code"), 180}, {_("Item"), 300}, {_("Department"), 110},
                            {_("Active version"), 110}, {_("Latest version"), 110}, {_("Drafts"), 110}},
                     wxLC_SINGLE_SEL);
  s->Add(items_, 2, wxEXPAND | wxALL, gap);

  auto* lower = new wxBoxSizer(wxHORIZONTAL);
  auto* left = new wxBoxSizer(wxVERTICAL);
  left->Add(new wxStaticText(page, wxID_ANY, _("Versions of the selected item")), 0, wxBOTTOM, FromDIP(2));
  versions_ = make_list(page, {{_("Version"), 60}, {_("State"), 80}, {_("Rules"), 60}, {_("Created at"), 130},
                               {_("By"), 90}},
                        wxLC_SINGLE_SEL);
  left->Add(versions_, 1, wxEXPAND);
  auto* activate = new wxButton(page, wxID_ANY, _("Activate this version..."));
  left->Add(activate, 0, wxTOP, gap);
  lower->Add(left, 2, wxEXPAND | wxRIGHT, gap);

  auto* right = new wxBoxSizer(wxVERTICAL);
  right->Add(new wxStaticText(page, wxID_ANY, _("Rule test bench: sample cases against the selected version")), 0,
             wxBOTTOM, FromDIP(2));
  auto* choose = new wxButton(page, wxID_ANY, _("Choose sample files..."));
  auto* run = new wxButton(page, wxID_ANY, _("Run the test bench"));
  samples_ = new wxStaticText(page, wxID_ANY, _("No sample files chosen."));
  auto* bar = button_row({choose, run}, gap);
  bar->Add(samples_, 0, wxALIGN_CENTER_VERTICAL);
  right->Add(bar, 0, wxBOTTOM, FromDIP(2));
  bench_ = make_list(page, {{_("Sample"), 230}, {_("Result"), 60}, {_("Expected"), 110}, {_("Got"), 110},
                            {_("Deciding rules"), 130}, {_("Warnings"), 90}, {_("Errors"), 110}});
  right->Add(bench_, 1, wxEXPAND);
  bench_summary_ = new wxStaticText(page, wxID_ANY, wxEmptyString);
  right->Add(bench_summary_, 0, wxEXPAND | wxTOP, FromDIP(2));
  lower->Add(right, 5, wxEXPAND);
  s->Add(lower, 3, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
  page->SetSizer(s);

  items_->Bind(wxEVT_LIST_ITEM_SELECTED,
               [this](wxListEvent& e) { presenter_->select_item(static_cast<std::size_t>(e.GetIndex())); });
  activate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (const long i = selected(versions_); i >= 0) presenter_->activate(static_cast<std::size_t>(i));
  });
  choose->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { choose_samples(); });
  run->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { run_bench(); });
  return page;
}

wxWindow* AdminPanel::calendar_page(wxNotebook* book) {
  auto* page = new wxPanel(book);
  const int gap = FromDIP(6);
  auto* s = new wxBoxSizer(wxVERTICAL);
  years_ = make_list(page, {{_("Year"), 80}, {_("Days off"), 100}, {_("Weekend workdays"), 160}}, wxLC_SINGLE_SEL);
  s->Add(years_, 1, wxEXPAND | wxALL, gap);
  auto* note = new wxStaticText(page, wxID_ANY,
                                _("A year's holiday notice is imported from a file in the holiday-cn format "
                                  "(YYYY.json), after the State Council publishes the arrangement. The deadlines of "
                                  "every open case are recomputed."));
  note->Wrap(FromDIP(900));
  s->Add(note, 0, wxLEFT | wxRIGHT, gap);
  auto* import = new wxButton(page, wxID_ANY, _("Import a year from a holiday-cn file..."));
  auto* refresh = new wxButton(page, wxID_ANY, _("Refresh"));
  s->Add(button_row({import, refresh}, gap), 0, wxALL, gap);
  page->SetSizer(s);
  import->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { import_calendar(); });
  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { presenter_->refresh_calendar(); });
  return page;
}

wxWindow* AdminPanel::datasets_page(wxNotebook* book) {
  auto* page = new wxPanel(book);
  const int gap = FromDIP(6);
  auto* s = new wxBoxSizer(wxVERTICAL);
  datasets_ = make_list(page, {{_("Dataset"), 220}, {_("Records"), 100}}, wxLC_SINGLE_SEL);
  s->Add(datasets_, 1, wxEXPAND | wxALL, gap);
  auto* import = new wxButton(page, wxID_ANY, _("Import CSV..."));
  auto* refresh = new wxButton(page, wxID_ANY, _("Refresh"));
  auto* bar = button_row({import, refresh}, gap);
  bar->Add(new wxStaticText(page, wxID_ANY, _("CSV header: key,<field>,... (UTF-8). A dry run reports first.")), 0,
           wxALIGN_CENTER_VERTICAL);
  s->Add(bar, 0, wxLEFT | wxRIGHT, gap);
  s->Add(new wxStaticText(page, wxID_ANY, _("Import report")), 0, wxLEFT | wxRIGHT | wxTOP, gap);
  report_ = new wxTextCtrl(page, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                           wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP);
  s->Add(report_, 1, wxEXPAND | wxALL, gap);
  page->SetSizer(s);
  import->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { import_dataset(); });
  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { presenter_->refresh_datasets(); });
  return page;
}

// ---- files ------------------------------------------------------------------------------------

void AdminPanel::choose_samples() {
  wxFileDialog d(this, _("Choose sample cases"), wxEmptyString, wxEmptyString, _("Sample cases (*.json)|*.json"),
                 wxFD_OPEN | wxFD_FILE_MUST_EXIST | wxFD_MULTIPLE);
  if (d.ShowModal() != wxID_OK) return;
  wxArrayString paths;
  d.GetPaths(paths);
  use_samples(std::vector<wxString>(paths.begin(), paths.end()));
}

void AdminPanel::use_samples(const std::vector<wxString>& paths) {
  std::vector<SampleFile> files;
  for (const auto& p : paths) {
    auto text = read_file(p);
    files.push_back({U(wxFileName(p).GetFullName()), text.value_or("")});  // an unreadable file is reported
  }
  presenter_->set_samples(files);
}

void AdminPanel::run_bench() {
  if (const long i = selected(versions_); i >= 0) presenter_->run_bench(static_cast<std::size_t>(i));
}

void AdminPanel::import_calendar() {
  wxFileDialog d(this, _("Choose a holiday-cn file"), wxEmptyString, wxEmptyString, _("Holiday notices (*.json)|*.json"),
                 wxFD_OPEN | wxFD_FILE_MUST_EXIST);
  if (d.ShowModal() != wxID_OK) return;
  auto text = read_file(d.GetPath());
  if (!text) return show_error(U(wxString::Format(_("The file %s cannot be read."), d.GetPath())));
  presenter_->import_calendar(*text);
}

void AdminPanel::import_dataset() {
  wxFileDialog d(this, _("Choose a CSV file"), wxEmptyString, wxEmptyString, _("CSV files (*.csv)|*.csv"),
                 wxFD_OPEN | wxFD_FILE_MUST_EXIST);
  if (d.ShowModal() != wxID_OK) return;
  auto text = read_file(d.GetPath());
  if (!text) return show_error(U(wxString::Format(_("The file %s cannot be read."), d.GetPath())));
  // The dataset replaced: the one selected, else the file's name.
  const long row = datasets_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  const wxString suggested = row >= 0 ? datasets_->GetItemText(row) : wxFileName(d.GetPath()).GetName().Lower();
  wxTextEntryDialog name(this, _("Name of the dataset to replace (a-z, 0-9, _):"), _("Import CSV"), suggested);
  if (name.ShowModal() != wxID_OK) return;
  presenter_->import_dataset(U(name.GetValue()), *text);
}

// ---- the view -----------------------------------------------------------------------------------

void AdminPanel::show_tab(int index) {
  if (index >= 0 && static_cast<std::size_t>(index) < tabs_->GetPageCount()) {
    tabs_->SetSelection(static_cast<std::size_t>(index));
  }
}

void AdminPanel::select_item(long row) {
  if (row < 0 || row >= items_->GetItemCount()) return;
  items_->SetEvtHandlerEnabled(false);  // the presenter is told once, here
  items_->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  items_->SetEvtHandlerEnabled(true);
  items_->EnsureVisible(row);
  presenter_->select_item(static_cast<std::size_t>(row));
}

void AdminPanel::select_version(long row) {
  if (row < 0 || row >= versions_->GetItemCount()) return;
  versions_->SetItemState(row, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
}

void AdminPanel::show_users() {
  fill_list(users_, presenter_->user_rows());
  std::vector<wxColour> colours;
  for (const auto& u : presenter_->users()) colours.push_back(u.active ? wxColour() : light_colour(""));
  colour_rows(users_, colours);
}

void AdminPanel::show_channels() {
  fill_list(channels_, presenter_->channel_rows());
  std::vector<wxColour> colours;
  for (const auto& c : presenter_->channels()) colours.push_back(c.active ? wxColour() : light_colour(""));
  colour_rows(channels_, colours);
}

void AdminPanel::show_items() {
  const long row = items_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  const wxString code = row >= 0 ? items_->GetItemText(row) : wxString();
  fill_list(items_, presenter_->item_rows());
  for (long i = 0; i < items_->GetItemCount(); ++i) {  // keep the selection (no new selection event)
    if (items_->GetItemText(i) == code) {
      items_->SetEvtHandlerEnabled(false);
      items_->SetItemState(i, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
      items_->SetEvtHandlerEnabled(true);
    }
  }
}

void AdminPanel::show_versions() {
  fill_list(versions_, presenter_->version_rows());
  std::vector<wxColour> colours;
  for (const auto& v : presenter_->versions()) {
    colours.push_back(v.status == "active" ? light_colour("green") : v.status == "retired" ? light_colour("") : wxColour());
  }
  colour_rows(versions_, colours);
}

void AdminPanel::show_bench() {
  samples_->SetLabel(presenter_->sample_count() == 0
                         ? _("No sample files chosen.")
                         : wxString::Format(_("%d sample files chosen."), static_cast<int>(presenter_->sample_count())));
  fill_list(bench_, presenter_->bench_rows());
  std::vector<wxColour> colours;
  if (const auto& b = presenter_->bench()) {
    for (const auto& r : b->rows) {
      colours.push_back(light_colour(r.result == "PASS" ? "green" : r.result == "FAIL" ? "red" : "yellow"));
    }
    bench_summary_->SetForegroundColour(light_colour(b->all_passed ? "green" : "red"));
  }
  colour_rows(bench_, colours);
  bench_summary_->SetLabel(W(presenter_->bench_summary()));
  Layout();
}

void AdminPanel::show_calendar() { fill_list(years_, presenter_->year_rows()); }
void AdminPanel::show_datasets() { fill_list(datasets_, presenter_->dataset_rows()); }

void AdminPanel::show_report() {
  wxString text;
  for (const auto& line : presenter_->import_report()) text += W(line) + "\n";
  report_->SetValue(text);
}

void AdminPanel::show_secret(const std::string& title, const std::string& text) {
  show_secret_dialog(this, W(title), W(text));
}

void AdminPanel::show_error(const std::string& text) {
  status_->SetForegroundColour(light_colour("red"));
  status_->SetLabel(W(text));
  tell(this, _("Administration"), W(text), true);
}

void AdminPanel::show_status(const std::string& text) {
  status_->SetForegroundColour(GetForegroundColour());
  status_->SetLabel(W(text));
}

void AdminPanel::session_lost() { session_lost_(); }

bool AdminPanel::confirm(const std::string& question) { return ask_yes_no(this, _("Administration"), W(question)); }

}  // namespace zhishen::desk::app
