// scrypt password hashes over OpenSSL's EVP_KDF (see password.hpp). Owns nothing beyond each call;
// thread-safe (no shared state).
#include "zhishen/crypto/password.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/params.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <vector>

#include "openssl_error.hpp"
#include "radix.hpp"
#include "zhishen/crypto/hash.hpp"

namespace zhishen::crypto {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kKeyBytes = 32;
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) { return detail::encode_radix(bytes, kAlphabet, 6); }

std::optional<std::string> unbase64(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char ch : text) {
    int v = -1;
    if (ch >= 'A' && ch <= 'Z') v = ch - 'A';
    else if (ch >= 'a' && ch <= 'z') v = ch - 'a' + 26;
    else if (ch >= '0' && ch <= '9') v = ch - '0' + 52;
    else if (ch == '+') v = 62;
    else if (ch == '/') v = 63;
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  if ((acc & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

std::string scrypt(std::string_view password, std::string_view salt, const ScryptParams& params, std::size_t key_len) {
  detail::EvpKdfPtr kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr));
  if (!kdf) detail::throw_openssl_fault("EVP_KDF_fetch(SCRYPT)");
  detail::EvpKdfCtxPtr ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) detail::throw_openssl_fault("EVP_KDF_CTX_new(SCRYPT)");
  std::uint64_t n = std::uint64_t{1} << params.log2_n;
  auto r = static_cast<std::uint32_t>(params.r);
  auto p = static_cast<std::uint32_t>(params.p);
  // Room for the N * r * 128 bytes scrypt needs plus its small extras.
  std::uint64_t maxmem = n * r * 128 * 2 + (std::uint64_t{1} << 20);
  static const char kEmpty = 0;
  const OSSL_PARAM ps[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
                                        const_cast<char*>(password.empty() ? &kEmpty : password.data()), password.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()), salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
      OSSL_PARAM_construct_end()};
  std::string key(key_len, '\0');
  if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(key.data()), key.size(), ps) != 1) {
    detail::throw_openssl_fault("scrypt");
  }
  return key;
}

// "name=<int>" with the value in [lo, hi].
std::optional<int> param(std::string_view text, std::string_view name, int lo, int hi) {
  if (text.substr(0, name.size()) != name || text.size() <= name.size() + 1 || text[name.size()] != '=') {
    return std::nullopt;
  }
  const std::string_view digits = text.substr(name.size() + 1);
  int v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || end != digits.data() + digits.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

// Splits text on c.
std::vector<std::string_view> split(std::string_view text, char c) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const auto at = text.find(c, start);
    out.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

}  // namespace

std::string hash_password(std::string_view password, const ScryptParams& params) {
  const std::string salt = random_bytes(kSaltBytes);
  std::string key = scrypt(password, salt, params, kKeyBytes);
  std::string out = "$scrypt$ln=" + std::to_string(params.log2_n) + ",r=" + std::to_string(params.r) +
                    ",p=" + std::to_string(params.p) + "$" + base64(salt) + "$" + base64(key);
  OPENSSL_cleanse(key.data(), key.size());
  return out;
}

bool verify_password(std::string_view password, std::string_view encoded) {
  // "", "scrypt", "ln=..,r=..,p=..", salt, key
  const auto parts = split(encoded, '$');
  if (parts.size() != 5 || !parts[0].empty() || parts[1] != "scrypt") return false;
  const auto ps = split(parts[2], ',');
  if (ps.size() != 3) return false;
  const auto ln = param(ps[0], "ln", 10, 20);
  const auto r = param(ps[1], "r", 1, 16);
  const auto p = param(ps[2], "p", 1, 16);
  const auto salt = unbase64(parts[3]);
  const auto expected = unbase64(parts[4]);
  if (!ln || !r || !p || !salt || !expected || salt->empty() || expected->size() < 16 || expected->size() > 64) {
    return false;
  }
  std::string key = scrypt(password, *salt, {*ln, *r, *p}, expected->size());
  const bool same = constant_time_equal(key, *expected);
  OPENSSL_cleanse(key.data(), key.size());
  return same;
}

}  // namespace zhishen::crypto
