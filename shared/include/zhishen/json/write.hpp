#pragma once
// json::Value to JSON text, byte-for-byte as JavaScript's JSON.stringify writes it (compact form):
// numbers in Number.prototype.toString form (shortest round-trip digits), non-finite numbers as
// null, -0 as 0, strings with only the mandatory escapes (UTF-8 passes through).
//
// Thread-safety: pure functions.

#include <string>

#include "zhishen/json/value.hpp"

namespace zhishen::json {

std::string to_json(const Value& v);
// Appends what to_json gives (for writers composing a document from parts).
void append_json(std::string& out, const Value& v);
// Pretty form with `indent` spaces, like JSON.stringify(v, null, indent).
std::string to_json_pretty(const Value& v, int indent = 2);

// The text JavaScript gives for String(n): "1e+21", "1e-7", "0.1", "123", "-0" -> "0", "NaN",
// "Infinity", "-Infinity".
std::string format_number(double n);
void append_number(std::string& out, double n);
void append_quoted(std::string& out, std::string_view s);

}  // namespace zhishen::json
