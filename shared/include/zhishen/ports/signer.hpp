#pragma once
// Signer port: signs bytes with a department's key (electronic seal 电子签章) and verifies them.
// Implemented with OpenSSL 3 (SM2/SM3 by default, ECDSA P-256 as an alternative) in the
// e-certificate issue. The core never sees key material.
//
// Thread-safety: implementations must allow concurrent sign/verify.

#include <cstdint>
#include <string>
#include <vector>

#include "zhishen/core/error.hpp"

namespace zhishen::ports {

using Bytes = std::vector<std::uint8_t>;

struct Signature {
  std::string key_id;     // which key signed (departments rotate keys)
  std::string algorithm;  // "SM2-SM3" | "ECDSA-P256-SHA256"
  Bytes value;
};

class Signer {
 public:
  virtual ~Signer() = default;
  // signer.no_key when the department has no usable key.
  virtual Result<Signature> sign(const std::string& department, const Bytes& message) = 0;
  // signer.bad_signature when it does not verify; signer.unknown_key for an unknown key id.
  virtual Status verify(const Bytes& message, const Signature& signature) const = 0;
};

}  // namespace zhishen::ports
