#include "zhishen/core/date.hpp"

#include <cstdio>

namespace zhishen {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<Date> make_date(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{std::chrono::sys_days{ymd}};
}

}  // namespace

Result<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
    return make_error("date.format", "expected a date as YYYY-MM-DD");
  }
  auto d = make_date(to_int(text.substr(0, 4)), to_int(text.substr(5, 2)), to_int(text.substr(8, 2)));
  if (!d) return make_error("date.invalid", "no such calendar day: " + std::string(text));
  return *d;
}

std::string Date::to_string() const {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

Date local_date(Instant t, UtcOffset offset) {
  return Date{std::chrono::floor<std::chrono::days>(t + offset.minutes)};
}

Instant local_instant(Date d, std::chrono::minutes time_of_day, UtcOffset offset) {
  return Instant{d.days()} + time_of_day - offset.minutes;
}

std::string format_instant(Instant t, UtcOffset offset) {
  const auto local = t + offset.minutes;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss hms{local - day};
  const long off = offset.minutes.count();
  const long aoff = off < 0 ? -off : off;
  char buf[128];
  std::snprintf(buf, sizeof buf, "%sT%02ld:%02ld:%02ld%c%02ld:%02ld", Date{day}.to_string().c_str(),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()), off < 0 ? '-' : '+', aoff / 60, aoff % 60);
  return buf;
}

std::string format_deadline(Instant t, UtcOffset offset) {
  const auto local = std::chrono::floor<std::chrono::minutes>(t + offset.minutes);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  if (local == day) return Date{day - std::chrono::days{1}}.to_string() + " 24:00";
  const std::chrono::hh_mm_ss hms{local - day};
  char buf[48];
  std::snprintf(buf, sizeof buf, " %02ld:%02ld", static_cast<long>(hms.hours().count()),
                static_cast<long>(hms.minutes().count()));
  return Date{day}.to_string() + buf;
}

Result<Instant> parse_instant(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS then Z | +HH:MM | -HH:MM
  if (text.size() < 20 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':' ||
      !all_digits(text.substr(11, 2)) || !all_digits(text.substr(14, 2)) || !all_digits(text.substr(17, 2))) {
    return make_error("instant.format", "expected YYYY-MM-DDTHH:MM:SS with Z or +HH:MM");
  }
  auto date = Date::parse(text.substr(0, 10));
  if (!date) return make_error("instant." + std::string(date.error().id == "date.format" ? "format" : "invalid"),
                               date.error().message);
  const int hh = to_int(text.substr(11, 2)), mm = to_int(text.substr(14, 2)), ss = to_int(text.substr(17, 2));
  if (hh > 23 || mm > 59 || ss > 59) return make_error("instant.invalid", "time of day out of range");
  std::string_view zone = text.substr(19);
  int off = 0;
  if (zone == "Z") {
    off = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
             all_digits(zone.substr(1, 2)) && all_digits(zone.substr(4, 2))) {
    const int oh = to_int(zone.substr(1, 2)), om = to_int(zone.substr(4, 2));
    if (oh > 23 || om > 59) return make_error("instant.invalid", "UTC offset out of range");
    off = (oh * 60 + om) * (zone[0] == '-' ? -1 : 1);
  } else {
    return make_error("instant.format", "expected Z or +HH:MM after the time");
  }
  return Instant{date->days()} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
         std::chrono::seconds{ss} - std::chrono::minutes{off};
}

}  // namespace zhishen
