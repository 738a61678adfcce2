#pragma once
// RateLimiter: a token bucket per client (its address), for the public endpoints anyone may call
// without a session, such as certificate verification, which names the holder: a client may make
// `per_minute` requests a minute on average and up to that many at once, after which it is told
// to wait (429 request.rate_limited with Retry-After).
//
// The buckets live in memory (one server; a restart forgets them). At most kMaxClients are kept:
// past that, buckets full again are dropped, then, if still too many, all of them (the limit
// forgets rather than refuses everyone).
// Owned by ServerContext. Thread-safety: allow() from any thread.

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace zhishen::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // per_minute <= 0: no limit.
  explicit RateLimiter(double per_minute) : per_minute_(per_minute) {}

  // Takes one token of `client`'s bucket; false when it is empty.
  bool allow(const std::string& client, Clock::time_point now = Clock::now());
  // Seconds until the next token (for Retry-After), at least 1.
  int retry_after_seconds() const;
  bool limited() const { return per_minute_ > 0; }

  static constexpr std::size_t kMaxClients = 10000;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point at{};
  };
  double refilled(const Bucket& b, Clock::time_point now) const;

  const double per_minute_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace zhishen::server
