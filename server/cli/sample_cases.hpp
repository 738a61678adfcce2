#pragma once
// Sample cases for the rule test bench: files {"expected": outcome, "application": {...}} (one per
// file, an array of them in one file, or a directory of *.json files in name order), and running
// them through decide().
// Error ids: cli.file.unreadable, json.parse.*, rules.case.schema.

#include <string>
#include <vector>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"
#include "zhishen/rules/decision.hpp"

namespace zhishen::cli {

struct SampleCase {
  std::string name;
  json::Value doc;
};

struct CaseResult {
  std::string name;
  rules::Outcome expected = rules::Outcome::approved;
  rules::Outcome got = rules::Outcome::approved;
  std::string deciding_rules;  // comma-separated ids of the rules behind the outcome
  std::string error_id;        // the case itself is malformed
  std::string error_message;
  bool passed() const { return error_id.empty() && expected == got; }
};

Result<std::vector<SampleCase>> load_cases(const std::string& file_or_dir);
std::vector<CaseResult> run_cases(const rules::RuleSet& set, const std::vector<SampleCase>& cases,
                                  const rules::EvalEnv& env);

}  // namespace zhishen::cli
