// Every case of the shared JsonLogic conformance suite (jsonlogic.com/tests.json, MIT), copied to
// tests/rules/jsonlogic-tests.json, must give the expected result.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "rules_test_support.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::rules {
namespace {

TEST(JsonLogicOfficialSuite, EveryCasePasses) {
  std::ifstream in(std::string(ZHISHEN_SOURCE_DIR) + "/tests/rules/jsonlogic-tests.json");
  ASSERT_TRUE(in);
  std::stringstream buf;
  buf << in.rdbuf();
  auto suite = json::parse(buf.str());
  ASSERT_TRUE(suite.ok());
  int cases = 0;
  std::string section;
  for (const auto& c : suite->as_array()) {
    if (c.is_string()) {
      section = c.as_string();
      continue;
    }
    const auto& t = c.as_array();
    ASSERT_EQ(t.size(), 3u);
    const std::string rule = json::to_json(t[0]);
    const std::string data = json::to_json(t[1]);
    const std::string expected = json::to_json(t[2]);
    EXPECT_EQ(testing::eval_text(rule, data), expected) << "section: " << section << "\nrule: " << rule
                                                         << "\ndata: " << data;
    ++cases;
  }
  EXPECT_GE(cases, 270);
}

}  // namespace
}  // namespace zhishen::rules
