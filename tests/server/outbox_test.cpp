// The notification outbox: the log sender's masked lines, the HTTP sender against a local gateway
// that fails and recovers (retries with back-off, sent once), giving up after 10 attempts; on
// SQLite and on MariaDB. The server's own sender thread runs too: the tests drive the same
// OutboxSender (runs are serialised) with a clock only they move, so either may do an attempt and
// the state after each run_once() is the same.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>

#include "server_fixture.hpp"
#include "services/outbox_sender.hpp"
#include "zhishen/json/parse.hpp"

namespace zhishen::server::testing {
namespace {

// A Clock the test moves while server threads read it.
class SharedClock final : public ports::Clock {
 public:
  explicit SharedClock(Instant t) : s_(t.time_since_epoch().count()) {}
  Instant now() const override { return Instant{std::chrono::seconds{s_.load()}}; }
  void advance(std::chrono::seconds d) { s_ += d.count(); }

 private:
  std::atomic<std::int64_t> s_;
};

// An SMS gateway on a loopback port: answers 500 to the first `fail_first` requests (all of them
// when negative), then 200; remembers every body.
class Gateway {
 public:
  explicit Gateway(int fail_first) : state_(std::make_shared<State>()), socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    state_->fail_first = fail_first;
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(state_), socket_, new Poco::Net::HTTPServerParams);
    server_->start();
  }
  ~Gateway() { server_->stopAll(true); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(socket_.address().port()) + "/sms/send"; }
  int requests() const {
    std::lock_guard lock(state_->mu);
    return static_cast<int>(state_->bodies.size());
  }
  std::vector<std::string> bodies() const {
    std::lock_guard lock(state_->mu);
    return state_->bodies;
  }

 private:
  struct State {
    std::mutex mu;
    int fail_first = 0;
    std::vector<std::string> bodies;
  };
  class Handler final : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(std::shared_ptr<State> s) : s_(std::move(s)) {}
    void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
      std::ostringstream body;
      Poco::StreamCopier::copyStream(in.stream(), body);
      bool fail = false;
      {
        std::lock_guard lock(s_->mu);
        s_->bodies.push_back(body.str());
        fail = s_->fail_first < 0 || static_cast<int>(s_->bodies.size()) <= s_->fail_first;
      }
      out.setStatus(fail ? Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR : Poco::Net::HTTPResponse::HTTP_OK);
      out.setContentType("application/json");
      out.send() << (fail ? R"({"ok":false})" : R"({"ok":true})");
    }

   private:
    std::shared_ptr<State> s_;
  };
  class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(std::shared_ptr<State> s) : s_(std::move(s)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
      return new Handler(s_);
    }

   private:
    std::shared_ptr<State> s_;
  };

  std::shared_ptr<State> state_;
  Poco::Net::ServerSocket socket_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

const Instant kStart = parse_instant("2025-03-03T09:00:00+08:00").value();
const Instant kFarFuture = parse_instant("9999-12-31T00:00:01Z").value();

class Outbox : public ::testing::TestWithParam<std::string> {
 protected:
  void start(const std::function<void(ServerConfig&)>& configure) {
    server_ = std::make_unique<TestServer>(GetParam(), &clock_, configure);
    if (!server_->ok()) GTEST_SKIP() << server_->reason();
  }
  std::int64_t enqueue(const std::string& case_no) {
    std::int64_t id = 0;
    auto st = server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
      auto r = tx.supervision().enqueue({0, case_no, "13800001111", "decision.approved", "【智审】您的申请已自动审批通过。",
                                         clock_.now(), 0, clock_.now(), std::nullopt, ""});
      if (!r) return r.error();
      id = *r;
      return {};
    });
    EXPECT_TRUE(st.ok());
    return id;
  }
  // The unsent message `id` (due or not), if any.
  std::optional<domain::OutboxMessage> unsent(std::int64_t id) {
    std::optional<domain::OutboxMessage> out;
    (void)server_->ctx().store().transact([&](ports::StoreTx& tx) -> Status {
      for (auto& m : tx.supervision().due_messages(kFarFuture, 1000)) {
        if (m.id == id) out = m;
      }
      return {};
    });
    return out;
  }
  OutboxSender& outbox() { return *server_->server().outbox(); }

  SharedClock clock_{kStart};
  std::unique_ptr<TestServer> server_;
};

