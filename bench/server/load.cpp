// zhishen_server_load: the server benchmark's own tools (bench/server/run.sh drives them).
//   channel --db URL --key-file F [--name N]   creates an active channel through the store port and
//                                              prints its bearer token (run before the server starts:
//                                              the server loads its channels at start)
//   bodies --items DIR                         prints the `application` of every shipped sample, one
//                                              JSON text a line (wrk's submit.lua rotates through them)
//   fixed --port P --token T --bodies FILE --rate R --seconds S --connections C
//        open loop at a fixed offered rate: request i is due at start + i/R; latency is measured from
//        that intended send time (coordinated omission counted), over C keep-alive HTTPS connections
//   closed --port P --token T --bodies FILE --seconds S --connections C
//        closed loop, every connection as fast as it can: total rate, latency, and the requests each
//        client completed (min / max: no client may starve)
// Prints p50 / p99 / max latency, requests per second and errors (any answer but 201).
// Thread-safety: one thread per connection; results are merged after the threads join.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "zhishen/crypto/hash.hpp"
#include "zhishen/crypto/key_file.hpp"
#include "zhishen/identity/citizen_id.hpp"
#include "zhishen/identity/uscc.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"
#include "zhishen/store/sql_store.hpp"

namespace {

using namespace zhishen;
using Clock = std::chrono::steady_clock;

std::map<std::string, std::string> options(int argc, char** argv, int from) {
  std::map<std::string, std::string> o;
  for (int i = from; i + 1 < argc; i += 2) o[argv[i]] = argv[i + 1];
  return o;
}

std::string opt(const std::map<std::string, std::string>& o, const std::string& name, const std::string& fallback = "") {
  auto it = o.find(name);
  if (it != o.end()) return it->second;
  if (fallback.empty()) {
    std::cerr << "zhishen_server_load: " << name << " is required\n";
    std::exit(2);
  }
  return fallback;
}

int create_channel(const std::map<std::string, std::string>& o) {
  auto url = store::DbUrl::parse(opt(o, "--db"));
  if (!url) return std::cerr << url.error().id << ": " << url.error().message << "\n", 1;
  auto cipher = crypto::load_key_file(opt(o, "--key-file"));
  if (!cipher) return std::cerr << cipher.error().id << ": " << cipher.error().message << "\n", 1;
  auto opened = store::open_store(*url, std::move(cipher).value());
  if (!opened) return std::cerr << opened.error().id << ": " << opened.error().message << "\n", 1;
  const std::string token = crypto::to_hex(crypto::random_bytes(24));
  const std::string name = opt(o, "--name", "bench");
  auto st = (*opened)->transact([&](ports::StoreTx& tx) -> Status {
    auto id = tx.directory().create_channel({0, name, "web", crypto::sha256_hex(token), true,
                                             Instant{std::chrono::duration_cast<std::chrono::seconds>(
                                                 std::chrono::system_clock::now().time_since_epoch())},
                                             std::nullopt});
    return id ? Status{} : Status{id.error()};
  });
  if (!st) return std::cerr << st.error().id << ": " << st.error().message << "\n", 1;
  std::cout << token << "\n";
  return 0;
}

int print_bodies(const std::map<std::string, std::string>& o) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& item : fs::directory_iterator(opt(o, "--items"))) {
    if (!fs::is_directory(item.path() / "samples")) continue;
    for (const auto& s : fs::directory_iterator(item.path() / "samples")) files.push_back(s.path());
  }
  std::sort(files.begin(), files.end());
  // --variants N: each sample N times, each time for another applicant (a new, valid identity
  // code replacing the sample's everywhere in the text, so the form and the materials still agree
  // with it). Real traffic has many applicants with a few cases each.
  const int variants = std::max(1, std::stoi(o.count("--variants") != 0 ? o.at("--variants") : "1"));
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    auto doc = json::parse(buf.str());
    if (!doc || doc->find("application") == nullptr) return std::cerr << f << ": no application\n", 1;
    const std::string text = json::to_json(*doc->find("application"));
    const json::Value* applicant = doc->find("application")->find("applicant");
    const json::Value* id = applicant != nullptr ? applicant->find("id_number") : nullptr;
    const json::Value* type = applicant != nullptr ? applicant->find("id_type") : nullptr;
    for (int v = 0; v < variants; ++v) {
      if (v == 0 || id == nullptr || !id->is_string() || id->as_string().size() != 18 || type == nullptr) {
        std::cout << text << "\n";
        continue;
      }
      const std::string& old_id = id->as_string();
      std::string fresh;
      char seq[8];
      std::snprintf(seq, sizeof seq, "%03d", v % 1000);
      if (type->as_string() == "citizen_id") {
        // Same region and birth date; another sequence number.
        fresh = identity::complete_citizen_id(old_id.substr(0, 14) + seq);
      } else {
        // Same authority, type and region; another organisation code.
        char org[16];
        std::snprintf(org, sizeof org, "MA%02d%03d%c", (v / 1000) % 100, v % 1000, old_id[13]);
        std::string org8 = std::string(org).substr(0, 8);
        for (char& c : org8) {
          if (c == 'I' || c == 'O' || c == 'Z' || c == 'S' || c == 'V') c = 'A';
        }
        fresh = identity::complete_uscc(old_id.substr(0, 8) + identity::complete_org_code(org8));
      }
      if (fresh.empty()) {
        std::cout << text << "\n";
        continue;
      }
      std::string out = text;
      for (std::size_t pos = out.find(old_id); pos != std::string::npos; pos = out.find(old_id, pos + fresh.size())) {
        out.replace(pos, old_id.size(), fresh);
      }
      std::cout << out << "\n";
    }
  }
  return 0;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty()) lines.push_back(l);
  }
  if (lines.empty()) {
    std::cerr << "zhishen_server_load: no bodies in " << path << "\n";
    std::exit(2);
  }
  return lines;
}

