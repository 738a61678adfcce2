#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli_runner.hpp"

namespace zhishen::cli {
namespace {

using testing::run_cli;
namespace fs = std::filesystem;

class TempFiles {
 public:
  TempFiles() : dir_(fs::temp_directory_path() / ("zhishen-cli-rules-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
  }
  ~TempFiles() { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  fs::path dir_;
};

TEST(CliRules, EvalPairsWritesOneLinePerInputLineAndGoesOnAfterErrors) {
  auto o = run_cli({"rules", "eval", "--pairs"},
                   "[{\"var\":\"a\"},{\"a\":1}]\n"
                   "not json\n"
                   "[{\"nope\":1},null]\n"
                   "[1]\n"
                   "\n"
                   "[{\"cat\":[\"中\",1.5]},null]\n");
  EXPECT_EQ(o.rc, kExitOk) << o.err;
  std::istringstream lines(o.out);
  std::vector<std::string> got;
  for (std::string l; std::getline(lines, l);) got.push_back(l);
  ASSERT_EQ(got.size(), 6u) << o.out;
  EXPECT_EQ(got[0], "1");
  EXPECT_EQ(got[1].rfind("{\"error\":{\"id\":\"json.parse.syntax\"", 0), 0u) << got[1];
  EXPECT_EQ(got[2].rfind("{\"error\":{\"id\":\"rules.parse.unknown_operator\"", 0), 0u) << got[2];
  EXPECT_EQ(got[3].rfind("{\"error\":{\"id\":\"rules.pair.shape\"", 0), 0u) << got[3];
  EXPECT_EQ(got[4].rfind("{\"error\":{\"id\":\"json.parse.syntax\"", 0), 0u) << got[4];
  EXPECT_EQ(got[5], "\"中1.5\"");
}

TEST(CliRules, EvalLinesAppliesAnArrayOfRulesToEachLine) {
  TempFiles tmp;
  const auto rule = tmp.write("rule.json", R"([{">=":[{"var":"age"},18]},{"in":[{"var":"r"},["a","b"]]}])");
  auto o = run_cli({"rules", "eval", "--rule", rule, "--lines"}, "{\"age\":20,\"r\":\"a\"}\n{\"age\":3}\r\n{bad\n{\"age\":\"18\",\"r\":\"b\"}");
  EXPECT_EQ(o.rc, kExitOk) << o.err;
  EXPECT_EQ(o.out.substr(0, o.out.find("{\"error\"")), "[true,true]\n[false,false]\n");
  EXPECT_NE(o.out.find("{\"error\":{\"id\":\"json.parse.syntax\""), std::string::npos);
  EXPECT_NE(o.out.find("\n[true,true]\n"), std::string::npos);
}

TEST(CliRules, EvalUsesNowForToday) {
  auto o = run_cli({"rules", "eval", "--pairs", "--now", "2024-02-10T12:00:00+08:00"},
                   "[{\"workdays_between\":[{\"today\":[]},\"2024-02-19\"]},null]\n");
  EXPECT_EQ(o.out, "2\n");  // 02-18 (调休 Sunday) and 02-19
}

TEST(CliRules, EvalUsageErrors) {
  TempFiles tmp;
  const auto bad = tmp.write("bad.json", R"({"nope":1})");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"rules"}, {"rules", "eval"}, {"rules", "eval", "--pairs", "--lines"}, {"rules", "eval", "--lines"},
           {"rules", "eval", "--rule", tmp.path("missing.json"), "--lines"}, {"rules", "eval", "--rule", bad, "--lines"},
           {"rules", "eval", "--pairs", "--now", "yesterday"}, {"rules", "frob"}}) {
    auto o = run_cli(args);
    EXPECT_EQ(o.rc, kExitUsage) << ::testing::PrintToString(args);
    EXPECT_NE(o.err.find("usage:"), std::string::npos);
  }
}

TEST(CliRules, CheckReportsRuleSetsAndRules) {
  TempFiles tmp;
  const auto set = tmp.write("set.json", R"({"item_code":"X","version":1,
      "review_points":[{"id":"R1","description":"d","expr":{">":[{"var":"a"},1]},"on_fail":"reject"}]})");
  const auto bad_set = tmp.write("bad_set.json", R"({"item_code":"X","version":1,
      "review_points":[{"id":"R1","description":"d","expr":{"<":[1]},"on_fail":"reject"}]})");
  const auto rule = tmp.write("rule.json", R"({"var":"a"})");
  auto ok = run_cli({"rules", "check", set, rule});
  EXPECT_EQ(ok.rc, kExitOk) << ok.out;
  EXPECT_NE(ok.out.find("ok: rule set X v1, 1 rules"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("rule.json ok: rule"), std::string::npos);
  auto no = run_cli({"rules", "check", bad_set, tmp.path("absent.json")});
  EXPECT_EQ(no.rc, kExitInvalid);
  EXPECT_NE(no.out.find("invalid rules.parse.arity"), std::string::npos) << no.out;
  EXPECT_NE(no.out.find("$.review_points[0].expr"), std::string::npos) << no.out;
  EXPECT_NE(no.out.find("invalid cli.file.unreadable"), std::string::npos);
}

