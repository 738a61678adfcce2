#pragma once
// JSON text <-> Val, and json::Value <-> Val.
//
// parse_val is the engine's hot path: strings without escapes point into `text` (which must
// outlive the result), everything else goes into the arena. Same strictness and error ids as
// json::parse (json.parse.syntax / .string / .utf8 / .depth). write_val prints what
// JSON.stringify prints (undefined at the top level prints as null, as an array element null).
//
// Thread-safety: pure functions; a ParseScratch is reused by one thread.

#include <string>
#include <string_view>
#include <vector>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"
#include "zhishen/rules/value.hpp"

namespace zhishen::rules {

// Reusable stacks for parsing, so that parsing many documents allocates nothing.
struct ParseScratch {
  std::vector<Val> values;
  std::vector<Member> members;
};

Result<Val> parse_val(std::string_view text, Arena& arena, ParseScratch& scratch);

void write_val(std::string& out, const Val& v);
std::string to_json_text(const Val& v);

Val from_json(const json::Value& v, Arena& arena);
json::Value to_json(const Val& v);

}  // namespace zhishen::rules
