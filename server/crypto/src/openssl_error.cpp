#include "openssl_error.hpp"

#include <openssl/err.h>

namespace zhishen::crypto::detail {

std::string drain_openssl_errors() {
  std::string out;
  const char* data = nullptr;
  int flags = 0;
  for (unsigned long code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags); code != 0;
       code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
    if ((flags & ERR_TXT_STRING) != 0 && data != nullptr && *data != '\0') {
      out += " (";
      out += data;
      out += ')';
    }
  }
  return out;
}

void throw_openssl_fault(std::string_view what) {
  std::string message = std::string(what) + " failed";
  std::string errors = drain_openssl_errors();
  message += errors.empty() ? std::string(" (OpenSSL reported no error)") : ": " + errors;
  throw CryptoFault(message);
}

}  // namespace zhishen::crypto::detail
