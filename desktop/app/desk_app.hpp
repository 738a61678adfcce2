#pragma once
// DeskApp: zhishen-desk's wxApp — command line (--server, --user, --lang, --autotest DIR),
// settings (last server, user, language in <settings dir>/settings.ini), the translation catalog,
// the worker threads, the connector, the main window and the first login.
// Thread-safety: UI thread only (wx).

#include <wx/app.h>

#include <memory>

#include "autotest.hpp"
#include "connector.hpp"
#include "wx_runner.hpp"

namespace zhishen::desk::app {

class MainFrame;

class DeskApp final : public wxApp {
 public:
  bool OnInit() override;
  int OnExit() override;
  int OnRun() override;
  void OnInitCmdLine(wxCmdLineParser& parser) override;
  bool OnCmdLineParsed(wxCmdLineParser& parser) override;

 private:
  void set_language(const wxString& lang);

  wxString server_, user_, lang_, autotest_dir_;
  std::unique_ptr<WxRunner> runner_;
  std::unique_ptr<AppConnector> connector_;
  std::unique_ptr<Autotest> autotest_;
  MainFrame* frame_ = nullptr;
};

}  // namespace zhishen::desk::app
