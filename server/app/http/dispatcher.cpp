#include "dispatcher.hpp"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include <chrono>

#include "../context.hpp"
#include "status.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/store/sql.hpp"

namespace zhishen::server {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string bearer(const Request& req) {
  const std::string h = req.header("authorization");
  if (h.size() > 7 && lower(h.substr(0, 7)) == "bearer ") return h.substr(7);
  return {};
}

Status authenticate(Request& req, Access access) {
  if (access == Access::public_) return {};
  const std::string token = bearer(req);
  if (access == Access::channel) {
    if (token.empty()) return make_error("auth.required", "a channel token is required (Authorization: Bearer <token>)");
    auto ch = req.ctx->channel_by_token_hash(crypto::sha256_hex(token));
    if (!ch) return make_error("auth.channel.invalid", "unknown, rotated or revoked channel token");
    req.who.kind = Principal::Kind::channel;
    req.who.channel = *ch;
    return {};
  }
  auto session = req.ctx->sessions().find(token, req.ctx->now());
  if (!session) return session.error();
  req.who.kind = Principal::Kind::staff;
  req.who.staff = session->account;
  req.who.session_token = session->token;
  return {};
}

Response error_response(const Error& e) {
  Response r;
  r.status = status_for(e.id);
  r.body = error_body(e);
  return r;
}

class Dispatcher final : public Poco::Net::HTTPRequestHandler {
 public:
  Dispatcher(const Router& router, ServerContext& ctx, const TrustedProxies& proxies)
      : router_(router), ctx_(ctx), proxies_(proxies) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
    const auto started = std::chrono::steady_clock::now();
    Request req;
    req.ctx = &ctx_;
    req.method = in.getMethod();
    req.remote_address = in.clientAddress().host().toString();
    Response res;
    std::string route = "unmatched";
    try {
      Poco::URI uri(in.getURI());
      req.path = uri.getPath();
      for (const auto& [k, v] : uri.getQueryParameters()) req.query[k] = v;
      std::string forwarded_for;  // every X-Forwarded-For line, in order
      for (const auto& [k, v] : in) {
        std::string name = lower(k);
        if (!proxies_.empty() && name == "x-forwarded-for") forwarded_for += (forwarded_for.empty() ? "" : ",") + v;
        req.headers[std::move(name)] = v;
      }
      if (!proxies_.empty()) req.remote_address = proxies_.client_of(req.remote_address, forwarded_for);
      if (!read_body(in, req.body)) {
        out.setKeepAlive(false);
        res = error_response(make_error("http.body.too_large", "the request body is larger than " +
                                                                   std::to_string(ctx_.config().max_body_bytes) +
                                                                   " bytes"));
      } else {
        res = dispatch(router_, ctx_, req, route);
      }
    } catch (const Poco::Exception& e) {  // a malformed URI
      res = error_response(make_error("http.request.invalid", e.displayText()));
    }
    out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(res.status));
    out.setContentType(res.content_type);
    out.set("Cache-Control", "no-store");
    out.set("X-Content-Type-Options", "nosniff");
    for (const auto& [k, v] : res.headers) out.set(k, v);
    out.setContentLength(static_cast<std::streamsize>(res.body.size()));
    out.send().write(res.body.data(), static_cast<std::streamsize>(res.body.size()));
    ctx_.metrics().request(route, res.status,
                           std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started));
  }

 private:
  // Reads the body up to the limit. A larger body is read on and discarded (up to 16 MiB, so the
  // client gets its 413 answer instead of a reset connection); the connection then closes.
  bool read_body(Poco::Net::HTTPServerRequest& in, std::string& body) {
    const std::size_t limit = ctx_.config().max_body_bytes;
    constexpr std::size_t kDrainLimit = std::size_t{16} << 20;
    std::istream& s = in.stream();
    char buf[8192];
    std::size_t seen = 0;
    while ((s.read(buf, sizeof buf) || s.gcount() > 0) && seen <= kDrainLimit) {
      const auto n = static_cast<std::size_t>(s.gcount());
      seen += n;
      if (seen <= limit) body.append(buf, n);
    }
    if (seen > limit) {
      body.clear();
      return false;
    }
    return true;
  }

  const Router& router_;
  ServerContext& ctx_;
  const TrustedProxies& proxies_;
};

}  // namespace

Response dispatch(const Router& router, ServerContext& ctx, Request& req, std::string& route_label) {
  auto m = router.match(req.method, req.path);
  if (m.route == nullptr) {
    return error_response(m.path_known ? make_error("http.method", req.method + " is not allowed on " + req.path)
                                       : make_error("http.not_found", "no such route: " + req.path));
  }
  route_label = m.route->method + " " + m.route->pattern;
  req.params = std::move(m.params);
  try {
    if (auto st = authenticate(req, m.route->access); !st) return error_response(st.error());
    auto res = m.route->handler(req);
    if (!res) return error_response(res.error());
    return std::move(res).value();
  } catch (const store::StoreFault& f) {
    ctx.metrics().database_error(f.id());
    ctx.log().error("%s %s: database fault %s: %s", req.method, req.path, f.id(), std::string(f.what()));
    return error_response(make_error(f.id() == "store.duplicate" ? "store.busy" : f.id(),
                                     "the database is unavailable or failed; try again"));
  } catch (const std::exception& e) {
    ctx.log().error("%s %s: internal error: %s", req.method, req.path, std::string(e.what()));
    return error_response(make_error("server.internal", "internal error; the administrator can find it in the log"));
  }
}

Poco::Net::HTTPRequestHandler* DispatcherFactory::createRequestHandler(const Poco::Net::HTTPServerRequest&) {
  return new Dispatcher(router_, ctx_, proxies_);
}

}  // namespace zhishen::server
