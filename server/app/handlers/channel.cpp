// The channel API: POST /api/v1/precheck, POST /api/v1/applications, GET /api/v1/applications/{no},
// POST /api/v1/applications/{no}/corrections, POST /api/v1/applications/{no}/evaluation.
#include "../context.hpp"
#include "../services/applications.hpp"
#include "routes.hpp"

namespace zhishen::server {
namespace {

Result<Response> answer(Result<ChannelAnswer> a) {
  if (!a) return a.error();
  return Response::json(a->body, a->status);
}

}  // namespace

void add_channel_routes(Router& r) {
  r.add("POST", "/api/v1/precheck", Access::channel,
        [](Request& req) -> Result<Response> {
          auto body = req.json_body();
          if (!body) return body.error();
          return answer(precheck(*req.ctx, req.who.channel, *body));
        },
        "Eligibility pre-check before the form is filled (预先核查)");
  r.add("POST", "/api/v1/applications", Access::channel,
        [](Request& req) -> Result<Response> {
          auto body = req.json_body();
          if (!body) return body.error();
          return answer(submit_application(*req.ctx, req.who.channel, req.header("idempotency-key"), req.body, *body));
        },
        "Submit an application (Idempotency-Key required); decided at once");
  r.add("GET", "/api/v1/applications/{no}", Access::channel,
        [](Request& req) -> Result<Response> {
          return answer(application_progress(*req.ctx, req.who.channel, req.params["no"],
                                             req.query_param("id_number").value_or("")));
        },
        "Progress of an application for the applicant");
  r.add("POST", "/api/v1/applications/{no}/corrections", Access::channel,
        [](Request& req) -> Result<Response> {
          auto body = req.json_body();
          if (!body) return body.error();
          return answer(resubmit_corrections(*req.ctx, req.who.channel, req.params["no"], *body));
        },
        "Resubmit after a correction request (补齐补正)");
  r.add("POST", "/api/v1/applications/{no}/evaluation", Access::channel,
        [](Request& req) -> Result<Response> {
          auto body = req.json_body();
          if (!body) return body.error();
          return answer(evaluate_case(*req.ctx, req.who.channel, req.params["no"], *body));
        },
        "Evaluate the service (好差评), once per application");
}

}  // namespace zhishen::server
