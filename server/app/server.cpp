#include "server.hpp"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <filesystem>

#include "bootstrap.hpp"
#include "handlers/routes.hpp"
#include "http/dispatcher.hpp"
#include "services/outbox_sender.hpp"
#include "signing_keys.hpp"
#include "system_clock.hpp"
#include "timer.hpp"
#include "zhishen/crypto/key_file.hpp"
#include "zhishen/crypto/tls_certificate.hpp"
#include "zhishen/store/sql_store.hpp"

namespace zhishen::server {
namespace {

bool is_loopback(const std::string& address) {
  return address == "127.0.0.1" || address == "::1" || address == "localhost";
}

}  // namespace

Server::Server(ServerConfig config, ports::Clock* clock) : config_(std::move(config)), clock_(clock) {
  if (clock_ == nullptr) {
    own_clock_ = std::make_unique<SystemClock>();
    clock_ = own_clock_.get();
  }
}

Server::~Server() { stop(); }

Status Server::bootstrap() {
  auto& log = Poco::Logger::get("zhishen");
  namespace fs = std::filesystem;
  if (!fs::exists(config_.data_key_file)) {
    std::error_code ec;
    fs::create_directories(fs::path(config_.data_key_file).parent_path(), ec);
    if (auto st = crypto::generate_key_file(config_.data_key_file); !st) return st;
    log.warning("created the personal-data key file %s: back it up apart from the database", config_.data_key_file);
  }
  auto cipher = crypto::load_key_file(config_.data_key_file);
  if (!cipher) return cipher.error();
  auto url = store::DbUrl::parse(config_.db);
  if (!url) return url.error();
  if (url->kind == store::DbUrl::Kind::sqlite && fs::path(url->path).has_parent_path()) {
    std::error_code ec;
    fs::create_directories(fs::path(url->path).parent_path(), ec);
  }
  store::StoreOptions options;
  options.pool_size = static_cast<std::size_t>(std::max(1, config_.db_pool));
  auto opened = store::open_store(*url, std::move(cipher).value(), options);
  if (!opened) return opened.error();
  store_ = std::move(opened).value();
  log.information("database %s ready", url->redacted());
  ctx_ = std::make_unique<ServerContext>(config_, *store_, *clock_, log);
  if (auto st = import_if_empty(*ctx_); !st) return st;
  if (auto st = load_signing_keys(*ctx_); !st) return st;
  return load_snapshots(*ctx_);
}

Status Server::start() {
  auto& log = Poco::Logger::get("zhishen");
  if (!config_.tls && !is_loopback(config_.address)) {
    return make_error("server.config.plain_http", "plain HTTP is only allowed on loopback (server.address)");
  }
  auto proxies = TrustedProxies::parse(config_.trusted_proxies);
  if (!proxies) return proxies.error();
  try {
    if (auto st = bootstrap(); !st) return st;
    add_all_routes(router_);
    auto sender = make_sender(config_);
    if (!sender) return sender.error();
    outbox_ = std::make_unique<OutboxSender>(*ctx_, std::move(sender).value());

    std::unique_ptr<Poco::Net::ServerSocket> socket;
    const Poco::Net::SocketAddress where(config_.address, static_cast<Poco::UInt16>(config_.port));
    if (config_.tls) {
      namespace fs = std::filesystem;
      if (!fs::exists(config_.tls_certificate) || !fs::exists(config_.tls_key)) {
        if (auto st = crypto::generate_self_signed(config_.tls_key, config_.tls_certificate, "zhishen-server"); !st) {
          return st;
        }
        log.warning("created a self-signed TLS certificate %s", config_.tls_certificate);
      }
      auto fp = crypto::certificate_fingerprint(config_.tls_certificate);
      if (!fp) return fp.error();
      fingerprint_ = *fp;
      Poco::Net::Context::Ptr tls = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, config_.tls_key,
                                                           config_.tls_certificate, "", Poco::Net::Context::VERIFY_NONE);
      tls->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                            Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
      socket = std::make_unique<Poco::Net::SecureServerSocket>(where, 128, tls);
    } else {
      socket = std::make_unique<Poco::Net::ServerSocket>(where, 128);
    }
    port_ = socket->address().port();

    auto params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config_.threads);
    params->setMaxQueued(config_.max_queued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(config_.keep_alive_seconds, 0));
    params->setMaxKeepAliveRequests(config_.max_keep_alive_requests);
    params->setTimeout(Poco::Timespan(30, 0));
    params->setServerName("zhishen");
    static Poco::ThreadPool* pool = nullptr;  // sized once per process for the configured thread count
    if (pool == nullptr) pool = new Poco::ThreadPool(4, std::max(8, config_.threads + 4), 60, 0);
    http_ = std::make_unique<Poco::Net::HTTPServer>(new DispatcherFactory(router_, *ctx_, std::move(proxies).value()),
                                                    *pool, *socket, params);
    http_->start();
  } catch (const Poco::Exception& e) {
    return make_error("server.start", "cannot start the server: " + e.displayText());
  } catch (const store::StoreFault& f) {
    return make_error(f.id(), f.what());
  }
  log.information("listening on %s://%s:%d%s", std::string(config_.tls ? "https" : "http"), config_.address, port_,
                  fingerprint_.empty() ? std::string() : " (certificate SHA-256 " + fingerprint_ + ")");
  timer_ = std::thread([this] { timer_loop(); });
  outbox_->start();
  return {};
}

void Server::stop() {
  {
    std::lock_guard lock(timer_mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  timer_cv_.notify_all();
  if (timer_.joinable()) timer_.join();
  if (outbox_) outbox_->stop();
  if (http_) {
    // Stop accepting, then let the requests in flight finish (a connection closes after its current
    // request once the server is stopping; idle keep-alive connections close at their timeout).
    // Only what is still running after the grace period is cut off.
    http_->stop();
    const auto grace = std::chrono::steady_clock::now() + std::chrono::seconds{config_.keep_alive_seconds + 5};
    while (http_->currentConnections() > 0 && std::chrono::steady_clock::now() < grace) {
      std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    http_->stopAll(true);
    http_.reset();
  }
}

void Server::tick() {
  if (ctx_) run_timer_tick(*ctx_);
}

void Server::timer_loop() {
  std::unique_lock lock(timer_mu_);
  while (!stopping_) {
    lock.unlock();
    try {
      tick();
    } catch (const std::exception& e) {
      Poco::Logger::get("zhishen").error("timer tick failed: %s", std::string(e.what()));
    }
    lock.lock();
    timer_cv_.wait_for(lock, config_.timer_interval, [&] { return stopping_; });
  }
}

}  // namespace zhishen::server
