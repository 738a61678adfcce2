#pragma once
// A staff transition on a case and what follows it in the same transaction: the system's 办结 of
// an approval whose item issues no e-certificate, the decision time and decision row of manual and
// re-check decisions, the one-year ban and the withdrawn publicity of a revocation, the
// applicant's SMS-style notification and one audit entry per step (no personal data in them).
// Thread-safety: pure functions, or over the caller's transaction.

#include <optional>
#include <string>
#include <vector>

#include "../catalogue.hpp"
#include "../http/api.hpp"
#include "zhishen/domain/case_file.hpp"
#include "zhishen/lifecycle/action.hpp"
#include "zhishen/ports/store.hpp"

namespace zhishen::server {

// What the user sent with an action.
struct ActionInput {
  std::int64_t version = 0;  // the version the user saw
  std::string reason;
  std::string legal_basis;
  bool ban = false;
  std::vector<std::string> items;  // request_correction: the one-time list (一次性告知)
  std::optional<std::int64_t> assignee_id;
};

// The one-time correction list as the reason text: "一、…；二、…".
std::string numbered_list(const std::vector<std::string>& items);

// The same instant one calendar year later (29 February becomes 28 February).
Instant one_year_after(Instant t);

// Applies the staff transition with the caller's acting role and then the system's follow-up
// transitions to `f` (in memory). Errors: the lifecycle's case.transition.* ids.
Status apply_staff_transition(const Principal& who, domain::CaseFile& f, lifecycle::Action action,
                              const ActionInput& in, Instant now);

// After `after` is saved: decision rows, ban, publicity, notification and the audit entries of
// every event beyond `before`'s history.
Status record_followups(ports::StoreTx& tx, const Principal& who, const CompiledItem* item,
                        const domain::CaseFile& before, const domain::CaseFile& after, lifecycle::Action action,
                        const ActionInput& in, Instant now);

}  // namespace zhishen::server
