// The timer over a real server on SQLite and MariaDB, moved by a manual clock: lights green ->
// yellow -> red recorded, a supervision ticket and a notification for red, overdue ticket answers,
// idempotent ticks, catch-up after downtime, the metrics.
#include <thread>

#include "services/supervision.hpp"
#include "supervision_test_support.hpp"

namespace zhishen::server::testing {
namespace {

using lifecycle::Action;

class Timer : public OperationsTest {
 protected:
  void tick() { server_->server().tick(); }

  // Everything a tick could change, to compare before and after.
  struct Snapshot {
    std::size_t audit_entries = 0;
    std::size_t tickets = 0;
    std::size_t messages = 0;
    std::vector<std::string> cases;  // case_no light version due_at
    bool operator==(const Snapshot&) const = default;
  };
  Snapshot snapshot(const std::vector<std::string>& case_nos) {
    Snapshot s;
    (void)ctx().store().transact([&](ports::StoreTx& tx) -> Status {
      s.audit_entries = tx.audit().recent(100000).size();
      s.tickets = tx.supervision().tickets(std::nullopt, std::nullopt).size();
      s.messages = tx.supervision().due_messages(clock_.now(), 100000).size();
      for (const auto& no : case_nos) {
        auto f = tx.cases().load(no).value();
        s.cases.push_back(no + " " + std::string(calendar::to_string(f.light)) + " " +
                          std::to_string(f.record.version) + " " +
                          (f.due_at ? format_instant(*f.due_at, UtcOffset{}) : std::string("-")));
      }
      return {};
    });
    return s;
  }
  std::string metrics() { return ctx().metrics().prometheus_text(); }
};

bool has(const std::string& text, const std::string& line) { return text.find(line) != std::string::npos; }

// The value of an unlabelled gauge in the Prometheus text.
double gauge(const std::string& text, const std::string& name) {
  const auto at = text.find("\n" + name + " ");
  if (at == std::string::npos) {
    ADD_FAILURE() << "no " << name << " in " << text;
    return -1;
  }
  return std::stod(text.substr(at + name.size() + 2));
}

TEST_P(Timer, GreenYellowRedWithATicketAndANotification) {
  const std::string a = submit(kFood, "approved_convenience_store.json");  // re-check due Tue 24:00
  const std::string m = submit(kFood, "manual_credit_blacklist.json");     // decision due Tue 24:00
  tick();
  EXPECT_EQ(load(a).light, calendar::Light::green);
  EXPECT_TRUE(audit("case.light").empty());
  EXPECT_TRUE(has(metrics(), "zhishen_cases_by_light{light=\"green\"} 2")) << metrics();

  clock_.set(at("2026-11-24T15:30:00+08:00"));
  tick();
  EXPECT_EQ(load(a).light, calendar::Light::yellow);
  EXPECT_EQ(load(m).light, calendar::Light::yellow);
  ASSERT_EQ(audit("case.light", a).size(), 1u);
  EXPECT_EQ(audit("case.light", a)[0].detail.find("from")->as_string(), "green");
  EXPECT_EQ(audit("case.light", a)[0].detail.find("to")->as_string(), "yellow");
  EXPECT_TRUE(tickets_of(a).empty());
  EXPECT_TRUE(has(metrics(), "zhishen_cases_by_light{light=\"yellow\"} 2")) << metrics();

  clock_.set(at("2026-11-25T00:30:00+08:00"));
  tick();
  EXPECT_EQ(load(a).light, calendar::Light::red);
  ASSERT_EQ(audit("case.light", a).size(), 2u);
  EXPECT_EQ(audit("case.light", a)[1].detail.find("to")->as_string(), "red");
  for (const auto& no : {a, m}) {
    auto t = tickets_of(no);
    ASSERT_EQ(t.size(), 1u) << no;
    EXPECT_EQ(t[0].state, "open");
    EXPECT_EQ(t[0].opened_by, "system");
    EXPECT_EQ(t[0].reason, "超期未办结");
    EXPECT_EQ(t[0].department_code, "FZ-SCJG");
    EXPECT_EQ(format_instant(t[0].answer_due_at, UtcOffset{}), "2026-12-01T00:00:00+08:00");  // Thu, Fri, Mon
  }
  auto red = outbox("light.red");
  ASSERT_EQ(red.size(), 2u);
  EXPECT_EQ(red[0].recipient, "FZ-SCJG");
  EXPECT_EQ(audit("ticket.open", a).size(), 1u);
  EXPECT_TRUE(has(metrics(), "zhishen_cases_by_light{light=\"red\"} 2")) << metrics();

  auto overdue = server_->call("GET", "/api/v1/board/overdue", "", supervisor());
  ASSERT_EQ(overdue.body.find("cases")->as_array().size(), 2u) << overdue.text;
  EXPECT_EQ(overdue.body.find("cases")->as_array()[0].find("ticket_no")->as_string().rfind("DB20261125", 0), 0u);

  // A second server's timer sharing the database reaches the same red light: the ticket's number is
  // the same, so its insert fails and its transaction rolls back; the case keeps one ticket.
  const auto due = load(a).due_at;
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(tickets_of(a)[0].ticket_no, red_ticket_number(a, *due));
  auto again = server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    auto t = open_ticket_in(server_->ctx(), tx, a, "FZ-SCJG", "超期未办结", "system", "system", "light.red",
                            server_->ctx().now(), red_ticket_number(a, *due));
    return t ? Status{} : Status{t.error()};
  });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().id, "store.duplicate");
  EXPECT_EQ(tickets_of(a).size(), 1u);
  EXPECT_EQ(outbox("light.red").size(), 2u) << "the rolled-back attempt queued no second notification";
}

