#include "zhishen/crypto/field_cipher.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <climits>
#include <cstring>
#include <ostream>
#include <stdexcept>

#include "mac.hpp"
#include "openssl_error.hpp"
#include "zhishen/crypto/hash.hpp"

namespace zhishen::crypto {

// The derived keys and the algorithms, fetched once per FieldCipher (an implicit fetch on every
// call costs a provider lookup); fetched algorithms are immutable and may be shared by threads.
struct FieldCipher::State {
  std::array<std::uint8_t, 32> encryption{};
  std::array<std::uint8_t, 32> index{};
  detail::EvpCipherPtr aes_gcm;
  detail::EvpMacPtr hmac;
  // Tells a thread's encryption context which keys it holds (never reused, unlike an address).
  std::uint64_t id = next_id();

  static std::uint64_t next_id() {
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
  }

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State() {
    OPENSSL_cleanse(encryption.data(), encryption.size());
    OPENSSL_cleanse(index.data(), index.size());
  }
};

namespace {

constexpr std::string_view kEncryptionInfo = "zhishen field encryption v1";
constexpr std::string_view kIndexInfo = "zhishen blind index v1";
constexpr std::size_t kHeaderSize = 1 + FieldCipher::kNonceSize;

void hkdf_sha256(std::span<const std::uint8_t, 32> master, std::string_view info, std::array<std::uint8_t, 32>& out) {
  detail::EvpKdfPtr kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  if (!kdf) detail::throw_openssl_fault("EVP_KDF_fetch(HKDF)");
  detail::EvpKdfCtxPtr ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) detail::throw_openssl_fault("EVP_KDF_CTX_new");
  char digest[] = "SHA256";
  // OSSL_PARAM takes non-const pointers; OpenSSL only reads these buffers.
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<std::uint8_t*>(master.data()), master.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()), info.size()),
      OSSL_PARAM_construct_end()};
  if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) detail::throw_openssl_fault("HKDF-SHA256");
}

// Feeds n bytes through the cipher (out == nullptr: as associated data). GCM outputs exactly as
// many bytes as it takes. Returns false when OpenSSL fails.
bool cipher_update(EVP_CIPHER_CTX* ctx, unsigned char* out, const unsigned char* in, std::size_t n) {
  while (n > 0) {
    const std::size_t chunk = std::min<std::size_t>(n, INT_MAX / 2);
    int written = 0;
    if (EVP_CipherUpdate(ctx, out, &written, in, static_cast<int>(chunk)) != 1) return false;
    in += chunk;
    if (out != nullptr) out += chunk;
    n -= chunk;
  }
  return true;
}

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

detail::EvpCipherCtxPtr start_gcm(const EVP_CIPHER* aes_gcm, const std::array<std::uint8_t, 32>& key,
                                  const unsigned char* nonce, int encrypt) {
  detail::EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx) detail::throw_openssl_fault("EVP_CIPHER_CTX_new");
  // AES-256-GCM's default IV length is 12 bytes, our nonce size.
  if (EVP_CipherInit_ex(ctx.get(), aes_gcm, nullptr, key.data(), nonce, encrypt) != 1) {
    detail::throw_openssl_fault("AES-256-GCM init");
  }
  const unsigned char version = FieldCipher::kFormatVersion;
  if (!cipher_update(ctx.get(), nullptr, &version, 1)) detail::throw_openssl_fault("AES-256-GCM associated data");
  return ctx;
}

// A thread's encryption context, keyed for the FieldCipher it last encrypted with: each call then
// sets only the nonce, instead of making a context and expanding the AES key anew (the key
// schedule stays in the context until the thread keys it for another FieldCipher or ends).
struct ThreadEncryptor {
  std::uint64_t keys = 0;  // State::id, 0: not keyed
  detail::EvpCipherCtxPtr ctx;
};
thread_local ThreadEncryptor tl_encryptor;

// Nonces drawn from OpenSSL's generator 64 at a time: one RAND_bytes call instead of one per
// field. A forked child discards what its parent drew (the two would otherwise share nonces).
class NoncePool {
 public:
  void take(unsigned char* out) {
    const pid_t pid = getpid();
    if (used_ == bytes_.size() || pid != pid_) {
      if (RAND_bytes(bytes_.data(), static_cast<int>(bytes_.size())) != 1) detail::throw_openssl_fault("RAND_bytes (nonce)");
      used_ = 0;
      pid_ = pid;
    }
    std::memcpy(out, bytes_.data() + used_, FieldCipher::kNonceSize);
    used_ += FieldCipher::kNonceSize;
  }

 private:
  std::array<unsigned char, FieldCipher::kNonceSize * 64> bytes_{};
  std::size_t used_ = bytes_.size();
  pid_t pid_ = 0;
};
thread_local NoncePool tl_nonces;

}  // namespace

FieldCipher::FieldCipher(std::span<const std::uint8_t, kMasterKeySize> master_key) : state_(std::make_unique<State>()) {
  hkdf_sha256(master_key, kEncryptionInfo, state_->encryption);
  hkdf_sha256(master_key, kIndexInfo, state_->index);
  state_->aes_gcm.reset(EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr));
  if (!state_->aes_gcm) detail::throw_openssl_fault("EVP_CIPHER_fetch(AES-256-GCM)");
  state_->hmac = detail::fetch_hmac();
}

