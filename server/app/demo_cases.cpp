// The demo cases of demo_seed.hpp: plans (sample, path of steps, light wanted now), the submission
// instant that gives each plan its light (found by running the same pure transitions), then every
// step of every case in time order through a seeding context whose clock shows the step's instant.
#include <Poco/Logger.h>

#include <algorithm>
#include <random>

#include "demo_plans.hpp"
#include "demo_seed.hpp"
#include "services/applications.hpp"
#include "services/case_support.hpp"
#include "services/casework.hpp"
#include "services/certificates.hpp"
#include "services/validation.hpp"
#include "zhishen/json/write.hpp"
#include "zhishen/lifecycle/case_deadlines.hpp"
#include "zhishen/lifecycle/case_machine.hpp"

namespace zhishen::server {
namespace {

using namespace demo;
using lifecycle::Action;
using lifecycle::Role;
using lifecycle::State;

constexpr std::chrono::hours kScanStep{1};      // resolution of the search for a light
constexpr std::chrono::hours kScanSpan{24 * 35};  // how far back a case may start

class SeedClock final : public ports::Clock {
 public:
  Instant now() const override { return at; }
  Instant at{};
};


// A step no service performs yet, on a stored case, as a service does it: one transaction with the
// transition, the derived deadlines and the audit entry.
Status own_transition(ServerContext& sctx, const std::string& case_no, Action a) {
  const Instant now = sctx.now();
  return sctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto f = tx.cases().load(case_no);
    if (!f) return f.error();
    const State from = f->record.state;
    const domain::CaseFile before = *f;
    const std::int64_t version = f->record.version;
    const Role role = own_role(a);
    const std::string actor = role == Role::system ? "system" : role == Role::applicant ? f->channel : kActor;
    auto moved = lifecycle::apply(f->record, {a, role, actor, now, input_for(a).reason, "", false});
    if (!moved) return moved.error();
    f->record = std::move(moved).value();
    if (a == Action::refuse_acceptance) f->decided_at = now;
    refresh_deadlines(sctx, *f);
    if (auto st = tx.cases().save(*f, version); !st) return st;
    if (auto st = record_publicity(sctx, tx, before, *f, now); !st) return st;
    tx.audit().append({0, now, actor, std::string(lifecycle::to_string(role)), "case.transition", case_no,
                       json::Object{{"action", std::string(lifecycle::to_string(a))},
                                    {"from", std::string(lifecycle::to_string(from))},
                                    {"to", std::string(lifecycle::to_string(f->record.state))},
                                    {"seeded", true}},
                       "", ""});
    return {};
  });
}

// A case received at the counter and not yet decided (state submitted).
Status create_direct(ServerContext& sctx, Plan& p) {
  const Instant now = sctx.now();
  auto applicant = parse_applicant(p.sample->application, local_date(now, UtcOffset{}));
  if (!applicant) return applicant.error();
  auto materials = parse_materials(p.sample->application);
  if (!materials) return materials.error();
  domain::CaseFile f;
  f.item_code = p.item->version.item_code;
  f.item_version = p.item->version.version;
  f.department_code = p.item->department_code;
  f.channel = p.channel;
  f.applicant = *applicant;
  f.application = p.sample->application;
  f.materials = std::move(materials).value();
  f.record = lifecycle::open_case(p.item->terms, now);
  refresh_deadlines(sctx, f);
  f.case_no = new_number("ZS", now);
  return sctx.store().transact([&](ports::StoreTx& tx) -> Status {
    if (auto st = tx.cases().create(f); !st) return st;
    tx.audit().append({0, now, p.channel, "applicant", "application.submit", f.case_no,
                       json::Object{{"item", f.item_code}, {"outcome", "pending"}, {"seeded", true}}, "", ""});
    p.case_no = f.case_no;
    return {};
  });
}

// Runs one step (0: the submission) of a plan at the seeding clock's instant.
Status run_step(ServerContext& sctx, Plan& p, std::size_t step, int serial,
                const std::map<std::string, domain::StaffAccount>& accounts,
                const std::map<std::string, domain::Channel>& channels) {
  if (step == 0) {
    if (p.direct) return create_direct(sctx, p);
    auto channel = channels.find(p.channel);
    if (channel == channels.end()) return make_error("demo.channel.not_found", "no channel " + p.channel);
    const std::string raw = json::to_json(p.sample->application);
    auto answer = submit_application(sctx, channel->second, "demo-seed-" + std::to_string(serial), raw,
                                     p.sample->application);
    if (!answer) return answer.error();
    p.case_no = answer->body.find("case_no")->as_string();
    return {};
  }
  const Action a = p.steps[step - 1];
  if (a == Action::issue_certificate || a == Action::complete) {
    // The re-check or manual approval before it has issued the certificate and completed the case.
    bool done = false;
    (void)sctx.store().transact([&](ports::StoreTx& tx) -> Status {
      if (auto f = tx.cases().load(p.case_no)) done = f->record.state == State::completed;
      return {};
    });
    if (done) return {};
  }
  if (own_step(a)) return own_transition(sctx, p.case_no, a);
  std::int64_t version = 0;
  (void)sctx.store().transact([&](ports::StoreTx& tx) -> Status {
    if (auto f = tx.cases().load(p.case_no)) version = f->record.version;
    return {};
  });
  const ActionInput in = input_for(a);
  json::Array items(in.items.begin(), in.items.end());
  json::Value body = json::Object{{"version", version}, {"reason", in.reason}, {"legal_basis", in.legal_basis}};
  if (!items.empty()) body.set("items", std::move(items));
  auto done = act_on_case(sctx, staff_principal(accounts, p.item->department_code, a), p.case_no,
                          std::string(lifecycle::to_string(a)), body);
  return done ? Status{} : Status{done.error()};
}

}  // namespace

