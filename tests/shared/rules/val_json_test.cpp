#include "zhishen/rules/val_json.hpp"

#include <gtest/gtest.h>

#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::rules {
namespace {

std::string roundtrip(std::string_view text) {
  Arena arena;
  ParseScratch scratch;
  auto v = parse_val(text, arena, scratch);
  return v.ok() ? to_json_text(*v) : "error:" + v.error().id;
}

TEST(ValJson, AgreesWithTheDocumentParserOnValidAndInvalidText) {
  const char* texts[] = {"null", "true", " [1, -2.5e3, \"a\\u4e2d\\n\", {\"k\": [{}]}] ", "{\"a\":1,\"b\":2,\"a\":3}",
                         "123456789012345678901234567890", "-0", "1e400", "[", "{\"a\" 1}", "01", "\"\\ud800\"",
                         "\"\xff\"", "[1,]", "", "\"abc", "nul", "{\"中文\":\"值\"}", "[1e-400, 0.1, 1e21, 1e-7]"};
  for (const char* t : texts) {
    auto doc = json::parse(t);
    const std::string expected = doc.ok() ? json::to_json(*doc) : "error:" + doc.error().id;
    EXPECT_EQ(roundtrip(t), expected) << t;
  }
}

TEST(ValJson, DuplicateKeysKeepFirstPositionLastValue) {
  EXPECT_EQ(roundtrip(R"({"a":1,"b":2,"a":3,"c":{"x":1,"x":2}})"), R"({"a":3,"b":2,"c":{"x":2}})");
  std::string many = "{";
  for (int i = 0; i < 40; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  many += "\"k7\":\"last\"}";
  const std::string out = roundtrip(many);
  EXPECT_NE(out.find("\"k7\":\"last\""), std::string::npos);
  EXPECT_EQ(out.find("\"k7\":7"), std::string::npos);
}

TEST(ValJson, StringsWithoutEscapesPointIntoTheInput) {
  Arena arena;
  ParseScratch scratch;
  const std::string text = R"({"plain":"abc","escaped":"a\nb"})";
  auto v = parse_val(text, arena, scratch);
  ASSERT_TRUE(v.ok());
  const Val* plain = find_member(*v, "plain");
  const Val* escaped = find_member(*v, "escaped");
  ASSERT_TRUE(plain && escaped);
  EXPECT_TRUE(plain->s >= text.data() && plain->s < text.data() + text.size());
  EXPECT_EQ(escaped->str(), "a\nb");
}

TEST(ValJson, ConvertsToAndFromDocuments) {
  auto doc = json::parse(R"({"a":[1,"x",null,true,{"b":[]}]})");
  ASSERT_TRUE(doc.ok());
  Arena arena;
  const Val v = from_json(*doc, arena);
  EXPECT_EQ(to_json_text(v), json::to_json(*doc));
  EXPECT_EQ(to_json(v), *doc);
}

TEST(ValJson, ArenaReuseAfterReset) {
  Arena arena;
  ParseScratch scratch;
  for (int i = 0; i < 100; ++i) {
    arena.reset();
    std::string big = "[";
    for (int j = 0; j < 5000; ++j) big += (j ? ",\"x\\n\"" : "\"x\\n\"");
    big += "]";
    auto v = parse_val(big, arena, scratch);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->array_size(), 5000u);
  }
}

}  // namespace
}  // namespace zhishen::rules
