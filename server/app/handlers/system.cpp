// GET /healthz, GET /metrics, GET /api/v1/openapi.json
#include "../context.hpp"
#include "openapi.hpp"
#include "routes.hpp"

namespace zhishen::server {

void add_system_routes(Router& r) {
  r.add("GET", "/healthz", Access::public_,
        [](Request& req) -> Result<Response> {
          // Healthy when the database answers.
          auto st = req.ctx->store().transact([&](ports::StoreTx& tx) -> Status {
            (void)tx.directory().departments();
            return {};
          });
          if (!st) return st.error();
          return Response::json(json::Object{{"status", "ok"}, {"version", ZHISHEN_VERSION}});
        },
        "Liveness and database health");
  r.add("GET", "/metrics", Access::public_,
        [](Request& req) -> Result<Response> {
          return Response::text(req.ctx->metrics().prometheus_text(), "text/plain; version=0.0.4; charset=utf-8");
        },
        "Prometheus metrics");
  r.add("GET", "/api/v1/openapi.json", Access::public_,
        [&r](Request&) -> Result<Response> { return Response::json(openapi_document(r)); },
        "This API's OpenAPI 3.1 description");
}

}  // namespace zhishen::server
