#pragma once
// The catalogue-administration tests' fixture: a TestServer (SQLite or MariaDB) on a clock fixed at
// Monday 2025-03-03 09:00 (+08:00), a channel, an administrator and a reviewer with sessions made
// directly (no login), and helpers for the shipped item documents and CSV uploads.
// Thread-safety: one fixture per test.

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "server_fixture.hpp"
#include "zhishen/json/parse.hpp"

namespace zhishen::server::testing {

inline const std::string kItem = "350100-SCJG-GG-0001";  // 仅销售预包装食品备案, department FZ-SCJG

// A Clock that stands still (server threads read it).
class FixedClock final : public ports::Clock {
 public:
  explicit FixedClock(Instant t) : t_(t) {}
  Instant now() const override { return t_; }

 private:
  const Instant t_;
};

inline json::Value read_json(const std::string& relative) {
  std::ifstream in(std::string(ZHISHEN_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  auto v = json::parse(buf.str());
  EXPECT_TRUE(v.ok()) << relative;
  return v.ok() ? std::move(v).value() : json::Value();
}

class AdminTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam(), &clock_);
    if (!server_->ok()) GTEST_SKIP() << server_->reason();
    channel_ = server_->add_channel("web-hall");
    admin_ = add_staff("catalogue-admin", {lifecycle::Role::admin});
    reviewer_ = add_staff("food-reviewer", {lifecycle::Role::reviewer});
  }

  std::string add_staff(const std::string& username, std::vector<lifecycle::Role> roles) {
    return server_->add_staff_session(username, "FZ-SCJG", std::move(roles)).second;
  }

  // The shipped item's guide and rule set as a new-version body.
  static json::Value version_body() {
    return json::Object{{"guide", read_json("data/items/" + kItem + "/item.json")},
                        {"rules", read_json("data/items/" + kItem + "/rules.json")}};
  }

  Reply submit(const std::string& sample) {
    static std::atomic<int> key{0};
    return server_->call_json("POST", "/api/v1/applications", sample_application(kItem, sample), channel_,
                              {{"Idempotency-Key", "admin-" + std::to_string(++key)}});
  }

  // POST with a body of another content type (the fixture's client always says JSON).
  Reply post_as(const std::string& path, const std::string& body, const std::string& content_type,
                const std::string& token) {
    static Poco::Net::Context::Ptr tls =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_NONE);
    Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server_->port()), tls);
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest req("POST", path, Poco::Net::HTTPMessage::HTTP_1_1);
    req.set("Authorization", "Bearer " + token);
    req.setContentType(content_type);
    req.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(req) << body;
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    Reply r;
    r.status = static_cast<int>(res.getStatus());
    std::stringstream buf;
    buf << in.rdbuf();
    r.text = buf.str();
    if (auto parsed = json::parse(r.text)) r.body = std::move(parsed).value();
    return r;
  }

  FixedClock clock_{parse_instant("2025-03-03T09:00:00+08:00").value()};
  std::unique_ptr<TestServer> server_;
  std::string channel_, admin_, reviewer_;
};

}  // namespace zhishen::server::testing
