// A small pool of SQLite connections to one file. An in-memory database has one connection (each
// would otherwise see its own empty database).
#include <condition_variable>
#include <mutex>
#include <vector>

#include "connection_source.hpp"
#include "sqlite_connection.hpp"

namespace zhishen::store {
namespace {

class SqliteSource final : public ConnectionSource {
 public:
  SqliteSource(std::string path, std::size_t size, std::chrono::milliseconds timeout)
      : path_(std::move(path)), size_(path_ == ":memory:" ? 1 : std::max<std::size_t>(size, 1)), timeout_(timeout) {}

  Lease acquire() override {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, timeout_, [&] { return !idle_.empty() || open_ < size_; })) {
      throw StoreFault("store.busy", "no SQLite connection became free in time");
    }
    std::unique_ptr<Connection> c;
    if (!idle_.empty()) {
      c = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++open_;
      lock.unlock();
      try {
        c = std::make_unique<SqliteConnection>(path_);
      } catch (...) {
        std::lock_guard relock(mu_);
        --open_;
        cv_.notify_one();
        throw;
      }
    }
    return Lease(c.release(), [this](Connection* p) { give_back(std::unique_ptr<Connection>(p)); });
  }

 private:
  void give_back(std::unique_ptr<Connection> c) {
    std::lock_guard lock(mu_);
    if (c->healthy()) idle_.push_back(std::move(c));
    else --open_;
    cv_.notify_one();
  }

  std::string path_;
  std::size_t size_;
  std::chrono::milliseconds timeout_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
};

}  // namespace

std::unique_ptr<ConnectionSource> sqlite_source(const std::string& path, std::size_t size,
                                                std::chrono::milliseconds timeout) {
  return std::make_unique<SqliteSource>(path, size, timeout);
}

}  // namespace zhishen::store
