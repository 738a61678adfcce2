#pragma once
// The store: ports::Store over SQLite or MySQL/MariaDB, chosen by the database URL (db_url.hpp).
// open_store() connects, applies pending migrations (refusing a newer schema with
// store.schema.too_new) and returns a store whose transactions retry a few times when the database
// reports a deadlock or lock timeout (store.busy) — the work function must therefore have no side
// effects outside the transaction.
//
// Ownership: the store owns its connection pool and a copy of nothing secret but the cipher it is
// given (moved in). Thread-safety: transact() from any number of threads.

#include <chrono>
#include <functional>
#include <memory>

#include "zhishen/core/error.hpp"
#include "zhishen/crypto/field_cipher.hpp"
#include "zhishen/ports/store.hpp"
#include "zhishen/store/db_url.hpp"
#include "zhishen/store/sql.hpp"

namespace zhishen::store {

struct StoreOptions {
  std::size_t pool_size = 8;                          // connections (MySQL; SQLite files use it too)
  std::chrono::milliseconds acquire_timeout{5000};    // waiting for a free connection
  int busy_retries = 3;                               // re-runs of a transaction after store.busy
  bool migrate = true;                                // apply pending migrations when opening
};

Result<std::unique_ptr<ports::Store>> open_store(const DbUrl& url, crypto::FieldCipher cipher,
                                                 const StoreOptions& options = {});

// For `zhishen db migrate` and `db status`: the schema version before and after.
struct MigrationReport {
  int before = 0;
  int after = 0;
  int latest = 0;
};
Result<MigrationReport> migrate_database(const DbUrl& url);
Result<MigrationReport> database_status(const DbUrl& url);

// One raw connection (administration, tests). Throws StoreFault when the database is unreachable.
using ConnectionHandle = std::unique_ptr<Connection, std::function<void(Connection*)>>;
ConnectionHandle connect(const DbUrl& url);

}  // namespace zhishen::store
