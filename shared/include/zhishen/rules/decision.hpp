#pragma once
// Automatic decision (智能审批): a rule set applied to an application, with the reasons, the
// warnings and a trace of every rule (outcome, the values it read).
//
//   ineligible     an eligibility rule failed (reasons + the other ways to apply)
//   rejected       a review point with on_fail reject failed (不予许可, reasons with legal basis)
//   manual_review  a rule with on_fail manual_review failed, a rule could not be evaluated, a shared
//                  dataset was unavailable, or the time budget ran out (decision.timeout)
//   approved       otherwise
// Precedence: ineligible > rejected > manual_review > approved. Failing warn rules become
// warnings whatever the outcome.
//
// The pre-check (预先核查) evaluates the eligibility section only, on what is known before the
// form is filled (the applicant and the pre-check answers): approved means eligible.
//
// Thread-safety: pure given the Evaluator (one per thread) and an immutable RuleSet.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zhishen/json/value.hpp"
#include "zhishen/rules/evaluator.hpp"
#include "zhishen/rules/rule_set.hpp"

namespace zhishen::rules {

enum class Outcome { approved, rejected, manual_review, ineligible };
std::string_view to_string(Outcome o);
std::optional<Outcome> parse_outcome(std::string_view s);

enum class RuleStatus { passed, failed, error, skipped };
std::string_view to_string(RuleStatus s);

// A value a rule read (its first read of the path). `repeated`: the read found the very array or
// object the trace's latest earlier read of this path found, so its value is not copied again
// (`value` is null; to_json and expand_repeated_reads write it out).
struct TraceRead {
  std::string path;
  json::Value value;
  bool repeated = false;
};

struct RuleTrace {
  std::string rule_id;
  Section section = Section::review_points;
  RuleStatus status = RuleStatus::skipped;
  OnFail on_fail = OnFail::reject;
  json::Value result;            // the expression's value
  std::vector<TraceRead> reads;  // in the order first read
  std::string error_id;          // status error: rules.eval.*
};

struct Reason {
  std::string rule_id;
  std::string description;
  std::string message;
  std::string legal_basis;
};

struct Decision {
  Outcome outcome = Outcome::approved;
  std::vector<Reason> reasons;         // failing rules that decided the outcome (reject / ineligible / manual)
  std::vector<Reason> warnings;        // failing warn rules (审慎提示)
  std::string other_ways;              // ineligible only
  std::vector<std::string> error_ids;  // decision.timeout, shared_data.unavailable, rules.eval.limit ...
  std::vector<RuleTrace> trace;
  std::string item_code;
  int rule_set_version = 0;
  std::chrono::microseconds elapsed{0};
};

struct DecisionOptions {
  std::chrono::milliseconds time_budget{120'000};  // 002 §8.3.4: past 2 minutes, to manual review
  Budget* budget = nullptr;                        // overrides time_budget (tests)
  bool trace_reads = true;
};

Decision decide(const RuleSet& set, const json::Value& application, Evaluator& evaluator,
                const DecisionOptions& options = {});
Decision precheck(const RuleSet& set, const json::Value& known, Evaluator& evaluator,
                  const DecisionOptions& options = {});

// The decision document: outcome, reasons, warnings and the trace, every rule's reads written out
// as {"path": value}.
json::Value to_json(const Decision& d);
// The document as stored, as JSON text. A repeated read is not written out again: its value is
// null in the rule's "reads" and its path is listed in the rule's "repeated" (a rule checking the
// materials list would otherwise store the whole list once per rule: three quarters of a typical
// trace). expand_repeated_reads(json::parse(trace_text(d))) equals to_json(d).
std::string trace_text(const Decision& d);
// The stored document with every repeated read written out and the "repeated" lists gone (a
// document stored without any is returned as it is).
json::Value expand_repeated_reads(json::Value document);

}  // namespace zhishen::rules
