#pragma once
// FieldCipher: encrypts personal-data fields (citizen ID numbers, phone numbers, addresses, whole
// application documents) for storage with AES-256-GCM, and computes blind indexes so a store can
// find a row by exact value without decrypting every row.
//
// Keys: built from a 32-byte master key (the administrator's key file, key_file.hpp). Two
// independent 32-byte keys are derived with HKDF-SHA256 (info "zhishen field encryption v1" and
// "zhishen blind index v1"); the master key itself is not kept.
//
// Ciphertext format (version 1): 0x01 | 12-byte random nonce | ciphertext | 16-byte GCM tag.
// The version byte and the caller's associated data are authenticated. Associated data binds a
// ciphertext to where it belongs (e.g. "cases.applicant_id"): a ciphertext copied to another
// column, or another row if the row id is included, fails to decrypt. Random 96-bit nonces: keep
// the number of encryptions under one master key well below 2^32 (rotate the key long before).
//
// Errors (decrypt; never thrown): crypto.decrypt.format (too short, unknown version),
// crypto.decrypt.auth (wrong key, tampered ciphertext, or different associated data).
// OpenSSL failures throw CryptoFault (crypto.internal). Using a moved-from FieldCipher throws
// std::logic_error.
//
// Ownership: owns the derived keys (and the fetched OpenSSL algorithms) on the heap; the keys are
// wiped (OPENSSL_cleanse) when destroyed.
// Non-copyable, movable (the keys move, nothing is copied). Keys never appear in messages or in
// operator<<.
// Thread-safety: const methods may be called from many threads at once. Each thread keeps one
// encryption context, keyed for the FieldCipher it last encrypted with (the AES key schedule stays
// in it until the thread encrypts with another FieldCipher or ends), and a pool of 64 random
// nonces; decryption makes its own context per call. Moving or destroying needs exclusive access.

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "zhishen/core/error.hpp"

namespace zhishen::crypto {

class FieldCipher {
 public:
  static constexpr std::size_t kMasterKeySize = 32;
  static constexpr std::uint8_t kFormatVersion = 0x01;
  static constexpr std::size_t kNonceSize = 12;
  static constexpr std::size_t kTagSize = 16;
  static constexpr std::size_t kOverhead = 1 + kNonceSize + kTagSize;  // bytes added to a plaintext

  explicit FieldCipher(std::span<const std::uint8_t, kMasterKeySize> master_key);
  ~FieldCipher();
  FieldCipher(FieldCipher&& other) noexcept;
  FieldCipher& operator=(FieldCipher&& other) noexcept;
  FieldCipher(const FieldCipher&) = delete;
  FieldCipher& operator=(const FieldCipher&) = delete;

  // Encrypts plaintext (any bytes, any length) with a fresh random nonce: encrypting the same
  // value twice gives different bytes. The result is plaintext.size() + kOverhead bytes.
  std::string encrypt(std::string_view plaintext, std::string_view associated_data = {}) const;

  // The plaintext of a blob made by encrypt() with the same keys and associated data.
  Result<std::string> decrypt(std::string_view blob, std::string_view associated_data = {}) const;

  // Blind index of value for exact look-ups: 64 lower-case hex characters of
  // HMAC-SHA256(index key, domain || 0x00 || normalize(value)). The domain ("citizen_id",
  // "phone") separates indexes of different kinds of value; it must not contain a NUL byte
  // (std::invalid_argument). Deterministic: equal values give equal indexes, so an index reveals
  // which rows share a value; use it only for columns that need exact search.
  std::string blind_index(std::string_view domain, std::string_view value) const;

  // The normalization blind_index applies: ASCII letters upper-cased, ASCII spaces (0x20)
  // removed, every other byte kept ("11010519491231002x" -> "11010519491231002X").
  static std::string normalize_for_index(std::string_view value);

  // Prints "FieldCipher{keys redacted}" (or "FieldCipher{moved-from}"), never a key.
  friend std::ostream& operator<<(std::ostream& out, const FieldCipher& cipher);

 private:
  struct State;  // derived keys and fetched algorithms; defined in field_cipher.cpp
  const State& state() const;

  std::unique_ptr<State> state_;
};

}  // namespace zhishen::crypto
