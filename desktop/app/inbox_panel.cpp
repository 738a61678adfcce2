#include "inbox_panel.hpp"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/fileconf.h>
#include <wx/sizer.h>
#include <wx/textdlg.h>

#include <chrono>
#include <iterator>

#include "platform.hpp"
#include "ui.hpp"
#include "zhishen/desk/i18n.hpp"

namespace zhishen::desk::app {

// The virtual list model: every cell comes from the presenter on demand.
class InboxModel final : public wxDataViewVirtualListModel {
 public:
  explicit InboxModel(InboxPresenter& p) : wxDataViewVirtualListModel(0), p_(p) {}
  unsigned int GetColumnCount() const override { return static_cast<unsigned>(InboxColumn::count); }
  wxString GetColumnType(unsigned int) const override { return "string"; }
  void GetValueByRow(wxVariant& v, unsigned int row, unsigned int col) const override {
    v = row < p_.row_count() ? W(p_.cell(row, static_cast<InboxColumn>(col))) : wxString();
  }
  bool GetAttrByRow(unsigned int row, unsigned int col, wxDataViewItemAttr& attr) const override {
    if (row >= p_.row_count()) return false;
    const CaseRow& r = p_.row(row);
    if (col == static_cast<unsigned>(InboxColumn::light) || (col == static_cast<unsigned>(InboxColumn::remaining) &&
                                                            r.light == "red")) {
      attr.SetColour(light_colour(r.light));
      attr.SetBold(r.light == "red");
      return true;
    }
    if (col == static_cast<unsigned>(InboxColumn::flags) && !r.flags.empty()) {
      attr.SetColour(light_colour("yellow"));
      return true;
    }
    return false;
  }
  bool SetValueByRow(const wxVariant&, unsigned int, unsigned int) override { return false; }

