#pragma once
// Test support for the MySQL/MariaDB driver and pool tests: a fixture that gives each test process
// its own database on the server named by ZHISHEN_TEST_MYSQL_URL (ctest runs tests in parallel)
// and drops it afterwards, or skips the test when the variable is unset; and small helpers.
// Ownership: the fixture owns its pools. Thread-safety: the helpers are plain functions.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <string>

#include "zhishen/store/db_url.hpp"
#include "zhishen/store/mysql.hpp"
#include "zhishen/store/sql.hpp"

namespace zhishen::store::mysql_testing {

inline std::string fault_id(const std::function<void()>& f) {
  try {
    f();
  } catch (const StoreFault& e) {
    return e.id();
  }
  return "(no fault)";
}

inline std::int64_t count(Connection& c, const std::string& table) {
  return query(c, "SELECT COUNT(*) FROM " + table).at(0).int64(0);
}

inline std::int64_t connection_id(Connection& c) { return query(c, "SELECT CONNECTION_ID()").at(0).int64(0); }

// A TCP socket on a free loopback port (listening or not); returns the descriptor.
inline int loopback_socket(bool listening, int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 || (listening && ::listen(fd, 8) != 0) ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("cannot open a loopback socket");
  }
  port = ntohs(addr.sin_port);
  return fd;
}

inline MysqlOptions quick_options() {
  MysqlOptions o;
  o.acquire_timeout = std::chrono::milliseconds(2000);
  o.lock_wait_timeout = std::chrono::seconds(1);
  return o;
}

class MysqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* env = std::getenv("ZHISHEN_TEST_MYSQL_URL");
    if (env == nullptr || *env == '\0') {
      GTEST_SKIP() << "ZHISHEN_TEST_MYSQL_URL not set: start a private MariaDB with scripts/mariadb-test.sh start";
    }
    auto parsed = DbUrl::parse(env);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    base_ = parsed.value();
    url_ = base_;
    url_.database = base_.database + "_drv_" + std::to_string(::getpid());
    admin_ = open_mysql_pool(base_, 2, quick_options());
    auto c = admin_->lease();
    exec(*c, "DROP DATABASE IF EXISTS " + url_.database);
    exec(*c, "CREATE DATABASE " + url_.database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    pool_ = open_mysql_pool(url_, 4, quick_options());
  }

  void TearDown() override {
    pool_.reset();
    if (admin_) {
      auto c = admin_->lease();
      exec(*c, "DROP DATABASE IF EXISTS " + url_.database);
    }
  }

  void kill(std::int64_t id) {
    auto c = admin_->lease();
    c->execute_script("KILL " + std::to_string(id));
  }

  DbUrl base_, url_;
  std::unique_ptr<MysqlPool> admin_;  // connected to the base database
  std::unique_ptr<MysqlPool> pool_;   // connected to this test's database
};

class MysqlDriverTest : public MysqlTest {};
class MysqlPoolTest : public MysqlTest {};

}  // namespace zhishen::store::mysql_testing
