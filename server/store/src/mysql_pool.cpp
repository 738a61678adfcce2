#include "mysql_pool.hpp"

#include <cppconn/driver.h>

#include <cassert>
#include <stdexcept>
#include <string>

namespace zhishen::store {

// ---- the driver and its per-thread initialisation ----

sql::Driver& mysql_driver() {
  static std::once_flag once;
  static sql::Driver* driver = nullptr;  // owned by the library (protected destructor)
  std::call_once(once, [] { driver = get_driver_instance(); });
  return *driver;
}

namespace {

// How many owners (guards, the lazy initialiser) want the driver initialised on this thread.
thread_local int t_thread_users = 0;

void thread_acquire() {
  if (t_thread_users++ == 0) mysql_driver().threadInit();
}

void thread_release() noexcept {
  if (--t_thread_users == 0) mysql_driver().threadEnd();
}

struct LazyThreadInit {
  LazyThreadInit() { thread_acquire(); }
  ~LazyThreadInit() { thread_release(); }  // runs when the thread exits
  LazyThreadInit(const LazyThreadInit&) = delete;
  LazyThreadInit& operator=(const LazyThreadInit&) = delete;
};

}  // namespace

void mysql_thread_ready() {
  thread_local LazyThreadInit lazy;
}

MysqlThreadGuard::MysqlThreadGuard() { thread_acquire(); }
MysqlThreadGuard::~MysqlThreadGuard() { thread_release(); }

// ---- leases ----

MysqlPool::Lease::Lease(std::shared_ptr<Shared> pool, std::unique_ptr<MysqlConnection> conn)
    : pool_(std::move(pool)), conn_(std::move(conn)) {}

MysqlPool::Lease::Lease(Lease&& other) noexcept = default;

MysqlPool::Lease& MysqlPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    give_back();
    pool_ = std::move(other.pool_);
    conn_ = std::move(other.conn_);
  }
  return *this;
}

MysqlPool::Lease::~Lease() { give_back(); }

Connection& MysqlPool::Lease::operator*() const {
  assert(conn_ && "use of a moved-from lease");
  return *conn_;
}

Connection* MysqlPool::Lease::operator->() const { return &**this; }

void MysqlPool::Lease::give_back() noexcept {
  if (!conn_) return;
  mysql_thread_ready();
  if (conn_->in_transaction()) conn_->rollback();  // never throws; a failure marks it unhealthy
  Shared& s = *pool_;
  if (conn_->healthy()) {
    const std::lock_guard lock(s.mu);
    s.idle.push_back(Shared::Idle{std::move(conn_), std::chrono::steady_clock::now()});
  } else {
    conn_.reset();  // closes it, outside the lock
    const std::lock_guard lock(s.mu);
    --s.open;
  }
  s.freed.notify_one();
  pool_.reset();
}

// ---- the pool ----

MysqlPool::MysqlPool(const DbUrl& url, std::size_t size, const MysqlOptions& options) {
  if (url.kind != DbUrl::Kind::mysql) {
    throw StoreFault("store.url.invalid", "a MySQL pool needs a mysql:// URL, not " + url.redacted());
  }
  if (size == 0) throw std::invalid_argument("MysqlPool: size must be at least 1");
  shared_ = std::make_shared<Shared>(url, size, options);
}

MysqlPool::~MysqlPool() {
  mysql_thread_ready();  // the idle connections may close here
}

MysqlPool::Lease MysqlPool::lease() {
  mysql_thread_ready();
  Shared& s = *shared_;
  const auto deadline = std::chrono::steady_clock::now() + s.options.acquire_timeout;
  std::unique_lock lock(s.mu);
  for (;;) {
    while (!s.idle.empty()) {
      Shared::Idle item = std::move(s.idle.back());
      s.idle.pop_back();
      if (std::chrono::steady_clock::now() - item.since < s.options.validate_idle_after) {
        return Lease(shared_, std::move(item.conn));
      }
      lock.unlock();
      if (item.conn->ping()) return Lease(shared_, std::move(item.conn));
      item.conn.reset();  // broken while idle (server restarted, wait_timeout): never reused
      lock.lock();
      --s.open;
    }
    if (s.open < s.size) {
      ++s.open;  // reserve the slot, connect outside the lock
      lock.unlock();
      try {
        return Lease(shared_, std::make_unique<MysqlConnection>(s.url, s.options));
      } catch (...) {  // NOLINT(bugprone-empty-catch): releases the slot, then rethrows
        lock.lock();
        --s.open;
        s.freed.notify_one();
        throw;
      }
    }
    const bool freed = s.freed.wait_until(lock, deadline, [&] { return !s.idle.empty() || s.open < s.size; });
    if (!freed) {
      throw StoreFault("store.busy", "all " + std::to_string(s.size) + " database connections are in use; none freed up within " +
                                         std::to_string(s.options.acquire_timeout.count()) + " ms");
    }
  }
}

std::size_t MysqlPool::size() const { return shared_->size; }

std::size_t MysqlPool::open() const {
  const std::lock_guard lock(shared_->mu);
  return shared_->open;
}

std::size_t MysqlPool::idle() const {
  const std::lock_guard lock(shared_->mu);
  return shared_->idle.size();
}

std::unique_ptr<MysqlPool> open_mysql_pool(const DbUrl& url, std::size_t size, const MysqlOptions& options) {
  return std::make_unique<MysqlPool>(url, size, options);
}

}  // namespace zhishen::store
