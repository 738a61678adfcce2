#pragma once
// Internal to zhishen_crypto: bytes written in a power-of-two alphabet (base64 for password
// hashes, base32 for TOTP secrets), unpadded, most significant bits first. Pure function.

#include <cstdint>
#include <string>
#include <string_view>

namespace zhishen::crypto::detail {

// `bits` bits per character (5 for base32, 6 for base64); `alphabet` has 2^bits characters.
inline std::string encode_radix(std::string_view bytes, std::string_view alphabet, int bits) {
  const std::uint32_t mask = (1U << bits) - 1;
  std::string out;
  std::uint32_t acc = 0;
  int have = 0;
  for (char ch : bytes) {
    acc = (acc << 8) | static_cast<unsigned char>(ch);
    have += 8;
    while (have >= bits) {
      have -= bits;
      out += alphabet[(acc >> have) & mask];
    }
  }
  if (have > 0) out += alphabet[(acc << (bits - have)) & mask];
  return out;
}

}  // namespace zhishen::crypto::detail
