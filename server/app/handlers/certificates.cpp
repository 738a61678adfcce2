// E-certificates: public verification (stored or presented), the signed revocation lists and the
// public keys; for staff, a certificate's signed file. The work is in services/certificates.hpp.
#include "../services/case_view.hpp"
#include "../services/certificates.hpp"
#include "../services/permissions.hpp"
#include "../http/status.hpp"
#include "../signing_keys.hpp"
#include "routes.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::server {
namespace {

Result<Response> json_or_error(Result<json::Value> r) {
  if (!r) return r.error();
  return Response::json(*r);
}

// A public check within the client's rate (RateLimiter): else 429 request.rate_limited with
// Retry-After, before any work.
template <class Work>
Result<Response> limited(Request& req, Work&& work) {
  RateLimiter& limiter = req.ctx->verify_limiter();
  if (limiter.allow(req.remote_address)) return work();
  const Error e = make_error("request.rate_limited", "too many certificate checks from this address; try again in " +
                                                         std::to_string(limiter.retry_after_seconds()) + " s");
  Response res = Response::text(error_body(e), "application/json; charset=utf-8", status_for(e.id));
  res.headers.emplace_back("Retry-After", std::to_string(limiter.retry_after_seconds()));
  return res;
}

// The signed certificate file, for staff of the issuing department (and supervisors).
Result<Response> certificate_for_staff(Request& req) {
  if (auto st = require(req.who, Permission::query); !st) return st.error();
  std::optional<domain::Certificate> c;
  auto st = req.ctx->store().transact([&](ports::StoreTx& tx) -> Status {
    c = tx.supervision().certificate(req.params["no"]);
    return {};
  });
  if (!st) return st.error();
  if (!c || !sees_department(req.who, c->department_code)) {
    return make_error("certificate.not_found", "no certificate " + req.params["no"] + " in your departments");
  }
  Response res = Response::text(json::to_json_pretty(certificate_file(*req.ctx, *c)) + "\n",
                                "application/json; charset=utf-8");
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + c->cert_no + ".json\"");
  return res;
}

// Re-reads the key directory (a rotation without a restart), then issues what waited for a key.
Result<Response> reload_keys(Request& req) {
  if (auto st = require(req.who, Permission::administration); !st) return st.error();
  if (auto st = load_signing_keys(*req.ctx); !st) return st.error();
  const int issued = issue_waiting(*req.ctx, 1000);
  (void)req.ctx->store().transact([&](ports::StoreTx& tx) -> Status {
    tx.audit().append({0, req.ctx->now(), req.who.staff.username, "admin", "keys.reload", "",
                       json::Object{{"issued_waiting", issued}}, "", ""});
    return {};
  });
  json::Value out = public_keys(*req.ctx);
  out.set("issued_waiting", issued);
  return Response::json(out);
}

}  // namespace

void add_certificate_routes(Router& r) {
  r.add("GET", "/api/v1/certificates/revoked", Access::public_,
        [](Request& req) {
          return json_or_error(revocation_list(*req.ctx, req.query_param("department").value_or("")));
        },
        "A department's revocation list (?department=), signed with its key; current at every request");
  r.add("GET", "/api/v1/certificates/keys", Access::public_,
        [](Request& req) { return Response::json(public_keys(*req.ctx)); },
        "The departments' public keys (PEM) for offline verification, old keys included");
  r.add("POST", "/api/v1/certificates/verify", Access::public_,
        [](Request& req) { return limited(req, [&] { return json_or_error(verify_presented(*req.ctx, req.body)); }); },
        "Verify a presented certificate file: valid, revoked (date, reason), expired or tampered "
        "(limits.verify_per_minute per client address, then 429 request.rate_limited)");
  r.add("GET", "/api/v1/certificates/{no}/verify", Access::public_,
        [](Request& req) {
          return limited(req, [&] { return json_or_error(verify_stored(*req.ctx, req.params["no"])); });
        },
        "Verify a certificate by number: valid, revoked (date, reason), expired or tampered "
        "(limits.verify_per_minute per client address, then 429 request.rate_limited)");
  r.add("GET", "/api/v1/publicity.csv", Access::staff,
        [](Request& req) -> Result<Response> {
          auto csv = publicity_csv(*req.ctx, req.who, req.query);
          if (!csv) return csv.error();
          Response res = Response::text(std::move(csv).value(), "text/csv; charset=utf-8");
          res.headers.emplace_back("Content-Disposition", "attachment; filename=\"publicity.csv\"");
          return res;
        },
        "The 双公示 administrative-licensing records as CSV in the national field order (?department=&state=)");
  r.add("POST", "/api/v1/admin/keys/reload", Access::staff, reload_keys,
        "Administrators: read the signing-key directory again (after zhishen keys generate) and issue the "
        "e-certificates that waited for a key");
  r.add("GET", "/api/v1/certificates/{no}", Access::staff, certificate_for_staff,
        "A certificate's signed file (zhishen-certificate/1) for the issuing department's staff");
}

}  // namespace zhishen::server
