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
#include "zhishen/store/mysql.hpp"

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

// The private MariaDB's directory, as scripts/mariadb-test.sh chooses it.
std::string test_db_dir() {
  const char* dir = std::getenv("ZHISHEN_TEST_DB_DIR");
  if (dir == nullptr) return std::string(ZHISHEN_SOURCE_DIR) + "/build/test-mariadb";
  return dir[0] == '/' ? std::string(dir) : std::string(ZHISHEN_SOURCE_DIR) + "/" + dir;
}

// The server's output of a statement run as root through the private MariaDB's socket (empty when
// that fails).
std::string as_root(const std::string& sql) {
  std::string socket;
  if (FILE* f = std::fopen((test_db_dir() + "/socket").c_str(), "r")) {
    char buf[512];
    if (std::fgets(buf, sizeof buf, f) != nullptr) socket = buf;
    std::fclose(f);
  }
  while (!socket.empty() && (socket.back() == '\n' || socket.back() == ' ')) socket.pop_back();
  const std::string cmd = "mariadb --no-defaults --protocol=socket --socket='" + socket + "' -uroot -N -e \"" + sql + "\"";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[256];
    while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
    pclose(p);
  }
  return out;
}

// When the server holds as many prepared statements as it allows (max_prepared_stmt_count, shared by
// all its clients), a connection that needs a new one closes its own cached ones and prepares it
// again; when it has none to give back, the caller gets store.busy (try again), and the connection
// still works once the server has room. Serial: it lowers a global limit for a moment.
TEST(DurabilityMariaDB, TooManyPreparedStatementsOnTheServerCloseOurOwnOrAreBusy) {
  TestDatabase db("mysql");
  if (!db.ok()) GTEST_SKIP() << db.reason();
  const std::string limit_before = as_root("SELECT @@GLOBAL.max_prepared_stmt_count");
  ASSERT_FALSE(limit_before.empty()) << "no root access through the socket";
  struct Restore {
    std::string limit;
    ~Restore() { as_root("SET GLOBAL max_prepared_stmt_count = " + std::to_string(std::stol(limit))); }
  } restore{limit_before};

  auto pool = open_mysql_pool(db.url(), 2);
  auto mine = pool->lease();
  auto other = pool->lease();
  for (int i = 0; i < 5; ++i) {  // five statements now cached (prepared) by `mine`
    EXPECT_EQ(query(*mine, "SELECT " + std::to_string(i) + " AS n").at(0).int64(0), i);
  }
  const std::string held = as_root("SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'");
  const long count = std::stol(held.substr(held.find_first_of("0123456789")));
  ASSERT_GE(count, 5);
  as_root("SET GLOBAL max_prepared_stmt_count = " + std::to_string(count));  // no room for one more

  // `mine` gives back its five and prepares the new one.
  EXPECT_EQ(query(*mine, "SELECT 42 AS n").at(0).int64(0), 42);
  // `other` has none to give back (it prepared nothing yet): busy, not an I/O fault.
  const std::string room = as_root("SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'");
  as_root("SET GLOBAL max_prepared_stmt_count = " +
          std::to_string(std::stol(room.substr(room.find_first_of("0123456789")))));
  std::string id = "(no fault)";
  try {
    (void)query(*other, "SELECT 7 AS n");
  } catch (const StoreFault& e) {
    id = e.id();
  }
  EXPECT_EQ(id, "store.busy");
  as_root("SET GLOBAL max_prepared_stmt_count = " + std::to_string(std::stol(limit_before)));
  EXPECT_EQ(query(*other, "SELECT 7 AS n").at(0).int64(0), 7);  // room again: the same connection works
}

}  // namespace
}  // namespace zhishen::store::testing
