// The supervisory office's API (every route needs a staff session): GET /api/v1/board,
// GET /api/v1/board/overdue, GET and POST /api/v1/tickets, POST /api/v1/tickets/{no}/response,
// POST /api/v1/tickets/{no}/close, GET /api/v1/statistics. The work is in services/supervision.hpp
// and services/statistics.hpp.
#include "../context.hpp"
#include "../services/statistics.hpp"
#include "../services/supervision.hpp"
#include "routes.hpp"

namespace zhishen::server {
namespace {

Result<Response> answer(Result<json::Value> v, int status = 200) {
  if (!v) return v.error();
  return Response::json(*v, status);
}

}  // namespace

void add_supervision_routes(Router& r) {
  r.add("GET", "/api/v1/board", Access::staff,
        [](Request& req) -> Result<Response> { return answer(supervision_board(*req.ctx, req.who, req.query)); },
        "The red/yellow-light board: open cases by department, item and light (?department=)");
  r.add("GET", "/api/v1/board/overdue", Access::staff,
        [](Request& req) -> Result<Response> { return answer(overdue_cases(*req.ctx, req.who, req.query)); },
        "Red cases, the most overdue first, with their open supervision ticket (?department=&limit=)");
  r.add("GET", "/api/v1/tickets", Access::staff,
        [](Request& req) -> Result<Response> { return answer(list_tickets(*req.ctx, req.who, req.query)); },
        "Supervision tickets (挂号督办), overdue answers red (?state=open|answered|closed&department=)");
  r.add("POST", "/api/v1/tickets", Access::staff,
        [](Request& req) -> Result<Response> {
          auto body = req.json_body();
          if (!body) return body.error();
          return answer(open_ticket(*req.ctx, req.who, *body), 201);
        },
        "Open a supervision ticket on a case (supervisors): {case_no, reason}");
  r.add("POST", "/api/v1/tickets/{no}/response", Access::staff,
        [](Request& req) -> Result<Response> {
          auto body = req.json_body();
          if (!body) return body.error();
          return answer(respond_to_ticket(*req.ctx, req.who, req.params["no"], *body));
        },
        "The department's answer to a ticket (its reviewers and approvers): {response}");
  r.add("POST", "/api/v1/tickets/{no}/close", Access::staff,
        [](Request& req) -> Result<Response> {
          auto body = req.body.empty() ? Result<json::Value>(json::Object{}) : req.json_body();  // the note is optional
          if (!body) return body.error();
          return answer(close_ticket(*req.ctx, req.who, req.params["no"], *body));
        },
        "Close a ticket (supervisors): {note}");
  r.add("GET", "/api/v1/statistics", Access::staff,
        [](Request& req) -> Result<Response> { return answer(efficiency_statistics(*req.ctx, req.who, req.query)); },
        "Efficiency figures for a period: automatic share, median decision and re-check times, overdue rate, "
        "re-check confirmations (?from=&to=&department=)");
}

}  // namespace zhishen::server
