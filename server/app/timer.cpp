// One timer tick (timer.hpp). The window of a tick is (last tick, now]; the last tick is kept in
// the store (setting timer.last_tick), so the first tick after a restart sweeps the whole downtime.
//
//   1. cases whose yellow or red threshold (yellow_at, due_at) lies in the window, plus cases a
//      transition in the window left overdue (written with a deadline already passed): their
//      light is recomputed from their clocks on the current calendar; a change is written against
//      the version read (a concurrent transition wins; the case is read again) and audited as
//      case.light {from, to};
//   2. a red case gets a supervision ticket (reason 超期未办结, opened by "system") and its
//      department a notification (template light.red) — unless a ticket is open for the case or
//      one was opened since its deadline passed (this red spell already has one);
//   3. open tickets whose answer fell due in the window are audited once, ticket.overdue, in the
//      transaction that also moves timer.last_tick to now;
//   4. the metrics get the open cases by light and how late this tick ran.
// Running a tick again for the same instant finds an empty window and, for the cases of step 1,
// lights and tickets already as they should be: it changes nothing.
#include "timer.hpp"

#include <Poco/Logger.h>

#include <mutex>
#include <set>

#include "services/certificates.hpp"
#include "services/supervision.hpp"
#include "zhishen/lifecycle/case_deadlines.hpp"

namespace zhishen::server {
namespace {

constexpr const char* kLastTick = "timer.last_tick";
constexpr std::size_t kPage = 500;   // rows per sweep query; a full page splits the window
constexpr int kCaseAttempts = 3;     // a case changed by a concurrent transition is read again
constexpr const char* kRedReason = "超期未办结";

struct TickReport {
  int lights_changed = 0;
  int tickets_opened = 0;
  int answers_overdue = 0;
  bool clipped = false;  // more than kPage rows in one second of a window (logged)
};

std::optional<Instant> stored_last_tick(ServerContext& ctx) {
  std::optional<std::string> text;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    text = tx.catalogue().setting(kLastTick);
    return {};
  });
  if (!text) return std::nullopt;
  try {
    return Instant{std::chrono::seconds{std::stoll(*text)}};
  } catch (const std::exception&) {
    ctx.log().warning("timer: the stored last tick is unreadable; sweeping from the beginning");
    return std::nullopt;
  }
}

// Everything `query(after, until, limit)` returns over (after, until], one read transaction per
// page; a full page halves the window so that no row is lost to the limit.
template <class T, class Query>
void sweep_window(ServerContext& ctx, const Query& query, Instant after, Instant until, std::vector<T>& out,
                  TickReport& report) {
  if (until <= after) return;
  std::vector<T> page;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    page = query(tx, after, until, kPage);
    return {};
  });
  if (page.size() >= kPage && until - after > std::chrono::seconds{1}) {
    const Instant mid = after + (until - after) / 2;
    sweep_window(ctx, query, after, mid, out, report);
    sweep_window(ctx, query, mid, until, out, report);
    return;
  }
  if (page.size() >= kPage) report.clipped = true;
  out.insert(out.end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
}

// Whether a red case needs a ticket: none is open, and none was opened since its deadline passed.
bool needs_ticket(ports::StoreTx& tx, const std::string& case_no, Instant due) {
  for (const auto& t : tx.supervision().tickets_for_case(case_no)) {
    if (t.state != "closed" || t.opened_at >= due) return false;
  }
  return true;
}

void sweep_case(ServerContext& ctx, const std::string& case_no, Instant now, TickReport& report) {
  auto cal = ctx.calendar();
  const lifecycle::DeadlineView view{ctx.deadline_policy(), ctx.yellow_threshold()};
  for (int attempt = 0; attempt < kCaseAttempts; ++attempt) {
    bool changed = false;
    bool opened = false;
    auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
      changed = opened = false;
      auto f = tx.cases().load(case_no);
      if (!f) return f.error().id == "store.not_found" ? Status{} : Status{f.error()};
      auto d = lifecycle::derive_deadlines(f->record, *cal, now, view);
      if (!d) return {};  // clocks the calendar cannot place (beyond year 9999): left as they are
      const calendar::Light before = f->light;
      if (d->light != f->light || d->due_at != f->due_at || d->yellow_at != f->yellow_at) {
        f->due_at = d->due_at;
        f->yellow_at = d->yellow_at;
        f->light = d->light;
        if (auto s = tx.cases().save_deadlines(*f); !s) return s;
      }
      if (d->light != before) {
        tx.audit().append({0, now, "system", "system", "case.light", case_no,
                           json::Object{{"from", std::string(calendar::to_string(before))},
                                        {"to", std::string(calendar::to_string(d->light))},
                                        {"due_at", d->due_at ? json::Value(format_instant(*d->due_at, UtcOffset{}))
                                                             : json::Value(nullptr)}},
                           "", ""});
        changed = true;
      }
      if (d->light == calendar::Light::red && d->due_at && needs_ticket(tx, case_no, *d->due_at)) {
        auto t = open_ticket_in(ctx, tx, case_no, f->department_code, kRedReason, "system", "system", "light.red", now,
                                red_ticket_number(case_no, *d->due_at));
        if (!t) return t.error();
        opened = true;
      }
      return {};
    });
    if (st) {
      report.lights_changed += changed ? 1 : 0;
      report.tickets_opened += opened ? 1 : 0;
      return;
    }
    if (st.error().id == "store.duplicate") {  // another server's timer opened this very ticket first
      ctx.log().debug("timer: case %s was swept by another server", case_no);
      return;
    }
    if (st.error().id != "store.conflict") {
      ctx.log().warning("timer: case %s left as it is: %s", case_no, st.error().id);
      return;
    }
  }
  ctx.log().warning("timer: case %s kept changing under the timer; the next tick retries", case_no);
}

