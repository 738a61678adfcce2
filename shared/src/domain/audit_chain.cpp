#include "zhishen/domain/audit_chain.hpp"

#include "zhishen/json/write.hpp"

namespace zhishen::domain {

std::string audit_canonical(const AuditEntry& e) {
  const json::Array fields{static_cast<double>(e.seq), static_cast<double>(e.at.time_since_epoch().count()),
                           e.actor, e.role, e.action, e.target, e.detail, e.prev_hash};
  return json::to_json(json::Value(fields));
}

std::optional<std::int64_t> first_broken_link(const std::vector<AuditEntry>& entries,
                                              const std::string& prev_hash_of_first,
                                              const std::function<std::string(const std::string&)>& sha256_hex) {
  std::string prev = prev_hash_of_first;
  for (const auto& e : entries) {
    if (e.prev_hash != prev) return e.seq;
    if (sha256_hex(prev + audit_canonical(e)) != e.hash) return e.seq;
    prev = e.hash;
  }
  return std::nullopt;
}

}  // namespace zhishen::domain
