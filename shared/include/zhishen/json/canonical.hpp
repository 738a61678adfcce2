#pragma once
// Canonical JSON (RFC 8785, JSON Canonicalization Scheme): the exact bytes an e-certificate's
// signature covers. Object members sorted by their names' UTF-16 code units, recursively; no
// whitespace; strings and numbers exactly as JSON.stringify writes them (to_json); a repeated
// name cannot occur (json::Value keeps one). Non-finite numbers have no canonical form.
//
// Errors: json.canonical.number (NaN or an infinity somewhere in the value).
// Thread-safety: pure function.

#include <string>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::json {

Result<std::string> canonical(const Value& v);

}  // namespace zhishen::json
