#pragma once
// Lights (红黄灯): green / yellow / red for a running deadline.
//
// Red once `now` is at or past the deadline instant. Yellow when the working time left (office
// hours on working days, see deadline.hpp) is at or below the threshold: either a fraction of
// the span's working time (e.g. the last 25 %) or a fixed number of working hours. Green
// otherwise. A paused deadline (open suspension) shows green: its clock is not running.
//
// Thread-safety: pure functions.

#include <chrono>
#include <optional>
#include <string_view>
#include <variant>

#include "zhishen/calendar/deadline.hpp"

namespace zhishen::calendar {

enum class Light { green, yellow, red };

std::string_view to_string(Light l);  // "green" | "yellow" | "red"

struct FractionOfSpan {
  double fraction = 0.25;  // 0 < fraction <= 1
};
struct LastWorkingHours {
  double hours = 8;  // > 0
};
using YellowThreshold = std::variant<FractionOfSpan, LastWorkingHours>;

struct LightAnswer {
  Light light = Light::green;
  std::chrono::minutes working_time_left{0};  // 0 when red
  bool provisional = false;
};

LightAnswer light_for(const WorkdayCalendar& cal, const Deadline& deadline, int span_workdays, Instant now,
                      const YellowThreshold& threshold = FractionOfSpan{},
                      const DeadlinePolicy& policy = {});

// The instant the light turns yellow: the latest instant before the deadline from which no more
// working time than the threshold is left (light_for(now) is yellow from then until the deadline).
// For a paused deadline there is none.
std::optional<Instant> yellow_from(const WorkdayCalendar& cal, const Deadline& deadline, int span_workdays,
                                   const YellowThreshold& threshold = FractionOfSpan{},
                                   const DeadlinePolicy& policy = {});

}  // namespace zhishen::calendar
