#include "autotest.hpp"

#include <Poco/HMACEngine.h>
#include <Poco/SHA1Engine.h>
#include <wx/app.h>
#include <wx/dir.h>
#include <wx/ffile.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/utils.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "admin_dialogs.hpp"
#include "login_dialog.hpp"
#include "main_frame.hpp"
#include "platform.hpp"
#include "ui.hpp"
#include "zhishen/desk/i18n.hpp"

namespace zhishen::desk::app {
namespace {

constexpr int kTickMs = 200;
constexpr int kStepLimitMs = 60'000;

std::vector<unsigned char> base32(const std::string& s) {
  std::vector<unsigned char> out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : s) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a';
    else if (c >= '2' && c <= '7') v = c - '2' + 26;
    else if (c == '=' || c == ' ') continue;
    else return {};
    buffer = (buffer << 5) | static_cast<unsigned>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

// Whether the file begins with `prefix` (e.g. "%PDF-").
bool starts_with(const wxString& path, const std::string& prefix) {
  wxFFile f(path, "rb");
  if (!f.IsOpened()) return false;
  std::string head(prefix.size(), '\0');
  return f.Read(head.data(), head.size()) == head.size() && head == prefix;
}

}  // namespace

std::string totp_now(const std::string& base32_secret) {
  const auto key = base32(base32_secret);
  if (key.empty()) return "";
  const auto counter = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count() / 30);
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) msg[7 - i] = static_cast<unsigned char>((counter >> (i * 8)) & 0xFF);
  Poco::HMACEngine<Poco::SHA1Engine> h(std::string(key.begin(), key.end()));
  h.update(msg, sizeof msg);
  const auto& d = h.digest();
  const unsigned off = d[d.size() - 1] & 0x0F;
  const std::uint32_t code = ((static_cast<std::uint32_t>(d[off]) & 0x7F) << 24) | (static_cast<std::uint32_t>(d[off + 1]) << 16) |
                             (static_cast<std::uint32_t>(d[off + 2]) << 8) | static_cast<std::uint32_t>(d[off + 3]);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%06u", code % 1'000'000U);
  return buf;
}

