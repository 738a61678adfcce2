#pragma once
// The operators the rules engine knows: JsonLogic's (with json-logic-js semantics) and the
// approval extensions (docs/rules.md). Each has a name and the number of arguments it accepts;
// a rule that uses another name or another count is refused when it is compiled.
//
// Thread-safety: immutable tables.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace zhishen::rules {

enum class Op : std::uint8_t {
  // structure (not operators a rule names)
  literal, array_literal, const_array,
  // data access
  var, missing, missing_some,
  // logic
  if_, and_, or_, not_, not_not,
  // comparison
  eq, strict_eq, ne, strict_ne, gt, ge, lt, le,
  // arithmetic
  add, sub, mul, div, mod, min, max,
  // strings and arrays
  cat, substr, in, merge, map, filter, reduce, all, none, some,
  // misc
  log,
  // approval extensions
  today, now, workdays_between, age_on, valid_citizen_id, valid_uscc, lookup,
};

struct OperatorInfo {
  std::string_view name;
  Op op;
  std::uint8_t min_args;
  std::uint8_t max_args;  // kAnyCount: no upper bound
  bool extension;         // an approval extension, not standard JsonLogic
};

inline constexpr std::uint8_t kAnyCount = 255;

const OperatorInfo* find_operator(std::string_view name);
std::span<const OperatorInfo> all_operators();
std::string_view operator_name(Op op);  // "" for structure ops

}  // namespace zhishen::rules