// Open tickets past their answer deadline are audited once; timer.last_tick moves to now in the
// same transaction, so a tick that fails here is swept again in full by the next one.
Status finish_tick(ServerContext& ctx, const std::vector<domain::Ticket>& due, Instant now, TickReport& report) {
  return ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    report.answers_overdue = 0;
    for (const auto& seen : due) {
      auto t = tx.supervision().ticket(seen.ticket_no);
      if (!t || t->state != "open") continue;
      tx.audit().append({0, now, "system", "system", "ticket.overdue", t->case_no,
                         json::Object{{"ticket_no", t->ticket_no},
                                      {"department", t->department_code},
                                      {"answer_due_at", format_instant(t->answer_due_at, UtcOffset{})}},
                         "", ""});
      ++report.answers_overdue;
    }
    return tx.catalogue().put_setting(kLastTick, std::to_string(now.time_since_epoch().count()), now);
  });
}

void update_metrics(ServerContext& ctx, Instant now, std::optional<Instant> previous) {
  long lights[3] = {0, 0, 0};
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    lights[0] = lights[1] = lights[2] = 0;
    for (const auto& c : tx.cases().light_counts(std::nullopt, now)) lights[static_cast<int>(c.light)] += c.count;
    return {};
  });
  ctx.metrics().set_lights(lights[0], lights[1], lights[2]);
  std::chrono::milliseconds lag{0};
  if (previous) {
    const auto late = now - *previous - std::chrono::duration_cast<std::chrono::seconds>(ctx.config().timer_interval);
    if (late > std::chrono::seconds{0}) lag = std::chrono::duration_cast<std::chrono::milliseconds>(late);
  }
  ctx.metrics().set_timer_lag(lag);
}

}  // namespace

void run_timer_tick(ServerContext& ctx) {
  // One tick at a time in this process: the timer thread's and a test's (or an operator's) may meet.
  static std::mutex running;
  std::lock_guard lock(running);
  const Instant now = ctx.now();
  const std::optional<Instant> previous = stored_last_tick(ctx);
  // Never ticked: every threshold already passed is swept once. A clock set back: nothing new.
  const Instant after = std::min(previous.value_or(Instant{}), now);
  TickReport report;

  std::vector<domain::CaseSummary> crossing;
  sweep_window(
      ctx, [](ports::StoreTx& tx, Instant a, Instant b, std::size_t n) { return tx.cases().lights_changing(a, b, n); },
      after, now, crossing, report);
  // Transitions written since the last tick (one second back: instants have second precision).
  const Instant written_after =
      previous ? std::min(*previous, now) - std::chrono::seconds{1} : now - std::chrono::hours{24};
  sweep_window(
      ctx, [](ports::StoreTx& tx, Instant a, Instant b, std::size_t n) { return tx.cases().overdue_written(a, b, n); },
      written_after, now, crossing, report);
  std::set<std::string> cases;
  for (const auto& s : crossing) cases.insert(s.case_no);
  for (const auto& case_no : cases) sweep_case(ctx, case_no, now, report);

  std::vector<domain::Ticket> answers_due;
  sweep_window(
      ctx,
      [](ports::StoreTx& tx, Instant a, Instant b, std::size_t n) {
        return tx.supervision().tickets_answer_due(a, b, n);
      },
      after, now, answers_due, report);
  if (auto st = finish_tick(ctx, answers_due, now, report); !st) {
    ctx.log().warning("timer: the tick could not be recorded (%s); the next tick sweeps this window again",
                      st.error().id);
  }

  // Approvals that waited for their e-certificate while their department had no key.
  if (const int issued = issue_waiting(ctx, 200); issued > 0) {
    ctx.log().information("timer: %d waiting e-certificates issued", issued);
  }

  ctx.set_last_tick(now);
  update_metrics(ctx, now, previous);
  if (report.lights_changed + report.tickets_opened + report.answers_overdue > 0) {
    ctx.log().information("timer: %d lights changed, %d supervision tickets opened, %d ticket answers overdue",
                          report.lights_changed, report.tickets_opened, report.answers_overdue);
  }
  if (report.clipped) {
    ctx.log().warning("timer: more than %z cases crossed a threshold in one second; the rest wait for a change",
                      kPage);
  }
}

}  // namespace zhishen::server
