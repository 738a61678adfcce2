#pragma once
// Internal to zhishen_crypto: the one place that turns OpenSSL failures into CryptoFault, and the
// RAII owners of OpenSSL's EVP objects (the bssl::UniquePtr idiom: a std::unique_ptr whose
// deleter is the matching *_free function). Put every new OpenSSL object into one of these on the
// line that makes it.
//
// Thread-safety: OpenSSL's error queue is per thread, so draining it is thread-safe.

#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <memory>
#include <string>
#include <string_view>

#include "zhishen/crypto/fault.hpp"

namespace zhishen::crypto::detail {

// Empties this thread's OpenSSL error queue and returns its entries as one line
// ("error:...; error:..."), or "" when it was empty.
std::string drain_openssl_errors();

// Throws CryptoFault("<what> failed: <drained errors>").
[[noreturn]] void throw_openssl_fault(std::string_view what);

template <auto FreeFn>
struct OpenSslDeleter {
  template <class T>
  void operator()(T* p) const noexcept { FreeFn(p); }
};

using EvpCipherPtr = std::unique_ptr<EVP_CIPHER, OpenSslDeleter<&EVP_CIPHER_free>>;
using EvpCipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, OpenSslDeleter<&EVP_CIPHER_CTX_free>>;
using EvpMacPtr = std::unique_ptr<EVP_MAC, OpenSslDeleter<&EVP_MAC_free>>;
using EvpMacCtxPtr = std::unique_ptr<EVP_MAC_CTX, OpenSslDeleter<&EVP_MAC_CTX_free>>;
using EvpKdfPtr = std::unique_ptr<EVP_KDF, OpenSslDeleter<&EVP_KDF_free>>;
using EvpKdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, OpenSslDeleter<&EVP_KDF_CTX_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<&EVP_MD_CTX_free>>;

}  // namespace zhishen::crypto::detail
