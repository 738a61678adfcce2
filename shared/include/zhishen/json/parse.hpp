#pragma once
// Strict JSON text (RFC 8259) to json::Value.
//
// Error ids: json.parse.syntax (unexpected character or end), json.parse.string (bad escape,
// raw control character, lone surrogate), json.parse.utf8 (invalid UTF-8), json.parse.depth
// (nesting deeper than kMaxDepth). The message says the byte offset. Numbers too large for a
// double become ±Infinity, as JSON.parse does. Never throws on any input.
//
// Thread-safety: pure function.

#include <string_view>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::json {

inline constexpr int kMaxDepth = 512;

Result<Value> parse(std::string_view text);

}  // namespace zhishen::json
