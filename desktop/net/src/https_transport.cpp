#include "zhishen/desk/https_transport.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/X509Certificate.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cctype>
#include <mutex>
#include <optional>
#include <typeinfo>
#include <utility>
#include <vector>

namespace zhishen::desk {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Error invalid_address(const std::string& why) {
  return make_error("net.address.invalid", "invalid server address: " + why);
}

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

bool valid_hostname(const std::string& h) {
  if (h.empty() || h.size() > 253 || h.front() == '.' || h.front() == '-') return false;
  for (char c : h) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-' && c != '.') return false;
  }
  return true;
}

bool valid_ipv6(const std::string& h) {
  if (h.size() < 2 || h.find(':') == std::string::npos) return false;
  for (char c : h) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0 && c != ':' && c != '.') return false;
  }
  return true;
}

// "AB:CD:…": SHA-256 over the certificate's DER encoding.
std::string fingerprint_of(const Poco::Net::X509Certificate& cert) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(cert.certificate(), EVP_sha256(), md, &len) != 1 || len != 32) {
    throw Poco::Net::SSLException("cannot compute the certificate's fingerprint");
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(95);
  for (unsigned int i = 0; i < len; ++i) {
    if (i > 0) out += ':';
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 0x0F];
  }
  return out;
}

// Refusal of a connection whose certificate is not the pinned one (error id in `id`).
class PinRefused final : public Poco::Exception {
 public:
  explicit PinRefused(Error error) : Poco::Exception(error.message), error_(std::move(error)) {}
  const char* name() const noexcept override { return "certificate not trusted"; }
  const char* className() const noexcept override { return typeid(*this).name(); }
  Poco::Exception* clone() const override { return new PinRefused(*this); }
  void rethrow() const override { throw *this; }
  const Error& error() const { return error_; }

 private:
  Error error_;
};

// An HTTPS session that checks the server certificate against the pin after every handshake
// (Poco reconnects by itself — keep-alive expiry, a failed first write — always through connect()),
// closing the connection before any request byte when it does not match. In probe mode it only
// records the presented fingerprint.
class PinnedSession final : public Poco::Net::HTTPSClientSession {
 public:
  PinnedSession(const ServerAddress& address, const Poco::Net::Context::Ptr& context, const TrustStore* trust,
                const Poco::Timespan& timeout, std::uint64_t generation)
      : HTTPSClientSession(address.host, address.port, context),
        trust_(trust),
        key_(address.key()),
        generation_(generation) {
    setTimeout(timeout);
    setKeepAlive(true);
    // Reconnect (checked again) rather than reuse a connection idle for longer than this: shorter
    // than the server's keep-alive (server.keep_alive_seconds, 15 s by default).
    setKeepAliveTimeout(Poco::Timespan(5, 0));
    setProxyConfig(ProxyConfig());  // never a (global) proxy: the pin is checked on this connection
  }

  // Connects now (probe mode: no pin check) and returns the presented fingerprint.
  const std::string& open() {
    reconnect();
    return presented_;
  }
  // The refusal of the last connection, when the pin check refused it.
  const std::optional<Error>& refused() const { return refused_; }
  std::uint64_t generation() const { return generation_; }

 protected:
  void connect(const Poco::Net::SocketAddress& address) override {
    refused_.reset();
    presented_.clear();
    HTTPSClientSession::connect(address);
    try {
      // With a time limit, Poco returns from connect() without an error when the handshake read
      // timed out (OpenSSL "want read" on a blocking socket); the certificate is then missing.
      if (!Poco::Net::SecureStreamSocket(socket()).havePeerCertificate()) {
        throw Poco::TimeoutException("no TLS handshake within the time limit");
      }
      presented_ = fingerprint_of(serverCertificate());
    } catch (...) {
      abort();
      throw;
    }
    if (trust_ == nullptr) return;  // probe
    const std::string expected = trust_->pinned(key_);
    if (expected == presented_) return;
    if (expected.empty()) {
      refused_ = make_error("net.certificate.untrusted", "the certificate of " + key_ + " (" + presented_ +
                                                             ") is not trusted yet: check and pin its fingerprint");
    } else {
      refused_ = make_error("net.certificate.changed", key_ + " presents another certificate than the pinned one: "
                                                            "pinned " + expected + ", presented " + presented_);
    }
    abort();
    throw PinRefused(*refused_);
  }

 private:
  const TrustStore* trust_;
  std::string key_;
  std::uint64_t generation_;
  std::string presented_;
  std::optional<Error> refused_;
};

