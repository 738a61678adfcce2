// Periods of the statistics and the ledger: the query parsed, the transitions read in pages.
#include "period.hpp"

#include "permissions.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Action;

constexpr long kMaxPeriodDays = 366;
constexpr std::size_t kPage = 5000;  // transitions read per query

Error bad_period(const std::string& what) { return make_error("statistics.period.invalid", what); }

}  // namespace

Result<Period> parse_period(const Principal& who, const std::map<std::string, std::string>& query,
                            const std::set<std::string>& extra_keys) {
  Period p;
  std::optional<Date> from;
  std::optional<Date> to;
  std::optional<std::string> department;
  for (const auto& [key, value] : query) {
    if (key == "from" || key == "to") {
      auto d = Date::parse(value);
      if (!d) return make_error(d.error().id, key + ": " + d.error().message);
      (key == "from" ? from : to) = *d;
    } else if (key == "department") {
      if (value.empty() || value.size() > 64) {
        return make_error("supervision.param.invalid", "department: a department code");
      }
      department = value;
    } else if (extra_keys.count(key) != 0) {
      p.extra[key] = value;
    } else {
      return make_error("supervision.param.invalid", key + ": unknown parameter");
    }
  }
  if (!from || !to) return bad_period("from and to (YYYY-MM-DD) are required");
  if (*to < *from) return bad_period("to is before from");
  if (to->days_since(*from) >= kMaxPeriodDays) return bad_period("at most 366 days");
  if (auto own = department_scope(who)) department = *own;
  p.from = *from;
  p.to = *to;
  p.department = department;
  return p;
}

std::vector<ports::EventFact> read_facts(ports::StoreTx& tx, const std::vector<Action>& actions, Instant start,
                                         Instant end, const std::optional<std::string>& department, bool& truncated) {
  std::vector<ports::EventFact> out;
  Instant cursor = start;
  std::set<std::pair<std::string, std::int64_t>> taken_at_cursor;
  for (;;) {
    auto page = tx.cases().events_between(actions, cursor, end, department, kPage);
    bool progressed = false;
    for (auto& f : page) {
      if (f.at == cursor && taken_at_cursor.count({f.case_no, f.seq}) != 0) continue;
      progressed = true;
      out.push_back(std::move(f));
    }
    if (page.size() < kPage) break;
    if (!progressed) {
      truncated = true;
      break;
    }
    const Instant last = out.back().at;
    if (last != cursor) taken_at_cursor.clear();
    cursor = last;
    for (auto it = out.rbegin(); it != out.rend() && it->at == last; ++it) {
      taken_at_cursor.insert({it->case_no, it->seq});
    }
  }
  return out;
}


}  // namespace zhishen::server
