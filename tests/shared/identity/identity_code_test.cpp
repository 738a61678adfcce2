#include "zhishen/identity/identity_code.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>

#include "zhishen/identity/citizen_id.hpp"
#include "zhishen/identity/uscc.hpp"

namespace zhishen::identity {
namespace {

const Date kToday{2024, 6, 1};

std::string id_of(const Result<IdentityCode>& r) { return r ? std::string() : r.error().id; }

TEST(IdentityCode, Empty) {
  EXPECT_EQ(id_of(validate_identity_code("", kToday)), "id.empty");
}

TEST(IdentityCode, CitizenIds) {
  auto r = validate_identity_code("11010519491231002x", kToday);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, CodeKind::citizen_id);
  EXPECT_EQ(r->normalized, "11010519491231002X");

  r = validate_identity_code("150102880730303", kToday);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, CodeKind::citizen_id);
  EXPECT_EQ(r->normalized, "150102198807303035");
}

TEST(IdentityCode, FifteenCharactersAlwaysTakeTheCitizenPath) {
  EXPECT_EQ(id_of(validate_identity_code("15010288073030A", kToday)), "id.citizen.charset");
  EXPECT_EQ(id_of(validate_identity_code("ABCDEFGHJKLMNPQ", kToday)), "id.citizen.charset");
}

TEST(IdentityCode, Uscc) {
  auto r = validate_identity_code("91350100m000100y43", kToday);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, CodeKind::uscc);
  EXPECT_EQ(r->normalized, "91350100M000100Y43");
  EXPECT_EQ(id_of(validate_identity_code("91350211M0000XUF46", kToday)), "id.uscc.checksum");
}

TEST(IdentityCode, AllDigitUsccFallsBackFromCitizen) {
  // 17 digits + digit: tried as a citizen ID first (fails: born in year 0019), then as a USCC.
  for (const char* code : {"914403001922038216", "913502006120495420", "913504001555807674"}) {
    const auto r = validate_identity_code(code, kToday);
    ASSERT_TRUE(r) << code << ": " << r.error().id;
    EXPECT_EQ(r->kind, CodeKind::uscc) << code;
  }
}

TEST(IdentityCode, CitizenShapedFailingBothReportsTheCitizenError) {
  EXPECT_EQ(id_of(validate_identity_code("110105194912310021", kToday)), "id.citizen.checksum");
  EXPECT_EQ(id_of(validate_identity_code("914403001922038217", kToday)), "id.citizen.birth_date");
  EXPECT_EQ(id_of(validate_identity_code("00010519491231002X", kToday)), "id.citizen.region");
}

TEST(IdentityCode, ValidAsBothIsACitizenId) {
  // Search deterministically for an 18-character string that passes both validators.
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> digit(0, 9);
  std::string both;
  for (int i = 0; i < 200000 && both.empty(); ++i) {
    std::string first17 = "11010519900101";
    for (int k = 0; k < 3; ++k) first17 += static_cast<char>('0' + digit(rng));
    const std::string id = complete_citizen_id(first17);
    if (validate_uscc(id)) both = id;
  }
  ASSERT_FALSE(both.empty());
  const auto r = validate_identity_code(both, kToday);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, CodeKind::citizen_id) << both;
}

TEST(IdentityCode, DigitsAndXTakeTheCitizenPath) {
  EXPECT_EQ(id_of(validate_identity_code("11010519491231002", kToday)), "id.citizen.length");
  EXPECT_EQ(id_of(validate_identity_code("1101051949123100X", kToday)), "id.citizen.length");
  EXPECT_EQ(id_of(validate_identity_code("11010519491231002X1", kToday)), "id.citizen.length");
  EXPECT_EQ(id_of(validate_identity_code("1101051949123100X2", kToday)), "id.citizen.charset");
  EXPECT_EQ(id_of(validate_identity_code("x", kToday)), "id.citizen.length");
}

TEST(IdentityCode, OtherInputTakesTheUsccPath) {
  EXPECT_EQ(id_of(validate_identity_code("ABC", kToday)), "id.uscc.length");
  EXPECT_EQ(id_of(validate_identity_code("91350100I000100Y43", kToday)), "id.uscc.charset");
  EXPECT_EQ(id_of(validate_identity_code(" 11010519491231002X", kToday)), "id.uscc.length");
  EXPECT_EQ(id_of(validate_identity_code("１１０１０５１９４９１２３１００２Ｘ", kToday)),
            "id.uscc.length");
  EXPECT_EQ(id_of(validate_identity_code("91350100Ｍ000100Y", kToday)), "id.uscc.charset");
}

TEST(IdentityCode, ToString) {
  EXPECT_EQ(to_string(CodeKind::citizen_id), "citizen_id");
  EXPECT_EQ(to_string(CodeKind::uscc), "uscc");
}

TEST(IdentityCode, ArbitraryBytesNeverCrashAndGiveAKnownId) {
  const std::set<std::string> known{
      "", "id.empty", "id.citizen.length", "id.citizen.charset", "id.citizen.region",
      "id.citizen.birth_date", "id.citizen.checksum", "id.uscc.length", "id.uscc.charset",
      "id.uscc.region", "id.uscc.org_code", "id.uscc.checksum"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> len(0, 20);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> digit(0, 9);
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int n = len(rng);
    const bool mostly_digits = i % 2 == 0;
    for (int k = 0; k < n; ++k) {
      s += mostly_digits && k % 5 != 0 ? static_cast<char>('0' + digit(rng))
                                       : static_cast<char>(byte(rng));
    }
    const std::string id = id_of(validate_identity_code(s, kToday));
    EXPECT_TRUE(known.count(id) == 1) << id;
  }
}

}  // namespace
}  // namespace zhishen::identity
