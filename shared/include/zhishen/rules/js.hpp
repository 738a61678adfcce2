#pragma once
// JavaScript's conversions and comparisons, as json-logic-js relies on them: truthiness (with
// JsonLogic's rule that an empty array is false), ToNumber, parseFloat, ToString (numbers as
// Number.prototype.toString prints them, arrays joined with ","), loose == and strict ===, the
// abstract relational comparison behind < <= > >=, and strings measured in UTF-16 code units.
//
// Thread-safety: pure functions (values may be allocated in the given arena).

#include <optional>
#include <string>
#include <string_view>

#include "zhishen/rules/value.hpp"

namespace zhishen::rules::js {

bool truthy(const Val& v);

double to_number(const Val& v);                // Number(v)
double string_to_number(std::string_view s);   // Number("...")
double parse_float(const Val& v);              // parseFloat(v)
double to_integer_or_infinity(const Val& v);   // ToIntegerOrInfinity(v)

void append_string(std::string& out, const Val& v);  // out += String(v)  (undefined -> "undefined")
void append_join(std::string& out, const Val& v);    // as an element of Array.prototype.join: nullish -> ""
Val to_string(const Val& v, Arena& arena);           // String(v); strings are returned as they are

bool strict_equals(const Val& a, const Val& b);  // a === b
bool loose_equals(const Val& a, const Val& b);   // a == b

// a < b: true, false, or nullopt for "undefined" (a NaN was involved), which makes <, <=, >, >=
// all false.
std::optional<bool> less_than(const Val& a, const Val& b);
bool lt(const Val& a, const Val& b);  // a < b
bool le(const Val& a, const Val& b);  // a <= b
bool gt(const Val& a, const Val& b);  // a > b
bool ge(const Val& a, const Val& b);  // a >= b

// Strings in UTF-16 code units (WTF-8 lone surrogates count as one unit).
std::size_t utf16_length(std::string_view s);
int compare_utf16(std::string_view a, std::string_view b);  // <0, 0, >0 in UTF-16 code-unit order
// The code units [start, start + count) as WTF-8; start/count already clamped by the caller.
std::string utf16_slice(std::string_view s, std::size_t start, std::size_t count);
// s.indexOf(needle) !== -1
bool contains(std::string_view s, std::string_view needle);

}  // namespace zhishen::rules::js
