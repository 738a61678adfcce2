// The staff API for cases: GET /api/v1/inbox, GET /api/v1/cases/{no},
// POST /api/v1/cases/{no}/actions/{action}, POST /api/v1/cases/actions/assign.
// The work is in services/casework.hpp; every route needs a staff session.
#include "../context.hpp"
#include "../services/casework.hpp"
#include "routes.hpp"

namespace zhishen::server {
namespace {

Result<Response> answer(Result<json::Value> v) {
  if (!v) return v.error();
  return Response::json(*v);
}

}  // namespace

void add_casework_routes(Router& r) {
  r.add("GET", "/api/v1/inbox", Access::staff,
        [](Request& req) -> Result<Response> { return answer(inbox(*req.ctx, req.who, req.query)); },
        "The review inbox: filters (state, item, light, due_before, assignee, flagged, department, q: a case "
        "number or an applicant's ID number), "
        "sorted by deadline, paged, with counts per light; each case's working time left "
        "(working_minutes_left, office hours on working days, negative when overdue; workday_minutes a day)");
  r.add("GET", "/api/v1/cases/{no}", Access::staff,
        [](Request& req) -> Result<Response> { return answer(case_detail(*req.ctx, req.who, req.params["no"])); },
        "A case for staff: applicant, form, materials, decision trace, warnings, history, deadlines, actions");
  r.add("POST", "/api/v1/cases/actions/assign", Access::staff,
        [](Request& req) -> Result<Response> {
          auto body = req.json_body();
          if (!body) return body.error();
          return answer(bulk_assign(*req.ctx, req.who, *body));
        },
        "Assign many cases to one reviewer or approver, each case on its own");
  r.add("POST", "/api/v1/cases/{no}/actions/{action}", Access::staff,
        [](Request& req) -> Result<Response> {
          auto body = req.json_body();
          if (!body) return body.error();
          return answer(act_on_case(*req.ctx, req.who, req.params["no"], req.params["action"], *body));
        },
        "Act on a case (claim, assign, re-check, manual decision, correction request, suspend, resume, "
        "revoke) against the version the user saw");
}

}  // namespace zhishen::server
