#include "board_panel.hpp"

#include <wx/dcbuffer.h>
#include <wx/dcclient.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/textdlg.h>

#include <algorithm>
#include <chrono>

#include "ui.hpp"

namespace zhishen::desk::app {
namespace {

const char* const kLights[] = {"red", "yellow", "green"};

wxStaticText* big_number(wxWindow* parent, const std::string& light, double scale) {
  auto* t = new wxStaticText(parent, wxID_ANY, "0", wxDefaultPosition, wxDefaultSize, wxALIGN_CENTRE_HORIZONTAL | wxST_NO_AUTORESIZE);
  t->SetFont(t->GetFont().Scaled(static_cast<float>(scale)).Bold());
  t->SetForegroundColour(light_colour(light));
  t->SetMinSize(t->GetTextExtent("00000"));  // room for the largest count: no clipping, no re-layout
  return t;
}

}  // namespace

BoardPanel::BoardPanel(wxWindow* parent, Api& api, TaskRunner& runner, const StaffUser& me, OpenCase open,
                       ShowCases show, SessionLost session_lost)
    : wxPanel(parent), open_(std::move(open)), show_(std::move(show)), session_lost_(std::move(session_lost)), timer_(this) {
  presenter_ = std::make_unique<BoardPresenter>(*this, api, runner, me, [] {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  });
  auto* top = new wxBoxSizer(wxVERTICAL);
  auto* head = new wxBoxSizer(wxHORIZONTAL);
  const wxString names[] = {_("Red: overdue"), _("Yellow: due soon"), _("Green: in time")};
  for (int i = 0; i < 3; ++i) {
    auto* box = new wxBoxSizer(wxVERTICAL);
    totals_[i] = big_number(this, kLights[i], 3.0);
    box->Add(totals_[i], 0, wxALIGN_CENTRE_HORIZONTAL);
    auto* caption = new wxStaticText(this, wxID_ANY, names[i]);
    caption->SetFont(caption->GetFont().Scaled(1.2f));
    // GTK measures the label with the font it was created with: room for the scaled text.
    caption->SetMinSize(caption->GetTextExtent(names[i]) + wxSize(FromDIP(4), FromDIP(2)));
    box->Add(caption, 0, wxALIGN_CENTRE_HORIZONTAL);
    head->Add(box, 1, wxEXPAND | wxALL, FromDIP(8));
  }
  auto* side = new wxBoxSizer(wxVERTICAL);
  updated_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  side->Add(updated_, 0, wxBOTTOM, FromDIP(4));
  auto* refresh = new wxButton(this, wxID_ANY, _("Refresh"));
  side->Add(refresh, 0);
  head->Add(side, 0, wxALIGN_CENTRE_VERTICAL | wxALL, FromDIP(8));
  top->Add(head, 0, wxEXPAND);

  tiles_panel_ = new wxPanel(this);
  tiles_ = new wxWrapSizer(wxHORIZONTAL);
  tiles_panel_->SetSizer(tiles_);
  top->Add(tiles_panel_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));