// 双公示 is due within 7 working days of completion (002 §8.4): an e-certificate approval completed
// at re-check and left unpublished turns red like any deadline and gets its ticket; publishing it
// stops the clock.
TEST_P(Timer, AnUnpublishedPublicityRecordTurnsRedAndPublishingItEndsTheClock) {
  const std::string no = submit("350100-SCJG-XK-0001", "approved_convenience_store.json");
  const std::string reviewer = scjg_reviewer();
  auto version = [&] { return load(no).record.version; };
  auto done = server_->call_json("POST", "/api/v1/cases/" + no + "/actions/confirm_recheck",
                                 json::Object{{"version", version()}}, reviewer);
  ASSERT_EQ(done.status, 200) << done.text;
  ASSERT_EQ(done.body.find("state")->as_string(), "completed");
  ASSERT_EQ(done.body.find("publicity")->find("state")->as_string(), "pending");
  tick();
  EXPECT_EQ(load(no).light, calendar::Light::green);

  clock_.set(at("2026-12-10T09:00:00+08:00"));  // well past 7 working days
  tick();
  EXPECT_EQ(load(no).light, calendar::Light::red);
  ASSERT_EQ(tickets_of(no).size(), 1u);
  auto published = server_->call_json("POST", "/api/v1/cases/" + no + "/actions/publicise",
                                      json::Object{{"version", version()}}, scjg_reviewer());  // a new day's session
  ASSERT_EQ(published.status, 200) << published.text;
  EXPECT_EQ(published.body.find("publicity")->find("state")->as_string(), "published");
  EXPECT_EQ(load(no).light, calendar::Light::green);
  EXPECT_FALSE(load(no).due_at.has_value() && *load(no).due_at < clock_.now()) << "no running deadline is left";
}

TEST_P(Timer, ATickRunTwiceChangesNothing) {
  const std::string a = submit(kFood, "approved_convenience_store.json");
  const std::string m = submit(kFood, "manual_credit_blacklist.json");
  tick();
  clock_.set(at("2026-11-25T00:30:00+08:00"));
  tick();
  const Snapshot after_first = snapshot({a, m});
  EXPECT_EQ(after_first.tickets, 2u);
  tick();
  EXPECT_EQ(snapshot({a, m}), after_first);
  clock_.advance(std::chrono::minutes{1});
  tick();
  EXPECT_EQ(snapshot({a, m}), after_first);

  // A supervisor closes the timer's ticket while the case stays red: this red spell keeps its one ticket.
  const std::string ticket = tickets_of(a)[0].ticket_no;
  auto closed = server_->call_json("POST", "/api/v1/tickets/" + ticket + "/close", json::Object{{"note", "已督促"}},
                                   supervisor());
  ASSERT_EQ(closed.status, 200) << closed.text;
  clock_.set(at("2026-11-25T09:00:00+08:00"));
  tick();
  EXPECT_EQ(tickets_of(a).size(), 1u);
}

