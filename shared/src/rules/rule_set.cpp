#include "zhishen/rules/rule_set.hpp"

#include <set>

#include "zhishen/json/parse.hpp"

namespace zhishen::rules {
namespace {

Error schema(const std::string& path, const std::string& what) {
  return make_error("rules.set.schema", what + " at " + path);
}

Result<std::string> text_field(const json::Value& obj, const char* name, const std::string& path, bool required) {
  const json::Value* v = obj.find(name);
  if (v == nullptr) {
    if (required) return schema(path, std::string("missing \"") + name + "\"");
    return std::string();
  }
  if (!v->is_string()) return schema(path + "." + name, "must be a string");
  return v->as_string();
}

Result<OnFail> parse_on_fail(const json::Value* v, Section section, const std::string& path) {
  if (v == nullptr) {
    if (section == Section::eligibility) return OnFail::ineligible;
    return schema(path, "missing \"on_fail\"");
  }
  if (!v->is_string()) return schema(path + ".on_fail", "must be a string");
  const std::string& s = v->as_string();
  OnFail f;
  if (s == "ineligible") f = OnFail::ineligible;
  else if (s == "reject") f = OnFail::reject;
  else if (s == "manual_review") f = OnFail::manual_review;
  else if (s == "warn") f = OnFail::warn;
  else return make_error("rules.set.on_fail", "unknown outcome \"" + s + "\" at " + path + ".on_fail");
  const bool allowed = (section == Section::eligibility && f == OnFail::ineligible) ||
                       (section == Section::review_points && (f == OnFail::reject || f == OnFail::manual_review)) ||
                       (section == Section::risk_prompts && (f == OnFail::warn || f == OnFail::manual_review));
  if (!allowed) {
    return make_error("rules.set.on_fail", "\"" + s + "\" is not allowed in " + std::string(to_string(section)) +
                                               " at " + path + ".on_fail");
  }
  return f;
}

Status load_section(const json::Value& doc, Section section, std::vector<Rule>& out, std::set<std::string>& ids) {
  const std::string name(to_string(section));
  const json::Value* list = doc.find(name);
  if (list == nullptr) return {};  // an empty section may be left out
  if (!list->is_array()) return schema("$." + name, "must be an array of rules");
  const auto& items = list->as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string path = "$." + name + "[" + std::to_string(i) + "]";
    const json::Value& r = items[i];
    if (!r.is_object()) return schema(path, "a rule must be an object");
    Rule rule;
    rule.section = section;
    auto id = text_field(r, "id", path, true);
    if (!id) return id.error();
    if (id->empty()) return schema(path + ".id", "must not be empty");
    if (!ids.insert(*id).second) return make_error("rules.set.duplicate_id", "rule id \"" + *id + "\" repeats at " + path);
    rule.id = *id;
    auto description = text_field(r, "description", path, true);
    if (!description) return description.error();
    rule.description = *description;
    auto legal = text_field(r, "legal_basis", path, false);
    if (!legal) return legal.error();
    rule.legal_basis = *legal;
    auto message = text_field(r, "message", path, false);
    if (!message) return message.error();
    rule.message = *message;
    auto on_fail = parse_on_fail(r.find("on_fail"), section, path);
    if (!on_fail) return on_fail.error();
    rule.on_fail = *on_fail;
    const json::Value* expr = r.find("expr");
    if (expr == nullptr) return schema(path, "missing \"expr\"");
    auto compiled = compile(*expr);
    if (!compiled) {
      // Re-root the compiler's path ($...) at the rule's expression.
      std::string message_text = compiled.error().message;
      const auto at = message_text.rfind(" at $");
      if (at != std::string::npos) message_text = message_text.substr(0, at) + " at " + path + ".expr" + message_text.substr(at + 5);
      return make_error(compiled.error().id, message_text);
    }
    rule.expr = std::move(compiled).value();
    out.push_back(std::move(rule));
  }
  return {};
}

}  // namespace

std::string_view to_string(Section s) {
  switch (s) {
    case Section::eligibility: return "eligibility";
    case Section::review_points: return "review_points";
    case Section::risk_prompts: return "risk_prompts";
  }
  return "review_points";
}

std::string_view to_string(OnFail f) {
  switch (f) {
    case OnFail::ineligible: return "ineligible";
    case OnFail::reject: return "reject";
    case OnFail::manual_review: return "manual_review";
    case OnFail::warn: return "warn";
  }
  return "reject";
}

Result<RuleSet> load_rule_set(const json::Value& doc) {
  if (!doc.is_object()) return schema("$", "a rule set must be a JSON object");
  RuleSet set;
  auto code = text_field(doc, "item_code", "$", true);
  if (!code) return code.error();
  set.item_code = *code;
  const json::Value* version = doc.find("version");
  if (version == nullptr || !version->is_number() || version->as_number() < 1 ||
      version->as_number() != static_cast<double>(static_cast<int>(version->as_number()))) {
    return schema("$.version", "\"version\" must be a whole number >= 1");
  }
  set.version = static_cast<int>(version->as_number());
  auto other = text_field(doc, "other_ways", "$", false);
  if (!other) return other.error();
  set.other_ways = *other;
  std::set<std::string> ids;
  for (auto [section, list] : {std::pair{Section::eligibility, &set.eligibility},
                               std::pair{Section::review_points, &set.review_points},
                               std::pair{Section::risk_prompts, &set.risk_prompts}}) {
    if (auto st = load_section(doc, section, *list, ids); !st) return st.error();
  }
  if (set.size() == 0) return schema("$", "a rule set needs at least one rule");
  set.source = doc;
  return set;
}

Result<RuleSet> load_rule_set_text(std::string_view json_text) {
  auto doc = json::parse(json_text);
  if (!doc) return doc.error();
  return load_rule_set(*doc);
}

}  // namespace zhishen::rules
