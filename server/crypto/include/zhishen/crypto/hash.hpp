#pragma once
// Hashing, HMAC, constant-time comparison, random bytes and hex over OpenSSL 3 (no OpenSSL type
// leaks out of this header). Byte strings are std::string / std::string_view holding raw bytes.
//
// Errors: from_hex returns crypto.hex.invalid; the others fail only when OpenSSL itself fails,
// which throws CryptoFault (crypto.internal).
//
// Ownership: every function returns a fresh value and keeps nothing. Thread-safety: all functions
// are free of shared state and may be called from any number of threads at once.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "zhishen/core/error.hpp"

namespace zhishen::crypto {

// SHA-256 of data.
std::array<std::uint8_t, 32> sha256(std::string_view data);
// SHA-256 of data as 64 lower-case hex characters.
std::string sha256_hex(std::string_view data);

// HMAC-SHA256(key, data) as 64 lower-case hex characters.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// True when a and b hold the same bytes. The time taken depends on the lengths only, never on
// where the contents differ (use it to compare MACs, tokens and password hashes).
bool constant_time_equal(std::string_view a, std::string_view b);

// n bytes from OpenSSL's CSPRNG (RAND_bytes). Throws CryptoFault if the generator fails.
std::string random_bytes(std::size_t n);

// Lower-case hex of bytes.
std::string to_hex(std::string_view bytes);
std::string to_hex(std::span<const std::uint8_t> bytes);
// Bytes from hex (either case, even length, no separators); crypto.hex.invalid otherwise. The
// error message names the offending position, never the input (it may be a key).
Result<std::string> from_hex(std::string_view hex);

// Standard base64 (RFC 4648 §4) with padding, and back; crypto.base64.invalid for anything else
// (other characters, whitespace, bad padding or length).
std::string to_base64(std::string_view bytes);
Result<std::string> from_base64(std::string_view text);

}  // namespace zhishen::crypto
