#include "openapi.hpp"

namespace zhishen::server {
namespace {

json::Value error_schema() {
  return json::Object{
      {"type", "object"},
      {"required", json::Array{"error"}},
      {"properties",
       json::Object{{"error", json::Object{{"type", "object"},
                                           {"required", json::Array{"id", "message"}},
                                           {"properties", json::Object{{"id", json::Object{{"type", "string"}}},
                                                                       {"message", json::Object{{"type", "string"}}}}}}}}}};
}

json::Value operation(const Route& route) {
  json::Array params;
  for (const auto& seg : route.segments) {
    if (seg.size() > 2 && seg.front() == '{') {
      params.push_back(json::Object{{"name", seg.substr(1, seg.size() - 2)},
                                    {"in", "path"},
                                    {"required", true},
                                    {"schema", json::Object{{"type", "string"}}}});
    }
  }
  std::string op_id;
  for (char c : route.method + route.pattern) op_id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  json::Value error_content = json::Object{
      {"application/json", json::Object{{"schema", json::Object{{"$ref", "#/components/schemas/Error"}}}}}};
  json::Object responses;
  responses.emplace_back("200", json::Object{{"description", "OK"}});
  responses.emplace_back("default", json::Object{{"description", "An error, with a stable dotted id"},
                                                 {"content", std::move(error_content)}});
  json::Object op{{"operationId", op_id}, {"summary", route.summary}, {"responses", std::move(responses)}};
  if (!params.empty()) op.emplace_back("parameters", std::move(params));
  if (route.access == Access::channel) op.emplace_back("security", json::Array{json::Object{{"channelToken", json::Array{}}}});
  if (route.access == Access::staff) op.emplace_back("security", json::Array{json::Object{{"staffSession", json::Array{}}}});
  if (route.access == Access::public_) op.emplace_back("security", json::Array{});
  if (route.method == "POST" || route.method == "PUT") {
    op.emplace_back("requestBody",
                    json::Object{{"required", true},
                                 {"content", json::Object{{"application/json", json::Object{{"schema", json::Object{{"type", "object"}}}}}}}});
  }
  return op;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

json::Value openapi_document(const Router& r) {
  json::Value paths = json::Object{};
  for (const auto& route : r.routes()) {
    json::Value item = paths.find(route.pattern) != nullptr ? *paths.find(route.pattern) : json::Value(json::Object{});
    item.set(lower(route.method), operation(route));
    paths.set(route.pattern, std::move(item));
  }
  return json::Object{
      {"openapi", "3.1.0"},
      {"info", json::Object{{"title", "Zhishen (智审) approval server"},
                            {"version", ZHISHEN_VERSION},
                            {"description", "Channel and staff API of the smart-approval server. Errors are "
                                            "{\"error\":{\"id\",\"message\"}} with stable dotted ids."}}},
      {"servers", json::Array{json::Object{{"url", "https://localhost:8443"}}}},
      {"paths", std::move(paths)},
      {"components",
       json::Object{{"schemas", json::Object{{"Error", error_schema()}}},
                    {"securitySchemes",
                     json::Object{{"channelToken", json::Object{{"type", "http"}, {"scheme", "bearer"},
                                                                {"description", "a channel's bearer token"}}},
                                  {"staffSession", json::Object{{"type", "http"}, {"scheme", "bearer"},
                                                                {"description", "a staff session token from POST /api/v1/session"}}}}}}},
  };
}

}  // namespace zhishen::server
