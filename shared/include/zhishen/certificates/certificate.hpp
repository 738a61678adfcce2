#pragma once
// E-certificates (电子证照): what a certificate says, the bytes its signature covers, and how a
// presented or stored certificate is judged.
//
// The signed body is a JSON object (schema "zhishen-certificate/1", documented in
// docs/certificates.md) serialised with json::canonical (RFC 8785); the department's key signs
// those UTF-8 bytes through the Signer port. The body holds the number, type, holder, item,
// content lines (label and value, in the form's order), issuing department, issue date, validity
// and case number. domain::Certificate keeps the body in `content` and the DER signature in
// `signature`.
//
// Thread-safety: pure functions (issue() calls the Signer, which is thread-safe by contract).

#include <optional>
#include <string>
#include <string_view>

#include "zhishen/core/date.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/domain/case_file.hpp"
#include "zhishen/domain/directory.hpp"
#include "zhishen/domain/records.hpp"
#include "zhishen/json/value.hpp"
#include "zhishen/ports/signer.hpp"

namespace zhishen::certificates {

inline constexpr std::string_view kSchema = "zhishen-certificate/1";

// What the item and the department add to a case to make its certificate.
struct IssueFacts {
  std::string item_name;
  std::string certificate_type;      // the item's result name, e.g. 营业执照（个体工商户）
  json::Value form_fields;           // the item guide's form_fields: [{name, label, type}] in order
  domain::Department issuer;         // code, name, USCC
  std::optional<int> validity_years;  // none: 长期 (no end date)
  Instant now{};
  UtcOffset offset{};
};

// The certificate number of a case's certificate (one certificate per case): "ZZ" and the case
// number's date and serial.
std::string certificate_number(const std::string& case_no);
// The case number a certificate number was made from (nullopt: not a certificate number).
std::optional<std::string> case_number_of(const std::string& cert_no);

// The body to sign. Content lines are the form's non-empty fields other than identity numbers
// (the holder's number is in `holder`); booleans as 是/否, lists joined with "；".
json::Value certificate_body(const domain::CaseFile& file, const IssueFacts& facts);

// Builds and signs the case's certificate. Errors: the Signer's (signer.no_key, ...),
// json.canonical.number.
Result<domain::Certificate> issue(const domain::CaseFile& file, const IssueFacts& facts, ports::Signer& signer);

// The signed bytes of a body (canonical JSON). Errors: json.canonical.number.
Result<std::string> signed_bytes(const json::Value& body);

// A certificate's standing for a verifier.
enum class Verdict {
  valid,     // the signature verifies, not revoked, within its validity
  revoked,   // recalled (撤销): with date and reason
  expired,   // past valid_until
  tampered,  // the body or the signature was changed (or the signing key is not the department's)
};
std::string_view to_string(Verdict v);  // "valid" | "revoked" | "expired" | "tampered"

// Order of precedence: tampered, revoked, expired, valid. `signature` is the outcome of verifying
// the body's signed bytes; `valid_until` comes from the body (a string "YYYY-MM-DD" or null).
Verdict judge(const Status& signature, const json::Value& body, const std::optional<Instant>& revoked_at,
              Date today);

// The body's valid_until as a date (nullopt: 长期 or missing/invalid).
std::optional<Date> valid_until_of(const json::Value& body);

}  // namespace zhishen::certificates