Autotest::Autotest(MainFrame& frame, std::string dir, std::string password, std::string totp_secret)
    : frame_(frame), dir_(std::move(dir)), password_(std::move(password)), totp_secret_(std::move(totp_secret)),
      timer_(this) {
  Bind(wxEVT_TIMER, &Autotest::tick, this);
  auto inbox_loaded = [this] {
    auto* in = frame_.inbox();
    return in != nullptr && !in->presenter().loading();
  };
  steps_ = {
      {"log in", [this] { return frame_.login_dialog() != nullptr && frame_.login_dialog()->IsShown(); },
       [this] {
         frame_.login_dialog()->fill(frame_.address(), frame_.username(), W(password_), W(totp_now(totp_secret_)));
         shot("00-login");
         frame_.login_dialog()->press_ok();
       }},
      {"pages", [this] { return frame_.inbox() != nullptr; },
       [this] {
         to_admin_ = frame_.admin() != nullptr;
         to_approver_ = !to_admin_ && frame_.revocation() != nullptr;
       }},
      {"inbox", [this, inbox_loaded] { return inbox_loaded() && frame_.inbox()->presenter().row_count() > 0; },
       [this] {
         shot("01-inbox");
         frame_.show_board();
       }},
      {"board", [this] { return frame_.board() != nullptr && !frame_.board()->presenter().board().generated_at.empty(); },
       [this] {
         red_before_ = frame_.board()->presenter().total("red");
         check(red_before_ > 0, "the demo data has red cases on the board");
         shot("02-board");
         frame_.show_inbox();
         frame_.inbox()->choose_light(1);  // red
       }},
      {"red filter", inbox_loaded,
       [this] {
         const auto& p = frame_.inbox()->presenter();
         check(p.row_count() > 0, "red cases listed");
         for (std::size_t i = 0; i < p.row_count(); ++i) check(p.row(i).light == "red", "every listed case is red");
         shot("03-inbox-red");
         frame_.inbox()->choose_state(1);  // re-check due
       }},
      {"re-check filter", inbox_loaded,
       [this] {
         const auto& p = frame_.inbox()->presenter();
         check(p.row_count() > 0, "red cases awaiting re-check");
         if (p.row_count() == 0) return;
         // Prefer an automatic refusal: confirming it completes the case (an approval of an item
         // with an e-certificate would wait for the certificate), so its receipt exists.
         std::size_t pick = 0;
         for (std::size_t i = 0; i < p.row_count(); ++i) {
           if (p.row(i).state == "auto_rejected") {
             pick = i;
             break;
           }
         }
         case_no_ = p.row(pick).case_no;
         frame_.inbox()->open_row(pick);
       }},
      {"case", [this] { return frame_.case_page(case_no_) != nullptr && frame_.case_page(case_no_)->presenter().loaded(); },
       [this] {
         auto& p = frame_.case_page(case_no_)->presenter();
         check(!p.trace().empty(), "the decision trace is shown");
         shot("04-case");
         frame_.case_page(case_no_)->show_tab(2);
         shot("04-case-trace");
         frame_.case_page(case_no_)->show_tab(0);
         check(frame_.case_page(case_no_)->press("confirm_recheck"), "the confirm re-check button is offered");
       }},
      {"confirmed", [this] { return frame_.case_page(case_no_)->presenter().detail().row.state != "auto_approved" &&
                                    frame_.case_page(case_no_)->presenter().detail().row.state != "auto_rejected"; },
       [this] {
         // A confirmed approval waits for its certificate; a confirmed refusal is completed (办结).
         const std::string state = frame_.case_page(case_no_)->presenter().detail().row.state;
         check(state == "recheck_confirmed" || state == "completed", "the re-check is confirmed (state " + state + ")");
         shot("05-case-confirmed");
         frame_.show_board();
         frame_.board()->presenter().refresh();
       }},
      {"board changed", [this] {
         auto& b = frame_.board()->presenter();
         return !b.loading() && b.total("red") != red_before_;
       },
       [this] {
         check(frame_.board()->presenter().total("red") == red_before_ - 1, "the board's red count dropped by one");
         shot("06-board-after");
         // The confirmed case is completed: its receipt (办结回执) is offered and saved, through the
         // presenter and the view as a click on 保存 does (autotest mode: into the autotest directory).
         frame_.open_case(case_no_);
         auto& p = frame_.case_page(case_no_)->presenter();
         const auto docs = p.documents();
         check(std::any_of(docs.begin(), docs.end(), [](const auto& d) { return d.first == "receipt"; }),
               "the completed case offers its receipt (state " + p.detail().row.state + ")");
         p.fetch_document("receipt", DocumentUse::save);
       }},
      {"receipt saved", [this] { return !frame_.case_page(case_no_)->last_document().empty(); },
       [this] {
         const wxString path = frame_.case_page(case_no_)->last_document();
         check(starts_with(path, "%PDF-"), "the saved receipt is a PDF: " + U(path));
         frame_.show_ledger();
         frame_.ledger()->request(DocumentUse::preview, false);  // autotest mode: written, not opened
       }},
      {"ledger preview", [this] { return frame_.ledger() != nullptr && !frame_.ledger()->last_document().empty(); },
       [this] {
         const wxString path = frame_.ledger()->last_document();
         check(starts_with(path, "%PDF-"), "the ledger preview is a PDF: " + U(path));
         shot("07-ledger");
       }},
  };
  // A completed case with its e-certificate: the page shows the certificate and the publicity
  // record, and the certificate (电子证照) is saved as the 保存 button does.
  for (auto& step : certificate_case_steps()) steps_.push_back(std::move(step));
  steps_.push_back({"certificate shown", [] { return true; }, [this] {
                      CasePanel& page = *frame_.case_page(cert_case_);
                      page.show_tab(0);
                      check(page.choose_document("certificate"), "the case offers its e-certificate");
                      shot("08-case-certificate");
                      check(page.press_document(DocumentUse::save), "the save button is enabled");
                    }});
  steps_.push_back({"certificate saved", [this] { return !frame_.case_page(cert_case_)->last_document().empty(); },
                    [this] {
                      const wxString path = frame_.case_page(cert_case_)->last_document();
                      check(path.EndsWith("-certificate.pdf"), "the certificate was saved: " + U(path));
                      check(starts_with(path, "%PDF-"), "the saved certificate is a PDF: " + U(path));
                    }});
}

