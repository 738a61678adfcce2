#include "zhishen/lifecycle/case_machine.hpp"

#include <string_view>
#include <utility>

#include "zhishen/lifecycle/errors.hpp"
#include "zhishen/lifecycle/transition_table.hpp"

namespace zhishen::lifecycle {
namespace {

// Blank: empty after removing ASCII whitespace and the ideographic space U+3000.
bool is_blank(std::string_view s) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  while (!s.empty()) {
    if (s.substr(0, kIdeographicSpace.size()) == kIdeographicSpace) {
      s.remove_prefix(kIdeographicSpace.size());
    } else if (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r' ||
               s.front() == '\f' || s.front() == '\v') {
      s.remove_prefix(1);
    } else {
      return false;
    }
  }
  return true;
}

Error fail(std::string_view id, std::string message) { return make_error(std::string(id), std::move(message)); }

std::string describe(State from, Action action) {
  return std::string(to_string(action)) + " from " + std::string(to_string(from));
}

bool clock_suspended_in(State s) { return s == State::correction_requested || s == State::suspended; }

bool decision_ends_in(State to, Action action) {
  switch (to) {
    case State::auto_approved:
    case State::auto_rejected:
    case State::manual_approved:
    case State::not_accepted:
    case State::precheck_failed:
      return true;
    case State::completed:
      return action == Action::manual_reject;
    default:
      return false;
  }
}

Decision decision_after(Action action, Decision current) {
  switch (action) {
    case Action::auto_approve:
    case Action::manual_approve:
      return Decision::approved;
    case Action::auto_reject:
    case Action::manual_reject:
      return Decision::rejected;
    default:
      return current;
  }
}

// Updates the clocks of `c` (already in its new state and decision) for the transition.
void update_clocks(CaseRecord& c, State from, Action action, Instant at) {
  auto& clocks = c.clocks;
  if (action == Action::revoke || action == Action::withdraw) {
    stop_all_clocks(clocks, at);
    return;
  }
  if (clock_suspended_in(from) && !clock_suspended_in(c.state)) {
    resume_clock(clocks, DeadlineKind::decision, at);
  }
  if (clock_suspended_in(c.state) && !clock_suspended_in(from)) {
    suspend_clock(clocks, DeadlineKind::decision, at);
  }
  if (decision_ends_in(c.state, action)) stop_clock(clocks, DeadlineKind::decision, at);
  if (action == Action::reopen) {
    start_clock(clocks, DeadlineKind::decision, at, c.terms.commitment_span_workdays);
  }
  if (action == Action::confirm_recheck || action == Action::fail_recheck) {
    stop_clock(clocks, DeadlineKind::recheck, at);
  }
  if (c.state == State::auto_approved || c.state == State::auto_rejected) {
    start_clock(clocks, DeadlineKind::recheck, at, c.terms.recheck_span_workdays);
  }
  if (action == Action::publicise) stop_clock(clocks, DeadlineKind::publicity, at);
  if (c.state == State::completed && c.decision == Decision::approved && c.terms.publicity_required) {
    start_clock(clocks, DeadlineKind::publicity, at, c.terms.publicity_span_workdays);
  }
}

// The rule for the request, or the first failing check (invalid, forbidden, reason, legal basis,
// guard, time order).
Result<const TransitionRule*> check(const CaseRecord& c, const TransitionRequest& req) {
  const TransitionRule* rule = find_rule(c.state, req.action);
  if (rule == nullptr) {
    return fail(errors::kInvalid, describe(c.state, req.action) + " is not a defined transition");
  }
  if (!rule->allows(req.role)) {
    return fail(errors::kForbidden, "role " + std::string(to_string(req.role)) + " may not " +
                                        describe(c.state, req.action));
  }
  if (rule->reason_required && is_blank(req.reason)) {
    return fail(errors::kReasonRequired, describe(c.state, req.action) + " requires a reason");
  }
  if (rule->legal_basis_required && is_blank(req.legal_basis)) {
    return fail(errors::kLegalBasisRequired,
                describe(c.state, req.action) + " requires a legal basis");
  }
  if (!guard_holds(rule->guard, c.terms, c.decision)) {
    return fail(errors::kGuardFailed, describe(c.state, req.action) + " needs guard " +
                                          std::string(to_string(rule->guard)));
  }
  if (req.ban && !(rule->ban_allowed && c.terms.ban_on_false_information)) {
    return fail(errors::kGuardFailed, "the one-year ban is not available for " +
                                          describe(c.state, req.action) + " on this item");
  }
  const Instant last = c.history.empty() ? c.submitted_at : c.history.back().at;
  if (req.at < last) {
    return fail(errors::kTimeOrder, "the request's time is before the case's last event");
  }
  return rule;
}

}  // namespace

CaseRecord open_case(CaseTerms terms, Instant submitted_at) {
  CaseRecord c;
  c.state = State::submitted;
  c.decision = Decision::none;
  c.terms = terms;
  c.version = 0;
  c.submitted_at = submitted_at;
  start_clock(c.clocks, DeadlineKind::decision, submitted_at, terms.commitment_span_workdays);
  return c;
}

Result<CaseRecord> apply(const CaseRecord& record, const TransitionRequest& req) {
  Result<const TransitionRule*> checked = check(record, req);
  if (!checked.ok()) return checked.error();
  const TransitionRule& rule = *checked.value();

  CaseRecord next = record;
  next.state = rule.to;
  next.decision = decision_after(req.action, record.decision);
  update_clocks(next, record.state, req.action, req.at);
  next.version = record.version + 1;
  next.history.push_back(CaseEvent{static_cast<std::int64_t>(record.history.size()) + 1,
                                   record.state, rule.to, req.action, req.role, req.actor, req.at,
                                   req.reason, req.legal_basis, req.ban});
  return next;
}

std::vector<Action> available_actions(const CaseRecord& record, Role role) {
  std::vector<Action> out;
  for (const TransitionRule& r : transition_table()) {
    if (r.from == record.state && r.allows(role) &&
        guard_holds(r.guard, record.terms, record.decision)) {
      out.push_back(r.action);
    }
  }
  return out;
}

}  // namespace zhishen::lifecycle