 private:
  InboxPresenter& p_;
};

namespace {

struct StateFilter {
  const char* msgid;
  const char* states;
};
const StateFilter kStates[] = {
    {wxTRANSLATE("All states"), ""},
    {wxTRANSLATE("Re-check due"), "auto_approved,auto_rejected"},
    {wxTRANSLATE("Manual review"), "manual_review,resubmitted"},
    {wxTRANSLATE("Correction requested"), "correction_requested"},
    {wxTRANSLATE("Suspended"), "suspended"},
    {wxTRANSLATE("Decided"), "recheck_confirmed,recheck_failed,manual_approved"},
    {wxTRANSLATE("Completed"), "completed,publicised,archived"},
    {wxTRANSLATE("Revoked"), "revoked"},
};
const char* const kLights[] = {"", "red", "yellow", "green"};
const char* const kAssignees[] = {"", "me", "none"};

}  // namespace

InboxPanel::InboxPanel(wxWindow* parent, Api& api, TaskRunner& runner, const StaffUser& me, OpenCase open,
                       SessionLost session_lost)
    : wxPanel(parent), open_(std::move(open)), session_lost_(std::move(session_lost)), refresh_timer_(this) {
  presenter_ = std::make_unique<InboxPresenter>(*this, api, runner, me, [] {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  });
  auto* top = new wxBoxSizer(wxVERTICAL);
  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  auto caption = [&](const wxString& text) {
    bar->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, FromDIP(4));
  };
  caption(_("State"));
  state_ = new wxChoice(this, wxID_ANY);
  for (const auto& s : kStates) state_->Append(wxGetTranslation(s.msgid));
  state_->SetSelection(0);
  bar->Add(state_, 0, wxRIGHT, FromDIP(8));
  caption(_("Light"));
  light_ = new wxChoice(this, wxID_ANY);
  light_->Append(_("All lights"));
  light_->Append(_("Red"));
  light_->Append(_("Yellow"));
  light_->Append(_("Green"));
  light_->SetSelection(0);
  bar->Add(light_, 0, wxRIGHT, FromDIP(8));
  caption(_("Assignee"));
  assignee_ = new wxChoice(this, wxID_ANY);
  assignee_->Append(_("Anyone"));
  assignee_->Append(_("Mine"));
  assignee_->Append(_("Unassigned"));
  assignee_->SetSelection(0);
  bar->Add(assignee_, 0, wxRIGHT, FromDIP(8));
  flagged_ = new wxCheckBox(this, wxID_ANY, _("Other channel only"));
  bar->Add(flagged_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
  search_ = new wxSearchCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(220, -1)),
                             wxTE_PROCESS_ENTER);
  search_->SetDescriptiveText(_("Case, ID or certificate number"));
  search_->ShowCancelButton(true);
  bar->Add(search_, 0, wxRIGHT, FromDIP(8));
  views_ = new wxChoice(this, wxID_ANY);
  bar->Add(views_, 0, wxRIGHT, FromDIP(4));
  auto* save = new wxButton(this, wxID_ANY, _("Save view..."));
  bar->Add(save, 0, wxRIGHT, FromDIP(8));
  bar->AddStretchSpacer();
  auto* claim = new wxButton(this, wxID_ANY, _("Claim selected"));
  auto* refresh = new wxButton(this, wxID_ANY, _("Refresh"));
  bar->Add(claim, 0, wxRIGHT, FromDIP(4));
  bar->Add(refresh, 0);
  top->Add(bar, 0, wxEXPAND | wxALL, FromDIP(6));

  counts_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  counts_->SetFont(counts_->GetFont().Bold());
  top->Add(counts_, 0, wxLEFT | wxRIGHT, FromDIP(8));

  list_ = new wxDataViewCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                             wxDV_MULTIPLE | wxDV_ROW_LINES | wxDV_VERT_RULES);
  model_ = new InboxModel(*presenter_);
  list_->AssociateModel(model_);
  model_->DecRef();
  const int widths[] = {70, 170, 200, 200, 90, 170, 90, 130, 120, 70, 150};
  for (unsigned c = 0; c < static_cast<unsigned>(InboxColumn::count); ++c) {
    list_->AppendTextColumn(W(InboxPresenter::column_title(static_cast<InboxColumn>(c))), c, wxDATAVIEW_CELL_INERT,
                            FromDIP(widths[c]), wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
  }
  top->Add(list_, 1, wxEXPAND | wxALL, FromDIP(6));
  status_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  top->Add(status_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
  SetSizer(top);

  auto changed = [this](wxCommandEvent&) { apply_filters(); };
  state_->Bind(wxEVT_CHOICE, changed);
  light_->Bind(wxEVT_CHOICE, changed);
  assignee_->Bind(wxEVT_CHOICE, changed);
  flagged_->Bind(wxEVT_CHECKBOX, changed);
  search_->Bind(wxEVT_SEARCH, changed);
  search_->Bind(wxEVT_TEXT_ENTER, changed);
  search_->Bind(wxEVT_SEARCH_CANCEL, [this](wxCommandEvent&) {
    search_->Clear();
    apply_filters();
  });
  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { presenter_->refresh(); });
  save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_view(); });
  views_->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) { choose_view(e.GetSelection()); });
  load_views();
  claim->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { presenter_->claim_selected(); });
  list_->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, &InboxPanel::on_selection, this);
  list_->Bind(wxEVT_DATAVIEW_COLUMN_HEADER_CLICK, &InboxPanel::on_header, this);
  list_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent& e) {
    if (e.GetItem().IsOk()) open_row(model_->GetRow(e.GetItem()));
  });
  Bind(wxEVT_TIMER, [this](wxTimerEvent&) { presenter_->refresh(); });
  refresh_timer_.Start(60'000);
  apply_filters();
}

InboxPanel::~InboxPanel() { refresh_timer_.Stop(); }

void InboxPanel::apply_filters() {
  InboxQuery q;
  const int s = state_->GetSelection();
  q.state = s > 0 ? kStates[s].states : "";
  const int l = light_->GetSelection();
  q.light = l > 0 ? kLights[l] : "";
  const int a = assignee_->GetSelection();
  q.assignee = a > 0 ? kAssignees[a] : "";
  q.flagged = flagged_->GetValue();
  q.search = U(search_->GetValue().Trim().Trim(false));
  q.department = department_;
  presenter_->set_query(q);
}

// Saved views live in settings.ini, group [inbox-views]: name = encoded filters.
void InboxPanel::load_views() {
  saved_.clear();
  wxFileConfig settings(wxEmptyString, wxEmptyString, W((settings_dir() / "settings.ini").string()), wxEmptyString,
                        wxCONFIG_USE_LOCAL_FILE);
  settings.SetPath("/inbox-views");
  wxString name;
  long cookie = 0;
  for (bool more = settings.GetFirstEntry(name, cookie); more; more = settings.GetNextEntry(name, cookie)) {
    if (auto q = InboxPresenter::decode_view(U(settings.Read(name, wxEmptyString)))) saved_.emplace_back(name, *q);
  }
  views_->Clear();
  views_->Append(_("Saved views"));
  for (const auto& [n, q] : saved_) views_->Append(n);
  views_->SetSelection(0);
}

