#pragma once
// What rule evaluation needs from the command line: --now INSTANT (default: the system clock),
// --holidays DIR (the working-day calendar) and --shared-data DIR (the datasets `lookup` reads;
// default: the data directory the program was built with, when it exists).
//
// Ownership: EvalSetup owns the calendar and datasets the EvalEnv points to; keep it alive while
// evaluating. Thread-safety: build once, then read-only.

#include <memory>
#include <optional>
#include <string>

#include "args.hpp"
#include "zhishen/adapters/file_shared_data.hpp"
#include "zhishen/calendar/workday_calendar.hpp"
#include "zhishen/rules/evaluator.hpp"

namespace zhishen::cli {

struct EvalSetup {
  std::unique_ptr<calendar::WorkdayCalendar> calendar;
  std::unique_ptr<adapters::FileSharedData> shared_data;
  rules::EvalEnv env;
};

// The valued options this setup reads, to pass to parse_args.
inline const std::set<std::string> kEvalOptions = {"now", "holidays", "shared-data"};

Result<EvalSetup> make_eval_setup(const ParsedArgs& p);

}  // namespace zhishen::cli
