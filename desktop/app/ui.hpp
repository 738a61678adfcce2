#pragma once
// Small helpers shared by the views: UTF-8 ↔ wxString, the light colours, modal questions that
// the GUI test answers itself (--autotest), and a report-mode list filled from text rows.
// Thread-safety: UI thread only.

#include <wx/listctrl.h>
#include <wx/string.h>
#include <wx/window.h>

#include <string>
#include <vector>

namespace zhishen::desk::app {

inline wxString W(const std::string& s) { return wxString::FromUTF8(s.data(), s.size()); }
inline std::string U(const wxString& s) { return s.utf8_string(); }

wxColour light_colour(const std::string& light);  // green / yellow / red; grey otherwise

// True when the GUI test drives the app: modal questions answer "yes" and are logged.
bool autotest_mode();
void set_autotest_mode(bool on);
// Where the GUI test keeps its files (screenshots, and the documents that are written there
// instead of being opened, saved through a dialog or printed); "" outside the test.
const std::string& autotest_dir();
void set_autotest_dir(const std::string& dir);
bool ask_yes_no(wxWindow* parent, const wxString& title, const wxString& text);
void tell(wxWindow* parent, const wxString& title, const wxString& text, bool error);

// A wxListCtrl in report mode with these column titles (and widths).
wxListCtrl* make_list(wxWindow* parent, const std::vector<std::pair<wxString, int>>& columns, long style = 0);
void fill_list(wxListCtrl* list, const std::vector<std::vector<std::string>>& rows);

}  // namespace zhishen::desk::app
