#include "zhishen/rules/decision.hpp"

#include <gtest/gtest.h>

#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::rules {
namespace {

class DownSharedData final : public ports::SharedDataLookup {
 public:
  Result<std::optional<json::Value>> lookup(const std::string&, const std::string&) const override {
    return make_error("shared_data.unavailable", "down");
  }
};

class ExpiredBudget final : public Budget {
 public:
  bool expired() override { return true; }
};

const RuleSet& food_like() {
  static const RuleSet set = load_rule_set_text(R"({
    "item_code": "T", "version": 3, "other_ways": "可到窗口办理",
    "eligibility": [{"id":"E1","description":"成年","expr":{">=":[{"var":"age"},18]},"message":"未成年"}],
    "review_points": [
      {"id":"R1","description":"面积为正","expr":{">":[{"var":"area"},0]},"on_fail":"reject","legal_basis":"条例第1条","message":"面积有误"},
      {"id":"R2","description":"面积不超过500","expr":{"<=":[{"var":"area"},500]},"on_fail":"manual_review","message":"面积较大"}],
    "risk_prompts": [
      {"id":"K1","description":"失信","expr":{"!":{"var":"blacklisted"}},"on_fail":"manual_review","message":"失信"},
      {"id":"K2","description":"异常","expr":{"!":{"var":"abnormal"}},"on_fail":"warn","message":"经营异常"},
      {"id":"K3","description":"信用库","expr":{"!":{"lookup":["credit_blacklist",{"var":"id"}]}},"on_fail":"warn"}]
  })").value();
  return set;
}

Decision decide_text(const std::string& app, const EvalEnv& env = {}, const DecisionOptions& opt = {}) {
  Evaluator ev(env);
  return decide(food_like(), json::parse(app).value(), ev, opt);
}

TEST(Decision, Approved) {
  const auto d = decide_text(R"({"age":30,"area":100})");
  EXPECT_EQ(d.outcome, Outcome::approved);
  EXPECT_TRUE(d.reasons.empty());
  EXPECT_EQ(d.trace.size(), 6u);
  for (const auto& t : d.trace) EXPECT_EQ(t.status, RuleStatus::passed) << t.rule_id;
}

TEST(Decision, IneligibleWinsAndGivesTheOtherWays) {
  const auto d = decide_text(R"({"age":16,"area":-1,"blacklisted":true})");
  EXPECT_EQ(d.outcome, Outcome::ineligible);
  ASSERT_EQ(d.reasons.size(), 1u);
  EXPECT_EQ(d.reasons[0].rule_id, "E1");
  EXPECT_EQ(d.other_ways, "可到窗口办理");
}

TEST(Decision, RejectedBeforeManualReview) {
  const auto d = decide_text(R"({"age":30,"area":-5,"blacklisted":true})");
  EXPECT_EQ(d.outcome, Outcome::rejected);
  ASSERT_EQ(d.reasons.size(), 1u);
  EXPECT_EQ(d.reasons[0].rule_id, "R1");
  EXPECT_EQ(d.reasons[0].legal_basis, "条例第1条");
}

TEST(Decision, ManualReviewListsTheRulesThatSentIt) {
  const auto d = decide_text(R"({"age":30,"area":800,"blacklisted":true,"abnormal":true})");
  EXPECT_EQ(d.outcome, Outcome::manual_review);
  ASSERT_EQ(d.reasons.size(), 2u);
  EXPECT_EQ(d.reasons[0].rule_id, "R2");
  EXPECT_EQ(d.reasons[1].rule_id, "K1");
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0].rule_id, "K2");
}

TEST(Decision, TraceCarriesValuesRead) {
  const auto d = decide_text(R"({"age":30,"area":800})");
  const auto& r2 = d.trace[2];
  EXPECT_EQ(r2.rule_id, "R2");
  EXPECT_EQ(r2.status, RuleStatus::failed);
  ASSERT_EQ(r2.reads.size(), 1u);
  EXPECT_EQ(r2.reads[0].path, "area");
  EXPECT_EQ(r2.reads[0].value, json::Value(800));
  EXPECT_FALSE(r2.reads[0].repeated);
  const auto j = to_json(d);
  EXPECT_EQ(j.find("outcome")->as_string(), "manual_review");
  EXPECT_EQ(j.find("trace")->as_array().size(), 6u);
}