std::vector<Autotest::Step> Autotest::certificate_case_steps() {
  const std::string completed = "completed,publicised,archived";
  return {
      {"completed filter", [this] { return frame_.inbox() != nullptr; },
       [this] {
         frame_.show_inbox();
         frame_.inbox()->choose_light(0);  // all lights
         frame_.inbox()->choose_state(6);  // 办结 (completed, publicised, archived)
       }},
      {"completed cases",
       [this, completed] {
         const auto& p = frame_.inbox()->presenter();
         return !p.loading() && p.query().state == completed && p.query().light.empty();
       },
       [this] {
         // The demo's licence items (…-XK-…) issue e-certificates: their cases first.
         const auto& p = frame_.inbox()->presenter();
         std::vector<std::string> others;
         for (std::size_t i = 0; i < p.row_count(); ++i) {
           const CaseRow& r = p.row(i);
           (r.item_code.find("-XK-") != std::string::npos ? candidates_ : others).push_back(r.case_no);
         }
         candidates_.insert(candidates_.end(), others.begin(), others.end());
         candidates_.resize(std::min<std::size_t>(candidates_.size(), 40));
         check(!candidates_.empty(), "completed cases listed");
         candidate_ = 0;
         if (!candidates_.empty()) frame_.open_case(candidates_[0]);
       }},
      {"certificate case",
       [this] {  // each candidate in turn until one has a valid certificate and a publicity record
         if (candidate_ >= candidates_.size()) return false;
         CasePanel* page = frame_.case_page(candidates_[candidate_]);
         if (page == nullptr || !page->presenter().loaded()) return false;
         const CaseDetail& d = page->presenter().detail();
         if (d.certificate && d.certificate->state == "valid" && d.publicity && d.publicity->state != "withdrawn") {
           cert_case_ = candidates_[candidate_];
           return true;
         }
         if (++candidate_ >= candidates_.size()) {
           fail("no completed case has a valid e-certificate and a publicity record");
           return false;
         }
         frame_.open_case(candidates_[candidate_]);
         return false;
       },
       [this] {
         frame_.open_case(cert_case_);  // its page in front
         std::fprintf(stderr, "autotest: case %s has the e-certificate %s\n", cert_case_.c_str(),
                      frame_.case_page(cert_case_)->presenter().detail().certificate->no.c_str());
       }},
  };
}

std::vector<Autotest::Step> Autotest::approver_steps() {
  std::vector<Step> steps = certificate_case_steps();
  steps.push_back({"revocation search", [this] { return frame_.revocation() != nullptr; }, [this] {
                     frame_.show_revocation();
                     const CaseDetail& d = frame_.case_page(cert_case_)->presenter().detail();
                     frame_.revocation()->find(W(d.certificate->no));  // by the certificate number
                   }});
  steps.push_back({"revocation found", [this] { return !frame_.revocation()->presenter().found().empty(); }, [this] {
                     const auto& found = frame_.revocation()->presenter().found();
                     long row = -1;
                     for (std::size_t i = 0; i < found.size(); ++i) {
                       if (found[i].case_no == cert_case_) row = static_cast<long>(i);
                     }
                     check(row >= 0, "the certificate number finds its case " + cert_case_);
                     frame_.revocation()->select_row(row);
                   }});
  steps.push_back({"revocation preview",
                   [this] {
                     const CaseDetail* d = frame_.revocation()->presenter().selected();
                     return d != nullptr && d->row.case_no == cert_case_;
                   },
                   [this] {
                     const RevocationPresenter& r = frame_.revocation()->presenter();
                     const CaseDetail& d = *r.selected();
                     check(r.can_revoke(), "the approver may revoke " + cert_case_);
                     const auto lines = r.preview();
                     auto has = [&lines](const std::string& line) {
                       return std::find(lines.begin(), lines.end(), line) != lines.end();
                     };
                     check(has(tr("Revoking will: mark the decision revoked (the case ends as Revoked);")),
                           "the preview lists the decision revoked");
                     check(has(fill(tr("recall the e-certificate %1 (%2): it is marked revoked and no longer valid;"),
                                    {d.certificate->no, d.certificate->type})),
                           "the preview lists the certificate recalled");
                     check(has(d.publicity->state == "published"
                                   ? fill(tr("withdraw the publicity record published on %1;"),
                                          {short_time(d.publicity->published_at)})
                                   : tr("withdraw the pending publicity record (it will not be published);")),
                           "the preview lists the publicity withdrawn");
                     shot("09-revocation-preview");  // nothing is revoked
                   }});
  return steps;
}

