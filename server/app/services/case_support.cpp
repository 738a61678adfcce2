#include "case_support.hpp"

#include <algorithm>

#include "zhishen/crypto/hash.hpp"
#include "zhishen/lifecycle/case_deadlines.hpp"

namespace zhishen::server {

rules::Decision decide_with(ServerContext& ctx, const CompiledItem& item, const json::Value& data, bool precheck_only) {
  auto cal = ctx.calendar();
  auto shared = ctx.shared_data();
  rules::EvalEnv env;
  env.now = ctx.now();
  env.calendar = cal.get();
  env.shared_data = shared.get();
  // One evaluator per request thread: its arena's blocks are reused from one decision to the next.
  thread_local rules::Evaluator ev;
  ev.set_env(std::move(env));
  rules::DecisionOptions options;
  options.time_budget = ctx.config().decision_budget;
  return precheck_only ? rules::precheck(item.rules, data, ev, options) : rules::decide(item.rules, data, ev, options);
}

void refresh_deadlines(ServerContext& ctx, domain::CaseFile& file) {
  auto cal = ctx.calendar();
  lifecycle::DeadlineView view{ctx.deadline_policy(), ctx.yellow_threshold()};
  auto d = lifecycle::derive_deadlines(file.record, *cal, ctx.now(), view);
  if (!d) return;  // clocks the calendar cannot place (beyond year 9999): keep the old columns
  file.due_at = d->due_at;
  file.yellow_at = d->yellow_at;
  file.light = d->light;
}

std::string new_number(const std::string& prefix, Instant now) {
  std::string date = local_date(now, UtcOffset{}).to_string();
  date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
  std::string hex = crypto::to_hex(crypto::random_bytes(4));
  for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return prefix + date + hex;
}

}  // namespace zhishen::server
