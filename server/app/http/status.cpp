#include "status.hpp"

#include "zhishen/json/write.hpp"

namespace zhishen::server {
namespace {

bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }
bool ends(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

int status_for(const std::string& id) {
  if (ends(id, ".not_found") || id == "document.kind.unknown") return 404;
  if (id == "document.not_available") return 409;  // the case has no such document in its state
  if (id == "case.action.unknown") return 404;  // POST /api/v1/cases/{no}/actions/{action}: no such action
  if (id == "auth.forbidden" || id == "case.transition.forbidden") return 403;
  if (id == "auth.password.weak") return 422;  // a new password the policy refuses (admin API)
  if (starts(id, "auth.")) return 401;
  if (id == "store.conflict" || ends(id, ".duplicate") || starts(id, "case.transition.") ||
      id == "application.idempotency.mismatch" || id == "application.banned") {
    return 409;
  }
  if (id == "http.method") return 405;
  if (id == "request.rate_limited") return 429;
  if (id == "http.body.too_large") return 413;
  if (id == "http.content_type") return 415;
  if (id == "store.unavailable" || id == "store.busy" || id == "signer.no_key") return 503;
  if (id == "server.internal" || id == "store.io" || id == "report.render" || starts(id, "crypto.")) return 500;
  if (starts(id, "http.") || starts(id, "json.parse.") || starts(id, "envelope.")) return 400;
  return 422;  // a well-formed request the rules of the domain refuse (id.*, date.*, rules.*, ...)
}

std::string error_body(const Error& e) {
  return json::to_json(json::Object{{"error", json::Object{{"id", e.id}, {"message", e.message}}}});
}

}  // namespace zhishen::server
