#pragma once
// Internal: the operator implementations, split by family across ops_*.cpp. Each takes the
// evaluator (for its arena and env), the node and the current data, and evaluates its own
// arguments (so logic operators can short-circuit).

#include "zhishen/rules/evaluator.hpp"
#include "zhishen/rules/js.hpp"

namespace zhishen::rules {

struct EvalTimeout {};

struct Ops {
  static Val eval(Evaluator& e, const Node& n, const Val& data) { return e.eval(n, data); }
  static Val arg(Evaluator& e, const Node& n, std::size_t i, const Val& data) {
    return i < n.args.size() ? e.eval(n.args[i], data) : Val::undef();
  }

  // ops_data.cpp: var, missing, missing_some, array literals
  static Val var(Evaluator& e, const Node& n, const Val& data);
  static Val missing(Evaluator& e, const Node& n, const Val& data);
  static Val missing_some(Evaluator& e, const Node& n, const Val& data);
  static Val array_literal(Evaluator& e, const Node& n, const Val& data);
  static Val const_array(Evaluator& e, const Node& n);

  // ops_logic.cpp: if, and, or, map, filter, reduce, all, none, some, merge, in
  static Val if_(Evaluator& e, const Node& n, const Val& data);
  static Val and_or(Evaluator& e, const Node& n, const Val& data, bool is_and);
  static Val map(Evaluator& e, const Node& n, const Val& data);
  static Val filter(Evaluator& e, const Node& n, const Val& data);
  static Val reduce(Evaluator& e, const Node& n, const Val& data);
  static Val quantifier(Evaluator& e, const Node& n, const Val& data, Op op);
  static Val merge(Evaluator& e, const Node& n, const Val& data);
  static Val in(Evaluator& e, const Node& n, const Val& data);

  // ops_values.cpp: comparison, arithmetic, strings
  static Val compare(Evaluator& e, const Node& n, const Val& data);
  static Val arithmetic(Evaluator& e, const Node& n, const Val& data);
  static Val min_max(Evaluator& e, const Node& n, const Val& data);
  static Val cat(Evaluator& e, const Node& n, const Val& data);
  static Val substr(Evaluator& e, const Node& n, const Val& data);

  // ops_extensions.cpp: today, now, workdays_between, age_on, valid_*, lookup, log
  static Val extension(Evaluator& e, const Node& n, const Val& data);
  static Val log(Evaluator& e, const Node& n, const Val& data);

  // Property access data[key] as JavaScript does it for JSON values; undefined when absent.
  static Val property(Evaluator& e, const Val& data, std::string_view key, long index);
  // var's walk down a dotted path (String(a).split(".")); not_found where it falls off the data.
  static Val walk_path(Evaluator& e, const Val& data, std::string_view text, const Val& not_found);
};

}  // namespace zhishen::rules
