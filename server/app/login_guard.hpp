#pragma once
// LoginGuard: a limit on how many scrypt password hashes run at once in one server (held by
// ServerContext; each hash takes 32 MiB and about 120 ms of a core). The TOTP replay check lives
// in the database (StaffAccount::totp_last_step), so it survives restarts.
// Thread-safety: every method from any thread.

#include <cstddef>
#include <semaphore>

namespace zhishen::server {

class LoginGuard {
 public:
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
  std::counting_semaphore<kHashSlots> hashing_{kHashSlots};
};

}  // namespace zhishen::server
