#include "zhishen/domain/audit_chain.hpp"

#include "zhishen/json/write.hpp"

namespace zhishen::domain {

int audit_chain_of(std::string_view target) {
  std::uint32_t h = 2166136261u;
  for (char c : target) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return static_cast<int>(h % static_cast<std::uint32_t>(kAuditChains));
}

std::string audit_canonical(const AuditEntry& e) {
  std::string out = "[";
  json::append_number(out, e.chain);
  out += ',';
  json::append_number(out, static_cast<double>(e.seq));
  out += ',';
  json::append_number(out, static_cast<double>(e.at.time_since_epoch().count()));
  for (const std::string* s : {&e.actor, &e.role, &e.action, &e.target}) {
    out += ',';
    json::append_quoted(out, *s);
  }
  out += ',';
  out += json::to_json(e.detail);
  out += ',';
  json::append_quoted(out, e.prev_hash);
  out += ']';
  return out;
}

std::optional<std::int64_t> first_broken_link(const std::vector<AuditEntry>& entries,
                                              const std::string& prev_hash_of_first,
                                              const std::function<std::string(const std::string&)>& sha256_hex) {
  std::string prev = prev_hash_of_first;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    if (i > 0 && (e.seq != entries[i - 1].seq + 1 || e.chain != entries[i - 1].chain)) return e.seq;
    if (e.prev_hash != prev) return e.seq;
    if (sha256_hex(prev + audit_canonical(e)) != e.hash) return e.seq;
    prev = e.hash;
  }
  return std::nullopt;
}

}  // namespace zhishen::domain
