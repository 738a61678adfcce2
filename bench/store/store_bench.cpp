// Storage benchmark (issue "Storage"): prints
//   1. durable case inserts per second through the store (case + material + event + audit in one
//      transaction, 4 writer threads) against a raw Connector/C++ loop inserting one row per
//      transaction into the same database, in the same run;
//   2. with N cases loaded (default 1,000,000), the latency of the inbox query (one department,
//      open states, sorted by deadline, first 100) and of the light sweep (cases whose light
//      changes in a one-minute window), p50/p99/max.
// Usage: zhishen_store_bench --db URL [--cases N] [--seconds S] [--threads T] [--skip-load]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "zhishen/crypto/hash.hpp"
#include "zhishen/lifecycle/case_machine.hpp"
#include "zhishen/store/mysql.hpp"
#include "zhishen/store/sql_store.hpp"

namespace {

using namespace zhishen;
using Clock = std::chrono::steady_clock;

crypto::FieldCipher bench_cipher() {
  std::array<std::uint8_t, 32> key{};
  key.fill(42);
  return crypto::FieldCipher(std::span<const std::uint8_t, 32>(key));
}

constexpr std::int64_t kNow = 1'763'700'000;  // the instant the queries are asked at
constexpr std::int64_t kNoDeadline = 9'000'000'000'000'000'000;  // cases.due_at without a running deadline
Instant at(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }

domain::CaseFile make_case(const std::string& no, const std::string& dept, std::mt19937_64& rng) {
  domain::CaseFile f;
  f.case_no = no;
  f.item_code = "350100-SCJG-GG-0001";
  f.item_version = 1;
  f.department_code = dept;
  f.channel = "web-hall";
  f.applicant = {"person", "张三", "citizen_id", "11010519491231002X", "13800000000", "福州市鼓楼区五四路1号", "mid_high"};
  f.application = json::Object{{"form", json::Object{{"operator_name", "便利店"}, {"area_m2", 120}}}};
  f.materials.push_back({"business_license", "营业执照", "application/pdf", std::string(64, 'a'), 12345,
                         json::Object{{"uscc", "91350100M000100Y43"}}});
  f.record = lifecycle::open_case(lifecycle::CaseTerms{}, at(kNow));
  const std::int64_t due = kNow + static_cast<std::int64_t>(rng() % (30 * 86400));
  f.due_at = at(due);
  f.yellow_at = at(due - 86400);
  return f;
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// 1. Writes through the store.
double store_inserts_per_second(ports::Store& store, int threads, double seconds, bool audit) {
  std::atomic<long> done{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      store::MysqlThreadGuard guard;
      std::mt19937_64 rng(static_cast<unsigned>(t));
      for (long i = 0; !stop.load(); ++i) {
        const std::string no = "B" + std::to_string(t) + "-" + std::to_string(i) + "-" +
                               std::to_string(Clock::now().time_since_epoch().count() % 100000);
        auto f = make_case(no, "FZ-BENCH", rng);
        f.record = lifecycle::apply(f.record, {lifecycle::Action::route_manual, lifecycle::Role::system, "system",
                                               at(kNow), "", "", false})
                       .value();
        auto st = store.transact([&](ports::StoreTx& tx) -> Status {
          if (auto s = tx.cases().create(f); !s) return s;
          if (audit) tx.audit().append({0, at(kNow), "bench", "system", "case.create", no, json::Object{}, "", ""});
          return {};
        });
        if (st) ++done;
      }
    });
  }
  const auto t0 = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  return static_cast<double>(done.load()) / seconds_since(t0);
}

// 1b. The raw loop: one INSERT per transaction on one connection.
double raw_inserts_per_second(const store::DbUrl& url, double seconds) {
  auto c = store::connect(url);
  c->execute("CREATE TABLE IF NOT EXISTS bench_raw (id BIGINT NOT NULL PRIMARY KEY, payload VARCHAR(200) NOT NULL)", {});
  auto max = store::query(*c, "SELECT COALESCE(MAX(id), 0) FROM bench_raw");
  long n = static_cast<long>(max[0].int64(0)) + 1;
  const auto t0 = Clock::now();
  const long first = n;
  while (seconds_since(t0) < seconds) {
    c->begin();
    store::exec(*c, "INSERT INTO bench_raw (id, payload) VALUES (?, ?)", {std::int64_t{n}, std::string(100, 'x')});
    c->commit();
    ++n;
  }
  return static_cast<double>(n - first) / seconds_since(t0);
}

