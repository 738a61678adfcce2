#pragma once
// The printed documents of a case and the ledger (issue 7; docs/reports.md), rendered by
// zhishen_reports from what the store holds:
//   GET /api/v1/cases/{no}/documents/{kind}.pdf — receipt (办结回执, completed cases),
//     acceptance (受理通知书), non_acceptance, correction (the last one-time correction list),
//     refusal (不予许可决定书), revocation (撤销行政审批决定书); document.kind.unknown,
//     document.not_available (the case has no such document in its state or history).
//   GET /api/v1/ledger.pdf|csv?from&to[&item][&department] — one row per case decided in the
//     period (台账): applicant, item, decision and its time, re-check time, certificate number,
//     publicity time. The caller's department unless a supervisor chooses.
// Personal data as the case view shows it: in clear for approvers (and their reads audited),
// masked for everyone else — except the receipt, which goes to the applicant and is kept as issued:
// its ID number is always masked. Thread-safety: any request thread.

#include <map>
#include <string>

#include "../context.hpp"
#include "../http/api.hpp"

namespace zhishen::server {

Result<Response> case_document(ServerContext& ctx, const Principal& who, const std::string& case_no,
                               const std::string& kind_pdf);
// The receipt (办结回执) of a case completing in the caller's transaction: render_receipt makes the
// PDF from the completed case before the transaction writes the case (rendering takes
// milliseconds; no row lock, above all no audit chain head, waits on it), keep_receipt stores it
// (SupervisionRepo::put_document) so that the completion and its receipt commit together; later
// requests for receipt.pdf answer these very bytes. Called by the casework and certificate services.
Result<domain::StoredDocument> render_receipt(ServerContext& ctx, ports::StoreTx& tx, const domain::CaseFile& completed);
Status keep_receipt(ports::StoreTx& tx, const domain::StoredDocument& receipt);

// A date as documents print it: 2026年11月22日.
std::string chinese_date(Date d);

Result<Response> ledger_document(ServerContext& ctx, const Principal& who,
                                 const std::map<std::string, std::string>& query, bool csv);
// GET /api/v1/supervision/report.pdf?from&to[&department]: the board, overdue cases, tickets and
// the efficiency figures of the period, as the supervision services answer them.
Result<Response> supervision_report_document(ServerContext& ctx, const Principal& who,
                                             const std::map<std::string, std::string>& query);

}  // namespace zhishen::server
