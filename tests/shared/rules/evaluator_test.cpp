#include "zhishen/rules/evaluator.hpp"

#include <gtest/gtest.h>

#include "rules_test_support.hpp"

namespace zhishen::rules {
namespace {

using testing::eval_text;

class CountingBudget final : public Budget {
 public:
  explicit CountingBudget(int checks) : left_(checks) {}
  bool expired() override { return --left_ < 0; }

 private:
  int left_;
};

TEST(Evaluator, UndefinedPrintsAsNull) {
  EXPECT_EQ(eval_text(R"({"and":[{"if":[]}]})"), "null");
  EXPECT_EQ(eval_text(R"([{"-":[1,{"and":[true]}]}])"), "[0]");
}

TEST(Evaluator, NeverThrowsOnTheShapeOfTheData) {
  const char* rules[] = {R"({"var":"a.b.c.d"})", R"({"all":[{"var":"a"},{"var":"x"}]})", R"({"map":[{"var":""},1]})",
                         R"({"reduce":[{"var":"a"},{"+":[1,{"var":"accumulator"}]},0]})", R"({"in":[{"var":"a"},{"var":"b"}]})",
                         R"({"substr":[{"var":"a"},{"var":"b"},{"var":"c"}]})", R"({"missing_some":[{"var":"a"},{"var":"b"}]})",
                         R"({"+":[{"var":"a"},{"var":"b"}]})", R"({"age_on":[{"var":"a"},{"var":"b"}]})",
                         R"({"workdays_between":[{"var":"a"},{"var":"b"}]})", R"({"cat":[{"var":""}]})"};
  const char* data[] = {"null", "1", "\"s\"", "[]", "[1,[2]]", R"({"a":{"b":[]},"b":"x","c":-1})", R"({"a":"2024-01-01","b":"2024-02-01"})",
                        R"({"a":[null,{"x":1}],"b":[1e308,-1e308]})", "true"};
  for (const char* r : rules) {
    for (const char* d : data) {
      const std::string out = eval_text(r, d);
      EXPECT_EQ(out.find("error"), std::string::npos) << r << " on " << d << " -> " << out;
    }
  }
}

TEST(Evaluator, RunawayGrowthHitsTheMemoryLimit) {
  // merge doubles an array at every step of reduce: 2^40 elements is far beyond the limit.
  std::string rule = R"({"reduce":[)";
  rule += "[";
  for (int i = 0; i < 40; ++i) rule += (i ? ",1" : "1");
  rule += R"(],{"merge":[{"var":"accumulator"},{"var":"accumulator"}]},[1]]})";
  EXPECT_EQ(eval_text(rule), "error:rules.eval.limit");
}

TEST(Evaluator, BudgetStopsALongEvaluation) {
  auto rule = compile_text(R"({"map":[{"var":""},{"+":[{"var":""},1]}]})");
  ASSERT_TRUE(rule.ok());
  Evaluator ev;
  std::vector<Val> items(100000, Val::number(1));
  const Val data = make_array(ev.arena(), items.data(), items.size());
  CountingBudget budget(3);
  ev.set_budget(&budget);
  auto r = ev.evaluate(**rule, data);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().id, "rules.eval.timeout");
  ev.set_budget(nullptr);
  EXPECT_TRUE(ev.evaluate(**rule, data).ok());
}

TEST(Evaluator, RecordsTheValuesVarReads) {
  auto rule = compile_text(R"({"and":[{">=":[{"var":"applicant.age"},18]},{"var":["form.missing","d"]}]})");
  ASSERT_TRUE(rule.ok());
  Evaluator ev;
  ParseScratch scratch;
  std::vector<Read> reads;
  ev.set_reads(&reads);
  auto data = parse_val(R"({"applicant":{"age":36}})", ev.arena(), scratch);
  ASSERT_TRUE(data.ok());
  auto r = ev.evaluate(**rule, *data);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(to_json_text(*r), "\"d\"");
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[0].path, "applicant.age");
  EXPECT_EQ(to_json_text(reads[0].value), "36");
  EXPECT_EQ(reads[1].path, "form.missing");
  EXPECT_EQ(to_json_text(reads[1].value), "\"d\"");
}

TEST(Evaluator, ACompiledRuleIsReusedAcrossManyDataDocuments) {
  auto rule = compile_text(R"({"if":[{"<":[{"var":"n"},10]},"small",{"cat":["big:",{"var":"n"}]}]})");
  ASSERT_TRUE(rule.ok());
  Evaluator ev;
  ParseScratch scratch;
  for (int i = 0; i < 1000; ++i) {
    ev.reset();
    const std::string text = "{\"n\":" + std::to_string(i) + "}";
    auto data = parse_val(text, ev.arena(), scratch);
    ASSERT_TRUE(data.ok());
    auto r = ev.evaluate(**rule, *data);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(to_json_text(*r), i < 10 ? "\"small\"" : "\"big:" + std::to_string(i) + "\"");
  }
}

TEST(Evaluator, LogGoesToTheInjectedSink) {
  std::vector<std::string> logged;
  EvalEnv env;
  env.log = [&](std::string_view s) { logged.emplace_back(s); };
  EXPECT_EQ(eval_text(R"({"log":{"var":"a"}})", R"({"a":[1,"x"]})", env), R"([1,"x"])");
  EXPECT_EQ(logged, std::vector<std::string>{R"([1,"x"])"});
}

}  // namespace
}  // namespace zhishen::rules