// 2a. Bulk load N cases with multi-row INSERTs (the queries read only the indexed summary columns;
// the encrypted columns get realistic sizes).
void bulk_load(const store::DbUrl& url, long n, int departments) {
  auto c = store::connect(url);
  auto existing = store::query(*c, "SELECT COUNT(*) FROM cases WHERE case_no LIKE 'L%'");
  if (!existing.empty() && existing[0].int64(0) >= n) {
    std::printf("load: %ld cases already present\n", static_cast<long>(existing[0].int64(0)));
    return;
  }
  const char* open_states[] = {"manual_review", "auto_approved", "correction_requested", "resubmitted",
                               "recheck_failed", "suspended", "submitted", "manual_approved"};
  const char* closed_states[] = {"completed", "publicised", "archived", "revoked"};
  std::mt19937_64 rng(7);
  const std::string blob(60, 'e');
  const auto t0 = Clock::now();
  constexpr long kBatch = 500;
  for (long base = 0; base < n; base += kBatch) {
    std::string sql =
        "INSERT INTO cases (case_no, item_code, item_version, department_code, channel, applicant_type, applicant_name,"
        " applicant_id_type, applicant_id_enc, applicant_id_index, applicant_id_masked, applicant_phone_enc,"
        " applicant_address_enc, auth_level, application_enc, state, decision, version, terms_json, clocks_json,"
        " submitted_at, updated_at, due_at, yellow_at, light, assignee_id, decided_at, receipt_no, flags) VALUES ";
    std::vector<store::SqlValue> params;
    for (long i = base; i < std::min(n, base + kBatch); ++i) {
      sql += i == base ? "" : ",";
      sql += "(?,?,1,?,'web-hall','person','张三','citizen_id',?,?,'1101**********002X',?,?,'mid_high',?,?,'none',1,'{}','[]',?,?,?,?,'green',NULL,?,'','')";
      const bool open = rng() % 10 < 3;
      const std::int64_t due = kNow + static_cast<std::int64_t>(rng() % (120 * 86400)) - 60 * 86400;
      params.emplace_back("L" + std::to_string(i));
      params.emplace_back("350100-SCJG-GG-000" + std::to_string(rng() % 6));
      params.emplace_back("FZ-D" + std::to_string(rng() % static_cast<unsigned>(departments)));
      params.emplace_back(store::Blob{blob});
      params.emplace_back(crypto::sha256_hex(std::to_string(i)));
      params.emplace_back(store::Blob{blob});
      params.emplace_back(store::Blob{blob});
      params.emplace_back(store::Blob{std::string(400, 'a')});
      params.emplace_back(std::string(open ? open_states[rng() % 8] : closed_states[rng() % 4]));
      params.emplace_back(std::int64_t{kNow - 86400});
      params.emplace_back(std::int64_t{kNow - 86400});
      params.emplace_back(open ? store::SqlValue{due} : store::SqlValue{kNoDeadline});
      params.emplace_back(open ? store::SqlValue{due - 86400} : store::SqlValue{nullptr});
      params.emplace_back(open ? store::SqlValue{nullptr} : store::SqlValue{std::int64_t{kNow - 3600}});
    }
    c->begin();
    c->execute(sql, params);
    c->commit();
    if ((base / kBatch) % 200 == 0) {
      std::printf("load: %ld / %ld (%.0f s)\n", base, n, seconds_since(t0));
      std::fflush(stdout);
    }
  }
  std::printf("load: %ld cases in %.0f s\n", n, seconds_since(t0));
  c->execute_script(c->dialect() == store::Dialect::mysql ? "ANALYZE TABLE cases" : "ANALYZE");
}

struct Percentiles {
  double p50, p99, max;
};

Percentiles percentiles(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at_q = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))]; };
  return {at_q(0.50), at_q(0.99), ms.back()};
}

