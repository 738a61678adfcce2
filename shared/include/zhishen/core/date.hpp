#pragma once
// Civil dates and instants used across the core.
//
// Date is a proleptic-Gregorian calendar day (no time zone); Instant is a UTC time point with
// second precision. Government deadlines are counted in China Standard Time (UTC+8, no daylight
// saving since 1991); the offset is configurable where it matters (see calendar/deadline.hpp).
//
// Thread-safety: plain values.

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "zhishen/core/error.hpp"

namespace zhishen {

using Instant = std::chrono::sys_seconds;

class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::chrono::sys_days d) : days_(d) {}
  // Throws nothing; the caller guarantees y/m/d is a real date (use parse() for untrusted text).
  constexpr Date(int y, unsigned m, unsigned d)
      : days_(std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m},
                                          std::chrono::day{d}}) {}

  // Strict "YYYY-MM-DD" (4-digit year 0001..9999, real calendar date). Error ids:
  // date.format (shape), date.invalid (no such day, e.g. 2023-02-29).
  static Result<Date> parse(std::string_view text);

  constexpr std::chrono::sys_days days() const { return days_; }
  constexpr std::chrono::year_month_day ymd() const { return std::chrono::year_month_day{days_}; }
  constexpr int year() const { return static_cast<int>(ymd().year()); }
  constexpr unsigned month() const { return static_cast<unsigned>(ymd().month()); }
  constexpr unsigned day() const { return static_cast<unsigned>(ymd().day()); }
  // ISO weekday: 1 = Monday .. 7 = Sunday.
  constexpr unsigned iso_weekday() const { return std::chrono::weekday{days_}.iso_encoding(); }
  constexpr bool is_weekend() const { return iso_weekday() >= 6; }

  constexpr Date next() const { return Date{days_ + std::chrono::days{1}}; }
  constexpr Date prev() const { return Date{days_ - std::chrono::days{1}}; }
  constexpr Date plus_days(long n) const { return Date{days_ + std::chrono::days{n}}; }
  constexpr long days_since(Date other) const { return (days_ - other.days_).count(); }

  std::string to_string() const;  // "YYYY-MM-DD"

  friend constexpr auto operator<=>(const Date&, const Date&) = default;

 private:
  std::chrono::sys_days days_{};
};

// Fixed offset of local civil time from UTC (China: +08:00).
struct UtcOffset {
  std::chrono::minutes minutes{8 * 60};
};

// The local date of an instant, and the instant a local date-and-time denotes.
Date local_date(Instant t, UtcOffset offset);
Instant local_instant(Date d, std::chrono::minutes time_of_day, UtcOffset offset);

// RFC 3339 / ISO 8601 with explicit offset, e.g. "2024-02-09T17:00:00+08:00".
std::string format_instant(Instant t, UtcOffset offset);
// A deadline for people to read, "YYYY-MM-DD HH:MM" local (seconds dropped): one at local midnight
// is the end of the day before, "2026-11-26 24:00" (deadlines run to 24:00 of their last working
// day; "2026-11-27 00:00" would name a day that may not even be a working day).
std::string format_deadline(Instant t, UtcOffset offset);
// Accepts "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+HH:MM"/"-HH:MM" (also a space for 'T').
// Error ids: instant.format, instant.invalid.
Result<Instant> parse_instant(std::string_view text);

}  // namespace zhishen
