// Catalogue administration, items and rule-set versions: list, read, add a draft, test bench,
// activate. The calendar and the datasets are in catalogue_admin_data.cpp.
#include "catalogue_admin.hpp"

#include <map>
#include <mutex>

#include "../catalogue.hpp"
#include "admin_support.hpp"
#include "zhishen/items/guide_check.hpp"
#include "zhishen/rules/decision.hpp"
#include "zhishen/rules/rule_set.hpp"

namespace zhishen::server {
namespace {

std::mutex catalogue_reload_mu;  // activation: store change + catalogue snapshot, one at a time

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

std::size_t rule_count(const json::Value& rules) {
  std::size_t n = 0;
  for (const char* section : {"eligibility", "review_points", "risk_prompts"}) {
    const json::Value* s = rules.find(section);
    if (s != nullptr && s->is_array()) n += s->as_array().size();
  }
  return n;
}

json::Value version_summary(const domain::ItemVersion& v) {
  return json::Object{{"version", v.version},
                      {"status", v.status},
                      {"name", v.name},
                      {"department_code", v.department_code},
                      {"rules", rule_count(v.rules)},
                      {"created_at", format_instant(v.created_at, UtcOffset{})},
                      {"created_by", v.created_by}};
}

// The guide's own problems (办事指南自查) plus what the server needs of it.
std::vector<items::GuideIssue> guide_issues(const std::string& code, const json::Value& guide) {
  auto issues = items::check_guide(guide);
  const json::Value* gcode = guide.find("code");
  if (gcode != nullptr && gcode->is_string() && gcode->as_string() != code) issues.push_back({"item.guide.invalid", "code"});
  const json::Value* name = guide.find("name");
  if (name != nullptr && name->is_string() && utf8_length(name->as_string()) > 200) {
    issues.push_back({"item.guide.invalid", "name"});
  }
  return issues;
}

AdminAnswer guide_refusal(const std::vector<items::GuideIssue>& issues) {
  bool missing = false;
  json::Array list;
  std::string fields;
  for (const auto& i : issues) {
    missing = missing || i.id == "item.guide.missing";
    list.push_back(json::Object{{"id", i.id}, {"field", i.field}});
    fields += (fields.empty() ? "" : ", ") + i.field;
  }
  const std::string id = missing ? "item.guide.missing" : "item.guide.invalid";
  return error_answer(make_error(id, "the guide is incomplete or invalid (办事指南自查): " + fields),
                      json::Object{{"issues", std::move(list)}});
}

}  // namespace

Result<AdminAnswer> list_items(ServerContext& ctx) {
  std::vector<domain::ItemVersion> versions;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    versions = tx.catalogue().item_versions("");
    return {};
  });
  std::map<std::string, std::vector<const domain::ItemVersion*>> by_code;
  for (const auto& v : versions) by_code[v.item_code].push_back(&v);
  json::Array items;
  for (const auto& [code, list] : by_code) {
    const domain::ItemVersion* active = nullptr;
    json::Array drafts;
    for (const auto* v : list) {
      if (v->status == "active") active = v;
      if (v->status == "draft") drafts.push_back(version_summary(*v));
    }
    const domain::ItemVersion* shown = active != nullptr ? active : list.back();
    items.push_back(json::Object{{"code", code},
                                 {"name", shown->name},
                                 {"department_code", shown->department_code},
                                 {"active", active != nullptr ? version_summary(*active) : json::Value()},
                                 {"drafts", std::move(drafts)},
                                 {"latest_version", list.back()->version}});
  }
  return AdminAnswer{200, json::Object{{"items", std::move(items)}}};
}

Result<AdminAnswer> list_item_versions(ServerContext& ctx, const std::string& code) {
  std::vector<domain::ItemVersion> versions;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    versions = tx.catalogue().item_versions(code);
    return {};
  });
  if (versions.empty()) return make_error("item.not_found", "no item " + code);
  json::Array out;
  for (const auto& v : versions) out.push_back(version_summary(v));
  return AdminAnswer{200, json::Object{{"code", code}, {"versions", std::move(out)}}};
}

Result<AdminAnswer> get_item_version(ServerContext& ctx, const std::string& code, const std::string& version) {
  auto v = load_version(ctx, code, version);
  if (!v) return v.error();
  json::Value body = version_summary(*v);
  body.set("code", code);
  body.set("guide", v->guide);
  body.set("rules", v->rules);
  return AdminAnswer{200, std::move(body)};
}

