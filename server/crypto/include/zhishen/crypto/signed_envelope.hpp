#pragma once
// A signed JSON document as files, QR codes and the API carry it — an e-certificate
// ("zhishen-certificate/1") or a department's revocation list ("zhishen-revocation-list/1"):
//
//   {"format": "...", "body": {...},
//    "signature": {"algorithm": "SM2-SM3", "key_id": "FZ-SCJG-20261122T031500Z",
//                  "sm2_id": "1234567812345678", "value": "<base64 DER>"}}
//
// The signature covers the canonical JSON (RFC 8785) of "body" as UTF-8 — nothing else, so the
// envelope's own spacing and member order do not matter. sm2_id is present for SM2 only.
//
// Errors: envelope.invalid (not JSON, a member missing or of the wrong type, bad base64),
// envelope.format (another format than expected).
// Thread-safety: pure functions.

#include <string>
#include <string_view>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"
#include "zhishen/ports/signer.hpp"

namespace zhishen::crypto {

inline constexpr std::string_view kCertificateFormat = "zhishen-certificate/1";
inline constexpr std::string_view kRevocationListFormat = "zhishen-revocation-list/1";

struct SignedEnvelope {
  std::string format;
  json::Value body;
  ports::Signature signature;
  std::string sm2_id;
};

json::Value envelope_json(const SignedEnvelope& e);
Result<SignedEnvelope> read_envelope(std::string_view text, std::string_view expected_format);

// Checks the envelope's signature with a public key (PEM); the algorithm named in the envelope
// must be the key's. Errors: crypto.key.invalid (bad PEM), crypto.signature.invalid,
// json.canonical.number.
Status verify_envelope(const SignedEnvelope& e, std::string_view public_pem);

}  // namespace zhishen::crypto
