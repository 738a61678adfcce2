#include "desk_app.hpp"

#include <wx/cmdline.h>
#include <wx/fileconf.h>
#include <wx/intl.h>
#include <wx/translation.h>

#include <cstdlib>

#include "main_frame.hpp"
#include "platform.hpp"
#include "ui.hpp"
#include "zhishen/desk/i18n.hpp"

namespace zhishen::desk::app {

void DeskApp::OnInitCmdLine(wxCmdLineParser& parser) {
  wxApp::OnInitCmdLine(parser);
  parser.AddOption("s", "server", "approval server address, e.g. https://zhishen.example.gov.cn:8443");
  parser.AddOption("u", "user", "user name to offer at login");
  parser.AddOption("l", "lang", "language: zh_CN (default) or en");
  parser.AddOption("", "autotest", "run the GUI test, saving screenshots into this directory");
}

bool DeskApp::OnCmdLineParsed(wxCmdLineParser& parser) {
  if (!wxApp::OnCmdLineParsed(parser)) return false;
  parser.Found("server", &server_);
  parser.Found("user", &user_);
  parser.Found("lang", &lang_);
  parser.Found("autotest", &autotest_dir_);
  return true;
}

void DeskApp::set_language(const wxString& lang) {
  wxFileTranslationsLoader::AddCatalogLookupPathPrefix(W(catalog_dir().string()));
  auto* t = new wxTranslations;
  // The msgids are English: "en" needs no catalog; everything else is Simplified Chinese.
  t->SetLanguage(lang == "en" ? wxLANGUAGE_ENGLISH_US : wxLANGUAGE_CHINESE_SIMPLIFIED);
  if (lang != "en") {
    if (!t->AddCatalog("zhishen-desk")) wxLogWarning("zhishen-desk: no zh_CN catalog under %s", W(catalog_dir().string()));
    t->AddStdCatalog();
  }
  wxTranslations::Set(t);
  set_translator([](const char* msgid) { return U(wxGetTranslation(wxString::FromUTF8(msgid))); });
}

bool DeskApp::OnInit() {
  if (!wxApp::OnInit()) return false;
  SetAppName("zhishen-desk");
  const auto dir = settings_dir();
  wxFileConfig settings(wxEmptyString, wxEmptyString, W((dir / "settings.ini").string()), wxEmptyString,
                        wxCONFIG_USE_LOCAL_FILE);
  if (server_.empty()) server_ = settings.Read("server", "https://localhost:8443");
  if (user_.empty()) user_ = settings.Read("user", wxEmptyString);
  if (lang_.empty()) lang_ = settings.Read("lang", "zh_CN");
  set_language(lang_);

  runner_ = std::make_unique<WxRunner>(3);
  connector_ = std::make_unique<AppConnector>(dir / "trusted-servers.txt");
  frame_ = new MainFrame(*connector_, *runner_, server_, user_);
  SetTopWindow(frame_);
  if (!autotest_dir_.empty()) {
    const char* password = std::getenv("ZHISHEN_DESK_PASSWORD");
    const char* secret = std::getenv("ZHISHEN_DESK_TOTP_SECRET");
    autotest_ = std::make_unique<Autotest>(*frame_, U(autotest_dir_), password ? password : "", secret ? secret : "");
    autotest_->start();
  }
  if (!frame_->log_in(wxEmptyString)) {
    frame_->Destroy();
    return autotest_ != nullptr;  // the GUI test reports its own failure through the exit code
  }
  settings.Write("server", frame_->address());
  settings.Write("user", frame_->username());
  settings.Write("lang", lang_);
  settings.Flush();
  frame_->Show();
  return true;
}

int DeskApp::OnRun() {
  const int code = wxApp::OnRun();
  return autotest_ ? autotest_->exit_code() : code;
}

int DeskApp::OnExit() {
  if (runner_) runner_->stop();  // no continuation is posted after this
  return wxApp::OnExit();
}

}  // namespace zhishen::desk::app
