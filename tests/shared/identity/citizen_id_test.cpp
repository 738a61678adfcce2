#include "zhishen/identity/citizen_id.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace zhishen::identity {
namespace {

const Date kToday{2024, 6, 1};

std::string id_of(const Result<CitizenId>& r) { return r ? std::string() : r.error().id; }

// A valid 18-character number for region 110105, the given birth date and sequence 123.
std::string make_id(const std::string& yyyymmdd, const std::string& region = "110105") {
  return complete_citizen_id(region + yyyymmdd + "123");
}

// Random valid first 17 digits: a province-level region, a birth date in [1800-01-01, kToday].
std::string random_first17(std::mt19937& rng) {
  static const std::vector<int> provinces{11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36,
                                          37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62,
                                          63, 64, 65, 71, 81, 82, 83};
  std::uniform_int_distribution<std::size_t> pick(0, provinces.size() - 1);
  const long span = kToday.days_since(Date{1800, 1, 1});
  std::uniform_int_distribution<long> day(0, span);
  std::uniform_int_distribution<int> digits(0, 9999);
  const Date birth = Date{1800, 1, 1}.plus_days(day(rng));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d%04d%04d%02u%02u%03d", provinces[pick(rng)], digits(rng),
                birth.year(), birth.month(), birth.day(), digits(rng) % 1000);
  return buf;
}

TEST(CitizenId, StandardExampleWithCheckX) {
  const auto r = validate_citizen_id("11010519491231002X", kToday);
  ASSERT_TRUE(r) << r.error().id;
  EXPECT_EQ(r->number, "11010519491231002X");
  EXPECT_EQ(r->birth_date, (Date{1949, 12, 31}));
  EXPECT_EQ(r->sex, Sex::female);
  EXPECT_EQ(r->region_code, "110105");
  EXPECT_FALSE(r->upgraded_from_15);
  EXPECT_EQ(citizen_check_char("11010519491231002"), 'X');
}

TEST(CitizenId, StandardExampleBornIn1880) {
  const auto r = validate_citizen_id("440524188001010014", kToday);
  ASSERT_TRUE(r) << r.error().id;
  EXPECT_EQ(r->birth_date, (Date{1880, 1, 1}));
  EXPECT_EQ(r->sex, Sex::male);
  EXPECT_EQ(r->region_code, "440524");
  EXPECT_EQ(to_string(r->sex), "male");
}

TEST(CitizenId, LowerCaseXIsNormalized) {
  const auto r = validate_citizen_id("11010519491231002x", kToday);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->number, "11010519491231002X");
}

TEST(CitizenId, FifteenDigitsAreUpgraded) {
  const auto r = validate_citizen_id("150102880730303", kToday);
  ASSERT_TRUE(r) << r.error().id;
  EXPECT_EQ(r->number, "150102198807303035");
  EXPECT_TRUE(r->upgraded_from_15);
  EXPECT_EQ(r->birth_date, (Date{1988, 7, 30}));
  EXPECT_EQ(r->sex, Sex::male);
  EXPECT_EQ(r->region_code, "150102");

  const auto up = upgrade_15_to_18("150102880730303");
  ASSERT_TRUE(up);
  EXPECT_EQ(*up, "150102198807303035");
  EXPECT_EQ(upgrade_15_to_18("15010288073030").error().id, "id.citizen.length");
  EXPECT_EQ(upgrade_15_to_18("150102198807303035").error().id, "id.citizen.length");
  EXPECT_EQ(upgrade_15_to_18("15010288073030X").error().id, "id.citizen.charset");
  // The 15-digit form has a 2-digit year: always 19YY, so it can be invalid only as a date.
  EXPECT_EQ(id_of(validate_citizen_id("150102880230303", kToday)), "id.citizen.birth_date");
}

TEST(CitizenId, BirthDateAgainstInjectedToday) {
  EXPECT_EQ(id_of(validate_citizen_id(make_id("20240601"), kToday)), "");
  EXPECT_EQ(id_of(validate_citizen_id(make_id("20240602"), kToday)), "id.citizen.birth_date");
  EXPECT_EQ(id_of(validate_citizen_id(make_id("20240602"), Date{2024, 6, 2})), "");
  EXPECT_EQ(id_of(validate_citizen_id(make_id("20991231"), kToday)), "id.citizen.birth_date");
}

TEST(CitizenId, LeapDays) {
  EXPECT_EQ(id_of(validate_citizen_id(make_id("20000229"), kToday)), "");  // divisible by 400
  EXPECT_EQ(id_of(validate_citizen_id(make_id("20240229"), kToday)), "");
  EXPECT_EQ(id_of(validate_citizen_id(make_id("19000229"), kToday)), "id.citizen.birth_date");
  EXPECT_EQ(id_of(validate_citizen_id(make_id("20230229"), kToday)), "id.citizen.birth_date");
  EXPECT_EQ(id_of(validate_citizen_id(make_id("20240230"), kToday)), "id.citizen.birth_date");
}

TEST(CitizenId, ImpossibleDates) {
  for (const char* date : {"19901301", "19900001", "19900100", "19900132", "19900431", "00000000"}) {
    EXPECT_EQ(id_of(validate_citizen_id(make_id(date), kToday)), "id.citizen.birth_date") << date;
  }
}

TEST(CitizenId, NotBefore1800) {
  EXPECT_EQ(id_of(validate_citizen_id(make_id("18000101"), kToday)), "");
  EXPECT_EQ(id_of(validate_citizen_id(make_id("17991231"), kToday)), "id.citizen.birth_date");
}