TEST(CliRules, TestRunsCasesAndFailsOnAMismatch) {
  TempFiles tmp;
  const auto set = tmp.write("set.json", R"({"item_code":"X","version":1,
      "eligibility":[{"id":"E1","description":"adult","expr":{">=":[{"var":"age"},18]}}],
      "review_points":[{"id":"R1","description":"d","expr":{">":[{"var":"a"},1]},"on_fail":"reject"}]})");
  const auto cases = tmp.write("cases.json", R"([
      {"expected":"approved","application":{"age":30,"a":2}},
      {"expected":"rejected","application":{"age":30,"a":0}},
      {"expected":"ineligible","application":{"age":3,"a":2}}])");
  auto ok = run_cli({"rules", "test", set, "--cases", cases});
  EXPECT_EQ(ok.rc, kExitOk) << ok.out;
  EXPECT_NE(ok.out.find("3 passed, 0 failed"), std::string::npos);
  const auto wrong = tmp.write("wrong.json", R"({"expected":"approved","application":{"age":30,"a":0}})");
  auto no = run_cli({"rules", "test", set, "--cases", wrong});
  EXPECT_EQ(no.rc, kExitInvalid);
  EXPECT_NE(no.out.find("FAIL wrong.json expected approved got rejected (R1)"), std::string::npos) << no.out;
  const auto malformed = tmp.write("malformed.json", R"({"expected":"perhaps","application":{}})");
  auto m = run_cli({"rules", "test", set, "--cases", malformed});
  EXPECT_EQ(m.rc, kExitInvalid);
  EXPECT_NE(m.out.find("ERROR malformed.json rules.case.schema"), std::string::npos);
}

TEST(CliDecide, PrintsTheDecisionWithItsTrace) {
  TempFiles tmp;
  const auto set = tmp.write("set.json", R"({"item_code":"X","version":4,
      "review_points":[{"id":"R1","description":"d","expr":{">":[{"var":"a"},1]},"on_fail":"manual_review","message":"看一看"}]})");
  const auto app = tmp.write("app.json", R"({"expected":"manual_review","application":{"a":0}})");
  auto o = run_cli({"decide", "--ruleset", set, "--application", app});
  EXPECT_EQ(o.rc, kExitOk) << o.err;
  EXPECT_NE(o.out.find("\"outcome\": \"manual_review\""), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("\"rule_set_version\": 4"), std::string::npos);
  EXPECT_NE(o.out.find("\"a\": 0"), std::string::npos);  // the value R1 read
  EXPECT_EQ(run_cli({"decide", "--ruleset", set}).rc, kExitUsage);
  EXPECT_EQ(run_cli({"decide", "--ruleset", set, "--application", tmp.path("none.json")}).rc, kExitUsage);
}

}  // namespace
}  // namespace zhishen::cli
