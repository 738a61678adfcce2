#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace zhishen::cli {
namespace {

using testing::run_cli;

TEST(CliUsage, NoArgumentsDescribesTheProgram) {
  auto o = run_cli({});
  EXPECT_EQ(o.rc, kExitOk);
  EXPECT_NE(o.out.find("智审"), std::string::npos);
  EXPECT_NE(o.out.find("years 2007–2026"), std::string::npos);
  EXPECT_EQ(run_cli({"describe"}).out, o.out);
}

TEST(CliUsage, HelpAndVersion) {
  EXPECT_EQ(run_cli({"--help"}).rc, kExitOk);
  EXPECT_NE(run_cli({"--help"}).out.find("usage: zhishen"), std::string::npos);
  EXPECT_EQ(run_cli({"--version"}).out.rfind("zhishen ", 0), 0u);
}

TEST(CliUsage, UnknownCommandIsAUsageError) {
  auto o = run_cli({"frobnicate"});
  EXPECT_EQ(o.rc, kExitUsage);
  EXPECT_EQ(o.out, "");
  EXPECT_NE(o.err.find("unknown command"), std::string::npos);
  EXPECT_EQ(run_cli({"describe", "extra"}).rc, kExitUsage);
}

}  // namespace
}  // namespace zhishen::cli
