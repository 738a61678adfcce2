#pragma once
// KeyRing: the departments' e-certificate signing keys, read from a key directory, as the Signer
// port. The layout (written by `zhishen keys generate` and generate_department_key):
//
//   DIR/<department>/<key id>.key.pem   encrypted PKCS#8 private key (mode 0600)
//   DIR/<department>/<key id>.pub.pem   public key (SubjectPublicKeyInfo)
//
// Key ids are "<department>-<UTC yyyymmddThhmmssZ>", so the newest sorts last. A department signs
// with its newest key whose private half opens with the passphrase; every public key found still
// verifies, so certificates signed before a rotation stay valid (retire a key by removing its
// .key.pem and keeping its .pub.pem).
//
// Errors: signer.no_key (sign for a department without a usable private key), signer.unknown_key,
// signer.bad_signature; load: crypto.key.unreadable (a key file that cannot be read or parsed —
// the message names the file). generate_department_key: crypto.key.exists, crypto.key.unwritable,
// crypto.key.passphrase, keys.department.invalid.
// Ownership: owns the OpenSSL keys. Thread-safety: const after load; sign/verify from any thread.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "zhishen/core/date.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/crypto/signing_key.hpp"
#include "zhishen/ports/signer.hpp"

namespace zhishen::crypto {

struct PublicKeyInfo {
  std::string department;
  std::string key_id;
  std::string algorithm;  // "SM2-SM3" | "ECDSA-P256-SHA256"
  std::string pem;
  bool signing = false;   // this department signs with it now
};

class KeyRing final : public ports::Signer {
 public:
  KeyRing();  // empty: signs nothing, verifies nothing
  static Result<KeyRing> load(const std::filesystem::path& dir, std::string_view passphrase,
                              std::string sm2_id = std::string(kDefaultSm2Id));
  KeyRing(KeyRing&&) noexcept;
  KeyRing& operator=(KeyRing&&) noexcept;
  ~KeyRing() override;

  Result<ports::Signature> sign(const std::string& department, const ports::Bytes& message) override;
  Status verify(const ports::Bytes& message, const ports::Signature& signature) const override;
  Status verify(std::string_view message, const std::string& key_id, std::string_view signature) const;

  bool can_sign(const std::string& department) const;
  // The department a key id belongs to (nullopt: unknown key).
  std::optional<std::string> department_of(const std::string& key_id) const;
  std::vector<PublicKeyInfo> public_keys() const;  // by department, then key id

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A department code usable as a directory name: 1–64 of [A-Za-z0-9_-].
bool valid_department_code(std::string_view code);

// Writes a new key pair for `department` under `dir` (creating DIR/<department>/ with mode 0700)
// and returns its key id. Never overwrites a file.
Result<std::string> generate_department_key(const std::filesystem::path& dir, const std::string& department,
                                            SignatureAlgorithm algorithm, std::string_view passphrase, Instant now);

// The passphrase in a passphrase file: its first line (without the line end). The file must not be
// readable by group or others. Errors: crypto.key.missing, crypto.key.unreadable,
// crypto.key.permissions, crypto.key.passphrase (an empty first line).
Result<std::string> read_passphrase_file(const std::filesystem::path& path);
// A new passphrase file (mode 0600) holding 32 random base64 characters; never overwrites.
Status generate_passphrase_file(const std::filesystem::path& path);

}  // namespace zhishen::crypto
