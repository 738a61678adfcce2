#include "catalogue.hpp"

namespace zhishen::server {
namespace {

int int_at(const json::Value& v, std::initializer_list<const char*> path, int fallback) {
  const json::Value* cur = &v;
  for (const char* k : path) {
    cur = cur->find(k);
    if (cur == nullptr) return fallback;
  }
  return cur->is_number() ? static_cast<int>(cur->as_number()) : fallback;
}

bool bool_at(const json::Value& v, std::initializer_list<const char*> path, bool fallback) {
  const json::Value* cur = &v;
  for (const char* k : path) {
    cur = cur->find(k);
    if (cur == nullptr) return fallback;
  }
  return cur->is_bool() ? cur->as_bool() : fallback;
}

}  // namespace

lifecycle::CaseTerms ItemCatalogue::terms_of(const json::Value& guide) {
  lifecycle::CaseTerms t;
  t.recheck_span_workdays = std::max(1, int_at(guide, {"smart_approval", "recheck_span_workdays"}, 1));
  t.commitment_span_workdays = std::max(1, int_at(guide, {"commitment_limit_workdays"}, 5));
  t.publicity_span_workdays = 7;  // 002 §8.4
  t.issues_certificate = json::string_at(guide, {"result", "type"}) == "e_certificate";
  t.publicity_required = bool_at(guide, {"smart_approval", "publicity_required"}, false);
  t.ban_on_false_information = bool_at(guide, {"smart_approval", "ban_on_false_information"}, false);
  return t;
}

Result<ItemCatalogue> ItemCatalogue::build(const std::vector<domain::ItemVersion>& active) {
  ItemCatalogue cat;
  for (const auto& v : active) {
    auto set = rules::load_rule_set(v.rules);
    if (!set) {
      return make_error("item.catalogue.invalid", "item " + v.item_code + " v" + std::to_string(v.version) + ": " +
                                                      set.error().id + ": " + set.error().message);
    }
    auto item = std::make_shared<CompiledItem>();
    item->version = v;
    item->rules = std::move(set).value();
    item->terms = terms_of(v.guide);
    item->auth_level = json::string_at(v.guide, {"smart_approval", "auth_level"});
    if (item->auth_level.empty()) item->auth_level = "none";
    if (const json::Value* pf = v.guide.find("precheck_fields"); pf != nullptr && pf->is_array()) {
      for (const auto& f : pf->as_array()) {
        if (f.is_string()) item->precheck_fields.push_back(f.as_string());
      }
    }
    item->name = v.name;
    item->department_code = v.department_code;
    item->smart_approval = bool_at(v.guide, {"smart_approval", "enabled"}, true);
    item->returns_originals = bool_at(v.guide, {"smart_approval", "return_originals", "required"}, false);
    item->return_instructions = json::string_at(v.guide, {"smart_approval", "return_originals", "instructions"});
    item->result_type = json::string_at(v.guide, {"result", "type"});
    cat.items_[v.item_code] = std::move(item);
  }
  return cat;
}

const CompiledItem* ItemCatalogue::find(const std::string& code) const {
  auto it = items_.find(code);
  return it == items_.end() ? nullptr : it->second.get();
}

}  // namespace zhishen::server
