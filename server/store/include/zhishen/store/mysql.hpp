#pragma once
// MySQL/MariaDB connections for the store: a bounded pool of Connections (sql.hpp) over
// Connector/C++ 1.1, handed out as RAII leases, and the per-thread guard the driver requires.
// No Connector/C++ header is visible here.
//
// The pool opens connections lazily, so it can be created while the database is down and
// recovers when it comes back: a lease whose connection broke (healthy() false) drops it, and the
// next lease connects afresh — a broken connection is never reused, never silently reconnected.
// Faults are StoreFault: store.busy when no connection frees up within acquire_timeout,
// store.unavailable when the database cannot be reached.
//
// Ownership: the pool owns its idle connections; a Lease owns its connection until it returns it.
// A Lease may outlive the pool object (the pool's state lives until the last lease is returned).
// Thread-safety: lease() from any number of threads; one Lease is used by one thread at a time.
// Every thread that uses the driver must have called threadInit() and must call threadEnd()
// before it exits: lease() does this lazily per thread (ended when the thread exits), and worker
// threads may make it explicit with a MysqlThreadGuard for their lifetime.

#include <chrono>
#include <cstddef>
#include <memory>

#include "zhishen/store/db_url.hpp"
#include "zhishen/store/sql.hpp"

namespace zhishen::store {

class MysqlConnection;

struct MysqlOptions {
  std::chrono::milliseconds acquire_timeout{5000};  // waiting for a free connection → store.busy
  // Socket timeouts (whole seconds): a dead or hung server fails a request within these instead
  // of hanging. read_timeout bounds one statement's wait for an answer; keep it above
  // lock_wait_timeout so that a lock wait surfaces as store.busy, not as a lost connection.
  std::chrono::seconds connect_timeout{3};
  std::chrono::seconds read_timeout{10};
  std::chrono::seconds write_timeout{10};
  std::chrono::seconds lock_wait_timeout{5};  // innodb_lock_wait_timeout of each session
  // An idle connection older than this is pinged before it is handed out (a server restart
  // leaves every idle connection broken); zero pings every time.
  std::chrono::milliseconds validate_idle_after{2000};
};

class MysqlPool {
  struct Shared;  // the pool's state, shared with its leases

 public:
  class Lease {
   public:
    Lease(Lease&&) noexcept;
    Lease& operator=(Lease&&) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();  // returns the connection (rolled back if a transaction was left open) or drops it

    Connection& operator*() const;
    Connection* operator->() const;

   private:
    friend class MysqlPool;
    Lease(std::shared_ptr<Shared> pool, std::unique_ptr<MysqlConnection> conn);
    void give_back() noexcept;
    std::shared_ptr<Shared> pool_;
    std::unique_ptr<MysqlConnection> conn_;
  };

  MysqlPool(const DbUrl& url, std::size_t size, const MysqlOptions& options);
  ~MysqlPool();
  MysqlPool(const MysqlPool&) = delete;
  MysqlPool& operator=(const MysqlPool&) = delete;

  // A connection: an idle one, else a new one while fewer than size() exist, else waits up to
  // acquire_timeout. Throws StoreFault store.busy / store.unavailable.
  Lease lease();

  std::size_t size() const;  // the most connections that ever exist at once
  std::size_t open() const;  // connections that exist now (leased + idle)
  std::size_t idle() const;

 private:
  std::shared_ptr<Shared> shared_;
};

// Throws StoreFault(store.url.invalid) unless url is a mysql URL and size > 0. Connects nothing.
std::unique_ptr<MysqlPool> open_mysql_pool(const DbUrl& url, std::size_t size, const MysqlOptions& options = {});

// Calls the driver's threadInit() now and threadEnd() when the last guard of this thread (and the
// pool's lazy initialisation, if any) is gone. Create one at the top of each worker thread.
class MysqlThreadGuard {
 public:
  MysqlThreadGuard();
  ~MysqlThreadGuard();
  MysqlThreadGuard(const MysqlThreadGuard&) = delete;
  MysqlThreadGuard& operator=(const MysqlThreadGuard&) = delete;
};

}  // namespace zhishen::store
