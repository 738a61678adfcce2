// Staff sessions: POST /api/v1/session (log in with password and TOTP), GET /api/v1/session (who am
// I), DELETE /api/v1/session (log out). The work is in services/auth.cpp.
#include "../context.hpp"
#include "../http/status.hpp"
#include "../services/auth.hpp"
#include "routes.hpp"

namespace zhishen::server {
namespace {

std::string text_field(const json::Value& body, const char* key) {
  const json::Value* v = body.find(key);
  return v != nullptr && v->is_string() ? v->as_string() : std::string();
}

Result<Response> log_in(Request& req) {
  auto body = req.json_body();
  if (!body) return body.error();
  auto attempt = login(*req.ctx, text_field(*body, "username"), text_field(*body, "password"), text_field(*body, "totp"));
  if (attempt.session) return Response::json(session_json(*attempt.session), 201);
  if (!attempt.locked_until) return attempt.error;
  // auth.login.locked carries the time the account unlocks.
  return Response::json(json::Object{{"error", json::Object{{"id", attempt.error.id},
                                                            {"message", attempt.error.message},
                                                            {"locked_until", format_instant(*attempt.locked_until, UtcOffset{})}}}},
                        status_for(attempt.error.id));
}

}  // namespace

void add_session_routes(Router& r) {
  r.add("POST", "/api/v1/session", Access::public_, log_in,
        "Staff login: {username, password, totp} → {token, expires_at, user}");
  r.add("GET", "/api/v1/session", Access::staff,
        [](Request& req) -> Result<Response> { return Response::json(staff_json(req.who.staff)); },
        "The logged-in staff member");
  r.add("DELETE", "/api/v1/session", Access::staff,
        [](Request& req) -> Result<Response> {
          logout(*req.ctx, req.who.staff, req.who.session_token);
          Response res;
          res.status = 204;
          return res;
        },
        "Log out (ends the session)");
}

}  // namespace zhishen::server
