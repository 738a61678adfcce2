#include "server_fixture.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "zhishen/crypto/hash.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::server::testing {

std::string Reply::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Reply::error_id() const {
  const json::Value* e = body.find("error");
  const json::Value* id = e != nullptr ? e->find("id") : nullptr;
  return id != nullptr && id->is_string() ? id->as_string() : std::string();
}

TestServer::TestServer(const std::string& backend, ports::Clock* clock,
                       const std::function<void(ServerConfig&)>& configure) {
  static std::atomic<int> counter{0};
  dir_ = std::filesystem::temp_directory_path() /
         ("zhishen-server-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  db_ = std::make_unique<store::testing::TestDatabase>(backend);
  if (!db_->ok()) {
    reason_ = db_->reason();
    return;
  }
  ServerConfig c;
  c.address = "127.0.0.1";
  c.port = 0;
  c.tls_certificate = (dir_ / "server.crt").string();
  c.tls_key = (dir_ / "server.key").string();
  c.data_key_file = (dir_ / "data.key").string();
  c.key_dir = (dir_ / "signing").string();
  c.key_passphrase_file = (dir_ / "signing.pass").string();
  c.db = store::testing::DbUrlText(db_->url());
  c.db_pool = 8;
  c.threads = 16;
  c.holidays_dir = std::string(ZHISHEN_SOURCE_DIR) + "/data/holidays";
  c.items_dir = std::string(ZHISHEN_SOURCE_DIR) + "/data/items";
  c.shared_data_dir = std::string(ZHISHEN_SOURCE_DIR) + "/data/shared";
  c.log_file = (dir_ / "server.log").string();
  c.notify_log_file = (dir_ / "notifications.log").string();
  c.timer_interval = std::chrono::seconds{3600};  // tests tick by hand
  if (configure) configure(c);
  server_ = std::make_unique<Server>(c, clock);
  auto st = server_->start();
  if (!st) {
    reason_ = st.error().id + ": " + st.error().message;
    return;
  }
  ok_ = true;
}

TestServer::~TestServer() {
  server_.reset();
  std::filesystem::remove_all(dir_);
}

std::string TestServer::add_channel(const std::string& name) {
  const std::string token = crypto::to_hex(crypto::random_bytes(24));
  auto st = ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    auto id = tx.directory().create_channel({0, name, "web", crypto::sha256_hex(token), true, ctx().now(), std::nullopt});
    if (!id) return id.error();
    ctx().set_channels(tx.directory().channels());
    return {};
  });
  EXPECT_TRUE(st.ok());
  return token;
}

std::pair<std::int64_t, std::string> TestServer::add_staff_session(const std::string& username,
                                                                   const std::string& department,
                                                                   std::vector<lifecycle::Role> roles) {
  domain::StaffAccount a;
  a.username = username;
  a.display_name = username;
  a.department_code = department;
  a.roles = std::move(roles);
  a.password_hash = "not-used";
  a.created_at = ctx().now();
  auto st = ctx().store().transact([&](ports::StoreTx& tx) -> Status {
    auto id = tx.directory().create_staff(a);
    if (!id) return id.error();
    a.id = *id;
    return {};
  });
  EXPECT_TRUE(st.ok()) << username;
  return {a.id, ctx().sessions().create(a, ctx().now()).token};
}

Reply TestServer::call(const std::string& method, const std::string& path, const std::string& body,
                       const std::string& token, const std::vector<std::pair<std::string, std::string>>& headers) {
  static Poco::Net::Context::Ptr tls =
      new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_NONE);
  Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port()), tls);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) req.set("Authorization", "Bearer " + token);
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() || method == "POST" || method == "PUT") {
    if (!req.has("Content-Type")) req.setContentType("application/json");
    req.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session.sendRequest(req) << body;
  Poco::Net::HTTPResponse res;
  std::istream& in = session.receiveResponse(res);
  Reply r;
  r.status = static_cast<int>(res.getStatus());
  for (const auto& [k, v] : res) r.headers[k] = v;
  std::stringstream buf;
  buf << in.rdbuf();
  r.text = buf.str();
  auto parsed = json::parse(r.text);
  if (parsed) r.body = std::move(parsed).value();
  return r;
}

Reply TestServer::call_json(const std::string& method, const std::string& path, const json::Value& body,
                            const std::string& token, const std::vector<std::pair<std::string, std::string>>& headers) {
  return call(method, path, json::to_json(body), token, headers);
}

json::Value sample_application(const std::string& item, const std::string& file) {
  std::ifstream in(std::string(ZHISHEN_SOURCE_DIR) + "/data/items/" + item + "/samples/" + file);
  std::stringstream buf;
  buf << in.rdbuf();
  auto doc = json::parse(buf.str());
  EXPECT_TRUE(doc.ok()) << item << "/" << file;
  return doc.ok() && doc->find("application") != nullptr ? *doc->find("application") : json::Value();
}

std::vector<std::filesystem::path> all_samples() {
  std::vector<std::filesystem::path> out;
  for (const auto& item : std::filesystem::directory_iterator(std::string(ZHISHEN_SOURCE_DIR) + "/data/items")) {
    if (!std::filesystem::is_directory(item.path() / "samples")) continue;
    for (const auto& s : std::filesystem::directory_iterator(item.path() / "samples")) out.push_back(s.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace zhishen::server::testing
