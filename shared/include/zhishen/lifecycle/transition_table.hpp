#pragma once
// The transition table of the case lifecycle, as data: one rule per (from state, action), with
// the target state, the roles allowed, the fields the request must carry and the guard on the
// case's terms and decision. The side effects on clocks and decision live in case_machine.cpp.
//
// The table is built once (static, immutable) and lives for the whole program; references and
// pointers into it stay valid. Thread-safety: read-only after first use (magic static).

#include <optional>
#include <string_view>
#include <vector>

#include "zhishen/lifecycle/action.hpp"
#include "zhishen/lifecycle/case_record.hpp"
#include "zhishen/lifecycle/case_state.hpp"
#include "zhishen/lifecycle/role.hpp"

namespace zhishen::lifecycle {

// A condition on the case's terms and decision that must hold for a rule to apply.
enum class Guard {
  none,
  issues_certificate,  // terms.issues_certificate
  no_certificate,      // !terms.issues_certificate
  publicity_due,       // decision approved && terms.publicity_required
  no_publicity_due,    // !(decision approved && terms.publicity_required)
  decision_approved,   // the decision is an approval (only approvals are revoked)
};

std::string_view to_string(Guard g);
std::optional<Guard> parse_guard(std::string_view name);
bool guard_holds(Guard g, const CaseTerms& terms, Decision decision);

struct TransitionRule {
  State from;
  Action action;
  State to;
  std::vector<Role> roles;            // the roles that may request it
  bool reason_required = false;       // non-blank reason
  bool legal_basis_required = false;  // non-blank legal basis
  Guard guard = Guard::none;
  bool ban_allowed = false;           // the one-year ban flag may be set (if the terms have it)

  bool allows(Role r) const;
};

// The whole table, in documentation order. (from, action) pairs are unique.
const std::vector<TransitionRule>& transition_table();

// The rule for this action from this state, or nullptr when the action is not defined there.
const TransitionRule* find_rule(State from, Action action);

}  // namespace zhishen::lifecycle