// One keep-alive HTTPS connection submitting applications.
class Client {
 public:
  Client(int port, std::string token, std::string key_prefix)
      : session_("127.0.0.1", static_cast<Poco::UInt16>(port), context()), token_(std::move(token)),
        prefix_(std::move(key_prefix)) {
    session_.setKeepAlive(true);
    session_.setTimeout(Poco::Timespan(60, 0));
  }
  // The HTTP status, or 0 when the exchange failed (the connection is then reopened).
  int submit(const std::string& body) {
    try {
      Poco::Net::HTTPRequest req("POST", "/api/v1/applications", Poco::Net::HTTPMessage::HTTP_1_1);
      req.setKeepAlive(true);
      req.set("Authorization", "Bearer " + token_);
      req.set("Idempotency-Key", prefix_ + std::to_string(++n_));
      req.setContentType("application/json");
      req.setContentLength(static_cast<std::streamsize>(body.size()));
      session_.sendRequest(req) << body;
      Poco::Net::HTTPResponse res;
      std::istream& in = session_.receiveResponse(res);
      in.ignore(std::numeric_limits<std::streamsize>::max());
      return static_cast<int>(res.getStatus());
    } catch (const Poco::Exception& e) {
      if (errors_shown_++ < 3) std::cerr << "zhishen_server_load: " << e.displayText() << "\n";
      session_.reset();
      return 0;
    }
  }

 private:
  static Poco::Net::Context::Ptr context() {
    static Poco::Net::Context::Ptr tls =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_NONE);
    return tls;
  }
  Poco::Net::HTTPSClientSession session_;
  std::string token_;
  std::string prefix_;
  long n_ = 0;
  static inline std::atomic<int> errors_shown_{0};
};

struct Tally {
  std::vector<double> latency_ms;
  std::vector<double> sent_s;  // when each request was meant to go, seconds from the start
  long ok = 0;
  long errors = 0;
};

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(i, sorted.size() - 1)];
}

void report(const std::string& what, std::vector<Tally>& per_client, double seconds) {
  std::vector<double> all;
  long ok = 0, errors = 0;
  for (auto& t : per_client) {
    all.insert(all.end(), t.latency_ms.begin(), t.latency_ms.end());
    ok += t.ok;
    errors += t.errors;
  }
  std::sort(all.begin(), all.end());
  std::printf("%s: %ld decisions in %.1f s = %.0f decisions/s; errors %ld\n", what.c_str(), ok, seconds,
              static_cast<double>(ok) / seconds, errors);
  std::printf("%s: latency p50 %.2f ms, p99 %.2f ms, max %.2f ms (%zu requests)\n", what.c_str(), percentile(all, 0.50),
              percentile(all, 0.99), all.empty() ? 0.0 : all.back(), all.size());
}

