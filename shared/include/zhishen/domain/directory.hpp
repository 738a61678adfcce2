#pragma once
// Who works with the system: departments, staff accounts with their roles, and channels.
// Secrets are never stored in clear: passwords as salted slow hashes (the server hashes), TOTP
// secrets encrypted by the store, channel tokens as SHA-256 hashes (the server hashes).
// Thread-safety: plain values.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zhishen/core/date.hpp"
#include "zhishen/lifecycle/role.hpp"

namespace zhishen::domain {

struct Department {
  std::string code;  // e.g. "FZ-SCJG"
  std::string name;  // 福州市市场监督管理局
  std::string uscc;  // the department's unified social credit code (for certificates)
  friend bool operator==(const Department&, const Department&) = default;
};

struct StaffAccount {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string department_code;
  std::vector<lifecycle::Role> roles;  // reviewer, approver, supervisor, admin
  std::string password_hash;           // an encoded slow hash; never the password
  std::string totp_secret;             // base32; encrypted at rest
  bool active = true;
  int failed_logins = 0;
  std::optional<Instant> locked_until;
  Instant created_at{};
  // The TOTP time step of the last successful login: a code of that step or an earlier one is
  // never accepted again (RFC 6238 §5.2), across restarts and across servers sharing a database.
  std::int64_t totp_last_step = 0;
  friend bool operator==(const StaffAccount&, const StaffAccount&) = default;
};

struct Channel {
  std::int64_t id = 0;
  std::string name;        // e.g. "web-hall"
  std::string kind;        // web | app | kiosk | wechat | counter
  std::string token_hash;  // SHA-256 hex of the bearer token
  bool active = true;
  Instant created_at{};
  std::optional<Instant> revoked_at;
  friend bool operator==(const Channel&, const Channel&) = default;
};

}  // namespace zhishen::domain
