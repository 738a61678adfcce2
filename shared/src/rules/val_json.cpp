#include "zhishen/rules/val_json.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <unordered_map>

#include "zhishen/json/detail/text.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::rules {
namespace {

// Bytes a string can contain as they are: printable ASCII other than '"' and '\\'.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c) t[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return t;
}();

class ValParser {
 public:
  ValParser(std::string_view text, Arena& arena, ParseScratch& scratch)
      : p_(text.data()), end_(text.data() + text.size()), begin_(text.data()), arena_(arena), scratch_(scratch) {}

  Result<Val> run() {
    scratch_.values.clear();
    scratch_.members.clear();
    skip_ws();
    Val v;
    if (!value(v, 0)) return *err_;
    skip_ws();
    if (p_ != end_) return fail("json.parse.syntax", "unexpected text after the value");
    return v;
  }

 private:
  const char* p_;
  const char* end_;
  const char* begin_;
  Arena& arena_;
  ParseScratch& scratch_;
  std::optional<Error> err_;
  std::string buf_;  // unescaping buffer

  Error fail(const char* id, const char* what) {
    err_ = make_error(id, std::string(what) + " at byte " + std::to_string(p_ - begin_));
    return *err_;
  }
  bool failed(const char* id, const char* what) {
    fail(id, what);
    return false;
  }

