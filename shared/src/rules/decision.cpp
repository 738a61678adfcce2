#include "zhishen/rules/decision.hpp"

#include <algorithm>

#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"
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

// Appends `"key":` (with the comma before it unless `first`).
void key(std::string& out, std::string_view k, bool first = false) {
  if (!first) out += ',';
  json::append_quoted(out, k);
  out += ':';
}

void append_reasons(std::string& out, const std::vector<Reason>& reasons) {
  out += '[';
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    const Reason& r = reasons[i];
    out += i == 0 ? "{" : ",{";
    key(out, "rule_id", true);
    json::append_quoted(out, r.rule_id);
    key(out, "description");
    json::append_quoted(out, r.description);
    key(out, "message");
    json::append_quoted(out, r.message);
    key(out, "legal_basis");
    json::append_quoted(out, r.legal_basis);
    out += '}';
  }
  out += ']';
}

void append_strings(std::string& out, const auto& strings) {
  out += '[';
  bool first = true;
  for (const auto& s : strings) {
    if (!first) out += ',';
    first = false;
    json::append_quoted(out, s);
  }
  out += ']';
}

void append_rule(std::string& out, const RuleTrace& t) {
  out += '{';
  key(out, "rule_id", true);
  json::append_quoted(out, t.rule_id);
  key(out, "section");
  json::append_quoted(out, to_string(t.section));
  key(out, "status");
  json::append_quoted(out, to_string(t.status));
  key(out, "on_fail");
  json::append_quoted(out, to_string(t.on_fail));
  key(out, "result");
  json::append_json(out, t.result);
  key(out, "reads");
  out += '{';
  std::vector<std::string_view> repeated;
  for (std::size_t i = 0; i < t.reads.size(); ++i) {
    const TraceRead& r = t.reads[i];
    if (r.repeated) repeated.push_back(r.path);
    key(out, r.path, i == 0);
    json::append_json(out, r.value);
  }
  out += '}';
  if (!repeated.empty()) {
    key(out, "repeated");
    append_strings(out, repeated);
  }
  if (!t.error_id.empty()) {
    key(out, "error_id");
    json::append_quoted(out, t.error_id);
  }
  out += '}';
}

}  // namespace

// Written straight to text, not built as a json::Value first: this runs for every application
// the server decides, and the trace is the larger part of what it stores.
std::string trace_text(const Decision& d) {
  std::string out;
  out.reserve(2048);
  out += '{';
  key(out, "outcome", true);
  json::append_quoted(out, to_string(d.outcome));
  key(out, "item_code");
  json::append_quoted(out, d.item_code);
  key(out, "rule_set_version");
  json::append_number(out, d.rule_set_version);
  key(out, "reasons");
  append_reasons(out, d.reasons);
  key(out, "warnings");
  append_reasons(out, d.warnings);
  if (d.outcome == Outcome::ineligible) {
    key(out, "other_ways");
    json::append_quoted(out, d.other_ways);
  }
  key(out, "error_ids");
  append_strings(out, d.error_ids);
  key(out, "elapsed_us");
  json::append_number(out, static_cast<double>(d.elapsed.count()));
  key(out, "trace");
  out += '[';
  for (std::size_t i = 0; i < d.trace.size(); ++i) {
    if (i > 0) out += ',';
    append_rule(out, d.trace[i]);
  }
  out += "]}";
  return out;
}

namespace {

json::Object* object_member(json::Object& o, std::string_view key) {
  for (auto& [k, v] : o) {
    if (k == key) return v.is_object() ? &v.as_object() : nullptr;
  }
  return nullptr;
}

}  // namespace

json::Value to_json(const Decision& d) { return expand_repeated_reads(json::parse(trace_text(d)).value()); }

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
