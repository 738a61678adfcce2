#include "zhishen/crypto/tls_certificate.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "openssl_error.hpp"

namespace zhishen::crypto {
namespace {

using detail::drain_openssl_errors;

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct FileClose {
  void operator()(FILE* f) const { std::fclose(f); }
};

Error unwritable(const std::filesystem::path& p, const std::string& what) {
  return make_error("crypto.cert.unwritable", "cannot write " + p.string() + ": " + what);
}

bool add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  const int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return ok == 1;
}

}  // namespace

Status generate_self_signed(const std::filesystem::path& key_file, const std::filesystem::path& cert_file,
                            const std::string& common_name, int days) {
  std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_EC_gen("P-256"));
  if (!key) return make_error("crypto.internal", "cannot generate a key: " + drain_openssl_errors());
  std::unique_ptr<X509, X509Free> cert(X509_new());
  if (!cert) return make_error("crypto.internal", "cannot allocate a certificate");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(std::time(nullptr)));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(days) * 86400L);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Zhishen"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(common_name.c_str()),
                             -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  const std::string san = "DNS:" + common_name + ",DNS:localhost,IP:127.0.0.1,IP:::1";
  if (!add_extension(cert.get(), NID_subject_alt_name, san.c_str()) ||
      !add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
      !add_extension(cert.get(), NID_ext_key_usage, "serverAuth")) {
    return make_error("crypto.internal", "cannot add certificate extensions: " + drain_openssl_errors());
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
    return make_error("crypto.internal", "cannot sign the certificate: " + drain_openssl_errors());
  }

  std::error_code ec;
  if (key_file.has_parent_path()) std::filesystem::create_directories(key_file.parent_path(), ec);
  if (cert_file.has_parent_path()) std::filesystem::create_directories(cert_file.parent_path(), ec);
  const int fd = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return unwritable(key_file, "it exists or the directory is not writable");
  std::unique_ptr<FILE, FileClose> kf(fdopen(fd, "w"));
  if (!kf || PEM_write_PrivateKey(kf.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return unwritable(key_file, drain_openssl_errors());
  }
  std::unique_ptr<FILE, FileClose> cf(std::fopen(cert_file.c_str(), "w"));
  if (!cf || PEM_write_X509(cf.get(), cert.get()) != 1) return unwritable(cert_file, drain_openssl_errors());
  return {};
}

Result<std::string> certificate_fingerprint(const std::filesystem::path& cert_file) {
  std::unique_ptr<FILE, FileClose> f(std::fopen(cert_file.c_str(), "r"));
  if (!f) return make_error("crypto.cert.unreadable", "cannot read " + cert_file.string());
  std::unique_ptr<X509, X509Free> cert(PEM_read_X509(f.get(), nullptr, nullptr, nullptr));
  if (!cert) return make_error("crypto.cert.unreadable", cert_file.string() + " is not a PEM certificate");
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (X509_digest(cert.get(), EVP_sha256(), md, &n) != 1) {
    return make_error("crypto.internal", "cannot digest the certificate: " + drain_openssl_errors());
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    if (i != 0) out += ':';
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 0xF];
  }
  return out;
}

}  // namespace zhishen::crypto
