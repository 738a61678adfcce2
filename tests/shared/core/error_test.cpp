#include "zhishen/core/error.hpp"

#include <gtest/gtest.h>

namespace zhishen {
namespace {

Result<int> half(int n) {
  if (n % 2 != 0) return make_error("test.odd", "odd");
  return n / 2;
}

TEST(Result, CarriesAValueOrAnError) {
  auto a = half(4);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, 2);
  auto b = half(3);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().id, "test.odd");
  Status s;
  EXPECT_TRUE(s.ok());
  Status f = make_error("test.fail", "x");
  EXPECT_FALSE(f.ok());
  EXPECT_EQ(f.error().id, "test.fail");
}

}  // namespace
}  // namespace zhishen