TEST_P(Timer, ARedLightSetByATransitionStillGetsItsTicket) {
  const std::string m = submit(kFood, "manual_credit_blacklist.json");
  clock_.set(at("2026-11-25T00:30:00+08:00"));
  // The correction request comes after the deadline: it does not stop the clock, the case is saved red.
  act(m, Action::request_correction, "请补充经营场所证明");
  EXPECT_EQ(load(m).light, calendar::Light::red);
  tick();
  ASSERT_EQ(tickets_of(m).size(), 1u);
  EXPECT_EQ(tickets_of(m)[0].opened_by, "system");
}

TEST_P(Timer, AnOverdueTicketAnswerIsAuditedOnce) {
  const std::string a = submit(kFood, "approved_convenience_store.json");
  clock_.set(at("2026-11-25T00:30:00+08:00"));
  tick();  // red: a ticket, its answer due Tuesday 2026-12-01 00:00
  ASSERT_EQ(tickets_of(a).size(), 1u);
  clock_.set(at("2026-12-01T00:30:00+08:00"));
  tick();
  ASSERT_EQ(audit("ticket.overdue", a).size(), 1u);
  EXPECT_EQ(audit("ticket.overdue", a)[0].detail.find("ticket_no")->as_string(), tickets_of(a)[0].ticket_no);
  clock_.advance(std::chrono::hours{1});
  tick();
  EXPECT_EQ(audit("ticket.overdue", a).size(), 1u);
  auto list = server_->call("GET", "/api/v1/tickets?state=open", "", supervisor());
  ASSERT_EQ(list.body.find("tickets")->as_array().size(), 1u) << list.text;
  EXPECT_EQ(list.body.find("tickets")->as_array()[0].find("light")->as_string(), "red");
}

TEST_P(Timer, ARestartedServerCatchesUpOnTheDowntime) {
  const std::string a = submit(kFood, "approved_convenience_store.json");
  clock_.set(at("2026-11-25T00:30:00+08:00"));
  tick();  // a red: its ticket's answer is due Tuesday 2026-12-01 00:00
  clock_.set(at("2026-12-01T00:30:00+08:00"));
  tick();  // the answer overdue, audited; this tick is remembered in the database
  ASSERT_EQ(audit("ticket.overdue", a).size(), 1u);
  const std::string b = submit(kFood, "approved_convenience_store.json");  // re-check due Wed 2026-12-02 24:00
  const ServerConfig config = ctx().config();
  server_->server().stop();

  clock_.set(at("2026-12-23T10:00:00+08:00"));  // three weeks of downtime
  Server again(config, &clock_);
  ASSERT_TRUE(again.start().ok());  // its timer thread ticks at once
  if (auto* o = again.outbox()) o->stop();
  auto& c = again.context();
  // The lag is measured from the last tick before the restart, less the interval.
  const double lag = static_cast<double>(
      (at("2026-12-23T10:00:00+08:00") - at("2026-12-01T00:30:00+08:00") - config.timer_interval).count());
  for (int i = 0; i < 400 && gauge(c.metrics().prometheus_text(), "zhishen_timer_lag_seconds") != lag; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
  EXPECT_DOUBLE_EQ(gauge(c.metrics().prometheus_text(), "zhishen_timer_lag_seconds"), lag);
  again.tick();  // and once more: nothing new

  domain::CaseFile f;
  std::vector<domain::Ticket> tickets_a, tickets_b;
  std::vector<domain::AuditEntry> entries;
  ASSERT_TRUE(c.store().transact([&](ports::StoreTx& tx) -> Status {
                f = tx.cases().load(b).value();
                tickets_a = tx.supervision().tickets_for_case(a);
                tickets_b = tx.supervision().tickets_for_case(b);
                entries = tx.audit().recent(1000);
                return {};
              }).ok());
  EXPECT_EQ(f.light, calendar::Light::red);
  ASSERT_EQ(tickets_b.size(), 1u);
  EXPECT_EQ(tickets_b[0].opened_by, "system");
  EXPECT_EQ(tickets_a.size(), 1u);
  int light_b = 0, overdue_a = 0;
  for (const auto& e : entries) {
    light_b += e.action == "case.light" && e.target == b ? 1 : 0;
    overdue_a += e.action == "ticket.overdue" && e.target == a ? 1 : 0;
  }
  EXPECT_EQ(light_b, 1);    // green -> red across the downtime
  EXPECT_EQ(overdue_a, 1);  // swept before the restart, not again
  again.stop();
}

INSTANTIATE_TEST_SUITE_P(Backends, Timer, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
