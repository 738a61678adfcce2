#include "config.hpp"

#include <Poco/Util/AbstractConfiguration.h>

namespace zhishen::server {

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = {
      {"server.address", "0.0.0.0", "address to listen on"},
      {"server.port", "8443", "port to listen on"},
      {"server.tls", "true", "HTTPS; false serves plain HTTP and is refused unless server.address is loopback"},
      {"server.tls.certificate", "var/tls/server.crt", "PEM certificate; a self-signed one is made on first start"},
      {"server.tls.key", "var/tls/server.key", "PEM private key of the certificate"},
      {"server.threads", "64", "request threads (each keep-alive connection holds one while it is open)"},
      {"server.max_queued", "256", "accepted connections waiting for a thread"},
      {"server.keep_alive_seconds", "15", "idle time before a keep-alive connection is closed"},
      {"server.max_keep_alive_requests", "10000", "requests per keep-alive connection"},
      {"server.max_body_bytes", "1048576", "largest request body (413 http.body.too_large beyond)"},
      {"server.trusted_proxies", "", "reverse proxies (addresses or networks, e.g. 10.0.0.5, 192.168.0.0/16) whose X-Forwarded-For gives the client's address; empty: the peer's address is the client's"},
      {"db.url", "sqlite:var/zhishen.db", "the database: sqlite:PATH or mysql://USER:PASSWORD@HOST:PORT/DATABASE"},
      {"db.pool", "16", "database connections"},
      {"db.group_commit_max", "32", "most submitted applications stored in one transaction (1: a transaction each)"},
      {"db.intake_lanes", "2", "intake transactions written side by side (1-16); an applicant's applications always share a lane"},
      {"keys.data_key_file", "var/keys/data.key", "key file encrypting personal data (made on first start, mode 0600)"},
      {"certificates.key_dir", "var/keys/signing", "departments' e-certificate signing keys: DIR/<department>/<key id>.key.pem and .pub.pem (zhishen keys generate)"},
      {"certificates.passphrase_file", "var/keys/signing.pass", "file whose first line is the passphrase of the departments' private keys (mode 0600)"},
      {"certificates.generate_missing", "true", "at start, make a random passphrase file and a key for every department without one (production: generate keys with zhishen keys generate and set false)"},
      {"certificates.algorithm", "sm2", "algorithm of keys made at start: sm2 (SM2 with SM3) or ecdsa-p256"},
      {"certificates.sm2_id", "1234567812345678", "SM2 signer identity (GM/T 0009 default)"},
      {"data.holidays_dir", "data/holidays", "holiday notices imported into an empty database"},
      {"data.items_dir", "data/items", "item catalogue imported into an empty database"},
      {"data.shared_dir", "data/shared", "shared datasets imported into an empty database"},
      {"decision.budget_ms", "120000", "time budget of an automatic decision; past it the case goes to manual review"},
      {"timer.interval_seconds", "30", "how often the timer recomputes lights and deadlines"},
      {"session.ttl_minutes", "480", "staff session lifetime"},
      {"limits.verify_per_minute", "30", "certificate verifications a client address may ask a minute (and at once); 0: no limit"},
      {"lights.yellow_fraction", "0.25", "yellow light within the last fraction of a deadline's span"},
      {"supervision.answer_workdays", "3", "working days a department has to answer a supervision ticket"},
      {"log.file", "var/log/zhishen-server.log", "log file (also logged to the console)"},
      {"log.level", "information", "fatal, critical, error, warning, notice, information, debug, trace"},
      {"notify.sender", "log", "log (append to notify.log_file) or http (POST to notify.http_url)"},
      {"notify.log_file", "var/log/notifications.log", "where the log sender writes messages"},
      {"notify.http_url", "", "SMS gateway URL for notify.sender = http"},
      {"reports.verify_url_base", "", "printed documents: a public URL the case number is appended to, printed and put in the QR code (empty: the QR code carries the case number only)"},
  };
  return keys;
}

ServerConfig ServerConfig::from(const Poco::Util::AbstractConfiguration& c) {
  ServerConfig s;
  s.address = c.getString("server.address", s.address);
  s.port = c.getInt("server.port", s.port);
  s.tls = c.getBool("server.tls", s.tls);
  s.tls_certificate = c.getString("server.tls.certificate", s.tls_certificate);
  s.tls_key = c.getString("server.tls.key", s.tls_key);
  s.threads = c.getInt("server.threads", s.threads);
  s.max_queued = c.getInt("server.max_queued", s.max_queued);
  s.keep_alive_seconds = c.getInt("server.keep_alive_seconds", s.keep_alive_seconds);
  s.max_keep_alive_requests = c.getInt("server.max_keep_alive_requests", s.max_keep_alive_requests);
  s.max_body_bytes = static_cast<std::size_t>(c.getUInt64("server.max_body_bytes", s.max_body_bytes));
  s.trusted_proxies = c.getString("server.trusted_proxies", s.trusted_proxies);
  s.db = c.getString("db.url", s.db);
  s.db_pool = c.getInt("db.pool", s.db_pool);
  s.group_commit_max = c.getInt("db.group_commit_max", s.group_commit_max);
  s.intake_lanes = c.getInt("db.intake_lanes", s.intake_lanes);
  s.data_key_file = c.getString("keys.data_key_file", s.data_key_file);
  s.key_dir = c.getString("certificates.key_dir", s.key_dir);
  s.key_passphrase_file = c.getString("certificates.passphrase_file", s.key_passphrase_file);
  s.generate_missing_keys = c.getBool("certificates.generate_missing", s.generate_missing_keys);
  s.key_algorithm = c.getString("certificates.algorithm", s.key_algorithm);
  s.sm2_id = c.getString("certificates.sm2_id", s.sm2_id);
  s.holidays_dir = c.getString("data.holidays_dir", s.holidays_dir);
  s.items_dir = c.getString("data.items_dir", s.items_dir);
  s.shared_data_dir = c.getString("data.shared_dir", s.shared_data_dir);
  s.decision_budget = std::chrono::milliseconds{c.getInt64("decision.budget_ms", s.decision_budget.count())};
  s.timer_interval = std::chrono::seconds{c.getInt64("timer.interval_seconds", s.timer_interval.count())};
  s.verify_per_minute = c.getDouble("limits.verify_per_minute", s.verify_per_minute);
  s.session_ttl = std::chrono::minutes{c.getInt64("session.ttl_minutes", s.session_ttl.count())};
  s.yellow_fraction = c.getDouble("lights.yellow_fraction", s.yellow_fraction);
  s.ticket_answer_workdays = c.getInt("supervision.answer_workdays", s.ticket_answer_workdays);
  s.log_file = c.getString("log.file", s.log_file);
  s.log_level = c.getString("log.level", s.log_level);
  s.notify_sender = c.getString("notify.sender", s.notify_sender);
  s.notify_log_file = c.getString("notify.log_file", s.notify_log_file);
  s.notify_http_url = c.getString("notify.http_url", s.notify_http_url);
  s.verify_url_base = c.getString("reports.verify_url_base", s.verify_url_base);
  return s;
}

}  // namespace zhishen::server
