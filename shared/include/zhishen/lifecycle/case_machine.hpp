#pragma once
// The case state machine: open a case, apply a transition request, list what a role may do.
//
// apply() is pure: it validates the request against the transition table (transition_table.hpp)
// and returns a new CaseRecord with state, decision, clocks, version and history updated; the
// input record is never modified. Bad requests are values (Error ids in errors.hpp), never
// exceptions. Persisting the result (with an optimistic check on version) is the caller's job.
//
// Clock effects (see deadline_clock.hpp):
//   decision  — started by open_case and by reopen; suspended while in correction_requested or
//               suspended; stopped on reaching auto_approved, auto_rejected, manual_approved,
//               not_accepted, precheck_failed, and completed via manual_reject.
//   recheck   — started on entering auto_approved/auto_rejected; stopped by confirm_recheck and
//               fail_recheck.
//   publicity — started on entering completed with an approved decision whose terms require
//               publicity; stopped by publicise.
//   revoke and withdraw stop every running clock.
//
// Thread-safety: pure functions over values.

#include <string>
#include <vector>

#include "zhishen/core/date.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/lifecycle/action.hpp"
#include "zhishen/lifecycle/case_record.hpp"
#include "zhishen/lifecycle/role.hpp"

namespace zhishen::lifecycle {

struct TransitionRequest {
  Action action = Action::route_manual;
  Role role = Role::system;
  std::string actor;
  Instant at{};
  std::string reason;
  std::string legal_basis;
  bool ban = false;  // revoke only, and only when the terms carry the one-year ban
};

// A new case in state submitted, version 0, empty history, with the decision clock running
// from submitted_at for terms.commitment_span_workdays.
CaseRecord open_case(CaseTerms terms, Instant submitted_at);

// The record after the transition, or an error (ids in errors.hpp).
Result<CaseRecord> apply(const CaseRecord& record, const TransitionRequest& request);

// The actions the role could take now: defined from the current state, role allowed, guard
// satisfied (reason, legal basis and ban fields are not considered). In table order.
std::vector<Action> available_actions(const CaseRecord& record, Role role);

}  // namespace zhishen::lifecycle
