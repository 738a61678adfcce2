#include "zhishen/json/parse.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "zhishen/json/write.hpp"

namespace zhishen::json {
namespace {

std::string error_id(std::string_view text) {
  auto r = parse(text);
  return r.ok() ? std::string("ok") : r.error().id;
}

TEST(JsonParse, ScalarsAndContainers) {
  auto v = parse(R"( {"a": [1, 2.5, -0.125e2, true, false, null], "b": {"c": "d"}} )");
  ASSERT_TRUE(v.ok()) << v.error().message;
  const auto& a = v->find("a")->as_array();
  ASSERT_EQ(a.size(), 6u);
  EXPECT_EQ(a[0].as_number(), 1);
  EXPECT_EQ(a[1].as_number(), 2.5);
  EXPECT_EQ(a[2].as_number(), -12.5);
  EXPECT_TRUE(a[3].as_bool());
  EXPECT_FALSE(a[4].as_bool());
  EXPECT_TRUE(a[5].is_null());
  EXPECT_EQ(v->find("b")->find("c")->as_string(), "d");
  EXPECT_EQ(v->find("missing"), nullptr);
}

TEST(JsonParse, StringEscapesAndUtf8) {
  auto v = parse(R"(["\"\\\/\b\f\n\r\t", "\u4e2d\u6587", "中文", "\ud83d\ude00"])");
  ASSERT_TRUE(v.ok()) << v.error().message;
  const auto& a = v->as_array();
  EXPECT_EQ(a[0].as_string(), "\"\\/\b\f\n\r\t");
  EXPECT_EQ(a[1].as_string(), "中文");
  EXPECT_EQ(a[2].as_string(), "中文");
  EXPECT_EQ(a[3].as_string(), "\xF0\x9F\x98\x80");
}

TEST(JsonParse, DuplicateKeyKeepsFirstPositionAndLastValue) {
  auto v = parse(R"({"a":1,"b":2,"a":3})");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(to_json(*v), R"({"a":3,"b":2})");
}

TEST(JsonParse, HugeNumbersBecomeInfinityLikeJsonParse) {
  auto v = parse("[1e400, -1e400, 1e-400]");
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(std::isinf(v->as_array()[0].as_number()));
  EXPECT_LT(v->as_array()[1].as_number(), 0);
  EXPECT_EQ(v->as_array()[2].as_number(), 0);
}

TEST(JsonParse, SyntaxErrorsHaveStableIds) {
  for (const char* bad : {"", " ", "{", "[1,]", "[1 2]", "{\"a\" 1}", "{a:1}", "01", "1.", "-", ".5", "1e",
                          "+1", "tru", "nul", "[1]x", "'a'", "\"abc", "{\"a\":1,}", "NaN", "Infinity"}) {
    EXPECT_EQ(error_id(bad), "json.parse.syntax") << bad;
  }
}

TEST(JsonParse, StringErrorsHaveStableIds) {
  EXPECT_EQ(error_id("\"\\x\""), "json.parse.string");
  EXPECT_EQ(error_id("\"\\u12\""), "json.parse.string");
  EXPECT_EQ(error_id("\"\\ud800\""), "json.parse.string");
  EXPECT_EQ(error_id("\"\\udc00\""), "json.parse.string");
  EXPECT_EQ(error_id("\"\\ud800\\u0041\""), "json.parse.string");
  EXPECT_EQ(error_id("\"a\nb\""), "json.parse.string");
  EXPECT_EQ(error_id("\"\xff\""), "json.parse.utf8");
  EXPECT_EQ(error_id("\"\xe4\xb8\""), "json.parse.utf8");          // truncated sequence
  EXPECT_EQ(error_id("\"\xc0\xaf\""), "json.parse.utf8");          // overlong
  EXPECT_EQ(error_id("\"\xed\xa0\x80\""), "json.parse.utf8");      // encoded surrogate
}

TEST(JsonParse, DepthIsLimitedNotAStackOverflow) {
  std::string deep(100000, '[');
  EXPECT_EQ(error_id(deep), "json.parse.depth");
  std::string ok_depth = std::string(kMaxDepth, '[') + std::string(kMaxDepth, ']');
  EXPECT_EQ(error_id(ok_depth), "ok");
}

TEST(JsonParse, EveryPrefixOfAValidDocumentFailsCleanly) {
  const std::string doc = R"({"名称":"食品经营","n":[1,-2.5e3,{"x":null}],"t":true,"s":"\u00e9\n"})";
  ASSERT_TRUE(parse(doc).ok());
  for (std::size_t i = 0; i < doc.size(); ++i) {
    auto r = parse(std::string_view(doc).substr(0, i));
    EXPECT_FALSE(r.ok()) << i;
  }
}

}  // namespace
}  // namespace zhishen::json