TEST(CitizenId, Region) {
  for (const char* bad : {"000000", "100105", "160105", "240105", "380105", "470105", "550105",
                          "660105", "720105", "800000", "840000", "990105", "910105", "970105"}) {
    EXPECT_EQ(id_of(validate_citizen_id(make_id("19900101", bad), kToday)), "id.citizen.region")
        << bad;
  }
  for (const char* good : {"110000", "150102", "650000", "710000", "810000", "820000", "830000",
                           "931000", "911000", "983000"}) {
    EXPECT_EQ(id_of(validate_citizen_id(make_id("19900101", good), kToday)), "") << good;
  }
}

TEST(CitizenId, CheckOrder) {
  // charset before region; region before birth date; birth date before checksum.
  EXPECT_EQ(id_of(validate_citizen_id("00010519491331002A", kToday)), "id.citizen.charset");
  EXPECT_EQ(id_of(validate_citizen_id("00010519491331002X", kToday)), "id.citizen.region");
  EXPECT_EQ(id_of(validate_citizen_id("110105194913310021", kToday)), "id.citizen.birth_date");
  EXPECT_EQ(id_of(validate_citizen_id("110105194912310021", kToday)), "id.citizen.checksum");
}

TEST(CitizenId, WrongLengthsAndWhitespace) {
  for (const char* s : {"", "1", "11010519491231", "1101051949123100", "11010519491231002",
                        "11010519491231002X1", " 11010519491231002X", "11010519491231002X\n"}) {
    EXPECT_EQ(id_of(validate_citizen_id(s, kToday)), "id.citizen.length") << '"' << s << '"';
  }
  EXPECT_EQ(id_of(validate_citizen_id("11010519491231002 ", kToday)), "id.citizen.charset");
  EXPECT_EQ(id_of(validate_citizen_id(" 1010519491231002X", kToday)), "id.citizen.charset");
  EXPECT_EQ(id_of(validate_citizen_id("1101051949123100X2", kToday)), "id.citizen.charset");
  EXPECT_EQ(id_of(validate_citizen_id("15010288073030X", kToday)), "id.citizen.charset");
}

TEST(CitizenId, NonAsciiInputGivesLengthOrCharset) {
  // "１" is U+FF11, three bytes in UTF-8.
  EXPECT_EQ(id_of(validate_citizen_id("１１０１０５１９４９１２３１００２Ｘ", kToday)),
            "id.citizen.length");
  EXPECT_EQ(id_of(validate_citizen_id("１10519491231002X", kToday)), "id.citizen.charset");
  EXPECT_EQ(id_of(validate_citizen_id("１101051949123", kToday)), "id.citizen.charset");
  EXPECT_EQ(id_of(validate_citizen_id("1101051949123100２", kToday)), "id.citizen.length");
  EXPECT_EQ(id_of(validate_citizen_id(std::string("11010519491231002\0", 18), kToday)),
            "id.citizen.charset");
  EXPECT_EQ(id_of(validate_citizen_id("11010519491231002\xC3", kToday)), "id.citizen.charset");
}

std::vector<std::string> sample_ids() {
  std::vector<std::string> ids{"11010519491231002X", "440524188001010014", "150102198807303035"};
  std::mt19937 rng(20240601);
  for (int i = 0; i < 50; ++i) ids.push_back(complete_citizen_id(random_first17(rng)));
  return ids;
}

TEST(CitizenId, EverySingleSubstitutionIsDetected) {
  const std::string alphabet = "0123456789X";
  for (const std::string& id : sample_ids()) {
    ASSERT_TRUE(validate_citizen_id(id, kToday)) << id;
    for (std::size_t pos = 0; pos < 18; ++pos) {
      for (char c : alphabet) {
        if (c == id[pos]) continue;
        std::string bad = id;
        bad[pos] = c;
        EXPECT_FALSE(validate_citizen_id(bad, kToday)) << bad;
        if (pos < 17 && c != 'X') {  // the check digit alone catches it (MOD 11-2)
          EXPECT_NE(citizen_check_char(std::string_view(bad).substr(0, 17)), id[17]) << bad;
        }
      }
    }
  }
}

TEST(CitizenId, EveryAdjacentTranspositionIsDetected) {
  // MOD 11-2: consecutive weights differ mod 11 (the check char has weight 1), so swapping two
  // different adjacent characters always changes the weighted sum.
  for (const std::string& id : sample_ids()) {
    for (std::size_t pos = 0; pos + 1 < 18; ++pos) {
      if (id[pos] == id[pos + 1]) continue;
      std::string bad = id;
      std::swap(bad[pos], bad[pos + 1]);
      EXPECT_FALSE(validate_citizen_id(bad, kToday)) << bad;
      if (pos + 1 < 17) {
        EXPECT_NE(citizen_check_char(std::string_view(bad).substr(0, 17)), id[17]) << bad;
      }
    }
  }
}

TEST(CitizenId, CompleteHelpers) {
  EXPECT_EQ(complete_citizen_id("44052418800101001"), "440524188001010014");
  EXPECT_EQ(complete_citizen_id("4405241880010100"), "");
  EXPECT_EQ(complete_citizen_id("4405241880010100X"), "");
  EXPECT_EQ(citizen_check_char("4405241880010100１"), '\0');
  EXPECT_EQ(citizen_check_char(""), '\0');
}

TEST(CitizenId, PropertyRandomCompletedIdsValidate) {
  std::mt19937 rng(11643);
  for (int i = 0; i < 10000; ++i) {
    const std::string first17 = random_first17(rng);
    const std::string id = complete_citizen_id(first17);
    ASSERT_EQ(id.size(), 18u) << first17;
    const auto r = validate_citizen_id(id, kToday);
    ASSERT_TRUE(r) << id << ": " << r.error().id;
    EXPECT_EQ(r->number, id);
  }
}

}  // namespace
}  // namespace zhishen::identity
