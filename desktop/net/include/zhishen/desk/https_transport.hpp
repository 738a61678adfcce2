#pragma once
// HttpsTransport: the desktop's Transport over HTTPS (Poco NetSSL), the server certificate pinned.
//
// The server's certificate is usually self-signed, so no CA is consulted (OpenSSL verification is
// off); trust comes from the SHA-256 fingerprint of the certificate's DER encoding, pinned in the
// TrustStore under "host:port". Every TLS connection — the first one, a keep-alive reconnect, a
// retry — is checked right after its handshake and before any request byte (bearer token, body)
// is written: nothing pinned → net.certificate.untrusted, another certificate →
// net.certificate.changed (the message names both fingerprints); the connection is then closed.
//
// Keep-alive: up to kMaxIdle verified connections are kept idle for reuse, so several threads may
// send at once (each request has a connection of its own while it runs). pin() drops the idle
// connections. A GET that fails on a reused idle connection before any response byte arrived (the
// server had closed it meanwhile) is retried once on a new connection; other requests are never
// retried (a POST may have reached the server).
//
// Error ids: those of transport.hpp (net.unreachable, net.timeout, net.tls,
// net.certificate.untrusted, net.certificate.changed); net.address.invalid (make(), parse());
// net.request.invalid (send() with an unknown method or a target that is not "/…" without spaces).
// HTTP 4xx/5xx answers are replies, not errors. No error message carries a token or a body.
//
// Ownership: the transport owns its connections and TLS context; it refers to a TrustStore owned
// by the caller, which must outlive it.
// Thread-safety: every method may be called from any thread, concurrently.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "zhishen/core/error.hpp"
#include "zhishen/desk/transport.hpp"
#include "zhishen/desk/trust_store.hpp"

namespace zhishen::desk {

// A server address: "https://host:port", "host:port" or "host" (port 8443). An IPv6 address is
// written in brackets ("[::1]:8443"). Another scheme, a path, spaces or a bad port are refused.
struct ServerAddress {
  static constexpr std::uint16_t kDefaultPort = 8443;

  std::string host;  // lower-case name or IPv4 address, or IPv6 address without brackets
  std::uint16_t port = kDefaultPort;

  // "host:port" ("[v6]:port"): the TrustStore key.
  std::string key() const;
  // Error id net.address.invalid.
  static Result<ServerAddress> parse(const std::string& text);
};

class HttpsTransport final : public Transport {
 public:
  static constexpr std::chrono::milliseconds kDefaultTimeout{15000};
  static constexpr std::size_t kMaxIdle = 4;

  // Parses `address` (net.address.invalid) and makes the transport; nothing is connected yet.
  static Result<std::unique_ptr<HttpsTransport>> make(const std::string& address, TrustStore& trust,
                                                      std::chrono::milliseconds timeout = kDefaultTimeout);
  // timeout: for connecting (TCP and TLS handshake), and for each send and receive on the socket.
  HttpsTransport(ServerAddress address, TrustStore& trust, std::chrono::milliseconds timeout = kDefaultTimeout);
  ~HttpsTransport() override;
  HttpsTransport(const HttpsTransport&) = delete;
  HttpsTransport& operator=(const HttpsTransport&) = delete;

  Result<HttpReply> send(const std::string& method, const std::string& target, const std::string& body,
                         const std::string& bearer, const std::string& content_type = "application/json") override;
  Result<std::string> fingerprint() override;
  std::string pinned() const override;
  Status pin(const std::string& fingerprint) override;

  const ServerAddress& address() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zhishen::desk
