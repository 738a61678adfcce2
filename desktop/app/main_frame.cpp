#include "main_frame.hpp"

#include <wx/fileconf.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>

#include "login_dialog.hpp"
#include "platform.hpp"
#include "ui.hpp"
#include "zhishen/desk/i18n.hpp"

namespace zhishen::desk::app {

MainFrame::MainFrame(Connector& connector, TaskRunner& runner, wxString address, wxString username)
    : wxFrame(nullptr, wxID_ANY, _("Zhishen approval workstation"), wxDefaultPosition, wxSize(1280, 800)),
      connector_(connector), runner_(runner), address_(std::move(address)), username_(std::move(username)) {
  SetMinSize(FromDIP(wxSize(900, 600)));
  auto* file = new wxMenu;
  const int kLogout = wxWindow::NewControlId();
  file->Append(kLogout, _("Log out"));
  file->AppendSeparator();
  file->Append(wxID_EXIT, _("Quit\tCtrl+Q"));
  auto* view = new wxMenu;
  const int kInbox = wxWindow::NewControlId(), kBoard = wxWindow::NewControlId(), kClose = wxWindow::NewControlId();
  const int kLedger = wxWindow::NewControlId();
  view->Append(kInbox, _("Inbox\tCtrl+1"));
  view->Append(kBoard, _("Board\tCtrl+2"));
  view->Append(kLedger, _("Ledger\tCtrl+3"));
  view->Append(wxID_REFRESH, _("Refresh\tF5"));
  view->Append(kClose, _("Close case page\tCtrl+W"));
  auto* language = new wxMenu;
  const int kChinese = wxWindow::NewControlId(), kEnglish = wxWindow::NewControlId();
  language->Append(kChinese, wxString::FromUTF8("简体中文"));
  language->Append(kEnglish, "English");
  view->AppendSeparator();
  view->AppendSubMenu(language, _("Language"));
  auto* help = new wxMenu;
  help->Append(wxID_ABOUT, _("About"));
  auto* bar = new wxMenuBar;
  bar->Append(file, _("&File"));
  bar->Append(view, _("&View"));
  bar->Append(help, _("&Help"));
  SetMenuBar(bar);
  CreateStatusBar(2);
  SetStatusBarPane(-1);  // the status bar shows the user and server, not menu help

  book_ = new wxNotebook(this, wxID_ANY);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { show_inbox(); }, kInbox);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { show_board(); }, kBoard);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { show_ledger(); }, kLedger);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { close_current_case(); }, kClose);
  auto choose_language = [this](const char* lang) {
    wxFileConfig settings(wxEmptyString, wxEmptyString, W((settings_dir() / "settings.ini").string()), wxEmptyString,
                          wxCONFIG_USE_LOCAL_FILE);
    settings.Write("lang", lang);
    settings.Flush();
    tell(this, _("Language"), _("The language changes the next time the workstation starts."), false);
  };
  Bind(wxEVT_MENU, [choose_language](wxCommandEvent&) { choose_language("zh_CN"); }, kChinese);
  Bind(wxEVT_MENU, [choose_language](wxCommandEvent&) { choose_language("en"); }, kEnglish);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    wxWindow* page = book_->GetCurrentPage();
    if (page == inbox_ && inbox_ != nullptr) inbox_->presenter().refresh();
    else if (page == board_ && board_ != nullptr) board_->presenter().refresh();
    else if (page == admin_ && admin_ != nullptr) admin_->presenter().refresh();
    else if (auto* c = dynamic_cast<CasePanel*>(page)) c->presenter().load();
  }, wxID_REFRESH);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    if (api_ != nullptr) (void)api_->logout();  // on the UI thread: a short call, the session ends now
    api_ = nullptr;
    if (!log_in(wxEmptyString)) Close();
  }, kLogout);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    wxMessageBox(_("Zhishen reviewer and supervision workstation"), _("About"), wxOK | wxICON_INFORMATION, this);
  }, wxID_ABOUT);
}

