#pragma once
// The other records the server keeps: audit entries (hash-chained), idempotency keys, item
// versions, shared-data records, supervision tickets (挂号督办), e-certificates, application bans,
// publicity records (双公示), evaluations (好差评) and the notification outbox.
// Thread-safety: plain values.

#include <cstdint>
#include <optional>
#include <string>

#include "zhishen/core/date.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::domain {

// One audit entry. chain, seq and the hashes are assigned by the store (domain/audit_chain.hpp).
struct AuditEntry {
  std::int64_t seq = 0;
  Instant at{};
  std::string actor;   // account, channel or "system"
  std::string role;
  std::string action;  // e.g. "case.transition", "staff.login", "calendar.import"
  std::string target;  // e.g. the case number
  json::Value detail;  // no personal data in clear
  std::string prev_hash;
  std::string hash;
  int chain = 0;  // which of the parallel chains: audit_chain_of(target)
  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// The answer given to one channel request, kept so that the same Idempotency-Key gets it again.
struct IdempotencyRecord {
  std::int64_t channel_id = 0;
  std::string key;
  std::string request_hash;  // SHA-256 of the request body: the same key with another body is refused
  int status = 0;            // HTTP status of the stored answer
  std::string response;      // the stored answer (JSON text)
  Instant created_at{};
  friend bool operator==(const IdempotencyRecord&, const IdempotencyRecord&) = default;
};

struct ItemVersion {
  std::string item_code;
  int version = 0;
  std::string department_code;
  std::string name;
  json::Value guide;  // item.json
  json::Value rules;  // rules.json
  std::string status;  // "draft" | "active" | "retired"
  Instant created_at{};
  std::string created_by;
  friend bool operator==(const ItemVersion&, const ItemVersion&) = default;
};

struct Ticket {  // 挂号督办
  std::int64_t id = 0;
  std::string ticket_no;
  std::string case_no;
  std::string department_code;
  std::string state;  // "open" | "answered" | "closed"
  std::string reason;
  std::string opened_by;
  Instant opened_at{};
  Instant answer_due_at{};
  std::string response;
  std::string responded_by;
  std::optional<Instant> responded_at;
  std::string closed_by;
  std::optional<Instant> closed_at;
  friend bool operator==(const Ticket&, const Ticket&) = default;
};

struct Certificate {  // 电子证照
  std::string cert_no;
  std::string case_no;
  std::string department_code;
  std::string type;
  std::string holder_name;
  std::string holder_id_type;
  std::string holder_id_number;  // personal data: encrypted at rest
  json::Value content;           // the canonical content that was signed
  Instant issued_at{};
  std::optional<Date> valid_until;
  std::string algorithm;
  std::string key_id;
  std::string signature;         // raw bytes
  std::optional<Instant> revoked_at;
  std::string revoke_reason;
  friend bool operator==(const Certificate&, const Certificate&) = default;
};

struct Ban {  // one-year ban after false information (000 Art.17)
  std::int64_t id = 0;
  std::string applicant_id_number;  // personal data: stored as a blind index only
  std::string item_code;
  std::string case_no;
  Instant imposed_at{};
  Instant until{};
  std::string reason;
  friend bool operator==(const Ban&, const Ban&) = default;
};

struct PublicityRecord {  // 双公示 (行政许可)
  std::int64_t id = 0;
  std::string case_no;
  std::string department_code;
  json::Value fields;  // XK_* fields in the national order
  Instant due_at{};
  std::optional<Instant> published_at;
  std::optional<Instant> withdrawn_at;
  friend bool operator==(const PublicityRecord&, const PublicityRecord&) = default;
};

struct Evaluation {  // 好差评
  std::string case_no;
  std::string level;   // 非常满意 | 满意 | 基本满意 | 不满意
  std::string reason;  // required for 不满意
  std::string channel;
  Instant at{};
  friend bool operator==(const Evaluation&, const Evaluation&) = default;
};

struct StoredDocument {  // a printed document as issued (the receipt of a completed case)
  std::string case_no;
  std::string kind;    // "receipt"
  std::string bytes;   // the PDF; encrypted at rest (it names the applicant)
  std::string sha256;  // hex, of the bytes
  Instant created_at{};
  friend bool operator==(const StoredDocument&, const StoredDocument&) = default;
};

struct OutboxMessage {  // notifications to applicants, sent by the server's sender thread
  std::int64_t id = 0;
  std::string case_no;
  std::string recipient;    // personal data: encrypted at rest
  std::string template_id;
  std::string text;
  Instant created_at{};
  int attempts = 0;
  Instant next_attempt_at{};
  std::optional<Instant> sent_at;
  std::string last_error;
  friend bool operator==(const OutboxMessage&, const OutboxMessage&) = default;
};

}  // namespace zhishen::domain
