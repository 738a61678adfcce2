#pragma once
// Evaluator: runs compiled rules against data, with json-logic-js semantics.
//
// Evaluation never throws on the shape of the data: every operator answers every value. What it
// can report (as Result errors) is exhaustion: rules.eval.limit when the values of one evaluation
// outgrow the arena limit, rules.eval.timeout when the Budget says time is up.
//
// The services the approval extensions need are injected through EvalEnv: the instant `today` and
// `now` answer (from the Clock port, read once per decision), the working-day calendar, and the
// shared-data lookup port. A lookup that fails (shared_data.unavailable) answers null and is
// recorded in lookup_failures() so the decision can route the case to manual review.
//
// Ownership: the Evaluator owns the arena its results live in; a result stays valid until reset()
// (the caller decides: once per application, typically). The env's pointers must outlive it.
// Thread-safety: one Evaluator per thread; compiled rules may be shared.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "zhishen/calendar/workday_calendar.hpp"
#include "zhishen/core/date.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/ports/shared_data.hpp"
#include "zhishen/rules/compiled_rule.hpp"
#include "zhishen/rules/value.hpp"

namespace zhishen::rules {

struct EvalEnv {
  Instant now{};                                           // what today/now/age_on see
  UtcOffset offset{};                                      // China Standard Time by default
  const calendar::WorkdayCalendar* calendar = nullptr;     // nullptr: Monday–Friday only
  const ports::SharedDataLookup* shared_data = nullptr;    // nullptr: every lookup is null
  std::function<void(std::string_view)> log;               // the `log` operator's sink (JSON text)
};

// Decides when an evaluation has taken too long. Checked every few thousand node evaluations.
class Budget {
 public:
  virtual ~Budget() = default;
  virtual bool expired() = 0;
};

// A value a `var` read during evaluation (for decision traces).
struct Read {
  std::string path;
  Val value;
};

struct LookupFailure {
  std::string dataset;
  std::string error_id;
};

class Evaluator {
 public:
  explicit Evaluator(EvalEnv env = {});
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  Result<Val> evaluate(const CompiledRule& rule, const Val& data);

  // Frees every value returned so far (and the data parsed into arena()).
  void reset();
  Arena& arena() { return arena_; }
  const EvalEnv& env() const { return env_; }
  void set_now(Instant now) { env_.now = now; }
  // Replaces the services (a thread's evaluator is reused across requests; the env's pointers must
  // outlive the evaluations that follow).
  void set_env(EvalEnv env) { env_ = std::move(env); }

  void set_budget(Budget* budget) { budget_ = budget; }
  // When set, every var read is appended (path as written, value found).
  void set_reads(std::vector<Read>* reads) { reads_ = reads; }
  const std::vector<LookupFailure>& lookup_failures() const { return lookup_failures_; }

 private:
  friend struct Ops;
  Val eval(const Node& n, const Val& data);

  EvalEnv env_;
  Arena arena_;
  Budget* budget_ = nullptr;
  std::vector<Read>* reads_ = nullptr;
  std::vector<LookupFailure> lookup_failures_;
  unsigned steps_ = 0;
  std::string scratch_;  // string building
};

}  // namespace zhishen::rules
