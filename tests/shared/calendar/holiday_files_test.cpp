#include "zhishen/calendar/holiday_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "calendar_fixture.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::calendar {
namespace {

namespace fs = std::filesystem;

std::string id_of(std::string_view text) {
  auto r = parse_year_notice(text);
  return r.ok() ? "ok" : r.error().id;
}

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("zhishen-cal-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                                                 ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path_ / name) << text; }

 private:
  fs::path path_;
};

TEST(HolidayFiles, ParsesTheHolidayCnFormat) {
  auto n = parse_year_notice(R"({"year":2024,"papers":["https://www.gov.cn/x"],
    "days":[{"name":"春节","date":"2024-02-04","isOffDay":false},{"name":"春节","date":"2024-02-10","isOffDay":true}]})");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->year, 2024);
  ASSERT_EQ(n->days.size(), 2u);
  EXPECT_FALSE(n->days[0].off);
  EXPECT_EQ(n->days[1].name, "春节");
  // Round trip through JSON.
  auto again = parse_year_notice(json::to_json(year_notice_to_json(*n)));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->days.size(), 2u);
}

TEST(HolidayFiles, BadFilesHaveStableIds) {
  EXPECT_EQ(id_of("not json"), "calendar.file.json");
  EXPECT_EQ(id_of("[]"), "calendar.file.schema");
  EXPECT_EQ(id_of(R"({"papers":[],"days":[]})"), "calendar.file.schema");
  EXPECT_EQ(id_of(R"({"year":"2024","papers":[],"days":[]})"), "calendar.file.schema");
  EXPECT_EQ(id_of(R"({"year":2024.5,"papers":[],"days":[]})"), "calendar.file.schema");
  EXPECT_EQ(id_of(R"({"year":2024,"papers":[],"days":{}})"), "calendar.file.schema");
  EXPECT_EQ(id_of(R"({"year":2024,"papers":[],"days":[{"name":"x","date":"2024-01-01"}]})"), "calendar.file.schema");
  EXPECT_EQ(id_of(R"({"year":2024,"papers":[],"days":[{"name":"x","date":"2024-01-01","isOffDay":"true"}]})"),
            "calendar.file.schema");
  EXPECT_EQ(id_of(R"({"year":2024,"papers":[],"days":[{"name":"x","date":"2024-13-01","isOffDay":true}]})"),
            "calendar.file.date");
  EXPECT_EQ(id_of(R"({"year":2024,"papers":[],"days":[{"name":"x","date":"2024/01/01","isOffDay":true}]})"),
            "calendar.file.date");
  EXPECT_EQ(id_of(R"({"year":2024,"papers":[],"days":[{"name":"x","date":"2027-01-01","isOffDay":true}]})"),
            "calendar.file.date");
}

TEST(HolidayFiles, LoadsADirectoryIgnoringOtherFiles) {
  TempDir dir;
  dir.write("2030.json", R"({"year":2030,"papers":[],"days":[{"name":"元旦","date":"2030-01-01","isOffDay":true}]})");
  dir.write("LICENSE", "MIT");
  dir.write("notes.json", "{}");
  auto cal = load_holiday_dir(dir.path());
  ASSERT_TRUE(cal.ok()) << cal.error().message;
  EXPECT_TRUE(cal->covers(2030));
  EXPECT_FALSE(cal->is_workday(Date(2030, 1, 1)).value);
}

TEST(HolidayFiles, DirectoryErrors) {
  TempDir dir;
  EXPECT_EQ(load_holiday_dir(dir.path()).error().id, "calendar.dir.empty");
  EXPECT_EQ(load_holiday_dir(dir.path() / "nope").error().id, "calendar.dir.unreadable");
  dir.write("2031.json", R"({"year":2030,"papers":[],"days":[]})");
  EXPECT_EQ(load_holiday_dir(dir.path()).error().id, "calendar.file.year_mismatch");
  dir.write("2031.json", R"({"year":2031,"papers":[],"days":[)");
  auto broken = load_holiday_dir(dir.path());
  EXPECT_EQ(broken.error().id, "calendar.file.json");
  EXPECT_NE(broken.error().message.find("2031.json"), std::string::npos);  // names the file
}

TEST(HolidayFiles, ShippedDataLoadsWithItsLicence) {
  EXPECT_TRUE(fs::exists(fs::path(ZHISHEN_HOLIDAYS_DIR) / "LICENSE"));
  EXPECT_EQ(testing::shipped_calendar().covered_years().size(), 20u);
}

}  // namespace
}  // namespace zhishen::calendar
