#pragma once
// Fast line input and buffered output for the commands that stream JSON lines (rules eval).
// LineReader reads large chunks; each line (without "\n" or a trailing "\r") stays valid until the
// next call. OutputBuffer collects text and writes it in large pieces.
// Thread-safety: one reader/writer per thread.

#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace zhishen::cli {

class LineReader {
 public:
  explicit LineReader(std::istream& in) : in_(in) {}
  // False at end of input. The last line need not end with "\n".
  bool next(std::string_view& line);

 private:
  bool fill();
  std::istream& in_;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_ = 0;
  std::size_t pos_ = 0;  // next unread byte
  std::size_t end_ = 0;  // end of the bytes read
  bool eof_ = false;
};

class OutputBuffer {
 public:
  explicit OutputBuffer(std::ostream& out) : out_(out) {}
  ~OutputBuffer() { flush(); }
  std::string& text() { return buf_; }
  void line_done() {
    buf_ += '\n';
    if (buf_.size() >= (1u << 20)) flush();
  }
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  std::ostream& out_;
  std::string buf_;
};

}  // namespace zhishen::cli
