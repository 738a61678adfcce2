#include <algorithm>

#include "sql_repos.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/domain/audit_chain.hpp"

namespace zhishen::store {

namespace {

const char* kAuditColumns = "chain, seq, at, actor, role, action, target, detail_json, prev_hash, hash";

domain::AuditEntry audit_of(const Row& r) {
  domain::AuditEntry e{r.int64(1), instant_of(r.int64(2)), r.text(3), r.text(4), r.text(5), r.text(6),
                       parse_stored_json(r.text(7), "audit detail"), r.text(8), r.text(9)};
  e.chain = static_cast<int>(r.int64(0));
  return e;
}

}  // namespace

domain::AuditEntry SqlAuditRepo::append(domain::AuditEntry e) {
  e.chain = domain::audit_chain_of(e.target);
  // The chain's head row is locked until commit (MySQL: FOR UPDATE; SQLite: BEGIN IMMEDIATE already
  // holds the database's write lock), so seq and prev_hash are those of the entry committed last.
  auto head = query(c_,
                    c_.dialect() == Dialect::mysql
                        ? "SELECT last_seq, last_hash FROM audit_head WHERE chain = ? FOR UPDATE"
                        : "SELECT last_seq, last_hash FROM audit_head WHERE chain = ?",
                    {std::int64_t{e.chain}});
  if (head.empty()) throw StoreFault("store.io", "the audit chain head is missing");
  e.seq = head[0].int64(0) + 1;
  e.prev_hash = head[0].text(1);
  e.hash = crypto::sha256_hex(e.prev_hash + domain::audit_canonical(e));
  exec(c_,
       "INSERT INTO audit_log (chain, seq, at, actor, role, action, target, detail_json, prev_hash, hash)"
       " VALUES (?,?,?,?,?,?,?,?,?,?)",
       {std::int64_t{e.chain}, e.seq, sql_instant(e.at), e.actor, e.role, e.action, e.target, json_text(e.detail),
        e.prev_hash, e.hash});
  exec(c_, "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE chain = ?", {e.seq, e.hash, std::int64_t{e.chain}});
  return e;
}

std::vector<domain::AuditEntry> SqlAuditRepo::range(int chain, std::int64_t from_seq, std::size_t limit) {
  std::vector<domain::AuditEntry> out;
  for (const auto& r : query(c_,
                             std::string("SELECT ") + kAuditColumns +
                                 " FROM audit_log WHERE chain = ? AND seq >= ? ORDER BY seq LIMIT ?",
                             {std::int64_t{chain}, from_seq, static_cast<std::int64_t>(limit)})) {
    out.push_back(audit_of(r));
  }
  return out;
}

// The newest `limit` of each chain (primary-key order, no extra index to maintain on every write),
// merged by time.
std::vector<domain::AuditEntry> SqlAuditRepo::recent(std::size_t limit) {
  std::vector<domain::AuditEntry> out;
  for (int chain = 0; chain < domain::kAuditChains; ++chain) {
    for (const auto& r : query(c_,
                               std::string("SELECT ") + kAuditColumns +
                                   " FROM audit_log WHERE chain = ? ORDER BY seq DESC LIMIT ?",
                               {std::int64_t{chain}, static_cast<std::int64_t>(limit)})) {
      out.push_back(audit_of(r));
    }
  }
  std::sort(out.begin(), out.end(), [](const domain::AuditEntry& a, const domain::AuditEntry& b) {
    return a.at != b.at ? a.at > b.at : (a.chain != b.chain ? a.chain < b.chain : a.seq > b.seq);
  });
  if (out.size() > limit) out.resize(limit);
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
