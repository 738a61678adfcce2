#pragma once
// CryptoFault: the exception zhishen_crypto throws when the crypto library itself fails (a context
// cannot be allocated, the random generator is not seeded, an algorithm is missing from the
// provider). These are faults of the environment, not bad input: bad input (a tampered ciphertext,
// a malformed key file) is reported as an Error value instead. The message carries OpenSSL's
// drained error queue for the administrator; it never contains key material or plaintext.
//
// Thread-safety: a plain value; safe to copy between threads.

#include <stdexcept>
#include <string>
#include <utility>

namespace zhishen::crypto {

class CryptoFault : public std::runtime_error {
 public:
  explicit CryptoFault(const std::string& message, std::string id = "crypto.internal")
      : std::runtime_error(message), id_(std::move(id)) {}

  // Stable dotted id, "crypto.internal".
  const std::string& id() const noexcept { return id_; }

 private:
  std::string id_;
};

}  // namespace zhishen::crypto
