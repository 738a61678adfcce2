#pragma once
// Where a store gets its connections: a lease returns the connection when it goes out of scope
// (a broken connection is dropped instead). One implementation per database.
// Thread-safety: acquire() from any thread.

#include <chrono>
#include <functional>
#include <memory>

#include "zhishen/store/db_url.hpp"
#include "zhishen/store/sql.hpp"

namespace zhishen::store {

using Lease = std::unique_ptr<Connection, std::function<void(Connection*)>>;

class ConnectionSource {
 public:
  virtual ~ConnectionSource() = default;
  // Throws StoreFault: store.busy when none frees up in time, store.unavailable when the database
  // cannot be reached.
  virtual Lease acquire() = 0;
};

std::unique_ptr<ConnectionSource> sqlite_source(const std::string& path, std::size_t size,
                                                std::chrono::milliseconds timeout);
std::unique_ptr<ConnectionSource> mysql_source(const DbUrl& url, std::size_t size, std::chrono::milliseconds timeout);

}  // namespace zhishen::store
