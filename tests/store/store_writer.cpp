// A test tool for the durability tests: opens a store and writes cases (case + event + audit in
// one transaction) as fast as it can, printing "ok <case_no>" after each commit returns and
// "fault <id>" when one fails. The durability test kills it with SIGKILL, or restarts MariaDB
// under it, and then checks every acknowledged case is there and nothing is half-written.
//   store_writer --db URL --prefix P --count N [--pause-ms M]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#include "contract_support.hpp"

int main(int argc, char** argv) {
  using namespace zhishen;
  std::string db, prefix = "W";
  long count = 1000, pause_ms = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--db") == 0) db = argv[i + 1];
    else if (std::strcmp(argv[i], "--prefix") == 0) prefix = argv[i + 1];
    else if (std::strcmp(argv[i], "--count") == 0) count = std::stol(argv[i + 1]);
    else if (std::strcmp(argv[i], "--pause-ms") == 0) pause_ms = std::stol(argv[i + 1]);
  }
  auto url = store::DbUrl::parse(db);
  if (!url) {
    std::fprintf(stderr, "bad --db: %s\n", url.error().message.c_str());
    return 2;
  }
  std::unique_ptr<ports::Store> s;
  for (int attempt = 0; !s; ++attempt) {
    try {
      auto opened = store::open_store(*url, store::testing::test_cipher());
      if (!opened) {
        std::fprintf(stderr, "open: %s\n", opened.error().id.c_str());
        return 3;
      }
      s = std::move(opened).value();
    } catch (const store::StoreFault& f) {
      if (attempt > 50) return 4;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  store::MysqlThreadGuard guard;
  for (long i = 0; i < count; ++i) {
    const std::string no = prefix + "-" + std::to_string(i);
    try {
      auto st = s->transact([&](ports::StoreTx& tx) -> Status {
        if (auto c = tx.cases().create(store::testing::sample_case(no)); !c) return c;
        tx.audit().append(domain::AuditEntry{0, store::testing::at(i), "writer", "system", "case.create", no,
                                             json::Object{}, "", ""});
        return {};
      });
      if (st) std::printf("ok %s\n", no.c_str());
      else std::printf("error %s %s\n", no.c_str(), st.error().id.c_str());
    } catch (const store::StoreFault& f) {
      std::printf("fault %s %s\n", no.c_str(), f.id().c_str());
    }
    std::fflush(stdout);
    if (pause_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
  }
  return 0;
}