Status seed_demo_cases(ServerContext& ctx, int cases_per_sample, DemoSeedReport& report) {
  const Instant now = ctx.now();
  auto catalogue = ctx.catalogue();
  auto cal = ctx.calendar();
  const auto samples = load_samples(ctx.config().items_dir);
  std::map<std::string, domain::StaffAccount> accounts;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    for (const char* name : {"demo-reviewer", "demo-approver"}) {
      if (auto a = tx.directory().staff_by_username(name)) accounts[name] = *a;
    }
    return {};
  });

  // Plans: each sample cases_per_sample times, its paths in turn; a few undecided counter cases.
  const std::vector<std::string> channels = {"web-hall", "app", "kiosk", "wechat", "counter"};
  std::vector<Plan> plans;
  std::map<std::string, std::size_t> turn;
  for (const auto& s : samples) {
    const CompiledItem* item = catalogue->find(s.item_code);
    if (item == nullptr) continue;
    for (int i = 0; i < std::max(1, cases_per_sample); ++i) {
      const bool direct = s.expected == "approved" && i == 0;
      const std::string kind = direct ? "direct" : s.expected;
      const auto& paths = paths_for(kind);
      Plan p;
      p.sample = &s;
      p.item = item;
      p.direct = direct;
      p.channel = direct ? "counter" : channels[plans.size() % channels.size()];
      p.steps = paths[turn[kind]++ % paths.size()];
      plans.push_back(std::move(p));
    }
  }
  if (plans.empty()) return make_error("demo.catalogue.empty", "no shipped sample matches an active item");

  // A start for each plan that gives it the light wanted now (green, yellow, red in turn), where
  // its clocks allow that light; otherwise a start that gives any light.
  std::mt19937 rng(20240208);
  lifecycle::DeadlineView view{ctx.deadline_policy(), ctx.yellow_threshold()};
  std::map<std::string, std::map<calendar::Light, std::vector<Instant>>> starts_cache;
  int serial = 0;
  for (auto& p : plans) {
    std::vector<Action> resolved;
    if (!simulate(p, now - kScanSpan, accounts, &resolved)) resolved.clear();
    p.steps = resolved;
    std::string key = p.item->version.item_code + (p.direct ? "/direct/" : "/" + p.sample->expected + "/");
    for (Action a : p.steps) key += std::string(lifecycle::to_string(a)) + ",";
    auto& starts = starts_cache[key];
    if (starts.empty()) {
      const auto earliest = kGap * static_cast<int>(p.steps.size() + 1);
      for (auto back = std::chrono::duration_cast<std::chrono::seconds>(earliest); back <= kScanSpan; back += kScanStep) {
        auto f = simulate(p, now - back, accounts, nullptr);
        if (!f) continue;
        auto d = lifecycle::derive_deadlines(f->record, *cal, now, view);
        if (d) starts[d->light].push_back(now - back);
      }
    }
    // Yellow windows are short (none at all for one-day spans outside office hours): red instead.
    const auto light = static_cast<calendar::Light>(serial++ % 3);
    const auto fallback = light == calendar::Light::yellow ? calendar::Light::red : calendar::Light::green;
    const auto& pick = !starts[light].empty()      ? starts[light]
                       : !starts[fallback].empty() ? starts[fallback]
                                                   : starts[calendar::Light::green];
    p.start = pick.empty() ? now - std::chrono::hours{1} : pick[rng() % pick.size()];
  }

  // Every step of every case in time order, each at its own instant.
  struct Event {
    Instant at;
    std::size_t plan;
    std::size_t step;
  };
  std::vector<Event> events;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    for (std::size_t k = 0; k <= plans[i].steps.size(); ++k) events.push_back({plans[i].start + kGap * static_cast<int>(k), i, k});
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
  SeedClock clock;
  ServerContext sctx(ctx.config(), ctx.store(), clock, ctx.log());
  sctx.set_calendar(ctx.calendar());
  sctx.set_catalogue(ctx.catalogue());
  sctx.set_shared_data(ctx.shared_data());
  sctx.set_keys(ctx.keys());
  std::map<std::string, domain::Channel> by_name;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    for (const auto& c : tx.directory().channels()) by_name[c.name] = c;
    return {};
  });
  int failed = 0;
  for (const auto& e : events) {
    Plan& p = plans[e.plan];
    if (p.stopped || (e.step > 0 && p.case_no.empty())) continue;
    clock.at = e.at;
    if (auto st = run_step(sctx, p, e.step, static_cast<int>(e.plan), accounts, by_name); !st) {
      p.stopped = true;
      ++failed;
      ctx.log().debug("demo seed: case plan %z step %z: %s", e.plan, e.step, st.error().id);
    }
  }

  // The lights as of the real now (the steps computed them as of their own instants).
  for (const auto& p : plans) {
    if (p.case_no.empty()) continue;
    auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
      auto f = tx.cases().load(p.case_no);
      if (!f) return f.error();
      auto d = lifecycle::derive_deadlines(f->record, *cal, now, view);
      const calendar::Light light = d ? d->light : f->light;
      if (light != f->light) {
        if (auto s = tx.cases().set_light(p.case_no, light); !s) return s;
      }
      ++report.cases;
      ++report.by_state[std::string(lifecycle::to_string(f->record.state))];
      ++report.by_light[std::string(calendar::to_string(light))];
      return {};
    });
    if (!st) return st;
  }
  ctx.log().information("demo seed: %d cases (%d plans stopped early)", report.cases, failed);
  return {};
}

}  // namespace zhishen::server
