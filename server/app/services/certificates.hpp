#pragma once
// E-certificates (电子证照) and publicity records (双公示) in the server: issuing a waiting approval's
// certificate in the caller's transaction, the publicity record of a completed approval, the
// certificate and publicity summaries in the case view, public verification (stored or presented),
// the signed revocation list and the certificate file.
//
// Errors: certificate.not_found (404), certificate.request.invalid (400), envelope.* (400),
// department.not_found (404).
// Thread-safety: functions over the caller's transaction or their own; any request thread.

#include <map>
#include <optional>
#include <string>

#include "../catalogue.hpp"
#include "../context.hpp"
#include "../http/api.hpp"
#include "zhishen/domain/case_file.hpp"
#include "zhishen/json/value.hpp"
#include "zhishen/ports/store.hpp"
#include "zhishen/reports/documents.hpp"

namespace zhishen::server {

// After a staff transition, before the case is saved: an approval waiting for its e-certificate
// (recheck_confirmed / manual_approved of an item that issues one) gets it — built, signed, stored —
// and the case moves through certificate_issued to completed. A department without a signing key
// leaves the case waiting (logged); nothing else fails the action.
Status issue_if_due(ServerContext& ctx, ports::StoreTx& tx, domain::CaseFile& f, const CompiledItem* item,
                    Instant now);

// The approvals left waiting for their certificate (their department had no key), at most `limit`:
// each is issued and completed in its own transaction, as the re-check would have. Called by the
// timer and after the keys are reloaded. Answers how many were issued.
int issue_waiting(ServerContext& ctx, std::size_t limit);

// After a case is saved: a publicity record for an approval that has just completed and whose item
// requires publicity, its fields filled in the national order (xzxk_fields), due with the case's
// publicity deadline. On publicise, the record's published_at.
Status record_publicity(ServerContext& ctx, ports::StoreTx& tx, const domain::CaseFile& before,
                        const domain::CaseFile& after, Instant now);

// The 双公示 administrative-licensing fields in the national order (codes, Chinese names).
struct PublicityField {
  const char* code;
  const char* name;
};
const std::vector<PublicityField>& publicity_fields();

// The case view's "certificate" and "publicity" members (null when there is none).
json::Value certificate_summary(ports::StoreTx& tx, const std::string& case_no);
json::Value publicity_summary(ports::StoreTx& tx, const std::string& case_no);

// The certificate as printed. `full`: the holder's number in clear and the QR code carrying the
// signed file (approvers); otherwise the number masked and the QR code the verification address.
reports::CertificatePrint certificate_print(ServerContext& ctx, const domain::Certificate& c, bool full);

// The signed certificate file (signed_envelope.hpp) of a certificate.
json::Value certificate_file(ServerContext& ctx, const domain::Certificate& c);

// GET /api/v1/certificates/{no}/verify: the stored certificate judged now.
Result<json::Value> verify_stored(ServerContext& ctx, const std::string& cert_no);
// POST /api/v1/certificates/verify: a presented certificate file judged now (tampered when it is not
// byte-for-byte what the department signed, or differs from the stored certificate).
Result<json::Value> verify_presented(ServerContext& ctx, const std::string& file_text);
// GET /api/v1/certificates/revoked?department=D: the department's signed revocation list.
Result<json::Value> revocation_list(ServerContext& ctx, const std::string& department);
// GET /api/v1/publicity.csv?department=&state=: the 双公示 records in the national field order
// (UTF-8 with BOM); reviewers and approvers get their department's. state: pending, published,
// withdrawn or all (default). Errors: publicity.request.invalid.
Result<std::string> publicity_csv(ServerContext& ctx, const Principal& who,
                                  const std::map<std::string, std::string>& query);
// GET /api/v1/certificates/keys: every public key (department, key id, algorithm, PEM).
json::Value public_keys(ServerContext& ctx);

}  // namespace zhishen::server
