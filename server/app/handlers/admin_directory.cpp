// Directory administration (administrators only): departments, staff accounts (create with a TOTP
// secret shown once, change, new password, new TOTP secret, unlock) and channels (create with a
// token shown once, rotate, revoke). The work is in services/directory_admin.cpp; this file checks
// the permission and translates JSON.
#include <charconv>

#include "../context.hpp"
#include "../services/auth.hpp"
#include "../services/directory_admin.hpp"
#include "../services/permissions.hpp"
#include "routes.hpp"

namespace zhishen::server {
namespace {

// Wraps a handler with the administration permission check (auth.forbidden for other staff).
Handler admin(Handler work) {
  return [work = std::move(work)](Request& req) -> Result<Response> {
    if (auto st = require(req.who, Permission::administration); !st) return st.error();
    return work(req);
  };
}

Error field_error(const std::string& key, const char* what) {
  return make_error("directory.field.invalid", key + ": " + what);
}

// The string member `key`: nullopt when absent; an error when present but not a string.
Result<std::optional<std::string>> opt_string(const json::Value& body, const std::string& key) {
  const json::Value* v = body.find(key);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return field_error(key, "must be a string");
  return std::optional<std::string>(v->as_string());
}

Result<std::string> req_string(const json::Value& body, const std::string& key) {
  auto v = opt_string(body, key);
  if (!v) return v.error();
  if (!*v) return field_error(key, "required");
  return **v;
}

Result<std::optional<std::vector<lifecycle::Role>>> opt_roles(const json::Value& body) {
  const json::Value* v = body.find("roles");
  if (v == nullptr || v->is_null()) return std::optional<std::vector<lifecycle::Role>>();
  if (!v->is_array()) return field_error("roles", "must be an array of role names");
  std::vector<std::string> names;
  for (const auto& x : v->as_array()) {
    if (!x.is_string()) return field_error("roles", "must be an array of role names");
    names.push_back(x.as_string());
  }
  auto roles = parse_staff_roles(names);
  if (!roles) return roles.error();
  return std::optional<std::vector<lifecycle::Role>>(std::move(roles).value());
}

Result<std::int64_t> user_id(Request& req) {
  const std::string& text = req.params["id"];
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return make_error("directory.user.not_found", "no staff account " + text);
  }
  return id;
}

json::Value user_json(const domain::StaffAccount& a) {
  json::Value v = staff_json(a);
  v.set("active", a.active);
  v.set("failed_logins", a.failed_logins);
  v.set("locked_until", a.locked_until ? json::Value(format_instant(*a.locked_until, UtcOffset{})) : json::Value());
  v.set("created_at", format_instant(a.created_at, UtcOffset{}));
  return v;
}

json::Value created_user_json(const CreatedUser& u) {
  return json::Object{{"user", user_json(u.account)}, {"totp_secret", u.totp_secret}, {"otpauth_uri", u.otpauth_uri}};
}

json::Value department_json(const domain::Department& d) {
  return json::Object{{"code", d.code}, {"name", d.name}, {"uscc", d.uscc}};
}

json::Value channel_json(const domain::Channel& c) {
  return json::Object{{"id", c.id},
                      {"name", c.name},
                      {"kind", c.kind},
                      {"active", c.active && !c.revoked_at},
                      {"created_at", format_instant(c.created_at, UtcOffset{})},
                      {"revoked_at", c.revoked_at ? json::Value(format_instant(*c.revoked_at, UtcOffset{})) : json::Value()}};
}

json::Value created_channel_json(const CreatedChannel& c) {
  return json::Object{{"channel", channel_json(c.channel)}, {"token", c.token}};
}

template <class T, class F>
Result<Response> reply(Result<T> r, F to_json, int status = 200) {
  if (!r) return r.error();
  return Response::json(to_json(*r), status);
}

Result<Response> put_department_route(Request& req) {
  auto body = req.json_body();
  if (!body) return body.error();
  auto name = req_string(*body, "name");
  if (!name) return name.error();
  auto uscc = opt_string(*body, "uscc");
  if (!uscc) return uscc.error();
  domain::Department d{req.params["code"], *name, uscc->value_or("")};
  return reply(put_department(*req.ctx, d, req.who.staff.username), department_json);
}

Result<Response> create_user_route(Request& req) {
  auto body = req.json_body();
  if (!body) return body.error();
  NewUser u;
  for (auto [key, out] : {std::pair{"username", &u.username}, std::pair{"display_name", &u.display_name},
                          std::pair{"department", &u.department_code}, std::pair{"password", &u.password}}) {
    auto v = req_string(*body, key);
    if (!v) return v.error();
    *out = std::move(v).value();
  }
  auto roles = opt_roles(*body);
  if (!roles) return roles.error();
  if (!*roles) return field_error("roles", "required");
  u.roles = std::move(**roles);
  return reply(create_user(*req.ctx, std::move(u), req.who.staff.username), created_user_json, 201);
}

Result<Response> update_user_route(Request& req) {
  auto id = user_id(req);
  if (!id) return id.error();
  auto body = req.json_body();
  if (!body) return body.error();
  UserChanges c;
  auto name = opt_string(*body, "display_name");
  if (!name) return name.error();
  c.display_name = *name;
  auto dept = opt_string(*body, "department");
  if (!dept) return dept.error();
  c.department_code = *dept;
  auto roles = opt_roles(*body);
  if (!roles) return roles.error();
  c.roles = *roles;
  if (const json::Value* a = body->find("active"); a != nullptr && !a->is_null()) {
    if (!a->is_bool()) return field_error("active", "must be true or false");
    c.active = a->as_bool();
  }
  return reply(update_user(*req.ctx, *id, c, req.who.staff.username, req.who.staff.id), user_json);
}

Result<Response> set_password_route(Request& req) {
  auto id = user_id(req);
  if (!id) return id.error();
  auto body = req.json_body();
  if (!body) return body.error();
  auto password = req_string(*body, "password");
  if (!password) return password.error();
  return reply(set_user_password(*req.ctx, *id, *password, req.who.staff.username), user_json);
}

Result<Response> list_users_route(Request& req) {
  json::Array out;
  for (const auto& a : list_users(*req.ctx, req.query_param("department"))) out.push_back(user_json(a));
  return Response::json(json::Object{{"users", std::move(out)}});
}

Result<Response> list_departments_route(Request& req) {
  json::Array out;
  for (const auto& d : list_departments(*req.ctx)) out.push_back(department_json(d));
  return Response::json(json::Object{{"departments", std::move(out)}});
}

Result<Response> list_channels_route(Request& req) {
  json::Array out;
  for (const auto& c : list_channels(*req.ctx)) out.push_back(channel_json(c));
  return Response::json(json::Object{{"channels", std::move(out)}});
}

Result<Response> create_channel_route(Request& req) {
  auto body = req.json_body();
  if (!body) return body.error();
  auto name = req_string(*body, "name");
  if (!name) return name.error();
  auto kind = req_string(*body, "kind");
  if (!kind) return kind.error();
  return reply(create_channel(*req.ctx, *name, *kind, req.who.staff.username), created_channel_json, 201);
}

}  // namespace

