#pragma once
// Route registration, one function per group of endpoints (one file each under handlers/).

#include "../http/router.hpp"

namespace zhishen::server {

void add_system_routes(Router& r);    // /healthz, /metrics, /api/v1/openapi.json
void add_channel_routes(Router& r);   // precheck, applications, progress, corrections, evaluation

// All routes, in the order the OpenAPI document lists them.
inline void add_all_routes(Router& r) {
  add_system_routes(r);
  add_channel_routes(r);
}

}  // namespace zhishen::server
