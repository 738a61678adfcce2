#include "zhishen/calendar/light.hpp"

#include <gtest/gtest.h>

#include "calendar_fixture.hpp"

namespace zhishen::calendar {
namespace {

using testing::shipped_calendar;
using testing::T;

class LightTest : public ::testing::Test {
 protected:
  // Submitted Mon 2024-03-11 09:00, 4 working days: due Fri 2024-03-15 24:00.
  Deadline deadline = compute_deadline(shipped_calendar(), T("2024-03-11", 9), 4, {}).value();

  Light at(Instant now, const YellowThreshold& th = FractionOfSpan{0.25}) const {
    return light_for(shipped_calendar(), deadline, 4, now, th).light;
  }
};

TEST_F(LightTest, GreenYellowRedByFractionOfSpan) {
  // Span = 4 × 8 h = 32 working hours; yellow in the last 8.
  EXPECT_EQ(at(T("2024-03-12", 9)), Light::green);
  EXPECT_EQ(at(T("2024-03-14", 12)), Light::green);   // 13 working hours left
  EXPECT_EQ(at(T("2024-03-15", 10)), Light::yellow);  // 7 working hours left
}

TEST_F(LightTest, ThresholdBoundaryIsInclusive) {
  // At Thu 17:00 exactly 8 working hours remain (Fri 09–17): that is within the last 25 %.
  const auto a = light_for(shipped_calendar(), deadline, 4, T("2024-03-14", 17), FractionOfSpan{0.25});
  EXPECT_EQ(a.working_time_left, std::chrono::minutes{8 * 60});
  EXPECT_EQ(a.light, Light::yellow);
  EXPECT_EQ(at(T("2024-03-14", 16, 59)), Light::green);
}

TEST_F(LightTest, RedOnceTheDeadlinePasses) {
  EXPECT_EQ(at(T("2024-03-15", 23, 59)), Light::yellow);  // after office hours, before 24:00
  EXPECT_EQ(at(T("2024-03-16", 0)), Light::red);
  EXPECT_EQ(at(T("2024-04-01", 0)), Light::red);
}

TEST_F(LightTest, LastNWorkingHoursThreshold) {
  EXPECT_EQ(at(T("2024-03-15", 12), LastWorkingHours{4}), Light::green);  // 5 h left
  EXPECT_EQ(at(T("2024-03-15", 13), LastWorkingHours{4}), Light::yellow);  // 4 h left
  // The weekend does not eat working time: Friday 16:00 with a Monday deadline still has 9 h.
  const auto monday = compute_deadline(shipped_calendar(), T("2024-03-14", 9), 2, {}).value();  // due Mon 03-18
  EXPECT_EQ(light_for(shipped_calendar(), monday, 2, T("2024-03-15", 16), LastWorkingHours{8}).light, Light::green);
  EXPECT_EQ(light_for(shipped_calendar(), monday, 2, T("2024-03-15", 17), LastWorkingHours{8}).light, Light::yellow);
}

TEST_F(LightTest, PausedDeadlineIsGreen) {
  const auto paused =
      compute_deadline(shipped_calendar(), T("2024-03-11", 9), 4, std::vector<Suspension>{{T("2024-03-12", 9), std::nullopt}})
          .value();
  ASSERT_TRUE(paused.paused);
  EXPECT_EQ(light_for(shipped_calendar(), paused, 4, T("2024-05-01", 9)).light, Light::green);
}

TEST(LightNames, Strings) {
  EXPECT_EQ(to_string(Light::green), "green");
  EXPECT_EQ(to_string(Light::yellow), "yellow");
  EXPECT_EQ(to_string(Light::red), "red");
}

}  // namespace
}  // namespace zhishen::calendar

namespace zhishen::calendar {
namespace {

using testing::shipped_calendar;
using testing::T;

TEST(YellowFrom, IsTheInstantTheLightTurns) {
  // Due Fri 2024-03-15 24:00, span 4: the last 8 working hours begin Fri 09:00.
  const auto d = compute_deadline(shipped_calendar(), T("2024-03-11", 9), 4, {}).value();
  const auto y = yellow_from(shipped_calendar(), d, 4, FractionOfSpan{0.25});
  ASSERT_TRUE(y.has_value());
  EXPECT_EQ(*y, T("2024-03-14", 17));  // Thu 17:00: exactly 8 working hours left (Fri 09–17)
  EXPECT_EQ(light_for(shipped_calendar(), d, 4, *y).light, Light::yellow);
  EXPECT_EQ(light_for(shipped_calendar(), d, 4, *y - std::chrono::minutes{1}).light, Light::green);
  // Over a weekend: due Mon 03-18 24:00, last 12 hours: Mon 8 h + Fri 4 h -> Fri 13:00.
  const auto monday = compute_deadline(shipped_calendar(), T("2024-03-14", 9), 2, {}).value();
  EXPECT_EQ(yellow_from(shipped_calendar(), monday, 2, LastWorkingHours{12}), T("2024-03-15", 13));
  // Paused: none.
  const auto paused = compute_deadline(shipped_calendar(), T("2024-03-11", 9), 4,
                                       std::vector<Suspension>{{T("2024-03-12", 9), std::nullopt}}).value();
  EXPECT_FALSE(yellow_from(shipped_calendar(), paused, 4).has_value());
}

}  // namespace
}  // namespace zhishen::calendar
