#pragma once
// The fixture of the supervision, statistics and timer tests: a real server on a manual clock that
// starts on Monday 2026-11-23 09:00 China Standard Time (a working day of a month without
// holidays), staff accounts and sessions made directly through the store, applications submitted
// through the channel API, and the transitions staff take applied with the lifecycle and saved as
// the services save them (derived deadline columns refreshed). The outbox sender is stopped so
// that the notifications stay in the outbox for the assertions; the timer ticks only when a test
// says so (after its first tick at start, and an interval of an hour).
// Thread-safety: one fixture per test, single-threaded.

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server_fixture.hpp"
#include "services/case_support.hpp"
#include "services/outbox_sender.hpp"
#include "support/manual_clock.hpp"
#include "zhishen/lifecycle/case_machine.hpp"

namespace zhishen::server::testing {

inline Instant at(const char* rfc3339) { return parse_instant(rfc3339).value(); }

class OperationsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam(), &clock_);
    if (!server_->ok()) GTEST_SKIP() << server_->reason();
    if (auto* o = server_->server().outbox()) o->stop();
    // The timer thread ticks once at start: let it finish, so that it cannot tick later at a time
    // a test has moved the clock to.
    for (int i = 0; i < 400 && !ctx().last_tick(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds{25});
    ASSERT_TRUE(ctx().last_tick().has_value()) << "the timer's first tick did not finish";
    channel_ = server_->add_channel("web-hall");
    auto st = ctx().store().transact([&](ports::StoreTx& tx) -> Status {
      return tx.directory().put_department({"FZ-XNB", "福州市效能办", ""});
    });
    ASSERT_TRUE(st.ok());
  }

  ServerContext& ctx() { return server_->ctx(); }

  // A staff account (created on first use) and a fresh session at the clock's current time.
  std::string token(const std::string& username, const std::string& department,
                    std::vector<lifecycle::Role> roles) {
    auto it = staff_.find(username);
    if (it == staff_.end()) {
      domain::StaffAccount a;
      a.username = username;
      a.display_name = username;
      a.department_code = department;
      a.roles = std::move(roles);
      a.password_hash = "not-used";
      a.created_at = clock_.now();
      auto st = ctx().store().transact([&](ports::StoreTx& tx) -> Status {
        auto id = tx.directory().create_staff(a);
        if (!id) return id.error();
        a.id = *id;
        return {};
      });
      EXPECT_TRUE(st.ok());
      it = staff_.emplace(username, a).first;
    }
    return ctx().sessions().create(it->second, clock_.now()).token;
  }
  std::string supervisor() { return token("dubanke", "FZ-XNB", {lifecycle::Role::supervisor}); }
  std::string scjg_reviewer() { return token("scjg-shenhe", "FZ-SCJG", {lifecycle::Role::reviewer}); }
  std::string rsj_reviewer() { return token("rsj-shenhe", "FZ-RSJ", {lifecycle::Role::reviewer}); }

  // Submits a shipped sample now; returns its case number.
  std::string submit(const std::string& item, const std::string& sample) {
    auto r = server_->call_json("POST", "/api/v1/applications", sample_application(item, sample), channel_,
                                {{"Idempotency-Key", "k-" + std::to_string(++submissions_)}});
    EXPECT_EQ(r.status, 201) << item << "/" << sample << ": " << r.text;
    const json::Value* no = r.body.find("case_no");
    return no != nullptr ? no->as_string() : std::string();
  }

  // A transition a department reviewer takes now, saved as the casework services save it.
  void act(const std::string& case_no, lifecycle::Action action, const std::string& reason = "",
           const std::string& legal_basis = "") {
    auto st = ctx().store().transact([&](ports::StoreTx& tx) -> Status {
      auto f = tx.cases().load(case_no);
      if (!f) return f.error();
      const std::int64_t read = f->record.version;
      auto moved = lifecycle::apply(f->record, {action, lifecycle::Role::reviewer, "scjg-shenhe", clock_.now(), reason,
                                                legal_basis, false});
      if (!moved) return moved.error();
      f->record = std::move(moved).value();
      if (action == lifecycle::Action::manual_approve || action == lifecycle::Action::manual_reject) {
        f->decided_at = clock_.now();
      }
      refresh_deadlines(ctx(), *f);
      return tx.cases().save(*f, read);
    });
    ASSERT_TRUE(st.ok()) << case_no << " " << lifecycle::to_string(action) << ": " << st.error().id;
  }

  domain::CaseFile load(const std::string& case_no) {
    domain::CaseFile f;
    auto st = ctx().store().transact([&](ports::StoreTx& tx) -> Status {
      auto loaded = tx.cases().load(case_no);
      if (!loaded) return loaded.error();
      f = std::move(loaded).value();
      return {};
    });
    EXPECT_TRUE(st.ok());
    return f;
  }

  std::vector<domain::Ticket> tickets_of(const std::string& case_no) {
    std::vector<domain::Ticket> out;
    (void)ctx().store().transact([&](ports::StoreTx& tx) -> Status {
      out = tx.supervision().tickets_for_case(case_no);
      return {};
    });
    return out;
  }

  // Audit entries with this action (and target, when given), oldest first.
  std::vector<domain::AuditEntry> audit(const std::string& action, const std::string& target = "") {
    std::vector<domain::AuditEntry> out;
    (void)ctx().store().transact([&](ports::StoreTx& tx) -> Status {
      for (auto& e : tx.audit().recent(10000)) {
        if (e.action == action && (target.empty() || e.target == target)) out.insert(out.begin(), e);
      }
      return {};
    });
    return out;
  }

  // Unsent outbox messages with this template.
  std::vector<domain::OutboxMessage> outbox(const std::string& template_id) {
    std::vector<domain::OutboxMessage> out;
    (void)ctx().store().transact([&](ports::StoreTx& tx) -> Status {
      for (auto& m : tx.supervision().due_messages(clock_.now(), 10000)) {
        if (m.template_id == template_id) out.push_back(m);
      }
      return {};
    });
    return out;
  }

  zhishen::testing::ManualClock clock_{at("2026-11-23T09:00:00+08:00")};
  std::unique_ptr<TestServer> server_;
  std::string channel_;
  std::map<std::string, domain::StaffAccount> staff_;
  int submissions_ = 0;
};

// Samples used (their outcomes at the fixture's dates are checked by the channel tests' sample run).
inline constexpr const char* kFood = "350100-SCJG-GG-0001";         // FZ-SCJG, 1 working day, re-check 1
inline constexpr const char* kIndividual = "350100-SCJG-XK-0001";   // FZ-SCJG
inline constexpr const char* kSkills = "350100-RSJ-GG-0001";        // FZ-RSJ

}  // namespace zhishen::server::testing
