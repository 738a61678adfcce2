#include "eval_setup.hpp"

#include <chrono>
#include <cstdlib>

#include "holidays_option.hpp"
#include "zhishen/calendar/holiday_files.hpp"

namespace zhishen::cli {

Result<EvalSetup> make_eval_setup(const ParsedArgs& p) {
  EvalSetup s;
  s.env.now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  if (auto now = p.last("now")) {
    auto t = parse_instant(*now);
    if (!t) return make_error(t.error().id, "--now " + *now + ": expected YYYY-MM-DDTHH:MM:SS+08:00");
    s.env.now = *t;
  }

  auto cal = calendar::load_holiday_dir(holidays_dir(p));
  if (!cal) {
    if (p.has("holidays")) return cal.error();
    cal = calendar::WorkdayCalendar{};  // no shipped data found: Monday–Friday, provisional
  }
  s.calendar = std::make_unique<calendar::WorkdayCalendar>(std::move(cal).value());
  s.env.calendar = s.calendar.get();

  std::string dir;
  if (auto d = p.last("shared-data")) dir = *d;
  else if (const char* env = std::getenv("ZHISHEN_SHARED_DATA_DIR"); env != nullptr && *env != '\0') dir = env;
  else dir = ZHISHEN_DEFAULT_SHARED_DATA_DIR;
  auto data = adapters::FileSharedData::load_dir(dir);
  if (data) {
    s.shared_data = std::make_unique<adapters::FileSharedData>(std::move(data).value());
    s.env.shared_data = s.shared_data.get();
  } else if (p.has("shared-data")) {
    return data.error();
  }
  return s;
}

}  // namespace zhishen::cli
