// Canonical JSON (RFC 8785) over json::Value (see canonical.hpp).
#include "zhishen/json/canonical.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "zhishen/json/write.hpp"

namespace zhishen::json {
namespace {

// UTF-8 to UTF-16 code units, for the member order (RFC 8785 §3.2.3). Invalid bytes count as
// themselves; the parser never produces them.
std::u16string utf16(std::string_view s) {
  std::u16string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = b;
    std::size_t n = 1;
    if (b >= 0xF0) {
      n = 4;
      cp = b & 0x07U;
    } else if (b >= 0xE0) {
      n = 3;
      cp = b & 0x0FU;
    } else if (b >= 0xC0) {
      n = 2;
      cp = b & 0x1FU;
    }
    if (i + n > s.size()) {
      n = 1;
      cp = b;
    }
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
    i += n;
  }
  return out;
}

bool write(std::string& out, const Value& v) {
  switch (v.type()) {
    case Type::null: out += "null"; return true;
    case Type::boolean: out += v.as_bool() ? "true" : "false"; return true;
    case Type::number:
      if (!std::isfinite(v.as_number())) return false;
      append_number(out, v.as_number());
      return true;
    case Type::string: append_quoted(out, v.as_string()); return true;
    case Type::array: {
      out += '[';
      bool first = true;
      for (const Value& e : v.as_array()) {
        if (!first) out += ',';
        first = false;
        if (!write(out, e)) return false;
      }
      out += ']';
      return true;
    }
    case Type::object: {
      std::vector<std::pair<std::u16string, const Member*>> members;
      members.reserve(v.as_object().size());
      for (const Member& m : v.as_object()) members.emplace_back(utf16(m.first), &m);
      std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      out += '{';
      bool first = true;
      for (const auto& [key, m] : members) {
        if (!first) out += ',';
        first = false;
        append_quoted(out, m->first);
        out += ':';
        if (!write(out, m->second)) return false;
      }
      out += '}';
      return true;
    }
  }
  return false;
}

}  // namespace

Result<std::string> canonical(const Value& v) {
  std::string out;
  if (!write(out, v)) return Error{"json.canonical.number", "NaN and infinities have no canonical JSON form"};
  return out;
}

}  // namespace zhishen::json
