// HttpsTransport against a real zhishen server over HTTPS on 127.0.0.1 (TestServer, a self-signed
// certificate), and against raw sockets that refuse, stay silent or speak no TLS: the pinned
// certificate is checked before any request, failures map to the net.* error ids, HTTP errors
// are replies, keep-alive connections are reused across threads.
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server_fixture.hpp"
#include "zhishen/desk/https_transport.hpp"
#include "zhishen/desk/trust_store.hpp"
#include "zhishen/json/parse.hpp"

namespace zhishen::desk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using server::testing::TestServer;

constexpr const char* kSecretToken = "SECRET-TOKEN-0123456789";
constexpr const char* kSecretBody = R"({"username":"nobody","password":"SECRET-PASSWORD","totp":"000000"})";

fs::path temp_file(const std::string& name) {
  static std::atomic<int> counter{0};
  const fs::path dir = fs::temp_directory_path() / ("zhishen-desk-net-test-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(++counter));
  fs::remove_all(dir);
  return dir / name;
}

std::string address_of(int port) { return "https://127.0.0.1:" + std::to_string(port); }

// A transport to 127.0.0.1:port with its own trust store in a temporary directory.
struct Client {
  explicit Client(int port, std::chrono::milliseconds timeout = HttpsTransport::kDefaultTimeout)
      : store_file(temp_file("trust.txt")), store(store_file) {
    auto t = HttpsTransport::make(address_of(port), store, timeout);
    EXPECT_TRUE(t.ok());
    if (t) transport = std::move(t).value();
  }
  ~Client() {
    transport.reset();
    std::error_code ec;
    fs::remove_all(store_file.parent_path(), ec);
  }
  // Pins the fingerprint the server presents now.
  void trust() {
    auto f = transport->fingerprint();
    ASSERT_TRUE(f.ok()) << f.error().id << ": " << f.error().message;
    ASSERT_TRUE(transport->pin(*f).ok());
  }
  fs::path store_file;
  TrustStore store;
  std::unique_ptr<HttpsTransport> transport;
};

bool no_secret(const Error& e) {
  return e.message.find(kSecretToken) == std::string::npos && e.message.find("SECRET-PASSWORD") == std::string::npos;
}

// A TCP listener on 127.0.0.1 that accepts and holds connections, writing `greeting` (if any) to
// each: a server that never answers (no greeting) or one that speaks no TLS.
class RawServer {
 public:
  explicit RawServer(std::string greeting)
      : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)), greeting_(std::move(greeting)) {
    thread_ = std::thread([this] { run(); });
  }
  ~RawServer() {
    stop_ = true;
    thread_.join();
  }
  int port() const { return socket_.address().port(); }
  int accepted() const { return accepted_.load(); }

 private:
  void run() {
    std::vector<Poco::Net::StreamSocket> held;
    while (!stop_) {
      if (!socket_.poll(Poco::Timespan(0, 20000), Poco::Net::Socket::SELECT_READ)) continue;
      Poco::Net::StreamSocket s = socket_.acceptConnection();
      ++accepted_;
      if (!greeting_.empty()) s.sendBytes(greeting_.data(), static_cast<int>(greeting_.size()));
      held.push_back(s);
    }
  }
  Poco::Net::ServerSocket socket_;
  std::string greeting_;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::thread thread_;
};

int closed_port() {
  Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1", 0));
  const int port = s.address().port();
  s.close();
  return port;
}

std::string other_fingerprint(std::string fp) {
  fp[0] = fp[0] == 'A' ? 'B' : 'A';
  return fp;
}

// --- the address ---------------------------------------------------------------------------