  void skip_ws() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool literal(const char* word, std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) {
      return failed("json.parse.syntax", "invalid literal");
    }
    p_ += n;
    return true;
  }

  bool value(Val& out, int depth) {
    if (depth > json::kMaxDepth) return failed("json.parse.depth", "nesting too deep");
    if (p_ == end_) return failed("json.parse.syntax", "unexpected end of input");
    switch (*p_) {
      case '{': return object(out, depth);
      case '[': return array(out, depth);
      case '"': return string(out);
      case 't': out = Val::boolean(true); return literal("true", 4);
      case 'f': out = Val::boolean(false); return literal("false", 5);
      case 'n': out = Val::null(); return literal("null", 4);
      default:
        if (*p_ == '-' || (*p_ >= '0' && *p_ <= '9')) return number(out);
        return failed("json.parse.syntax", "unexpected character");
    }
  }

  bool array(Val& out, int depth) {
    ++p_;
    const std::size_t base = scratch_.values.size();
    skip_ws();
    if (p_ != end_ && *p_ == ']') {
      ++p_;
      out = make_empty_array(arena_);
      return true;
    }
    for (;;) {
      skip_ws();
      Val e;
      if (!value(e, depth + 1)) return false;
      scratch_.values.push_back(e);
      skip_ws();
      if (p_ == end_) return failed("json.parse.syntax", "expected ',' or ']'");
      if (*p_ == ',') { ++p_; continue; }
      if (*p_ == ']') { ++p_; break; }
      return failed("json.parse.syntax", "expected ',' or ']'");
    }
    out = make_array(arena_, scratch_.values.data() + base, scratch_.values.size() - base);
    scratch_.values.resize(base);
    return true;
  }

  // A cheap signature of a key: equal keys have equal signatures.
  static std::uint32_t signature(const Member& m) {
    if (m.key_len == 0) return 0;
    return (m.key_len << 16) ^ (static_cast<std::uint32_t>(static_cast<unsigned char>(m.key[0])) << 8) ^
           static_cast<unsigned char>(m.key[m.key_len - 1]);
  }

  // JSON.parse keeps a repeated key at its first position with its last value.
  void merge_duplicates(std::size_t base) {
    auto& m = scratch_.members;
    const std::size_t n = m.size() - base;
    if (n < 2) return;
    bool any = false;
    if (n <= 32) {
      std::uint32_t sig[32];
      for (std::size_t i = 0; i < n && !any; ++i) {
        sig[i] = signature(m[base + i]);
        for (std::size_t j = 0; j < i; ++j) {
          if (sig[j] == sig[i] && m[base + i].key_view() == m[base + j].key_view()) {
            any = true;
            break;
          }
        }
      }
    } else {
      std::unordered_map<std::string_view, std::size_t> seen;
      for (std::size_t i = base; i < m.size() && !any; ++i) any = !seen.emplace(m[i].key_view(), i).second;
    }
    if (!any) return;
    std::unordered_map<std::string_view, std::size_t> first;
    std::size_t w = base;
    for (std::size_t i = base; i < m.size(); ++i) {
      auto [it, inserted] = first.emplace(m[i].key_view(), w);
      if (inserted) {
        m[w++] = m[i];
      } else {
        m[it->second].value = m[i].value;
      }
    }
    m.resize(w);
  }

  bool object(Val& out, int depth) {
    ++p_;
    const std::size_t base = scratch_.members.size();
    skip_ws();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
      out = make_object(arena_, nullptr, 0);
      return true;
    }
    for (;;) {
      skip_ws();
      if (p_ == end_ || *p_ != '"') return failed("json.parse.syntax", "expected a member name");
      Val key;
      if (!string(key)) return false;
      skip_ws();
      if (p_ == end_ || *p_ != ':') return failed("json.parse.syntax", "expected ':'");
      ++p_;
      skip_ws();
      Val v;
      if (!value(v, depth + 1)) return false;
      scratch_.members.push_back(Member{key.s, key.len, v});
      skip_ws();
      if (p_ == end_) return failed("json.parse.syntax", "expected ',' or '}'");
      if (*p_ == ',') { ++p_; continue; }
      if (*p_ == '}') { ++p_; break; }
      return failed("json.parse.syntax", "expected ',' or '}'");
    }
    merge_duplicates(base);
    out = make_object(arena_, scratch_.members.data() + base, scratch_.members.size() - base);
    scratch_.members.resize(base);
    return true;
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  bool number(Val& out) {
    const char* start = p_;
    bool simple = true;  // a small integer: no fraction, no exponent
    if (*p_ == '-') ++p_;
    if (p_ != end_ && *p_ == '0') {
      ++p_;
    } else if (p_ != end_ && *p_ >= '1' && *p_ <= '9') {
      while (p_ != end_ && digit(*p_)) ++p_;
    } else {
      return failed("json.parse.syntax", "invalid number");
    }
    if (p_ != end_ && *p_ == '.') {
      simple = false;
      ++p_;
      if (p_ == end_ || !digit(*p_)) return failed("json.parse.syntax", "invalid number");
      while (p_ != end_ && digit(*p_)) ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      simple = false;
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !digit(*p_)) return failed("json.parse.syntax", "invalid number");
      while (p_ != end_ && digit(*p_)) ++p_;
    }
    const auto ndigits = p_ - start;
    if (simple && ndigits <= 15) {
      const bool neg = *start == '-';
      long long v = 0;
      for (const char* q = neg ? start + 1 : start; q != p_; ++q) v = v * 10 + (*q - '0');
      out = Val::number(neg ? -static_cast<double>(v) : static_cast<double>(v));
      return true;
    }
    double d = 0;
    auto res = std::from_chars(start, p_, d);
    if (res.ec == std::errc::result_out_of_range) d = std::strtod(std::string(start, p_).c_str(), nullptr);
    out = Val::number(d);
    return true;
  }

  bool escape() {
    const char* err = json::detail::decode_escape(p_, end_, buf_);
    return err == nullptr || failed("json.parse.string", err);
  }

  bool string(Val& out) {
    ++p_;  // opening quote
    const char* start = p_;
    // Fast path: no escapes, the string points into the input.
    for (;;) {
      while (p_ != end_ && kPlain[static_cast<unsigned char>(*p_)]) ++p_;
      if (p_ == end_) return failed("json.parse.syntax", "unterminated string");
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out = Val::string_ref({start, static_cast<std::size_t>(p_ - start)});
        ++p_;
        return true;
      }
      if (c == '\\') break;
      if (c < 0x20) return failed("json.parse.string", "raw control character in string");
      if (c < 0x80) {
        ++p_;
        continue;
      }
      const std::size_t n = json::detail::utf8_sequence_length(p_, static_cast<std::size_t>(end_ - p_));
      if (n == 0) return failed("json.parse.utf8", "invalid UTF-8");
      p_ += n;
    }
    // Slow path: unescape into buf_, then copy into the arena.
    buf_.assign(start, p_);
    for (;;) {
      if (p_ == end_) return failed("json.parse.syntax", "unterminated string");
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        out = make_string(arena_, buf_);
        return true;
      }
      if (c == '\\') {
        if (!escape()) return false;
      } else if (c < 0x20) {
        return failed("json.parse.string", "raw control character in string");
      } else if (c < 0x80) {
        buf_ += static_cast<char>(c);
        ++p_;
      } else {
        const std::size_t n = json::detail::utf8_sequence_length(p_, static_cast<std::size_t>(end_ - p_));
        if (n == 0) return failed("json.parse.utf8", "invalid UTF-8");
        buf_.append(p_, n);
        p_ += n;
      }
    }
  }
};

