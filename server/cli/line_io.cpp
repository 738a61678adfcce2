#include "line_io.hpp"

#include <algorithm>
#include <cstring>

namespace zhishen::cli {

bool LineReader::fill() {
  if (eof_) return false;
  // Move the unread tail to the front, grow if a line is longer than the buffer, then read.
  constexpr std::size_t kChunk = 1 << 20;
  const std::size_t tail = end_ - pos_;
  if (pos_ != 0 && tail != 0) std::memmove(buf_.get(), buf_.get() + pos_, tail);
  pos_ = 0;
  end_ = tail;
  if (cap_ - end_ < kChunk) {
    const std::size_t cap = std::max(cap_ * 2, end_ + kChunk);
    auto bigger = std::make_unique_for_overwrite<char[]>(cap);
    if (end_ != 0) std::memcpy(bigger.get(), buf_.get(), end_);
    buf_ = std::move(bigger);
    cap_ = cap;
  }
  in_.read(buf_.get() + end_, static_cast<std::streamsize>(cap_ - end_));
  const auto got = static_cast<std::size_t>(in_.gcount());
  end_ += got;
  if (got == 0) eof_ = true;
  return got != 0;
}

bool LineReader::next(std::string_view& line) {
  for (;;) {
    const char* start = buf_.get() + pos_;
    const void* nl = end_ > pos_ ? std::memchr(start, '\n', end_ - pos_) : nullptr;
    if (nl != nullptr) {
      const auto len = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
      line = std::string_view(start, len);
      pos_ += len + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return true;
    }
    if (!fill()) {
      if (pos_ >= end_) return false;
      line = std::string_view(buf_.get() + pos_, end_ - pos_);
      pos_ = end_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return true;
    }
  }
}

}  // namespace zhishen::cli
