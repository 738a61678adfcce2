// GET /api/v1/inbox: the query parameters checked one by one (inbox.param.invalid names the
// parameter), the caller's department scope imposed whatever they ask, the page sorted by
// deadline, the total and the count of each light under the same filters.
#include <charconv>

#include "case_view.hpp"
#include "casework.hpp"
#include "zhishen/certificates/certificate.hpp"

namespace zhishen::server {
namespace {

constexpr std::size_t kMaxLimit = 500;

Error bad(const std::string& param, const std::string& what) {
  return make_error("inbox.param.invalid", param + ": " + what);
}

std::optional<std::int64_t> whole_number(const std::string& text) {
  std::int64_t v = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || p != end || v < 0) return std::nullopt;
  return v;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    out.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

bool flag_name(const std::string& s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::optional<calendar::Light> parse_light(const std::string& s) {
  for (auto l : {calendar::Light::green, calendar::Light::yellow, calendar::Light::red}) {
    if (calendar::to_string(l) == s) return l;
  }
  return std::nullopt;
}

Result<ports::InboxQuery> parse_query(const Principal& who, const std::map<std::string, std::string>& query) {
  ports::InboxQuery q;
  for (const auto& [key, value] : query) {
    if (key == "state") {
      for (const auto& name : split(value)) {
        auto s = lifecycle::parse_state(name);
        if (!s) return bad(key, "unknown state '" + name + "'");
        q.states.push_back(*s);
      }
    } else if (key == "item") {
      if (value.empty() || value.size() > 64) return bad(key, "an item code");
      q.item_code = value;
    } else if (key == "light") {
      q.light = parse_light(value);
      if (!q.light) return bad(key, "green, yellow or red");
    } else if (key == "due_before") {
      auto t = parse_instant(value);
      if (!t) return bad(key, "an RFC 3339 time with offset, e.g. 2024-02-09T17:00:00+08:00");
      q.due_before = *t;
    } else if (key == "assignee") {
      if (value == "me") {
        q.assignee_id = who.staff.id;
      } else if (value == "none") {
        q.unassigned_only = true;
      } else if (auto id = whole_number(value)) {
        q.assignee_id = *id;
      } else {
        return bad(key, "me, none or a staff id");
      }
    } else if (key == "flagged") {
      if (!flag_name(value)) return bad(key, "a flag, e.g. duplicate_channel or risk_warning");
      q.flagged = value;
    } else if (key == "department") {
      if (value.empty() || value.size() > 64) return bad(key, "a department code");
      q.department_code = value;
    } else if (key == "limit") {
      auto n = whole_number(value);
      if (!n || *n < 1 || *n > static_cast<std::int64_t>(kMaxLimit)) return bad(key, "1 to 500");
      q.limit = static_cast<std::size_t>(*n);
    } else if (key == "offset") {
      auto n = whole_number(value);
      if (!n) return bad(key, "a whole number from 0");
      q.offset = static_cast<std::size_t>(*n);
    } else if (key == "q") {
      if (value.empty() || value.size() > 64) return bad(key, "a case number, an ID number or a certificate number");
      q.search = certificates::case_number_of(value).value_or(value);  // a certificate number names its case
    } else if (key == "sort") {
      if (value != "due_at") return bad(key, "due_at (the nearest deadline first) is the only order");
    } else {
      return bad(key, "unknown parameter");
    }
  }
  // Reviewers and approvers see their own department whatever they ask; supervisors choose.
  if (auto scope = department_scope(who)) q.department_code = *scope;
  return q;
}

}  // namespace

Result<json::Value> inbox(ServerContext& ctx, const Principal& who, const std::map<std::string, std::string>& query) {
  if (auto st = require(who, Permission::query); !st) return st.error();
  auto q = parse_query(who, query);
  if (!q) return q.error();
  json::Value out;
  auto catalogue = ctx.catalogue();
  const Instant now = ctx.now();
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    json::Array cases;
    for (const auto& s : tx.cases().inbox(*q)) {
      json::Value line = summary_json(s);
      const CompiledItem* item = catalogue->find(s.item_code);
      line.set("item_name", item != nullptr ? item->name : std::string());
      line.set("working_minutes_left", working_minutes_left(ctx, s.due_at, now));
      cases.push_back(std::move(line));
    }
    const std::int64_t total = tx.cases().count(*q);
    json::Object counts;
    ports::InboxQuery by_light = *q;
    for (auto l : {calendar::Light::green, calendar::Light::yellow, calendar::Light::red}) {
      by_light.light = l;
      counts.emplace_back(std::string(calendar::to_string(l)), tx.cases().count(by_light));
    }
    out = json::Object{{"cases", std::move(cases)},
                       {"total", total},
                       {"workday_minutes", workday_minutes(ctx)},
                       {"counts", std::move(counts)},
                       {"limit", q->limit},
                       {"offset", q->offset}};
    return {};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace zhishen::server
