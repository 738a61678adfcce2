// JavaScript corners of json-logic-js: each line of data/js_corners.jsonl is [rule, data, expected],
// expected being the text JSON.stringify printed for json-logic-js 2.0.5's result under Node 20 (truthiness, loose equality,
// relational comparison of arrays and strings, parseFloat vs Number, JS number printing, UTF-16
// string lengths and substr, var on arrays and strings, missing, reduce, merge...).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "rules_test_support.hpp"
#include "zhishen/json/write.hpp"
#include "zhishen/rules/js.hpp"

namespace zhishen::rules {
namespace {

TEST(JsSemantics, CornersMatchJsonLogicJs) {
  std::ifstream in(std::string(ZHISHEN_SOURCE_DIR) + "/tests/shared/rules/data/js_corners.jsonl");
  ASSERT_TRUE(in);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    auto c = json::parse(line);
    ASSERT_TRUE(c.ok()) << line;
    const auto& t = c->as_array();
    EXPECT_EQ(testing::eval_text(json::to_json(t[0]), json::to_json(t[1])), t[2].as_string()) << line;
    ++n;
  }
  EXPECT_GE(n, 100);
}

TEST(JsSemantics, StringToNumber) {
  EXPECT_EQ(js::string_to_number(""), 0);
  EXPECT_EQ(js::string_to_number(" \t\n 12 \u3000"), 12);
  EXPECT_EQ(js::string_to_number("0x1F"), 31);
  EXPECT_EQ(js::string_to_number("0b101"), 5);
  EXPECT_EQ(js::string_to_number("0o17"), 15);
  EXPECT_EQ(js::string_to_number("-Infinity"), -INFINITY);
  EXPECT_EQ(js::string_to_number(".5"), 0.5);
  EXPECT_EQ(js::string_to_number("5."), 5);
  EXPECT_TRUE(std::isnan(js::string_to_number("-0x10")));
  EXPECT_TRUE(std::isnan(js::string_to_number("1_000")));
  EXPECT_TRUE(std::isnan(js::string_to_number(".")));
  EXPECT_TRUE(std::isnan(js::string_to_number("infinity")));
  EXPECT_TRUE(std::isnan(js::string_to_number("12px")));
}

TEST(JsSemantics, ParseFloatTakesTheLongestPrefix) {
  EXPECT_EQ(js::parse_float(Val::string_ref("12px")), 12);
  EXPECT_EQ(js::parse_float(Val::string_ref("  -.5e1x")), -5);
  EXPECT_EQ(js::parse_float(Val::string_ref("1e")), 1);
  EXPECT_EQ(js::parse_float(Val::string_ref("0x10")), 0);
  EXPECT_TRUE(std::isnan(js::parse_float(Val::string_ref(""))));
  EXPECT_TRUE(std::isnan(js::parse_float(Val::null())));
  EXPECT_TRUE(std::isnan(js::parse_float(Val::boolean(true))));
}

TEST(JsSemantics, Utf16Strings) {
  EXPECT_EQ(js::utf16_length("中文"), 2u);
  EXPECT_EQ(js::utf16_length("\xF0\x9F\x98\x80"), 2u);  // U+1F600 is a surrogate pair
  EXPECT_LT(js::compare_utf16("\xF0\x9F\x98\x80", "\xEF\xBF\xBF"), 0);  // D83D < FFFF in UTF-16 order
  EXPECT_GT(js::compare_utf16("b", "abc"), 0);
  EXPECT_EQ(js::compare_utf16("abc", "abc"), 0);
  // Cutting a surrogate pair leaves a lone surrogate, printed as JSON.stringify prints it.
  const std::string half = js::utf16_slice("\xF0\x9F\x98\x80", 0, 1);
  std::string out;
  json::append_quoted(out, half);
  EXPECT_EQ(out, "\"\\ud83d\"");
}

}  // namespace
}  // namespace zhishen::rules
