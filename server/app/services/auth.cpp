// Staff login, lock-out, logout and the password policy (see auth.hpp). State lives in the store
// and the context (sessions, LoginGuard); any request thread.
#include "auth.hpp"

#include <Poco/Logger.h>

#include "permissions.hpp"
#include "zhishen/crypto/password.hpp"
#include "zhishen/crypto/totp.hpp"

namespace zhishen::server {
namespace {

constexpr std::size_t kMaxUsernameInAudit = 64;

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// A hash to verify against when there is no account, so that an unknown user costs the same time
// as a wrong password (no user enumeration by timing). Made once, then immutable.
const std::string& dummy_hash() {
  static const std::string h = crypto::hash_password("zhishen-no-such-account");
  return h;
}

bool verify_password_limited(ServerContext& ctx, const std::string& password, const std::string& hash) {
  LoginGuard::HashSlot slot(ctx.login_guard());
  return crypto::verify_password(password, hash);
}

Error login_failed() {
  return make_error("auth.login.failed", "wrong username, password or one-time code");
}

Error login_locked(Instant until) {
  return make_error("auth.login.locked", "too many failed logins: the account is locked until " +
                                             format_instant(until, UtcOffset{}) + " (or until an administrator unlocks it)");
}

domain::AuditEntry audit(Instant now, const std::string& username, const std::string& action, json::Value detail) {
  const std::string actor = username.substr(0, kMaxUsernameInAudit);
  return {0, now, actor, "staff", action, "staff:" + actor, std::move(detail), "", ""};
}

// Records a refused attempt whose account is unknown, inactive or locked (nothing to count).
void audit_refusal(ServerContext& ctx, Instant now, const std::string& username, const char* reason) {
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    tx.audit().append(audit(now, username, "staff.login_failed", json::Object{{"reason", reason}}));
    return {};
  });
}

}  // namespace

Status check_password_policy(const std::string& username, const std::string& password) {
  std::size_t chars = 0;
  bool lower = false, upper = false, digit = false, other = false;
  for (char ch : password) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80) ++chars;  // count UTF-8 lead bytes: code points
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else other = true;
  }
  if (chars < kMinPasswordLength) {
    return make_error("auth.password.weak",
                      "the password needs at least " + std::to_string(kMinPasswordLength) + " characters");
  }
  if (int{lower} + int{upper} + int{digit} + int{other} < 3) {
    return make_error("auth.password.weak",
                      "the password needs at least 3 of: lower-case letters, upper-case letters, digits, other characters");
  }
  if (!username.empty() && lower_ascii(password).find(lower_ascii(username)) != std::string::npos) {
    return make_error("auth.password.weak", "the password must not contain the username");
  }
  return {};
}

