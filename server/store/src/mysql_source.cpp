// The store's ConnectionSource over the MySQL pool (mysql.hpp).
#include "connection_source.hpp"
#include "zhishen/store/mysql.hpp"

namespace zhishen::store {
namespace {

class MysqlSource final : public ConnectionSource {
 public:
  MysqlSource(const DbUrl& url, std::size_t size, std::chrono::milliseconds timeout) {
    MysqlOptions options;
    options.acquire_timeout = timeout;
    pool_ = open_mysql_pool(url, size, options);
  }

  Lease acquire() override {
    auto held = std::make_shared<MysqlPool::Lease>(pool_->lease());
    Connection* c = &**held;
    // The pool lease returns (or drops) the connection when the store's lease is released.
    return Lease(c, [held](Connection*) mutable { held.reset(); });
  }

 private:
  std::unique_ptr<MysqlPool> pool_;
};

}  // namespace

std::unique_ptr<ConnectionSource> mysql_source(const DbUrl& url, std::size_t size, std::chrono::milliseconds timeout) {
  return std::make_unique<MysqlSource>(url, size, timeout);
}

}  // namespace zhishen::store
