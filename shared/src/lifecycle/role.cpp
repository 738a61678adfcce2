#include "zhishen/lifecycle/role.hpp"

namespace zhishen::lifecycle {
namespace {

struct Entry {
  Role role;
  std::string_view name;
  std::string_view label;
};

constexpr Entry kEntries[] = {
    {Role::applicant, "applicant", "申请人"},  {Role::system, "system", "系统"},
    {Role::reviewer, "reviewer", "审核人员"},   {Role::approver, "approver", "审批人员"},
    {Role::supervisor, "supervisor", "督办人员"}, {Role::admin, "admin", "管理员"},
};

const Entry* find(Role r) {
  for (const Entry& e : kEntries) {
    if (e.role == r) return &e;
  }
  return nullptr;
}

}  // namespace

std::string_view to_string(Role r) {
  const Entry* e = find(r);
  return e != nullptr ? e->name : std::string_view{"unknown"};
}

std::optional<Role> parse_role(std::string_view name) {
  for (const Entry& e : kEntries) {
    if (e.name == name) return e.role;
  }
  return std::nullopt;
}

std::string_view label_zh(Role r) {
  const Entry* e = find(r);
  return e != nullptr ? e->label : std::string_view{"未知"};
}

}  // namespace zhishen::lifecycle
