#pragma once
// Reading members of the server's JSON answers leniently (http_api.cpp, http_admin_api.cpp only): a
// missing member or one of another type reads as the default, never a crash; invalid_reply() is
// the api.reply.invalid error for an answer whose shape is wrong. Thread-safety: pure functions.

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zhishen/core/error.hpp"
#include "zhishen/desk/api.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::desk::fields {

inline Error invalid_reply(const std::string& what) {
  return make_error("api.reply.invalid", "unexpected answer: " + what);
}

inline std::string str(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  return m != nullptr && m->is_string() ? m->as_string() : std::string();
}

inline long num(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  if (m == nullptr || !m->is_number() || !std::isfinite(m->as_number())) return 0;
  return static_cast<long>(m->as_number());
}

inline std::optional<std::int64_t> opt_id(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  if (m == nullptr || !m->is_number() || !std::isfinite(m->as_number())) return std::nullopt;
  return static_cast<std::int64_t>(m->as_number());
}

inline bool flag(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  return m != nullptr && m->is_bool() && m->as_bool();
}

inline std::vector<std::string> strings(const json::Value& v, std::string_view key) {
  std::vector<std::string> out;
  const json::Value* m = v.find(key);
  if (m == nullptr || !m->is_array()) return out;
  for (const auto& e : m->as_array()) {
    if (e.is_string()) out.push_back(e.as_string());
  }
  return out;
}

inline json::Value member(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  return m != nullptr ? *m : json::Value();
}

inline const json::Array* list(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  return m != nullptr && m->is_array() ? &m->as_array() : nullptr;
}

// The user object of a session or an account ({id, username, display_name, department, roles,
// permissions}).
inline StaffUser staff_user_of(const json::Value& u) {
  StaffUser s;
  s.id = opt_id(u, "id").value_or(0);
  s.username = str(u, "username");
  s.display_name = str(u, "display_name");
  s.department = str(u, "department");
  s.roles = strings(u, "roles");
  s.permissions = strings(u, "permissions");
  return s;
}

}  // namespace zhishen::desk::fields