TEST(ServerAddress, ParsesTheAcceptedForms) {
  struct Case {
    const char* text;
    const char* host;
    int port;
  };
  for (const Case& c : {Case{"https://approvals.example:9443", "approvals.example", 9443},
                        Case{"HTTPS://Approvals.Example:9443/", "approvals.example", 9443},
                        Case{"approvals.example:1", "approvals.example", 1},
                        Case{"approvals.example", "approvals.example", 8443},
                        Case{"  10.1.2.3  ", "10.1.2.3", 8443}, Case{"[::1]:8000", "::1", 8000},
                        Case{"https://[fe80::1]", "fe80::1", 8443}}) {
    auto a = ServerAddress::parse(c.text);
    ASSERT_TRUE(a.ok()) << c.text;
    EXPECT_EQ(a->host, c.host) << c.text;
    EXPECT_EQ(a->port, c.port) << c.text;
  }
  EXPECT_EQ(ServerAddress::parse("https://h.example:9443")->key(), "h.example:9443");
  EXPECT_EQ(ServerAddress::parse("[::1]:8000")->key(), "[::1]:8000");
}

TEST(ServerAddress, RefusesOtherSchemesAndGarbage) {
  for (const char* bad : {"", "   ", "http://h.example:8443", "ftp://h.example", "https://", "h.example:",
                          "h.example:0", "h.example:65536", "h.example:99999999", "h.example:84a3", "h example",
                          "h.example:8443/api", "https://h.example/path", "user@h.example", "::1", "[::1",
                          "[zz::1]:80", "-h.example", "h.example:-1", "https://h.example:8443?x=1"}) {
    auto a = ServerAddress::parse(bad);
    ASSERT_FALSE(a.ok()) << bad;
    EXPECT_EQ(a.error().id, "net.address.invalid") << bad;
  }
  TrustStore store(temp_file("unused.txt"));
  auto t = HttpsTransport::make("http://127.0.0.1:8443", store);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().id, "net.address.invalid");
}

// --- a real server -------------------------------------------------------------------------

class TransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>("sqlite");
    ASSERT_TRUE(server_->ok()) << server_->reason();
  }
  TestServer& server() { return *server_; }
  // Whether the server has answered any HTTP request so far (its request counter).
  bool server_saw_requests() {
    return server().ctx().metrics().prometheus_text().find("zhishen_http_requests_total{") != std::string::npos;
  }
  std::unique_ptr<TestServer> server_;
};

TEST_F(TransportTest, FingerprintIsColonHexSha256AndStable) {
  Client c(server().port());
  auto f = c.transport->fingerprint();
  ASSERT_TRUE(f.ok()) << f.error().id << ": " << f.error().message;
  EXPECT_EQ(f->size(), 95U);
  EXPECT_TRUE(TrustStore::valid_fingerprint(*f));
  for (std::size_t i = 0; i < f->size(); ++i) {
    const char ch = (*f)[i];
    if (i % 3 == 2) {
      EXPECT_EQ(ch, ':');
    } else {
      EXPECT_TRUE((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'F')) << *f;
    }
  }
  auto again = c.transport->fingerprint();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *f);
  EXPECT_EQ(c.transport->pinned(), "");  // fingerprint() pins nothing
  EXPECT_FALSE(server_saw_requests());   // and sends no HTTP request
}

TEST_F(TransportTest, NothingIsSentBeforeTheCertificateIsPinned) {
  Client c(server().port());
  auto r = c.transport->send("GET", "/healthz", "", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().id, "net.certificate.untrusted");
  auto post = c.transport->send("POST", "/api/v1/session", kSecretBody, kSecretToken);
  ASSERT_FALSE(post.ok());
  EXPECT_EQ(post.error().id, "net.certificate.untrusted");
  EXPECT_TRUE(no_secret(post.error())) << post.error().message;
  auto f = c.transport->fingerprint();
  ASSERT_TRUE(f.ok());
  EXPECT_NE(post.error().message.find(*f), std::string::npos) << "the message names the presented fingerprint";
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(server_saw_requests());
}

TEST_F(TransportTest, PinnedThenHealthzAnswers) {
  Client c(server().port());
  c.trust();
  const std::string fp = c.transport->pinned();
  EXPECT_EQ(fp.size(), 95U);
  auto r = c.transport->send("GET", "/healthz", "", "");
  ASSERT_TRUE(r.ok()) << r.error().id << ": " << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(r->body.empty());
  // The pin is persisted under host:port.
  TrustStore reread(c.store_file);
  EXPECT_EQ(reread.pinned("127.0.0.1:" + std::to_string(server().port())), fp);
  // Keep-alive: several requests in a row on the reused connection.
  for (int i = 0; i < 5; ++i) {
    auto again = c.transport->send("GET", "/healthz", "", "");
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->status, 200);
  }
}

