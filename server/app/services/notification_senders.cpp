#include "notification_senders.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "zhishen/json/write.hpp"

namespace zhishen::server {
namespace {

bool is_http_url(const Poco::URI& u) { return (u.getScheme() == "http" || u.getScheme() == "https") && !u.getHost().empty(); }

}  // namespace

std::string mask_recipient(const std::string& recipient) {
  for (char c : recipient) {
    if (static_cast<unsigned char>(c) >= 0x80) return "****";
  }
  if (recipient.size() < 8) return "****";
  return recipient.substr(0, 3) + "****" + recipient.substr(recipient.size() - 4);
}

Status LogSender::send(const domain::OutboxMessage& m, Instant now) {
  const std::string line = json::to_json(json::Object{{"at", format_instant(now, UtcOffset{})},
                                                      {"case_no", m.case_no},
                                                      {"template", m.template_id},
                                                      {"recipient", mask_recipient(m.recipient)},
                                                      {"text", m.text}}) +
                           "\n";
  std::lock_guard lock(mu_);
  const std::filesystem::path path(path_);
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::app);
  if (!out) return make_error("notify.log.unwritable", "cannot open the notification log " + path_);
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
  out.flush();
  if (!out) return make_error("notify.log.unwritable", "cannot write the notification log " + path_);
  return {};
}

Status HttpSender::send(const domain::OutboxMessage& m, Instant) {
  const std::string body = json::to_json(json::Object{
      {"recipient", m.recipient}, {"template", m.template_id}, {"text", m.text}, {"case_no", m.case_no}});
  try {
    const Poco::URI uri(url_);
    if (!is_http_url(uri)) return make_error("notify.http.unreachable", "notify.http_url is not an http(s) URL");
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https") {
      // The gateway's certificate is checked against the system's CAs (and its host name).
      static const Poco::Net::Context::Ptr tls = new Poco::Net::Context(
          Poco::Net::Context::TLS_CLIENT_USE, "", "", "", Poco::Net::Context::VERIFY_RELAXED, 9, true);
      session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), tls);
    } else {
      session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    }
    session->setTimeout(Poco::Timespan(static_cast<long>(timeout_.count()), 0));
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery().empty() ? "/" : uri.getPathAndQuery(),
                               Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType("application/json; charset=utf-8");
    req.setContentLength(static_cast<std::streamsize>(body.size()));
    session->sendRequest(req) << body;
    Poco::Net::HTTPResponse res;
    std::istream& in = session->receiveResponse(res);
    std::ostringstream sink;
    Poco::StreamCopier::copyStream(in, sink);  // read the answer out; its content is not needed
    const int status = static_cast<int>(res.getStatus());
    if (status < 200 || status > 299) {
      return make_error("notify.http.status", "the SMS gateway answered HTTP " + std::to_string(status));
    }
    return {};
  } catch (const Poco::Exception& e) {  // connection refused, TLS failure, timeout: a failed attempt
    return make_error("notify.http.unreachable", "the SMS gateway cannot be reached: " + e.displayText());
  }
}

Result<std::unique_ptr<NotificationSender>> make_sender(const ServerConfig& config) {
  if (config.notify_sender == "log") {
    return std::unique_ptr<NotificationSender>(std::make_unique<LogSender>(config.notify_log_file));
  }
  if (config.notify_sender != "http") {
    return make_error("server.config.notify_sender", "notify.sender must be log or http, not " + config.notify_sender);
  }
  bool usable = false;
  try {
    usable = is_http_url(Poco::URI(config.notify_http_url));
  } catch (const Poco::Exception&) {
    usable = false;
  }
  if (!usable) {
    return make_error("server.config.notify_http_url", "notify.sender = http needs notify.http_url (http:// or https://)");
  }
  return std::unique_ptr<NotificationSender>(std::make_unique<HttpSender>(config.notify_http_url));
}

}  // namespace zhishen::server