void add_admin_directory_routes(Router& r) {
  r.add("GET", "/api/v1/admin/departments", Access::staff, admin(list_departments_route), "Departments (admin)");
  r.add("GET", "/api/v1/admin/departments/{code}", Access::staff,
        admin([](Request& req) { return reply(get_department(*req.ctx, req.params["code"]), department_json); }),
        "One department (admin)");
  r.add("PUT", "/api/v1/admin/departments/{code}", Access::staff, admin(put_department_route),
        "Create or change a department {name, uscc} (admin)");
  r.add("GET", "/api/v1/admin/users", Access::staff, admin(list_users_route),
        "Staff accounts, optionally ?department=CODE (admin)");
  r.add("POST", "/api/v1/admin/users", Access::staff, admin(create_user_route),
        "Create a staff account {username, display_name, department, roles, password}; the TOTP secret is shown once (admin)");
  r.add("PUT", "/api/v1/admin/users/{id}", Access::staff, admin(update_user_route),
        "Change display_name, department, roles, active; role, department and activity changes end its sessions (admin)");
  r.add("POST", "/api/v1/admin/users/{id}/password", Access::staff, admin(set_password_route),
        "Set a new password {password}; ends its sessions (admin)");
  r.add("POST", "/api/v1/admin/users/{id}/totp", Access::staff,
        admin([](Request& req) -> Result<Response> {
          auto id = user_id(req);
          if (!id) return id.error();
          return reply(reset_user_totp(*req.ctx, *id, req.who.staff.username), created_user_json);
        }),
        "Issue a new TOTP secret, shown once; ends its sessions (admin)");
  r.add("POST", "/api/v1/admin/users/{id}/unlock", Access::staff,
        admin([](Request& req) -> Result<Response> {
          auto id = user_id(req);
          if (!id) return id.error();
          return reply(unlock_user(*req.ctx, *id, req.who.staff.username), user_json);
        }),
        "Clear a lock-out and the failed-login counter (admin)");
  r.add("GET", "/api/v1/admin/channels", Access::staff, admin(list_channels_route), "Channels (admin)");
  r.add("POST", "/api/v1/admin/channels", Access::staff, admin(create_channel_route),
        "Create a channel {name, kind: web|app|kiosk|wechat|counter}; the token is shown once (admin)");
  r.add("POST", "/api/v1/admin/channels/{name}/rotate", Access::staff,
        admin([](Request& req) {
          return reply(rotate_channel(*req.ctx, req.params["name"], req.who.staff.username), created_channel_json);
        }),
        "Issue a new token (shown once); the old one stops working at once (admin)");
  r.add("POST", "/api/v1/admin/channels/{name}/revoke", Access::staff,
        admin([](Request& req) {
          return reply(revoke_channel(*req.ctx, req.params["name"], req.who.staff.username), channel_json);
        }),
        "Revoke a channel: its token stops working at once (admin)");
}

}  // namespace zhishen::server
