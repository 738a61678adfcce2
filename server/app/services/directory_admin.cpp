// Directory administration over the store port (see directory_admin.hpp). State lives in the store
// and the context; any request thread.
#include "directory_admin.hpp"

#include <Poco/Logger.h>

#include <algorithm>

#include "../signing_keys.hpp"
#include "auth.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/crypto/password.hpp"
#include "zhishen/crypto/totp.hpp"
#include "zhishen/identity/uscc.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Role;

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool all_of_chars(const std::string& s, const char* extra, bool upper_allowed) {
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (upper_allowed && c >= 'A' && c <= 'Z') ||
           (c != '\0' && std::char_traits<char>::find(extra, std::char_traits<char>::length(extra), c) != nullptr);
  });
}

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

Status check_display_name(const std::string& name) {
  if (blank(name) || code_points(name) > 100) {
    return make_error("directory.display_name.invalid", "display_name: 1 to 100 characters, not blank");
  }
  return {};
}

domain::StaffAccount without_secrets(domain::StaffAccount a) {
  a.password_hash.clear();
  a.totp_secret.clear();
  return a;
}

json::Array role_names(const std::vector<Role>& roles) {
  json::Array a;
  for (auto r : roles) a.emplace_back(std::string(lifecycle::to_string(r)));
  return a;
}

domain::AuditEntry admin_audit(Instant now, const std::string& actor, const std::string& action, std::string target,
                               json::Value detail) {
  return {0, now, actor, "admin", action, std::move(target), std::move(detail), "", ""};
}

void reload_channels(ServerContext& ctx) {
  std::vector<domain::Channel> all;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    all = tx.directory().channels();
    return {};
  });
  ctx.set_channels(all);
}

std::string new_token() { return crypto::to_hex(crypto::random_bytes(32)); }

// Loads account `id`, lets `change` alter it (and describe the change in `detail`), stores it and
// its audit entry `action` in one transaction.
template <class Change>
Result<domain::StaffAccount> modify_user(ServerContext& ctx, std::int64_t id, const std::string& actor,
                                         const std::string& action, Change change) {
  const Instant now = ctx.now();
  domain::StaffAccount out;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto a = tx.directory().staff_by_id(id);
    if (!a) return make_error("directory.user.not_found", "no staff account " + std::to_string(id));
    json::Object detail;
    if (auto s = change(tx, *a, detail); !s) return s;
    if (auto s = tx.directory().update_staff(*a); !s) return s;
    tx.audit().append(admin_audit(now, actor, action, "staff:" + a->username, std::move(detail)));
    out = *a;
    return {};
  });
  if (!st) return st.error();
  return without_secrets(std::move(out));
}

Result<domain::StaffAccount> load_user(ServerContext& ctx, std::int64_t id) {
  std::optional<domain::StaffAccount> a;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    a = tx.directory().staff_by_id(id);
    return {};
  });
  if (!a) return make_error("directory.user.not_found", "no staff account " + std::to_string(id));
  return *a;
}

std::string hash_limited(ServerContext& ctx, const std::string& password) {
  LoginGuard::HashSlot slot(ctx.login_guard());
  return crypto::hash_password(password);
}

}  // namespace

Result<std::vector<Role>> parse_staff_roles(const std::vector<std::string>& names) {
  std::vector<Role> out;
  for (const auto& n : names) {
    auto r = lifecycle::parse_role(n);
    if (!r || *r == Role::applicant || *r == Role::system || std::find(out.begin(), out.end(), *r) != out.end()) {
      return make_error("directory.roles.invalid", "roles: distinct values of reviewer, approver, supervisor, admin");
    }
    out.push_back(*r);
  }
  if (out.empty()) return make_error("directory.roles.invalid", "roles: at least one role is required");
  return out;
}

std::vector<domain::Department> list_departments(ServerContext& ctx) {
  std::vector<domain::Department> out;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    out = tx.directory().departments();
    return {};
  });
  return out;
}

Result<domain::Department> get_department(ServerContext& ctx, const std::string& code) {
  std::optional<domain::Department> d;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    d = tx.directory().department(code);
    return {};
  });
  if (!d) return make_error("directory.department.not_found", "no department " + code);
  return *d;
}