// trace_text writes the document field by field (no json::Value built): every field, in order,
// escaped, against a document written out by hand.
TEST(Decision, TraceTextWritesEveryFieldOfTheDocument) {
  Decision d;
  d.outcome = Outcome::ineligible;
  d.item_code = "T\"1";
  d.rule_set_version = 7;
  d.reasons = {{"E1", "成年", "未成年 \"x\"", "条例\n第1条"}};
  d.warnings = {{"W1", "w", "", ""}};
  d.other_ways = "可到窗口办理";
  d.error_ids = {"decision.timeout", "shared_data.unavailable"};
  d.elapsed = std::chrono::microseconds(1234);
  d.trace.push_back({"E1", Section::eligibility, RuleStatus::failed, OnFail::reject, json::Value(false),
                     {{"age", json::Value(12), false}, {"materials", json::Value(json::Array{1, "a"}), false}}, ""});
  d.trace.push_back({"R1", Section::review_points, RuleStatus::error, OnFail::manual_review, json::Value(),
                     {{"materials", json::Value(), true}}, "rules.eval.type"});
  d.trace.push_back({"R2", Section::risk_prompts, RuleStatus::passed, OnFail::warn, json::Value(true), {}, ""});
  const std::string text = trace_text(d);
  const json::Value expected = json::parse(R"({
    "outcome":"ineligible","item_code":"T\"1","rule_set_version":7,
    "reasons":[{"rule_id":"E1","description":"成年","message":"未成年 \"x\"","legal_basis":"条例\n第1条"}],
    "warnings":[{"rule_id":"W1","description":"w","message":"","legal_basis":""}],
    "other_ways":"可到窗口办理","error_ids":["decision.timeout","shared_data.unavailable"],"elapsed_us":1234,
    "trace":[
      {"rule_id":"E1","section":"eligibility","status":"failed","on_fail":"reject","result":false,
       "reads":{"age":12,"materials":[1,"a"]}},
      {"rule_id":"R1","section":"review_points","status":"error","on_fail":"manual_review","result":null,
       "reads":{"materials":null},"repeated":["materials"],"error_id":"rules.eval.type"},
      {"rule_id":"R2","section":"risk_prompts","status":"passed","on_fail":"warn","result":true,"reads":{}}]})").value();
  EXPECT_EQ(text, json::to_json(expected));  // the same bytes the general writer gives, key order included
  d.outcome = Outcome::approved;             // other_ways belongs to an ineligible decision only
  EXPECT_EQ(json::parse(trace_text(d)).value().find("other_ways"), nullptr);
  d.trace.clear();
  EXPECT_EQ(json::parse(trace_text(d)).value().find("trace")->as_array().size(), 0u);
}

TEST(Decision, TheStoredTextIsTheFullDocumentWhenNothingRepeats) {
  auto d = decide_text(R"({"age":30,"area":800})");
  const json::Value full = to_json(d);
  const json::Value stored = json::parse(trace_text(d)).value();
  EXPECT_EQ(stored, full);
  EXPECT_EQ(full.find("trace")->as_array().size(), d.trace.size());
  EXPECT_EQ(*full.find("trace")->as_array()[2].find("reads")->find("area"), json::Value(800));
}

