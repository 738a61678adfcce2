// Equality, relational comparison and UTF-16 string helpers (see js.hpp).
#include <cmath>

#include "zhishen/rules/js.hpp"

namespace zhishen::rules::js {
namespace {

// Decodes the (WTF-)8 sequence at s[i] into code units; returns the byte length.
std::size_t decode(std::string_view s, std::size_t i, unsigned& unit1, unsigned& unit2) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  unsigned cp = 0;
  std::size_t n = 1;
  if (b0 < 0x80) cp = b0;
  else if (b0 < 0xE0) { cp = b0 & 0x1Fu; n = 2; }
  else if (b0 < 0xF0) { cp = b0 & 0x0Fu; n = 3; }
  else { cp = b0 & 0x07u; n = 4; }
  for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  if (cp >= 0x10000) {
    unit1 = 0xD800 + ((cp - 0x10000) >> 10);
    unit2 = 0xDC00 + ((cp - 0x10000) & 0x3FF);
  } else {
    unit1 = cp;
    unit2 = 0;
  }
  return n;
}

// ToPrimitive(v, number) for the relational operators: arrays and objects become strings.
Val primitive(const Val& v, std::string& storage) {
  if (v.kind != Kind::array && v.kind != Kind::object) return v;
  append_string(storage, v);
  return Val::string_ref(storage);
}

}  // namespace

std::size_t utf16_length(std::string_view s) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return units;
}

int compare_utf16(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  if (i == a.size() || i == b.size()) return a.size() == b.size() ? 0 : (i == a.size() ? -1 : 1);
  // Back up to the start of the differing character.
  while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i;
  unsigned a1, a2, b1, b2;
  decode(a, i, a1, a2);
  decode(b, i, b1, b2);
  if (a1 != b1) return a1 < b1 ? -1 : 1;
  if (a2 != b2) return a2 < b2 ? -1 : 1;
  return 0;  // unreachable for different strings
}

std::string utf16_slice(std::string_view s, std::size_t start, std::size_t count) {
  std::string out;
  std::size_t unit = 0;
  const std::size_t stop = start + count;
  for (std::size_t i = 0; i < s.size() && unit < stop;) {
    unsigned u1 = 0, u2 = 0;
    const std::size_t n = decode(s, i, u1, u2);
    if (u2 == 0) {
      if (unit >= start) out.append(s, i, n);
      ++unit;
    } else {  // a surrogate pair: two units, possibly cut
      const bool first_in = unit >= start && unit < stop;
      const bool second_in = unit + 1 >= start && unit + 1 < stop;
      if (first_in && second_in) {
        out.append(s, i, n);
      } else {
        const unsigned u = first_in ? u1 : u2;
        if (first_in || second_in) {
          out += static_cast<char>(0xE0 | (u >> 12));
          out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (u & 0x3F));
        }
      }
      unit += 2;
    }
    i += n;
  }
  return out;
}

bool contains(std::string_view s, std::string_view needle) { return s.find(needle) != std::string_view::npos; }

bool strict_equals(const Val& a, const Val& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::undefined:
    case Kind::null: return true;
    case Kind::boolean: return a.b == b.b;
    case Kind::number: return a.n == b.n;  // NaN != NaN, -0 == 0
    case Kind::string: return a.len == b.len && std::memcmp(a.s, b.s, a.len) == 0;
    case Kind::array: return a.a == b.a;   // identity
    case Kind::object: return a.o == b.o;  // identity
  }
  return false;
}

bool loose_equals(const Val& a, const Val& b) {
  if (a.kind == b.kind) return strict_equals(a, b);
  if (a.is_nullish() && b.is_nullish()) return true;
  if (a.is_nullish() || b.is_nullish()) return false;
  if (a.kind == Kind::number && b.kind == Kind::string) return a.n == string_to_number(b.str());
  if (a.kind == Kind::string && b.kind == Kind::number) return string_to_number(a.str()) == b.n;
  if (a.kind == Kind::boolean) return loose_equals(Val::number(a.b ? 1 : 0), b);
  if (b.kind == Kind::boolean) return loose_equals(a, Val::number(b.b ? 1 : 0));
  const bool a_obj = a.kind == Kind::array || a.kind == Kind::object;
  const bool b_obj = b.kind == Kind::array || b.kind == Kind::object;
  if (a_obj && !b_obj) {
    std::string s;
    return loose_equals(primitive(a, s), b);
  }
  if (b_obj && !a_obj) {
    std::string s;
    return loose_equals(a, primitive(b, s));
  }
  return false;  // array vs object: different objects
}

std::optional<bool> less_than(const Val& a, const Val& b) {
  std::string sa, sb;
  const Val pa = primitive(a, sa);
  const Val pb = primitive(b, sb);
  if (pa.kind == Kind::string && pb.kind == Kind::string) return compare_utf16(pa.str(), pb.str()) < 0;
  const double x = to_number(pa);
  const double y = to_number(pb);
  if (std::isnan(x) || std::isnan(y)) return std::nullopt;
  return x < y;
}

bool lt(const Val& a, const Val& b) { return less_than(a, b).value_or(false); }
bool gt(const Val& a, const Val& b) { return less_than(b, a).value_or(false); }
// a <= b is !(b < a), except that "undefined" (NaN) makes it false.
bool le(const Val& a, const Val& b) {
  auto r = less_than(b, a);
  return r.has_value() && !*r;
}
bool ge(const Val& a, const Val& b) {
  auto r = less_than(a, b);
  return r.has_value() && !*r;
}

}  // namespace zhishen::rules::js
