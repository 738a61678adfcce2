#pragma once
// A real zhishen server for the tests: started in-process on port 0 over HTTPS (a self-signed
// certificate in a temporary directory), on SQLite or on a fresh MariaDB database (the store
// contract fixture's TestDatabase), with the shipped catalogue imported; and a small HTTPS client.
// Thread-safety: one fixture per test; the client may be used from several threads (one session
// per call).

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "../store/store_fixture.hpp"
#include "server.hpp"
#include "zhishen/json/value.hpp"
#include "zhishen/lifecycle/role.hpp"

namespace zhishen::server::testing {

struct Reply {
  int status = 0;
  json::Value body;
  std::string text;
  std::string header(const std::string& name) const;
  std::map<std::string, std::string> headers;
  std::string error_id() const;  // body.error.id, or "" when there is none
};

class TestServer {
 public:
  // backend: "sqlite" or "mysql". ok() false (with reason()) when the backend is unavailable.
  // configure: changes to the test configuration before the server starts (e.g. notify.*).
  explicit TestServer(const std::string& backend, ports::Clock* clock = nullptr,
                      const std::function<void(ServerConfig&)>& configure = {});
  ~TestServer();

  bool ok() const { return ok_; }
  const std::string& reason() const { return reason_; }
  Server& server() { return *server_; }
  ServerContext& ctx() { return server_->context(); }
  int port() const { return server_->port(); }

  // Creates an active channel and returns its bearer token.
  std::string add_channel(const std::string& name);

  // Creates a staff account (no password use) and a session for it, made directly (no login);
  // answers the account's id and the session token.
  std::pair<std::int64_t, std::string> add_staff_session(const std::string& username, const std::string& department,
                                                         std::vector<lifecycle::Role> roles);

  // One HTTPS request. headers: extra headers (e.g. Idempotency-Key).
  Reply call(const std::string& method, const std::string& path, const std::string& body = "",
             const std::string& token = "", const std::vector<std::pair<std::string, std::string>>& headers = {});
  Reply call_json(const std::string& method, const std::string& path, const json::Value& body,
                  const std::string& token = "", const std::vector<std::pair<std::string, std::string>>& headers = {});

 private:
  bool ok_ = false;
  std::string reason_;
  std::filesystem::path dir_;
  std::unique_ptr<store::testing::TestDatabase> db_;
  std::unique_ptr<Server> server_;
};

// The `application` object of a shipped sample, data/items/<item>/samples/<file>.
json::Value sample_application(const std::string& item, const std::string& file);
std::vector<std::filesystem::path> all_samples();

}  // namespace zhishen::server::testing
