#pragma once
// The intake's batch lookups — stored Idempotency-Key answers, active bans, in-flight cases from
// another channel — as parts of one statement. Every part is a SELECT of the same eight columns
//   [part, t1, t2, t3, t4, n1, n2, n3]   (part: which lookup; t: text; n: integers)
// so the parts run alone (the repositories' batch methods) or together under UNION ALL
// (read_intake_facts, for StoreTx::intake_facts: one statement and one round trip for all three).
// Ownership: a lookup owns its questions and its answers. Thread-safety: the caller's thread.

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "codec.hpp"
#include "zhishen/ports/store.hpp"

namespace zhishen::store {

struct LookupPart {
  std::string sql;
  std::vector<SqlValue> params;
};

// Runs the parts as one statement (UNION ALL when there are several); rows in no defined order.
std::vector<Row> run_lookup(Connection& c, std::span<const LookupPart> parts);

// The stored answers for (channel, key) pairs: `found[i]` answers `keys[i]`.
class IdempotencyLookup {
 public:
  static constexpr std::int64_t kPart = 1;
  explicit IdempotencyLookup(std::span<const std::pair<std::int64_t, std::string>> keys);
  void add_parts(std::vector<LookupPart>& parts) const;  // one per channel (primary key prefix)
  void take(const Row& r);
  std::vector<std::optional<domain::IdempotencyRecord>> found;

 private:
  std::vector<std::pair<std::int64_t, std::string>> keys_;
};

// The longest active ban of each applicant on each item: `found[i]` answers `who[i]`.
class BanLookup {
 public:
  static constexpr std::int64_t kPart = 2;
  BanLookup(const Codec& codec, std::span<const ports::ApplicantItem> who, Instant at);
  void add_parts(std::vector<LookupPart>& parts) const;
  void take(const Row& r);
  std::vector<std::optional<domain::Ban>> found;

 private:
  std::vector<ports::ApplicantItem> who_;
  std::vector<std::string> index_of_;  // blind index of who_[i]'s ID number
  Instant at_;
};

// The lowest-numbered in-flight case of each applicant and item from another channel.
class InFlightLookup {
 public:
  static constexpr std::int64_t kPart = 3;
  InFlightLookup(const Codec& codec, std::span<const ports::InFlightQuery> queries);
  void add_parts(std::vector<LookupPart>& parts) const;
  void take(const Row& r);
  std::vector<std::optional<std::string>> found;

 private:
  std::vector<ports::InFlightQuery> queries_;
  // An ID number's blind index under both types: the query does not know which it is.
  std::vector<std::pair<std::string, std::string>> index_of_;
};

// The three lookups for StoreTx::intake_facts, in one statement.
std::vector<ports::IntakeFacts> read_intake_facts(Connection& c, const Codec& codec,
                                                  std::span<const ports::IntakeQuery> queries, Instant now);

// Runs one lookup alone and returns its answers.
template <class Lookup>
auto run_alone(Connection& c, Lookup lookup) {
  std::vector<LookupPart> parts;
  lookup.add_parts(parts);
  if (!parts.empty()) {
    for (const Row& r : run_lookup(c, parts)) lookup.take(r);
  }
  return std::move(lookup.found);
}

}  // namespace zhishen::store
