#include "zhishen/crypto/hash.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>

#include "mac.hpp"
#include "openssl_error.hpp"

namespace zhishen::crypto {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  static const unsigned char kEmpty = 0;  // OpenSSL rejects some NULL pointers even at length 0
  return s.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(s.data());
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

namespace detail {

EvpMacPtr fetch_hmac() {
  EvpMacPtr mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!mac) throw_openssl_fault("EVP_MAC_fetch(HMAC)");
  return mac;
}

std::array<std::uint8_t, 32> hmac_sha256(EVP_MAC* hmac, std::string_view key, std::initializer_list<std::string_view> parts) {
  EvpMacCtxPtr ctx(EVP_MAC_CTX_new(hmac));
  if (!ctx) throw_openssl_fault("EVP_MAC_CTX_new");
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                               OSSL_PARAM_construct_end()};
  if (EVP_MAC_init(ctx.get(), bytes_of(key), key.size(), params) != 1) throw_openssl_fault("EVP_MAC_init");
  for (std::string_view part : parts) {
    if (!part.empty() && EVP_MAC_update(ctx.get(), bytes_of(part), part.size()) != 1) {
      throw_openssl_fault("EVP_MAC_update");
    }
  }
  std::array<std::uint8_t, 32> out{};
  std::size_t len = 0;
  if (EVP_MAC_final(ctx.get(), out.data(), &len, out.size()) != 1 || len != out.size()) {
    throw_openssl_fault("EVP_MAC_final");
  }
  return out;
}

}  // namespace detail

std::array<std::uint8_t, 32> sha256(std::string_view data) {
  detail::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) detail::throw_openssl_fault("EVP_MD_CTX_new");
  std::array<std::uint8_t, 32> out{};
  unsigned int len = 0;
  if (EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1 || len != out.size()) {
    detail::throw_openssl_fault("SHA-256");
  }
  return out;
}

std::string sha256_hex(std::string_view data) { return to_hex(sha256(data)); }

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  return to_hex(detail::hmac_sha256(detail::fetch_hmac().get(), key, {data}));
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;  // lengths are not secret
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  for (std::size_t done = 0; done < n;) {
    const std::size_t chunk = std::min<std::size_t>(n - done, INT_MAX);
    if (RAND_bytes(p + done, static_cast<int>(chunk)) != 1) detail::throw_openssl_fault("RAND_bytes");
    done += chunk;
  }
  return out;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0f];
  }
  return out;
}

std::string to_hex(std::string_view bytes) {
  return to_hex(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

std::string to_base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

Result<std::string> from_base64(std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (text.size() % 4 != 0) return make_error("crypto.base64.invalid", "base64 text length is not a multiple of 4");
  std::size_t pad = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '=') {
      if (i + 2 < text.size()) return make_error("crypto.base64.invalid", "padding inside base64 text");
      ++pad;
    } else if (pad > 0 || kAlphabet.find(c) == std::string_view::npos) {
      return make_error("crypto.base64.invalid", "invalid base64 character at " + std::to_string(i));
    }
  }
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return make_error("crypto.base64.invalid", "base64 text does not decode");
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

Result<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return make_error("crypto.hex.invalid", "hex text has an odd number of characters (" + std::to_string(hex.size()) + ")");
  }
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_value(hex[2 * i]);
    const int lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      OPENSSL_cleanse(out.data(), out.size());  // may be part of a key
      return make_error("crypto.hex.invalid",
                        "not a hexadecimal digit at position " + std::to_string(2 * i + (hi < 0 ? 0 : 1)));
    }
    out[i] = static_cast<char>((hi << 4) | lo);
  }
  return out;
}

}  // namespace zhishen::crypto