Result<domain::Department> put_department(ServerContext& ctx, const domain::Department& d, const std::string& actor) {
  if (d.code.empty() || d.code.size() > 64 || !all_of_chars(d.code, "-_", true)) {
    return make_error("directory.department.invalid", "code: 1 to 64 of A-Z, a-z, 0-9, '-' and '_'");
  }
  if (blank(d.name) || code_points(d.name) > 200) {
    return make_error("directory.department.invalid", "name: 1 to 200 characters, not blank");
  }
  if (!d.uscc.empty()) {
    if (auto u = identity::validate_uscc(d.uscc); !u) {
      return make_error("directory.department.invalid", "uscc: not a valid unified social credit code (" + u.error().id + ")");
    }
  }
  const Instant now = ctx.now();
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    const bool existed = tx.directory().department(d.code).has_value();
    if (auto s = tx.directory().put_department(d); !s) return s;
    tx.audit().append(admin_audit(now, actor, "admin.department.put", "department:" + d.code,
                                  json::Object{{"name", d.name}, {"created", !existed}}));
    return {};
  });
  if (!st) return st.error();
  // A department made while the server runs gets its signing key now, as one present at start
  // would (certificates.generate_missing); the department stands even if that fails.
  if (ctx.config().generate_missing_keys && !ctx.keys()->can_sign(d.code)) {
    if (auto k = load_signing_keys(ctx); !k) {
      ctx.log().warning("department %s: no signing key made: %s", d.code, k.error().message);
    }
  }
  return d;
}

std::vector<domain::StaffAccount> list_users(ServerContext& ctx, const std::optional<std::string>& department_code) {
  std::vector<domain::StaffAccount> out;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    out = tx.directory().staff(department_code);
    return {};
  });
  for (auto& a : out) a = without_secrets(std::move(a));
  return out;
}

Result<CreatedUser> create_user(ServerContext& ctx, NewUser user, const std::string& actor) {
  if (user.username.size() < 3 || user.username.size() > 64 || !all_of_chars(user.username, "._-", false)) {
    return make_error("directory.username.invalid", "username: 3 to 64 of a-z, 0-9, '.', '_' and '-'");
  }
  if (auto st = check_display_name(user.display_name); !st) return st.error();
  if (user.roles.empty()) return make_error("directory.roles.invalid", "roles: at least one role is required");
  if (auto st = check_password_policy(user.username, user.password); !st) return st.error();
  const Instant now = ctx.now();
  domain::StaffAccount a;
  a.username = user.username;
  a.display_name = user.display_name;
  a.department_code = user.department_code;
  a.roles = user.roles;
  a.password_hash = hash_limited(ctx, user.password);
  a.totp_secret = crypto::generate_totp_secret();
  a.created_at = now;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    if (!tx.directory().department(a.department_code)) {
      return make_error("directory.department.not_found", "no department " + a.department_code);
    }
    auto id = tx.directory().create_staff(a);
    if (!id) {
      if (id.error().id == "store.duplicate") return make_error("directory.user.duplicate", "user " + a.username + " exists");
      return id.error();
    }
    a.id = *id;
    tx.audit().append(admin_audit(now, actor, "admin.user.create", "staff:" + a.username,
                                  json::Object{{"id", a.id}, {"department", a.department_code}, {"roles", role_names(a.roles)}}));
    return {};
  });
  if (!st) return st.error();
  CreatedUser out{{}, a.totp_secret, crypto::otpauth_uri(crypto::kTotpIssuer, a.username, a.totp_secret)};
  out.account = without_secrets(std::move(a));
  return out;
}

Result<domain::StaffAccount> update_user(ServerContext& ctx, std::int64_t id, const UserChanges& changes,
                                         const std::string& actor, std::int64_t actor_id) {
  if (changes.display_name) {
    if (auto st = check_display_name(*changes.display_name); !st) return st.error();
  }
  if (changes.roles && changes.roles->empty()) return make_error("directory.roles.invalid", "roles: at least one role is required");
  if (id == actor_id) {
    const bool drops_admin = changes.roles && std::find(changes.roles->begin(), changes.roles->end(), Role::admin) ==
                                                  changes.roles->end();
    if (drops_admin || (changes.active && !*changes.active)) {
      return make_error("directory.user.self_lockout",
                        "administrators cannot deactivate their own account or remove their own admin role");
    }
  }
  bool ends_sessions = false;
  auto updated = modify_user(ctx, id, actor, "admin.user.update",
                             [&](ports::StoreTx& tx, domain::StaffAccount& a, json::Object& detail) -> Status {
    ends_sessions = false;
    if (changes.display_name && *changes.display_name != a.display_name) {
      a.display_name = *changes.display_name;
      detail.emplace_back("display_name", a.display_name);
    }
    if (changes.department_code && *changes.department_code != a.department_code) {
      if (!tx.directory().department(*changes.department_code)) {
        return make_error("directory.department.not_found", "no department " + *changes.department_code);
      }
      a.department_code = *changes.department_code;
      detail.emplace_back("department", a.department_code);
      ends_sessions = true;
    }
    if (changes.roles && *changes.roles != a.roles) {
      a.roles = *changes.roles;
      detail.emplace_back("roles", role_names(a.roles));
      ends_sessions = true;
    }
    if (changes.active && *changes.active != a.active) {
      a.active = *changes.active;
      detail.emplace_back("active", a.active);
      ends_sessions = true;
    }
    return {};
  });
  if (updated && ends_sessions) ctx.sessions().end_all_of(id);
  return updated;
}

