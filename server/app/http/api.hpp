#pragma once
// The server's view of one HTTP exchange, independent of Poco: a Request (method, path, the path's
// parameters, query, headers, body, who is calling) and a Response (status, JSON body, headers).
// Handlers are functions Request -> Result<Response>; an Error is turned into the JSON error body
// {"error":{"id","message"}} with the status its id maps to (status.hpp).
//
// Thread-safety: a Request and its Response belong to the request's thread.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "zhishen/core/error.hpp"
#include "zhishen/domain/directory.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::server {

class ServerContext;

// Who calls: nobody, a channel (its bearer token) or a staff member (a session token).
struct Principal {
  enum class Kind { anonymous, channel, staff } kind = Kind::anonymous;
  domain::Channel channel;
  domain::StaffAccount staff;
  std::string session_token;

  bool has_role(lifecycle::Role r) const;
};

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> params;  // from the route pattern, e.g. {no}
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  Principal who;
  std::string remote_address;
  ServerContext* ctx = nullptr;

  // The body as a JSON object; http.body.json (not JSON), http.body.object (not an object).
  Result<json::Value> json_body() const;
  std::string header(const std::string& lower_name) const;
  std::optional<std::string> query_param(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(const json::Value& v, int status = 200);
  static Response text(std::string body, std::string content_type, int status = 200);
};

using Handler = std::function<Result<Response>(Request&)>;

}  // namespace zhishen::server