Error map_exception(const Poco::Exception& e, const std::string& key) {
  const std::string detail = key + ": " + e.displayText();
  if (const auto* p = dynamic_cast<const PinRefused*>(&e)) return p->error();
  if (dynamic_cast<const Poco::TimeoutException*>(&e) != nullptr) {
    return make_error("net.timeout", "no answer in time from " + detail);
  }
  if (dynamic_cast<const Poco::Net::SSLException*>(&e) != nullptr) {
    return make_error("net.tls", "TLS with " + detail);
  }
  return make_error("net.unreachable", "cannot reach " + detail);
}

// Failures that a server closing an idle keep-alive connection produces on the next request.
bool stale_connection(const Poco::Exception& e) {
  return dynamic_cast<const Poco::Net::NoMessageException*>(&e) != nullptr ||
         dynamic_cast<const Poco::Net::ConnectionResetException*>(&e) != nullptr ||
         dynamic_cast<const Poco::Net::ConnectionAbortedException*>(&e) != nullptr ||
         dynamic_cast<const Poco::Net::SSLConnectionUnexpectedlyClosedException*>(&e) != nullptr;
}

bool valid_method(const std::string& m) {
  return m == "GET" || m == "POST" || m == "PUT" || m == "DELETE" || m == "PATCH";
}

bool valid_target(const std::string& t) {
  if (t.empty() || t.front() != '/') return false;
  for (char c : t) {
    if (c <= ' ' || c == '\x7f') return false;
  }
  return true;
}

}  // namespace

std::string ServerAddress::key() const {
  const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return h + ":" + std::to_string(port);
}

Result<ServerAddress> ServerAddress::parse(const std::string& text) {
  std::string s = text;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.erase(s.begin());
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.pop_back();
  if (const auto scheme = s.find("://"); scheme != std::string::npos) {
    if (lower(s.substr(0, scheme)) != "https") return invalid_address("only https:// is supported");
    s.erase(0, scheme + 3);
  }
  if (!s.empty() && s.back() == '/') s.pop_back();
  if (s.empty()) return invalid_address("no host");

  ServerAddress a;
  std::string port_text;
  if (s.front() == '[') {
    const auto close = s.find(']');
    if (close == std::string::npos) return invalid_address("unclosed [ in the host");
    a.host = lower(s.substr(1, close - 1));
    if (!valid_ipv6(a.host)) return invalid_address("bad IPv6 address");
    const std::string rest = s.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return invalid_address("unexpected text after the host");
      port_text = rest.substr(1);
      if (port_text.empty()) return invalid_address("empty port");
    }
  } else {
    const auto colon = s.find(':');
    if (colon != std::string::npos) {
      port_text = s.substr(colon + 1);
      if (port_text.empty()) return invalid_address("empty port");
    }
    a.host = lower(s.substr(0, colon));
    if (!valid_hostname(a.host)) return invalid_address("bad host name");
  }
  if (!port_text.empty()) {
    if (!all_digits(port_text) || port_text.size() > 5) return invalid_address("bad port");
    const unsigned long port = std::stoul(port_text);
    if (port == 0 || port > 65535) return invalid_address("port out of range");
    a.port = static_cast<std::uint16_t>(port);
  }
  return a;
}

struct HttpsTransport::Impl {
  ServerAddress address;
  std::string key;
  TrustStore& trust;
  Poco::Timespan timeout;
  Poco::Net::Context::Ptr context;

  std::mutex mu;
  std::uint64_t generation = 0;  // bumped by pin(): idle connections checked against an older pin go
  std::vector<std::unique_ptr<PinnedSession>> idle;

  Impl(ServerAddress a, TrustStore& t, std::chrono::milliseconds ms)
      : address(std::move(a)),
        key(address.key()),
        trust(t),
        timeout(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000) {
    Poco::Net::Context::Params params;
    params.verificationMode = Poco::Net::Context::VERIFY_NONE;  // trust is the pinned fingerprint
    params.loadDefaultCAs = false;
    context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  }

  std::unique_ptr<PinnedSession> fresh_session() {
    std::uint64_t gen = 0;
    {
      std::lock_guard lock(mu);
      gen = generation;
    }
    return std::make_unique<PinnedSession>(address, context, &trust, timeout, gen);
  }

