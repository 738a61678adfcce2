#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace zhishen::server {

double RateLimiter::refilled(const Bucket& b, Clock::time_point now) const {
  const double minutes = std::chrono::duration<double, std::ratio<60>>(now - b.at).count();
  return std::min(per_minute_, b.tokens + std::max(0.0, minutes) * per_minute_);
}

bool RateLimiter::allow(const std::string& client, Clock::time_point now) {
  if (!limited()) return true;
  std::lock_guard lock(mu_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= kMaxClients) {
      std::erase_if(buckets_, [&](const auto& kv) { return refilled(kv.second, now) >= per_minute_; });
      if (buckets_.size() >= kMaxClients) buckets_.clear();
    }
    it = buckets_.emplace(client, Bucket{per_minute_, now}).first;
  }
  Bucket& b = it->second;
  b.tokens = refilled(b, now);
  b.at = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

int RateLimiter::retry_after_seconds() const {
  if (!limited()) return 1;
  return std::max(1, static_cast<int>(std::ceil(60.0 / per_minute_)));
}

}  // namespace zhishen::server
