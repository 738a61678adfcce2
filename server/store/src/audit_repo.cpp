#include <algorithm>
#include <map>

#include "bulk.hpp"
#include "lookups.hpp"
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

std::vector<domain::AuditEntry> SqlAuditRepo::append_many(std::vector<domain::AuditEntry> entries) {
  if (entries.empty()) return entries;
  // The chains' head rows are locked until commit (MySQL: FOR UPDATE, in key order; SQLite: BEGIN
  // IMMEDIATE already holds the database's write lock), so seq and prev_hash continue the entries
  // committed last.
  std::map<int, std::pair<std::int64_t, std::string>> heads;  // chain -> (last seq, last hash)
  std::vector<SqlValue> chains;
  for (auto& e : entries) {
    e.chain = domain::audit_chain_of(e.target);
    if (heads.emplace(e.chain, std::pair<std::int64_t, std::string>{}).second) chains.emplace_back(std::int64_t{e.chain});
  }
  std::vector<SqlValue> params;
  const std::string sql = "SELECT chain, last_seq, last_hash FROM audit_head WHERE chain IN (" + in_list(params, chains) +
                          ")" + (c_.dialect() == Dialect::mysql ? " ORDER BY chain FOR UPDATE" : "");
  std::size_t found = 0;
  for (const auto& r : c_.query(sql, params)) {
    auto it = heads.find(static_cast<int>(r.int64(0)));
    if (it == heads.end()) continue;
    it->second = {r.int64(1), r.text(2)};
    ++found;
  }
  if (found != heads.size()) throw StoreFault("store.io", "an audit chain head is missing");
  std::vector<SqlValue> rows;
  for (auto& e : entries) {
    auto& [seq, hash] = heads[e.chain];
    e.seq = seq + 1;
    e.prev_hash = hash;
    e.hash = crypto::sha256_hex(e.prev_hash + domain::audit_canonical(e));
    seq = e.seq;
    hash = e.hash;
    rows.insert(rows.end(), {std::int64_t{e.chain}, e.seq, sql_instant(e.at), e.actor, e.role, e.action, e.target,
                             json_text(e.detail), e.prev_hash, e.hash});
  }
  insert_rows(c_, "INSERT INTO audit_log (chain, seq, at, actor, role, action, target, detail_json, prev_hash, hash) VALUES ",
              10, rows);
  std::vector<SqlValue> head_rows;
  for (const auto& [chain, head] : heads) head_rows.insert(head_rows.end(), {std::int64_t{chain}, head.first, head.second});
  insert_rows(c_, "INSERT INTO audit_head (chain, last_seq, last_hash) VALUES ", 3, head_rows,
              c_.dialect() == Dialect::mysql
                  ? " ON DUPLICATE KEY UPDATE last_seq = VALUES(last_seq), last_hash = VALUES(last_hash)"
                  : " ON CONFLICT (chain) DO UPDATE SET last_seq = excluded.last_seq, last_hash = excluded.last_hash");
  return entries;
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

std::vector<std::optional<domain::IdempotencyRecord>> SqlIdempotencyRepo::find_many(
    std::span<const std::pair<std::int64_t, std::string>> keys) {
  return run_alone(c_, IdempotencyLookup(keys));
}

Status SqlIdempotencyRepo::put_many(std::span<const domain::IdempotencyRecord> records) {
  std::vector<SqlValue> rows;
  for (const auto& r : records) {
    rows.insert(rows.end(), {r.channel_id, r.key, r.request_hash, std::int64_t{r.status}, r.response, sql_instant(r.created_at)});
  }
  try {
    insert_rows(c_, "INSERT INTO idempotency (channel_id, idem_key, request_hash, status, response, created_at) VALUES ",
                6, rows);
  } catch (const StoreFault& f) {
    if (f.id() != "store.duplicate") throw;
    return make_error("store.duplicate", "idempotency key already used");
  }
  return {};
}

}  // namespace zhishen::store
