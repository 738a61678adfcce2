#include "zhishen/json/write.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "zhishen/json/parse.hpp"

namespace zhishen::json {
namespace {

TEST(JsonWrite, NumbersPrintAsJavaScriptDoes) {
  // Expected strings are what node prints for String(x).
  EXPECT_EQ(format_number(0), "0");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(1), "1");
  EXPECT_EQ(format_number(-1.5), "-1.5");
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_number(123456789), "123456789");
  EXPECT_EQ(format_number(1e21), "1e+21");
  EXPECT_EQ(format_number(1e20), "100000000000000000000");
  EXPECT_EQ(format_number(123456789012345680000.0), "123456789012345680000");
  EXPECT_EQ(format_number(1.5e21), "1.5e+21");
  EXPECT_EQ(format_number(1e-6), "0.000001");
  EXPECT_EQ(format_number(1e-7), "1e-7");
  EXPECT_EQ(format_number(1.25e-7), "1.25e-7");
  EXPECT_EQ(format_number(0.000123), "0.000123");
  EXPECT_EQ(format_number(5e-324), "5e-324");
  EXPECT_EQ(format_number(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
  EXPECT_EQ(format_number(9007199254740993.0), "9007199254740992");
  EXPECT_EQ(format_number(std::nan("")), "NaN");
  EXPECT_EQ(format_number(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(format_number(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(JsonWrite, NonFiniteNumbersAreNullAsInJsonStringify) {
  Array a{Value(std::nan("")), Value(std::numeric_limits<double>::infinity()), Value(1)};
  EXPECT_EQ(to_json(Value(a)), "[null,null,1]");
}

TEST(JsonWrite, StringsEscapeOnlyWhatJsonStringifyEscapes) {
  EXPECT_EQ(to_json(Value("a\"b\\c\n\t\x01/中")), "\"a\\\"b\\\\c\\n\\t\\u0001/中\"");
}

TEST(JsonWrite, EscapesAtTheEdgesAndBetweenLongRuns) {
  EXPECT_EQ(to_json(Value("")), "\"\"");
  EXPECT_EQ(to_json(Value("\"")), "\"\\\"\"");
  EXPECT_EQ(to_json(Value("\x1f\x7f")), "\"\\u001f\x7f\"");
  const std::string run(100, 'x');
  EXPECT_EQ(to_json(Value(run + "\n" + run + "\r" + run)), "\"" + run + "\\n" + run + "\\r" + run + "\"");
  // U+D7FF (ED 9F BF) is an ordinary character; ED A0 80 is a lone surrogate, written \ud800.
  EXPECT_EQ(to_json(Value("a\xED\x9F\xBF" "b")), "\"a\xED\x9F\xBF" "b\"");
  EXPECT_EQ(to_json(Value("a\xED\xA0\x80" + run)), "\"a\\ud800" + run + "\"");
  EXPECT_EQ(to_json(Value(run + "\xED\xBF\xBF")), "\"" + run + "\\udfff\"");
  EXPECT_EQ(to_json(Value("\xED")), "\"\xED\"");  // a truncated lead byte is left as it is
}

TEST(JsonWrite, CompactAndPrettyRoundTrip) {
  const std::string text = R"({"a":[1,{"b":null}],"c":"中文","d":{},"e":[]})";
  auto v = parse(text);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(to_json(*v), text);
  auto pretty = to_json_pretty(*v, 2);
  EXPECT_NE(pretty.find("\n  \"a\": [\n    1,"), std::string::npos) << pretty;
  auto again = parse(pretty);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *v);
}

TEST(JsonWrite, DoublesRoundTripExactly) {
  for (double d : {0.1, 1.0 / 3, 2.0 / 3 * 1e300, 6.02214076e23, -1e-310, 4.35, 1234.5678}) {
    auto v = parse(format_number(d));
    ASSERT_TRUE(v.ok()) << format_number(d);
    EXPECT_EQ(v->as_number(), d);
  }
}

}  // namespace
}  // namespace zhishen::json
