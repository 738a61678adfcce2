#include "ui.hpp"

#include <wx/log.h>
#include <wx/msgdlg.h>

namespace zhishen::desk::app {
namespace {
bool g_autotest = false;
std::string& g_autotest_dir() {
  static std::string dir;
  return dir;
}
}  // namespace

wxColour light_colour(const std::string& light) {
  if (light == "red") return {0xD9, 0x30, 0x25};
  if (light == "yellow") return {0xE6, 0xA2, 0x00};
  if (light == "green") return {0x2E, 0x8B, 0x3E};
  return {0x80, 0x80, 0x80};
}

bool autotest_mode() { return g_autotest; }
void set_autotest_mode(bool on) { g_autotest = on; }
const std::string& autotest_dir() { return g_autotest_dir(); }
void set_autotest_dir(const std::string& dir) { g_autotest_dir() = dir; }

bool ask_yes_no(wxWindow* parent, const wxString& title, const wxString& text) {
  if (g_autotest) {
    wxLogMessage("autotest: answered yes to \"%s\"", text);
    return true;
  }
  wxMessageDialog d(parent, text, title, wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
  return d.ShowModal() == wxID_YES;
}

void tell(wxWindow* parent, const wxString& title, const wxString& text, bool error) {
  if (g_autotest) {
    wxLogMessage("autotest: %s: %s", title, text);
    return;
  }
  wxMessageBox(text, title, wxOK | (error ? wxICON_ERROR : wxICON_INFORMATION), parent);
}

wxListCtrl* make_list(wxWindow* parent, const std::vector<std::pair<wxString, int>>& columns, long style) {
  auto* list = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_HRULES | style);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    list->AppendColumn(columns[i].first, wxLIST_FORMAT_LEFT, parent->FromDIP(columns[i].second));
  }
  return list;
}

void fill_list(wxListCtrl* list, const std::vector<std::vector<std::string>>& rows) {
  list->Freeze();
  list->DeleteAllItems();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const long at = list->InsertItem(static_cast<long>(r), rows[r].empty() ? wxString() : W(rows[r][0]));
    for (std::size_t c = 1; c < rows[r].size() && c < static_cast<std::size_t>(list->GetColumnCount()); ++c) {
      list->SetItem(at, static_cast<int>(c), W(rows[r][c]));
    }
  }
  list->Thaw();
}

}  // namespace zhishen::desk::app
