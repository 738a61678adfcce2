#pragma once
// Internal to zhishen_crypto: HMAC-SHA256 over several byte strings fed in order (as if
// concatenated), used by hmac_sha256_hex and FieldCipher's blind index. Throws CryptoFault when
// OpenSSL fails. Thread-safety: no shared state; a fetched EVP_MAC may be shared between threads
// (OpenSSL's fetched algorithms are immutable and reference-counted).

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "openssl_error.hpp"

namespace zhishen::crypto::detail {

// The HMAC algorithm from the default library context (fetch once, reuse: fetching costs a lookup).
EvpMacPtr fetch_hmac();

std::array<std::uint8_t, 32> hmac_sha256(EVP_MAC* hmac, std::string_view key, std::initializer_list<std::string_view> parts);

}  // namespace zhishen::crypto::detail
