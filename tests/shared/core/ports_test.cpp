// The port fakes used by later tests honour the ports' contracts.
#include <gtest/gtest.h>

#include "manual_clock.hpp"
#include "memory_case_store.hpp"
#include "zhishen/lifecycle/case_machine.hpp"

namespace zhishen {
namespace {

TEST(Ports, ManualClockAdvances) {
  testing::ManualClock clock(Instant{std::chrono::seconds{1000}});
  clock.advance(std::chrono::hours{1});
  EXPECT_EQ(clock.now(), Instant{std::chrono::seconds{4600}});
}

TEST(Ports, CaseStoreRejectsAStaleVersion) {
  testing::MemoryCaseStore store;
  const Instant t0{std::chrono::seconds{1'700'000'000}};
  ports::StoredCase c{"ZS-1", "dept", lifecycle::open_case({}, t0)};
  ASSERT_TRUE(store.create(c).ok());
  EXPECT_EQ(store.create(c).error().id, "store.duplicate");

  auto a = lifecycle::apply(c.record, {lifecycle::Action::route_manual, lifecycle::Role::system, "system", t0, "", "", false});
  auto b = lifecycle::apply(c.record, {lifecycle::Action::auto_approve, lifecycle::Role::system, "system", t0, "", "", false});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(store.save({"ZS-1", "dept", *a}, 0).ok());
  EXPECT_EQ(store.save({"ZS-1", "dept", *b}, 0).error().id, "store.conflict");  // lost the race
  EXPECT_EQ(store.load("ZS-1")->record.state, lifecycle::State::manual_review);
  EXPECT_EQ(store.load("nope").error().id, "store.not_found");
}

}  // namespace
}  // namespace zhishen