TEST(OutboxPolicy, BackoffDoublesFromThirtySecondsUpToAnHour) {
  EXPECT_EQ(retry_delay(1), std::chrono::seconds{30});
  EXPECT_EQ(retry_delay(2), std::chrono::seconds{60});
  EXPECT_EQ(retry_delay(3), std::chrono::seconds{120});
  EXPECT_EQ(retry_delay(7), std::chrono::seconds{1920});
  EXPECT_EQ(retry_delay(8), std::chrono::seconds{3600});
  EXPECT_EQ(retry_delay(50), std::chrono::seconds{3600});
}

TEST(OutboxPolicy, RecipientsAreMasked) {
  EXPECT_EQ(mask_recipient("13805910101"), "138****0101");
  EXPECT_EQ(mask_recipient("+8613805910101"), "+86****0101");
  EXPECT_EQ(mask_recipient("1380591"), "****");
  EXPECT_EQ(mask_recipient("用户一二三四五六"), "****");
}

TEST_P(Outbox, LogSenderWritesOneMaskedJsonLinePerMessage) {
  const auto dir = std::filesystem::temp_directory_path() / ("zhishen-outbox-" + std::to_string(::getpid()) + "-" + GetParam());
  std::filesystem::remove_all(dir);
  const auto log = dir / "not" / "yet" / "there" / "notify.log";
  start([&](ServerConfig& c) { c.notify_log_file = log.string(); });
  if (IsSkipped()) return;
  EXPECT_EQ(outbox().sender().name(), "log");
  const std::string token = server_->add_channel("web-hall");
  auto app = sample_application("350100-SCJG-GG-0001", "approved_convenience_store.json");
  auto r = server_->call_json("POST", "/api/v1/applications", app, token, {{"Idempotency-Key", "outbox-log"}});
  ASSERT_EQ(r.status, 201) << r.text;
  const std::string case_no = r.body.find("case_no")->as_string();

  (void)outbox().run_once();
  (void)outbox().run_once();  // nothing left: still one line
  std::ifstream in(log);
  ASSERT_TRUE(in.good()) << "the log sender did not create " << log;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 1u);
  auto doc = json::parse(lines[0]);
  ASSERT_TRUE(doc.ok()) << lines[0];
  EXPECT_EQ(doc->find("recipient")->as_string(), "138****0101");
  EXPECT_EQ(doc->find("case_no")->as_string(), case_no);
  EXPECT_EQ(doc->find("template")->as_string().rfind("decision.", 0), 0u);
  EXPECT_EQ(lines[0].find("13805910101"), std::string::npos) << "the full phone number is in the log";
  EXPECT_EQ(lines[0].find(app.find("applicant")->find("id_number")->as_string()), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_P(Outbox, HttpSenderRetriesWithBackoffAndSendsOnce) {
  Gateway gateway(2);
  start([&](ServerConfig& c) {
    c.notify_sender = "http";
    c.notify_http_url = gateway.url();
  });
  if (IsSkipped()) return;
  EXPECT_EQ(outbox().sender().name(), "http");
  const auto id = enqueue("ZS20250303HTTP0001");

  (void)outbox().run_once();
  EXPECT_EQ(gateway.requests(), 1);
  auto m = unsent(id);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->attempts, 1);
  EXPECT_EQ(m->next_attempt_at, kStart + std::chrono::seconds{30});
  EXPECT_EQ(m->last_error.rfind("notify.http.status", 0), 0u) << m->last_error;

  clock_.advance(std::chrono::seconds{29});
  (void)outbox().run_once();
  EXPECT_EQ(gateway.requests(), 1) << "retried before its back-off";
  clock_.advance(std::chrono::seconds{1});
  (void)outbox().run_once();
  EXPECT_EQ(gateway.requests(), 2);
  m = unsent(id);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->attempts, 2);
  EXPECT_EQ(m->next_attempt_at, clock_.now() + std::chrono::seconds{60});

  clock_.advance(std::chrono::seconds{60});
  (void)outbox().run_once();
  EXPECT_EQ(gateway.requests(), 3);
  EXPECT_FALSE(unsent(id).has_value()) << "sent, so no longer waiting";
  clock_.advance(std::chrono::hours{2});
  (void)outbox().run_once();
  EXPECT_EQ(gateway.requests(), 3) << "sent once";

  auto body = json::parse(gateway.bodies().back());
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->find("recipient")->as_string(), "13800001111");  // the gateway needs the number
  EXPECT_EQ(body->find("template")->as_string(), "decision.approved");
  EXPECT_EQ(body->find("case_no")->as_string(), "ZS20250303HTTP0001");
  EXPECT_FALSE(body->find("text")->as_string().empty());
  const auto metrics = server_->call("GET", "/metrics").text;
  EXPECT_NE(metrics.find("zhishen_notifications_total{outcome=\"sent\"} 1"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("zhishen_notifications_total{outcome=\"failed\"} 2"), std::string::npos);
}