Result<domain::StaffAccount> set_user_password(ServerContext& ctx, std::int64_t id, const std::string& password,
                                               const std::string& actor) {
  auto current = load_user(ctx, id);
  if (!current) return current.error();
  if (auto st = check_password_policy(current->username, password); !st) return st.error();
  const std::string hash = hash_limited(ctx, password);
  auto updated = modify_user(ctx, id, actor, "admin.user.password",
                             [&](ports::StoreTx&, domain::StaffAccount& a, json::Object&) -> Status {
    a.password_hash = hash;
    return {};
  });
  if (updated) ctx.sessions().end_all_of(id);
  return updated;
}

Result<CreatedUser> reset_user_totp(ServerContext& ctx, std::int64_t id, const std::string& actor) {
  const std::string secret = crypto::generate_totp_secret();
  auto updated = modify_user(ctx, id, actor, "admin.user.totp",
                             [&](ports::StoreTx&, domain::StaffAccount& a, json::Object&) -> Status {
    a.totp_secret = secret;
    a.totp_last_step = 0;  // the old secret's steps mean nothing for the new one
    return {};
  });
  if (!updated) return updated.error();
  ctx.sessions().end_all_of(id);
  return CreatedUser{*updated, secret, crypto::otpauth_uri(crypto::kTotpIssuer, updated->username, secret)};
}

Result<domain::StaffAccount> unlock_user(ServerContext& ctx, std::int64_t id, const std::string& actor) {
  return modify_user(ctx, id, actor, "admin.user.unlock",
                     [&](ports::StoreTx&, domain::StaffAccount& a, json::Object& detail) -> Status {
    detail.emplace_back("was_locked", a.locked_until.has_value());
    a.failed_logins = 0;
    a.locked_until.reset();
    return {};
  });
}

std::vector<domain::Channel> list_channels(ServerContext& ctx) {
  std::vector<domain::Channel> out;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    out = tx.directory().channels();
    return {};
  });
  return out;
}

Result<CreatedChannel> create_channel(ServerContext& ctx, const std::string& name, const std::string& kind,
                                      const std::string& actor) {
  if (name.size() < 2 || name.size() > 64 || !all_of_chars(name, "-", false)) {
    return make_error("directory.channel.name.invalid", "name: 2 to 64 of a-z, 0-9 and '-'");
  }
  static const std::vector<std::string> kKinds = {"web", "app", "kiosk", "wechat", "counter"};
  if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end()) {
    return make_error("directory.channel.kind.invalid", "kind: one of web, app, kiosk, wechat, counter");
  }
  const Instant now = ctx.now();
  CreatedChannel out{{0, name, kind, "", true, now, std::nullopt}, new_token()};
  out.channel.token_hash = crypto::sha256_hex(out.token);
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto id = tx.directory().create_channel(out.channel);
    if (!id) {
      if (id.error().id == "store.duplicate") return make_error("directory.channel.duplicate", "channel " + name + " exists");
      return id.error();
    }
    out.channel.id = *id;
    tx.audit().append(admin_audit(now, actor, "admin.channel.create", "channel:" + name, json::Object{{"kind", kind}}));
    return {};
  });
  if (!st) return st.error();
  reload_channels(ctx);
  return out;
}

Result<CreatedChannel> rotate_channel(ServerContext& ctx, const std::string& name, const std::string& actor) {
  const Instant now = ctx.now();
  CreatedChannel out{{}, new_token()};
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto ch = tx.directory().channel_by_name(name);
    if (!ch) return make_error("directory.channel.not_found", "no channel " + name);
    if (!ch->active || ch->revoked_at) return make_error("directory.channel.revoked", "channel " + name + " is revoked");
    ch->token_hash = crypto::sha256_hex(out.token);
    if (auto s = tx.directory().update_channel(*ch); !s) return s;
    tx.audit().append(admin_audit(now, actor, "admin.channel.rotate", "channel:" + name, json::Object{}));
    out.channel = *ch;
    return {};
  });
  if (!st) return st.error();
  reload_channels(ctx);
  return out;
}

Result<domain::Channel> revoke_channel(ServerContext& ctx, const std::string& name, const std::string& actor) {
  const Instant now = ctx.now();
  domain::Channel out;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto ch = tx.directory().channel_by_name(name);
    if (!ch) return make_error("directory.channel.not_found", "no channel " + name);
    if (ch->active || !ch->revoked_at) {
      ch->active = false;
      ch->revoked_at = now;
      if (auto s = tx.directory().update_channel(*ch); !s) return s;
      tx.audit().append(admin_audit(now, actor, "admin.channel.revoke", "channel:" + name, json::Object{}));
    }
    out = *ch;
    return {};
  });
  if (!st) return st.error();
  reload_channels(ctx);
  return out;
}

}  // namespace zhishen::server
