#include "zhishen/items/guide_check.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "zhishen/json/parse.hpp"

namespace zhishen::items {
namespace {

namespace fs = std::filesystem;

json::Value load(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream buf;
  buf << in.rdbuf();
  return json::parse(buf.str()).value();
}

fs::path items_dir() { return fs::path(ZHISHEN_SOURCE_DIR) / "data" / "items"; }

json::Value first_item() {
  for (const auto& e : fs::directory_iterator(items_dir())) {
    if (fs::exists(e.path() / "item.json")) return load(e.path() / "item.json");
  }
  ADD_FAILURE() << "no shipped item";
  return {};
}

bool has(const std::vector<GuideIssue>& issues, const std::string& id, const std::string& field) {
  return std::find(issues.begin(), issues.end(), GuideIssue{id, field}) != issues.end();
}

TEST(GuideCheck, EveryShippedItemIsComplete) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(items_dir())) {
    if (!fs::exists(e.path() / "item.json")) continue;
    const auto issues = check_guide(load(e.path() / "item.json"));
    for (const auto& i : issues) ADD_FAILURE() << e.path().filename() << ": " << i.id << " " << i.field;
    ++n;
  }
  EXPECT_GE(n, 6);
}

TEST(GuideCheck, FlagsMissingFields) {
  json::Value item = first_item();
  auto& o = item.as_object();
  std::erase_if(o, [](const json::Member& m) { return m.first == "legal_basis" || m.first == "complaint_phone"; });
  item.set("acceptance_conditions", json::Array{});
  item.set("consultation_phone", "");
  const auto issues = check_guide(item);
  EXPECT_TRUE(has(issues, "item.guide.missing", "legal_basis"));
  EXPECT_TRUE(has(issues, "item.guide.missing", "complaint_phone"));
  EXPECT_TRUE(has(issues, "item.guide.missing", "acceptance_conditions"));
  EXPECT_TRUE(has(issues, "item.guide.missing", "consultation_phone"));
  EXPECT_EQ(issues.size(), 4u);
}

TEST(GuideCheck, FlagsInvalidValues) {
  json::Value item = first_item();
  item.set("type", "行政确认");
  item.set("statutory_limit_workdays", 3);
  item.set("commitment_limit_workdays", 5);
  json::Value sa = *item.find("smart_approval");
  sa.set("star_level", 6);
  sa.set("auth_level", "high");
  item.set("smart_approval", sa);
  json::Value dept = *item.find("department");
  dept.set("uscc", "91350100M000100Y44");
  item.set("department", dept);
  const auto issues = check_guide(item);
  EXPECT_TRUE(has(issues, "item.guide.invalid", "type"));
  EXPECT_TRUE(has(issues, "item.guide.invalid", "commitment_limit_workdays"));
  EXPECT_TRUE(has(issues, "item.guide.invalid", "smart_approval.star_level"));
  EXPECT_TRUE(has(issues, "item.guide.invalid", "smart_approval.auth_level"));
  EXPECT_TRUE(has(issues, "item.guide.invalid", "department.uscc"));
  EXPECT_FALSE(check_guide(json::Value(3)).empty());
}

}  // namespace
}  // namespace zhishen::items
