#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace zhishen::cli {
namespace {

using testing::run_cli;
const std::string kDir = ZHISHEN_HOLIDAYS_DIR;

TEST(CliCalendar, IsWorkdayPrintsOneLinePerDate) {
  auto o = run_cli({"calendar", "is-workday", "--holidays", kDir, "2024-02-18", "2024-02-12", "2024-03-16"});
  EXPECT_EQ(o.rc, kExitOk);
  EXPECT_EQ(o.out, "2024-02-18 yes\n2024-02-12 no\n2024-03-16 no\n");
  EXPECT_EQ(o.err, "");
}

TEST(CliCalendar, IsWorkdayWarnsOnStderrForUncoveredYears) {
  auto o = run_cli({"calendar", "is-workday", "--holidays=" + kDir, "2027-01-01"});
  EXPECT_EQ(o.rc, kExitOk);
  EXPECT_EQ(o.out, "2027-01-01 yes\n");
  EXPECT_NE(o.err.find("calendar.year_not_covered"), std::string::npos);
}

TEST(CliCalendar, AddWorkdays) {
  auto o = run_cli({"calendar", "add-workdays", "--holidays", kDir, "--from", "2024-02-08", "--days", "3"});
  EXPECT_EQ(o.rc, kExitOk);
  EXPECT_EQ(o.out, "2024-02-19\n");
  o = run_cli({"calendar", "add-workdays", "--holidays", kDir, "--from", "2024-09-30", "--days", "1"});
  EXPECT_EQ(o.out, "2024-10-08\n");
}

TEST(CliCalendar, WorkdaysBetweenAndDeadline) {
  auto o = run_cli({"calendar", "workdays-between", "--holidays", kDir, "--from", "2023-12-31", "--to", "2024-12-31"});
  EXPECT_EQ(o.out, "251\n");
  o = run_cli({"calendar", "deadline", "--holidays", kDir, "--start", "2024-03-11T09:00:00+08:00", "--days", "5",
               "--suspend", "2024-03-12T10:00:00+08:00/2024-03-14T16:00:00+08:00"});
  EXPECT_EQ(o.rc, kExitOk) << o.err;
  EXPECT_EQ(o.out, "due 2024-03-21 at 2024-03-22T00:00:00+08:00\n");
  o = run_cli({"calendar", "deadline", "--holidays", kDir, "--start", "2024-03-11T01:00:00Z", "--days", "5",
               "--suspend", "2024-03-13T10:00:00+08:00/", "--cutoff", "office-close"});
  EXPECT_EQ(o.out, "paused after 1 of 5 working days\n");
  o = run_cli({"calendar", "deadline", "--holidays", kDir, "--start", "2024-03-11T09:00:00+08:00", "--days", "1",
               "--cutoff", "office-close", "--office-hours", "08:30-17:30"});
  EXPECT_EQ(o.out, "due 2024-03-12 at 2024-03-12T17:30:00+08:00\n");
}

TEST(CliCalendar, BadArgumentsAreUsageErrors) {
  const std::vector<std::vector<std::string>> bad = {
      {"calendar"},
      {"calendar", "frobnicate"},
      {"calendar", "is-workday", "--holidays", kDir},
      {"calendar", "is-workday", "--holidays", kDir, "2024-02-30"},
      {"calendar", "is-workday", "--holidays", kDir, "tomorrow"},
      {"calendar", "is-workday", "--holidays"},
      {"calendar", "is-workday", "--holidays", "/nonexistent/dir", "2024-01-01"},
      {"calendar", "is-workday", "--bogus", "2024-01-01"},
      {"calendar", "add-workdays", "--holidays", kDir, "--from", "2024-02-08"},
      {"calendar", "add-workdays", "--holidays", kDir, "--from", "2024-02-08", "--days", "0"},
      {"calendar", "add-workdays", "--holidays", kDir, "--from", "2024-02-08", "--days", "-1"},
      {"calendar", "add-workdays", "--holidays", kDir, "--from", "2024-02-08", "--days", "3x"},
      {"calendar", "add-workdays", "--holidays", kDir, "--from", "2024-02-08", "--days", "99999999999"},
      {"calendar", "add-workdays", "--holidays", kDir, "--from", "08/02/2024", "--days", "3"},
      {"calendar", "add-workdays", "--holidays", kDir, "--from", "2024-02-08", "--days", "3", "extra"},
      {"calendar", "deadline", "--holidays", kDir, "--start", "2024-03-11", "--days", "1"},
      {"calendar", "deadline", "--holidays", kDir, "--start", "2024-03-11T09:00:00+08:00", "--days", "1",
       "--suspend", "nonsense"},
      {"calendar", "deadline", "--holidays", kDir, "--start", "2024-03-11T09:00:00+08:00", "--days", "1",
       "--office-hours", "18:00-09:00"},
  };
  for (const auto& args : bad) {
    auto o = run_cli(args);
    EXPECT_EQ(o.rc, kExitUsage) << ::testing::PrintToString(args);
    EXPECT_EQ(o.out, "") << ::testing::PrintToString(args);
    EXPECT_NE(o.err.find("usage:"), std::string::npos) << ::testing::PrintToString(args);
  }
}

}  // namespace
}  // namespace zhishen::cli
