#pragma once
// AdminApi: what the workstation's administration screens ask of the approval server (the
// /api/v1/admin/* routes of docs/api.md), as typed values. A port of its own beside Api: only
// administrators use it, and the screens that do not (and their fakes) need not know it. HttpApi
// implements both (http_api.hpp); the Administration page finds it with dynamic_cast from the Api
// the login produced, and presenter tests implement it in memory.
//
// One-time secrets (a new TOTP secret, a channel token) are answered once and never again: callers
// hand them to the user and drop them.
//
// Every call answers a value or an Error whose id is the server's stable error id (e.g.
// directory.user.duplicate, auth.password.weak, auth.forbidden, auth.session.expired) or a
// transport id (net.*); an answer of the wrong shape is api.reply.invalid.
// Thread-safety: implementations allow calls from any thread; the presenter calls from worker
// threads (never the UI thread).

#include <cstdint>
#include <string>
#include <vector>

#include "zhishen/core/error.hpp"
#include "zhishen/desk/api.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::desk {

struct AdminUser : StaffUser {  // a staff account as the administrator sees it
  bool active = true;
  long failed_logins = 0;
  std::string locked_until;  // ISO 8601, or "" when not locked
};

struct NewUser {
  std::string username;  // 3..64 of a-z 0-9 . _ -
  std::string display_name;
  std::string department;  // a department code
  std::vector<std::string> roles;
  std::string password;
};

// A new account or a new TOTP secret: the secret and its otpauth:// URI, shown once.
struct CreatedUser {
  AdminUser user;
  std::string totp_secret;
  std::string otpauth_uri;
};

struct DepartmentInfo {
  std::string code, name;
};

struct ChannelInfo {
  std::int64_t id = 0;
  std::string name;
  std::string kind;  // web, app, kiosk, wechat, counter
  bool active = false;
  std::string created_at;
  std::string revoked_at;  // "" while not revoked
};

// A new channel or a rotated token: the bearer token, shown once.
struct CreatedChannel {
  ChannelInfo channel;
  std::string token;
};

struct ItemInfo {  // an item of the catalogue with its versions
  std::string code, name, department;
  int active_version = 0;  // 0: none active
  int latest_version = 0;
  std::vector<int> drafts;  // the draft versions
};

struct VersionInfo {  // one version of an item's guide and rule set
  int version = 0;
  std::string status;  // draft, active, retired
  std::string name;
  long rules = 0;  // number of rules
  std::string created_at, created_by;
};

struct BenchRow {  // one sample case of the rule test bench
  std::string name;
  std::string result;  // PASS, FAIL, ERROR
  std::string expected, got;  // approved, rejected, manual_review, ineligible ("" for ERROR)
  std::string deciding_rules;  // the rules that decided, joined with ", "
  std::string warnings;        // risk prompts raised, joined
  std::string error_ids;       // evaluation errors (or the case's own error), joined
};

struct BenchResult {
  int passed = 0, failed = 0, errors = 0;
  bool all_passed = false;
  std::vector<BenchRow> rows;
};

struct CalendarYear {  // one year's holiday notice (国务院办公厅 holiday arrangement)
  int year = 0;
  int days_off = 0;
  int adjusted_workdays = 0;  // weekend days worked (调休上班)
};

struct CalendarChange {  // the answer to replacing a year's notice
  CalendarYear year;
  long open_cases_checked = 0;
  long deadlines_changed = 0;
};

struct DatasetInfo {
  std::string name;
  long records = 0;
};

class AdminApi {
 public:
  virtual ~AdminApi() = default;

  // Staff accounts.
  virtual Result<std::vector<DepartmentInfo>> departments() = 0;
  virtual Result<std::vector<AdminUser>> users() = 0;
  virtual Result<CreatedUser> create_user(const NewUser& u) = 0;
  // Activates or deactivates an account (its sessions end); directory.user.self_lockout for oneself.
  virtual Result<AdminUser> set_active(std::int64_t id, bool active) = 0;
  virtual Result<CreatedUser> reset_totp(std::int64_t id) = 0;  // a new secret; sessions end
  virtual Result<AdminUser> unlock(std::int64_t id) = 0;       // clears lock-out and failures
  virtual Result<AdminUser> set_password(std::int64_t id, const std::string& password) = 0;

  // Channels.
  virtual Result<std::vector<ChannelInfo>> channels() = 0;
  virtual Result<CreatedChannel> create_channel(const std::string& name, const std::string& kind) = 0;
  virtual Result<CreatedChannel> rotate_channel(const std::string& name) = 0;  // the old token stops
  virtual Result<ChannelInfo> revoke_channel(const std::string& name) = 0;

  // Items, versions, the rule test bench, activation.
  virtual Result<std::vector<ItemInfo>> items() = 0;
  virtual Result<std::vector<VersionInfo>> versions(const std::string& code) = 0;
  // cases: a JSON array of {"name"?, "expected", "application"} (a sample file each).
  virtual Result<BenchResult> test_version(const std::string& code, int version, const json::Value& cases) = 0;
  // New applications use `version`; answers the previously active version (0: none).
  virtual Result<int> activate(const std::string& code, int version) = 0;

  // The holiday calendar. put_calendar sends a holiday-cn JSON file as it is.
  virtual Result<std::vector<CalendarYear>> calendar() = 0;
  virtual Result<CalendarChange> put_calendar(int year, const std::string& json_text) = 0;

  // Shared datasets. import_dataset sends CSV text (header key,<field>,...); the answer is the
  // server's report {dataset, fields, imported, rejected: [{line, id, reason}], dry_run}.
  virtual Result<std::vector<DatasetInfo>> datasets() = 0;
  virtual Result<json::Value> import_dataset(const std::string& name, const std::string& csv, bool dry_run) = 0;
};

}  // namespace zhishen::desk
