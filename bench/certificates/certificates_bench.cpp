// E-certificate benchmark (issue "e-certificates"): certificates issued and signed per second —
// certificates::issue (body, canonical JSON, SM2/SM3 signature through the department's KeyRing) on
// a realistic individual-business licence case with 8 content fields — with 1 thread and with
// 2 threads (the ring signs from any thread), and the raw KeyRing::sign of a 32-byte message for
// reference. bench/certificates/run.sh compares these with `openssl speed sm2` in the same run.
// Prints:
//   issue+sign (1 thread): N/s
//   issue+sign (2 threads): N/s
//   raw KeyRing.sign (1 thread): N/s
// Usage: zhishen_bench_certificates [--seconds S]   (default 5 per measurement)
// The key is generated in a private temporary directory, removed at exit.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "zhishen/certificates/certificate.hpp"
#include "zhishen/crypto/key_ring.hpp"
#include "zhishen/json/parse.hpp"

namespace {

using namespace zhishen;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const std::string kDepartment = "FZ-SCJG";
const std::string kPassphrase = "zhishen certificate benchmark passphrase";

Instant bench_now() {
  return Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 22} + std::chrono::hours{3}};
}

// A case like the ones the food-business and individual-business items produce: 9 form fields,
// of which 8 become content lines (the operator's identity number goes only in `holder`).
domain::CaseFile sample_case() {
  domain::CaseFile f;
  f.case_no = "ZS20261122ABCD1234";
  f.item_code = "350100-SCJG-XK-0001";
  f.item_version = 1;
  f.department_code = kDepartment;
  f.channel = "web-hall";
  f.applicant = {"person", "张三", "citizen_id", "350102199001011234", "13800000000", "福州市鼓楼区五四路1号",
                 "mid_high"};
  f.application = json::Object{
      {"form", json::Object{{"operator_name", "张三"},
                            {"operator_id_number", "350102199001011234"},
                            {"trade_name", "福州市鼓楼区张三便利店"},
                            {"premises_address", "福州市鼓楼区五四路1号一层102室"},
                            {"composition_form", "个人经营"},
                            {"is_residential", false},
                            {"business_scope", json::Array{"预包装食品销售（含冷藏冷冻食品）", "散装食品销售",
                                                           "日用百货销售", "文具用品零售"}},
                            {"employees", 3},
                            {"registered_capital", 50000},
                            {"operating_period", "长期"}}}};
  return f;
}

certificates::IssueFacts sample_facts() {
  certificates::IssueFacts x;
  x.item_name = "个体工商户设立登记";
  x.certificate_type = "营业执照（个体工商户）";
  x.form_fields = json::parse(
                      R"([{"name":"operator_name","label":"经营者姓名"},
                          {"name":"operator_id_number","label":"经营者公民身份号码"},
                          {"name":"trade_name","label":"名称"},
                          {"name":"premises_address","label":"经营场所"},
                          {"name":"composition_form","label":"组成形式"},
                          {"name":"is_residential","label":"是否将住宅改变为经营性用房"},
                          {"name":"business_scope","label":"经营范围"},
                          {"name":"employees","label":"从业人员人数"},
                          {"name":"registered_capital","label":"资金数额（元）"},
                          {"name":"absent","label":"未填"}])")
                      .value();
  x.issuer = {kDepartment, "福州市市场监督管理局", "11350100MB0P7K3D1B"};
  x.validity_years = 5;
  x.now = bench_now();
  x.offset = UtcOffset{std::chrono::minutes{8 * 60}};
  return x;
}

// "ZS20261122" and an 8-character serial: the thread's digit pair and a 6-digit counter.
std::string case_number(int thread, std::uint64_t n) {
  std::string serial = std::to_string(n % 1'000'000);
  serial.insert(0, 6 - serial.size(), '0');
  std::string t = std::to_string(thread % 100);
  t.insert(0, 2 - t.size(), '0');
  return "ZS20261122" + t + serial;
}

[[noreturn]] void fail(const std::string& what, const Error& e) {
  std::fprintf(stderr, "zhishen_bench_certificates: %s: %s (%s)\n", what.c_str(), e.message.c_str(), e.id.c_str());
  std::exit(1);
}