TEST_F(TransportTest, AnotherCertificateThanThePinnedOneIsRefused) {
  Client c(server().port());
  auto f = c.transport->fingerprint();
  ASSERT_TRUE(f.ok());
  const std::string wrong = other_fingerprint(*f);
  ASSERT_TRUE(c.transport->pin(wrong).ok());
  auto r = c.transport->send("POST", "/api/v1/session", kSecretBody, kSecretToken);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().id, "net.certificate.changed");
  EXPECT_NE(r.error().message.find(wrong), std::string::npos);
  EXPECT_NE(r.error().message.find(*f), std::string::npos);
  EXPECT_TRUE(no_secret(r.error())) << r.error().message;
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(server_saw_requests());
  // fingerprint() still reports what the server presents.
  auto presented = c.transport->fingerprint();
  ASSERT_TRUE(presented.ok());
  EXPECT_EQ(*presented, *f);
}

TEST_F(TransportTest, RepinningDropsConnectionsCheckedAgainstTheOldPin) {
  Client c(server().port());
  c.trust();
  auto ok = c.transport->send("GET", "/healthz", "", "");
  ASSERT_TRUE(ok.ok());  // a verified connection is now idle in the pool
  ASSERT_TRUE(c.transport->pin(other_fingerprint(c.transport->pinned())).ok());
  auto r = c.transport->send("GET", "/healthz", "", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().id, "net.certificate.changed");
}

TEST_F(TransportTest, HttpErrorsAreRepliesNotTransportErrors) {
  Client c(server().port());
  c.trust();
  auto r = c.transport->send("POST", "/api/v1/session", kSecretBody, kSecretToken);
  ASSERT_TRUE(r.ok()) << r.error().id << ": " << r.error().message;
  EXPECT_GE(r->status, 400);
  EXPECT_LT(r->status, 500);
  auto doc = json::parse(r->body);
  ASSERT_TRUE(doc.ok()) << r->body;
  const json::Value* error = doc->find("error");
  ASSERT_NE(error, nullptr) << r->body;
  const json::Value* id = error->find("id");
  ASSERT_NE(id, nullptr) << r->body;
  ASSERT_TRUE(id->is_string());
  EXPECT_FALSE(id->as_string().empty());

  auto missing = c.transport->send("GET", "/api/v1/no-such-route", "", "");
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->status, 404);

  auto unauthorised = c.transport->send("GET", "/api/v1/session", "", "not-a-session-token");
  ASSERT_TRUE(unauthorised.ok());
  EXPECT_EQ(unauthorised->status, 401);
}

TEST_F(TransportTest, InvalidRequestsAreRefusedLocally) {
  Client c(server().port());
  c.trust();
  for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "healthz"},
           {"GET", ""},
           {"GET", "/a b"},
           {"GET", "/a\r\nX-Injected: 1"},
           {"BREW", "/healthz"},
           {"get", "/healthz"}}) {
    auto r = c.transport->send(method, target, "", "");
    ASSERT_FALSE(r.ok()) << method << " " << target;
    EXPECT_EQ(r.error().id, "net.request.invalid");
  }
}

TEST_F(TransportTest, ConcurrentSendsFromEightThreads) {
  Client c(server().port());
  c.trust();
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 15; ++i) {
        auto r = i % 3 == 2 ? c.transport->send("POST", "/api/v1/session", kSecretBody, "")
                            : c.transport->send("GET", "/healthz", "", "");
        if (r.ok() && (r->status == 200 || (r->status >= 400 && r->status < 500))) {
          ++ok;
        } else {
          ++failed;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ok.load(), 8 * 15);
}

