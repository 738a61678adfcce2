#pragma once
// The contract suite's fixture: a fresh database per test on each backend — a temporary SQLite
// file, or a fresh MariaDB database created next to the one ZHISHEN_TEST_MYSQL_URL names (tests on
// that backend skip, saying so, when the variable is unset: ./test.sh always sets it).

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "zhishen/store/mysql.hpp"
#include "zhishen/store/sql_store.hpp"

namespace zhishen::store::testing {

inline crypto::FieldCipher test_cipher(std::uint8_t fill = 7) {
  std::array<std::uint8_t, 32> key{};
  key.fill(fill);
  return crypto::FieldCipher(std::span<const std::uint8_t, 32>(key));
}

// The URL text for a parsed URL (the test passwords need no percent-encoding).
inline std::string DbUrlText(const DbUrl& u) {
  if (u.kind == DbUrl::Kind::sqlite) return "sqlite:" + u.path;
  std::string s = "mysql://" + u.user + ":" + u.password + "@" + u.host + ":" + std::to_string(u.port) + "/" + u.database;
  if (!u.socket.empty()) s += "?socket=" + u.socket;
  return s;
}

// A database that exists for one test.
class TestDatabase {
 public:
  // backend: "sqlite" or "mysql". ok() is false (with a reason) when the backend is unavailable.
  explicit TestDatabase(const std::string& backend) {
    static std::atomic<int> counter{0};
    const int n = ++counter;
    if (backend == "sqlite") {
      path_ = std::filesystem::temp_directory_path() /
              ("zhishen-store-" + std::to_string(::getpid()) + "-" + std::to_string(n) + ".db");
      cleanup_sqlite();
      url_ = DbUrl::parse("sqlite:" + path_.string()).value();
      ok_ = true;
      return;
    }
    const char* base = std::getenv("ZHISHEN_TEST_MYSQL_URL");
    if (base == nullptr || *base == '\0') {
      reason_ = "ZHISHEN_TEST_MYSQL_URL not set: start a private MariaDB with scripts/mariadb-test.sh start";
      return;
    }
    auto parsed = DbUrl::parse(base);
    if (!parsed) {
      reason_ = "ZHISHEN_TEST_MYSQL_URL is invalid: " + parsed.error().message;
      return;
    }
    admin_ = *parsed;
    url_ = *parsed;
    url_.database = admin_.database + "_c" + std::to_string(::getpid()) + "_" + std::to_string(n);
    auto pool = open_mysql_pool(admin_, 1);
    auto lease = pool->lease();
    lease->execute("DROP DATABASE IF EXISTS `" + url_.database + "`", {});
    lease->execute("CREATE DATABASE `" + url_.database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", {});
    ok_ = true;
  }

  ~TestDatabase() {
    if (!ok_) return;
    if (url_.kind == DbUrl::Kind::sqlite) {
      cleanup_sqlite();
      return;
    }
    try {
      auto pool = open_mysql_pool(admin_, 1);
      pool->lease()->execute("DROP DATABASE IF EXISTS `" + url_.database + "`", {});
    } catch (const StoreFault&) {  // the server may have been stopped by the test
    }
  }

  bool ok() const { return ok_; }
  const std::string& reason() const { return reason_; }
  const DbUrl& url() const { return url_; }

 private:
  void cleanup_sqlite() const {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_.string() + suffix);
  }

  bool ok_ = false;
  std::string reason_;
  DbUrl url_;
  DbUrl admin_;
  std::filesystem::path path_;
};

}  // namespace zhishen::store::testing
