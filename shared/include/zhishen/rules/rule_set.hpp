#pragma once
// RuleSet: the rules of one item version (data/items/<code>/rules.json), in three sections —
// eligibility (办理条件, the pre-check), review points (审查要点) and risk prompts (审慎提示) —
// each rule compiled once when the set is loaded (i.e. when an administrator saves it).
//
// load_rule_set refuses, with the JSON path of the problem:
//   rules.set.schema        a required field missing or of the wrong type
//   rules.set.duplicate_id  two rules with one id
//   rules.set.on_fail       an outcome the section does not allow (eligibility: ineligible;
//                           review points: reject | manual_review; risk prompts: warn | manual_review)
//   rules.parse.*           an expression that does not compile (the path points into it)
//
// Ownership: a RuleSet is an immutable value after loading; its compiled expressions are shared.
// Thread-safety: safe to share between threads once loaded.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"
#include "zhishen/rules/compiled_rule.hpp"

namespace zhishen::rules {

enum class Section { eligibility, review_points, risk_prompts };
enum class OnFail { ineligible, reject, manual_review, warn };

std::string_view to_string(Section s);
std::string_view to_string(OnFail f);

struct Rule {
  std::string id;
  Section section = Section::review_points;
  std::string description;  // 中文说明
  std::shared_ptr<const CompiledRule> expr;
  OnFail on_fail = OnFail::reject;
  std::string legal_basis;  // 设定依据
  std::string message;      // shown to the applicant when the rule fails
};

struct RuleSet {
  std::string item_code;
  int version = 0;
  std::string other_ways;  // 其他办理途径, shown when ineligible
  std::vector<Rule> eligibility;
  std::vector<Rule> review_points;
  std::vector<Rule> risk_prompts;
  json::Value source;  // the document as loaded

  std::size_t size() const { return eligibility.size() + review_points.size() + risk_prompts.size(); }
};

Result<RuleSet> load_rule_set(const json::Value& doc);
Result<RuleSet> load_rule_set_text(std::string_view json_text);

}  // namespace zhishen::rules
