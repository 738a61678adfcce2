#include "zhishen/lifecycle/transition_table.hpp"

#include <algorithm>
#include <initializer_list>

namespace zhishen::lifecycle {

std::string_view to_string(Guard g) {
  switch (g) {
    case Guard::none: return "none";
    case Guard::issues_certificate: return "issues_certificate";
    case Guard::no_certificate: return "no_certificate";
    case Guard::publicity_due: return "publicity_due";
    case Guard::no_publicity_due: return "no_publicity_due";
    case Guard::decision_approved: return "decision_approved";
  }
  return "unknown";
}

std::optional<Guard> parse_guard(std::string_view name) {
  for (Guard g : {Guard::none, Guard::issues_certificate, Guard::no_certificate,
                  Guard::publicity_due, Guard::no_publicity_due, Guard::decision_approved}) {
    if (to_string(g) == name) return g;
  }
  return std::nullopt;
}

bool guard_holds(Guard g, const CaseTerms& terms, Decision decision) {
  const bool publicity_due = decision == Decision::approved && terms.publicity_required;
  switch (g) {
    case Guard::none: return true;
    case Guard::issues_certificate: return terms.issues_certificate;
    case Guard::no_certificate: return !terms.issues_certificate;
    case Guard::publicity_due: return publicity_due;
    case Guard::no_publicity_due: return !publicity_due;
    case Guard::decision_approved: return decision == Decision::approved;
  }
  return false;
}

bool TransitionRule::allows(Role r) const {
  return std::find(roles.begin(), roles.end(), r) != roles.end();
}

namespace {

using S = State;
using A = Action;
using R = Role;

enum Needs { kNothing = 0, kReason = 1, kLegalBasis = 2, kBan = 4 };

// One row per from-state: the same action, target, roles, needs and guard.
void add(std::vector<TransitionRule>& t, std::initializer_list<State> froms, Action action, State to,
         std::initializer_list<Role> roles, int needs = kNothing, Guard guard = Guard::none) {
  for (State from : froms) {
    t.push_back(TransitionRule{from, action, to, std::vector<Role>(roles), (needs & kReason) != 0,
                               (needs & kLegalBasis) != 0, guard, (needs & kBan) != 0});
  }
}

std::vector<TransitionRule> build() {
  std::vector<TransitionRule> t;
  // Acceptance and automatic decision.
  add(t, {S::submitted}, A::fail_precheck, S::precheck_failed, {R::system});
  add(t, {S::submitted}, A::refuse_acceptance, S::not_accepted, {R::system, R::reviewer}, kReason);
  add(t, {S::submitted, S::resubmitted}, A::auto_approve, S::auto_approved, {R::system});
  add(t, {S::submitted, S::resubmitted}, A::auto_reject, S::auto_rejected, {R::system}, kReason);
  add(t, {S::submitted, S::resubmitted}, A::route_manual, S::manual_review, {R::system});
  add(t, {S::resubmitted}, A::start_review, S::manual_review, {R::reviewer});
  // Correction (补齐补正) and suspension (中止): the decision clock stands still.
  add(t, {S::submitted}, A::request_correction, S::correction_requested, {R::system, R::reviewer},
      kReason);
  add(t, {S::manual_review}, A::request_correction, S::correction_requested, {R::reviewer}, kReason);
  add(t, {S::correction_requested}, A::resubmit, S::resubmitted, {R::applicant});
  add(t, {S::manual_review}, A::suspend, S::suspended, {R::reviewer}, kReason);
  add(t, {S::suspended}, A::resume, S::manual_review, {R::reviewer});
  // Re-check (复核) of automatic decisions.
  add(t, {S::auto_approved}, A::confirm_recheck, S::recheck_confirmed, {R::reviewer});
  add(t, {S::auto_rejected}, A::confirm_recheck, S::completed, {R::reviewer});
  add(t, {S::auto_approved, S::auto_rejected}, A::fail_recheck, S::recheck_failed, {R::reviewer},
      kReason);
  add(t, {S::recheck_failed}, A::reopen, S::manual_review, {R::reviewer});
  // Manual decision.
  add(t, {S::manual_review}, A::manual_approve, S::manual_approved, {R::reviewer, R::approver},
      kReason | kLegalBasis);
  add(t, {S::manual_review}, A::manual_reject, S::completed, {R::reviewer, R::approver}, kReason);
  // Certificate, completion, publicity, archive.
  add(t, {S::recheck_confirmed, S::manual_approved}, A::issue_certificate, S::certificate_issued,
      {R::system}, kNothing, Guard::issues_certificate);
  add(t, {S::recheck_confirmed, S::manual_approved}, A::complete, S::completed, {R::system},
      kNothing, Guard::no_certificate);
  add(t, {S::certificate_issued}, A::complete, S::completed, {R::system});
  add(t, {S::completed}, A::publicise, S::publicised, {R::system, R::reviewer}, kNothing, Guard::publicity_due);
  add(t, {S::completed}, A::archive, S::archived, {R::system, R::admin}, kNothing,
      Guard::no_publicity_due);
  add(t, {S::publicised, S::precheck_failed, S::not_accepted, S::withdrawn, S::revoked}, A::archive,
      S::archived, {R::system, R::admin});
  // Revocation (撤销) of an approval, and withdrawal (撤回). A rejection is not revoked: a failed
  // re-check of an automatic rejection reopens the case instead.
  add(t,
      {S::auto_approved, S::recheck_confirmed, S::recheck_failed, S::manual_approved,
       S::certificate_issued, S::completed, S::publicised},
      A::revoke, S::revoked, {R::approver}, kReason | kLegalBasis | kBan, Guard::decision_approved);
  add(t,
      {S::submitted, S::manual_review, S::correction_requested, S::resubmitted, S::suspended},
      A::withdraw, S::withdrawn, {R::applicant});
  return t;
}

}  // namespace

const std::vector<TransitionRule>& transition_table() {
  static const std::vector<TransitionRule> table = build();
  return table;
}

const TransitionRule* find_rule(State from, Action action) {
  for (const TransitionRule& r : transition_table()) {
    if (r.from == from && r.action == action) return &r;
  }
  return nullptr;
}

}  // namespace zhishen::lifecycle
