#pragma once
// json::Value: a JSON document tree with JavaScript's data model (numbers are doubles; object
// members keep their insertion order, a repeated key keeps its first position and its last value,
// as JSON.parse does).
//
// Ownership: a Value owns its children. Thread-safety: a plain value; concurrent const access is
// safe, mutation needs exclusive access.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace zhishen::json {

class Value;
using Array = std::vector<Value>;
using Member = std::pair<std::string, Value>;
using Object = std::vector<Member>;

enum class Type { null, boolean, number, string, array, object };

class Value {
 public:
  Value() = default;
  Value(std::nullptr_t) {}                                   // NOLINT(google-explicit-constructor)
  Value(bool b) : v_(b) {}                                   // NOLINT(google-explicit-constructor)
  template <class N, std::enable_if_t<std::is_arithmetic_v<N> && !std::is_same_v<N, bool>, int> = 0>
  Value(N n) : v_(static_cast<double>(n)) {}                 // NOLINT(google-explicit-constructor)
  Value(std::string s) : v_(std::move(s)) {}                 // NOLINT(google-explicit-constructor)
  Value(std::string_view s) : v_(std::string(s)) {}          // NOLINT(google-explicit-constructor)
  Value(const char* s) : v_(std::string(s)) {}               // NOLINT(google-explicit-constructor)
  Value(Array a) : v_(std::move(a)) {}                       // NOLINT(google-explicit-constructor)
  Value(Object o) : v_(std::move(o)) {}                      // NOLINT(google-explicit-constructor)

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is_null() const { return type() == Type::null; }
  bool is_bool() const { return type() == Type::boolean; }
  bool is_number() const { return type() == Type::number; }
  bool is_string() const { return type() == Type::string; }
  bool is_array() const { return type() == Type::array; }
  bool is_object() const { return type() == Type::object; }

  // Accessors: calling one for the wrong type is a programming error (std::bad_variant_access).
  bool as_bool() const { return std::get<bool>(v_); }
  double as_number() const { return std::get<double>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const Array& as_array() const { return std::get<Array>(v_); }
  Array& as_array() { return std::get<Array>(v_); }
  const Object& as_object() const { return std::get<Object>(v_); }
  Object& as_object() { return std::get<Object>(v_); }

  // The member named `key` of an object, or nullptr (also when this is not an object).
  const Value* find(std::string_view key) const;
  // Sets an object member (appends a new key, replaces the value of an existing one).
  // Turns a null value into an empty object first; on other non-objects it does nothing.
  void set(std::string key, Value v);

  friend bool operator==(const Value& a, const Value& b);

 private:
  std::variant<std::nullptr_t, bool, double, std::string, Array, Object> v_{nullptr};
};

std::string_view to_string(Type t);

// The string at a path of object members ({"issuer", "name"}); empty when a member is missing or
// the value there is not a string.
std::string string_at(const Value& v, std::initializer_list<std::string_view> path);  // "null" | "boolean" | "number" | "string" | "array" | "object"

}  // namespace zhishen::json