std::vector<Autotest::Step> Autotest::admin_steps() {
  auto idle = [this] { return frame_.admin() != nullptr && !frame_.admin()->presenter().loading(); };
  return {
      {"administration", idle,
       [this] {
         AdminPanel& a = *frame_.admin();
         const AdminPresenter& p = a.presenter();
         check(!p.users().empty(), "staff accounts listed");
         check(!p.channels().empty(), "channels listed");
         check(!p.items().empty(), "items listed");
         frame_.show_admin();
         a.show_tab(0);
         shot("admin-1-users");
         a.show_tab(1);
         shot("admin-2-channels");
         a.show_tab(2);
         // The item of the sample directory (its parent's name), else the first.
         wxString samples;
         long row = 0;
         if (wxGetEnv("ZHISHEN_DESK_AUTOTEST_SAMPLES", &samples) && !samples.empty()) {
           const wxArrayString dirs = wxFileName::DirName(samples).GetDirs();  // .../<code>/samples
           const std::string code = dirs.size() >= 2 ? U(dirs[dirs.size() - 2]) : std::string();
           for (std::size_t i = 0; i < p.items().size(); ++i) {
             if (p.items()[i].code == code) row = static_cast<long>(i);
           }
         }
         a.select_item(row);
       }},
      {"item versions", [this, idle] { return idle() && !frame_.admin()->presenter().versions().empty(); },
       [this] {
         AdminPanel& a = *frame_.admin();
         const auto& versions = a.presenter().versions();
         long active = 0;
         for (std::size_t i = 0; i < versions.size(); ++i) {
           if (versions[i].status == "active") active = static_cast<long>(i);
         }
         a.select_version(active);
         wxString dir;
         if (!wxGetEnv("ZHISHEN_DESK_AUTOTEST_SAMPLES", &dir) || dir.empty()) return;
         wxArrayString files;
         wxDir::GetAllFiles(dir, &files, "*.json", wxDIR_FILES);
         files.Sort();
         check(!files.empty(), "sample files in ZHISHEN_DESK_AUTOTEST_SAMPLES");
         a.use_samples(std::vector<wxString>(files.begin(), files.end()));
         a.run_bench();
         bench_run_ = true;
       }},
      {"test bench", [this, idle] { return idle() && (!bench_run_ || frame_.admin()->presenter().bench().has_value()); },
       [this] {
         AdminPanel& a = *frame_.admin();
         if (bench_run_) {
           const auto& b = a.presenter().bench();
           check(b && !b->rows.empty() && b->all_passed, "every sample passes against the active version");
         }
         shot("admin-3-items");
         a.show_tab(3);
         check(!a.presenter().years().empty(), "holiday notices listed");
         shot("admin-4-holidays");
         a.show_tab(4);
         check(!a.presenter().datasets().empty(), "datasets listed");
         shot("admin-5-datasets");
         a.show_tab(0);
         auto* dialog = new NewUserDialog(&a, a.presenter().departments());  // shown, not sent
         dialog->Show();
         shot("admin-6-new-account");
         dialog->Destroy();
         wxString title = _("TOTP secret of %1");
         title.Replace("%1", "example");
         auto* secret = new SecretDialog(&a, title,  // a made-up secret, for the layout
                                         "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\n\notpauth://totp/example");
         secret->Show();
         shot("admin-7-secret");
         secret->Destroy();
       }},
  };
}

void Autotest::start() {
  set_autotest_mode(true);
  set_autotest_dir(dir_);
  delete wxLog::SetActiveTarget(new wxLogStderr);  // messages to the test's log, never a dialog
  timer_.Start(kTickMs);
}

void Autotest::check(bool ok, const std::string& what) {
  if (ok) return;
  fail("check failed: " + what);
}

void Autotest::fail(const std::string& why) {
  if (done_) return;
  done_ = true;
  timer_.Stop();
  std::fprintf(stderr, "autotest: FAILED at step '%s': %s\n", at_ < steps_.size() ? steps_[at_].name.c_str() : "end",
               why.c_str());
  shot("99-failure");
  exit_code_ = 1;
  wxTheApp->CallAfter([] { wxTheApp->ExitMainLoop(); });
}

void Autotest::shot(const std::string& name) {
  frame_.Refresh();
  frame_.Update();
  for (int i = 0; i < 10; ++i) {  // let GTK lay out and paint what changed
    wxTheApp->SafeYieldFor(nullptr, wxEVT_CATEGORY_UI);
    wxMilliSleep(30);
  }
  const std::string path = dir_ + "/" + name + ".png";
  if (capture_screen(path)) std::fprintf(stderr, "autotest: screenshot %s\n", path.c_str());
  else std::fprintf(stderr, "autotest: could not save the screenshot %s\n", path.c_str());
}

void Autotest::tick(wxTimerEvent&) {
  if (done_) return;
  if (at_ >= steps_.size()) {
    done_ = true;
    timer_.Stop();
    exit_code_ = 0;
    std::fprintf(stderr, "autotest: all steps passed\n");
    wxTheApp->CallAfter([] { wxTheApp->ExitMainLoop(); });
    return;
  }
  Step& s = steps_[at_];
  if (!s.ready()) {
    waited_ms_ += kTickMs;
    if (waited_ms_ > kStepLimitMs) fail("timed out waiting");
    return;
  }
  std::fprintf(stderr, "autotest: step '%s'\n", s.name.c_str());
  waited_ms_ = 0;
  ++at_;
  s.then();
  if (to_admin_) {  // an administrator: the administration steps replace the reviewer's
    to_admin_ = false;
    steps_.resize(at_);
    for (auto& step : admin_steps()) steps_.push_back(std::move(step));
  }
  if (to_approver_) {  // an approver: the revocation preview replaces the reviewer's steps
    to_approver_ = false;
    steps_.resize(at_);
    for (auto& step : approver_steps()) steps_.push_back(std::move(step));
  }
}

}  // namespace zhishen::desk::app
