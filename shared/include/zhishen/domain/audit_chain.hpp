#pragma once
// The hash chain of the audit log: each entry's hash is SHA-256 over the previous entry's hash and
// the entry's canonical text, so that changing, inserting or deleting an entry breaks the chain
// from that point on. The canonical text is defined here (it is part of the stored format); the
// hashing is done by the store adapter (OpenSSL), and verification by `zhishen audit verify`.
//
// canonical text = JSON array [seq, at (epoch seconds), actor, role, action, target, detail,
//                              prev_hash], written compactly by json::to_json.
// Thread-safety: pure functions.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "zhishen/domain/records.hpp"

namespace zhishen::domain {

inline constexpr const char* kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

std::string audit_canonical(const AuditEntry& e);

// The seq of the first entry whose prev_hash or hash does not follow from its predecessor
// (entries in seq order, the first one chained to `prev_hash_of_first`), or nullopt when intact.
std::optional<std::int64_t> first_broken_link(const std::vector<AuditEntry>& entries,
                                              const std::string& prev_hash_of_first,
                                              const std::function<std::string(const std::string&)>& sha256_hex);

}  // namespace zhishen::domain
