#pragma once
// CaseRecord: everything the state machine knows about one case (办件) — its state, decision,
// the terms copied from the item version at submission, its clocks and its history.
//
// Ownership: a CaseRecord is a value. case_machine.hpp's apply() never edits one; it returns a
// new record, which the caller stores with an optimistic-concurrency check on `version`.
// Invariant kept by apply(): version == history.size(), and history[i].seq == i + 1.
//
// Thread-safety: plain values; safe to copy between threads.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zhishen/core/date.hpp"
#include "zhishen/lifecycle/action.hpp"
#include "zhishen/lifecycle/case_state.hpp"
#include "zhishen/lifecycle/deadline_clock.hpp"
#include "zhishen/lifecycle/role.hpp"

namespace zhishen::lifecycle {

// The item version's settings that govern a case, frozen at submission.
struct CaseTerms {
  int recheck_span_workdays = 1;     // 复核时限 (000 Art.15: 1 working day)
  int commitment_span_workdays = 5;  // 承诺时限
  int publicity_span_workdays = 7;   // 公示时限 (002 §8.4: 7 working days)
  bool issues_certificate = false;   // the result is an e-certificate (电子证照)
  bool publicity_required = false;   // 双公示
  bool ban_on_false_information = false;  // one-year ban after revocation (000 Art.17)

  friend bool operator==(const CaseTerms&, const CaseTerms&) = default;
};

// The outcome decided on the case. Revocation keeps it; the state says revoked.
enum class Decision { none, approved, rejected };

std::string_view to_string(Decision d);
std::optional<Decision> parse_decision(std::string_view name);

// One applied transition, as recorded in the case history (and the audit trail).
struct CaseEvent {
  std::int64_t seq = 0;  // 1-based position in the history
  State from = State::submitted;
  State to = State::submitted;
  Action action = Action::route_manual;
  Role role = Role::system;
  std::string actor;        // account, channel or service name
  Instant at{};
  std::string reason;       // 理由 / 补正清单 / 审查意见
  std::string legal_basis;  // 法律依据
  bool ban = false;         // revoke only: one-year ban imposed

  friend bool operator==(const CaseEvent&, const CaseEvent&) = default;
};

struct CaseRecord {
  State state = State::submitted;
  Decision decision = Decision::none;
  CaseTerms terms;
  std::int64_t version = 0;  // +1 per applied transition; 0 for a freshly opened case
  std::vector<ClockRecord> clocks;
  Instant submitted_at{};
  std::vector<CaseEvent> history;

  friend bool operator==(const CaseRecord&, const CaseRecord&) = default;
};

// The newest running clock of this kind on the case, or nullptr.
inline const ClockRecord* running_clock(const CaseRecord& c, DeadlineKind kind) {
  return running_clock(c.clocks, kind);
}

}  // namespace zhishen::lifecycle
