#pragma once
// Lexing helpers shared by the JSON parsers (json::parse for the document tree, rules::parse_val
// for the arena values of the rules engine): UTF-8 validation, hex digits, UTF-8 encoding.
// Thread-safety: pure inline functions.

#include <cstddef>
#include <string>

namespace zhishen::json::detail {

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of the valid UTF-8 sequence (2..4 bytes) starting with a non-ASCII byte at p, or 0 when it
// is invalid (overlong, surrogate, beyond U+10FFFF, truncated).
inline std::size_t utf8_sequence_length(const char* p, std::size_t avail) {
  const auto b0 = static_cast<unsigned char>(p[0]);
  std::size_t n = 0;
  unsigned min = 0;
  unsigned cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) { n = 2; cp = b0 & 0x1Fu; min = 0x80; }
  else if (b0 >= 0xE0 && b0 <= 0xEF) { n = 3; cp = b0 & 0x0Fu; min = 0x800; }
  else if (b0 >= 0xF0 && b0 <= 0xF4) { n = 4; cp = b0 & 0x07u; min = 0x10000; }
  else return 0;
  if (avail < n) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    const auto b = static_cast<unsigned char>(p[i]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// Writes the UTF-8 (or, for a lone surrogate, WTF-8) encoding of cp to out; returns the length.
inline std::size_t encode_utf8(unsigned cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

inline void append_utf8(std::string& out, unsigned cp) {
  char buf[4];
  out.append(buf, encode_utf8(cp, buf));
}

// Decodes the escape sequence at p (p points at the backslash) into out and moves p past it.
// Returns nullptr on success, else what is wrong (the caller reports json.parse.string at p).
// A \u escape of a surrogate must pair a high with a low one.
inline const char* decode_escape(const char*& p, const char* end, std::string& out) {
  const auto hex4 = [&](unsigned& cp) -> const char* {
    if (end - p < 4) return "truncated \\u escape";
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = hex_value(p[i]);
      if (h < 0) return "invalid \\u escape";
      cp = cp * 16 + static_cast<unsigned>(h);
    }
    p += 4;
    return nullptr;
  };
  if (end - p < 2) return "invalid escape";
  const char c = p[1];
  p += 2;
  switch (c) {
    case '"': out += '"'; return nullptr;
    case '\\': out += '\\'; return nullptr;
    case '/': out += '/'; return nullptr;
    case 'b': out += '\b'; return nullptr;
    case 'f': out += '\f'; return nullptr;
    case 'n': out += '\n'; return nullptr;
    case 'r': out += '\r'; return nullptr;
    case 't': out += '\t'; return nullptr;
    case 'u': {
      unsigned cp = 0;
      if (const char* err = hex4(cp)) return err;
      if (cp >= 0xDC00 && cp <= 0xDFFF) return "lone low surrogate";
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        unsigned lo = 0;
        if (end - p < 2 || p[0] != '\\' || p[1] != 'u') return "lone high surrogate";
        p += 2;
        if (const char* err = hex4(lo)) return err;
        if (lo < 0xDC00 || lo > 0xDFFF) return "lone high surrogate";
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      }
      append_utf8(out, cp);
      return nullptr;
    }
    default:
      p -= 2;
      return "invalid escape";
  }
}

}  // namespace zhishen::json::detail
