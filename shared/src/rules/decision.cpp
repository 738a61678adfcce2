#include "zhishen/rules/decision.hpp"

#include <algorithm>

#include "zhishen/rules/js.hpp"
#include "zhishen/rules/val_json.hpp"

namespace zhishen::rules {
namespace {

class SteadyBudget final : public Budget {
 public:
  explicit SteadyBudget(std::chrono::steady_clock::time_point deadline) : deadline_(deadline) {}
  bool expired() override { return std::chrono::steady_clock::now() >= deadline_; }

 private:
  std::chrono::steady_clock::time_point deadline_;
};

Reason reason_of(const Rule& r) { return Reason{r.id, r.description, r.message, r.legal_basis}; }

void add_error(Decision& d, const std::string& id) {
  if (std::find(d.error_ids.begin(), d.error_ids.end(), id) == d.error_ids.end()) d.error_ids.push_back(id);
}

// What the trace's latest read of each path found, to tell a repeated array or object (the data
// lives in the evaluator's arena for the whole decision, so one address is one value).
class LatestReads {
 public:
  TraceRead record(const Read& r) {
    const void* identity = r.value.kind == Kind::array ? static_cast<const void*>(r.value.a)
                           : r.value.kind == Kind::object ? static_cast<const void*>(r.value.o)
                                                          : nullptr;
    auto it = std::find_if(latest_.begin(), latest_.end(), [&](const auto& p) { return p.first == r.path; });
    const bool repeated = identity != nullptr && it != latest_.end() && it->second == identity;
    if (it == latest_.end()) latest_.emplace_back(r.path, identity);
    else it->second = identity;
    return TraceRead{r.path, repeated ? json::Value() : to_json(r.value), repeated};
  }

 private:
  std::vector<std::pair<std::string, const void*>> latest_;
};

Decision run(const RuleSet& set, const json::Value& input, Evaluator& ev, const DecisionOptions& opt,
             bool eligibility_only) {
  const auto started = std::chrono::steady_clock::now();
  Decision d;
  d.item_code = set.item_code;
  d.rule_set_version = set.version;
  SteadyBudget steady(started + opt.time_budget);
  Budget* budget = opt.budget != nullptr ? opt.budget : &steady;

  ev.reset();
  ev.set_budget(budget);
  std::vector<Read> reads;
  ev.set_reads(opt.trace_reads ? &reads : nullptr);
  LatestReads latest;
  const Val data = from_json(input, ev.arena());

  bool ineligible = false, rejected = false, manual = false, timed_out = false;
  std::vector<Reason> manual_reasons;
  auto evaluate_section = [&](const std::vector<Rule>& rules) {
    for (const Rule& rule : rules) {
      RuleTrace t;
      t.rule_id = rule.id;
      t.section = rule.section;
      t.on_fail = rule.on_fail;
      if (timed_out || budget->expired()) {
        timed_out = true;
        d.trace.push_back(std::move(t));  // skipped
        continue;
      }
      reads.clear();
      const std::size_t failures_before = ev.lookup_failures().size();
      auto result = ev.evaluate(*rule.expr, data);
      for (const auto& r : reads) {
        const bool seen = std::any_of(t.reads.begin(), t.reads.end(), [&](const TraceRead& x) { return x.path == r.path; });
        if (!seen) t.reads.push_back(latest.record(r));
      }
      if (!result) {
        t.status = RuleStatus::error;
        t.error_id = result.error().id;
        if (t.error_id == "rules.eval.timeout") {
          timed_out = true;
        } else {
          add_error(d, t.error_id);
          manual = true;
          manual_reasons.push_back(reason_of(rule));
        }
        d.trace.push_back(std::move(t));
        continue;
      }
      t.result = to_json(*result);
      const bool passed = js::truthy(*result);
      t.status = passed ? RuleStatus::passed : RuleStatus::failed;
      if (ev.lookup_failures().size() > failures_before) {
        // A risk check we could not run is not a pass: a person must look.
        for (std::size_t i = failures_before; i < ev.lookup_failures().size(); ++i) {
          add_error(d, ev.lookup_failures()[i].error_id);
        }
        manual = true;
        manual_reasons.push_back(reason_of(rule));
      }
      if (!passed) {
        switch (rule.on_fail) {
          case OnFail::ineligible: ineligible = true; d.reasons.push_back(reason_of(rule)); break;
          case OnFail::reject: rejected = true; d.reasons.push_back(reason_of(rule)); break;
          case OnFail::manual_review: manual = true; manual_reasons.push_back(reason_of(rule)); break;
          case OnFail::warn: d.warnings.push_back(reason_of(rule)); break;
        }
      }
      d.trace.push_back(std::move(t));
    }
  };
  evaluate_section(set.eligibility);
  if (!eligibility_only) {
    evaluate_section(set.review_points);
    evaluate_section(set.risk_prompts);
  }
  ev.set_budget(nullptr);
  ev.set_reads(nullptr);

  if (ineligible) {
    d.outcome = Outcome::ineligible;
    d.other_ways = set.other_ways;
    std::erase_if(d.reasons, [&](const Reason& r) {
      return std::none_of(set.eligibility.begin(), set.eligibility.end(), [&](const Rule& e) { return e.id == r.rule_id; });
    });
  } else if (timed_out) {
    add_error(d, "decision.timeout");
    d.outcome = Outcome::manual_review;
    d.reasons.insert(d.reasons.end(), manual_reasons.begin(), manual_reasons.end());
  } else if (rejected) {
    d.outcome = Outcome::rejected;
  } else if (manual) {
    d.outcome = Outcome::manual_review;
    d.reasons = std::move(manual_reasons);
  } else {
    d.outcome = Outcome::approved;
  }
  d.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  return d;
}

json::Value reasons_json(const std::vector<Reason>& reasons) {
  json::Array a;
  for (const auto& r : reasons) {
    a.push_back(json::Object{{"rule_id", r.rule_id}, {"description", r.description}, {"message", r.message},
                             {"legal_basis", r.legal_basis}});
  }
  return a;
}

}  // namespace

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::approved: return "approved";
    case Outcome::rejected: return "rejected";
    case Outcome::manual_review: return "manual_review";
    case Outcome::ineligible: return "ineligible";
  }
  return "manual_review";
}