TEST_P(Outbox, GivesUpAfterTenAttempts) {
  Gateway gateway(-1);
  start([&](ServerConfig& c) {
    c.notify_sender = "http";
    c.notify_http_url = gateway.url();
  });
  if (IsSkipped()) return;
  const auto id = enqueue("ZS20250303HTTP0002");
  for (int attempt = 1; attempt <= 10; ++attempt) {
    (void)outbox().run_once();
    ASSERT_EQ(gateway.requests(), attempt);
    clock_.advance(retry_delay(attempt));
  }
  clock_.advance(std::chrono::hours{24});
  (void)outbox().run_once();
  EXPECT_EQ(gateway.requests(), 10) << "no attempt after giving up";
  auto m = unsent(id);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->attempts, 10);
  EXPECT_EQ(m->last_error.rfind("gave up", 0), 0u) << m->last_error;
  EXPECT_FALSE(m->sent_at.has_value());
  const auto metrics = server_->call("GET", "/metrics").text;
  EXPECT_NE(metrics.find("zhishen_notifications_total{outcome=\"gave_up\"} 1"), std::string::npos) << metrics;
}

TEST_P(Outbox, AnUnreachableGatewayIsAFailedAttempt) {
  int port = 0;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = probe.address().port();
  }  // closed: nothing listens there now
  start([&](ServerConfig& c) {
    c.notify_sender = "http";
    c.notify_http_url = "http://127.0.0.1:" + std::to_string(port) + "/sms";
  });
  if (IsSkipped()) return;
  const auto id = enqueue("ZS20250303HTTP0003");
  (void)outbox().run_once();
  auto m = unsent(id);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->attempts, 1);
  EXPECT_EQ(m->last_error.rfind("notify.http.unreachable", 0), 0u) << m->last_error;
}

TEST(OutboxConfig, AnUnknownSenderOrAMissingUrlStopsTheStart) {
  ServerConfig c;
  c.notify_sender = "pigeon";
  EXPECT_EQ(make_sender(c).error().id, "server.config.notify_sender");
  c.notify_sender = "http";
  EXPECT_EQ(make_sender(c).error().id, "server.config.notify_http_url");
  c.notify_http_url = "ftp://gateway.example/";
  EXPECT_EQ(make_sender(c).error().id, "server.config.notify_http_url");
  c.notify_http_url = "https://sms.example.gov.cn/api/send";
  EXPECT_TRUE(make_sender(c).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, Outbox, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace zhishen::server::testing
