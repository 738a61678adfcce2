#pragma once
// The state of a MysqlPool (mysql.hpp), shared by the pool object and its leases so that a lease
// returned after the pool object is gone still has somewhere to go.
//
// Ownership: owns the idle connections; `open` also counts leased connections and those being
// created, so that no more than `size` ever exist. Thread-safety: every field but the constants
// (url, options, size) is guarded by `mu`; `freed` is notified whenever a connection is returned
// or dropped.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "mysql_connection.hpp"
#include "zhishen/store/mysql.hpp"

namespace zhishen::store {

struct MysqlPool::Shared {
  struct Idle {
    std::unique_ptr<MysqlConnection> conn;
    std::chrono::steady_clock::time_point since;  // when it was returned
  };

  Shared(DbUrl u, std::size_t n, MysqlOptions o) : url(std::move(u)), options(o), size(n) {
    idle.reserve(n);  // returning a connection never allocates
  }

  const DbUrl url;
  const MysqlOptions options;
  const std::size_t size;

  std::mutex mu;
  std::condition_variable freed;
  std::vector<Idle> idle;  // the most recently returned last (warmest first out)
  std::size_t open = 0;
};

}  // namespace zhishen::store
