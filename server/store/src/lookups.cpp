#include "lookups.hpp"

#include <map>

#include "bulk.hpp"
#include "zhishen/lifecycle/case_state.hpp"

namespace zhishen::store {
namespace {

// The quoted names of the states lifecycle::is_in_flight holds, for an IN list.
const std::string& in_flight_states() {
  static const std::string list = [] {
    std::string s;
    for (auto state : lifecycle::kAllStates) {
      if (lifecycle::is_in_flight(state)) s += (s.empty() ? "'" : ",'") + std::string(lifecycle::to_string(state)) + "'";
    }
    return s;
  }();
  return list;
}

}  // namespace

std::vector<Row> run_lookup(Connection& c, std::span<const LookupPart> parts) {
  if (parts.size() == 1) return c.query(parts[0].sql, parts[0].params);
  std::string sql;
  std::vector<SqlValue> params;
  for (const auto& p : parts) {
    sql += sql.empty() ? "" : " UNION ALL ";
    sql += p.sql;  // no parentheses: SQLite takes none, and no part has ORDER BY or LIMIT
    params.insert(params.end(), p.params.begin(), p.params.end());
  }
  return c.query(sql, params);
}

IdempotencyLookup::IdempotencyLookup(std::span<const std::pair<std::int64_t, std::string>> keys)
    : found(keys.size()), keys_(keys.begin(), keys.end()) {}

void IdempotencyLookup::add_parts(std::vector<LookupPart>& parts) const {
  std::map<std::int64_t, std::vector<SqlValue>> by_channel;
  for (const auto& [channel, key] : keys_) by_channel[channel].emplace_back(key);
  for (const auto& [channel, channel_keys] : by_channel) {
    LookupPart p{"", {channel}};
    p.sql = "SELECT " + std::to_string(kPart) +
            ", idem_key, request_hash, response, NULL, channel_id, status, created_at FROM idempotency"
            " WHERE channel_id = ? AND idem_key IN (" + in_list(p.params, channel_keys) + ")";
    parts.push_back(std::move(p));
  }
}

void IdempotencyLookup::take(const Row& r) {
  const domain::IdempotencyRecord rec{r.int64(5), r.text(1), r.text(2), static_cast<int>(r.int64(6)), r.text(3),
                                      instant_of(r.int64(7))};
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i].first == rec.channel_id && keys_[i].second == rec.key) found[i] = rec;
  }
}

BanLookup::BanLookup(const Codec& codec, std::span<const ports::ApplicantItem> who, Instant at)
    : found(who.size()), who_(who.begin(), who.end()), at_(at) {
  for (const auto& w : who_) index_of_.push_back(codec.index("ban", w.id_number));
}

void BanLookup::add_parts(std::vector<LookupPart>& parts) const {
  if (who_.empty()) return;
  LookupPart p;
  const std::vector<SqlValue> indexes(index_of_.begin(), index_of_.end());
  const std::string marks = in_list(p.params, indexes);
  p.params.insert(p.params.end(), {sql_instant(at_), sql_instant(at_)});
  p.sql = "SELECT " + std::to_string(kPart) +
          ", applicant_index, item_code, case_no, reason, id, imposed_at, until_at FROM bans"
          " WHERE applicant_index IN (" + marks + ") AND imposed_at <= ? AND until_at > ?";
  parts.push_back(std::move(p));
}

void BanLookup::take(const Row& r) {
  const std::string index = r.text(1), item = r.text(2);
  const Instant until = instant_of(r.int64(7));
  for (std::size_t i = 0; i < who_.size(); ++i) {
    if (index_of_[i] != index || item != who_[i].item_code || (found[i] && found[i]->until >= until)) continue;
    found[i] = domain::Ban{r.int64(5), who_[i].id_number, item, r.text(3), instant_of(r.int64(6)), until, r.text(4)};
  }
}

InFlightLookup::InFlightLookup(const Codec& codec, std::span<const ports::InFlightQuery> queries)
    : found(queries.size()), queries_(queries.begin(), queries.end()) {
  for (const auto& q : queries_) index_of_.emplace_back(codec.index("citizen_id", q.id_number), codec.index("uscc", q.id_number));
}

void InFlightLookup::add_parts(std::vector<LookupPart>& parts) const {
  if (queries_.empty()) return;
  // Index (applicant_id_index, item_code): the applicants' cases, a handful each; the item and the
  // channel are compared in take().
  std::vector<SqlValue> indexes;
  for (const auto& [citizen, uscc] : index_of_) {
    indexes.emplace_back(citizen);
    indexes.emplace_back(uscc);
  }
  LookupPart p;
  p.sql = "SELECT " + std::to_string(kPart) +
          ", applicant_id_index, item_code, channel, case_no, NULL, NULL, NULL FROM cases WHERE applicant_id_index IN (" +
          in_list(p.params, indexes) + ") AND state IN (" + in_flight_states() + ")";
  parts.push_back(std::move(p));
}

void InFlightLookup::take(const Row& r) {
  const std::string index = r.text(1), item = r.text(2), channel = r.text(3), case_no = r.text(4);
  for (std::size_t i = 0; i < queries_.size(); ++i) {
    const auto& q = queries_[i];
    if ((index == index_of_[i].first || index == index_of_[i].second) && item == q.item_code &&
        channel != q.except_channel && (!found[i] || case_no < *found[i])) {
      found[i] = case_no;
    }
  }
}

std::vector<ports::IntakeFacts> read_intake_facts(Connection& c, const Codec& codec,
                                                  std::span<const ports::IntakeQuery> queries, Instant now) {
  std::vector<std::pair<std::int64_t, std::string>> keys;
  std::vector<ports::ApplicantItem> who;
  std::vector<ports::InFlightQuery> in_flight;
  for (const auto& q : queries) {
    keys.emplace_back(q.channel_id, q.idempotency_key);
    who.push_back({q.id_number, q.item_code});
    in_flight.push_back({q.id_number, q.item_code, q.channel});
  }
  IdempotencyLookup stored(keys);
  BanLookup bans(codec, who, now);
  InFlightLookup elsewhere(codec, in_flight);
  std::vector<LookupPart> parts;
  stored.add_parts(parts);
  bans.add_parts(parts);
  elsewhere.add_parts(parts);
  if (!parts.empty()) {
    for (const Row& r : run_lookup(c, parts)) {
      switch (r.int64(0)) {
        case IdempotencyLookup::kPart: stored.take(r); break;
        case BanLookup::kPart: bans.take(r); break;
        case InFlightLookup::kPart: elsewhere.take(r); break;
        default: throw StoreFault("store.io", "intake_facts: a row of no lookup");
      }
    }
  }
  std::vector<ports::IntakeFacts> facts(queries.size());
  for (std::size_t i = 0; i < queries.size(); ++i) {
    facts[i] = {std::move(stored.found[i]), std::move(bans.found[i]), std::move(elsewhere.found[i])};
  }
  return facts;
}

}  // namespace zhishen::store