std::optional<Outcome> parse_outcome(std::string_view s) {
  for (Outcome o : {Outcome::approved, Outcome::rejected, Outcome::manual_review, Outcome::ineligible}) {
    if (to_string(o) == s) return o;
  }
  return std::nullopt;
}

std::string_view to_string(RuleStatus s) {
  switch (s) {
    case RuleStatus::passed: return "passed";
    case RuleStatus::failed: return "failed";
    case RuleStatus::error: return "error";
    case RuleStatus::skipped: return "skipped";
  }
  return "skipped";
}

Decision decide(const RuleSet& set, const json::Value& application, Evaluator& evaluator,
                const DecisionOptions& options) {
  return run(set, application, evaluator, options, false);
}

Decision precheck(const RuleSet& set, const json::Value& known, Evaluator& evaluator, const DecisionOptions& options) {
  return run(set, known, evaluator, options, true);
}

namespace {

// The stored document: every repeated read left as null and listed in "repeated"; with kMove the
// trace's values are moved out of `d` rather than copied.
template <bool kMove, class D>
json::Value decision_json(D& d) {
  json::Array trace;
  for (auto& t : d.trace) {
    json::Object reads;
    json::Array repeated;
    for (auto& r : t.reads) {
      if (r.repeated) repeated.emplace_back(r.path);
      if constexpr (kMove) reads.emplace_back(r.path, std::move(r.value));
      else reads.emplace_back(r.path, r.value);
    }
    json::Object entry{{"rule_id", t.rule_id},
                       {"section", std::string(to_string(t.section))},
                       {"status", std::string(to_string(t.status))},
                       {"on_fail", std::string(to_string(t.on_fail))},
                       {"result", kMove ? std::move(t.result) : t.result},
                       {"reads", std::move(reads)}};
    if (!repeated.empty()) entry.emplace_back("repeated", std::move(repeated));
    if (!t.error_id.empty()) entry.emplace_back("error_id", t.error_id);
    trace.push_back(std::move(entry));
  }
  json::Array errors(d.error_ids.begin(), d.error_ids.end());
  json::Object out{{"outcome", std::string(to_string(d.outcome))},
                   {"item_code", d.item_code},
                   {"rule_set_version", d.rule_set_version},
                   {"reasons", reasons_json(d.reasons)},
                   {"warnings", reasons_json(d.warnings)}};
  if (d.outcome == Outcome::ineligible) out.emplace_back("other_ways", d.other_ways);
  out.emplace_back("error_ids", std::move(errors));
  out.emplace_back("elapsed_us", static_cast<double>(d.elapsed.count()));
  out.emplace_back("trace", std::move(trace));
  return out;
}

json::Object* object_member(json::Object& o, std::string_view key) {
  for (auto& [k, v] : o) {
    if (k == key) return v.is_object() ? &v.as_object() : nullptr;
  }
  return nullptr;
}

}  // namespace

json::Value to_json(const Decision& d) { return expand_repeated_reads(decision_json<false>(d)); }

json::Value trace_out(Decision& d) {
  json::Value out = decision_json<true>(d);
  d.trace.clear();
  return out;
}

json::Value expand_repeated_reads(json::Value document) {
  if (!document.is_object()) return document;
  json::Value* trace = nullptr;
  for (auto& [k, v] : document.as_object()) {
    if (k == "trace" && v.is_array()) trace = &v;
  }
  if (trace == nullptr) return document;
  // Values are filled in place first (no member moves, so the pointers stay valid), the lists
  // dropped after.
  std::vector<std::pair<std::string_view, const json::Value*>> latest;
  for (auto& entry : trace->as_array()) {
    if (!entry.is_object()) continue;
    json::Object* reads = object_member(entry.as_object(), "reads");
    if (reads == nullptr) continue;
    const json::Value* listed = entry.find("repeated");
    for (auto& [path, value] : *reads) {
      const bool repeated = listed != nullptr && listed->is_array() &&
                            std::find(listed->as_array().begin(), listed->as_array().end(), json::Value(path)) !=
                                listed->as_array().end();
      auto it = std::find_if(latest.begin(), latest.end(), [&](const auto& p) { return p.first == path; });
      if (repeated) {
        if (it != latest.end()) value = *it->second;
      } else {
        if (it == latest.end()) latest.emplace_back(path, &value);
        else it->second = &value;
      }
    }
  }
  for (auto& entry : trace->as_array()) {
    if (!entry.is_object()) continue;
    std::erase_if(entry.as_object(), [](const auto& m) { return m.first == "repeated"; });
  }
  return document;
}

}  // namespace zhishen::rules
