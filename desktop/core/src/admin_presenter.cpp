#include "zhishen/desk/admin_presenter.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "zhishen/desk/i18n.hpp"
#include "zhishen/json/parse.hpp"

namespace zhishen::desk {
namespace {

constexpr std::size_t kReportRows = 200;  // rejected rows listed in an import report

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string number(long n) { return std::to_string(n); }

std::string join(const std::vector<std::string>& xs, const std::string& sep) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : sep) + x;
  return out;
}

Error missing_selection() { return make_error("desk.selection.missing", "select a line first"); }

}  // namespace

AdminPresenter::AdminPresenter(AdminView& view, AdminApi& api, TaskRunner& runner)
    : view_(view), api_(api), runner_(runner) {}

const std::vector<std::string>& AdminPresenter::staff_roles() {
  static const std::vector<std::string> roles = {"reviewer", "approver", "supervisor", "admin"};
  return roles;
}

const std::vector<std::string>& AdminPresenter::channel_kinds() {
  static const std::vector<std::string> kinds = {"web", "app", "kiosk", "wechat", "counter"};
  return kinds;
}

bool AdminPresenter::lost(const Error& e) {
  if (e.id.rfind("auth.session.", 0) != 0) return false;
  view_.session_lost();
  return true;
}

void AdminPresenter::fail(const Error& e) {
  if (!lost(e)) view_.show_error(error_text(e));
}

bool AdminPresenter::check(const std::optional<Error>& e) {
  if (!e) return true;
  view_.show_error(error_text(*e));
  return false;
}

template <class T, class Work, class Done>
void AdminPresenter::load(Work work, Done done) {
  ++pending_;
  async<Result<T>>(runner_, alive_, std::move(work), [this, d = std::move(done)](Result<T>&& r) mutable {
    --pending_;
    if (!r) return fail(r.error());
    d(std::move(r).value());
  });
}

template <class T, class Work, class Done>
void AdminPresenter::change(Work work, Done done) {
  if (busy_) {
    view_.show_status(tr("Wait until the previous request is answered."));
    return;
  }
  busy_ = true;
  ++pending_;
  async<Result<T>>(runner_, alive_, std::move(work), [this, d = std::move(done)](Result<T>&& r) mutable {
    busy_ = false;
    --pending_;
    if (!r) return fail(r.error());
    d(std::move(r).value());
  });
}

// ---- lists ------------------------------------------------------------------------------------

void AdminPresenter::refresh() {
  refresh_users();
  refresh_channels();
  refresh_items();
  refresh_calendar();
  refresh_datasets();
}

void AdminPresenter::refresh_users() {
  load<std::vector<AdminUser>>([api = &api_] { return api->users(); }, [this](std::vector<AdminUser> users) {
    users_ = std::move(users);
    view_.show_users();
  });
  load<std::vector<DepartmentInfo>>([api = &api_] { return api->departments(); },
                                    [this](std::vector<DepartmentInfo> ds) { departments_ = std::move(ds); });
}

void AdminPresenter::refresh_channels() {
  load<std::vector<ChannelInfo>>([api = &api_] { return api->channels(); }, [this](std::vector<ChannelInfo> cs) {
    channels_ = std::move(cs);
    view_.show_channels();
  });
}

void AdminPresenter::refresh_items() {
  load<std::vector<ItemInfo>>([api = &api_] { return api->items(); }, [this](std::vector<ItemInfo> items) {
    items_ = std::move(items);
    view_.show_items();
  });
}

void AdminPresenter::refresh_calendar() {
  load<std::vector<CalendarYear>>([api = &api_] { return api->calendar(); }, [this](std::vector<CalendarYear> ys) {
    years_ = std::move(ys);
    std::sort(years_.begin(), years_.end(), [](const CalendarYear& a, const CalendarYear& b) { return a.year > b.year; });
    view_.show_calendar();
  });
}

void AdminPresenter::refresh_datasets() {
  load<std::vector<DatasetInfo>>([api = &api_] { return api->datasets(); }, [this](std::vector<DatasetInfo> ds) {
    datasets_ = std::move(ds);
    view_.show_datasets();
  });
}

// ---- staff accounts ---------------------------------------------------------------------------

TextRows AdminPresenter::user_rows() const {
  TextRows rows;
  for (const auto& u : users_) {
    std::vector<std::string> roles;
    for (const auto& r : u.roles) roles.push_back(label(r));
    rows.push_back({u.username, u.display_name, u.department, join(roles, tr(", ")),
                    u.active ? tr("Active") : tr("Deactivated"), number(u.failed_logins), short_time(u.locked_until)});
  }
  return rows;
}

