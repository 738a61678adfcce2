#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace zhishen::cli {
namespace {

using testing::run_cli;

TEST(CliId, AllValidExitsZero) {
  auto o = run_cli({"id", "check", "11010519491231002X", "91350100M000100Y43", "440524188001010014"});
  EXPECT_EQ(o.rc, kExitOk);
  EXPECT_EQ(o.out, "11010519491231002X valid\n91350100M000100Y43 valid\n440524188001010014 valid\n");
}

TEST(CliId, InvalidCodesNameTheirErrorIdAndExitOne) {
  auto o = run_cli({"id", "check", "--today", "2024-06-01", "110105194912310021", "91350100M000100Y44",
                    "11010520300101001X", "150102880730303", "ABC"});
  EXPECT_EQ(o.rc, kExitInvalid);
  EXPECT_EQ(o.out,
            "110105194912310021 invalid id.citizen.checksum\n"
            "91350100M000100Y44 invalid id.uscc.checksum\n"
            "11010520300101001X invalid id.citizen.birth_date\n"
            "150102880730303 valid\n"
            "ABC invalid id.uscc.length\n");
}

TEST(CliId, UsageErrors) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"id"}, {"id", "check"}, {"id", "verify", "x"}, {"id", "check", "--today", "someday", "X"}}) {
    auto o = run_cli(args);
    EXPECT_EQ(o.rc, kExitUsage) << ::testing::PrintToString(args);
    EXPECT_NE(o.err.find("usage:"), std::string::npos);
  }
}

}  // namespace
}  // namespace zhishen::cli
