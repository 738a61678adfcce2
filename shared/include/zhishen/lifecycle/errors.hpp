#pragma once
// Stable error ids returned by the lifecycle module (clients and tests match on these).
//
// Check order in apply(): invalid, forbidden, reason_required, legal_basis_required,
// guard_failed, time_order.
//
// Thread-safety: compile-time constants.

#include <string_view>

namespace zhishen::lifecycle::errors {

// The action is not defined from the case's current state (every action, once archived).
inline constexpr std::string_view kInvalid = "case.transition.invalid";
// The action is defined from this state but the requesting role may not perform it.
inline constexpr std::string_view kForbidden = "case.transition.forbidden";
// The rule requires a reason (理由 / 补正清单) and the request's is blank.
inline constexpr std::string_view kReasonRequired = "case.transition.reason_required";
// The rule requires a legal basis (法律依据) and the request's is blank.
inline constexpr std::string_view kLegalBasisRequired = "case.transition.legal_basis_required";
// The case's terms or decision do not allow it (e.g. certificate for an item that issues none,
// publicity not due, one-year ban flag for an item without the ban, ban flag on a non-revoke).
inline constexpr std::string_view kGuardFailed = "case.transition.guard_failed";
// The request's time is before the case's last event (or its submission).
inline constexpr std::string_view kTimeOrder = "case.transition.time_order";

}  // namespace zhishen::lifecycle::errors