void AdminPresenter::create_user(NewUser u, const std::string& again) {
  u.username = trim(u.username);
  u.display_name = trim(u.display_name);
  u.department = trim(u.department);
  if (u.username.empty() || u.display_name.empty() || u.department.empty() || u.password.empty()) {
    check(make_error("desk.field.missing", "every field is required"));
    return;
  }
  if (u.roles.empty()) {
    check(make_error("desk.roles.missing", "choose at least one role"));
    return;
  }
  if (u.password != again) {
    check(make_error("desk.password.mismatch", "the passwords differ"));
    return;
  }
  change<CreatedUser>([api = &api_, u] { return api->create_user(u); }, [this](CreatedUser c) {
    view_.show_status(fill(tr("Account %1 created."), {c.user.username}));
    view_.show_secret(fill(tr("TOTP secret of %1"), {c.user.username}),
                      fill(tr("Give this secret to %1 (%2) for the authenticator app. It is shown only this once."),
                           {c.user.display_name, c.user.username}) +
                          "\n\n" + c.totp_secret + "\n\n" + c.otpauth_uri);
    refresh_users();
  });
}

void AdminPresenter::set_active(std::size_t i, bool active) {
  if (i >= users_.size()) return (void)check(missing_selection());
  const AdminUser& u = users_[i];
  if (u.active == active) {
    view_.show_status(fill(active ? tr("%1 is already active.") : tr("%1 is already deactivated."), {u.username}));
    return;
  }
  if (!active &&
      !view_.confirm(fill(tr("Deactivate %1 (%2)? The account can no longer log in and its sessions end now."),
                          {u.username, u.display_name}))) {
    return;
  }
  change<AdminUser>([api = &api_, id = u.id, active] { return api->set_active(id, active); }, [this](AdminUser a) {
    view_.show_status(fill(a.active ? tr("%1 is active again.") : tr("%1 is deactivated."), {a.username}));
    refresh_users();
  });
}

void AdminPresenter::reset_totp(std::size_t i) {
  if (i >= users_.size()) return (void)check(missing_selection());
  const AdminUser& u = users_[i];
  if (!view_.confirm(fill(tr("Issue a new TOTP secret for %1? The old one stops working and the account's sessions "
                             "end now."),
                          {u.username}))) {
    return;
  }
  change<CreatedUser>([api = &api_, id = u.id] { return api->reset_totp(id); }, [this](CreatedUser c) {
    view_.show_status(fill(tr("New TOTP secret issued for %1."), {c.user.username}));
    view_.show_secret(fill(tr("TOTP secret of %1"), {c.user.username}),
                      fill(tr("Give this secret to %1 (%2) for the authenticator app. It is shown only this once."),
                           {c.user.display_name, c.user.username}) +
                          "\n\n" + c.totp_secret + "\n\n" + c.otpauth_uri);
    refresh_users();
  });
}

void AdminPresenter::unlock(std::size_t i) {
  if (i >= users_.size()) return (void)check(missing_selection());
  change<AdminUser>([api = &api_, id = users_[i].id] { return api->unlock(id); }, [this](AdminUser a) {
    view_.show_status(fill(tr("%1 is unlocked; the failed logins are cleared."), {a.username}));
    refresh_users();
  });
}

void AdminPresenter::set_password(std::size_t i, const std::string& password, const std::string& again) {
  if (i >= users_.size()) return (void)check(missing_selection());
  if (password.empty()) return (void)check(make_error("desk.field.missing", "the password is required"));
  if (password != again) return (void)check(make_error("desk.password.mismatch", "the passwords differ"));
  change<AdminUser>([api = &api_, id = users_[i].id, password] { return api->set_password(id, password); },
                    [this](AdminUser a) {
                      view_.show_status(fill(tr("New password set for %1; the account's sessions have ended."),
                                             {a.username}));
                      refresh_users();
                    });
}

// ---- channels ---------------------------------------------------------------------------------

TextRows AdminPresenter::channel_rows() const {
  TextRows rows;
  for (const auto& c : channels_) {
    rows.push_back({c.name, label(c.kind), c.active ? tr("Active") : tr("Revoked"), short_time(c.created_at),
                    short_time(c.revoked_at)});
  }
  return rows;
}

