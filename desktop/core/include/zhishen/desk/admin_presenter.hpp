#pragma once
// AdminPresenter: the administration screens (系统管理, administrators only) — staff accounts (new
// account, activate / deactivate, new TOTP secret, unlock, new password), channels (new, rotate
// the token, revoke), items and their versions with the rule test bench (sample files run against a
// version, PASS / FAIL / ERROR per sample) and activation, the holiday calendar (import a year from
// a holiday-cn file) and the shared datasets (CSV import: a dry run first, its report, then the real
// import once confirmed).
//
// Input is checked before anything is sent (desk.field.missing, desk.roles.missing,
// desk.password.mismatch, desk.sample.invalid, desk.calendar.invalid, desk.file.empty);
// irreversible or disruptive steps are confirmed through the view. One-time secrets (a TOTP
// secret, a channel token) are handed to the view once with show_secret() and never kept here.
//
// Ownership: borrows the view, the AdminApi and the runner; the view owns it.
// Thread-safety: UI thread only (the network work runs on the runner's workers and captures only
// the AdminApi and values).

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "zhishen/desk/admin_api.hpp"
#include "zhishen/desk/case_presenter.hpp"
#include "zhishen/desk/task_runner.hpp"

namespace zhishen::desk {

// What AdminPresenter drives: the Administration page (the wx AdminPanel, a spy in tests). Called
// on the UI thread only; the view owns the presenter.
class AdminView {
 public:
  virtual ~AdminView() = default;
  // A list changed: read the presenter's getters.
  virtual void show_users() = 0;
  virtual void show_channels() = 0;
  virtual void show_items() = 0;
  virtual void show_versions() = 0;
  virtual void show_bench() = 0;  // samples chosen or results in
  virtual void show_calendar() = 0;
  virtual void show_datasets() = 0;
  virtual void show_report() = 0;  // import_report() changed
  // A one-time secret (TOTP secret, channel token): show it to copy now; do not keep it.
  virtual void show_secret(const std::string& title, const std::string& text) = 0;
  virtual void show_error(const std::string& text) = 0;
  virtual void show_status(const std::string& text) = 0;
  virtual void session_lost() = 0;
  // A yes/no question before a disruptive step; false: do nothing.
  virtual bool confirm(const std::string& question) = 0;
};

// A sample file of the rule test bench: its name (shown in the results) and its text.
struct SampleFile {
  std::string name;
  std::string text;
};

class AdminPresenter {
 public:
  AdminPresenter(AdminView& view, AdminApi& api, TaskRunner& runner);

  // Reloads every list (each as its own request).
  void refresh();
  void refresh_users();
  void refresh_channels();
  void refresh_items();
  void refresh_calendar();
  void refresh_datasets();
  bool loading() const { return pending_ > 0; }  // a request of this screen is under way

  // Staff accounts (indices into users()).
  const std::vector<AdminUser>& users() const { return users_; }
  const std::vector<DepartmentInfo>& departments() const { return departments_; }
  TextRows user_rows() const;  // user name, name, department, roles, state, failed logins, locked until
  static const std::vector<std::string>& staff_roles();  // reviewer, approver, supervisor, admin
  // `again`: the password typed a second time.
  void create_user(NewUser u, const std::string& again);
  void set_active(std::size_t index, bool active);
  void reset_totp(std::size_t index);
  void unlock(std::size_t index);
  void set_password(std::size_t index, const std::string& password, const std::string& again);

  // Channels (indices into channels()).
  const std::vector<ChannelInfo>& channels() const { return channels_; }
  TextRows channel_rows() const;  // name, kind, state, created, revoked
  static const std::vector<std::string>& channel_kinds();  // web, app, kiosk, wechat, counter
  void create_channel(const std::string& name, const std::string& kind);
  void rotate_channel(std::size_t index);
  void revoke_channel(std::size_t index);

  // Items, versions, the test bench.
  const std::vector<ItemInfo>& items() const { return items_; }
  TextRows item_rows() const;  // code, name, department, active version, latest, drafts
  void select_item(std::size_t index);  // loads its versions
  const ItemInfo* selected_item() const;
  const std::vector<VersionInfo>& versions() const { return versions_; }
  TextRows version_rows() const;  // version, state, rules, created, by
  // Reads the sample files ({"expected", "application"} each); the ones that are not are listed
  // in a desk.sample.invalid error and left out. Replaces the samples chosen before.
  void set_samples(const std::vector<SampleFile>& files);
  std::size_t sample_count() const { return samples_.size(); }
  void run_bench(std::size_t version_index);  // the selected item's version
  const std::optional<BenchResult>& bench() const { return bench_; }
  TextRows bench_rows() const;  // sample, result, expected, got, deciding rules, warnings, errors
  std::string bench_summary() const;
  void activate(std::size_t version_index);

  // The holiday calendar.
  const std::vector<CalendarYear>& years() const { return years_; }
  TextRows year_rows() const;  // year, days off, adjusted workdays
  // The text of a holiday-cn file: its "year" names the year replaced.
  void import_calendar(const std::string& json_text);

  // Shared datasets.
  const std::vector<DatasetInfo>& datasets() const { return datasets_; }
  TextRows dataset_rows() const;  // name, records
  // Dry run, report, confirmation, then the import itself.
  void import_dataset(const std::string& name, const std::string& csv);
  const std::vector<std::string>& import_report() const { return report_; }

 private:
  bool lost(const Error& e);
  void fail(const Error& e);
  bool check(const std::optional<Error>& e);  // true when fine; shows the error otherwise
  // Starts a load: `pending_` counts it until its continuation.
  template <class T, class Work, class Done>
  void load(Work work, Done done);
  // Sends a change (one at a time) and runs `done` with its value.
  template <class T, class Work, class Done>
  void change(Work work, Done done);
  static std::vector<std::string> report_lines(const json::Value& report);

  AdminView& view_;
  AdminApi& api_;
  TaskRunner& runner_;
  std::vector<AdminUser> users_;
  std::vector<DepartmentInfo> departments_;
  std::vector<ChannelInfo> channels_;
  std::vector<ItemInfo> items_;
  std::string item_code_;  // the selected item
  std::vector<VersionInfo> versions_;
  json::Array samples_;
  std::optional<BenchResult> bench_;
  std::vector<CalendarYear> years_;
  std::vector<DatasetInfo> datasets_;
  std::vector<std::string> report_;
  int pending_ = 0;
  bool busy_ = false;
  Alive alive_ = make_alive();
};

}  // namespace zhishen::desk
