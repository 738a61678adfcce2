#include "gbk.hpp"

#include <cerrno>
#include <stdexcept>

namespace zhishen::reports::detail {

Gbk::Gbk() : cd_(iconv_open("GBK", "UTF-8")) {
  if (cd_ == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv cannot convert UTF-8 to GBK");
}

Gbk::~Gbk() { iconv_close(cd_); }

bool Gbk::try_convert(std::string_view utf8, std::string& out) {
  iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // reset the state
  out.resize(utf8.size() * 2 + 4);
  char* in = const_cast<char*>(utf8.data());  // iconv's signature; the input is not changed
  std::size_t in_left = utf8.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  if (iconv(cd_, &in, &in_left, &dst, &out_left) == static_cast<std::size_t>(-1)) return false;
  out.resize(out.size() - out_left);
  return true;
}

std::string Gbk::convert(std::string_view utf8, int* missing) {
  std::string out;
  if (try_convert(utf8, out)) return out;
  // Some character is not in GBK (or the text is not UTF-8): convert one character at a time.
  std::string all, one;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t n = std::min(utf8_length(static_cast<unsigned char>(utf8[i])), utf8.size() - i);
    if (try_convert(utf8.substr(i, n), one)) {
      all += one;
    } else {
      all += "\xA1\xF5";  // □ in GBK
      if (missing != nullptr) ++*missing;
    }
    i += n;
  }
  return all;
}

}  // namespace zhishen::reports::detail
