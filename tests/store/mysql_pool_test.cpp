// MysqlPool against a real server: bounds, timeouts, threads, lost connections, the socket.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "mysql_test_support.hpp"

namespace zhishen::store::mysql_testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

TEST_F(MysqlPoolTest, HandsOutAtMostSizeThenBusy) {
  MysqlOptions o = quick_options();
  o.acquire_timeout = milliseconds(300);
  auto pool = open_mysql_pool(url_, 2, o);
  auto a = pool->lease();
  auto b = pool->lease();
  EXPECT_EQ(pool->open(), 2u);
  const auto start = steady_clock::now();
  EXPECT_EQ(fault_id([&] { (void)pool->lease(); }), "store.busy");
  EXPECT_GE(steady_clock::now() - start, milliseconds(250));
  EXPECT_EQ(pool->open(), 2u);
  std::thread release([&] {
    std::this_thread::sleep_for(milliseconds(100));
    MysqlPool::Lease gone = std::move(b);
  });
  auto c = pool->lease();  // waits for the release
  release.join();
  EXPECT_EQ(query(*c, "SELECT 1").at(0).int64(0), 1);
  EXPECT_EQ(pool->open(), 2u);
}

TEST_F(MysqlPoolTest, OpensWhileTheDatabaseIsDown) {
  int port = 0;
  ::close(loopback_socket(false, port));  // nothing listens on this port now
  DbUrl down = url_;
  down.host = "127.0.0.1";
  down.port = port;
  auto pool = open_mysql_pool(down, 2, quick_options());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(fault_id([&] { (void)pool->lease(); }), "store.unavailable");
  EXPECT_EQ(pool->open(), 0u);  // failed attempts give their slot back
}

TEST_F(MysqlPoolTest, HungServerFailsWithinSeconds) {
  int port = 0;
  const int fd = loopback_socket(true, port);  // accepts TCP connections, never says a word
  DbUrl hung = url_;
  hung.host = "127.0.0.1";
  hung.port = port;
  MysqlOptions o = quick_options();
  o.connect_timeout = std::chrono::seconds(1);
  o.read_timeout = std::chrono::seconds(1);
  auto pool = open_mysql_pool(hung, 1, o);
  const auto start = steady_clock::now();
  EXPECT_EQ(fault_id([&] { (void)pool->lease(); }), "store.unavailable");
  EXPECT_LT(steady_clock::now() - start, std::chrono::seconds(5));
  ::close(fd);
}

TEST_F(MysqlPoolTest, EightThreadsHammerIt) {
  {
    auto c = pool_->lease();
    exec(*c, "CREATE TABLE h (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, thread BIGINT NOT NULL, n BIGINT NOT NULL)");
  }
  constexpr int kThreads = 8;
  constexpr int kRows = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      MysqlThreadGuard guard;
      for (int n = 0; n < kRows; ++n) {
        try {
          auto c = pool_->lease();
          Transaction tx(*c);
          exec(*c, "INSERT INTO h (thread, n) VALUES (?, ?)", {std::int64_t{t}, std::int64_t{n}});
          tx.commit();
        } catch (const StoreFault& e) {
          ++failures;
          ADD_FAILURE() << e.id() << ": " << e.what();
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto c = pool_->lease();
  EXPECT_EQ(count(*c, "h"), kThreads * kRows);
  EXPECT_LE(pool_->open(), 4u);
}

TEST_F(MysqlPoolTest, KilledConnectionIsUnavailableAndThePoolRecovers) {
  MysqlOptions o = quick_options();
  auto pool = open_mysql_pool(url_, 1, o);
  std::int64_t first = 0;
  {
    auto c = pool->lease();
    first = connection_id(*c);
    c->begin();
    kill(first);
    EXPECT_EQ(fault_id([&] { (void)query(*c, "SELECT 1"); }), "store.unavailable");
    EXPECT_FALSE(c->healthy());
    EXPECT_EQ(fault_id([&] { (void)query(*c, "SELECT 1"); }), "store.unavailable");
    c->rollback();  // never throws, even now
  }
  EXPECT_EQ(pool->open(), 0u);  // dropped, not returned
  auto c = pool->lease();
  EXPECT_NE(connection_id(*c), first);
  EXPECT_EQ(query(*c, "SELECT 1").at(0).int64(0), 1);
}

TEST_F(MysqlPoolTest, IdleConnectionKilledIsReplacedOnLease) {
  MysqlOptions o = quick_options();
  o.validate_idle_after = milliseconds(0);
  auto pool = open_mysql_pool(url_, 1, o);
  std::int64_t first = 0;
  {
    auto c = pool->lease();
    first = connection_id(*c);
  }
  kill(first);
  auto c = pool->lease();  // the idle one fails its ping and is replaced
  EXPECT_NE(connection_id(*c), first);
}

TEST_F(MysqlPoolTest, ConnectsOverTheUnixSocket) {
  std::string socket;
  {
    auto c = admin_->lease();
    socket = query(*c, "SELECT @@socket").at(0).text(0);
  }
  DbUrl local = url_;
  local.host = "localhost";
  local.socket = socket;
  auto pool = open_mysql_pool(local, 1, quick_options());
  auto c = pool->lease();
  EXPECT_EQ(query(*c, "SELECT CURRENT_USER()").at(0).text(0), url_.user + "@localhost");
}

}  // namespace
}  // namespace zhishen::store::mysql_testing
