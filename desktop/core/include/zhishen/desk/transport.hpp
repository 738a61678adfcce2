#pragma once
// Transport: the desktop's port to the approval server — one HTTPS request in, status and body
// out. The API client (http_api.hpp) speaks JSON over it; `net/` implements it with Poco
// (HttpsTransport, certificate pinned); tests of the API client use a real server.
//
// Error ids of a request that got no HTTP answer:
//   net.unreachable             the server could not be reached (refused, no route, DNS)
//   net.timeout                 no answer within the time limit
//   net.tls                     the TLS handshake failed
//   net.certificate.untrusted   the server's certificate is not pinned yet (trust it first)
//   net.certificate.changed     the server presents another certificate than the pinned one
// Thread-safety: implementations allow calls from several threads at once.

#include <string>

#include "zhishen/core/error.hpp"

namespace zhishen::desk {

struct HttpReply {
  int status = 0;
  std::string body;  // the response body (JSON for the API)
};

class Transport {
 public:
  virtual ~Transport() = default;
  // method: GET, POST, PUT, DELETE. target: path and query, e.g. "/api/v1/inbox?limit=50".
  // body: the request body (JSON unless content_type says otherwise) or empty; content_type is
  // sent with a non-empty body (e.g. "text/csv; charset=utf-8" for a dataset import).
  // bearer: the session token or empty.
  virtual Result<HttpReply> send(const std::string& method, const std::string& target, const std::string& body,
                                 const std::string& bearer,
                                 const std::string& content_type = "application/json") = 0;

  // The SHA-256 fingerprint of the certificate the server presents now ("AB:CD:…", 32 bytes in
  // upper-case hex), whether or not it is pinned; net.unreachable, net.timeout, net.tls.
  virtual Result<std::string> fingerprint() = 0;
  // The pinned fingerprint for this server, or "" when none is pinned yet.
  virtual std::string pinned() const = 0;
  // Pins `fingerprint` for this server (persisted); later requests accept only that certificate.
  virtual Status pin(const std::string& fingerprint) = 0;
};

}  // namespace zhishen::desk