LoginAttempt login(ServerContext& ctx, const std::string& username, const std::string& password,
                   const std::string& totp_code) {
  const Instant now = ctx.now();
  std::optional<domain::StaffAccount> found;
  if (!username.empty()) {
    (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
      found = tx.directory().staff_by_username(username);
      return {};
    });
  }
  if (!found || !found->active) {
    (void)verify_password_limited(ctx, password, dummy_hash());
    audit_refusal(ctx, now, username, found ? "inactive" : "unknown_user");
    return {std::nullopt, login_failed(), std::nullopt};
  }
  if (found->locked_until && now < *found->locked_until) {
    audit_refusal(ctx, now, username, "locked");
    return {std::nullopt, login_locked(*found->locked_until), found->locked_until};
  }

  // The slow checks run outside any transaction (a write lock is never held for a hash).
  const bool password_ok = verify_password_limited(ctx, password, found->password_hash);
  const auto step = crypto::verify_totp(found->totp_secret, totp_code, now);
  const char* reason = nullptr;
  if (!password_ok) reason = "password";
  else if (!step) reason = "totp";
  else if (*step <= found->totp_last_step) reason = "totp_reused";

  LoginAttempt out{std::nullopt, login_failed(), std::nullopt};
  domain::StaffAccount account;
  bool locked_now = false;
  std::optional<Instant> locked_meanwhile;
  // A code used by a concurrent login of the same step is found under the audit lock below; the
  // attempt is then rolled back and recorded again as a failure (at most one retry).
  constexpr std::string_view kReplayed = "auth.totp.replayed";
  auto record = [&](ports::StoreTx& tx) -> Status {
    locked_now = false;
    locked_meanwhile.reset();
    // The audit entry goes first: appending locks this account's audit chain head until commit, so
    // concurrent attempts on one account count one after another (under READ COMMITTED two of
    // them could otherwise read the same counter and lose an increment).
    tx.audit().append(audit(now, username, reason != nullptr ? "staff.login_failed" : "staff.login",
                            reason != nullptr ? json::Object{{"reason", reason}} : json::Object{}));
    auto current = tx.directory().staff_by_id(found->id);
    if (!current) return login_failed();
    if (current->locked_until && now < *current->locked_until) {  // locked by a concurrent attempt
      locked_meanwhile = current->locked_until;
      return login_locked(*current->locked_until);  // rolls back; recorded below
    }
    if (reason != nullptr) {
      current->failed_logins += 1;
      if (current->failed_logins >= kMaxFailedLogins) {
        current->locked_until = now + kLockout;
        current->failed_logins = 0;
        locked_now = true;
        tx.audit().append(audit(now, username, "staff.locked",
                                json::Object{{"until", format_instant(*current->locked_until, UtcOffset{})},
                                             {"failures", kMaxFailedLogins}}));
      }
      return tx.directory().update_staff(*current);
    }
    if (*step <= current->totp_last_step) return make_error(std::string(kReplayed), "TOTP step already used");
    current->failed_logins = 0;
    current->locked_until.reset();
    current->totp_last_step = *step;
    if (auto s = tx.directory().update_staff(*current); !s) return s;
    account = *current;
    return {};
  };
  Status st = ctx.store().transact(record);
  if (!st && st.error().id == kReplayed) {
    reason = "totp_reused";
    st = ctx.store().transact(record);
  }
  if (locked_meanwhile) {
    audit_refusal(ctx, now, username, "locked");
    return {std::nullopt, login_locked(*locked_meanwhile), locked_meanwhile};
  }
  if (!st) return out;  // the account vanished between the two reads
  if (locked_now) {
    ctx.log().warning("staff account %s locked after %d failed logins", username.substr(0, kMaxUsernameInAudit),
                      kMaxFailedLogins);
    const Instant until = now + kLockout;
    return {std::nullopt, login_locked(until), until};
  }
  if (reason != nullptr) return out;
  out.session = ctx.sessions().create(std::move(account), now);
  return out;
}

void logout(ServerContext& ctx, const domain::StaffAccount& who, const std::string& token) {
  ctx.sessions().end(token);
  const Instant now = ctx.now();
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    tx.audit().append(audit(now, who.username, "staff.logout", json::Object{}));
    return {};
  });
}

json::Value staff_json(const domain::StaffAccount& a) {
  json::Array roles;
  for (auto r : a.roles) roles.emplace_back(std::string(lifecycle::to_string(r)));
  Principal p;
  p.kind = Principal::Kind::staff;
  p.staff = a;
  json::Array permissions;
  for (auto perm : permissions_of(p)) permissions.emplace_back(std::string(to_string(perm)));
  return json::Object{{"id", a.id},
                      {"username", a.username},
                      {"display_name", a.display_name},
                      {"department", a.department_code},
                      {"roles", std::move(roles)},
                      {"permissions", std::move(permissions)}};
}

json::Value session_json(const Session& s) {
  return json::Object{{"token", s.token},
                      {"expires_at", format_instant(s.expires, UtcOffset{})},
                      {"user", staff_json(s.account)}};
}

}  // namespace zhishen::server