void AdminPresenter::create_channel(const std::string& raw_name, const std::string& kind) {
  const std::string name = trim(raw_name);
  if (name.empty() || kind.empty()) return (void)check(make_error("desk.field.missing", "name and kind are required"));
  change<CreatedChannel>([api = &api_, name, kind] { return api->create_channel(name, kind); },
                         [this](CreatedChannel c) {
                           view_.show_status(fill(tr("Channel %1 created."), {c.channel.name}));
                           view_.show_secret(fill(tr("Token of channel %1"), {c.channel.name}),
                                             fill(tr("The bearer token of channel %1. It is shown only this once: "
                                                     "give it to the channel's operator over a safe way."),
                                                  {c.channel.name}) +
                                                 "\n\n" + c.token);
                           refresh_channels();
                         });
}

void AdminPresenter::rotate_channel(std::size_t i) {
  if (i >= channels_.size()) return (void)check(missing_selection());
  const std::string name = channels_[i].name;
  if (!view_.confirm(fill(tr("Issue a new token for channel %1? The old token stops working at once."), {name}))) return;
  change<CreatedChannel>([api = &api_, name] { return api->rotate_channel(name); }, [this](CreatedChannel c) {
    view_.show_status(fill(tr("New token issued for channel %1."), {c.channel.name}));
    view_.show_secret(fill(tr("Token of channel %1"), {c.channel.name}),
                      fill(tr("The bearer token of channel %1. It is shown only this once: give it to the channel's "
                              "operator over a safe way."),
                           {c.channel.name}) +
                          "\n\n" + c.token);
    refresh_channels();
  });
}

void AdminPresenter::revoke_channel(std::size_t i) {
  if (i >= channels_.size()) return (void)check(missing_selection());
  const std::string name = channels_[i].name;
  if (!view_.confirm(fill(tr("Revoke channel %1? Its token stops working at once. This cannot be undone."), {name}))) {
    return;
  }
  change<ChannelInfo>([api = &api_, name] { return api->revoke_channel(name); }, [this](ChannelInfo c) {
    view_.show_status(fill(tr("Channel %1 is revoked."), {c.name}));
    refresh_channels();
  });
}

// ---- items, versions, test bench --------------------------------------------------------------

TextRows AdminPresenter::item_rows() const {
  TextRows rows;
  for (const auto& i : items_) {
    std::vector<std::string> drafts;
    for (int d : i.drafts) drafts.push_back(number(d));
    rows.push_back({i.code, i.name, i.department, i.active_version > 0 ? number(i.active_version) : tr("none"),
                    number(i.latest_version), join(drafts, ", ")});
  }
  return rows;
}

const ItemInfo* AdminPresenter::selected_item() const {
  auto it = std::find_if(items_.begin(), items_.end(), [&](const ItemInfo& i) { return i.code == item_code_; });
  return it == items_.end() ? nullptr : &*it;
}

void AdminPresenter::select_item(std::size_t i) {
  if (i >= items_.size()) return;
  item_code_ = items_[i].code;
  versions_.clear();
  bench_.reset();
  view_.show_versions();
  view_.show_bench();
  load<std::vector<VersionInfo>>([api = &api_, code = item_code_] { return api->versions(code); },
                                 [this, code = item_code_](std::vector<VersionInfo> vs) {
                                   if (code != item_code_) return;  // another item was selected meanwhile
                                   versions_ = std::move(vs);
                                   std::sort(versions_.begin(), versions_.end(),
                                             [](const VersionInfo& a, const VersionInfo& b) { return a.version > b.version; });
                                   view_.show_versions();
                                 });
}

TextRows AdminPresenter::version_rows() const {
  TextRows rows;
  for (const auto& v : versions_) {
    rows.push_back({number(v.version), label(v.status), number(v.rules), short_time(v.created_at), v.created_by});
  }
  return rows;
}

void AdminPresenter::set_samples(const std::vector<SampleFile>& files) {
  samples_.clear();
  bench_.reset();
  std::vector<std::string> bad;
  for (const auto& f : files) {
    auto doc = json::parse(f.text);
    const json::Value* expected = doc ? doc->find("expected") : nullptr;
    const json::Value* application = doc ? doc->find("application") : nullptr;
    if (expected == nullptr || !expected->is_string() || application == nullptr || !application->is_object()) {
      bad.push_back(f.name);
      continue;
    }
    samples_.push_back(json::Object{{"name", f.name}, {"expected", *expected}, {"application", *application}});
  }
  view_.show_bench();
  view_.show_status(fill(tr("%1 sample files chosen."), {number(static_cast<long>(samples_.size()))}));
  if (!bad.empty()) {
    view_.show_error(fill(tr("Left out: %1."), {join(bad, ", ")}) + " " +
                     error_text(make_error("desk.sample.invalid", "not a sample file")));
  }
}

