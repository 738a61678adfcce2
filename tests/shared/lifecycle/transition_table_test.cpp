#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

#include "lifecycle_test_support.hpp"
#include "zhishen/lifecycle/errors.hpp"

namespace zhishen::lifecycle {
namespace {

using testing::drive_to;
using testing::terms_for;

TEST(TransitionTable, FromActionPairsAreUniqueAndFindRuleFindsEach) {
  std::set<std::pair<State, Action>> seen;
  for (const TransitionRule& r : transition_table()) {
    EXPECT_TRUE(seen.insert({r.from, r.action}).second)
        << to_string(r.from) << " " << to_string(r.action);
    EXPECT_EQ(find_rule(r.from, r.action), &r);
    EXPECT_FALSE(r.roles.empty());
    EXPECT_FALSE(r.allows(Role::supervisor)) << "supervisors never change a case";
  }
}

TEST(TransitionTable, ArchivedIsTerminalAndTheDeadEndStatesCanOnlyBeArchived) {
  for (const TransitionRule& r : transition_table()) {
    EXPECT_NE(r.from, State::archived);
    if (r.from == State::precheck_failed || r.from == State::not_accepted ||
        r.from == State::withdrawn || r.from == State::revoked) {
      EXPECT_EQ(r.action, Action::archive);
    }
  }
  EXPECT_TRUE(is_terminal(State::archived));
  EXPECT_FALSE(is_terminal(State::completed));
}

TEST(TransitionTable, EveryStateIsReachableAndEveryNonTerminalStateCanMove) {
  std::set<State> targets{State::submitted};
  std::set<State> sources;
  for (const TransitionRule& r : transition_table()) {
    targets.insert(r.to);
    sources.insert(r.from);
  }
  for (State s : kAllStates) {
    EXPECT_TRUE(targets.count(s) != 0) << to_string(s);
    EXPECT_EQ(sources.count(s) != 0, !is_terminal(s)) << to_string(s);
  }
}

TEST(TransitionTable, RequiredFieldsFollowTheSpecification) {
  auto rule = [](State s, Action a) { return find_rule(s, a); };
  ASSERT_NE(rule(State::submitted, Action::refuse_acceptance), nullptr);
  EXPECT_TRUE(rule(State::submitted, Action::refuse_acceptance)->reason_required);
  EXPECT_TRUE(rule(State::manual_review, Action::request_correction)->reason_required);
  EXPECT_TRUE(rule(State::manual_review, Action::manual_approve)->legal_basis_required);
  EXPECT_TRUE(rule(State::completed, Action::revoke)->reason_required);
  EXPECT_TRUE(rule(State::completed, Action::revoke)->legal_basis_required);
  EXPECT_TRUE(rule(State::completed, Action::revoke)->ban_allowed);
  EXPECT_FALSE(rule(State::submitted, Action::route_manual)->reason_required);
  EXPECT_EQ(rule(State::completed, Action::publicise)->guard, Guard::publicity_due);
  EXPECT_TRUE(rule(State::submitted, Action::request_correction)->allows(Role::system));
  EXPECT_FALSE(rule(State::manual_review, Action::request_correction)->allows(Role::system));
}

// Every rule succeeds from its from-state, reached through real transitions, for every role the
// rule allows; the result is the rule's target state.
TEST(TransitionTable, EveryTransitionSucceedsForEveryAllowedRole) {
  for (const TransitionRule& r : transition_table()) {
    for (Role role : r.roles) {
      testing::CaseDriver d = drive_to(r.from, terms_for(r));
      ASSERT_EQ(d.rec().state, r.from) << to_string(r.from);
      const std::string err = d.step_as(r.action, role);
      EXPECT_EQ(err, "") << to_string(r.from) << " --" << to_string(r.action) << "--> as "
                         << to_string(role);
      EXPECT_EQ(d.rec().state, r.to);
    }
  }
}

// Every (state, action, role) triple: ok when the table has the rule and allows the role,
// case.transition.forbidden when it has the rule but not the role, case.transition.invalid
// when the table has no such rule.
TEST(TransitionTable, EveryStateActionRoleTripleAnswersAsTheTableSays) {
  int ok = 0, invalid = 0, forbidden = 0;
  for (State s : kAllStates) {
    for (Action a : kAllActions) {
      const TransitionRule* rule = find_rule(s, a);
      const CaseTerms terms = rule != nullptr ? terms_for(*rule) : terms_for(s);
      for (Role role : kAllRoles) {
        testing::CaseDriver d = drive_to(s, terms);
        ASSERT_EQ(d.rec().state, s) << to_string(s);
        const std::string got = d.step_as(a, role);
        std::string want;
        if (rule == nullptr) {
          want = errors::kInvalid;
          ++invalid;
        } else if (!rule->allows(role)) {
          want = errors::kForbidden;
          ++forbidden;
        } else {
          ++ok;
        }
        EXPECT_EQ(got, want) << to_string(s) << " " << to_string(a) << " " << to_string(role);
      }
    }
  }
  EXPECT_EQ(ok + invalid + forbidden,
            static_cast<int>(kAllStates.size() * kAllActions.size() * kAllRoles.size()));
  EXPECT_GT(ok, 0);
  EXPECT_GT(forbidden, 0);
}

// available_actions lists exactly the rules from the state that the role may take and whose
// guard holds, in table order.
TEST(TransitionTable, AvailableActionsMatchTheTable) {
  for (const TransitionRule& r : transition_table()) {
    const CaseTerms terms = terms_for(r);
    testing::CaseDriver d = drive_to(r.from, terms);
    ASSERT_EQ(d.rec().state, r.from);
    for (Role role : kAllRoles) {
      std::vector<Action> want;
      for (const TransitionRule& x : transition_table()) {
        if (x.from == r.from && x.allows(role) && guard_holds(x.guard, terms, d.rec().decision)) {
          want.push_back(x.action);
        }
      }
      EXPECT_EQ(available_actions(d.rec(), role), want) << to_string(r.from) << to_string(role);
      for (Action a : available_actions(d.rec(), role)) {
        const Instant later = d.now() + std::chrono::hours{1};
        EXPECT_TRUE(apply(d.rec(), testing::request(a, role, later)).ok()) << to_string(a);
      }
    }
  }
}

TEST(TransitionTable, AvailableActionsRespectGuardsAndRoles) {
  using testing::CaseDriver;
  CaseTerms cert;
  cert.issues_certificate = true;
  CaseDriver a = drive_to(State::recheck_confirmed, cert);
  EXPECT_EQ(available_actions(a.rec(), Role::system), std::vector<Action>{Action::issue_certificate});
  EXPECT_EQ(available_actions(a.rec(), Role::approver), std::vector<Action>{Action::revoke});
  EXPECT_TRUE(available_actions(a.rec(), Role::supervisor).empty());

  CaseTerms plain;
  CaseDriver b = drive_to(State::recheck_confirmed, plain);
  EXPECT_EQ(available_actions(b.rec(), Role::system), std::vector<Action>{Action::complete});

  CaseTerms pub;
  pub.publicity_required = true;
  CaseDriver c = drive_to(State::completed, pub);
  EXPECT_EQ(available_actions(c.rec(), Role::system), std::vector<Action>{Action::publicise});
  EXPECT_TRUE(available_actions(c.rec(), Role::admin).empty());

  CaseDriver e = drive_to(State::archived, plain);
  for (Role role : kAllRoles) EXPECT_TRUE(available_actions(e.rec(), role).empty());
}

}  // namespace
}  // namespace zhishen::lifecycle
