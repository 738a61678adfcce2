#pragma once
// The server's TLS certificate when the administrator has not configured one: a self-signed
// ECDSA P-256 certificate made on first start (key file mode 0600), and the SHA-256 fingerprint
// that clients pin (the desktop shows it for the user to trust once).
//
// Error ids: crypto.cert.unwritable, crypto.cert.unreadable.
// Thread-safety: functions over files; call from one thread at start-up.

#include <filesystem>
#include <string>

#include "zhishen/core/error.hpp"

namespace zhishen::crypto {

// Writes a new key and certificate (valid `days`) for `common_name` and the given DNS names/IPs.
Status generate_self_signed(const std::filesystem::path& key_file, const std::filesystem::path& cert_file,
                            const std::string& common_name, int days = 825);

// SHA-256 over the certificate's DER encoding, as upper-case hex pairs joined by ':' (what
// `openssl x509 -noout -fingerprint -sha256` prints after "sha256 Fingerprint=").
Result<std::string> certificate_fingerprint(const std::filesystem::path& cert_file);

}  // namespace zhishen::crypto
