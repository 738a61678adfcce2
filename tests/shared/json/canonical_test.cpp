// Canonical JSON (RFC 8785): member order by UTF-16 code units (the RFC's own sorting example),
// number and string forms as JSON.stringify, nesting, and no form for non-finite numbers.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "zhishen/json/canonical.hpp"
#include "zhishen/json/parse.hpp"

namespace zhishen::json {
namespace {

std::string canon(std::string_view text) {
  auto v = parse(text);
  EXPECT_TRUE(v.ok()) << text;
  auto c = canonical(*v);
  EXPECT_TRUE(c.ok());
  return c.ok() ? *c : std::string();
}

TEST(Canonical, SortsMembersByUtf16CodeUnitsAsRfc8785Section323) {
  // RFC 8785 §3.2.3: "\u20ac" (Euro), "\r", "\ufb33" (Hebrew), "1", "\ud83d\ude00" (emoji), "\u0080", "\u00f6".
  const std::string in =
      "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
      "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small "
      "Letter O With Diaeresis\"}";
  const std::string out = canon(in);
  const std::vector<std::string> order = {"\\r", "1", "\xC2\x80", "\xC3\xB6", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                          "\xEF\xAC\xB3"};
  std::size_t at = 0;
  for (const auto& key : order) {
    const std::size_t found = out.find("\"" + key + "\":", at);
    ASSERT_NE(found, std::string::npos) << key << " in " << out;
    at = found + 1;
  }
}

TEST(Canonical, WritesNumbersStringsAndLiteralsAsJsonStringify) {
  // From RFC 8785 §3.2.2 (the "numbers" and "string" and "literals" parts of its example).
  EXPECT_EQ(canon("{\"numbers\":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"
                  "\"string\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                  "\"literals\":[null,true,false]}"),
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST(Canonical, SortsNestedObjectsAndKeepsArrayOrder) {
  EXPECT_EQ(canon("{ \"b\" : [ {\"z\":1, \"a\":2}, 3 ], \"a\" : {\"y\":\"中文\", \"x\":null} }"),
            "{\"a\":{\"x\":null,\"y\":\"中文\"},\"b\":[{\"a\":2,\"z\":1},3]}");
}

TEST(Canonical, NonFiniteNumbersHaveNoCanonicalForm) {
  Value v = Object{{"n", std::numeric_limits<double>::quiet_NaN()}};
  auto c = canonical(v);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().id, "json.canonical.number");
  EXPECT_FALSE(canonical(Array{1, std::numeric_limits<double>::infinity()}).ok());
}

}  // namespace
}  // namespace zhishen::json
