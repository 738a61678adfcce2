#include "zhishen/calendar/holiday_files.hpp"

#include <fstream>
#include <sstream>

#include "zhishen/json/parse.hpp"

namespace zhishen::calendar {
namespace {

Error schema(std::string what) { return make_error("calendar.file.schema", std::move(what)); }

bool is_year_file_name(const std::filesystem::path& p) {
  const std::string name = p.filename().string();
  if (name.size() != 9 || name.substr(4) != ".json") return false;
  for (int i = 0; i < 4; ++i) {
    if (name[static_cast<std::size_t>(i)] < '0' || name[static_cast<std::size_t>(i)] > '9') return false;
  }
  return true;
}

}  // namespace

Result<YearNotice> year_notice_from_json(const json::Value& doc) {
  if (!doc.is_object()) return schema("the notice must be a JSON object");
  const json::Value* year = doc.find("year");
  if (year == nullptr || !year->is_number()) return schema("\"year\" must be a number");
  const double y = year->as_number();
  if (!(y >= 1 && y <= 9998) || y != static_cast<double>(static_cast<int>(y))) {
    return schema("\"year\" must be a whole year between 1 and 9998");
  }
  YearNotice notice;
  notice.year = static_cast<int>(y);

  if (const json::Value* papers = doc.find("papers"); papers != nullptr) {
    if (!papers->is_array()) return schema("\"papers\" must be an array of strings");
    for (const auto& p : papers->as_array()) {
      if (!p.is_string()) return schema("\"papers\" must be an array of strings");
      notice.papers.push_back(p.as_string());
    }
  }
  const json::Value* days = doc.find("days");
  if (days == nullptr || !days->is_array()) return schema("\"days\" must be an array");
  for (const auto& day : days->as_array()) {
    const json::Value* name = day.find("name");
    const json::Value* date = day.find("date");
    const json::Value* off = day.find("isOffDay");
    if (name == nullptr || !name->is_string() || date == nullptr || !date->is_string() || off == nullptr ||
        !off->is_bool()) {
      return schema("each day needs \"name\" (string), \"date\" (string) and \"isOffDay\" (boolean)");
    }
    auto d = Date::parse(date->as_string());
    if (!d) return make_error("calendar.file.date", "bad date \"" + date->as_string() + "\": " + d.error().message);
    if (d->year() < notice.year - 1 || d->year() > notice.year + 1) {
      return make_error("calendar.file.date", d->to_string() + " is not within a year of " + std::to_string(notice.year));
    }
    notice.days.push_back(DayRule{*d, off->as_bool(), name->as_string()});
  }
  return notice;
}

Result<YearNotice> parse_year_notice(std::string_view json_text) {
  auto doc = json::parse(json_text);
  if (!doc) return make_error("calendar.file.json", doc.error().message);
  return year_notice_from_json(*doc);
}

json::Value year_notice_to_json(const YearNotice& notice) {
  json::Array papers(notice.papers.begin(), notice.papers.end());
  json::Array days;
  for (const auto& d : notice.days) {
    days.push_back(json::Object{{"name", d.name}, {"date", d.date.to_string()}, {"isOffDay", d.off}});
  }
  return json::Object{{"year", notice.year}, {"papers", std::move(papers)}, {"days", std::move(days)}};
}

Result<YearNotice> load_year_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error("calendar.dir.unreadable", "cannot read " + file.string());
  std::stringstream buf;
  buf << in.rdbuf();
  auto notice = parse_year_notice(buf.str());
  if (!notice) return make_error(notice.error().id, file.string() + ": " + notice.error().message);
  if (is_year_file_name(file) && std::to_string(notice->year) != file.filename().string().substr(0, 4)) {
    return make_error("calendar.file.year_mismatch",
                      file.string() + " says year " + std::to_string(notice->year));
  }
  return notice;
}

Result<WorkdayCalendar> load_holiday_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return make_error("calendar.dir.unreadable", "cannot list " + dir.string() + ": " + ec.message());
  std::vector<YearNotice> notices;
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (!is_year_file_name(it->path())) continue;
    auto notice = load_year_file(it->path());
    if (!notice) return notice.error();
    notices.push_back(std::move(notice).value());
  }
  if (ec) return make_error("calendar.dir.unreadable", "cannot list " + dir.string() + ": " + ec.message());
  if (notices.empty()) return make_error("calendar.dir.empty", "no YYYY.json notice in " + dir.string());
  return WorkdayCalendar::build(std::move(notices));
}

}  // namespace zhishen::calendar
