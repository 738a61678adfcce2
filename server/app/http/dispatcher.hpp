#pragma once
// The Poco side of the HTTP layer: one request handler class that reads the request (with a body
// size limit), finds the route, authenticates the caller as the route requires, runs the handler
// and writes the JSON answer. It is the server's one catch site: an Error maps to its status
// (status.hpp); a database fault (StoreFault) to 503/500 with its id; anything else to 500
// server.internal, logged with the request id — never with request bodies (personal data).
//
// Thread-safety: one handler object per request (Poco creates them through the factory).

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "client_address.hpp"
#include "router.hpp"

namespace zhishen::server {

class DispatcherFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  DispatcherFactory(const Router& router, ServerContext& ctx, TrustedProxies proxies)
      : router_(router), ctx_(ctx), proxies_(std::move(proxies)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

 private:
  const Router& router_;
  ServerContext& ctx_;
  const TrustedProxies proxies_;
};

// Runs a Request through routing, authentication and the handler, without Poco (tests use it too).
Response dispatch(const Router& router, ServerContext& ctx, Request& req, std::string& route_label);

}  // namespace zhishen::server
