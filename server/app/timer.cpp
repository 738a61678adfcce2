#include "timer.hpp"

#include <Poco/Logger.h>

#include "zhishen/lifecycle/case_deadlines.hpp"

namespace zhishen::server {
namespace {

// The light of a case now, from its clocks on the current calendar.
calendar::Light light_now(ServerContext& ctx, const domain::CaseFile& f) {
  auto cal = ctx.calendar();
  lifecycle::DeadlineView view{ctx.deadline_policy(), ctx.yellow_threshold()};
  auto statuses = lifecycle::clock_statuses(f.record, *cal, ctx.now(), view);
  return statuses ? lifecycle::case_light(*statuses) : calendar::Light::green;
}

}  // namespace

void run_timer_tick(ServerContext& ctx) {
  const Instant now = ctx.now();
  const Instant after = ctx.last_tick().value_or(now - std::chrono::hours{24 * 7});
  std::vector<domain::CaseSummary> changing;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    changing = tx.cases().lights_changing(after, now, 100000);
    return {};
  });
  for (const auto& s : changing) {
    (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
      auto f = tx.cases().load(s.case_no);
      if (!f) return f.error();
      const calendar::Light light = light_now(ctx, *f);
      if (light == f->light) return {};
      if (auto st = tx.cases().set_light(s.case_no, light); !st) return st;
      tx.audit().append({0, now, "system", "system", "case.light", s.case_no,
                         json::Object{{"from", std::string(calendar::to_string(f->light))},
                                      {"to", std::string(calendar::to_string(light))}},
                         "", ""});
      return {};
    });
  }
  ctx.set_last_tick(now);
}

}  // namespace zhishen::server
