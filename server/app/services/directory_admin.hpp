#pragma once
// The directory an administrator keeps (BRIEF R3, R11): departments, staff accounts (roles,
// password, TOTP secret, lock-out) and channels with their bearer tokens. Independent of HTTP:
// handlers/admin_directory.cpp translates, and the demo seeding calls create_user and
// create_channel directly. Each function checks its input, works in one store transaction with its
// audit entry (admin.*, actor = `actor`), and leaves the context consistent: account changes that
// touch roles, department, activity or credentials end the account's sessions; channel changes
// reload the context's channel table, so a rotated or revoked token stops working at once.
//
// Secrets: a new TOTP secret and a channel token are returned once, here, and never again (the
// store keeps the secret encrypted and only the token's SHA-256).
//
// Error ids: directory.username.invalid, directory.display_name.invalid, directory.roles.invalid,
// directory.department.invalid, directory.department.not_found, directory.user.not_found,
// directory.user.duplicate, directory.user.self_lockout, directory.channel.name.invalid,
// directory.channel.kind.invalid, directory.channel.not_found, directory.channel.duplicate,
// directory.channel.revoked, auth.password.weak.
// Thread-safety: any request thread.

#include <optional>
#include <string>
#include <vector>

#include "../context.hpp"
#include "zhishen/core/error.hpp"

namespace zhishen::server {

struct NewUser {
  std::string username;      // 3..64 of a-z 0-9 . _ - (lower case)
  std::string display_name;  // 1..100 bytes, e.g. 李明
  std::string department_code;
  std::vector<lifecycle::Role> roles;  // non-empty; reviewer, approver, supervisor, admin
  std::string password;      // must pass check_password_policy
};

struct CreatedUser {
  domain::StaffAccount account;  // as stored, without password hash and TOTP secret
  std::string totp_secret;       // base32, shown once
  std::string otpauth_uri;       // for the QR code, shown once
};

struct CreatedChannel {
  domain::Channel channel;  // as stored (token_hash is the SHA-256 of token)
  std::string token;        // 64 hex characters (32 random bytes), shown once
};

// What PUT /api/v1/admin/users/{id} may change; unset members stay as they are.
struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<std::string> department_code;
  std::optional<std::vector<lifecycle::Role>> roles;
  std::optional<bool> active;
};

// "reviewer,approver" style names → roles (directory.roles.invalid for an unknown, duplicate or
// non-staff role, or none).
Result<std::vector<lifecycle::Role>> parse_staff_roles(const std::vector<std::string>& names);

std::vector<domain::Department> list_departments(ServerContext& ctx);
Result<domain::Department> get_department(ServerContext& ctx, const std::string& code);
// Insert or update; code 1..64 of A-Z a-z 0-9 - _, name required, uscc empty or a valid GB 32100 code.
Result<domain::Department> put_department(ServerContext& ctx, const domain::Department& d, const std::string& actor);

// Accounts without password hash and TOTP secret; all, or one department's.
std::vector<domain::StaffAccount> list_users(ServerContext& ctx, const std::optional<std::string>& department_code);
Result<CreatedUser> create_user(ServerContext& ctx, NewUser user, const std::string& actor);
// actor_id: the administrator's account id (0 for none): nobody deactivates or removes the admin
// role from their own account (directory.user.self_lockout).
Result<domain::StaffAccount> update_user(ServerContext& ctx, std::int64_t id, const UserChanges& changes,
                                         const std::string& actor, std::int64_t actor_id);
Result<domain::StaffAccount> set_user_password(ServerContext& ctx, std::int64_t id, const std::string& password,
                                               const std::string& actor);
Result<CreatedUser> reset_user_totp(ServerContext& ctx, std::int64_t id, const std::string& actor);
Result<domain::StaffAccount> unlock_user(ServerContext& ctx, std::int64_t id, const std::string& actor);

std::vector<domain::Channel> list_channels(ServerContext& ctx);
// name: 2..64 of a-z 0-9 -; kind: web | app | kiosk | wechat | counter.
Result<CreatedChannel> create_channel(ServerContext& ctx, const std::string& name, const std::string& kind,
                                      const std::string& actor);
Result<CreatedChannel> rotate_channel(ServerContext& ctx, const std::string& name, const std::string& actor);
Result<domain::Channel> revoke_channel(ServerContext& ctx, const std::string& name, const std::string& actor);

}  // namespace zhishen::server