// --timeline W: p50 / p99 / max of the requests meant to go in each window of W seconds, to tell
// steady latency from stalls.
void timeline(const std::vector<Tally>& per_client, double window) {
  std::map<long, std::vector<double>> by_window;
  for (const auto& t : per_client) {
    for (std::size_t i = 0; i < t.sent_s.size(); ++i) {
      by_window[static_cast<long>(t.sent_s[i] / window)].push_back(t.latency_ms[i]);
    }
  }
  for (auto& [w, v] : by_window) {
    std::sort(v.begin(), v.end());
    std::printf("  %6.1f s: p50 %6.2f ms, p99 %6.2f ms, max %6.2f ms (%zu)\n", static_cast<double>(w) * window,
                percentile(v, 0.5), percentile(v, 0.99), v.back(), v.size());
  }
}

int run_load(const std::map<std::string, std::string>& o, bool fixed) {
  const int port = std::stoi(opt(o, "--port"));
  const std::string token = opt(o, "--token");
  const auto bodies = read_lines(opt(o, "--bodies"));
  const double seconds = std::stod(opt(o, "--seconds", "20"));
  const int connections = std::stoi(opt(o, "--connections", fixed ? "16" : "64"));
  const double rate = fixed ? std::stod(opt(o, "--rate", "500")) : 0.0;
  const std::string run = opt(o, "--run", std::to_string(std::chrono::system_clock::now().time_since_epoch().count()));
  const auto total = static_cast<long>(rate * seconds);

  std::vector<Tally> tallies(static_cast<std::size_t>(connections));
  std::atomic<long> next{0};
  const auto start = Clock::now() + std::chrono::milliseconds(200);
  const auto stop_at = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      Client client(port, token, "load-" + run + "-" + std::to_string(c) + "-");
      Tally& t = tallies[static_cast<std::size_t>(c)];
      t.latency_ms.reserve(fixed ? static_cast<std::size_t>(total / connections * 2 + 16) : 1 << 16);
      std::this_thread::sleep_until(start);
      for (;;) {
        Clock::time_point intended;
        long i = 0;
        if (fixed) {
          i = next.fetch_add(1);
          if (i >= total) break;
          intended = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                                 static_cast<double>(i) / rate));
          std::this_thread::sleep_until(intended);
        } else {
          intended = Clock::now();
          if (intended >= stop_at) break;
          i = next.fetch_add(1);
        }
        const int status = client.submit(bodies[static_cast<std::size_t>(i) % bodies.size()]);
        t.latency_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - intended).count());
        t.sent_s.push_back(std::chrono::duration<double>(intended - start).count());
        (status == 201 ? t.ok : t.errors)++;
      }
    });
  }
  for (auto& th : threads) th.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const std::string what = fixed ? "fixed " + std::to_string(static_cast<int>(rate)) + "/s" : "closed loop";
  report(what + " x" + std::to_string(connections), tallies, elapsed);
  if (o.count("--timeline") != 0) timeline(tallies, std::stod(o.at("--timeline")));
  if (!fixed) {
    long lo = -1, hi = 0;
    for (const auto& t : tallies) {
      lo = lo < 0 ? t.ok : std::min(lo, t.ok);
      hi = std::max(hi, t.ok);
    }
    std::printf("fairness: %d clients, requests completed per client min %ld, max %ld (max/min %.2f)%s\n",
                connections, lo, hi, lo > 0 ? static_cast<double>(hi) / static_cast<double>(lo) : 0.0,
                lo > 0 ? "" : " — a client starved");
    return lo > 0 ? 0 : 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  const auto o = options(argc, argv, 2);
  if (cmd == "channel") return create_channel(o);
  if (cmd == "bodies") return print_bodies(o);
  if (cmd == "fixed") return run_load(o, true);
  if (cmd == "closed") return run_load(o, false);
  std::cerr << "usage: zhishen_server_load channel|bodies|fixed|closed [--option value ...] (see load.cpp)\n";
  return 2;
}
