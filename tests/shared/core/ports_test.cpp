// The port fakes used by later tests honour the ports' contracts. (The store has no fake: tests
// use the real SQLite adapter, in memory or in a temporary file.)
#include <gtest/gtest.h>

#include "manual_clock.hpp"

namespace zhishen {
namespace {

TEST(Ports, ManualClockAdvances) {
  testing::ManualClock clock(Instant{std::chrono::seconds{1000}});
  clock.advance(std::chrono::hours{1});
  EXPECT_EQ(clock.now(), Instant{std::chrono::seconds{4600}});
}

}  // namespace
}  // namespace zhishen