void query_latencies(ports::Store& store, int departments, int runs) {
  std::vector<double> inbox_ms, sweep_ms;
  std::size_t inbox_rows = 0, sweep_rows = 0;
  std::mt19937_64 rng(3);
  for (int i = 0; i < runs; ++i) {
    ports::InboxQuery q;
    q.department_code = "FZ-D" + std::to_string(rng() % static_cast<unsigned>(departments));
    q.states = {lifecycle::State::submitted, lifecycle::State::manual_review, lifecycle::State::auto_approved,
                lifecycle::State::correction_requested, lifecycle::State::resubmitted, lifecycle::State::recheck_failed,
                lifecycle::State::suspended, lifecycle::State::manual_approved};
    q.limit = 100;
    const Instant from = at(kNow + static_cast<std::int64_t>(rng() % (60 * 86400)) - 30 * 86400);
    auto t0 = Clock::now();
    (void)store.transact([&](ports::StoreTx& tx) -> Status {
      inbox_rows += tx.cases().inbox(q).size();
      return {};
    });
    inbox_ms.push_back(seconds_since(t0) * 1000);
    t0 = Clock::now();
    (void)store.transact([&](ports::StoreTx& tx) -> Status {
      sweep_rows += tx.cases().lights_changing(from, from + std::chrono::minutes{1}, 10000).size();
      return {};
    });
    sweep_ms.push_back(seconds_since(t0) * 1000);
  }
  const auto in = percentiles(inbox_ms), sw = percentiles(sweep_ms);
  std::printf("inbox query (one department, 8 open states, by deadline, first 100): p50 %.2f ms  p99 %.2f ms  max %.2f ms  (%zu rows/query)\n",
              in.p50, in.p99, in.max, inbox_rows / static_cast<std::size_t>(runs));
  std::printf("light sweep (lights changing in a 1-minute window):                 p50 %.2f ms  p99 %.2f ms  max %.2f ms  (%.1f rows/query)\n",
              sw.p50, sw.p99, sw.max, static_cast<double>(sweep_rows) / runs);
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  long cases = 1'000'000;
  double seconds = 10;
  int threads = 4, departments = 20, runs = 300;
  bool skip_load = false, audit = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--db") db = next();
    else if (a == "--cases") cases = std::stol(next());
    else if (a == "--seconds") seconds = std::stod(next());
    else if (a == "--threads") threads = std::stoi(next());
    else if (a == "--skip-load") skip_load = true;
    else if (a == "--no-audit") audit = false;  // diagnosis: what the audit chain's lock costs
  }
  auto url = store::DbUrl::parse(db);
  if (!url) {
    std::fprintf(stderr, "usage: zhishen_store_bench --db URL [--cases N] [--seconds S] [--threads T] [--skip-load]\n");
    return 2;
  }
  store::MysqlThreadGuard guard;
  auto opened = store::open_store(*url, bench_cipher(), {});
  if (!opened) {
    std::fprintf(stderr, "%s: %s\n", opened.error().id.c_str(), opened.error().message.c_str());
    return 1;
  }
  auto& store = **opened;
  std::printf("database: %s\n", url->redacted().c_str());
  // The disk's fsync rate drifts with whatever else the machine does: alternate short rounds of
  // the two and compare their totals, so both see the same conditions.
  constexpr int kRounds = 5;
  double raw_sum = 0, store_sum = 0;
  for (int round = 0; round < kRounds; ++round) {
    const double raw = raw_inserts_per_second(*url, seconds / kRounds);
    const double via_store = store_inserts_per_second(store, threads, seconds / kRounds, audit);
    std::printf("round %d: raw %.0f inserts/s, store %.0f cases/s\n", round + 1, raw, via_store);
    raw_sum += raw;
    store_sum += via_store;
  }
  std::printf("raw loop (%s), one row per transaction: %.0f inserts/s\n",
              url->kind == store::DbUrl::Kind::mysql ? "Connector/C++" : "sqlite3", raw_sum / kRounds);
  std::printf("store, case+event+audit per transaction, %d threads: %.0f cases/s (%.0f %% of raw)\n", threads,
              store_sum / kRounds, 100 * store_sum / raw_sum);
  if (!skip_load) bulk_load(*url, cases, departments);
  query_latencies(store, departments, runs);
  return 0;
}
