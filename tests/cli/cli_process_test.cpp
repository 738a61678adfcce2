// The real `zhishen` executable, run as a child process: exit codes and the split of stdout/stderr.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace {

struct Proc {
  int rc = -1;
  std::string out;
};

// Runs the CLI with a shell-quoted argument string; stderr goes to /dev/null unless redirected.
Proc run(const std::string& args) {
  const std::string cmd = std::string("'") + ZHISHEN_CLI + "' " + args;
  Proc p;
  FILE* f = popen(cmd.c_str(), "r");
  if (f == nullptr) return p;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), f)) > 0) p.out.append(buf.data(), n);
  const int status = pclose(f);
  p.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return p;
}

const std::string kHolidays = std::string("--holidays '") + ZHISHEN_HOLIDAYS_DIR + "'";

TEST(CliProcess, IsWorkday) {
  auto p = run("calendar is-workday " + kHolidays + " 2024-02-18 2024-02-12 2>/dev/null");
  EXPECT_EQ(p.rc, 0);
  EXPECT_EQ(p.out, "2024-02-18 yes\n2024-02-12 no\n");
}

TEST(CliProcess, AddWorkdays) {
  auto p = run("calendar add-workdays " + kHolidays + " --from 2024-09-30 --days 1");
  EXPECT_EQ(p.rc, 0);
  EXPECT_EQ(p.out, "2024-10-08\n");
}

TEST(CliProcess, IdCheckExitCodes) {
  EXPECT_EQ(run("id check 11010519491231002X 91350100M000100Y43").rc, 0);
  auto p = run("id check 11010519491231002X 110105194912310021");
  EXPECT_EQ(p.rc, 1);
  EXPECT_EQ(p.out, "11010519491231002X valid\n110105194912310021 invalid id.citizen.checksum\n");
}

TEST(CliProcess, BadArgumentsExitTwoWithUsageOnStderr) {
  for (const char* args : {"calendar add-workdays --days nope", "nonsense", "id", "calendar is-workday 2024-99-99",
                           "calendar is-workday --holidays"}) {
    auto quiet = run(std::string(args) + " 2>/dev/null");
    EXPECT_EQ(quiet.rc, 2) << args;
    EXPECT_EQ(quiet.out, "") << args;
    auto loud = run(std::string(args) + " 2>&1");
    EXPECT_NE(loud.out.find("usage:"), std::string::npos) << args;
  }
}

TEST(CliProcess, HostileArgumentsNeverCrash) {
  const std::string junk(100000, 'x');
  for (const std::string& args : std::vector<std::string>{"id check " + junk, "calendar is-workday " + junk, "'' ''", "id check $'\\xff\\xfe'",
                                 "calendar add-workdays --from 0001-01-01 --days 36500 " + kHolidays,
                                 "calendar workdays-between --from 0001-01-01 --to 9999-12-31 " + kHolidays}) {
    auto p = run(args + " 2>/dev/null");
    EXPECT_TRUE(p.rc == 0 || p.rc == 1 || p.rc == 2) << args.substr(0, 60) << " rc=" << p.rc;
  }
}

}  // namespace