void AdminPresenter::run_bench(std::size_t vi) {
  if (item_code_.empty() || vi >= versions_.size()) return (void)check(missing_selection());
  if (samples_.empty()) return (void)check(make_error("desk.samples.missing", "choose sample files first"));
  const int version = versions_[vi].version;
  change<BenchResult>(
      [api = &api_, code = item_code_, version, cases = json::Value(samples_)] {
        return api->test_version(code, version, cases);
      },
      [this, code = item_code_, version](BenchResult b) {
        if (code != item_code_) return;
        bench_ = std::move(b);
        view_.show_bench();
        view_.show_status(fill(tr("Version %1 of %2: "), {number(version), code}) + bench_summary());
      });
}

TextRows AdminPresenter::bench_rows() const {
  TextRows rows;
  if (!bench_) return rows;
  for (const auto& r : bench_->rows) {
    rows.push_back({r.name, r.result, r.expected.empty() ? "" : label(r.expected), r.got.empty() ? "" : label(r.got),
                    r.deciding_rules, r.warnings, r.error_ids});
  }
  return rows;
}

std::string AdminPresenter::bench_summary() const {
  if (!bench_) return "";
  std::string s = fill(tr("%1 passed, %2 failed, %3 errors"),
                       {number(bench_->passed), number(bench_->failed), number(bench_->errors)});
  if (bench_->all_passed) s += tr(": every sample gives the expected decision.");
  return s;
}

void AdminPresenter::activate(std::size_t vi) {
  if (item_code_.empty() || vi >= versions_.size()) return (void)check(missing_selection());
  const VersionInfo& v = versions_[vi];
  if (v.status == "active") {
    view_.show_status(fill(tr("Version %1 is already active."), {number(v.version)}));
    return;
  }
  std::string question = fill(tr("Activate version %1 of %2? New applications are decided by it; open cases keep "
                                 "the version they were decided with."),
                              {number(v.version), item_code_});
  if (bench_ && !bench_->all_passed) question += "\n\n" + tr("The last test bench run did not pass every sample.");
  if (!view_.confirm(question)) return;
  change<int>([api = &api_, code = item_code_, version = v.version] { return api->activate(code, version); },
              [this, code = item_code_, version = v.version](int previous) {
                view_.show_status(previous > 0 ? fill(tr("Version %1 of %2 is active (was version %3)."),
                                                      {number(version), code, number(previous)})
                                               : fill(tr("Version %1 of %2 is active."), {number(version), code}));
                refresh_items();
                auto it = std::find_if(items_.begin(), items_.end(), [&](const ItemInfo& i) { return i.code == code; });
                if (it != items_.end()) select_item(static_cast<std::size_t>(it - items_.begin()));
              });
}

// ---- calendar ---------------------------------------------------------------------------------

TextRows AdminPresenter::year_rows() const {
  TextRows rows;
  for (const auto& y : years_) rows.push_back({number(y.year), number(y.days_off), number(y.adjusted_workdays)});
  return rows;
}

void AdminPresenter::import_calendar(const std::string& text) {
  auto doc = json::parse(text);
  const json::Value* year = doc ? doc->find("year") : nullptr;
  const json::Value* days = doc ? doc->find("days") : nullptr;
  if (year == nullptr || !year->is_number() || year->as_number() != std::floor(year->as_number()) ||
      year->as_number() < 1900 || year->as_number() > 2999 || days == nullptr || !days->is_array()) {
    check(make_error("desk.calendar.invalid", "not a holiday-cn file"));
    return;
  }
  const int y = static_cast<int>(year->as_number());
  long off = 0, work = 0;
  for (const auto& d : days->as_array()) {
    const json::Value* is_off = d.find("isOffDay");
    if (is_off != nullptr && is_off->is_bool()) (is_off->as_bool() ? off : work) += 1;
  }
  if (!view_.confirm(fill(tr("Replace the holiday notice of %1 (%2 days off, %3 weekend workdays)? The deadlines of "
                             "every open case are recomputed."),
                          {number(y), number(off), number(work)}))) {
    return;
  }
  change<CalendarChange>([api = &api_, y, text] { return api->put_calendar(y, text); }, [this](CalendarChange c) {
    view_.show_status(fill(tr("Holiday notice of %1 imported: the deadlines of %2 of %3 open cases changed."),
                           {number(c.year.year), number(c.deadlines_changed), number(c.open_cases_checked)}));
    refresh_calendar();
  });
}

