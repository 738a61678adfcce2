// The red/yellow-light board (红黄灯) by department and item, and the overdue list.
#include <algorithm>
#include <charconv>

#include "case_view.hpp"
#include "permissions.hpp"
#include "supervision.hpp"

namespace zhishen::server {
namespace {

constexpr std::int64_t kDefaultLimit = 100;
constexpr std::int64_t kMaxLimit = 500;

Error bad(const std::string& param, const std::string& what) {
  return make_error("supervision.param.invalid", param + ": " + what);
}

// The department filter: the caller's own for reviewers and approvers whatever they ask; the asked
// one (or every department) for supervisors and admins.
Result<std::optional<std::string>> scope(const Principal& who, const std::map<std::string, std::string>& query,
                                         std::initializer_list<const char*> others) {
  std::optional<std::string> department;
  for (const auto& [key, value] : query) {
    if (key == "department") {
      if (value.empty() || value.size() > 64) return bad(key, "a department code");
      department = value;
    } else if (std::none_of(others.begin(), others.end(), [&](const char* k) { return key == k; })) {
      return bad(key, "unknown parameter");
    }
  }
  if (auto own = department_scope(who)) department = *own;
  return department;
}

struct Counts {
  std::int64_t green = 0, yellow = 0, red = 0;
  void add(calendar::Light l, std::int64_t n) {
    (l == calendar::Light::red ? red : l == calendar::Light::yellow ? yellow : green) += n;
  }
  void into(json::Object& o) const {
    o.emplace_back("green", green);
    o.emplace_back("yellow", yellow);
    o.emplace_back("red", red);
  }
};

struct Tile {
  std::string name;
  Counts total;
  std::map<std::string, Counts> items;  // by item code
};

}  // namespace

Result<json::Value> supervision_board(ServerContext& ctx, const Principal& who,
                                      const std::map<std::string, std::string>& query) {
  if (auto st = require(who, Permission::query); !st) return st.error();
  auto department = scope(who, query, {});
  if (!department) return department.error();
  const Instant now = ctx.now();
  auto catalogue = ctx.catalogue();
  std::map<std::string, Tile> tiles;  // by department code
  json::Array outside;                 // 体外循环: work that bypassed the system
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    tiles.clear();
    outside.clear();
    for (const auto& i : tx.supervision().irregularities(100)) {
      if (*department && i.department_code != **department) continue;
      outside.push_back(json::Object{{"kind", i.kind}, {"ref", i.ref}, {"department", i.department_code}});
    }
    for (const auto& d : tx.directory().departments()) {
      if (!*department || d.code == **department) tiles[d.code].name = d.name;
    }
    if (*department) tiles.try_emplace(**department);  // an unknown code shows as an empty tile
    // Every active item of a shown department has a line, with zeros when it has no open case.
    for (const auto& [code, item] : catalogue->items()) {
      if (auto it = tiles.find(item->department_code); it != tiles.end()) it->second.items.try_emplace(code);
    }
    for (const auto& c : tx.cases().light_counts(*department, now)) {
      Tile& tile = tiles[c.department_code];
      tile.total.add(c.light, c.count);
      tile.items[c.item_code].add(c.light, c.count);
    }
    return {};
  });
  if (!st) return st.error();
  json::Array out;
  for (const auto& [code, tile] : tiles) {
    json::Array items;
    for (const auto& [item_code, counts] : tile.items) {
      const CompiledItem* item = catalogue->find(item_code);
      json::Object line{{"item_code", item_code}, {"item_name", item != nullptr ? item->name : std::string()}};
      counts.into(line);
      items.push_back(std::move(line));
    }
    json::Object t{{"department", code}, {"department_name", tile.name}};
    tile.total.into(t);
    t.emplace_back("items", std::move(items));
    out.push_back(std::move(t));
  }
  return json::Value(json::Object{{"tiles", std::move(out)},
                                  {"outside_system", std::move(outside)},
                                  {"generated_at", format_instant(now, UtcOffset{})}});
}

Result<json::Value> overdue_cases(ServerContext& ctx, const Principal& who,
                                  const std::map<std::string, std::string>& query) {
  if (auto st = require(who, Permission::query); !st) return st.error();
  auto department = scope(who, query, {"limit"});
  if (!department) return department.error();
  std::int64_t limit = kDefaultLimit;
  if (auto it = query.find("limit"); it != query.end()) {
    const std::string& v = it->second;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), limit);
    if (v.empty() || ec != std::errc() || p != v.data() + v.size() || limit < 1 || limit > kMaxLimit) {
      return bad("limit", "1 to 500");
    }
  }
  const Instant now = ctx.now();
  auto catalogue = ctx.catalogue();
  // Red: the earliest running deadline is at or before now (due_at < now + 1 s at second precision).
  ports::InboxQuery q;
  q.department_code = *department;
  q.due_before = now + std::chrono::seconds{1};
  q.limit = static_cast<std::size_t>(limit);
  json::Array cases;
  std::int64_t total = 0;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    cases.clear();
    std::map<std::string, std::string> open_tickets;  // case -> its unclosed ticket
    for (const char* state : {"open", "answered"}) {
      for (const auto& t : tx.supervision().tickets(*department, std::string(state))) {
        open_tickets[t.case_no] = t.ticket_no;
      }
    }
    for (const auto& s : tx.cases().inbox(q)) {
      if (!s.due_at) continue;
      json::Value line = summary_json(s);
      const CompiledItem* item = catalogue->find(s.item_code);
      line.set("item_name", item != nullptr ? item->name : std::string());
      line.set("light", "red");
      line.set("overdue_minutes", std::chrono::duration_cast<std::chrono::minutes>(now - *s.due_at).count());
      auto t = open_tickets.find(s.case_no);
      line.set("ticket_no", t != open_tickets.end() ? json::Value(t->second) : json::Value(nullptr));
      cases.push_back(std::move(line));
    }
    total = tx.cases().count(q);
    return {};
  });
  if (!st) return st.error();
  return json::Value(json::Object{
      {"cases", std::move(cases)}, {"total", total}, {"generated_at", format_instant(now, UtcOffset{})}});
}

}  // namespace zhishen::server
