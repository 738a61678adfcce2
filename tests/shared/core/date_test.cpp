#include "zhishen/core/date.hpp"

#include <gtest/gtest.h>

namespace zhishen {
namespace {

std::string id_of(std::string_view s) {
  auto r = Date::parse(s);
  return r.ok() ? "ok" : r.error().id;
}

TEST(Date, ParsesStrictIsoDates) {
  auto d = Date::parse("2024-02-29");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 2u);
  EXPECT_EQ(d->day(), 29u);
  EXPECT_EQ(d->to_string(), "2024-02-29");
  EXPECT_EQ(d->iso_weekday(), 4u);  // Thursday
  EXPECT_EQ(Date::parse("0001-01-01")->to_string(), "0001-01-01");
  EXPECT_EQ(Date::parse("9999-12-31")->to_string(), "9999-12-31");
}

TEST(Date, RejectsMalformedAndImpossibleDates) {
  for (const char* bad : {"", "2024-1-01", "2024/01/01", "24-01-01", "2024-01-01T", " 2024-01-01", "2024-0a-01",
                          "２０２４-01-01", "+024-01-01", "2024-01-011"}) {
    EXPECT_EQ(id_of(bad), "date.format") << bad;
  }
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "0000-01-01", "2024-01-00"}) {
    EXPECT_EQ(id_of(bad), "date.invalid") << bad;
  }
}

TEST(Date, Arithmetic) {
  const Date d(2024, 12, 31);
  EXPECT_EQ(d.next(), Date(2025, 1, 1));
  EXPECT_EQ(Date(2024, 3, 1).prev(), Date(2024, 2, 29));
  EXPECT_EQ(Date(2025, 1, 1).days_since(d), 1);
  EXPECT_TRUE(Date(2024, 3, 16).is_weekend());
  EXPECT_FALSE(Date(2024, 3, 15).is_weekend());
}

TEST(Instant, LocalDateAndFormatting) {
  const UtcOffset cst{};
  const Instant t = local_instant(Date(2024, 3, 13), std::chrono::minutes{23 * 60 + 30}, cst);
  EXPECT_EQ(local_date(t, cst), Date(2024, 3, 13));
  EXPECT_EQ(local_date(t, UtcOffset{std::chrono::minutes{0}}), Date(2024, 3, 13));
  EXPECT_EQ(local_date(t + std::chrono::hours{1}, cst), Date(2024, 3, 14));
  EXPECT_EQ(format_instant(t, cst), "2024-03-13T23:30:00+08:00");
  EXPECT_EQ(format_instant(t, UtcOffset{std::chrono::minutes{0}}), "2024-03-13T15:30:00+00:00");
  EXPECT_EQ(format_instant(t, UtcOffset{std::chrono::minutes{-150}}), "2024-03-13T13:00:00-02:30");
}

// A deadline at local midnight is the end of the day before (24:00), never the next day's 00:00.
TEST(Instant, DeadlinesAtMidnightAreTheEndOfTheDayBefore) {
  const UtcOffset cst{};
  const Instant end_of_friday = local_instant(Date(2026, 11, 28), std::chrono::minutes{0}, cst);
  EXPECT_EQ(format_deadline(end_of_friday, cst), "2026-11-27 24:00");
  EXPECT_EQ(format_deadline(end_of_friday + std::chrono::minutes{1}, cst), "2026-11-28 00:01");
  EXPECT_EQ(format_deadline(end_of_friday - std::chrono::minutes{1}, cst), "2026-11-27 23:59");
  EXPECT_EQ(format_deadline(local_instant(Date(2026, 11, 27), std::chrono::minutes{17 * 60}, cst), cst),
            "2026-11-27 17:00");
  EXPECT_EQ(format_deadline(local_instant(Date(2027, 1, 1), std::chrono::minutes{0}, cst), cst), "2026-12-31 24:00");
  EXPECT_EQ(format_deadline(end_of_friday, UtcOffset{std::chrono::minutes{0}}), "2026-11-27 16:00");
}

TEST(Instant, ParseAcceptsZAndOffsets) {
  auto a = parse_instant("2024-03-13T23:30:00+08:00");
  auto b = parse_instant("2024-03-13T15:30:00Z");
  auto c = parse_instant("2024-03-13 15:30:00Z");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(*b, *c);
  for (const char* bad : {"2024-03-13", "2024-03-13T23:30+08:00", "2024-03-13T23:30:00", "2024-03-13T23:30:00+8",
                          "2024-03-13T23:30:00+08:00x", "2024-03-13T23:30:00 +08:00"}) {
    EXPECT_EQ(parse_instant(bad).error().id, "instant.format") << bad;
  }
  for (const char* bad : {"2024-03-13T24:00:00Z", "2024-02-30T10:00:00Z", "2024-03-13T10:60:00Z",
                          "2024-03-13T10:00:00+24:00"}) {
    EXPECT_EQ(parse_instant(bad).error().id, "instant.invalid") << bad;
  }
}

}  // namespace
}  // namespace zhishen
