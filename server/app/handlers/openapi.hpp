#pragma once
// The OpenAPI 3.1 description of every route, generated from the router's table (paths, methods,
// parameters, security) so that it cannot fall behind the code.

#include "../http/router.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::server {

json::Value openapi_document(const Router& r);

}  // namespace zhishen::server
