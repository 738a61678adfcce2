#pragma once
// ItemCatalogue: the active version of every item, its rule set compiled and its case terms
// (deadlines, certificate, publicity, ban) read from the guide — what the channel API decides with.
// Built from the store's active item versions at start and after an activation.
//
// Ownership: immutable once built; shared through a Snapshot. Thread-safety: const access from any
// thread.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "zhishen/core/error.hpp"
#include "zhishen/domain/records.hpp"
#include "zhishen/lifecycle/case_record.hpp"
#include "zhishen/rules/rule_set.hpp"

namespace zhishen::server {

struct CompiledItem {
  domain::ItemVersion version;
  rules::RuleSet rules;
  lifecycle::CaseTerms terms;
  std::string auth_level;                   // none | primary | mid_high
  std::vector<std::string> precheck_fields;  // "form.xxx" paths the pre-check may read
  std::string name;
  std::string department_code;
  bool smart_approval = true;
  bool returns_originals = false;
  std::string return_instructions;
  std::string result_type;  // e_certificate | approval_document | none
};

class ItemCatalogue {
 public:
  // item.catalogue.invalid when a version's rule set does not load (names the item).
  static Result<ItemCatalogue> build(const std::vector<domain::ItemVersion>& active);
  const CompiledItem* find(const std::string& code) const;
  const std::map<std::string, std::shared_ptr<const CompiledItem>>& items() const { return items_; }

  // The case terms an item's guide implies (also used when importing).
  static lifecycle::CaseTerms terms_of(const json::Value& guide);

 private:
  std::map<std::string, std::shared_ptr<const CompiledItem>> items_;
};

}  // namespace zhishen::server