  // An idle verified session (reused = true), or a new unconnected one. An idle connection that
  // has become readable was closed by the server (or is in an unknown state): it is dropped.
  std::unique_ptr<PinnedSession> acquire(bool& reused) {
    std::vector<std::unique_ptr<PinnedSession>> closed;  // destroyed outside the lock
    while (true) {
      std::unique_ptr<PinnedSession> s;
      {
        std::lock_guard lock(mu);
        if (idle.empty()) break;
        s = std::move(idle.back());
        idle.pop_back();
      }
      bool usable = false;
      try {
        usable = s->connected() &&
                 !s->socket().poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ | Poco::Net::Socket::SELECT_ERROR);
      } catch (const Poco::Exception&) {
        usable = false;
      }
      if (usable) {
        reused = true;
        return s;
      }
      closed.push_back(std::move(s));
    }
    reused = false;
    return fresh_session();
  }

  void release(std::unique_ptr<PinnedSession> s) {
    {
      std::lock_guard lock(mu);
      if (idle.size() < kMaxIdle && s->generation() == generation) {
        idle.push_back(std::move(s));
        return;
      }
    }
    s.reset();  // closed outside the lock
  }

  void drop_idle() {
    std::vector<std::unique_ptr<PinnedSession>> old;
    {
      std::lock_guard lock(mu);
      ++generation;
      old.swap(idle);
    }  // closed outside the lock
  }
};

HttpsTransport::HttpsTransport(ServerAddress address, TrustStore& trust, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(std::move(address), trust, timeout)) {}

HttpsTransport::~HttpsTransport() = default;

Result<std::unique_ptr<HttpsTransport>> HttpsTransport::make(const std::string& address, TrustStore& trust,
                                                            std::chrono::milliseconds timeout) {
  auto a = ServerAddress::parse(address);
  if (!a) return a.error();
  return std::make_unique<HttpsTransport>(std::move(a).value(), trust, timeout);
}

const ServerAddress& HttpsTransport::address() const { return impl_->address; }

std::string HttpsTransport::pinned() const { return impl_->trust.pinned(impl_->key); }

Status HttpsTransport::pin(const std::string& fingerprint) {
  auto st = impl_->trust.pin(impl_->key, fingerprint);
  if (st) impl_->drop_idle();
  return st;
}

Result<std::string> HttpsTransport::fingerprint() {
  try {
    PinnedSession probe(impl_->address, impl_->context, nullptr, impl_->timeout, 0);
    std::string fp = probe.open();
    probe.abort();
    return fp;
  } catch (const Poco::Exception& e) {
    return map_exception(e, impl_->key);
  } catch (const std::exception& e) {
    return make_error("net.unreachable", "cannot reach " + impl_->key + ": " + e.what());
  }
}

Result<HttpReply> HttpsTransport::send(const std::string& method, const std::string& target, const std::string& body,
                                       const std::string& bearer, const std::string& content_type) {
  if (!valid_method(method)) return make_error("net.request.invalid", "unsupported HTTP method");
  if (!valid_target(target)) return make_error("net.request.invalid", "the request target must be a path");

  for (int attempt = 0;; ++attempt) {
    bool reused = false;
    std::unique_ptr<PinnedSession> session =
        attempt == 0 ? impl_->acquire(reused) : impl_->fresh_session();
    bool response_started = false;
    try {
      Poco::Net::HTTPRequest req(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
      req.set("Accept", "application/json");
      req.set("User-Agent", "zhishen-desk");
      if (!bearer.empty()) req.set("Authorization", "Bearer " + bearer);
      if (!body.empty()) req.setContentType(content_type.empty() ? std::string("application/json") : content_type);
      if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        req.setContentLength(static_cast<std::streamsize>(body.size()));
      }
      std::ostream& out = session->sendRequest(req);
      out.write(body.data(), static_cast<std::streamsize>(body.size()));
      out.flush();

      Poco::Net::HTTPResponse res;
      std::istream& in = session->receiveResponse(res);
      response_started = true;
      HttpReply reply;
      reply.status = static_cast<int>(res.getStatus());
      Poco::StreamCopier::copyToString(in, reply.body);
      if (const Poco::Exception* e = session->networkException()) e->rethrow();
      if (in.bad()) throw Poco::IOException("the response could not be read");
      if (res.hasContentLength() && static_cast<Poco::UInt64>(reply.body.size()) !=
                                        static_cast<Poco::UInt64>(res.getContentLength64())) {
        throw Poco::Net::MessageException("the connection closed before the whole response arrived");
      }
      if (res.getKeepAlive()) impl_->release(std::move(session));
      return reply;
    } catch (const Poco::Exception& e) {
      if (session->refused()) return *session->refused();
      if (attempt == 0 && reused && !response_started && method == "GET" && stale_connection(e)) continue;
      return map_exception(e, impl_->key);
    } catch (const std::exception& e) {
      return make_error("net.unreachable", "cannot reach " + impl_->key + ": " + e.what());
    }
  }
}

}  // namespace zhishen::desk
