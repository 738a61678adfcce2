#include "zhishen/json/parse.hpp"

#include "zhishen/json/detail/text.hpp"

#include <charconv>
#include <cstdlib>
#include <optional>

namespace zhishen::json {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Result<Value> run() {
    skip_ws();
    Value v;
    if (!value(v, 0)) return *err_;
    skip_ws();
    if (pos_ != s_.size()) return fail("json.parse.syntax", "unexpected text after the value");
    return v;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
  std::optional<Error> err_;

  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[pos_]; }

  Error fail(const char* id, std::string what) {
    err_ = make_error(id, what + " at byte " + std::to_string(pos_));
    return *err_;
  }
  bool failed(const char* id, std::string what) {
    fail(id, std::move(what));
    return false;
  }

  void skip_ws() {
    while (!at_end()) {
      const char c = s_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return failed("json.parse.syntax", "invalid literal");
    pos_ += word.size();
    return true;
  }

  bool value(Value& out, int depth) {
    if (depth > kMaxDepth) return failed("json.parse.depth", "nesting too deep");
    switch (peek()) {
      case '{': return object(out, depth);
      case '[': return array(out, depth);
      case '"': {
        std::string s;
        if (!string(s)) return false;
        out = Value(std::move(s));
        return true;
      }
      case 't': out = Value(true); return literal("true");
      case 'f': out = Value(false); return literal("false");
      case 'n': out = Value(nullptr); return literal("null");
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return number(out);
        return failed("json.parse.syntax", at_end() ? "unexpected end of input" : "unexpected character");
    }
  }

  bool array(Value& out, int depth) {
    ++pos_;  // '['
    Array a;
    skip_ws();
    if (peek() == ']') {
      ++pos_;
      out = Value(std::move(a));
      return true;
    }
    for (;;) {
      skip_ws();
      Value e;
      if (!value(e, depth + 1)) return false;
      a.push_back(std::move(e));
      skip_ws();
      if (peek() == ',') { ++pos_; continue; }
      if (peek() == ']') { ++pos_; break; }
      return failed("json.parse.syntax", "expected ',' or ']'");
    }
    out = Value(std::move(a));
    return true;
  }

  bool object(Value& out, int depth) {
    ++pos_;  // '{'
    out = Value(Object{});
    skip_ws();
    if (peek() == '}') { ++pos_; return true; }
    for (;;) {
      skip_ws();
      if (peek() != '"') return failed("json.parse.syntax", "expected a member name");
      std::string key;
      if (!string(key)) return false;
      skip_ws();
      if (peek() != ':') return failed("json.parse.syntax", "expected ':'");
      ++pos_;
      skip_ws();
      Value v;
      if (!value(v, depth + 1)) return false;
      out.set(std::move(key), std::move(v));
      skip_ws();
      if (peek() == ',') { ++pos_; continue; }
      if (peek() == '}') { ++pos_; break; }
      return failed("json.parse.syntax", "expected ',' or '}'");
    }
    return true;
  }

  bool number(Value& out) {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') ++pos_;
    } else {
      return failed("json.parse.syntax", "invalid number");
    }
    if (peek() == '.') {
      ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) return failed("json.parse.syntax", "invalid number");
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) return failed("json.parse.syntax", "invalid number");
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    const char* first = s_.data() + start;
    const char* last = s_.data() + pos_;
    double d = 0;
    auto res = std::from_chars(first, last, d);
    if (res.ec == std::errc::result_out_of_range) {
      // Overflow gives ±HUGE_VAL (Infinity) and underflow 0, as JSON.parse does.
      d = std::strtod(std::string(first, last).c_str(), nullptr);
    }
    out = Value(d);
    return true;
  }

  bool escape(std::string& out) {
    const char* p = s_.data() + pos_;
    const char* err = detail::decode_escape(p, s_.data() + s_.size(), out);
    pos_ = static_cast<std::size_t>(p - s_.data());
    return err == nullptr || failed("json.parse.string", err);
  }

  bool string(std::string& out) {
    ++pos_;  // opening quote
    for (;;) {
      if (at_end()) return failed("json.parse.syntax", "unterminated string");
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') { ++pos_; return true; }
      if (c == '\\') {
        if (!escape(out)) return false;
      } else if (c < 0x20) {
        return failed("json.parse.string", "raw control character in string");
      } else if (c < 0x80) {
        out += static_cast<char>(c);
        ++pos_;
      } else {
        const std::size_t n = detail::utf8_sequence_length(s_.data() + pos_, s_.size() - pos_);
        if (n == 0) return failed("json.parse.utf8", "invalid UTF-8");
        out.append(s_.substr(pos_, n));
        pos_ += n;
      }
    }
  }
};

}  // namespace

Result<Value> parse(std::string_view text) { return Parser(text).run(); }

}  // namespace zhishen::json
