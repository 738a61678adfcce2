#include "zhishen/rules/rule_set.hpp"

#include <gtest/gtest.h>

namespace zhishen::rules {
namespace {

Error error_of(const std::string& text) {
  auto r = load_rule_set_text(text);
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? Error{} : r.error();
}

const char* kGood = R"({
  "item_code": "TEST-1", "version": 2, "other_ways": "窗口办理",
  "eligibility": [{"id": "E1", "description": "年满18周岁", "expr": {">=": [{"var": "age"}, 18]}, "message": "未满18周岁"}],
  "review_points": [{"id": "R1", "description": "面积", "expr": {">": [{"var": "area"}, 0]}, "on_fail": "reject", "legal_basis": "某条"}],
  "risk_prompts": [{"id": "K1", "description": "失信", "expr": {"!": {"var": "blacklisted"}}, "on_fail": "warn"}]
})";

TEST(RuleSet, LoadsThreeSections) {
  auto set = load_rule_set_text(kGood);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->item_code, "TEST-1");
  EXPECT_EQ(set->version, 2);
  EXPECT_EQ(set->size(), 3u);
  EXPECT_EQ(set->eligibility[0].on_fail, OnFail::ineligible);  // implied
  EXPECT_EQ(set->review_points[0].legal_basis, "某条");
  EXPECT_EQ(set->risk_prompts[0].on_fail, OnFail::warn);
}

TEST(RuleSet, SchemaErrors) {
  EXPECT_EQ(error_of("[]").id, "rules.set.schema");
  EXPECT_EQ(error_of(R"({"version":1,"review_points":[]})").id, "rules.set.schema");  // no item_code
  EXPECT_EQ(error_of(R"({"item_code":"X","version":0,"review_points":[]})").id, "rules.set.schema");
  EXPECT_EQ(error_of(R"({"item_code":"X","version":1})").id, "rules.set.schema");  // no rules at all
  EXPECT_EQ(error_of(R"({"item_code":"X","version":1,"review_points":{}})").id, "rules.set.schema");
  EXPECT_EQ(error_of(R"({"item_code":"X","version":1,"review_points":[{"id":"R1","description":"d","on_fail":"reject"}]})").id,
            "rules.set.schema");  // no expr
  EXPECT_EQ(error_of(R"({"item_code":"X","version":1,"review_points":[{"id":"R1","expr":true,"on_fail":"reject"}]})").id,
            "rules.set.schema");  // no description
  EXPECT_EQ(error_of(R"({"item_code":"X","version":1,"review_points":[{"id":"R1","description":"d","expr":true}]})").id,
            "rules.set.schema");  // no on_fail
}

TEST(RuleSet, OutcomesMustSuitTheSection) {
  EXPECT_EQ(error_of(R"({"item_code":"X","version":1,"review_points":[{"id":"R1","description":"d","expr":true,"on_fail":"warn"}]})").id,
            "rules.set.on_fail");
  EXPECT_EQ(error_of(R"({"item_code":"X","version":1,"risk_prompts":[{"id":"K1","description":"d","expr":true,"on_fail":"reject"}]})").id,
            "rules.set.on_fail");
  EXPECT_EQ(error_of(R"({"item_code":"X","version":1,"eligibility":[{"id":"E1","description":"d","expr":true,"on_fail":"manual_review"}]})").id,
            "rules.set.on_fail");
  EXPECT_EQ(error_of(R"({"item_code":"X","version":1,"review_points":[{"id":"R1","description":"d","expr":true,"on_fail":"maybe"}]})").id,
            "rules.set.on_fail");
}

TEST(RuleSet, DuplicateIdsAcrossSections) {
  EXPECT_EQ(error_of(R"({"item_code":"X","version":1,
    "eligibility":[{"id":"A","description":"d","expr":true}],
    "review_points":[{"id":"A","description":"d","expr":true,"on_fail":"reject"}]})").id,
            "rules.set.duplicate_id");
}

TEST(RuleSet, ExpressionErrorsPointIntoTheRule) {
  auto e = error_of(R"({"item_code":"X","version":1,"review_points":[
    {"id":"R1","description":"d","expr":true,"on_fail":"reject"},
    {"id":"R2","description":"d","expr":{"and":[true,{"nope":1}]},"on_fail":"reject"}]})");
  EXPECT_EQ(e.id, "rules.parse.unknown_operator");
  EXPECT_NE(e.message.find("at $.review_points[1].expr.and[1]"), std::string::npos) << e.message;
}

}  // namespace
}  // namespace zhishen::rules