  auto* lists = new wxBoxSizer(wxHORIZONTAL);
  auto* left = new wxBoxSizer(wxVERTICAL);
  left->Add(new wxStaticText(this, wxID_ANY, _("Overdue cases (most overdue first)")), 0, wxBOTTOM, FromDIP(2));
  overdue_ = make_list(this, {{_("Case number"), 180}, {_("Department"), 90}, {_("Item"), 180}, {_("Applicant"), 150},
                              {_("Overdue by"), 100}, {_("Ticket"), 120}},
                       wxLC_SINGLE_SEL);
  left->Add(overdue_, 1, wxEXPAND);
  left->Add(new wxStaticText(this, wxID_ANY, _("Supervision tickets")), 0, wxTOP | wxBOTTOM, FromDIP(2));
  tickets_ = make_list(this, {{_("Ticket"), 130}, {_("Case number"), 180}, {_("Department"), 90}, {_("State"), 120},
                              {_("Reason"), 200}, {_("Answer due"), 130}, {_("Answer"), 200}},
                       wxLC_SINGLE_SEL);
  left->Add(tickets_, 1, wxEXPAND);
  auto* ticket_buttons = new wxBoxSizer(wxHORIZONTAL);
  open_ticket_ = new wxButton(this, wxID_ANY, _("Open a ticket on the overdue case"));
  respond_ = new wxButton(this, wxID_ANY, _("Answer the ticket"));
  close_ = new wxButton(this, wxID_ANY, _("Close the ticket"));
  ticket_buttons->Add(open_ticket_, 0, wxRIGHT, FromDIP(4));
  ticket_buttons->Add(respond_, 0, wxRIGHT, FromDIP(4));
  ticket_buttons->Add(close_, 0);
  open_ticket_->Show(presenter_->may_supervise());
  close_->Show(presenter_->may_supervise());
  respond_->Show(presenter_->may_respond());
  left->Add(ticket_buttons, 0, wxTOP, FromDIP(4));
  lists->Add(left, 2, wxEXPAND | wxALL, FromDIP(6));
  auto* right = new wxBoxSizer(wxVERTICAL);
  right->Add(new wxStaticText(this, wxID_ANY, _("Efficiency (last 30 days)")), 0, wxBOTTOM, FromDIP(2));
  figures_ = make_list(this, {{_("Figure"), 170}, {_("Value"), 100}});
  right->Add(figures_, 0, wxEXPAND);  // as high as its rows (show_board): the rest for 体外循环
  // 体外循环: work done outside the system (double-click a case completed without a certificate).
  outside_title_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  outside_title_->SetFont(outside_title_->GetFont().Bold());
  right->Add(outside_title_, 0, wxEXPAND | wxTOP | wxBOTTOM, FromDIP(4));
  outside_ = make_list(this, {{_("Kind"), 110}, {_("Reference"), 170}, {_("Department"), 90}}, wxLC_SINGLE_SEL);
  outside_->SetToolTip(_("Double-click a case completed without a certificate: the case"));
  right->Add(outside_, 1, wxEXPAND);
  outside_note_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  right->Add(outside_note_, 0, wxEXPAND | wxTOP, FromDIP(4));
  // The lists scroll sideways: their columns never push the right-hand column off the screen.
  for (wxListCtrl* l : {overdue_, tickets_, figures_, outside_}) l->SetMinSize(FromDIP(wxSize(200, 80)));
  lists->Add(right, 1, wxEXPAND | wxALL, FromDIP(6));
  top->Add(lists, 1, wxEXPAND);
  status_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
  top->Add(status_, 0, wxEXPAND | wxALL, FromDIP(6));
  SetSizer(top);

  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { presenter_->refresh(); });
  overdue_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) { open_(U(overdue_->GetItemText(e.GetIndex()))); });
  outside_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
    const std::string no = presenter_->outside_system_case(static_cast<std::size_t>(e.GetIndex()));
    if (!no.empty()) open_(no);
  });
  tickets_->Bind(wxEVT_LIST_ITEM_ACTIVATED,
                 [this](wxListEvent& e) { open_(U(tickets_->GetItemText(e.GetIndex(), 1))); });
  open_ticket_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const std::string no = selected(overdue_);
    if (no.empty()) return show_status(U(_("Select an overdue case first.")));
    wxTextEntryDialog d(this, _("Why is this case supervised?"), _("Open a ticket"), wxEmptyString,
                        wxOK | wxCANCEL | wxTE_MULTILINE);
    if (d.ShowModal() == wxID_OK) presenter_->open_ticket(no, U(d.GetValue()));
  });
  respond_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const std::string no = selected(tickets_);
    if (no.empty()) return show_status(U(_("Select a ticket first.")));
    wxTextEntryDialog d(this, _("The department's answer:"), _("Answer the ticket"), wxEmptyString,
                        wxOK | wxCANCEL | wxTE_MULTILINE);
    if (d.ShowModal() == wxID_OK) presenter_->respond(no, U(d.GetValue()));
  });
  close_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const std::string no = selected(tickets_);
    if (no.empty()) return show_status(U(_("Select a ticket first.")));
    wxTextEntryDialog d(this, _("Closing note:"), _("Close the ticket"), wxEmptyString, wxOK | wxCANCEL);
    if (d.ShowModal() == wxID_OK) presenter_->close(no, U(d.GetValue()));
  });
  Bind(wxEVT_TIMER, [this](wxTimerEvent&) { presenter_->refresh(); });
  timer_.Start(30'000);
  presenter_->refresh();
}

BoardPanel::~BoardPanel() { timer_.Stop(); }

std::string BoardPanel::selected(wxListCtrl* list) const {
  const long i = list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  return i < 0 ? std::string() : U(list->GetItemText(i));
}