FieldCipher::~FieldCipher() = default;
FieldCipher::FieldCipher(FieldCipher&& other) noexcept = default;
FieldCipher& FieldCipher::operator=(FieldCipher&& other) noexcept = default;

const FieldCipher::State& FieldCipher::state() const {
  if (!state_) throw std::logic_error("FieldCipher used after it was moved from");
  return *state_;
}

std::string FieldCipher::encrypt(std::string_view plaintext, std::string_view associated_data) const {
  const State& k = state();
  std::string out(plaintext.size() + kOverhead, '\0');
  auto* base = reinterpret_cast<unsigned char*>(out.data());
  base[0] = kFormatVersion;
  unsigned char* nonce = base + 1;
  unsigned char* body = base + kHeaderSize;
  unsigned char* tag = body + plaintext.size();
  tl_nonces.take(nonce);

  ThreadEncryptor& e = tl_encryptor;
  if (!e.ctx) {
    e.ctx.reset(EVP_CIPHER_CTX_new());
    if (!e.ctx) detail::throw_openssl_fault("EVP_CIPHER_CTX_new");
  }
  EVP_CIPHER_CTX* ctx = e.ctx.get();
  if (e.keys != k.id) {
    e.keys = 0;
    if (EVP_CipherInit_ex(ctx, k.aes_gcm.get(), nullptr, k.encryption.data(), nullptr, 1) != 1) {
      detail::throw_openssl_fault("AES-256-GCM init");
    }
    e.keys = k.id;
  }
  // The key kept, a new nonce: GCM starts afresh (AES-256-GCM's default IV length is our 12 bytes).
  const unsigned char version = kFormatVersion;
  if (EVP_CipherInit_ex(ctx, nullptr, nullptr, nullptr, nonce, 1) != 1 || !cipher_update(ctx, nullptr, &version, 1)) {
    e.keys = 0;
    detail::throw_openssl_fault("AES-256-GCM init");
  }
  int written = 0;
  if (!cipher_update(ctx, nullptr, bytes_of(associated_data), associated_data.size()) ||
      !cipher_update(ctx, body, bytes_of(plaintext), plaintext.size()) ||
      EVP_CipherFinal_ex(ctx, tag, &written) != 1 || written != 0 ||
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagSize), tag) != 1) {
    e.keys = 0;
    detail::throw_openssl_fault("AES-256-GCM encrypt");
  }
  return out;
}

Result<std::string> FieldCipher::decrypt(std::string_view blob, std::string_view associated_data) const {
  const State& k = state();
  if (blob.size() < kOverhead) {
    return make_error("crypto.decrypt.format", "ciphertext too short: " + std::to_string(blob.size()) +
                                                   " bytes, at least " + std::to_string(kOverhead) + " expected");
  }
  const auto* base = bytes_of(blob);
  if (base[0] != kFormatVersion) {
    return make_error("crypto.decrypt.format", "unknown ciphertext format version " + std::to_string(base[0]));
  }
  const std::size_t body_size = blob.size() - kOverhead;
  const unsigned char* body = base + kHeaderSize;
  // The tag is only read; OpenSSL's ctrl interface takes a non-const pointer.
  auto* tag = const_cast<unsigned char*>(body + body_size);

  auto ctx = start_gcm(k.aes_gcm.get(), k.encryption, base + 1, 0);
  std::string plain(body_size, '\0');
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  if (!cipher_update(ctx.get(), nullptr, bytes_of(associated_data), associated_data.size()) ||
      !cipher_update(ctx.get(), out, body, body_size) ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagSize), tag) != 1) {
    detail::throw_openssl_fault("AES-256-GCM decrypt");
  }
  int written = 0;
  if (EVP_CipherFinal_ex(ctx.get(), out + body_size, &written) != 1) {
    OPENSSL_cleanse(plain.data(), plain.size());  // unauthenticated plaintext never leaves
    ERR_clear_error();
    return make_error("crypto.decrypt.auth",
                      "ciphertext failed authentication: wrong key, tampered data, or different associated data");
  }
  return plain;
}

std::string FieldCipher::normalize_for_index(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == ' ') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

std::string FieldCipher::blind_index(std::string_view domain, std::string_view value) const {
  const State& k = state();
  if (domain.find('\0') != std::string_view::npos) {
    throw std::invalid_argument("blind index domain must not contain a NUL byte");
  }
  std::string normalized = normalize_for_index(value);
  const std::string_view key(reinterpret_cast<const char*>(k.index.data()), k.index.size());
  const auto mac = detail::hmac_sha256(k.hmac.get(), key, {domain, std::string_view("\0", 1), normalized});
  OPENSSL_cleanse(normalized.data(), normalized.size());
  return to_hex(mac);
}

std::ostream& operator<<(std::ostream& out, const FieldCipher& cipher) {
  return out << (cipher.state_ ? "FieldCipher{keys redacted}" : "FieldCipher{moved-from}");
}

}  // namespace zhishen::crypto
