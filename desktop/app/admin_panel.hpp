#pragma once
// AdminPanel: the Administration page (系统管理, administrators only) over AdminPresenter — a
// notebook of five tabs: staff accounts (用户), channels (渠道), items and rules with the rule test
// bench (事项与规则), the holiday calendar (节假日) and the shared datasets (共享数据). Files (sample
// cases, holiday-cn notices, CSV datasets) are picked with file dialogs and read here; everything
// else is the presenter's. The panel owns its presenter; it borrows the AdminApi and the runner,
// which outlive it (the main frame's). Thread-safety: UI thread only.

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "zhishen/desk/admin_presenter.hpp"

namespace zhishen::desk::app {

class AdminPanel final : public wxPanel, public AdminView {
 public:
  using SessionLost = std::function<void()>;
  AdminPanel(wxWindow* parent, AdminApi& api, TaskRunner& runner, SessionLost session_lost);

  AdminPresenter& presenter() { return *presenter_; }

  // For the GUI test.
  static constexpr int kTabs = 5;  // users, channels, items and rules, calendar, datasets
  void show_tab(int index);
  void select_item(long row);     // selects the item (its versions load)
  void select_version(long row);  // selects a version
  void use_samples(const std::vector<wxString>& paths);  // as if chosen in the file dialog
  void run_bench();               // the "run" button

  void show_users() override;
  void show_channels() override;
  void show_items() override;
  void show_versions() override;
  void show_bench() override;
  void show_calendar() override;
  void show_datasets() override;
  void show_report() override;
  void show_secret(const std::string& title, const std::string& text) override;
  void show_error(const std::string& text) override;
  void show_status(const std::string& text) override;
  void session_lost() override;
  bool confirm(const std::string& question) override;

 private:
  wxWindow* users_page(wxNotebook* book);
  wxWindow* channels_page(wxNotebook* book);
  wxWindow* items_page(wxNotebook* book);
  wxWindow* calendar_page(wxNotebook* book);
  wxWindow* datasets_page(wxNotebook* book);
  void choose_samples();
  void import_calendar();
  void import_dataset();
  // The selected row of a list, or -1 after telling the user to select one.
  long selected(wxListCtrl* list);

  std::unique_ptr<AdminPresenter> presenter_;
  SessionLost session_lost_;
  wxNotebook* tabs_;
  wxListCtrl* users_ = nullptr;
  wxListCtrl* channels_ = nullptr;
  wxListCtrl* items_ = nullptr;
  wxListCtrl* versions_ = nullptr;
  wxListCtrl* bench_ = nullptr;
  wxStaticText* samples_ = nullptr;
  wxStaticText* bench_summary_ = nullptr;
  wxListCtrl* years_ = nullptr;
  wxListCtrl* datasets_ = nullptr;
  wxTextCtrl* report_ = nullptr;
  wxStaticText* status_;
};

}  // namespace zhishen::desk::app