void write_impl(std::string& out, const Val& v) {
  switch (v.kind) {
    case Kind::undefined:
    case Kind::null: out += "null"; return;
    case Kind::boolean: out += v.b ? "true" : "false"; return;
    case Kind::number:
      if (std::isfinite(v.n)) json::append_number(out, v.n);
      else out += "null";
      return;
    case Kind::string: json::append_quoted(out, v.str()); return;
    case Kind::array: {
      out += '[';
      for (std::uint32_t i = 0; i < v.a->size; ++i) {
        if (i != 0) out += ',';
        write_impl(out, v.a->items[i]);
      }
      out += ']';
      return;
    }
    case Kind::object: {
      out += '{';
      bool first = true;
      for (std::uint32_t i = 0; i < v.o->size; ++i) {
        const Member& m = v.o->members[i];
        if (m.value.kind == Kind::undefined) continue;  // JSON.stringify omits undefined members
        if (!first) out += ',';
        first = false;
        json::append_quoted(out, m.key_view());
        out += ':';
        write_impl(out, m.value);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

Result<Val> parse_val(std::string_view text, Arena& arena, ParseScratch& scratch) {
  return ValParser(text, arena, scratch).run();
}

void write_val(std::string& out, const Val& v) { write_impl(out, v); }

std::string to_json_text(const Val& v) {
  std::string s;
  write_impl(s, v);
  return s;
}

Val from_json(const json::Value& v, Arena& arena) {
  switch (v.type()) {
    case json::Type::null: return Val::null();
    case json::Type::boolean: return Val::boolean(v.as_bool());
    case json::Type::number: return Val::number(v.as_number());
    case json::Type::string: return make_string(arena, v.as_string());
    case json::Type::array: {
      const auto& a = v.as_array();
      std::vector<Val> items;
      items.reserve(a.size());
      for (const auto& e : a) items.push_back(from_json(e, arena));
      return make_array(arena, items.data(), items.size());
    }
    case json::Type::object: {
      std::vector<Member> members;
      members.reserve(v.as_object().size());
      for (const auto& [k, e] : v.as_object()) {
        const Val key = make_string(arena, k);
        members.push_back(Member{key.s, key.len, from_json(e, arena)});
      }
      return make_object(arena, members.data(), members.size());
    }
  }
  return Val::null();
}

json::Value to_json(const Val& v) {
  switch (v.kind) {
    case Kind::undefined:
    case Kind::null: return nullptr;
    case Kind::boolean: return v.b;
    case Kind::number: return std::isfinite(v.n) ? json::Value(v.n) : json::Value(nullptr);
    case Kind::string: return json::Value(std::string(v.str()));
    case Kind::array: {
      json::Array a;
      a.reserve(v.a->size);
      for (std::uint32_t i = 0; i < v.a->size; ++i) a.push_back(to_json(v.a->items[i]));
      return a;
    }
    case Kind::object: {
      json::Object o;
      for (std::uint32_t i = 0; i < v.o->size; ++i) {
        const Member& m = v.o->members[i];
        if (m.value.kind == Kind::undefined) continue;
        o.emplace_back(std::string(m.key_view()), to_json(m.value));
      }
      return o;
    }
  }
  return nullptr;
}

}  // namespace zhishen::rules
