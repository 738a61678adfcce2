#pragma once
// Val: the value model of the rules engine — JavaScript's values as JsonLogic sees them.
//
// A Val is 16 bytes and trivially copyable: kind, a length for strings, and a payload (a bool, a
// double, or a pointer into an Arena). Strings are UTF-8 bytes (WTF-8 where `substr` cut a
// surrogate pair, as JavaScript strings may hold lone surrogates) and need not be NUL-terminated;
// parsed strings without escapes point straight into the input text. Arrays and objects are
// immutable headers in an arena; each created array has its own header, so identity (JavaScript's
// reference equality for == and ===) is header identity. `undefined` exists because json-logic-js
// distinguishes it (e.g. {"and": []}); it prints as null.
//
// Ownership: a Val does not own anything; it is valid while the arena (and input text) it points
// into lives. Thread-safety: plain values.

#include <cstdint>
#include <cstring>
#include <string_view>

#include "zhishen/rules/arena.hpp"

namespace zhishen::rules {

enum class Kind : std::uint8_t { undefined, null, boolean, number, string, array, object };

struct Val;
struct Member;

struct ArrayData {
  std::uint32_t size;
  const Val* items;
};

struct ObjectData {
  std::uint32_t size;
  const Member* members;
};

struct Val {
  Kind kind = Kind::undefined;
  std::uint32_t len = 0;  // string length in bytes
  union {
    bool b;
    double n;
    const char* s;
    const ArrayData* a;
    const ObjectData* o;
  };

  Val() : n(0) {}

  static Val undef() { return Val{}; }
  static Val null() { Val v; v.kind = Kind::null; return v; }
  static Val boolean(bool x) { Val v; v.kind = Kind::boolean; v.b = x; return v; }
  static Val number(double x) { Val v; v.kind = Kind::number; v.n = x; return v; }
  // Points at `text` without copying: the caller keeps the bytes alive.
  static Val string_ref(std::string_view text) {
    Val v;
    v.kind = Kind::string;
    v.s = text.data();
    v.len = static_cast<std::uint32_t>(text.size());
    return v;
  }
  static Val array(const ArrayData* data) { Val v; v.kind = Kind::array; v.a = data; return v; }
  static Val object(const ObjectData* data) { Val v; v.kind = Kind::object; v.o = data; return v; }

  bool is_nullish() const { return kind == Kind::undefined || kind == Kind::null; }
  std::string_view str() const { return {s, len}; }
  std::uint32_t array_size() const { return a->size; }
  const Val& at(std::uint32_t i) const { return a->items[i]; }
};

struct Member {
  const char* key;
  std::uint32_t key_len;
  Val value;
  std::string_view key_view() const { return {key, key_len}; }
};

static_assert(sizeof(Val) == 16, "Val should stay two words");

// Constructors that copy into an arena.
Val make_string(Arena& arena, std::string_view text);
Val make_array(Arena& arena, const Val* items, std::size_t n);  // copies the items
Val make_empty_array(Arena& arena);                                // a fresh identity
Val make_object(Arena& arena, const Member* members, std::size_t n);

// The index of the member named `key` in an object, trying `hint` first; o.size when absent.
inline std::uint32_t find_member_index(const ObjectData& o, std::string_view key, std::uint32_t hint = 0) {
  const auto matches = [&](const Member& m) {
    if (m.key_len != key.size()) return false;
    for (std::size_t i = 0; i < key.size(); ++i) {
      if (m.key[i] != key[i]) return false;
    }
    return true;
  };
  if (hint < o.size && matches(o.members[hint])) return hint;
  for (std::uint32_t i = 0; i < o.size; ++i) {
    if (matches(o.members[i])) return i;
  }
  return o.size;
}

// The member named `key` of an object value, or nullptr.
inline const Val* find_member(const Val& object, std::string_view key) {
  if (object.kind != Kind::object) return nullptr;
  const std::uint32_t i = find_member_index(*object.o, key);
  return i < object.o->size ? &object.o->members[i].value : nullptr;
}

// A growable list of Vals inside an arena (for map, filter, merge, missing...).
class ValList {
 public:
  explicit ValList(Arena& arena) : arena_(arena) {}
  void push(const Val& v) {
    if (size_ == cap_) grow();
    items_[size_++] = v;
  }
  std::size_t size() const { return size_; }
  Val finish();  // an array value with its own header

 private:
  void grow();
  Arena& arena_;
  Val* items_ = nullptr;
  std::size_t size_ = 0;
  std::size_t cap_ = 0;
};

}  // namespace zhishen::rules
