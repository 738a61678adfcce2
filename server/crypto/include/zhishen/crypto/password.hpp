#pragma once
// Staff password hashing: scrypt (RFC 7914) through OpenSSL 3's EVP_KDF "SCRYPT", with a 16-byte
// random salt and a 32-byte key, encoded as one self-describing text
//
//   $scrypt$ln=15,r=8,p=1$<base64 salt>$<base64 key>      (standard alphabet, no padding)
//
// where N = 2^ln. The defaults (N = 2^15, r = 8, p = 1) take 32 MiB and about 120 ms of CPU per
// hash (measured on the build machine's x86-64 core): slow enough to make guessing stolen hashes expensive, fast enough for logins.
// The parameters travel inside the text, so hashes made with other parameters keep verifying.
//
// Errors: none as values — a malformed encoded hash simply does not verify. OpenSSL failures
// (out of memory, algorithm missing) throw CryptoFault (crypto.internal).
// Ownership: every function returns a fresh value and keeps nothing; the password is never kept
// or logged. Thread-safety: no shared state; call from any number of threads at once (each call
// allocates N * r * 128 bytes while it runs).

#include <string>
#include <string_view>

namespace zhishen::crypto {

struct ScryptParams {
  int log2_n = 15;  // N = 2^log2_n (accepted when verifying: 10..20)
  int r = 8;        // block size (accepted: 1..16)
  int p = 1;        // parallelism (accepted: 1..16)
};

// A new encoded hash of password with a fresh random salt.
std::string hash_password(std::string_view password, const ScryptParams& params = {});

// True when `encoded` is a hash of `password`. The key comparison is constant-time; a text that
// does not parse (wrong prefix, parameters out of range, bad base64) gives false.
bool verify_password(std::string_view password, std::string_view encoded);

}  // namespace zhishen::crypto