void InboxPanel::save_view() {
  wxTextEntryDialog d(this, _("Name of this view (its filters are saved):"), _("Save view"));
  if (d.ShowModal() != wxID_OK) return;
  wxString name = d.GetValue().Trim().Trim(false);
  name.Replace("/", "-");
  if (name.empty()) return;
  wxFileConfig settings(wxEmptyString, wxEmptyString, W((settings_dir() / "settings.ini").string()), wxEmptyString,
                        wxCONFIG_USE_LOCAL_FILE);
  settings.Write("/inbox-views/" + name, W(InboxPresenter::encode_view(presenter_->query())));
  settings.Flush();
  load_views();
}

void InboxPanel::choose_view(int index) {
  if (index <= 0 || static_cast<std::size_t>(index) > saved_.size()) return;
  show_query(saved_[static_cast<std::size_t>(index) - 1].second);
  apply_filters();
}

void InboxPanel::show_query(const InboxQuery& q) {
  int s = 0;
  for (int i = 0; i < static_cast<int>(std::size(kStates)); ++i) {
    if (q.state == kStates[i].states) s = i;
  }
  state_->SetSelection(s);
  int l = 0;
  for (int i = 0; i < 4; ++i) {
    if (q.light == kLights[i]) l = i;
  }
  light_->SetSelection(l);
  int a = 0;
  for (int i = 0; i < 3; ++i) {
    if (q.assignee == kAssignees[i]) a = i;
  }
  assignee_->SetSelection(a);
  flagged_->SetValue(q.flagged);
  search_->SetValue(W(q.search));
  department_ = q.department;
}

void InboxPanel::choose_light(int index) {
  light_->SetSelection(index);
  wxCommandEvent ev(wxEVT_CHOICE, light_->GetId());
  ev.SetEventObject(light_);
  ev.SetInt(index);
  light_->GetEventHandler()->ProcessEvent(ev);
}

void InboxPanel::choose_state(int index) {
  state_->SetSelection(index);
  wxCommandEvent ev(wxEVT_CHOICE, state_->GetId());
  ev.SetEventObject(state_);
  ev.SetInt(index);
  state_->GetEventHandler()->ProcessEvent(ev);
}

void InboxPanel::show_department(const std::string& department, const std::string& light) {
  department_ = department;
  int index = 0;
  for (int i = 1; i < 4; ++i) {
    if (light == kLights[i]) index = i;
  }
  light_->SetSelection(index);
  apply_filters();
}

void InboxPanel::open_row(std::size_t row) {
  if (row < presenter_->row_count()) open_(presenter_->row(row).case_no);
}

void InboxPanel::rows_changed(std::size_t count) {
  updating_selection_ = true;
  model_->Reset(static_cast<unsigned>(count));
  updating_selection_ = false;
}

void InboxPanel::select_rows(const std::vector<std::size_t>& rows) {
  updating_selection_ = true;
  wxDataViewItemArray items;
  for (std::size_t r : rows) items.Add(model_->GetItem(static_cast<unsigned>(r)));
  list_->SetSelections(items);
  if (!items.empty()) list_->EnsureVisible(items[0]);
  updating_selection_ = false;
}

void InboxPanel::on_selection(wxDataViewEvent&) {
  if (updating_selection_) return;
  wxDataViewItemArray items;
  list_->GetSelections(items);
  std::vector<std::size_t> rows;
  for (const auto& i : items) rows.push_back(model_->GetRow(i));
  presenter_->selection_changed(rows);
}

void InboxPanel::on_header(wxDataViewEvent& e) {
  const int col = e.GetColumn();
  if (col < 0) return;
  sort_ascending_ = col == sort_column_ ? !sort_ascending_ : true;
  sort_column_ = col;
  presenter_->sort_by(static_cast<InboxColumn>(col), sort_ascending_);
  e.Veto();  // the presenter sorts; the control keeps no order of its own
}

void InboxPanel::show_counts(const std::string& text) { counts_->SetLabel(W(text)); }
void InboxPanel::show_status(const std::string& text) { status_->SetLabel(W(text)); }

void InboxPanel::show_error(const std::string& text) {
  status_->SetLabel(W(text));
  tell(this, _("Inbox"), W(text), true);
}

void InboxPanel::set_busy(bool busy) {
  if (busy) status_->SetLabel(_("Loading..."));
}

void InboxPanel::session_lost() { session_lost_(); }

}  // namespace zhishen::desk::app
