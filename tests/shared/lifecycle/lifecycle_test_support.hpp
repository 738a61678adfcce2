#pragma once
// Test helpers for the lifecycle tests: fixed instants, a driver that applies transitions with
// a role the table allows, and the canonical path from submission to each state.
// Thread-safety: test-only, single-threaded.

#include <chrono>
#include <string>
#include <vector>

#include "zhishen/lifecycle/case_machine.hpp"
#include "zhishen/lifecycle/transition_table.hpp"

namespace zhishen::lifecycle::testing {

// Monday 2024-03-04 09:00 UTC, plus minutes.
inline Instant at_minute(long minutes) {
  using namespace std::chrono;
  return sys_days{year{2024} / 3 / 4} + hours{9} + std::chrono::minutes{minutes};
}

inline const Instant kT0 = at_minute(0);

inline TransitionRequest request(Action a, Role r, Instant at, std::string reason = "理由",
                                 std::string legal_basis = "《中华人民共和国行政许可法》",
                                 bool ban = false) {
  return TransitionRequest{a, r, "actor-" + std::string(to_string(r)), at, std::move(reason),
                           std::move(legal_basis), ban};
}

// The first role the table allows for this action from this state (system if undefined).
inline Role some_allowed_role(State from, Action a) {
  const TransitionRule* rule = find_rule(from, a);
  return rule != nullptr && !rule->roles.empty() ? rule->roles.front() : Role::system;
}

// Drives one case; each step happens `step_minutes` after the previous one.
class CaseDriver {
 public:
  explicit CaseDriver(CaseTerms terms = {}) : rec_(open_case(terms, kT0)) {}

  // Applies the action with an allowed role; returns "" on success or the error id.
  std::string step(Action a, std::string reason = "理由",
                   std::string legal_basis = "《中华人民共和国行政许可法》", bool ban = false) {
    return step_as(a, some_allowed_role(rec_.state, a), std::move(reason), std::move(legal_basis),
                   ban);
  }

  std::string step_as(Action a, Role r, std::string reason = "理由",
                      std::string legal_basis = "《中华人民共和国行政许可法》", bool ban = false) {
    minute_ += step_minutes;
    Result<CaseRecord> next = apply(rec_, request(a, r, now(), std::move(reason),
                                                  std::move(legal_basis), ban));
    if (!next.ok()) return next.error().id;
    rec_ = std::move(next).value();
    return "";
  }

  Instant now() const { return at_minute(minute_); }
  const CaseRecord& rec() const { return rec_; }

  long step_minutes = 60;

 private:
  CaseRecord rec_;
  long minute_ = 0;
};

// Actions leading from submission to `target` under `terms` (publicised needs publicity_required;
// certificate_issued needs issues_certificate).
inline std::vector<Action> path_to(State target, const CaseTerms& terms) {
  using A = Action;
  const std::vector<A> finish = terms.issues_certificate
                                    ? std::vector<A>{A::issue_certificate, A::complete}
                                    : std::vector<A>{A::complete};
  auto concat = [](std::vector<A> a, const std::vector<A>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  switch (target) {
    case State::submitted: return {};
    case State::precheck_failed: return {A::fail_precheck};
    case State::not_accepted: return {A::refuse_acceptance};
    case State::auto_approved: return {A::auto_approve};
    case State::auto_rejected: return {A::auto_reject};
    case State::manual_review: return {A::route_manual};
    case State::correction_requested: return {A::request_correction};
    case State::resubmitted: return {A::request_correction, A::resubmit};
    case State::suspended: return {A::route_manual, A::suspend};
    case State::recheck_confirmed: return {A::auto_approve, A::confirm_recheck};
    case State::recheck_failed: return {A::auto_approve, A::fail_recheck};
    case State::manual_approved: return {A::route_manual, A::manual_approve};
    case State::certificate_issued: return {A::auto_approve, A::confirm_recheck, A::issue_certificate};
    case State::completed: return concat({A::auto_approve, A::confirm_recheck}, finish);
    case State::publicised:
      return concat(concat({A::auto_approve, A::confirm_recheck}, finish), {A::publicise});
    case State::archived: return {A::fail_precheck, A::archive};
    case State::revoked: return {A::auto_approve, A::revoke};
    case State::withdrawn: return {A::withdraw};
  }
  return {};
}

// A driver whose case has reached `target` (check driver.rec().state in the test).
inline CaseDriver drive_to(State target, const CaseTerms& terms) {
  CaseDriver d(terms);
  for (Action a : path_to(target, terms)) {
    if (!d.step(a).empty()) break;
  }
  return d;
}

// Terms under which `guard` holds after the canonical path to `from`.
inline CaseTerms terms_for(State from, Guard guard = Guard::none) {
  CaseTerms t;
  t.publicity_required = true;
  t.ban_on_false_information = true;
  if (guard == Guard::issues_certificate || from == State::certificate_issued) {
    t.issues_certificate = true;
  }
  if (guard == Guard::no_publicity_due) t.publicity_required = false;
  return t;
}

inline CaseTerms terms_for(const TransitionRule& rule) { return terms_for(rule.from, rule.guard); }

}  // namespace zhishen::lifecycle::testing
