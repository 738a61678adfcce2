// HttpApi's AdminApi: the /api/v1/admin/* routes of docs/api.md (handlers/admin_directory.cpp and
// handlers/admin_catalogue.cpp on the server) turned into admin_api.hpp's values. As in
// http_api.cpp, missing optional members take their defaults and a reply of the wrong shape is
// api.reply.invalid.
#include <string>

#include "json_fields.hpp"
#include "zhishen/desk/http_api.hpp"

namespace zhishen::desk {

using namespace fields;  // NOLINT(google-build-using-namespace): this file reads JSON members

namespace {

std::string joined(const json::Value& v, std::string_view key) {
  std::string out;
  for (const auto& s : strings(v, key)) out += (out.empty() ? "" : ", ") + s;
  return out;
}

AdminUser admin_user_of(const json::Value& u) {
  AdminUser a;
  static_cast<StaffUser&>(a) = staff_user_of(u);
  const json::Value* active = u.find("active");
  a.active = active == nullptr || !active->is_bool() || active->as_bool();
  a.failed_logins = num(u, "failed_logins");
  a.locked_until = str(u, "locked_until");
  return a;
}

Result<AdminUser> one_user(Result<json::Value> v) {
  if (!v) return v.error();
  if (!v->is_object() || !opt_id(*v, "id")) return invalid_reply("an account without an id");
  return admin_user_of(*v);
}

// {"user", "totp_secret", "otpauth_uri"}: a new account or a new TOTP secret.
Result<CreatedUser> created_user(Result<json::Value> v) {
  if (!v) return v.error();
  CreatedUser c{admin_user_of(member(*v, "user")), str(*v, "totp_secret"), str(*v, "otpauth_uri")};
  if (c.user.id == 0 || c.totp_secret.empty()) return invalid_reply("a new secret without an account or secret");
  return c;
}

ChannelInfo channel_of(const json::Value& c) {
  return ChannelInfo{opt_id(c, "id").value_or(0), str(c, "name"),       str(c, "kind"),
                     flag(c, "active"),            str(c, "created_at"), str(c, "revoked_at")};
}

// {"channel", "token"}: a new channel or a rotated token.
Result<CreatedChannel> created_channel(Result<json::Value> v) {
  if (!v) return v.error();
  CreatedChannel c{channel_of(member(*v, "channel")), str(*v, "token")};
  if (c.channel.name.empty() || c.token.empty()) return invalid_reply("a channel without a name or token");
  return c;
}

VersionInfo version_of(const json::Value& v) {
  return VersionInfo{static_cast<int>(num(v, "version")), str(v, "status"),     str(v, "name"), num(v, "rules"),
                     str(v, "created_at"),                str(v, "created_by")};
}

CalendarYear year_of(const json::Value& y) {
  return CalendarYear{static_cast<int>(num(y, "year")), static_cast<int>(num(y, "days_off")),
                      static_cast<int>(num(y, "adjusted_workdays"))};
}

template <class T, class F>
Result<std::vector<T>> list_of(Result<json::Value> v, std::string_view key, F convert) {
  if (!v) return v.error();
  const json::Array* xs = list(*v, key);
  if (xs == nullptr) return invalid_reply(std::string(key) + " is not a list");
  std::vector<T> out;
  out.reserve(xs->size());
  for (const auto& x : *xs) {
    if (!x.is_object()) return invalid_reply(std::string(key) + ": an entry that is not an object");
    out.push_back(convert(x));
  }
  return out;
}

std::string user_path(std::int64_t id) { return "/api/v1/admin/users/" + std::to_string(id); }
std::string channel_path(const std::string& name) { return "/api/v1/admin/channels/" + url_encode(name); }
std::string version_path(const std::string& code, int version) {
  return "/api/v1/admin/items/" + url_encode(code) + "/versions/" + std::to_string(version);
}

}  // namespace

Result<std::vector<DepartmentInfo>> HttpApi::departments() {
  return list_of<DepartmentInfo>(call("GET", "/api/v1/admin/departments", nullptr), "departments",
                                 [](const json::Value& d) { return DepartmentInfo{str(d, "code"), str(d, "name")}; });
}

Result<std::vector<AdminUser>> HttpApi::users() {
  return list_of<AdminUser>(call("GET", "/api/v1/admin/users", nullptr), "users", admin_user_of);
}

Result<CreatedUser> HttpApi::create_user(const NewUser& u) {
  const json::Value body = json::Object{{"username", u.username},
                                        {"display_name", u.display_name},
                                        {"department", u.department},
                                        {"roles", json::Array(u.roles.begin(), u.roles.end())},
                                        {"password", u.password}};
  return created_user(call("POST", "/api/v1/admin/users", &body));
}

Result<AdminUser> HttpApi::set_active(std::int64_t id, bool active) {
  const json::Value body = json::Object{{"active", active}};
  return one_user(call("PUT", user_path(id), &body));
}

Result<CreatedUser> HttpApi::reset_totp(std::int64_t id) {
  return created_user(call("POST", user_path(id) + "/totp", nullptr));
}

Result<AdminUser> HttpApi::unlock(std::int64_t id) { return one_user(call("POST", user_path(id) + "/unlock", nullptr)); }

Result<AdminUser> HttpApi::set_password(std::int64_t id, const std::string& password) {
  const json::Value body = json::Object{{"password", password}};
  return one_user(call("POST", user_path(id) + "/password", &body));
}

Result<std::vector<ChannelInfo>> HttpApi::channels() {
  return list_of<ChannelInfo>(call("GET", "/api/v1/admin/channels", nullptr), "channels", channel_of);
}

Result<CreatedChannel> HttpApi::create_channel(const std::string& name, const std::string& kind) {
  const json::Value body = json::Object{{"name", name}, {"kind", kind}};
  return created_channel(call("POST", "/api/v1/admin/channels", &body));
}

Result<CreatedChannel> HttpApi::rotate_channel(const std::string& name) {
  return created_channel(call("POST", channel_path(name) + "/rotate", nullptr));
}

Result<ChannelInfo> HttpApi::revoke_channel(const std::string& name) {
  auto v = call("POST", channel_path(name) + "/revoke", nullptr);
  if (!v) return v.error();
  if (!v->is_object() || str(*v, "name").empty()) return invalid_reply("a channel without a name");
  return channel_of(*v);
}

Result<std::vector<ItemInfo>> HttpApi::items() {
  return list_of<ItemInfo>(call("GET", "/api/v1/admin/items", nullptr), "items", [](const json::Value& i) {
    ItemInfo item{str(i, "code"), str(i, "name"), str(i, "department_code"), 0, static_cast<int>(num(i, "latest_version")),
                  {}};
    const json::Value* active = i.find("active");
    if (active != nullptr && active->is_object()) item.active_version = static_cast<int>(num(*active, "version"));
    if (const json::Array* drafts = list(i, "drafts")) {
      for (const auto& d : *drafts) item.drafts.push_back(static_cast<int>(num(d, "version")));
    }
    return item;
  });
}

Result<std::vector<VersionInfo>> HttpApi::versions(const std::string& code) {
  return list_of<VersionInfo>(call("GET", "/api/v1/admin/items/" + url_encode(code) + "/versions", nullptr), "versions",
                              version_of);
}

Result<BenchResult> HttpApi::test_version(const std::string& code, int version, const json::Value& cases) {
  const json::Value body = json::Object{{"cases", cases}};
  auto v = call("POST", version_path(code, version) + "/test", &body);
  if (!v) return v.error();
  const json::Array* results = list(*v, "results");
  if (results == nullptr) return invalid_reply("results is not a list");
  BenchResult b;
  b.passed = static_cast<int>(num(*v, "passed"));
  b.failed = static_cast<int>(num(*v, "failed"));
  b.errors = static_cast<int>(num(*v, "errors"));
  b.all_passed = flag(*v, "all_passed");
  for (const auto& r : *results) {
    BenchRow row{str(r, "name"),           str(r, "result"),   str(r, "expected"), str(r, "got"),
                 joined(r, "deciding_rules"), joined(r, "warnings"), joined(r, "error_ids")};
    if (const json::Value* e = r.find("error"); e != nullptr && e->is_object()) {  // the case itself is malformed
      row.error_ids += (row.error_ids.empty() ? "" : ", ") + str(*e, "id");
    }
    b.rows.push_back(std::move(row));
  }
  return b;
}

Result<int> HttpApi::activate(const std::string& code, int version) {
  auto v = call("POST", version_path(code, version) + "/activate", nullptr);
  if (!v) return v.error();
  if (!v->is_object() || str(*v, "status") != "active") return invalid_reply("the version is not active");
  return static_cast<int>(num(*v, "previous_version"));
}

Result<std::vector<CalendarYear>> HttpApi::calendar() {
  return list_of<CalendarYear>(call("GET", "/api/v1/admin/calendar", nullptr), "years", year_of);
}

Result<CalendarChange> HttpApi::put_calendar(int year, const std::string& json_text) {
  auto v = call_text("PUT", "/api/v1/admin/calendar/" + std::to_string(year), json_text, "application/json");
  if (!v) return v.error();
  if (!v->is_object() || num(*v, "year") != year) return invalid_reply("another year than the one sent");
  return CalendarChange{year_of(*v), num(*v, "open_cases_checked"), num(*v, "deadlines_changed")};
}

Result<std::vector<DatasetInfo>> HttpApi::datasets() {
  return list_of<DatasetInfo>(call("GET", "/api/v1/admin/datasets", nullptr), "datasets",
                              [](const json::Value& d) { return DatasetInfo{str(d, "name"), num(d, "records")}; });
}

Result<json::Value> HttpApi::import_dataset(const std::string& name, const std::string& csv, bool dry_run) {
  auto v = call_text("POST", "/api/v1/admin/datasets/" + url_encode(name) + (dry_run ? "?dry_run=true" : ""), csv,
                     "text/csv; charset=utf-8");
  if (!v) return v.error();
  if (!v->is_object() || list(*v, "rejected") == nullptr) return invalid_reply("a dataset report without rejected rows");
  return v;
}

}  // namespace zhishen::desk