// A department's tile, drawn rather than built from labels so that its size is exact: the name,
// the three counts in their colours, one line per item. Double-click a count: those cases.
class TileWindow final : public wxWindow {
 public:
  TileWindow(wxWindow* parent, BoardTile tile, BoardPanel::ShowCases show)
      : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_THEME | wxFULL_REPAINT_ON_RESIZE),
        tile_(std::move(tile)), show_(std::move(show)) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetToolTip(_("Double-click a count: those cases in the inbox"));
    name_font_ = GetFont().Scaled(1.25f).Bold();
    count_font_ = GetFont().Scaled(2.2f).Bold();
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
    Bind(wxEVT_LEFT_DCLICK, [this](wxMouseEvent& e) {
      const int column = e.GetX() * 3 / std::max(1, GetClientSize().x);
      if (e.GetY() >= top_counts_ && e.GetY() < top_items_) show_(tile_.department, kLights[std::clamp(column, 0, 2)]);
    });
    measure();
  }

 private:
  wxString name() const { return W(tile_.department_name.empty() ? tile_.department : tile_.department_name); }
  wxString item_line(const BoardItem& i) const {
    return wxString::Format("%s  %ld / %ld / %ld", W(i.item_name.empty() ? i.item_code : i.item_name), i.red, i.yellow,
                            i.green);
  }
  void measure() {
    wxClientDC dc(this);
    const int pad = FromDIP(10);
    dc.SetFont(name_font_);
    const wxSize title = dc.GetTextExtent(name());
    dc.SetFont(count_font_);
    const wxSize count = dc.GetTextExtent("0000");
    dc.SetFont(GetFont());
    int width = std::max(title.x, 3 * count.x + 2 * pad);
    int line_h = dc.GetCharHeight();
    for (const auto& i : tile_.items) width = std::max(width, dc.GetTextExtent(item_line(i)).x);
    top_counts_ = pad + title.y + pad / 2;
    top_items_ = top_counts_ + count.y + pad / 2;
    const int height = top_items_ + static_cast<int>(tile_.items.size()) * (line_h + 2) + pad;
    SetMinClientSize(wxSize(width + 2 * pad, height));
  }
  void paint() {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetBackgroundColour()));
    dc.Clear();
    const int pad = FromDIP(10);
    const int w = GetClientSize().x;
    dc.SetFont(name_font_);
    dc.SetTextForeground(GetForegroundColour());
    dc.DrawText(name(), pad, pad);
    dc.SetFont(count_font_);
    const long counts[] = {tile_.red, tile_.yellow, tile_.green};
    for (int i = 0; i < 3; ++i) {
      const wxString text = wxString::Format("%ld", counts[i]);
      const wxSize ext = dc.GetTextExtent(text);
      dc.SetTextForeground(light_colour(kLights[i]));
      dc.DrawText(text, pad + (w - 2 * pad) * i / 3 + ((w - 2 * pad) / 3 - ext.x) / 2, top_counts_);
    }
    dc.SetFont(GetFont());
    dc.SetTextForeground(GetForegroundColour());
    int y = top_items_;
    for (const auto& i : tile_.items) {
      dc.DrawText(item_line(i), pad, y);
      y += dc.GetCharHeight() + 2;
    }
  }

  BoardTile tile_;
  BoardPanel::ShowCases show_;
  wxFont name_font_, count_font_;
  int top_counts_ = 0, top_items_ = 0;
};

wxWindow* BoardPanel::make_tile(const BoardTile& tile) { return new TileWindow(tiles_panel_, tile, show_); }

void BoardPanel::show_board() {
  const BoardPresenter& b = *presenter_;
  for (int i = 0; i < 3; ++i) totals_[i]->SetLabel(wxString::Format("%ld", b.total(kLights[i])));
  updated_->SetLabel(W(b.updated_text()));
  tiles_panel_->Freeze();
  tiles_->Clear(true);
  for (const auto& t : b.board().tiles) tiles_->Add(make_tile(t), 0, wxALL, FromDIP(6));
  if (b.board().tiles.empty()) tiles_->Add(new wxStaticText(tiles_panel_, wxID_ANY, _("No open cases.")), 0, wxALL, FromDIP(6));
  tiles_panel_->Thaw();
  // The wrap sizer's height depends on the width: lay the tiles out at the panel's width first.
  tiles_panel_->Layout();
  const int width = std::max(GetClientSize().x - FromDIP(12), FromDIP(300));
  tiles_->SetDimension(wxPoint(0, 0), wxSize(width, tiles_->CalcMin().y));
  int bottom = 0;
  for (wxWindow* w : tiles_panel_->GetChildren()) bottom = std::max(bottom, w->GetRect().GetBottom());
  tiles_panel_->SetMinSize(wxSize(-1, bottom + FromDIP(8)));
  fill_list(overdue_, b.overdue());
  for (long i = 0; i < overdue_->GetItemCount(); ++i) overdue_->SetItemTextColour(i, light_colour("red"));
  fill_list(tickets_, b.tickets());
  for (std::size_t i = 0; i < b.ticket_list().size(); ++i) {
    if (b.ticket_list()[i].light == "red") tickets_->SetItemTextColour(static_cast<long>(i), light_colour("red"));
  }
  std::vector<std::vector<std::string>> figures;
  for (const auto& [k, v] : b.figures()) figures.push_back({k, v});
  fill_list(figures_, figures);
  if (const int n = figures_->GetItemCount(); n > 0) {
    wxRect row;
    if (figures_->GetItemRect(0, row)) {  // every row, and the header about one row high
      figures_->SetMinSize(wxSize(FromDIP(200), (n + 1) * row.GetHeight() + FromDIP(10)));
    }
  }
  outside_title_->SetLabel(W(b.outside_system_title()));
  outside_title_->SetForegroundColour(b.board().outside_system.empty() ? GetForegroundColour() : light_colour("red"));
  fill_list(outside_, b.outside_system());
  outside_note_->SetLabel(W(b.outside_system_note()));
  outside_->Show(b.outside_system_note().empty());  // none: the sentence instead of an empty list
  outside_note_->Show(!b.outside_system_note().empty());
  Layout();
}

void BoardPanel::show_error(const std::string& text) {
  status_->SetForegroundColour(light_colour("red"));
  status_->SetLabel(W(text));
}

void BoardPanel::show_status(const std::string& text) {
  status_->SetForegroundColour(GetForegroundColour());
  status_->SetLabel(W(text));
}

void BoardPanel::session_lost() { session_lost_(); }

}  // namespace zhishen::desk::app
