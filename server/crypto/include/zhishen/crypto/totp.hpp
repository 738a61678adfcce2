#pragma once
// Time-based one-time passwords (RFC 6238) for the staff's second factor (002 §9.3.3): HMAC-SHA1,
// 30-second steps counted from the Unix epoch, 6 digits — what authenticator apps (Google
// Authenticator, FreeOTP, 腾讯身份验证器, ...) use by default. Secrets are base32 text (RFC 4648,
// no padding; decoding ignores case, spaces and trailing '=').
//
//   const std::string secret = generate_totp_secret();          // shown once, as otpauth_uri(...)
//   if (auto step = verify_totp(secret, code, clock.now())) ...  // refuse *step <= the last used one
//
// Errors: totp.secret.invalid (not base32 / empty) from base32_decode; verify_totp answers
// nullopt for a malformed secret or code. OpenSSL failures throw CryptoFault (crypto.internal).
// Ownership: every function returns a fresh value and keeps nothing.
// Thread-safety: no shared state; call from any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "zhishen/core/date.hpp"
#include "zhishen/core/error.hpp"

namespace zhishen::crypto {

inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

// RFC 4648 base32, upper case, no padding.
std::string base32_encode(std::string_view bytes);
// Either case, spaces and trailing '=' ignored; totp.secret.invalid on any other character.
Result<std::string> base32_decode(std::string_view text);

// A new secret: 20 random bytes (the RFC 4226 recommendation for HMAC-SHA1), base32.
std::string generate_totp_secret();

// RFC 4226 HOTP: the `digits`-digit code (with leading zeros) for counter `counter` and raw key.
std::string hotp_code(std::string_view key, std::uint64_t counter, int digits = kTotpDigits);

// The step an instant falls in: floor(seconds since the epoch / 30).
std::int64_t totp_step(Instant t);

// The current code for a base32 secret (totp.secret.invalid for a malformed one).
Result<std::string> totp_code(std::string_view secret_base32, Instant at);

// The step whose code equals `code`, looking at the step of `now` and one step either side
// (clock drift between phone and server); nullopt when none matches, the code is not 6 ASCII
// digits or the secret is malformed. The comparison of codes is constant-time.
std::optional<std::int64_t> verify_totp(std::string_view secret_base32, std::string_view code, Instant now);

// The provisioning URI authenticator apps read from a QR code:
//   otpauth://totp/<issuer>:<account>?secret=<secret>&issuer=<issuer>&algorithm=SHA1&digits=6&period=30
// issuer and account percent-encoded (UTF-8, RFC 3986 unreserved characters kept).
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

// The issuer name Zhishen shows in authenticator apps.
inline constexpr std::string_view kTotpIssuer = "智审 Zhishen";

}  // namespace zhishen::crypto