// Rules reading one list: the stored trace holds the list once, the full document in every rule.
// "b" is read at the top (one array) and inside `some` (each element's array): only a read finding
// the same array as the latest read of its path counts as repeated.
TEST(Decision, ARepeatedListIsStoredOnceAndWrittenOutInFull) {
  const RuleSet set = load_rule_set_text(R"({
    "item_code": "T", "version": 1,
    "review_points": [
      {"id":"R1","description":"有材料","expr":{">":[{"var":"materials.length"},0]},"on_fail":"reject"},
      {"id":"R2","description":"有身份证","expr":{"in":["id_card",{"map":[{"var":"materials"},{"var":"type"}]}]},"on_fail":"reject"},
      {"id":"R3","description":"有营业执照","expr":{"some":[{"var":"materials"},{"==":[{"var":"type"},"licence"]}]},"on_fail":"reject"},
      {"id":"R4","description":"b","expr":{"var":"b"},"on_fail":"manual_review"},
      {"id":"R5","description":"c","expr":{"some":[{"var":"c"},{"var":"b"}]},"on_fail":"manual_review"},
      {"id":"R6","description":"b again","expr":{"var":"b"},"on_fail":"manual_review"},
      {"id":"R7","description":"b once more","expr":{"var":"b"},"on_fail":"manual_review"}]
  })").value();
  const auto app = json::parse(R"({"materials":[{"type":"id_card","pages":2},{"type":"licence","pages":1}],
                                   "b":[1],"c":[{"b":[2]}]})").value();
  Evaluator ev;
  Decision d = decide(set, app, ev);
  ASSERT_EQ(d.trace.size(), 7u);
  auto read = [&](std::size_t rule, std::string_view path) -> const TraceRead& {
    for (const auto& r : d.trace[rule].reads) {
      if (r.path == path) return r;
    }
    ADD_FAILURE() << "rule " << rule << " did not read " << path;
    static const TraceRead none;
    return none;
  };
  EXPECT_FALSE(read(1, "materials").repeated);  // R1 read materials.length, another path
  EXPECT_TRUE(read(2, "materials").repeated);
  EXPECT_TRUE(read(2, "materials").value.is_null());
  EXPECT_FALSE(read(3, "b").repeated);
  EXPECT_FALSE(read(4, "b").repeated);  // the element's [2], not the top's [1]
  EXPECT_FALSE(read(5, "b").repeated);  // [1] again, but the latest read of "b" found [2]
  EXPECT_TRUE(read(6, "b").repeated);

  const json::Value full = to_json(d);
  const auto& trace = full.find("trace")->as_array();
  for (std::size_t i : {1u, 2u}) EXPECT_EQ(*trace[i].find("reads")->find("materials"), *app.find("materials")) << i;
  EXPECT_EQ(*trace[4].find("reads")->find("b"), json::Value(json::Array{2}));
  EXPECT_EQ(*trace[6].find("reads")->find("b"), json::Value(json::Array{1}));
  for (const auto& t : trace) EXPECT_EQ(t.find("repeated"), nullptr);

  const json::Value stored = json::parse(trace_text(d)).value();
  const auto& st = stored.find("trace")->as_array();
  EXPECT_EQ(*st[2].find("repeated"), json::Value(json::Array{"materials"}));
  EXPECT_EQ(*st[6].find("repeated"), json::Value(json::Array{"b"}));
  EXPECT_LT(json::to_json(stored).size(), json::to_json(full).size());
  EXPECT_EQ(expand_repeated_reads(stored), full);
}

TEST(Decision, ExpandingLeavesOtherDocumentsAsTheyAre) {
  for (const char* text : {R"(null)", R"({"outcome":"approved"})", R"({"trace":3})", R"({"trace":[1,{"reads":2}]})",
                           R"({"trace":[{"reads":{"a":null},"repeated":["a"]}]})"}) {
    const json::Value v = json::parse(text).value();
    const json::Value out = expand_repeated_reads(v);
    if (std::string_view(text).find("repeated") == std::string_view::npos) {
      EXPECT_EQ(out, v) << text;
    } else {
      // A repeated read with nothing before it stays null; the list goes.
      EXPECT_EQ(out, json::parse(R"({"trace":[{"reads":{"a":null}}]})").value());
    }
  }
}

TEST(Decision, UnavailableSharedDataRoutesToManualReview) {
  DownSharedData down;
  EvalEnv env;
  env.shared_data = &down;
  const auto d = decide_text(R"({"age":30,"area":100,"id":"x"})", env);
  EXPECT_EQ(d.outcome, Outcome::manual_review);
  ASSERT_EQ(d.error_ids.size(), 1u);
  EXPECT_EQ(d.error_ids[0], "shared_data.unavailable");
  EXPECT_EQ(d.reasons.back().rule_id, "K3");
}

TEST(Decision, TimeoutGoesToManualReviewNeverAnError) {
  ExpiredBudget expired;
  DecisionOptions opt;
  opt.budget = &expired;
  const auto d = decide_text(R"({"age":30,"area":100})", {}, opt);
  EXPECT_EQ(d.outcome, Outcome::manual_review);
  ASSERT_EQ(d.error_ids.size(), 1u);
  EXPECT_EQ(d.error_ids[0], "decision.timeout");
  for (const auto& t : d.trace) EXPECT_EQ(t.status, RuleStatus::skipped);
}

TEST(Decision, PrecheckEvaluatesEligibilityOnly) {
  Evaluator ev;
  const auto ok = precheck(food_like(), json::parse(R"({"age":40})").value(), ev);
  EXPECT_EQ(ok.outcome, Outcome::approved);
  EXPECT_EQ(ok.trace.size(), 1u);
  const auto no = precheck(food_like(), json::parse(R"({"age":12})").value(), ev);
  EXPECT_EQ(no.outcome, Outcome::ineligible);
  EXPECT_EQ(no.other_ways, "可到窗口办理");
}

TEST(Decision, OutcomeNamesRoundTrip) {
  for (Outcome o : {Outcome::approved, Outcome::rejected, Outcome::manual_review, Outcome::ineligible}) {
    EXPECT_EQ(parse_outcome(to_string(o)), o);
  }
  EXPECT_FALSE(parse_outcome("maybe").has_value());
}

}  // namespace
}  // namespace zhishen::rules
