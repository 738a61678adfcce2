#include "sessions.hpp"

#include "zhishen/crypto/hash.hpp"

namespace zhishen::server {

Session SessionManager::create(domain::StaffAccount account, Instant now) {
  account.password_hash.clear();
  account.totp_secret.clear();
  Session s{crypto::to_hex(crypto::random_bytes(32)), std::move(account), now, now + ttl_};
  std::lock_guard lock(mu_);
  sessions_[s.token] = s;
  return s;
}

Result<Session> SessionManager::find(const std::string& token, Instant now) {
  if (token.empty()) return make_error("auth.session.missing", "log in first (Authorization: Bearer <token>)");
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return make_error("auth.session.invalid", "unknown or ended session; log in again");
  if (now >= it->second.expires) {
    sessions_.erase(it);
    return make_error("auth.session.expired", "the session expired; log in again");
  }
  return it->second;
}

void SessionManager::end(const std::string& token) {
  std::lock_guard lock(mu_);
  sessions_.erase(token);
}

void SessionManager::end_all_of(std::int64_t staff_id) {
  std::lock_guard lock(mu_);
  std::erase_if(sessions_, [&](const auto& kv) { return kv.second.account.id == staff_id; });
}

std::size_t SessionManager::count(Instant now) {
  std::lock_guard lock(mu_);
  std::erase_if(sessions_, [&](const auto& kv) { return now >= kv.second.expires; });
  return sessions_.size();
}

}  // namespace zhishen::server
