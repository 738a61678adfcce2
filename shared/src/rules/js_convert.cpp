// ToNumber, parseFloat, ToString and truthiness (see js.hpp).
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "zhishen/json/write.hpp"
#include "zhishen/rules/js.hpp"

namespace zhishen::rules::js {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Length of the JavaScript white space or line terminator at s[i], or 0.
std::size_t space_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;  // U+00A0
  if (i + 2 >= s.size()) return 0;
  const auto c1 = static_cast<unsigned char>(s[i + 1]);
  const auto c2 = static_cast<unsigned char>(s[i + 2]);
  if (c == 0xE1 && c1 == 0x9A && c2 == 0x80) return 3;                                    // U+1680
  if (c == 0xE2 && c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) return 3;
  if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;                                    // U+205F
  if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;                                    // U+3000
  if (c == 0xEF && c1 == 0xBB && c2 == 0xBF) return 3;                                    // U+FEFF
  return 0;
}

std::string_view trim_start(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t n = space_at(s, i);
    if (n == 0) break;
    i += n;
  }
  return s.substr(i);
}

std::string_view trim(std::string_view s) {
  s = trim_start(s);
  // Trailing: scan forward, remembering where the last non-space ended.
  std::size_t i = 0, end = 0;
  while (i < s.size()) {
    const std::size_t n = space_at(s, i);
    if (n == 0) {
      ++i;
      end = i;
    } else {
      i += n;
    }
  }
  return s.substr(0, end);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Longest prefix of s that is a StrUnsignedDecimalLiteral (digits, '.', exponent); 0 if none.
std::size_t decimal_prefix(std::string_view s) {
  std::size_t i = 0;
  bool digits = false;
  while (i < s.size() && is_digit(s[i])) { ++i; digits = true; }
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    bool frac = false;
    while (j < s.size() && is_digit(s[j])) { ++j; frac = true; }
    if (digits || frac) {
      i = j;
      digits = true;
    }
  }
  if (!digits) return 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && is_digit(s[j])) {
      while (j < s.size() && is_digit(s[j])) ++j;
      i = j;
    }
  }
  return i;
}

double decimal_value(std::string_view digits) {
  double d = 0;
  auto res = std::from_chars(digits.data(), digits.data() + digits.size(), d);
  if (res.ec == std::errc::result_out_of_range) d = std::strtod(std::string(digits).c_str(), nullptr);
  return d;
}

double radix_value(std::string_view s, int radix) {
  if (s.empty()) return kNaN;
  double v = 0;
  for (char c : s) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
    if (d < 0 || d >= radix) return kNaN;
    v = v * radix + d;
  }
  return v;
}

// [+-]? (Infinity | decimal): the value and how many bytes it took (0: none).
std::pair<double, std::size_t> signed_decimal_prefix(std::string_view s) {
  std::size_t i = 0;
  double sign = 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    sign = s[i] == '-' ? -1 : 1;
    ++i;
  }
  const std::string_view rest = s.substr(i);
  if (rest.substr(0, 8) == "Infinity") return {sign * kInf, i + 8};
  const std::size_t n = decimal_prefix(rest);
  if (n == 0) return {kNaN, 0};
  return {sign * decimal_value(rest.substr(0, n)), i + n};
}

void append_number_js(std::string& out, double n) { json::append_number(out, n); }

}  // namespace

bool truthy(const Val& v) {
  switch (v.kind) {
    case Kind::undefined:
    case Kind::null: return false;
    case Kind::boolean: return v.b;
    case Kind::number: return v.n != 0 && !std::isnan(v.n);
    case Kind::string: return v.len != 0;
    case Kind::array: return v.a->size != 0;
    case Kind::object: return true;
  }
  return false;
}

double string_to_number(std::string_view s) {
  s = trim(s);
  if (s.empty()) return 0;
  if (s.size() > 2 && s[0] == '0') {
    if (s[1] == 'x' || s[1] == 'X') return radix_value(s.substr(2), 16);
    if (s[1] == 'o' || s[1] == 'O') return radix_value(s.substr(2), 8);
    if (s[1] == 'b' || s[1] == 'B') return radix_value(s.substr(2), 2);
  }
  auto [value, used] = signed_decimal_prefix(s);
  return used == s.size() ? value : kNaN;
}

double to_number(const Val& v) {
  switch (v.kind) {
    case Kind::undefined: return kNaN;
    case Kind::null: return 0;
    case Kind::boolean: return v.b ? 1 : 0;
    case Kind::number: return v.n;
    case Kind::string: return string_to_number(v.str());
    case Kind::array: {
      if (v.a->size == 0) return 0;
      std::string s;
      append_string(s, v);
      return string_to_number(s);
    }
    case Kind::object: return kNaN;
  }
  return kNaN;
}

double parse_float(const Val& v) {
  if (v.kind == Kind::number) return v.n == 0 ? 0.0 : v.n;  // String(-0) is "0"
  std::string s;
  append_string(s, v);
  return signed_decimal_prefix(trim_start(s)).first;
}

double to_integer_or_infinity(const Val& v) {
  const double d = to_number(v);
  if (std::isnan(d)) return 0;
  if (std::isinf(d)) return d;
  return std::trunc(d) + 0.0;  // no -0
}

void append_join(std::string& out, const Val& v) {
  if (v.is_nullish()) return;
  append_string(out, v);
}

void append_string(std::string& out, const Val& v) {
  switch (v.kind) {
    case Kind::undefined: out += "undefined"; return;
    case Kind::null: out += "null"; return;
    case Kind::boolean: out += v.b ? "true" : "false"; return;
    case Kind::number: append_number_js(out, v.n); return;
    case Kind::string: out.append(v.s, v.len); return;
    case Kind::array:
      for (std::uint32_t i = 0; i < v.a->size; ++i) {
        if (i != 0) out += ',';
        append_join(out, v.a->items[i]);
      }
      return;
    case Kind::object: out += "[object Object]"; return;
  }
}

Val to_string(const Val& v, Arena& arena) {
  if (v.kind == Kind::string) return v;
  std::string s;
  append_string(s, v);
  return make_string(arena, s);
}

}  // namespace zhishen::rules::js
