// Printed documents: GET /api/v1/cases/{no}/documents/{kind}.pdf, GET /api/v1/ledger.pdf and
// /api/v1/ledger.csv. The work is in services/documents.hpp; every route needs a staff session.
#include "../services/documents.hpp"
#include "routes.hpp"

namespace zhishen::server {

void add_document_routes(Router& r) {
  r.add("GET", "/api/v1/cases/{no}/documents/{kind}", Access::staff,
        [](Request& req) { return case_document(*req.ctx, req.who, req.params["no"], req.params["kind"]); },
        "A case's printed document as PDF: receipt.pdf (办结回执), acceptance.pdf, non_acceptance.pdf, "
        "correction.pdf, refusal.pdf, revocation.pdf");
  r.add("GET", "/api/v1/ledger.pdf", Access::staff,
        [](Request& req) { return ledger_document(*req.ctx, req.who, req.query, false); },
        "The ledger (台账) of cases decided in a period as PDF (?from=&to=&item=&department=)");
  r.add("GET", "/api/v1/ledger.csv", Access::staff,
        [](Request& req) { return ledger_document(*req.ctx, req.who, req.query, true); },
        "The same ledger as CSV (UTF-8 with BOM)");
  r.add("GET", "/api/v1/supervision/report.pdf", Access::staff,
        [](Request& req) { return supervision_report_document(*req.ctx, req.who, req.query); },
        "The supervision report of a period as PDF: lights by department and item, overdue cases, tickets, "
        "efficiency figures (?from=&to=&department=)");
}

}  // namespace zhishen::server
