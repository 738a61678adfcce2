#pragma once
// CompiledRule: a JsonLogic rule turned once into a validated tree, ready to evaluate many times.
//
// compile() refuses, with the JSON path of the offending node ($ is the rule; .op names an
// operator's arguments, [i] an array element):
//   rules.parse.unknown_operator  an object with one key that names no operator
//   rules.parse.arity             an operator given a number of arguments it does not take
//   rules.parse.malformed         an argument of the wrong shape where a literal is required
//                                 (lookup's dataset name)
// An object with zero or several keys is a literal, as in json-logic-js.
//
// Ownership: a CompiledRule owns its nodes and the arena holding its constants; it is immutable
// after compile() and may be shared between threads (evaluation never mutates it).

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"
#include "zhishen/rules/arena.hpp"
#include "zhishen/rules/operators.hpp"
#include "zhishen/rules/value.hpp"

namespace zhishen::rules {

// Where a key was last found in an object, to try first next time (applications of one item share
// a shape, so this almost always hits). Relaxed atomics: a stale hint only costs a search.
class MemberHint {
 public:
  MemberHint() = default;
  MemberHint(const MemberHint& o) : v_(o.get()) {}
  MemberHint& operator=(const MemberHint& o) {
    set(o.get());
    return *this;
  }
  std::uint32_t get() const { return v_.load(std::memory_order_relaxed); }
  void set(std::uint32_t i) const { v_.store(i, std::memory_order_relaxed); }

 private:
  mutable std::atomic<std::uint32_t> v_{0};
};

// One step of a pre-split `var` path.
struct PathStep {
  std::string key;
  long index = -1;  // the key as an array index when it is canonical ("0", "17"), else -1
  MemberHint hint;
};

struct Node {
  Op op = Op::literal;
  std::vector<Node> args;
  Val constant;                    // literal / const_array items
  bool static_path = false;        // var: the path is a literal, pre-split below
  bool whole_data = false;         // var: the literal path is "" or null -> the data itself
  std::vector<PathStep> path;      // var with static_path
  std::string path_text;           // var with static_path: the path as written (for traces)
};

class CompiledRule {
 public:
  const Node& root() const { return root_; }
  const json::Value& source() const { return source_; }
  // Dataset names used by lookup (for validation against the configured datasets).
  const std::vector<std::string>& datasets() const { return datasets_; }

 private:
  friend Result<std::shared_ptr<const CompiledRule>> compile(const json::Value& rule);
  CompiledRule() : constants_(std::make_unique<Arena>()) {}

  std::unique_ptr<Arena> constants_;
  Node root_;
  json::Value source_;
  std::vector<std::string> datasets_;
};

Result<std::shared_ptr<const CompiledRule>> compile(const json::Value& rule);
// Parses JSON text first (json.parse.* ids) and compiles it.
Result<std::shared_ptr<const CompiledRule>> compile_text(std::string_view rule_json);

}  // namespace zhishen::rules
