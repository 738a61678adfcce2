// Row accessors (sql.hpp): each converts between the variant alternatives where the meaning is
// unambiguous (an integer as text prints it, a numeric text parses, an integral real is an
// integer) and otherwise throws StoreFault(store.io) — a mismatch is a bug in the SQL. Messages
// name the column index and the types, never the value (it may be personal data).
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <system_error>
#include <type_traits>

#include "zhishen/store/sql.hpp"

namespace zhishen::store {
namespace {

const char* type_name(const SqlValue& v) {
  static const char* const kNames[] = {"NULL", "an integer", "a real", "text", "a blob"};
  return kNames[v.index()];
}

[[noreturn]] void mismatch(std::size_t i, const SqlValue& v, const char* wanted) {
  throw StoreFault("store.io", "result column " + std::to_string(i) + ": wanted " + wanted + ", got " + type_name(v));
}

template <class T>
bool parse_whole(const std::string& s, T& out) {
  const char* const end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && ptr == end && !s.empty();
}

}  // namespace

bool Row::is_null(std::size_t i) const {
  if (i >= cols_.size()) {
    throw StoreFault("store.io", "result column " + std::to_string(i) + " requested; the row has " +
                                     std::to_string(cols_.size()));
  }
  return std::holds_alternative<std::nullptr_t>(cols_[i]);
}

std::int64_t Row::int64(std::size_t i) const {
  (void)is_null(i);  // bounds check
  const SqlValue& v = cols_[i];
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) {
    // An exact integer (SUM() and DECIMAL arithmetic come back as reals on MySQL).
    constexpr double kLimit = 9223372036854775808.0;  // 2^63
    if (std::isfinite(*d) && std::trunc(*d) == *d && *d >= -kLimit && *d < kLimit) {
      return static_cast<std::int64_t>(*d);
    }
    mismatch(i, v, "an integer (the real is not a whole number in range)");
  }
  if (const auto* s = std::get_if<std::string>(&v)) {
    std::int64_t n = 0;
    if (parse_whole(*s, n)) return n;
    mismatch(i, v, "an integer (the text is not one)");
  }
  mismatch(i, v, "an integer");
}

std::optional<std::int64_t> Row::opt_int64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return int64(i);
}

double Row::real(std::size_t i) const {
  (void)is_null(i);
  const SqlValue& v = cols_[i];
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) {
    double d = 0;
    if (parse_whole(*s, d)) return d;
    mismatch(i, v, "a real (the text is not a number)");
  }
  mismatch(i, v, "a real");
}

std::string Row::text(std::size_t i) const {
  (void)is_null(i);
  const SqlValue& v = cols_[i];
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* b = std::get_if<Blob>(&v)) return b->bytes;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[32];
    const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, *d);  // shortest round-trip form
    return std::string(buf, ptr);
  }
  mismatch(i, v, "text");
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

}  // namespace zhishen::store
