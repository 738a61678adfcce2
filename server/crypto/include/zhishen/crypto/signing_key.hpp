#pragma once
// Department signing keys for e-certificates (issue 8, "Keys and signing"): SM2 with SM3
// (GB/T 32918, GB/T 32905; the default signer identity "1234567812345678") or, as the
// configurable alternative, ECDSA P-256 with SHA-256 — through OpenSSL 3's EVP interface.
//
// A key pair is written as an encrypted PKCS#8 private key (PEM, AES-256-CBC under a passphrase)
// and a public key (PEM, SubjectPublicKeyInfo); signatures are DER (the form stock `openssl`
// verifies, see docs/certificates.md).
//
// Errors: crypto.key.passphrase (the private key does not open with that passphrase, or is not a
// key), crypto.key.invalid (a public key that does not parse, or a key of another algorithm),
// crypto.signature.invalid (verification failed). OpenSSL failures otherwise throw CryptoFault.
// Ownership: SigningKey / VerifyingKey own their OpenSSL key (no OpenSSL type in this header).
// Thread-safety: sign() and verify() may be called from many threads at once on one object.

#include <memory>
#include <string>
#include <string_view>

#include "zhishen/core/error.hpp"

namespace zhishen::crypto {

enum class SignatureAlgorithm { sm2_sm3, ecdsa_p256_sha256 };

std::string_view to_string(SignatureAlgorithm a);  // "SM2-SM3" | "ECDSA-P256-SHA256"

inline constexpr std::string_view kDefaultSm2Id = "1234567812345678";

struct KeyPairPem {
  std::string private_pem;  // encrypted PKCS#8
  std::string public_pem;
};

// A fresh key pair; the private key encrypted under `passphrase` (at least 8 characters).
Result<KeyPairPem> generate_key_pair(SignatureAlgorithm algorithm, std::string_view passphrase);

class SigningKey {
 public:
  static Result<SigningKey> load(std::string_view private_pem, std::string_view passphrase,
                                 std::string sm2_id = std::string(kDefaultSm2Id));
  SigningKey(SigningKey&&) noexcept;
  SigningKey& operator=(SigningKey&&) noexcept;
  ~SigningKey();

  SignatureAlgorithm algorithm() const;
  std::string sign(std::string_view message) const;  // DER signature bytes
  std::string public_pem() const;

 private:
  struct Impl;
  explicit SigningKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class VerifyingKey {
 public:
  static Result<VerifyingKey> load(std::string_view public_pem, std::string sm2_id = std::string(kDefaultSm2Id));
  VerifyingKey(VerifyingKey&&) noexcept;
  VerifyingKey& operator=(VerifyingKey&&) noexcept;
  ~VerifyingKey();

  SignatureAlgorithm algorithm() const;
  Status verify(std::string_view message, std::string_view signature) const;  // crypto.signature.invalid

 private:
  struct Impl;
  explicit VerifyingKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// SM3 of data as 64 lower-case hex characters.
std::string sm3_hex(std::string_view data);

}  // namespace zhishen::crypto
