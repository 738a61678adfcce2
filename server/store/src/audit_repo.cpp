#include "sql_repos.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/domain/audit_chain.hpp"

namespace zhishen::store {

domain::AuditEntry SqlAuditRepo::append(domain::AuditEntry e) {
  // The chain head is one row: locking it serializes appenders until their commit, so seq and
  // prev_hash are always those of the entry committed just before. (SQLite's BEGIN IMMEDIATE
  // already holds the database's write lock.)
  const char* sql = c_.dialect() == Dialect::mysql
                        ? "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE"
                        : "SELECT last_seq, last_hash FROM audit_head WHERE id = 1";
  auto head = query(c_, sql);
  if (head.empty()) throw StoreFault("store.io", "the audit chain head is missing");
  e.seq = head[0].int64(0) + 1;
  e.prev_hash = head[0].text(1);
  e.hash = crypto::sha256_hex(e.prev_hash + domain::audit_canonical(e));
  exec(c_,
       "INSERT INTO audit_log (seq, at, actor, role, action, target, detail_json, prev_hash, hash)"
       " VALUES (?,?,?,?,?,?,?,?,?)",
       {e.seq, sql_instant(e.at), e.actor, e.role, e.action, e.target, json_text(e.detail), e.prev_hash, e.hash});
  exec(c_, "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1", {e.seq, e.hash});
  return e;
}

std::vector<domain::AuditEntry> SqlAuditRepo::range(std::int64_t from_seq, std::size_t limit) {
  std::vector<domain::AuditEntry> out;
  for (const auto& r : query(c_,
                             "SELECT seq, at, actor, role, action, target, detail_json, prev_hash, hash FROM audit_log"
                             " WHERE seq >= ? ORDER BY seq LIMIT ?",
                             {from_seq, static_cast<std::int64_t>(limit)})) {
    out.push_back(domain::AuditEntry{r.int64(0), instant_of(r.int64(1)), r.text(2), r.text(3), r.text(4), r.text(5),
                                     parse_stored_json(r.text(6), "audit detail"), r.text(7), r.text(8)});
  }
  return out;
}

std::optional<domain::IdempotencyRecord> SqlIdempotencyRepo::find(std::int64_t channel_id, const std::string& key) {
  auto rows = query(c_,
                    "SELECT request_hash, status, response, created_at FROM idempotency WHERE channel_id = ? AND idem_key = ?",
                    {channel_id, key});
  if (rows.empty()) return std::nullopt;
  return domain::IdempotencyRecord{channel_id, key, rows[0].text(0), static_cast<int>(rows[0].int64(1)),
                                   rows[0].text(2), instant_of(rows[0].int64(3))};
}

Status SqlIdempotencyRepo::put(const domain::IdempotencyRecord& r) {
  return insert_unique(c_,
                       "INSERT INTO idempotency (channel_id, idem_key, request_hash, status, response, created_at)"
                       " VALUES (?,?,?,?,?,?)",
                       {r.channel_id, r.key, r.request_hash, std::int64_t{r.status}, r.response, sql_instant(r.created_at)},
                       "idempotency key already used");
}

}  // namespace zhishen::store
