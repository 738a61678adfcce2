#pragma once
// Staff sessions: an opaque random token per login, held in memory with its expiry and a snapshot of
// the account (roles, department) taken at login. Logout, expiry, lock-out and account changes end
// sessions. A server restart ends every session (staff log in again; nothing else is lost).
// Error ids: auth.session.missing, auth.session.invalid, auth.session.expired.
// Thread-safety: every method from any thread.

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "zhishen/core/date.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/domain/directory.hpp"

namespace zhishen::server {

struct Session {
  std::string token;
  domain::StaffAccount account;  // without password hash and TOTP secret
  Instant created{};
  Instant expires{};
};

class SessionManager {
 public:
  explicit SessionManager(std::chrono::minutes ttl) : ttl_(ttl) {}
  Session create(domain::StaffAccount account, Instant now);
  Result<Session> find(const std::string& token, Instant now);
  void end(const std::string& token);
  void end_all_of(std::int64_t staff_id);
  std::size_t count(Instant now);

 private:
  std::chrono::minutes ttl_;
  std::mutex mu_;
  std::map<std::string, Session> sessions_;
};

}  // namespace zhishen::server
