#include "line_io.hpp"

namespace zhishen::cli {

bool LineReader::fill() {
  if (eof_) return false;
  // Keep the unread tail, then append a chunk.
  buf_.erase(0, pos_);
  pos_ = 0;
  constexpr std::size_t kChunk = 1 << 20;
  const std::size_t old = buf_.size();
  buf_.resize(old + kChunk);
  in_.read(buf_.data() + old, static_cast<std::streamsize>(kChunk));
  const auto got = static_cast<std::size_t>(in_.gcount());
  buf_.resize(old + got);
  if (got == 0) eof_ = true;
  return got != 0;
}

bool LineReader::next(std::string_view& line) {
  for (;;) {
    const std::size_t nl = buf_.find('\n', pos_);
    if (nl != std::string::npos) {
      line = std::string_view(buf_).substr(pos_, nl - pos_);
      pos_ = nl + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return true;
    }
    if (!fill()) {
      if (pos_ >= buf_.size()) return false;
      line = std::string_view(buf_).substr(pos_);
      pos_ = buf_.size();
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return true;
    }
  }
}

}  // namespace zhishen::cli
