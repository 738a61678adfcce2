#include "api.hpp"

#include <cctype>

#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::server {

bool Principal::has_role(lifecycle::Role r) const {
  if (kind != Kind::staff) return false;
  for (auto x : staff.roles) {
    if (x == r) return true;
  }
  return false;
}

Result<json::Value> Request::json_body() const {
  // A declared type must be JSON (application/json, or application/<x>+json); none is taken as JSON.
  if (const std::string type = header("content-type"); !type.empty()) {
    std::string media = type.substr(0, type.find(';'));
    while (!media.empty() && media.back() == ' ') media.pop_back();
    for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool json = media == "application/json" ||
                      (media.rfind("application/", 0) == 0 && media.size() > 5 && media.compare(media.size() - 5, 5, "+json") == 0);
    if (!json) return make_error("http.content_type", "send the body as Content-Type: application/json");
  }
  auto v = json::parse(body);
  if (!v) return make_error("http.body.json", "the body is not JSON: " + v.error().message);
  if (!v->is_object()) return make_error("http.body.object", "the body must be a JSON object");
  return v;
}

std::string Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::query_param(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Response Response::json(const json::Value& v, int status) {
  Response r;
  r.status = status;
  r.body = json::to_json(v);
  return r;
}

Response Response::text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

}  // namespace zhishen::server
