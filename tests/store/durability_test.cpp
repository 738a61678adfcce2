// Durability: what a caller was told is saved survives SIGKILL of the writing process (SQLite and
// MariaDB) and a restart of MariaDB under a running writer, which sees clean faults during the
// outage and recovers; nothing is ever half-written (a case without its audit entry or events).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <set>
#include <thread>

#include "contract_support.hpp"

namespace zhishen::store::testing {
namespace {

struct WriterRun {
  std::set<std::string> acknowledged;
  int faults = 0;
  int exit_status = -1;
};

// Runs the writer; `after(acks)` is called after each line and may kill it or act on the database.
WriterRun run_writer(const DbUrl& url, const std::string& prefix, long count, long pause_ms,
                     const std::function<bool(pid_t, const WriterRun&)>& on_line) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    const std::string db = DbUrlText(url);
    const std::string n = std::to_string(count), pause = std::to_string(pause_ms);
    execl(ZHISHEN_STORE_WRITER, ZHISHEN_STORE_WRITER, "--db", db.c_str(), "--prefix", prefix.c_str(), "--count", n.c_str(),
          "--pause-ms", pause.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  WriterRun run;
  FILE* in = fdopen(fds[0], "r");
  char line[256];
  bool stop = false;
  while (!stop && std::fgets(line, sizeof line, in) != nullptr) {
    std::string l(line);
    if (!l.empty() && l.back() == '\n') l.pop_back();
    if (l.rfind("ok ", 0) == 0) run.acknowledged.insert(l.substr(3));
    else if (l.rfind("fault ", 0) == 0) ++run.faults;
    stop = on_line(pid, run);
  }
  if (stop) kill(pid, SIGKILL);
  std::fclose(in);
  int status = 0;
  waitpid(pid, &status, 0);
  run.exit_status = status;
  return run;
}

class Durability : public StoreContract {};

void expect_whole(ports::Store& s, const WriterRun& run, const std::string& prefix) {
  ASSERT_TRUE(s.transact([&](ports::StoreTx& t) -> Status {
                 for (const auto& no : run.acknowledged) {
                   auto c = t.cases().load(no);
                   EXPECT_TRUE(c.ok()) << "acknowledged " << no << " is missing";
                 }
                 // Nothing half-written: every stored case of this run has its audit entry and vice versa.
                 std::set<std::string> cases, audited;
                 ports::InboxQuery q;
                 q.limit = 100000;
                 for (const auto& c : t.cases().inbox(q)) {
                   if (c.case_no.rfind(prefix + "-", 0) == 0) cases.insert(c.case_no);
                 }
                 for (const auto& e : t.audit().recent(1000000)) {
                   if (e.target.rfind(prefix + "-", 0) == 0) audited.insert(e.target);
                 }
                 EXPECT_EQ(cases, audited);
                 EXPECT_GE(cases.size(), run.acknowledged.size());
                 return {};
               }).ok());
}

TEST_P(Durability, AcknowledgedWritesSurviveSigkillOfTheWriter) {
  const auto run = run_writer(db_->url(), "K", 100000, 0,
                              [](pid_t, const WriterRun& r) { return r.acknowledged.size() >= 200; });
  ASSERT_TRUE(WIFSIGNALED(run.exit_status));
  EXPECT_GE(run.acknowledged.size(), 200u);
  expect_whole(*store_, run, "K");
}

INSTANTIATE_TEST_SUITE_P(Backends, Durability, ::testing::Values("sqlite", "mysql"),
                         [](const auto& param_info) { return param_info.param; });

// MariaDB killed (SIGKILL) and restarted under a running writer: faults during the outage, then it
// carries on; InnoDB (innodb_flush_log_at_trx_commit=1) kept every acknowledged commit.
TEST(DurabilityMariaDB, RestartUnderARunningWriter) {
  TestDatabase db("mysql");
  if (!db.ok()) GTEST_SKIP() << db.reason();
  const char* dir = std::getenv("ZHISHEN_TEST_DB_DIR");
  const std::string script = std::string(ZHISHEN_SOURCE_DIR) + "/scripts/mariadb-test.sh";
  bool restarted = false;
  std::size_t acks_at_restart = 0;
  const auto run = run_writer(db.url(), "R", 100000, 5, [&](pid_t, const WriterRun& r) {
    if (!restarted && r.acknowledged.size() >= 100) {
      restarted = true;
      acks_at_restart = r.acknowledged.size();
      const std::string cmd = (dir != nullptr ? "ZHISHEN_TEST_DB_DIR='" + std::string(dir) + "' " : std::string()) +
                              "'" + script + "' restart --crash >/dev/null 2>&1";
      EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    }
    return restarted && r.acknowledged.size() >= acks_at_restart + 100;
  });
  EXPECT_TRUE(restarted);
  EXPECT_GE(run.acknowledged.size(), acks_at_restart + 100) << "the writer did not recover after the restart";
  auto s = open_store(db.url(), test_cipher());
  ASSERT_TRUE(s.ok());
  expect_whole(**s, run, "R");
}

}  // namespace
}  // namespace zhishen::store::testing
