#pragma once
// The one mapping from error ids to HTTP statuses, and the JSON error body.
//   *.not_found -> 404, auth.required / auth.session.* -> 401, auth.forbidden -> 403,
//   store.conflict / case.transition.* -> 409, *.duplicate -> 409, http.method -> 405,
//   http.body.too_large -> 413, request.rate_limited -> 429, store.unavailable / store.busy -> 503,
//   server.internal -> 500,
//   everything else (validation: http.body.*, id.*, date.*, json.parse.*, rules.*, ...) -> 400/422.
// Thread-safety: pure functions.

#include <string>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::server {

int status_for(const std::string& error_id);
std::string error_body(const Error& e);

}  // namespace zhishen::server
