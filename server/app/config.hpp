#pragma once
// ServerConfig: every setting of zhishen-server, with its default. Read from the configuration file
// (Java-properties format, e.g. /etc/zhishen/zhishen.properties) and command-line overrides through
// Poco's layered configuration; docs/operations.md lists the keys (generated from kKeys).
//
// Thread-safety: a plain value, read-only after start-up.

#include <chrono>
#include <string>
#include <vector>

namespace Poco::Util {
class AbstractConfiguration;
}

namespace zhishen::server {

struct ServerConfig {
  // HTTP(S)
  std::string address = "0.0.0.0";
  int port = 8443;
  bool tls = true;                                   // plain HTTP only when false, and then only on loopback
  std::string tls_certificate = "var/tls/server.crt";  // made (self-signed) on first start when missing
  std::string tls_key = "var/tls/server.key";
  int threads = 64;                                  // request threads (one per keep-alive connection)
  int max_queued = 256;                              // connections waiting for a thread
  int keep_alive_seconds = 15;
  int max_keep_alive_requests = 10000;
  std::size_t max_body_bytes = 1 << 20;              // larger request bodies: 413 http.body.too_large
  std::string trusted_proxies;                       // whose X-Forwarded-For is believed (http/client_address)

  // Storage and keys
  std::string db = "sqlite:var/zhishen.db";
  int db_pool = 16;
  int group_commit_max = 32;                         // applications per intake transaction (services/intake)
  int intake_lanes = 2;                              // intake transactions written side by side
  std::string data_key_file = "var/keys/data.key";   // personal-data key; made on first start when missing
  std::string key_dir = "var/keys/signing";          // e-certificate signing keys (crypto/key_ring.hpp)
  std::string key_passphrase_file = "var/keys/signing.pass";
  bool generate_missing_keys = true;                 // make a key for each department without one at start
  std::string key_algorithm = "sm2";                 // "sm2" | "ecdsa-p256" for keys made at start
  std::string sm2_id = "1234567812345678";

  // Data imported into an empty database
  std::string holidays_dir = "data/holidays";
  std::string items_dir = "data/items";
  std::string shared_data_dir = "data/shared";

  // Behaviour
  std::chrono::milliseconds decision_budget{120'000};  // 002 §8.3.4
  std::chrono::seconds timer_interval{30};
  std::chrono::minutes session_ttl{480};
  double verify_per_minute = 30;                       // public certificate checks per client address
  double yellow_fraction = 0.25;                       // yellow light in the last quarter of a span
  int ticket_answer_workdays = 3;                      // 挂号督办: the department's time to answer

  // Logging and notifications
  std::string log_file = "var/log/zhishen-server.log";
  std::string log_level = "information";
  std::string notify_sender = "log";                   // "log" or "http"
  std::string notify_log_file = "var/log/notifications.log";
  std::string notify_http_url;                         // the SMS gateway for notify_sender = http
  std::string verify_url_base;  // printed documents: URL + case number in the QR code (empty: the number only)

  static ServerConfig from(const Poco::Util::AbstractConfiguration& c);
};

struct ConfigKey {
  const char* key;
  const char* default_value;
  const char* meaning;
};
// Every key, in documentation order.
const std::vector<ConfigKey>& config_keys();

}  // namespace zhishen::server
