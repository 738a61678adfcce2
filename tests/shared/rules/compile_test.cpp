#include "zhishen/rules/compiled_rule.hpp"

#include <gtest/gtest.h>

#include "rules_test_support.hpp"

namespace zhishen::rules {
namespace {

Error error_of(const std::string& rule) {
  auto r = compile_text(rule);
  EXPECT_FALSE(r.ok()) << rule;
  return r.ok() ? Error{} : r.error();
}

TEST(Compile, UnknownOperatorNamesTheNodePath) {
  auto e = error_of(R"({"and":[{"==":[1,1]},{"frobnicate":[1]}]})");
  EXPECT_EQ(e.id, "rules.parse.unknown_operator");
  EXPECT_NE(e.message.find("\"frobnicate\""), std::string::npos);
  EXPECT_NE(e.message.find("at $.and[1]"), std::string::npos) << e.message;
  // Operator names that are not identifiers are quoted in the path.
  auto q = error_of(R"({"if":[{"<":[1,{"x y":2}]},1,2]})");
  EXPECT_NE(q.message.find("at $.if[0][\"<\"][1]"), std::string::npos) << q.message;
}

TEST(Compile, ArityIsCheckedPerOperator) {
  for (const char* bad : {R"({"==":[1]})", R"({"==":[1,2,3]})", R"({"!":[]})", R"({"!":[1,2]})", R"({"<":[1]})",
                          R"({"<":[1,2,3,4]})", R"({"-":[]})", R"({"*":[]})", R"({"/":[1]})", R"({"in":["a"]})",
                          R"({"var":["a","b","c"]})", R"({"substr":[]})", R"({"map":[[1]]})", R"({"reduce":[[1]]})",
                          R"({"and":[]})", R"({"today":[1]})", R"({"lookup":["credit_blacklist"]})",
                          R"({"missing_some":[1]})", R"({"log":[]})"}) {
    EXPECT_EQ(error_of(bad).id, "rules.parse.arity") << bad;
  }
  for (const char* good : {R"({"var":[]})", R"({"if":[]})", R"({"merge":[]})", R"({"missing":[]})", R"({"+":[]})",
                           R"({"cat":[]})", R"({"max":[]})", R"({"today":[]})", R"({"-":[1]})", R"({"<":[1,2,3]})",
                           R"({"substr":["a"]})", R"({"!":1})", R"({"var":"a"})"}) {
    EXPECT_TRUE(compile_text(good).ok()) << good;
  }
}

TEST(Compile, LookupNeedsALiteralDatasetName) {
  EXPECT_EQ(error_of(R"({"lookup":[{"var":"x"},"k"]})").id, "rules.parse.malformed");
  EXPECT_EQ(error_of(R"({"lookup":["","k"]})").id, "rules.parse.malformed");
  auto ok = compile_text(R"({"and":[{"lookup":["credit_blacklist","k"]},{"lookup":["abnormal_operation","k"]}]})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)->datasets(), (std::vector<std::string>{"credit_blacklist", "abnormal_operation"}));
}

TEST(Compile, ObjectsWithOtherThanOneKeyAreLiterals) {
  EXPECT_EQ(testing::eval_text(R"({})"), "{}");
  EXPECT_EQ(testing::eval_text(R"({"a":1,"b":{"var":"x"}})"), R"({"a":1,"b":{"var":"x"}})");
}

TEST(Compile, BadJsonTextIsAParseError) {
  EXPECT_EQ(error_of("{\"var\":").id, "json.parse.syntax");
}

TEST(Compile, DeepRulesCompileWithinTheJsonDepthLimit) {
  std::string rule;
  for (int i = 0; i < 200; ++i) rule += R"({"!":)";
  rule += "true";
  for (int i = 0; i < 200; ++i) rule += "}";
  EXPECT_EQ(testing::eval_text(rule), "true");
}

}  // namespace
}  // namespace zhishen::rules
