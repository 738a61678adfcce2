#pragma once
// AppConnector: the app's Connector — one HttpsTransport and HttpApi per server address, kept
// for the session (a new address replaces them), with the pinned certificates in the settings
// directory (trusted-servers.txt).
//
// Ownership: owns the transport, the API and the trust store. Thread-safety: connect() is called
// from worker threads; a mutex guards the current connection. The Api it answers stays valid
// until the next connect() with another address or the connector's destruction.

#include <memory>
#include <mutex>

#include "zhishen/desk/http_api.hpp"
#include "zhishen/desk/https_transport.hpp"
#include "zhishen/desk/login_presenter.hpp"
#include "zhishen/desk/trust_store.hpp"

namespace zhishen::desk::app {

class AppConnector final : public Connector {
 public:
  explicit AppConnector(std::filesystem::path trust_file) : trust_(std::move(trust_file)) {}
  Result<Api*> connect(const std::string& address) override;
  HttpApi* api();  // the current connection's API, or nullptr

 private:
  std::mutex mu_;
  TrustStore trust_;
  std::string address_;
  std::unique_ptr<HttpsTransport> transport_;
  std::unique_ptr<HttpApi> api_;
};

}  // namespace zhishen::desk::app