bool MainFrame::log_in(const wxString& reason) {
  LoginDialog dialog(IsShown() ? this : nullptr, connector_, runner_, address_, username_, reason);
  login_ = &dialog;
  const int answer = dialog.ShowModal();
  login_ = nullptr;
  if (answer != wxID_OK || dialog.api() == nullptr) return false;
  // The pages hold the Api they were built with: another server or another user rebuilds them.
  const bool rebuild =
      inbox_ == nullptr || pages_api_ != dialog.api() || session_.user.username != dialog.session().user.username;
  api_ = dialog.api();
  address_ = dialog.address();
  username_ = W(dialog.session().user.username);
  session_ = dialog.session();
  SetStatusText(wxString::Format(_("%s (%s), department %s"), W(session_.user.display_name), W(session_.user.username),
                                 W(session_.user.department)),
                0);
  SetStatusText(address_, 1);
  if (rebuild) {
    build_pages();
  } else {  // the same user after an expired session: the same pages, fresh data
    inbox_->presenter().refresh();
    board_->presenter().refresh();
    if (revocation_ != nullptr) revocation_->presenter().load_past();
    if (admin_ != nullptr) admin_->presenter().refresh();
    for (auto& [no, page] : cases_) page->presenter().load();
  }
  return true;
}

void MainFrame::build_pages() {
  pages_api_ = api_;
  book_->DeleteAllPages();
  cases_.clear();
  auto lost = [this] { session_lost(); };
  inbox_ = new InboxPanel(book_, *api_, runner_, session_.user, [this](const std::string& no) { open_case(no); }, lost);
  book_->AddPage(inbox_, _("Inbox"), true);
  board_ = new BoardPanel(
      book_, *api_, runner_, session_.user, [this](const std::string& no) { open_case(no); },
      [this](const std::string& department, const std::string& light) {
        inbox_->show_department(department, light);
        show_inbox();
      },
      lost);
  book_->AddPage(board_, _("Board"));
  ledger_ = new LedgerPanel(book_, *api_, runner_, session_.user, lost);
  book_->AddPage(ledger_, _("Ledger"));
  revocation_ = nullptr;
  if (session_.user.may("approval") || session_.user.has_role("supervisor")) {
    revocation_ = new RevocationPanel(book_, *api_, runner_, [this](const std::string& no) { open_case(no); }, lost);
    book_->AddPage(revocation_, _("Revocation"));
  }
  admin_ = nullptr;
  // The Api of a login is the HttpApi, which also speaks the admin routes.
  if (auto* admin_api = dynamic_cast<AdminApi*>(api_); admin_api != nullptr && session_.user.may("administration")) {
    admin_ = new AdminPanel(book_, *admin_api, runner_, lost);
    book_->AddPage(admin_, _("Administration"));
  }
}

void MainFrame::show_admin() {
  if (admin_ != nullptr) book_->SetSelection(static_cast<size_t>(book_->FindPage(admin_)));
}

void MainFrame::show_ledger() {
  if (ledger_ != nullptr) book_->SetSelection(static_cast<size_t>(book_->FindPage(ledger_)));
}

void MainFrame::show_revocation() {
  if (revocation_ != nullptr) book_->SetSelection(static_cast<size_t>(book_->FindPage(revocation_)));
}

void MainFrame::show_inbox() {
  if (inbox_ != nullptr) book_->SetSelection(static_cast<size_t>(book_->FindPage(inbox_)));
}

void MainFrame::show_board() {
  if (board_ != nullptr) book_->SetSelection(static_cast<size_t>(book_->FindPage(board_)));
}

CasePanel* MainFrame::case_page(const std::string& case_no) {
  auto it = cases_.find(case_no);
  return it == cases_.end() ? nullptr : it->second;
}

void MainFrame::open_case(const std::string& case_no) {
  if (api_ == nullptr) return;
  if (auto* page = case_page(case_no)) {
    book_->SetSelection(static_cast<size_t>(book_->FindPage(page)));
    return;
  }
  auto* page = new CasePanel(book_, *api_, runner_, case_no, [this](const std::string& no) { on_case_changed(no); },
                             [this] { session_lost(); });
  cases_[case_no] = page;
  book_->AddPage(page, W(case_no), true);
}

void MainFrame::close_current_case() {
  wxWindow* page = book_->GetCurrentPage();
  for (auto it = cases_.begin(); it != cases_.end(); ++it) {
    if (it->second == page) {
      cases_.erase(it);
      book_->DeletePage(static_cast<size_t>(book_->FindPage(page)));  // the presenter goes with it
      return;
    }
  }
}

void MainFrame::on_case_changed(const std::string&) {
  if (inbox_ != nullptr) inbox_->presenter().refresh();
  if (board_ != nullptr) board_->presenter().refresh();
  if (revocation_ != nullptr) revocation_->presenter().load_past();
}

void MainFrame::session_lost() {
  if (relogging_) return;  // several screens notice at once
  relogging_ = true;
  CallAfter([this] {
    const bool ok = log_in(_("Your session has ended. Log in again to go on where you were."));
    relogging_ = false;
    if (!ok) Close();
  });
}

}  // namespace zhishen::desk::app
