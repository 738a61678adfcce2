#pragma once
// The hash chains of the audit log: each entry's hash is SHA-256 over the previous entry's hash and
// the entry's canonical text, so that changing, inserting or deleting an entry breaks its chain
// from that point on. There are kAuditChains independent chains, an entry going to the chain its
// target selects (all entries about one case are in one chain, in order): writers of different
// cases do not queue behind one chain head. The canonical text is defined here (it is part of the
// stored format); the hashing is done by the store adapter, verification by first_broken_link.
//
// canonical text = JSON array [chain, seq, at (epoch seconds), actor, role, action, target, detail,
//                              prev_hash], written compactly as json::to_json writes it.
// Thread-safety: pure functions.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zhishen/domain/records.hpp"

namespace zhishen::domain {

inline constexpr int kAuditChains = 16;

// The chain of a target: FNV-1a of its bytes, modulo kAuditChains.
int audit_chain_of(std::string_view target);

inline constexpr const char* kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

std::string audit_canonical(const AuditEntry& e);

// The seq of the first entry whose prev_hash or hash does not follow from its predecessor
// (entries of one chain in seq order, the first one chained to `prev_hash_of_first`; a gap in seq
// counts as a break), or nullopt when intact.
std::optional<std::int64_t> first_broken_link(const std::vector<AuditEntry>& entries,
                                              const std::string& prev_hash_of_first,
                                              const std::function<std::string(const std::string&)>& sha256_hex);

}  // namespace zhishen::domain
