#pragma once
// Server: the running approval server — opens the store (migrating it), imports the shipped
// calendar, catalogue and datasets into an empty database, loads the snapshots, registers the
// routes, serves HTTP(S) with a bounded thread pool, and runs the timer thread. Used by
// zhishen-server's main and, on port 0, by the tests.
//
// Ownership: owns the store, the context, the Poco server, the timer thread and the outbox sender.
// Thread-safety: start() and stop() from one thread; requests run on the pool's threads.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <string>
#include <thread>

#include "config.hpp"
#include "context.hpp"
#include "http/router.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/ports/clock.hpp"

namespace Poco::Net {
class HTTPServer;
}

namespace zhishen::server {

class OutboxSender;

class Server {
 public:
  // clock: nullptr for the system clock (tests pass a manual one).
  explicit Server(ServerConfig config, ports::Clock* clock = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Prepares everything and starts listening. Errors name what failed (store.*, crypto.key.*,
  // server.tls.*, server.config.*).
  Status start();
  // Stops accepting, finishes in-flight requests, stops the timer.
  void stop();

  int port() const { return port_; }
  std::string certificate_fingerprint() const { return fingerprint_; }
  ServerContext& context() { return *ctx_; }
  const Router& router() const { return router_; }

  // One timer tick now (tests; the timer thread calls the same).
  void tick();

  // The notification outbox's sender thread (services/outbox_sender.hpp); null before start().
  OutboxSender* outbox() { return outbox_.get(); }

 private:
  Status bootstrap();
  void timer_loop();

  ServerConfig config_;
  ports::Clock* clock_;
  std::unique_ptr<ports::Clock> own_clock_;
  std::unique_ptr<ports::Store> store_;
  std::unique_ptr<ServerContext> ctx_;
  Router router_;
  std::unique_ptr<Poco::Net::HTTPServer> http_;
  std::thread timer_;
  std::mutex timer_mu_;
  std::condition_variable timer_cv_;
  bool stopping_ = false;
  int port_ = 0;
  std::string fingerprint_;
  std::unique_ptr<OutboxSender> outbox_;
};

}  // namespace zhishen::server
