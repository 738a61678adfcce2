#pragma once
// Staff permissions (002 §9.4.5, BRIEF R3): what each role may do and which departments' data it
// sees. The one place that maps roles to permissions; route groups call these, never test roles
// themselves. This header is a stable interface used by the casework, supervision and admin
// groups: add to it, never change what is here.
//
//   role        permissions                              departments seen
//   reviewer    query, entry, review                     own
//   approver    query, review, approval                  own
//   supervisor  query                                    all
//   admin       administration (users, channels, items,  all
//               calendar, datasets), query
//
// A staff member with several roles has the union. Principals that are not staff (anonymous,
// channels) have no permission and see no department.
// Error ids: auth.forbidden (403).
// Thread-safety: pure functions over values.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../http/api.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/lifecycle/action.hpp"
#include "zhishen/lifecycle/role.hpp"

namespace zhishen::server {

enum class Permission {
  query,           // 查询: read cases, the board, statistics (own department or all, see sees_department)
  entry,           // 录入: enter or complete applications and materials for an applicant
  review,          // 审核: review, re-check, request corrections, suspend / resume
  approval,        // 审批: sign off manual decisions, revoke
  administration,  // 管理: users, departments, channels, items and rule sets, calendar, datasets
};

std::string_view to_string(Permission p);  // "query" | "entry" | "review" | "approval" | "administration"

// The permissions of one role, and of a principal (the union over its roles), in enum order.
std::vector<Permission> permissions_of(lifecycle::Role role);
std::vector<Permission> permissions_of(const Principal& who);
bool has_permission(const Principal& who, Permission p);

// ok when the principal has the permission; auth.forbidden (403) otherwise.
Status require(const Principal& who, Permission p);

// Whether the principal may see data of department `dept`: supervisors and admins see every
// department, reviewers and approvers only their own.
bool sees_department(const Principal& who, const std::string& dept);

// The department filter for lists (ports::InboxQuery::department_code): nullopt for those who see
// every department, else the principal's own department.
std::optional<std::string> department_scope(const Principal& who);

// The lifecycle role a staff member acts in for `action` (the role handed to lifecycle::apply):
// approver when they hold it and the transition table grants the action to approvers (sign-off,
// manual decisions, revocation); else reviewer when they have review permission (reviewers and
// approvers) and the table grants it to reviewers; else admin for actions granted to admins (archive);
// else a role the table does not grant the action to, so apply() answers
// case.transition.forbidden. Channels act as applicant.
lifecycle::Role acting_role(const Principal& who, lifecycle::Action action);

}  // namespace zhishen::server
