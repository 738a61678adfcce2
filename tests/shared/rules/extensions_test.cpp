// The approval extensions: today, now, workdays_between, age_on, valid_citizen_id, valid_uscc, lookup.
#include <gtest/gtest.h>

#include <map>

#include "rules_test_support.hpp"
#include "zhishen/calendar/holiday_files.hpp"

namespace zhishen::rules {
namespace {

using testing::eval_text;

class FakeSharedData final : public ports::SharedDataLookup {
 public:
  Result<std::optional<json::Value>> lookup(const std::string& dataset, const std::string& key) const override {
    ++calls;
    if (dataset == "down") return make_error("shared_data.unavailable", "source down");
    if (dataset != "credit_blacklist") return make_error("shared_data.unknown_dataset", dataset);
    if (key == "91350100M000100Y43") return std::optional<json::Value>(json::Object{{"reason", "失信被执行人"}});
    return std::optional<json::Value>{};
  }
  mutable int calls = 0;
};

EvalEnv env_at(const char* instant) {
  EvalEnv env;
  env.now = parse_instant(instant).value();
  return env;
}

TEST(Extensions, TodayAndNowUseTheInjectedInstantInChinaTime) {
  const auto env = env_at("2024-03-13T17:30:00Z");  // 01:30 on the 14th in Beijing
  EXPECT_EQ(eval_text(R"({"today":[]})", "null", env), "\"2024-03-14\"");
  EXPECT_EQ(eval_text(R"({"now":[]})", "null", env), "\"2024-03-14T01:30:00+08:00\"");
}

TEST(Extensions, WorkdaysBetweenUsesTheOfficialCalendar) {
  auto cal = calendar::load_holiday_dir(ZHISHEN_HOLIDAYS_DIR);
  ASSERT_TRUE(cal.ok());
  EvalEnv env = env_at("2024-03-13T09:00:00+08:00");
  env.calendar = &*cal;
  EXPECT_EQ(eval_text(R"({"workdays_between":["2024-01-31","2024-02-29"]})", "null", env), "18");
  EXPECT_EQ(eval_text(R"({"workdays_between":["2024-02-29","2024-01-31"]})", "null", env), "-18");
  EXPECT_EQ(eval_text(R"({"workdays_between":[{"var":"a"},{"today":[]}]})", R"({"a":"2024-03-12T10:00:00+08:00"})", env), "1");
  EXPECT_EQ(eval_text(R"({"workdays_between":["2024-13-01","2024-02-29"]})", "null", env), "null");
  EXPECT_EQ(eval_text(R"({"workdays_between":[20240101,"2024-02-29"]})", "null", env), "null");
  // Without a calendar: Monday to Friday.
  EXPECT_EQ(eval_text(R"({"workdays_between":["2024-01-31","2024-02-29"]})", "null", env_at("2024-03-13T09:00:00Z")), "21");
}

TEST(Extensions, AgeOnFromCitizenIdOrBirthDate) {
  const auto env = env_at("2024-03-13T09:00:00+08:00");
  // 11010519491231002X: born 1949-12-31.
  EXPECT_EQ(eval_text(R"({"age_on":["11010519491231002X"]})", "null", env), "74");
  EXPECT_EQ(eval_text(R"({"age_on":["11010519491231002X","1967-12-30"]})", "null", env), "17");
  EXPECT_EQ(eval_text(R"({"age_on":["11010519491231002X","1967-12-31"]})", "null", env), "18");
  EXPECT_EQ(eval_text(R"({"age_on":["2008-02-29","2026-02-28"]})", "null", env), "17");
  EXPECT_EQ(eval_text(R"({"age_on":["2008-02-29","2026-03-01"]})", "null", env), "18");
  EXPECT_EQ(eval_text(R"({"age_on":["150102880730303"]})", "null", env), "35");  // 15-digit form, born 1988-07-30
  EXPECT_EQ(eval_text(R"({"age_on":["110105194912310021"]})", "null", env), "null");  // bad check digit
  EXPECT_EQ(eval_text(R"({"age_on":["2030-01-01"]})", "null", env), "null");           // not born yet
  EXPECT_EQ(eval_text(R"({"age_on":[36]})", "null", env), "null");
  EXPECT_EQ(eval_text(R"({"age_on":["1990-01-01","someday"]})", "null", env), "null");
}

TEST(Extensions, IdentityChecks) {
  const auto env = env_at("2024-03-13T09:00:00+08:00");
  EXPECT_EQ(eval_text(R"({"valid_citizen_id":"11010519491231002X"})", "null", env), "true");
  EXPECT_EQ(eval_text(R"({"valid_citizen_id":"110105194912310021"})", "null", env), "false");
  EXPECT_EQ(eval_text(R"({"valid_citizen_id":12345})", "null", env), "false");
  EXPECT_EQ(eval_text(R"({"valid_uscc":{"var":"c"}})", R"({"c":"91350100M000100Y43"})", env), "true");
  EXPECT_EQ(eval_text(R"({"valid_uscc":"91350100M000100Y44"})", "null", env), "false");
}

TEST(Extensions, LookupReadsThePortAndRecordsFailures) {
  FakeSharedData data;
  EvalEnv env = env_at("2024-03-13T09:00:00+08:00");
  env.shared_data = &data;
  EXPECT_EQ(eval_text(R"({"lookup":["credit_blacklist",{"var":"u"}]})", R"({"u":"91350100M000100Y43"})", env),
            R"({"reason":"失信被执行人"})");
  EXPECT_EQ(eval_text(R"({"!":{"lookup":["credit_blacklist","nobody"]}})", "null", env), "true");
  EXPECT_EQ(eval_text(R"({"lookup":["credit_blacklist",{"var":"missing"}]})", "{}", env), "null");  // null key: no call

  auto rule = compile_text(R"({"lookup":["down","k"]})");
  ASSERT_TRUE(rule.ok());
  Evaluator ev(env);
  auto r = ev.evaluate(**rule, Val::null());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(to_json_text(*r), "null");
  ASSERT_EQ(ev.lookup_failures().size(), 1u);
  EXPECT_EQ(ev.lookup_failures()[0].error_id, "shared_data.unavailable");
  ev.reset();
  EXPECT_TRUE(ev.lookup_failures().empty());
}

}  // namespace
}  // namespace zhishen::rules
