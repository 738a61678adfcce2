// The role → permission table and department scope (see permissions.hpp). Pure functions;
// thread-safe.
#include "permissions.hpp"

#include <algorithm>

#include "zhishen/lifecycle/transition_table.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Role;

bool table_grants(lifecycle::Action action, Role role) {
  const auto& table = lifecycle::transition_table();
  return std::any_of(table.begin(), table.end(),
                     [&](const lifecycle::TransitionRule& r) { return r.action == action && r.allows(role); });
}

}  // namespace

std::string_view to_string(Permission p) {
  switch (p) {
    case Permission::query: return "query";
    case Permission::entry: return "entry";
    case Permission::review: return "review";
    case Permission::approval: return "approval";
    case Permission::administration: return "administration";
  }
  return "unknown";
}

std::vector<Permission> permissions_of(Role role) {
  switch (role) {
    case Role::reviewer: return {Permission::query, Permission::entry, Permission::review};
    case Role::approver: return {Permission::query, Permission::review, Permission::approval};
    case Role::supervisor: return {Permission::query};
    case Role::admin: return {Permission::query, Permission::administration};
    case Role::applicant:
    case Role::system: return {};
  }
  return {};
}

std::vector<Permission> permissions_of(const Principal& who) {
  std::vector<Permission> out;
  if (who.kind != Principal::Kind::staff) return out;
  for (Role r : who.staff.roles) {
    for (Permission p : permissions_of(r)) {
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool has_permission(const Principal& who, Permission p) {
  if (who.kind != Principal::Kind::staff) return false;
  return std::any_of(who.staff.roles.begin(), who.staff.roles.end(), [&](Role r) {
    auto ps = permissions_of(r);
    return std::find(ps.begin(), ps.end(), p) != ps.end();
  });
}

Status require(const Principal& who, Permission p) {
  if (has_permission(who, p)) return {};
  return make_error("auth.forbidden", "this needs the " + std::string(to_string(p)) + " permission");
}

bool sees_department(const Principal& who, const std::string& dept) {
  if (who.kind != Principal::Kind::staff) return false;
  if (who.has_role(Role::supervisor) || who.has_role(Role::admin)) return true;
  return !dept.empty() && who.staff.department_code == dept;
}

std::optional<std::string> department_scope(const Principal& who) {
  if (who.has_role(Role::supervisor) || who.has_role(Role::admin)) return std::nullopt;
  return who.staff.department_code;
}

Role acting_role(const Principal& who, lifecycle::Action action) {
  if (who.kind == Principal::Kind::channel) return Role::applicant;
  if (who.has_role(Role::approver) && table_grants(action, Role::approver)) return Role::approver;
  if (has_permission(who, Permission::review) && table_grants(action, Role::reviewer)) return Role::reviewer;
  if (who.has_role(Role::admin) && table_grants(action, Role::admin)) return Role::admin;
  // Nothing fits: a role the table does not grant the action to, so apply() refuses it.
  if (who.has_role(Role::supervisor)) return Role::supervisor;
  if (!who.staff.roles.empty()) return who.staff.roles.front();
  return Role::supervisor;
}

}  // namespace zhishen::server
