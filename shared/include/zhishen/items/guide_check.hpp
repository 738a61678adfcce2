#pragma once
// Guide self-check (办事指南自查, 004 §2(3)): which required fields of an item's guide
// (data/items/<code>/item.json, docs/items.md) are missing or invalid.
//
// Issue ids: item.guide.missing (absent or empty), item.guide.invalid (wrong type or value, e.g. a
// commitment limit longer than the statutory limit, an invalid department credit code).
//
// Thread-safety: pure function.

#include <string>
#include <vector>

#include "zhishen/json/value.hpp"

namespace zhishen::items {

struct GuideIssue {
  std::string id;     // item.guide.missing | item.guide.invalid
  std::string field;  // dotted path, e.g. "smart_approval.star_level", "materials[2].name"
  friend bool operator==(const GuideIssue&, const GuideIssue&) = default;
};

std::vector<GuideIssue> check_guide(const json::Value& item);

}  // namespace zhishen::items
