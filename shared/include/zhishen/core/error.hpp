#pragma once
// Error and Result: the one error model of the core.
//
// Business outcomes and bad input are values: an Error carries a stable dotted id (API: tests and
// clients match on it, never on the text) and a human message for administrators. Faults of the
// environment (database down, disk full) are exceptions, caught once per adapter.
//
// Thread-safety: plain values; safe to copy between threads.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace zhishen {

struct Error {
  std::string id;       // stable dotted id, e.g. "case.transition.invalid"
  std::string message;  // human-readable detail (English, for logs and administrators)

  friend bool operator==(const Error&, const Error&) = default;
};

// Either a T or an Error. Check ok() before value(); value() on an error is a programming bug.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T& value() & { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result of an operation that yields nothing on success.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { assert(failed_); return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

inline Error make_error(std::string id, std::string message) {
  return Error{std::move(id), std::move(message)};
}

}  // namespace zhishen
