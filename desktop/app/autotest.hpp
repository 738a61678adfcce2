#pragma once
// Autotest: the GUI test's driver (zhishen-desk --autotest DIR). It works the real windows the way
// a reviewer would — fills the login dialog (password and TOTP secret from the environment:
// ZHISHEN_DESK_PASSWORD, ZHISHEN_DESK_TOTP_SECRET), reads the inbox, filters it, opens a case,
// confirms its re-check, and checks that the board's red count drops; then saves the completed
// case's receipt (办结回执) and previews the ledger (台账) of this month — in autotest mode both are
// written into DIR instead of a file dialog or the PDF viewer, and must be PDFs — saving a
// screenshot of the screen at each step into DIR. Last, a completed case with an e-certificate
// (电子证照), found through the inbox: its page (08-case-certificate) and its certificate saved (a
// PDF). It ends the app with exit code 0 when every check held, 1
// otherwise (the reason is logged). Steps are polled by a timer; each has a time limit.
// An administrator's login takes the administration steps instead: the Administration page, a
// screenshot of each tab (admin-1-users ... admin-5-datasets), and — when
// ZHISHEN_DESK_AUTOTEST_SAMPLES names a directory of sample cases (data/items/<code>/samples) — the
// rule test bench run with them against the item's active version (every sample must pass); last the
// new-account dialog (admin-6-new-account) and a secret dialog with a made-up secret
// (admin-7-secret), shown and closed unsent. These steps change nothing on the server.
// An approver's login (the revocation tools, no administration) finds such a case too, searches the
// revocation tools by its certificate number, selects it and checks the preview — the decision
// revoked, the certificate recalled, the publicity withdrawn (09-revocation-preview) — without
// revoking.
// Thread-safety: UI thread only.

#include <wx/event.h>
#include <wx/timer.h>

#include <functional>
#include <string>
#include <vector>

namespace zhishen::desk::app {

class MainFrame;

class Autotest final : public wxEvtHandler {
 public:
  Autotest(MainFrame& frame, std::string dir, std::string password, std::string totp_secret);
  void start();
  int exit_code() const { return exit_code_; }

 private:
  struct Step {
    std::string name;
    std::function<bool()> ready;  // polled until true (or the time limit)
    std::function<void()> then;   // runs once ready
  };
  void tick(wxTimerEvent&);
  void fail(const std::string& why);
  void shot(const std::string& name);
  void check(bool ok, const std::string& what);
  std::vector<Step> admin_steps();
  // A completed case of the user's department with a valid e-certificate and a publicity record
  // not withdrawn, found through the inbox (state 办结) and opened: cert_case_.
  std::vector<Step> certificate_case_steps();
  std::vector<Step> approver_steps();  // the revocation preview of that case (nothing revoked)

  MainFrame& frame_;
  std::string dir_;
  std::string password_;
  std::string totp_secret_;
  std::vector<Step> steps_;
  std::size_t at_ = 0;
  int waited_ms_ = 0;
  wxTimer timer_;
  int exit_code_ = 1;
  long red_before_ = -1;
  std::string case_no_;
  bool done_ = false;
  bool to_admin_ = false;  // the steps switch to admin_steps() after the current one
  bool to_approver_ = false;  // ... or to approver_steps()
  std::vector<std::string> candidates_;  // completed cases that may have an e-certificate
  std::size_t candidate_ = 0;
  std::string cert_case_;
  bool bench_run_ = false;
};

// The RFC 6238 code (SHA-1, 30 s, 6 digits) of a base32 secret now; "" for a bad secret.
std::string totp_now(const std::string& base32_secret);

}  // namespace zhishen::desk::app
