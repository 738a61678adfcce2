#include <gtest/gtest.h>

#include <set>
#include <string>

#include "zhishen/lifecycle/case_record.hpp"
#include "zhishen/lifecycle/transition_table.hpp"

namespace zhishen::lifecycle {
namespace {

bool is_snake_case(std::string_view s) {
  if (s.empty() || s.front() == '_' || s.back() == '_') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

TEST(LifecycleNames, StatesRoundTripWithUniqueSnakeCaseNamesAndChineseLabels) {
  std::set<std::string_view> names;
  std::set<std::string_view> labels;
  for (State s : kAllStates) {
    EXPECT_TRUE(is_snake_case(to_string(s))) << to_string(s);
    EXPECT_EQ(parse_state(to_string(s)), s);
    names.insert(to_string(s));
    labels.insert(label_zh(s));
    EXPECT_FALSE(label_zh(s).empty());
    EXPECT_NE(label_zh(s), "未知");
  }
  EXPECT_EQ(names.size(), kAllStates.size());
  EXPECT_EQ(labels.size(), kAllStates.size());
  EXPECT_EQ(label_zh(State::correction_requested), "补齐补正(中止计时)");
  EXPECT_EQ(label_zh(State::archived), "已归档");
  EXPECT_EQ(to_string(State::not_accepted), "not_accepted");
}

TEST(LifecycleNames, RolesRoundTrip) {
  std::set<std::string_view> names;
  for (Role r : kAllRoles) {
    EXPECT_TRUE(is_snake_case(to_string(r)));
    EXPECT_EQ(parse_role(to_string(r)), r);
    EXPECT_FALSE(label_zh(r).empty());
    names.insert(to_string(r));
  }
  EXPECT_EQ(names.size(), kAllRoles.size());
}

TEST(LifecycleNames, ActionsRoundTrip) {
  std::set<std::string_view> names;
  for (Action a : kAllActions) {
    EXPECT_TRUE(is_snake_case(to_string(a)));
    EXPECT_EQ(parse_action(to_string(a)), a);
    EXPECT_FALSE(label_zh(a).empty());
    names.insert(to_string(a));
  }
  EXPECT_EQ(names.size(), kAllActions.size());
}

TEST(LifecycleNames, DecisionDeadlineKindAndGuardRoundTrip) {
  for (Decision d : {Decision::none, Decision::approved, Decision::rejected}) {
    EXPECT_EQ(parse_decision(to_string(d)), d);
  }
  for (DeadlineKind k : {DeadlineKind::recheck, DeadlineKind::decision, DeadlineKind::publicity}) {
    EXPECT_EQ(parse_deadline_kind(to_string(k)), k);
  }
  for (Guard g : {Guard::none, Guard::issues_certificate, Guard::no_certificate,
                  Guard::publicity_due, Guard::no_publicity_due}) {
    EXPECT_EQ(parse_guard(to_string(g)), g);
  }
}

TEST(LifecycleNames, ParseRejectsUnknownAndNearMisses) {
  for (std::string_view bad : {"", "Submitted", "submitted ", " archived", "已提交", "unknown"}) {
    EXPECT_FALSE(parse_state(bad).has_value()) << bad;
    EXPECT_FALSE(parse_role(bad).has_value()) << bad;
    EXPECT_FALSE(parse_action(bad).has_value()) << bad;
    EXPECT_FALSE(parse_decision(bad).has_value()) << bad;
    EXPECT_FALSE(parse_deadline_kind(bad).has_value()) << bad;
    EXPECT_FALSE(parse_guard(bad).has_value()) << bad;
  }
  EXPECT_FALSE(parse_role("Reviewer").has_value());
  EXPECT_FALSE(parse_action("auto-approve").has_value());
}

}  // namespace
}  // namespace zhishen::lifecycle