// (Its own server with a short keep-alive: stopping a server waits for its idle keep-alive
// connections — here the transport's pooled one — to time out.)
TEST(TransportStop, StoppedServerIsUnreachable) {
  auto server = std::make_unique<TestServer>("sqlite", nullptr,
                                             [](server::ServerConfig& cfg) { cfg.keep_alive_seconds = 1; });
  ASSERT_TRUE(server->ok()) << server->reason();
  Client c(server->port(), 2000ms);
  c.trust();
  auto r = c.transport->send("GET", "/healthz", "", "");
  ASSERT_TRUE(r.ok());  // a connection is idle in the pool
  server.reset();  // the server stops: the idle connection is closed, the port refuses
  auto get = c.transport->send("GET", "/healthz", "", "");
  ASSERT_FALSE(get.ok());
  EXPECT_EQ(get.error().id, "net.unreachable") << get.error().message;
  auto post = c.transport->send("POST", "/api/v1/session", kSecretBody, kSecretToken);
  ASSERT_FALSE(post.ok());
  EXPECT_EQ(post.error().id, "net.unreachable") << post.error().message;
  EXPECT_TRUE(no_secret(post.error()));
  auto f = c.transport->fingerprint();
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().id, "net.unreachable");
}

// The server closes idle keep-alive connections after 1 s; later requests, GET and POST, still go
// through (the closed connection is noticed and a new one is opened, checked again).
TEST(TransportKeepAlive, ConnectionsClosedByTheServerAreReplaced) {
  TestServer s("sqlite", nullptr, [](server::ServerConfig& cfg) { cfg.keep_alive_seconds = 1; });
  ASSERT_TRUE(s.ok()) << s.reason();
  Client c(s.port());
  c.trust();
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int t = 0; t < 4; ++t) {  // several connections idle in the pool
    threads.emplace_back([&] {
      if (auto r = c.transport->send("GET", "/healthz", "", ""); !r.ok() || r->status != 200) ++failed;
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(failed.load(), 0);
  std::this_thread::sleep_for(2500ms);
  auto get = c.transport->send("GET", "/healthz", "", "");
  ASSERT_TRUE(get.ok()) << get.error().id << ": " << get.error().message;
  EXPECT_EQ(get->status, 200);
  std::this_thread::sleep_for(2500ms);
  auto post = c.transport->send("POST", "/api/v1/session", kSecretBody, "");
  ASSERT_TRUE(post.ok()) << post.error().id << ": " << post.error().message;
  EXPECT_GE(post->status, 400);
}

// --- raw sockets ---------------------------------------------------------------------------

TEST(TransportFailures, ClosedPortIsUnreachable) {
  Client c(closed_port(), 2000ms);
  auto f = c.transport->fingerprint();
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().id, "net.unreachable") << f.error().message;
  auto r = c.transport->send("GET", "/healthz", "", kSecretToken);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().id, "net.unreachable") << r.error().message;
  EXPECT_TRUE(no_secret(r.error()));
}

TEST(TransportFailures, UnknownHostIsUnreachable) {
  TrustStore store(temp_file("trust.txt"));
  auto t = HttpsTransport::make("https://no-such-host.invalid:8443", store, 3000ms);
  ASSERT_TRUE(t.ok());
  auto f = (*t)->fingerprint();
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().id, "net.unreachable") << f.error().message;
}

TEST(TransportFailures, SilentServerTimesOut) {
  RawServer silent("");
  Client c(silent.port(), 300ms);
  const auto started = std::chrono::steady_clock::now();
  auto f = c.transport->fingerprint();
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().id, "net.timeout") << f.error().message;
  auto r = c.transport->send("POST", "/api/v1/session", kSecretBody, kSecretToken);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().id, "net.timeout") << r.error().message;
  EXPECT_TRUE(no_secret(r.error()));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_GE(silent.accepted(), 1);
}

TEST(TransportFailures, ServerWithoutTlsIsATlsError) {
  RawServer plain("HTTP/1.1 400 Bad Request\r\nContent-Length: 11\r\nConnection: keep-alive\r\n\r\nnot tls\r\n\r\n");
  Client c(plain.port(), 2000ms);
  auto f = c.transport->fingerprint();
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().id, "net.tls") << f.error().message;
  auto r = c.transport->send("GET", "/healthz", "", kSecretToken);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().id, "net.tls") << r.error().message;
  EXPECT_TRUE(no_secret(r.error()));
}

}  // namespace
}  // namespace zhishen::desk
