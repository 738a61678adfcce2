#include "zhishen/json/write.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace zhishen::json {
namespace {

void write(std::string& out, const Value& v, int indent, int level);

void newline(std::string& out, int indent, int level) {
  out += '\n';
  out.append(static_cast<std::size_t>(indent * level), ' ');
}

void write_array(std::string& out, const Array& a, int indent, int level) {
  out += '[';
  bool first = true;
  for (const auto& e : a) {
    if (!first) out += ',';
    first = false;
    if (indent > 0) newline(out, indent, level + 1);
    write(out, e, indent, level + 1);
  }
  if (indent > 0 && !a.empty()) newline(out, indent, level);
  out += ']';
}

void write_object(std::string& out, const Object& o, int indent, int level) {
  out += '{';
  bool first = true;
  for (const auto& [k, e] : o) {
    if (!first) out += ',';
    first = false;
    if (indent > 0) newline(out, indent, level + 1);
    append_quoted(out, k);
    out += indent > 0 ? ": " : ":";
    write(out, e, indent, level + 1);
  }
  if (indent > 0 && !o.empty()) newline(out, indent, level);
  out += '}';
}

void write(std::string& out, const Value& v, int indent, int level) {
  switch (v.type()) {
    case Type::null: out += "null"; return;
    case Type::boolean: out += v.as_bool() ? "true" : "false"; return;
    case Type::number:
      if (std::isfinite(v.as_number())) {
        append_number(out, v.as_number());
      } else {
        out += "null";
      }
      return;
    case Type::string: append_quoted(out, v.as_string()); return;
    case Type::array: write_array(out, v.as_array(), indent, level); return;
    case Type::object: write_object(out, v.as_object(), indent, level); return;
  }
}

}  // namespace

void append_number(std::string& out, double n) {
  if (std::isnan(n)) { out += "NaN"; return; }
  if (std::isinf(n)) { out += n < 0 ? "-Infinity" : "Infinity"; return; }
  if (n == 0) { out += '0'; return; }  // also -0
  if (n < 0) { out += '-'; n = -n; }

  // Shortest round-trip digits in scientific form: d[.ddd]e±XX.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  const auto epos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, epos)) {
    if (c != '.') digits += c;
  }
  const int exp10 = std::atoi(std::string(sci.substr(epos + 1)).c_str());
  const int k = static_cast<int>(digits.size());
  const int point = exp10 + 1;  // ECMAScript's n: value = 0.digits × 10^point

  if (k <= point && point <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(point - k), '0');
  } else if (0 < point && point <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(point));
    out += '.';
    out.append(digits, static_cast<std::size_t>(point));
  } else if (-6 < point && point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += 'e';
    out += point - 1 >= 0 ? '+' : '-';
    out += std::to_string(std::abs(point - 1));
  }
}

std::string format_number(double n) {
  std::string s;
  append_number(s, n);
  return s;
}

void append_quoted(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied, which need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0xED) continue;
    out.append(s, run, i - run);
    run = i + 1;
    // A lone surrogate (WTF-8 ED A0..BF xx, made by cutting a surrogate pair) is escaped as
    // JSON.stringify does: \udxxx.
    if (c == 0xED) {
      if (i + 2 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0) {
        const unsigned cp = 0xD000u | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                            (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
        i += 2;
        run = i + 1;
      } else {
        run = i;  // an ordinary ED lead byte: copied with the run
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(s, run, s.size() - run);
  out += '"';
}

std::string to_json(const Value& v) {
  std::string out;
  write(out, v, 0, 0);
  return out;
}

void append_json(std::string& out, const Value& v) { write(out, v, 0, 0); }

std::string to_json_pretty(const Value& v, int indent) {
  std::string out;
  write(out, v, indent < 0 ? 0 : indent, 0);
  return out;
}

}  // namespace zhishen::json
