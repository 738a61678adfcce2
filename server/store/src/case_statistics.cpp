// The case queries of supervision and statistics (CaseRepo::light_counts, events_between): grouped
// counts for the board and the transitions of a period with the facts of their cases. Both walk an
// index range (cases_due / cases_inbox on due_at; case_events_action on (action, at)).
// Thread-safety: as the SqlCaseRepo (one transaction's thread).
#include "sql_repos.hpp"

namespace zhishen::store {

std::vector<ports::LightCount> SqlCaseRepo::light_counts(const std::optional<std::string>& department_code,
                                                         Instant now) {
  // Paused clocks and closed cases carry kNoDeadline, so "due_at < kNoDeadline" is every case with
  // a running deadline. The light is grouped in an outer query (portable GROUP BY).
  std::string sql =
      "SELECT d, i, l, COUNT(*) FROM (SELECT department_code AS d, item_code AS i,"
      " CASE WHEN due_at <= ? THEN 'red' WHEN yellow_at IS NOT NULL AND yellow_at <= ? THEN 'yellow'"
      " ELSE 'green' END AS l FROM cases WHERE ";
  std::vector<SqlValue> params{sql_instant(now), sql_instant(now)};
  if (department_code) {
    sql += "department_code = ? AND ";
    params.emplace_back(*department_code);
  }
  sql += "due_at < ?) x GROUP BY d, i, l ORDER BY d, i, l";
  params.emplace_back(kNoDeadline);
  std::vector<ports::LightCount> out;
  for (const auto& r : c_.query(sql, params)) {
    out.push_back(ports::LightCount{r.text(0), r.text(1), parse_light(r.text(2)), r.int64(3)});
  }
  return out;
}

std::vector<ports::EventFact> SqlCaseRepo::events_between(const std::vector<lifecycle::Action>& actions, Instant from,
                                                          Instant until,
                                                          const std::optional<std::string>& department_code,
                                                          std::size_t limit) {
  std::vector<ports::EventFact> out;
  if (actions.empty()) return out;
  std::string sql =
      "SELECT e.case_no, e.seq, e.action, e.at, p.action, p.at, c.department_code, c.item_code, c.submitted_at,"
      " c.clocks_json FROM case_events e JOIN cases c ON c.case_no = e.case_no"
      " LEFT JOIN case_events p ON p.case_no = e.case_no AND p.seq = e.seq - 1 WHERE e.action IN (";
  std::vector<SqlValue> params;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    sql += i ? ",?" : "?";
    params.emplace_back(std::string(lifecycle::to_string(actions[i])));
  }
  sql += ") AND e.at >= ? AND e.at < ?";
  params.emplace_back(sql_instant(from));
  params.emplace_back(sql_instant(until));
  if (department_code) {
    sql += " AND c.department_code = ?";
    params.emplace_back(*department_code);
  }
  sql += " ORDER BY e.at, e.case_no, e.seq LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  for (const auto& r : c_.query(sql, params)) {
    ports::EventFact f;
    f.case_no = r.text(0);
    f.seq = r.int64(1);
    f.action = stored_enum<lifecycle::Action>(r.text(2), lifecycle::parse_action, "action");
    f.at = instant_of(r.int64(3));
    if (auto a = r.opt_text(4)) {
      f.previous_action = stored_enum<lifecycle::Action>(*a, lifecycle::parse_action, "action");
    }
    f.previous_at = opt_instant(r, 5);
    f.department_code = r.text(6);
    f.item_code = r.text(7);
    f.submitted_at = instant_of(r.int64(8));
    f.clocks = parse_clocks(r.text(9));
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace zhishen::store
