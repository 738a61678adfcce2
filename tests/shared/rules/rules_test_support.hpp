#pragma once
// Helpers for the rules tests: evaluate a rule given as JSON text against data given as JSON text
// and get the result as JSON text (as JSON.stringify prints it), or the error id.

#include <gtest/gtest.h>

#include <string>

#include "zhishen/json/parse.hpp"
#include "zhishen/rules/compiled_rule.hpp"
#include "zhishen/rules/evaluator.hpp"
#include "zhishen/rules/val_json.hpp"

namespace zhishen::rules::testing {

inline std::string eval_text(const std::string& rule, const std::string& data = "null", EvalEnv env = {}) {
  auto compiled = compile_text(rule);
  if (!compiled) return "error:" + compiled.error().id;
  Evaluator ev(std::move(env));
  ParseScratch scratch;
  auto d = parse_val(data, ev.arena(), scratch);
  if (!d) return "data-error:" + d.error().id;
  auto r = ev.evaluate(**compiled, *d);
  if (!r) return "error:" + r.error().id;
  return to_json_text(*r);
}

}  // namespace zhishen::rules::testing
