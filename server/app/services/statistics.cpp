// Efficiency statistics (statistics.hpp): the transitions of the period read in pages, then counted.
#include "statistics.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <vector>

#include "period.hpp"
#include "permissions.hpp"
#include "zhishen/calendar/deadline.hpp"
#include "zhishen/lifecycle/case_deadlines.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Action;

double rounded(double v, int places) {
  const double f = std::pow(10.0, places);
  return std::round(v * f) / f;
}

json::Value median(std::vector<double> v, int places) {
  if (v.empty()) return nullptr;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return rounded(n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0, places);
}

json::Value share(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return nullptr;
  return rounded(static_cast<double>(part) / static_cast<double>(whole), 4);
}

// Durations from one instant to another: working hours on the calendar and calendar minutes.
struct Durations {
  std::vector<double> working_hours;
  std::vector<double> minutes;
  void add(const calendar::WorkdayCalendar& cal, const calendar::DeadlinePolicy& policy, Instant a, Instant b) {
    const auto working = calendar::working_time_between(cal, a, b, policy).value;
    working_hours.push_back(static_cast<double>(working.count()) / 60.0);
    minutes.push_back(static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(b - a).count()) / 60.0);
  }
  json::Value json() const {
    return json::Object{{"count", working_hours.size()},
                        {"median_working_hours", median(working_hours, 2)},
                        {"median_minutes", median(minutes, 2)}};
  }
};

bool automatic(Action a) { return a == Action::auto_approve || a == Action::auto_reject; }
bool manual(Action a) { return a == Action::manual_approve || a == Action::manual_reject; }
bool recheck(Action a) { return a == Action::confirm_recheck || a == Action::fail_recheck; }

}  // namespace

Result<json::Value> efficiency_statistics(ServerContext& ctx, const Principal& who,
                                          const std::map<std::string, std::string>& query) {
  if (auto st = require(who, Permission::query); !st) return st.error();
  auto period = parse_period(who, query, {});
  if (!period) return period.error();
  const Instant now = ctx.now();
  const auto policy = ctx.deadline_policy();
  const Instant start = local_instant(period->from, std::chrono::minutes{0}, policy.offset);
  const Instant end = local_instant(period->to.next(), std::chrono::minutes{0}, policy.offset);
  // Decisions, re-checks, and the other transitions that stop a decision clock.
  const std::vector<Action> actions = {Action::auto_approve,    Action::auto_reject,   Action::manual_approve,
                                       Action::manual_reject,   Action::confirm_recheck, Action::fail_recheck,
                                       Action::fail_precheck,   Action::refuse_acceptance};
  std::vector<ports::EventFact> facts;
  bool truncated = false;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    truncated = false;
    facts = read_facts(tx, actions, start, end, period->department, truncated);
    return {};
  });
  if (!st) return st.error();

  auto cal = ctx.calendar();
  std::int64_t automatic_n = 0, manual_n = 0, confirmed = 0, failed = 0;
  Durations decision_time, recheck_time;
  std::map<std::string, const std::vector<lifecycle::ClockRecord>*> stopped_cases;
  for (const auto& f : facts) {
    stopped_cases[f.case_no] = &f.clocks;
    if (automatic(f.action) || manual(f.action)) {
      ++(automatic(f.action) ? automatic_n : manual_n);
      decision_time.add(*cal, policy, f.submitted_at, f.at);
    } else if (recheck(f.action)) {
      ++(f.action == Action::confirm_recheck ? confirmed : failed);
      if (f.previous_action && automatic(*f.previous_action) && f.previous_at) {
        recheck_time.add(*cal, policy, *f.previous_at, f.at);
      }
    }
  }
  // A case counts once: overdue when any of its decision or re-check clocks that stopped in the
  // period stopped after its deadline.
  std::int64_t counted = 0, overdue = 0;
  lifecycle::DeadlineView view{policy, ctx.yellow_threshold()};
  for (const auto& [case_no, clocks] : stopped_cases) {
    lifecycle::CaseRecord record;
    record.clocks = *clocks;
    auto statuses = lifecycle::clock_statuses(record, *cal, now, view);
    if (!statuses) continue;  // clocks the calendar cannot place (beyond year 9999)
    bool stopped_in_period = false, late = false;
    for (std::size_t i = 0; i < statuses->size(); ++i) {
      const auto& clock = record.clocks[i];
      if (clock.kind == lifecycle::DeadlineKind::publicity || !clock.stopped) continue;
      if (*clock.stopped < start || *clock.stopped >= end) continue;
      stopped_in_period = true;
      late = late || (*statuses)[i].finished_late;
    }
    if (!stopped_in_period) continue;
    ++counted;
    if (late) ++overdue;
  }

  return json::Value(json::Object{
      {"from", period->from.to_string()},
      {"to", period->to.to_string()},
      {"department", period->department ? json::Value(*period->department) : json::Value(nullptr)},
      {"decisions", json::Object{{"total", automatic_n + manual_n},
                                 {"automatic", automatic_n},
                                 {"manual", manual_n},
                                 {"automatic_share", share(automatic_n, automatic_n + manual_n)}}},
      {"decision_time", decision_time.json()},
      {"recheck_time", recheck_time.json()},
      {"overdue", json::Object{{"cases", counted}, {"overdue", overdue}, {"rate", share(overdue, counted)}}},
      {"recheck", json::Object{{"confirmed", confirmed},
                               {"failed", failed},
                               {"confirmed_share", share(confirmed, confirmed + failed)}}},
      {"truncated", truncated},
      {"generated_at", format_instant(now, UtcOffset{})}});
}

}  // namespace zhishen::server
