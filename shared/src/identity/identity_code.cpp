#include "zhishen/identity/identity_code.hpp"

#include <cstddef>
#include <utility>

#include "zhishen/identity/citizen_id.hpp"
#include "zhishen/identity/uscc.hpp"

namespace zhishen::identity {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_digit_or_x(char c) { return is_digit(c) || c == 'X' || c == 'x'; }

bool all_digit_or_x(std::string_view s) {
  for (char c : s) {
    if (!is_digit_or_x(c)) return false;
  }
  return true;
}

// 17 digits followed by a digit or X/x.
bool citizen_shaped_18(std::string_view s) {
  if (s.size() != 18 || !is_digit_or_x(s[17])) return false;
  for (std::size_t i = 0; i < 17; ++i) {
    if (!is_digit(s[i])) return false;
  }
  return true;
}

Result<IdentityCode> as_citizen(std::string_view text, Date today) {
  auto id = validate_citizen_id(text, today);
  if (!id) return id.error();
  return IdentityCode{CodeKind::citizen_id, std::move(id).value().number};
}

Result<IdentityCode> as_uscc(std::string_view text) {
  auto code = validate_uscc(text);
  if (!code) return code.error();
  return IdentityCode{CodeKind::uscc, std::move(code).value().code};
}

}  // namespace

std::string_view to_string(CodeKind kind) {
  return kind == CodeKind::uscc ? "uscc" : "citizen_id";
}

Result<IdentityCode> validate_identity_code(std::string_view text, Date today) {
  if (text.empty()) return make_error("id.empty", "identity code is empty");
  if (text.size() == 15) return as_citizen(text, today);
  if (citizen_shaped_18(text)) {
    auto citizen = as_citizen(text, today);
    if (citizen) return citizen;
    auto uscc = as_uscc(text);
    if (uscc) return uscc;
    return citizen;
  }
  if (all_digit_or_x(text)) return as_citizen(text, today);
  return as_uscc(text);
}

}  // namespace zhishen::identity
