// Catalogue administration (administrators only): items and rule-set versions with the rule test
// bench and activation, the holiday calendar, the shared datasets (CSV import). The work is in
// services/catalogue_admin.hpp; this file checks the permission and translates.
#include <algorithm>

#include "../context.hpp"
#include "../services/catalogue_admin.hpp"
#include "../services/permissions.hpp"
#include "routes.hpp"

namespace zhishen::server {
namespace {

Result<Response> answer(Result<AdminAnswer> a) {
  if (!a) return a.error();
  return Response::json(a->body, a->status);
}

// Wraps a handler with the administration permission check (auth.forbidden for other staff).
Handler admin(std::function<Result<AdminAnswer>(Request&)> work) {
  return [work = std::move(work)](Request& req) -> Result<Response> {
    if (auto st = require(req.who, Permission::administration); !st) return st.error();
    return answer(work(req));
  };
}

// The JSON body, or the error the handler answers with.
Result<AdminAnswer> with_json(Request& req, const std::function<Result<AdminAnswer>(const json::Value&)>& work) {
  auto body = req.json_body();
  if (!body) return body.error();
  return work(*body);
}

bool is_csv(const std::string& content_type) {
  std::string t = content_type.substr(0, content_type.find(';'));
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
  return t == "text/csv";
}

}  // namespace

void add_admin_catalogue_routes(Router& r) {
  r.add("GET", "/api/v1/admin/items", Access::staff, admin([](Request& req) { return list_items(*req.ctx); }),
        "Items with their active version and drafts (admin)");
  r.add("GET", "/api/v1/admin/items/{code}/versions", Access::staff,
        admin([](Request& req) { return list_item_versions(*req.ctx, req.params["code"]); }),
        "Every version of an item (admin)");
  r.add("POST", "/api/v1/admin/items/{code}/versions", Access::staff,
        admin([](Request& req) {
          return with_json(req, [&](const json::Value& b) { return create_item_version(*req.ctx, req.who, req.params["code"], b); });
        }),
        "Add a draft version {guide, rules}: guide self-check and rule-set validation (admin)");
  r.add("GET", "/api/v1/admin/items/{code}/versions/{v}", Access::staff,
        admin([](Request& req) { return get_item_version(*req.ctx, req.params["code"], req.params["v"]); }),
        "One version with its guide and rule set (admin)");
  r.add("POST", "/api/v1/admin/items/{code}/versions/{v}/test", Access::staff,
        admin([](Request& req) {
          return with_json(req, [&](const json::Value& b) {
            return test_item_version(*req.ctx, req.params["code"], req.params["v"], b);
          });
        }),
        "Rule test bench: run sample cases {cases:[{expected, application}]} against a version (admin)");
  r.add("POST", "/api/v1/admin/items/{code}/versions/{v}/activate", Access::staff,
        admin([](Request& req) { return activate_item_version(*req.ctx, req.who, req.params["code"], req.params["v"]); }),
        "Activate a version: new applications use it, open cases keep theirs (admin)");
  r.add("GET", "/api/v1/admin/calendar", Access::staff, admin([](Request& req) { return list_calendar(*req.ctx); }),
        "Holiday notices by year (admin)");
  r.add("GET", "/api/v1/admin/calendar/{year}", Access::staff,
        admin([](Request& req) { return get_calendar_year(*req.ctx, req.params["year"]); }),
        "One year's holiday notice in the holiday-cn format (admin)");
  r.add("PUT", "/api/v1/admin/calendar/{year}", Access::staff,
        admin([](Request& req) {
          return with_json(req, [&](const json::Value& b) { return put_calendar_year(*req.ctx, req.who, req.params["year"], b); });
        }),
        "Replace a year's holiday notice; every open case's deadlines are recomputed (admin)");
  r.add("GET", "/api/v1/admin/datasets", Access::staff, admin([](Request& req) { return list_datasets(*req.ctx); }),
        "Shared datasets and their record counts (admin)");
  r.add("POST", "/api/v1/admin/datasets/{name}", Access::staff,
        admin([](Request& req) -> Result<AdminAnswer> {
          if (!is_csv(req.header("content-type"))) {
            return make_error("http.content_type", "send the dataset as Content-Type: text/csv");
          }
          return import_dataset(*req.ctx, req.who, req.params["name"], req.body,
                                req.query_param("description").value_or(""), req.query_param("dry_run") == "true");
        }),
        "Replace a dataset from CSV (key,<field>,...); reports rejected rows; ?dry_run=true only reports (admin)");
}

}  // namespace zhishen::server
