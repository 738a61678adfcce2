#pragma once
// Router: the table of routes (method, pattern) -> handler, with the access each route needs.
// Patterns are literal segments and {name} parameters: "/api/v1/cases/{no}/actions/{action}".
// An unknown path answers 404 http.not_found; a known path with another method 405 http.method.
//
// Thread-safety: built at start-up, then read-only (match() from any thread).

#include <string>
#include <vector>

#include "api.hpp"

namespace zhishen::server {

enum class Access { public_, channel, staff };

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::staff;
  Handler handler;
  std::string summary;                  // for the OpenAPI document
  std::vector<std::string> segments;    // pattern split on '/'
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, Handler handler, std::string summary);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool path_known = false;  // some route has this path (for 405)
  };
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace zhishen::server