// Issues certificates until the deadline; returns how many.
std::uint64_t issue_until(crypto::KeyRing& ring, const certificates::IssueFacts& facts, int thread,
                          Clock::time_point deadline) {
  domain::CaseFile file = sample_case();
  std::uint64_t n = 0;
  while (Clock::now() < deadline) {
    file.case_no = case_number(thread, n);
    auto cert = certificates::issue(file, facts, ring);
    if (!cert.ok()) fail("issue", cert.error());
    ++n;
  }
  return n;
}

double issue_rate(crypto::KeyRing& ring, const certificates::IssueFacts& facts, int threads, double seconds) {
  std::vector<std::uint64_t> counts(static_cast<std::size_t>(threads), 0);
  const Clock::time_point t0 = Clock::now();
  const Clock::time_point deadline = t0 + std::chrono::duration_cast<Clock::duration>(
                                              std::chrono::duration<double>(seconds));
  {
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&ring, &facts, &counts, t, deadline] {
        counts[static_cast<std::size_t>(t)] = issue_until(ring, facts, t, deadline);
      });
    }
    for (std::thread& w : workers) w.join();
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  std::uint64_t total = 0;
  for (std::uint64_t c : counts) total += c;
  return static_cast<double>(total) / elapsed;
}

double raw_sign_rate(crypto::KeyRing& ring, double seconds) {
  ports::Bytes message(32);
  for (std::size_t i = 0; i < message.size(); ++i) message[i] = static_cast<std::uint8_t>(i * 7 + 1);
  std::uint64_t n = 0;
  const Clock::time_point t0 = Clock::now();
  const Clock::time_point deadline = t0 + std::chrono::duration_cast<Clock::duration>(
                                              std::chrono::duration<double>(seconds));
  while (Clock::now() < deadline) {
    auto sig = ring.sign(kDepartment, message);
    if (!sig.ok()) fail("sign", sig.error());
    ++n;
  }
  return static_cast<double>(n) / std::chrono::duration<double>(Clock::now() - t0).count();
}

// The issued certificate must verify, or the figures mean nothing.
void check_one(crypto::KeyRing& ring, const certificates::IssueFacts& facts) {
  auto cert = certificates::issue(sample_case(), facts, ring);
  if (!cert.ok()) fail("issue", cert.error());
  auto bytes = certificates::signed_bytes(cert->content);
  if (!bytes.ok()) fail("signed bytes", bytes.error());
  Status verified = ring.verify(*bytes, cert->key_id, cert->signature);
  if (!verified.ok()) fail("verify", verified.error());
  std::printf("certificate: %s, %s, body %zu bytes, signature %zu bytes\n", cert->cert_no.c_str(),
              cert->algorithm.c_str(), bytes->size(), cert->signature.size());
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--seconds" && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--seconds S]\n", argv[0]);
      return 2;
    }
  }
  if (!(seconds > 0)) {
    std::fprintf(stderr, "--seconds must be positive\n");
    return 2;
  }

  const fs::path dir = fs::temp_directory_path() / ("zhishen-bench-certificates-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};

  auto key_id = crypto::generate_department_key(dir, kDepartment, crypto::SignatureAlgorithm::sm2_sm3, kPassphrase,
                                                bench_now());
  if (!key_id.ok()) fail("generate key", key_id.error());
  auto ring = crypto::KeyRing::load(dir, kPassphrase);
  if (!ring.ok()) fail("load key ring", ring.error());
  if (!ring->can_sign(kDepartment)) {
    std::fprintf(stderr, "zhishen_bench_certificates: the ring cannot sign for %s\n", kDepartment.c_str());
    return 1;
  }

  const certificates::IssueFacts facts = sample_facts();
  std::printf("key: %s (SM2-SM3), %g s per measurement\n", key_id->c_str(), seconds);
  check_one(*ring, facts);
  std::printf("issue+sign (1 thread): %.0f/s\n", issue_rate(*ring, facts, 1, seconds));
  std::printf("issue+sign (2 threads): %.0f/s\n", issue_rate(*ring, facts, 2, seconds));
  std::printf("raw KeyRing.sign (1 thread): %.0f/s\n", raw_sign_rate(*ring, seconds));
  return 0;
}
