// RFC 6238 TOTP / RFC 4226 HOTP, base32 and otpauth URIs over OpenSSL's EVP_MAC (see totp.hpp).
// Owns nothing beyond each call; thread-safe (no shared state).
#include "zhishen/crypto/totp.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/params.h>

#include <array>

#include "openssl_error.hpp"
#include "radix.hpp"
#include "zhishen/crypto/hash.hpp"

namespace zhishen::crypto {
namespace {

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::array<unsigned char, 20> hmac_sha1(std::string_view key, std::string_view data) {
  detail::EvpMacPtr mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!mac) detail::throw_openssl_fault("EVP_MAC_fetch(HMAC)");
  detail::EvpMacCtxPtr ctx(EVP_MAC_CTX_new(mac.get()));
  if (!ctx) detail::throw_openssl_fault("EVP_MAC_CTX_new");
  char digest[] = "SHA1";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                               OSSL_PARAM_construct_end()};
  static const unsigned char kEmpty = 0;
  const auto* k = key.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(key.data());
  if (EVP_MAC_init(ctx.get(), k, key.size(), params) != 1) detail::throw_openssl_fault("EVP_MAC_init(HMAC-SHA1)");
  if (EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    detail::throw_openssl_fault("EVP_MAC_update");
  }
  std::array<unsigned char, 20> out{};
  std::size_t len = 0;
  if (EVP_MAC_final(ctx.get(), out.data(), &len, out.size()) != 1 || len != out.size()) {
    detail::throw_openssl_fault("EVP_MAC_final");
  }
  return out;
}

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0f];
    }
  }
  return out;
}

}  // namespace

std::string base32_encode(std::string_view bytes) { return detail::encode_radix(bytes, kBase32, 5); }

Result<std::string> base32_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == ' ') continue;
    int v = -1;
    if (ch >= 'A' && ch <= 'Z') v = ch - 'A';
    else if (ch >= 'a' && ch <= 'z') v = ch - 'a';
    else if (ch >= '2' && ch <= '7') v = ch - '2' + 26;
    if (v < 0) {
      OPENSSL_cleanse(out.data(), out.size());
      return make_error("totp.secret.invalid", "not a base32 character at position " + std::to_string(i));
    }
    acc = (acc << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  if (out.empty()) return make_error("totp.secret.invalid", "the secret is empty");
  return out;
}

std::string generate_totp_secret() { return base32_encode(random_bytes(20)); }

std::string hotp_code(std::string_view key, std::uint64_t counter, int digits) {
  std::string msg(8, '\0');
  for (int i = 7; i >= 0; --i) {
    msg[static_cast<std::size_t>(i)] = static_cast<char>(counter & 0xff);
    counter >>= 8;
  }
  const auto mac = hmac_sha1(key, msg);
  const unsigned offset = mac[19] & 0x0f;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string code = std::to_string(binary % mod);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::int64_t totp_step(Instant t) {
  const std::int64_t s = t.time_since_epoch().count();
  return s >= 0 ? s / kTotpStepSeconds : -((-s + kTotpStepSeconds - 1) / kTotpStepSeconds);
}

Result<std::string> totp_code(std::string_view secret_base32, Instant at) {
  auto key = base32_decode(secret_base32);
  if (!key) return key.error();
  std::string code = hotp_code(*key, static_cast<std::uint64_t>(totp_step(at)));
  OPENSSL_cleanse(key->data(), key->size());
  return code;
}

std::optional<std::int64_t> verify_totp(std::string_view secret_base32, std::string_view code, Instant now) {
  if (code.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  auto key = base32_decode(secret_base32);
  if (!key) return std::nullopt;
  const std::int64_t step = totp_step(now);
  std::optional<std::int64_t> matched;
  for (std::int64_t s = step - 1; s <= step + 1; ++s) {  // every candidate is computed: no early exit
    if (s < 0) continue;
    if (constant_time_equal(hotp_code(*key, static_cast<std::uint64_t>(s)), code) && !matched) matched = s;
  }
  OPENSSL_cleanse(key->data(), key->size());
  return matched;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
  const std::string iss = percent_encode(issuer);
  return "otpauth://totp/" + iss + ":" + percent_encode(account) + "?secret=" + std::string(secret_base32) +
         "&issuer=" + iss + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace zhishen::crypto
