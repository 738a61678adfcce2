#pragma once
// Role: who asks for a transition. The transition table grants each action to some roles;
// a role not granted gets case.transition.forbidden.
//
//   applicant  — the applicant, through a channel (web hall, app, kiosk, WeChat, counter)
//   system     — the server itself: automatic decisions and timers
//   reviewer   — 审核: department staff with review permission
//   approver   — 审批: heads with approval permission; they sign off and revoke
//   supervisor — 督办: reads across departments, never changes a case
//   admin      — administrators (may archive)
//
// Names are stable snake_case (API and database). Thread-safety: plain values, pure functions.

#include <array>
#include <optional>
#include <string_view>

namespace zhishen::lifecycle {

enum class Role { applicant, system, reviewer, approver, supervisor, admin };

inline constexpr std::array<Role, 6> kAllRoles = {Role::applicant, Role::system,     Role::reviewer,
                                                  Role::approver,  Role::supervisor, Role::admin};

std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view name);
std::string_view label_zh(Role r);

}  // namespace zhishen::lifecycle