Result<AdminAnswer> create_item_version(ServerContext& ctx, const Principal& who, const std::string& code,
                                        const json::Value& body) {
  if (!valid_code(code)) return make_error("item.code.invalid", "an item code is 1-64 letters, digits, '-', '_' or '.'");
  const json::Value* guide_in = body.find("guide");
  const json::Value* rules_in = body.find("rules");
  if (guide_in == nullptr || !guide_in->is_object() || rules_in == nullptr || !rules_in->is_object()) {
    return make_error("item.version.schema", "the body needs \"guide\" (the item.json object) and \"rules\" (object)");
  }
  if (auto issues = guide_issues(code, *guide_in); !issues.empty()) return guide_refusal(issues);
  json::Value rules = *rules_in;
  rules.set("version", 1);  // numbered below; any number loads the same
  auto set = rules::load_rule_set(rules);
  if (!set) return error_answer(set.error(), json_path_of(set.error()));
  if (set->item_code != code) {
    return make_error("item.rules.mismatch", "the rule set's item_code " + set->item_code + " is not " + code);
  }
  json::Value guide = *guide_in;
  const std::string dept = guide.find("department")->find("code")->as_string();  // present: check_guide
  const std::string name = guide.find("name")->as_string();
  int version = 0;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    if (!tx.directory().department(dept)) {
      return make_error("item.department.unknown", "department " + dept + " is not in the directory; add it first");
    }
    const auto existing = tx.catalogue().item_versions(code);
    version = existing.empty() ? 1 : existing.back().version + 1;
    json::Value numbered_rules = rules;
    numbered_rules.set("version", version);
    json::Value numbered_guide = guide;
    if (const json::Value* sa = guide.find("smart_approval"); sa != nullptr && sa->is_object()) {
      json::Value s = *sa;
      s.set("ruleset_version", version);
      numbered_guide.set("smart_approval", std::move(s));
    }
    domain::ItemVersion v{code, version, dept, name, numbered_guide, numbered_rules, "draft", ctx.now(), actor_of(who)};
    if (auto s = tx.catalogue().put_item_version(v); !s) return s;
    audit(tx, ctx, who, "item.version.create", "item:" + code,
          json::Object{{"version", version}, {"rules", static_cast<double>(set->size())}});
    return {};
  });
  if (!st) return st.error();
  return AdminAnswer{201, json::Object{{"code", code},
                                       {"version", version},
                                       {"status", "draft"},
                                       {"name", name},
                                       {"department_code", dept},
                                       {"rules", static_cast<double>(set->size())}}};
}

Result<AdminAnswer> test_item_version(ServerContext& ctx, const std::string& code, const std::string& version,
                                      const json::Value& body) {
  auto v = load_version(ctx, code, version);
  if (!v) return v.error();
  auto set = rules::load_rule_set(v->rules);
  if (!set) return error_answer(set.error(), json_path_of(set.error()));
  const json::Value* cases = body.find("cases");
  if (cases == nullptr || !cases->is_array() || cases->as_array().empty()) {
    return make_error("bench.cases.missing",
                      "give the sample cases to run: {\"cases\": [{\"expected\": ..., \"application\": {...}}, ...]}");
  }
  auto cal = ctx.calendar();
  auto shared = ctx.shared_data();
  rules::EvalEnv env;
  env.now = ctx.now();
  env.calendar = cal.get();
  env.shared_data = shared.get();
  rules::Evaluator ev(env);
  rules::DecisionOptions options;
  options.time_budget = ctx.config().decision_budget;
  int passed = 0, failed = 0, errors = 0;
  json::Array results;
  std::size_t i = 0;
  for (const auto& c : cases->as_array()) {
    const json::Value* name = c.find("name");
    json::Object r{{"name", name != nullptr && name->is_string() ? name->as_string() : "cases[" + std::to_string(i) + "]"}};
    ++i;
    const json::Value* expected = c.find("expected");
    const json::Value* application = c.find("application");
    std::optional<rules::Outcome> want;
    if (expected != nullptr && expected->is_string()) want = rules::parse_outcome(expected->as_string());
    if (!want || application == nullptr || !application->is_object()) {
      ++errors;
      r.emplace_back("result", "ERROR");
      r.emplace_back("error", json::Object{{"id", "rules.case.schema"},
                                           {"message", "needs \"expected\" (approved|rejected|manual_review|ineligible) "
                                                       "and \"application\" (object)"}});
      results.push_back(std::move(r));
      continue;
    }
    const auto d = rules::decide(*set, *application, ev, options);
    const bool pass = d.outcome == *want;
    (pass ? passed : failed) += 1;
    json::Array deciding, warnings;
    for (const auto& reason : d.reasons) deciding.push_back(reason.rule_id);
    for (const auto& w : d.warnings) warnings.push_back(w.rule_id);
    r.emplace_back("result", pass ? "PASS" : "FAIL");
    r.emplace_back("expected", std::string(rules::to_string(*want)));
    r.emplace_back("got", std::string(rules::to_string(d.outcome)));
    r.emplace_back("deciding_rules", std::move(deciding));
    r.emplace_back("warnings", std::move(warnings));
    json::Array ids(d.error_ids.begin(), d.error_ids.end());
    r.emplace_back("error_ids", std::move(ids));
    results.push_back(std::move(r));
  }
  return AdminAnswer{200, json::Object{{"code", code},
                                       {"version", v->version},
                                       {"passed", passed},
                                       {"failed", failed},
                                       {"errors", errors},
                                       {"all_passed", failed == 0 && errors == 0},
                                       {"results", std::move(results)}}};
}

Result<AdminAnswer> activate_item_version(ServerContext& ctx, const Principal& who, const std::string& code,
                                          const std::string& version) {
  auto v = load_version(ctx, code, version);
  if (!v) return v.error();
  std::lock_guard lock(catalogue_reload_mu);
  std::shared_ptr<const ItemCatalogue> built;
  std::optional<int> previous;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    previous.reset();
    if (auto a = tx.catalogue().active_item(code)) previous = a->version;
    if (auto s = tx.catalogue().activate_item_version(code, v->version); !s) return s;
    auto cat = ItemCatalogue::build(tx.catalogue().active_items());
    if (!cat) return cat.error();  // never leave a catalogue the server cannot load
    built = std::make_shared<const ItemCatalogue>(std::move(cat).value());
    audit(tx, ctx, who, "item.version.activate", "item:" + code,
          json::Object{{"version", v->version}, {"previous", previous ? json::Value(*previous) : json::Value()}});
    return {};
  });
  if (!st) return st.error();
  ctx.set_catalogue(std::move(built));
  return AdminAnswer{200, json::Object{{"code", code},
                                       {"version", v->version},
                                       {"status", "active"},
                                       {"previous_version", previous ? json::Value(*previous) : json::Value()}}};
}

}  // namespace zhishen::server
