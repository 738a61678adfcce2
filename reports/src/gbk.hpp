#pragma once
// UTF-8 → GBK for the Adobe-GB1 fonts (libharu's GBK-EUC-H encoding). A character GBK lacks
// becomes "□" (the customary mark of a missing character). Owns an iconv handle: one per render, one thread at a time.

#include <iconv.h>

#include <string>
#include <string_view>

namespace zhishen::reports::detail {

class Gbk {
 public:
  Gbk();
  ~Gbk();
  Gbk(const Gbk&) = delete;
  Gbk& operator=(const Gbk&) = delete;

  // `missing` (optional) counts the characters replaced.
  std::string convert(std::string_view utf8, int* missing = nullptr);

 private:
  bool try_convert(std::string_view utf8, std::string& out);
  iconv_t cd_;
};

// The length of the UTF-8 sequence that starts with byte c (1 for a stray continuation byte).
inline std::size_t utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace zhishen::reports::detail
