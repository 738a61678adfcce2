#include "zhishen/crypto/signing_key.hpp"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <optional>

#include "openssl_error.hpp"
#include "zhishen/crypto/hash.hpp"

namespace zhishen::crypto {
namespace {

using detail::EvpMdCtxPtr;
using detail::OpenSslDeleter;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<&EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<&BIO_free_all>>;

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

BioPtr read_bio(std::string_view text) {
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) detail::throw_openssl_fault("BIO_new_mem_buf");
  return bio;
}

std::optional<SignatureAlgorithm> algorithm_of(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "SM2")) return SignatureAlgorithm::sm2_sm3;
  if (EVP_PKEY_is_a(key, "EC")) {
    char group[64] = {0};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &len) == 1 &&
        std::string_view(group, len) == "prime256v1") {
      return SignatureAlgorithm::ecdsa_p256_sha256;
    }
    // An SM2 key read from a PEM may come back as an EC key on the SM2 curve.
    if (std::string_view(group, len) == "SM2") return SignatureAlgorithm::sm2_sm3;
  }
  return std::nullopt;
}

// A digest-sign/verify context for the key, with the SM2 signer identity where it applies.
EvpMdCtxPtr md_context(EVP_PKEY* key, SignatureAlgorithm alg, const std::string& sm2_id, bool signing) {
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) detail::throw_openssl_fault("EVP_MD_CTX_new");
  const char* md = alg == SignatureAlgorithm::sm2_sm3 ? "SM3" : "SHA256";
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  const int ok = signing ? EVP_DigestSignInit_ex(ctx.get(), &pctx, md, nullptr, nullptr, key, nullptr)
                         : EVP_DigestVerifyInit_ex(ctx.get(), &pctx, md, nullptr, nullptr, key, nullptr);
  if (ok != 1) detail::throw_openssl_fault(signing ? "EVP_DigestSignInit_ex" : "EVP_DigestVerifyInit_ex");
  if (alg == SignatureAlgorithm::sm2_sm3 &&
      EVP_PKEY_CTX_set1_id(pctx, sm2_id.data(), static_cast<int>(sm2_id.size())) != 1) {
    detail::throw_openssl_fault("EVP_PKEY_CTX_set1_id");
  }
  return ctx;
}

}  // namespace

std::string_view to_string(SignatureAlgorithm a) {
  return a == SignatureAlgorithm::sm2_sm3 ? "SM2-SM3" : "ECDSA-P256-SHA256";
}

Result<KeyPairPem> generate_key_pair(SignatureAlgorithm algorithm, std::string_view passphrase) {
  if (passphrase.size() < 8) return make_error("crypto.key.passphrase", "the passphrase must have at least 8 characters");
  EvpPkeyPtr key(algorithm == SignatureAlgorithm::sm2_sm3 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2")
                                                          : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) detail::throw_openssl_fault("EVP_PKEY_Q_keygen");
  BioPtr priv(BIO_new(BIO_s_mem()));
  BioPtr pub(BIO_new(BIO_s_mem()));
  if (!priv || !pub) detail::throw_openssl_fault("BIO_new");
  if (PEM_write_bio_PKCS8PrivateKey(priv.get(), key.get(), EVP_aes_256_cbc(), passphrase.data(),
                                    static_cast<int>(passphrase.size()), nullptr, nullptr) != 1) {
    detail::throw_openssl_fault("PEM_write_bio_PKCS8PrivateKey");
  }
  if (PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1) detail::throw_openssl_fault("PEM_write_bio_PUBKEY");
  return KeyPairPem{bio_text(priv.get()), bio_text(pub.get())};
}

struct SigningKey::Impl {
  EvpPkeyPtr key;
  SignatureAlgorithm alg;
  std::string sm2_id;
};

SigningKey::SigningKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

Result<SigningKey> SigningKey::load(std::string_view private_pem, std::string_view passphrase, std::string sm2_id) {
  auto bio = read_bio(private_pem);
  std::string pass(passphrase);
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, pass.data()));
  detail::drain_openssl_errors();
  if (!key) return make_error("crypto.key.passphrase", "the private key does not open with this passphrase");
  auto alg = algorithm_of(key.get());
  if (!alg) return make_error("crypto.key.invalid", "the key is neither SM2 nor ECDSA P-256");
  return SigningKey(std::make_unique<Impl>(Impl{std::move(key), *alg, std::move(sm2_id)}));
}

SignatureAlgorithm SigningKey::algorithm() const { return impl_->alg; }

std::string SigningKey::sign(std::string_view message) const {
  auto ctx = md_context(impl_->key.get(), impl_->alg, impl_->sm2_id, true);
  std::size_t len = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(message.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &len, data, message.size()) != 1) detail::throw_openssl_fault("EVP_DigestSign");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, data, message.size()) != 1) {
    detail::throw_openssl_fault("EVP_DigestSign");
  }
  sig.resize(len);
  return sig;
}

std::string SigningKey::public_pem() const {
  BioPtr pub(BIO_new(BIO_s_mem()));
  if (!pub || PEM_write_bio_PUBKEY(pub.get(), impl_->key.get()) != 1) detail::throw_openssl_fault("PEM_write_bio_PUBKEY");
  return bio_text(pub.get());
}

struct VerifyingKey::Impl {
  EvpPkeyPtr key;
  SignatureAlgorithm alg;
  std::string sm2_id;
};

VerifyingKey::VerifyingKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VerifyingKey::VerifyingKey(VerifyingKey&&) noexcept = default;
VerifyingKey& VerifyingKey::operator=(VerifyingKey&&) noexcept = default;
VerifyingKey::~VerifyingKey() = default;

Result<VerifyingKey> VerifyingKey::load(std::string_view public_pem, std::string sm2_id) {
  auto bio = read_bio(public_pem);
  EvpPkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  detail::drain_openssl_errors();
  if (!key) return make_error("crypto.key.invalid", "not a PEM public key");
  auto alg = algorithm_of(key.get());
  if (!alg) return make_error("crypto.key.invalid", "the key is neither SM2 nor ECDSA P-256");
  return VerifyingKey(std::make_unique<Impl>(Impl{std::move(key), *alg, std::move(sm2_id)}));
}

SignatureAlgorithm VerifyingKey::algorithm() const { return impl_->alg; }

Status VerifyingKey::verify(std::string_view message, std::string_view signature) const {
  auto ctx = md_context(impl_->key.get(), impl_->alg, impl_->sm2_id, false);
  const int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                  reinterpret_cast<const unsigned char*>(message.data()), message.size());
  detail::drain_openssl_errors();
  if (ok != 1) return make_error("crypto.signature.invalid", "the signature does not verify with this key");
  return {};
}

std::string sm3_hex(std::string_view data) {
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!ctx || EVP_DigestInit_ex2(ctx.get(), EVP_sm3(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 || EVP_DigestFinal_ex(ctx.get(), out, &len) != 1) {
    detail::throw_openssl_fault("SM3");
  }
  return to_hex(std::string_view(reinterpret_cast<const char*>(out), len));
}

}  // namespace zhishen::crypto
