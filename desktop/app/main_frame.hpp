#pragma once
// MainFrame: the workstation's window — the inbox, the board, the ledger (台账), the revocation tools
// (approvers and supervisors), the Administration page (administrators) and one page per open case in a notebook, the user and server in the status bar. It runs the login dialog at start and again
// when the session ends (keeping the open pages: the user's place), and rebuilds the pages when
// another user logs in. Thread-safety: UI thread only.

#include <wx/frame.h>
#include <wx/notebook.h>

#include <map>

#include "admin_panel.hpp"
#include "board_panel.hpp"
#include "case_panel.hpp"
#include "inbox_panel.hpp"
#include "ledger_panel.hpp"
#include "revocation_panel.hpp"
#include "zhishen/desk/login_presenter.hpp"

namespace zhishen::desk::app {

class LoginDialog;

class MainFrame final : public wxFrame {
 public:
  MainFrame(Connector& connector, TaskRunner& runner, wxString address, wxString username);

  // Shows the login dialog (modal); false when the user quits.
  bool log_in(const wxString& reason);
  void open_case(const std::string& case_no);
  void show_inbox();
  void show_board();
  void session_lost();

  // For the GUI test.
  InboxPanel* inbox() { return inbox_; }
  BoardPanel* board() { return board_; }
  AdminPanel* admin() { return admin_; }  // null unless the user administers
  void show_admin();
  LedgerPanel* ledger() { return ledger_; }
  void show_ledger();
  RevocationPanel* revocation() { return revocation_; }  // null unless approver or supervisor
  void show_revocation();
  CasePanel* case_page(const std::string& case_no);
  LoginDialog* login_dialog() { return login_; }
  const wxString& address() const { return address_; }
  const wxString& username() const { return username_; }

 private:
  void build_pages();
  void on_case_changed(const std::string& case_no);
  void close_current_case();

  Connector& connector_;
  TaskRunner& runner_;
  wxString address_;
  wxString username_;
  Api* api_ = nullptr;
  Api* pages_api_ = nullptr;  // the Api the pages were built with
  Session session_;
  wxNotebook* book_;
  InboxPanel* inbox_ = nullptr;
  BoardPanel* board_ = nullptr;
  LedgerPanel* ledger_ = nullptr;
  RevocationPanel* revocation_ = nullptr;  // approvers and supervisors only
  AdminPanel* admin_ = nullptr;            // administrators only
  std::map<std::string, CasePanel*> cases_;
  LoginDialog* login_ = nullptr;  // while the login dialog is up
  bool relogging_ = false;
};

}  // namespace zhishen::desk::app
