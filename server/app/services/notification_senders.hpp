#pragma once
// How an outbox message leaves the server (BRIEF R5, 001 Art.20): the NotificationSender interface
// and its two implementations, chosen by notify.sender.
//
//   LogSender   appends one JSON line per message to notify.log_file (directories created), with the
//               recipient masked (138****0000): the log is not a place for personal data.
//   HttpSender  POSTs {"recipient","template","text","case_no"} as JSON to notify.http_url (http or
//               https, 10 s timeout); any 2xx answer means sent.
//
// A failure is a Status error: notify.log.unwritable, notify.http.status (a non-2xx answer),
// notify.http.unreachable (connection, TLS or timeout). Error messages never carry the recipient.
//
// Ownership: a sender owns its file handle / TLS context. Thread-safety: send() may be called from
// any thread (LogSender serialises appends with a mutex; HttpSender uses one session per call).

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "../config.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/domain/records.hpp"

namespace zhishen::server {

class NotificationSender {
 public:
  virtual ~NotificationSender() = default;
  // Delivers one message (now: the server clock's time of this attempt); ok only when the far side
  // accepted it.
  virtual Status send(const domain::OutboxMessage& m, Instant now) = 0;
  virtual std::string name() const = 0;
};

// "13800000000" -> "138****0000"; anything of fewer than 8 ASCII characters (or not ASCII) -> "****".
std::string mask_recipient(const std::string& recipient);

class LogSender final : public NotificationSender {
 public:
  explicit LogSender(std::string path) : path_(std::move(path)) {}
  Status send(const domain::OutboxMessage& m, Instant now) override;
  std::string name() const override { return "log"; }

 private:
  std::string path_;
  std::mutex mu_;
};

class HttpSender final : public NotificationSender {
 public:
  // url: http://host[:port]/path or https://...; validated by make_sender.
  explicit HttpSender(std::string url, std::chrono::seconds timeout = std::chrono::seconds{10})
      : url_(std::move(url)), timeout_(timeout) {}
  Status send(const domain::OutboxMessage& m, Instant now) override;
  std::string name() const override { return "http"; }

 private:
  std::string url_;
  std::chrono::seconds timeout_;
};

// The sender notify.sender names. server.config.notify_sender (neither "log" nor "http"),
// server.config.notify_http_url (http chosen without a usable http(s) URL).
Result<std::unique_ptr<NotificationSender>> make_sender(const ServerConfig& config);

}  // namespace zhishen::server
