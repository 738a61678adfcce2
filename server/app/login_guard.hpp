#pragma once
// LoginGuard: the login state that lives only in memory, one per server (held by ServerContext):
// the last TOTP step each staff account logged in with, so that a code is never accepted twice
// (RFC 6238 §5.2; a restart forgets them, and the ±1-step window makes a replay after a restart
// possible only within about a minute), and a limit on how many scrypt password hashes run at
// once (each takes 32 MiB and about 120 ms of a core).
// Thread-safety: every method from any thread.

#include <cstdint>
#include <map>
#include <mutex>
#include <semaphore>

namespace zhishen::server {

class LoginGuard {
 public:
  // True (and remembered) when `step` is later than the last step this account used; false for
  // a code of the same or an earlier step.
  bool claim_totp_step(std::int64_t staff_id, std::int64_t step) {
    std::lock_guard lock(mu_);
    auto [it, fresh] = last_step_.try_emplace(staff_id, step);
    if (fresh) return true;
    if (step <= it->second) return false;
    it->second = step;
    return true;
  }
  // After a new TOTP secret is issued: the old steps mean nothing any more.
  void forget(std::int64_t staff_id) {
    std::lock_guard lock(mu_);
    last_step_.erase(staff_id);
  }

  // Holds one of the password-hashing slots for its lifetime (waits for a free one).
  class HashSlot {
   public:
    explicit HashSlot(LoginGuard& g) : g_(g) { g_.hashing_.acquire(); }
    ~HashSlot() { g_.hashing_.release(); }
    HashSlot(const HashSlot&) = delete;
    HashSlot& operator=(const HashSlot&) = delete;

   private:
    LoginGuard& g_;
  };

 private:
  static constexpr std::ptrdiff_t kHashSlots = 4;
  std::mutex mu_;
  std::map<std::int64_t, std::int64_t> last_step_;
  std::counting_semaphore<kHashSlots> hashing_{kHashSlots};
};

}  // namespace zhishen::server
