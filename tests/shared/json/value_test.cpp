#include "zhishen/json/value.hpp"

#include <gtest/gtest.h>

#include "zhishen/json/write.hpp"

namespace zhishen::json {
namespace {

TEST(JsonValue, SetAppendsOrReplacesKeepingOrder) {
  Value v;
  v.set("b", 1);
  v.set("a", "x");
  v.set("b", true);
  EXPECT_EQ(to_json(v), R"({"b":true,"a":"x"})");
  Value n(5);
  n.set("a", 1);  // not an object: ignored
  EXPECT_TRUE(n.is_number());
}

TEST(JsonValue, EqualityIsDeepAndStrict) {
  EXPECT_EQ(Value(Array{1, "a", nullptr}), Value(Array{1, "a", nullptr}));
  EXPECT_FALSE(Value(1) == Value("1"));
  EXPECT_FALSE(Value(true) == Value(1));
  EXPECT_EQ(to_string(Value(Object{}).type()), "object");
}

}  // namespace
}  // namespace zhishen::json
