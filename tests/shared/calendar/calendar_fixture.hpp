#pragma once
// The shipped holiday data (data/holidays, 2007–2026) loaded once for all calendar tests.

#include <gtest/gtest.h>

#include <ostream>

#include "zhishen/calendar/holiday_files.hpp"

namespace zhishen {
// Readable gtest failure messages.
inline void PrintTo(const Date& d, std::ostream* os) { *os << d.to_string(); }
}  // namespace zhishen

namespace zhishen::calendar::testing {

inline const WorkdayCalendar& shipped_calendar() {
  static const WorkdayCalendar cal = [] {
    auto c = load_holiday_dir(ZHISHEN_HOLIDAYS_DIR);
    if (!c) {
      ADD_FAILURE() << c.error().id << ": " << c.error().message;
      return WorkdayCalendar{};
    }
    return std::move(c).value();
  }();
  return cal;
}

inline Date D(const char* text) { return Date::parse(text).value(); }

// An instant given in China Standard Time, "YYYY-MM-DD HH:MM".
inline Instant T(const char* date, int hh, int mm = 0) {
  return local_instant(D(date), std::chrono::minutes{hh * 60 + mm}, UtcOffset{});
}

}  // namespace zhishen::calendar::testing
