#pragma once
// Reading the holiday-cn notice format ({"year", "papers", "days":[{"name","date","isOffDay"}]},
// one file per year, named YYYY.json) into YearNotice values and whole calendars.
//
// Error ids: calendar.file.json (not JSON), calendar.file.schema (a field missing or of the wrong
// type), calendar.file.date (a date that is not YYYY-MM-DD, or not within a year of `year`),
// calendar.file.year_mismatch (file YYYY.json says another year), calendar.dir.unreadable,
// calendar.dir.empty (no YYYY.json in the directory), plus WorkdayCalendar::build's ids. Error
// messages name the file.
//
// Thread-safety: pure functions; load_holiday_dir reads files and may be called from any thread.

#include <filesystem>
#include <string>
#include <string_view>

#include "zhishen/calendar/workday_calendar.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::calendar {

Result<YearNotice> parse_year_notice(std::string_view json_text);
Result<YearNotice> year_notice_from_json(const json::Value& doc);
json::Value year_notice_to_json(const YearNotice& notice);

// Loads every file named YYYY.json in `dir` (other files, such as LICENSE, are ignored).
Result<WorkdayCalendar> load_holiday_dir(const std::filesystem::path& dir);
Result<YearNotice> load_year_file(const std::filesystem::path& file);

}  // namespace zhishen::calendar