// ---- datasets ---------------------------------------------------------------------------------

TextRows AdminPresenter::dataset_rows() const {
  TextRows rows;
  for (const auto& d : datasets_) rows.push_back({d.name, number(d.records)});
  return rows;
}

std::vector<std::string> AdminPresenter::report_lines(const json::Value& r) {
  auto count = [&](const char* key) {
    const json::Value* v = r.find(key);
    return v != nullptr && v->is_number() ? static_cast<long>(v->as_number()) : 0L;
  };
  const json::Value* rejected = r.find("rejected");
  const std::size_t n_rejected = rejected != nullptr && rejected->is_array() ? rejected->as_array().size() : 0;
  const json::Value* dry = r.find("dry_run");
  const json::Value* name = r.find("dataset");
  const std::string dataset = name != nullptr && name->is_string() ? name->as_string() : "";
  std::vector<std::string> lines;
  lines.push_back(fill(dry != nullptr && dry->is_bool() && dry->as_bool()
                           ? tr("Dry run of %1: %2 records would be imported, %3 rows are rejected.")
                           : tr("Dataset %1 replaced: %2 records imported, %3 rows rejected."),
                       {dataset, number(count("imported")), number(static_cast<long>(n_rejected))}));
  std::vector<std::string> fields;
  if (const json::Value* fs = r.find("fields"); fs != nullptr && fs->is_array()) {
    for (const auto& f : fs->as_array()) {
      if (f.is_string()) fields.push_back(f.as_string());
    }
  }
  lines.push_back(fill(tr("Fields: %1"), {join(fields, ", ")}));
  if (n_rejected == 0) return lines;
  std::size_t shown = 0;
  for (const auto& x : rejected->as_array()) {
    if (shown++ == kReportRows) {
      lines.push_back(fill(tr("... and %1 more rejected rows."), {number(static_cast<long>(n_rejected - kReportRows))}));
      break;
    }
    const json::Value* line = x.find("line");
    const json::Value* id = x.find("id");
    const json::Value* reason = x.find("reason");
    lines.push_back(fill(tr("Line %1: %2 [%3]"),
                         {line != nullptr && line->is_number() ? number(static_cast<long>(line->as_number())) : "?",
                          reason != nullptr && reason->is_string() ? reason->as_string() : "",
                          id != nullptr && id->is_string() ? id->as_string() : ""}));
  }
  return lines;
}

void AdminPresenter::import_dataset(const std::string& raw_name, const std::string& csv) {
  const std::string name = trim(raw_name);
  if (name.empty()) return (void)check(make_error("desk.field.missing", "the dataset name is required"));
  if (trim(csv).empty()) return (void)check(make_error("desk.file.empty", "the file is empty"));
  change<json::Value>([api = &api_, name, csv] { return api->import_dataset(name, csv, true); },
                      [this, name, csv](json::Value dry) {
                        report_ = report_lines(dry);
                        view_.show_report();
                        const json::Value* imported = dry.find("imported");
                        const json::Value* rejected = dry.find("rejected");
                        const long n = imported != nullptr && imported->is_number()
                                           ? static_cast<long>(imported->as_number())
                                           : 0;
                        const long bad = rejected != nullptr && rejected->is_array()
                                             ? static_cast<long>(rejected->as_array().size())
                                             : 0;
                        if (!view_.confirm(fill(tr("Replace dataset %1 with the %2 valid records (%3 rows are "
                                                   "rejected)? Decisions from now on read the new data."),
                                                {name, number(n), number(bad)}))) {
                          view_.show_status(tr("Nothing imported (dry run only)."));
                          return;
                        }
                        change<json::Value>([api = &api_, name, csv] { return api->import_dataset(name, csv, false); },
                                            [this](json::Value done) {
                                              report_ = report_lines(done);
                                              view_.show_report();
                                              view_.show_status(report_.front());
                                              refresh_datasets();
                                            });
                      });
}

}  // namespace zhishen::desk
