#include "zhishen/json/value.hpp"

namespace zhishen::json {

const Value* Value::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& [k, v] : as_object()) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string string_at(const Value& v, std::initializer_list<std::string_view> path) {
  const Value* at = &v;
  for (std::string_view key : path) {
    at = at->find(key);
    if (at == nullptr) return {};
  }
  return at->is_string() ? at->as_string() : std::string();
}

void Value::set(std::string key, Value v) {
  if (is_null()) v_ = Object{};
  if (!is_object()) return;
  for (auto& [k, existing] : as_object()) {
    if (k == key) {
      existing = std::move(v);
      return;
    }
  }
  as_object().emplace_back(std::move(key), std::move(v));
}

bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

std::string_view to_string(Type t) {
  switch (t) {
    case Type::null: return "null";
    case Type::boolean: return "boolean";
    case Type::number: return "number";
    case Type::string: return "string";
    case Type::array: return "array";
    case Type::object: return "object";
  }
  return "null";
}

}  // namespace zhishen::json
