#pragma once
// Staff identity (BRIEF R3, 002 §9.3.3): the password policy, login with password and TOTP (two
// factors), lock-out after repeated failures, logout, and the JSON view of an account. Independent
// of HTTP: handlers/session.cpp translates.
//
// Login: unknown user, inactive account, wrong password, wrong TOTP and a TOTP code already used
// (same or earlier step) all answer auth.login.failed, with no hint which. kMaxFailedLogins
// consecutive failures lock the account for kLockout (auth.login.locked, with the time it
// unlocks); the counter and the lock live in the staff row, so a restart does not reset them; a
// success resets them. Every success, failure and lock-out is audited (staff.login,
// staff.login_failed, staff.locked; actor = the username; never a password or code).
//
// Error ids: auth.password.weak (422 through the admin API), auth.login.failed, auth.login.locked
// (401). Thread-safety: any request thread (state is in the store and the context).

#include <chrono>
#include <optional>
#include <string>

#include "../context.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::server {

inline constexpr int kMaxFailedLogins = 5;
inline constexpr std::chrono::minutes kLockout{15};
inline constexpr std::size_t kMinPasswordLength = 10;  // characters (UTF-8 code points)

// At least kMinPasswordLength characters, at least 3 of {lower case, upper case, digit, other},
// and not containing the username (ignoring ASCII case); auth.password.weak otherwise, the
// message saying which rule failed.
Status check_password_policy(const std::string& username, const std::string& password);

struct LoginAttempt {
  std::optional<Session> session;       // set on success
  Error error;                          // auth.login.failed or auth.login.locked otherwise
  std::optional<Instant> locked_until;  // with auth.login.locked
};

LoginAttempt login(ServerContext& ctx, const std::string& username, const std::string& password,
                   const std::string& totp_code);

// Ends the session (audited as staff.logout).
void logout(ServerContext& ctx, const domain::StaffAccount& who, const std::string& token);

// {"id","username","display_name","department","roles":[...],"permissions":[...]} — never the
// password hash or the TOTP secret.
json::Value staff_json(const domain::StaffAccount& a);
// {"token","expires_at" (RFC 3339, +08:00),"user"}
json::Value session_json(const Session& s);

}  // namespace zhishen::server
