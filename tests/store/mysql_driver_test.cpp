// MysqlConnection against a real server: values, conversions, errors, transactions, scripts.
#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <string>
#include <vector>

#include "mysql_test_support.hpp"

namespace zhishen::store::mysql_testing {
namespace {

TEST_F(MysqlDriverTest, RoundTripsEveryValueType) {
  auto c = pool_->lease();
  exec(*c, "CREATE TABLE v (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, i BIGINT NULL, r DOUBLE NULL,"
           " s LONGTEXT NULL, k VARCHAR(100) NULL, b LONGBLOB NULL)");
  std::string all_bytes;
  for (int x = 0; x < 256; ++x) all_bytes += static_cast<char>(x);
  const std::vector<std::vector<SqlValue>> rows = {
      {std::numeric_limits<std::int64_t>::min(), 3.141592653589793, std::string("智审 审批中心"), std::string("福州"),
       Blob{std::string("\0a\0b\0", 5)}},
      {std::numeric_limits<std::int64_t>::max(), -2.5e-300, std::string("emoji 😀 and 𠀀 (4-byte)"),
       std::string("😀"), Blob{all_bytes}},
      {std::int64_t{0}, 1e300, std::string(""), std::string(""), Blob{}},
      {nullptr, nullptr, nullptr, nullptr, nullptr},
      {std::int64_t{-1}, 0.0, std::string(300 * 1024, 'x') + "审", std::string("a\0b", 3),
       Blob{std::string(1024 * 1024 + 7, '\xff')}},  // past Connector/C++'s 256 KiB long-data switch
  };
  for (const auto& r : rows) {
    EXPECT_EQ(c->execute("INSERT INTO v (i, r, s, k, b) VALUES (?, ?, ?, ?, ?)", r), 1);
  }
  const auto got = query(*c, "SELECT i, r, s, k, b FROM v ORDER BY id");
  ASSERT_EQ(got.size(), rows.size());
  for (std::size_t n = 0; n < rows.size(); ++n) {
    for (std::size_t col = 0; col < 5; ++col) {
      EXPECT_TRUE(got[n].value(col) == rows[n][col]) << "row " << n << " column " << col;
    }
  }
}

TEST_F(MysqlDriverTest, RowConvertsBetweenTypes) {
  auto c = pool_->lease();
  const auto r = query(*c, "SELECT 42, '123', 2.0, SUM(x), CAST(18446744073709551615 AS UNSIGNED), NULL, 'abc'"
                           " FROM (SELECT 1 AS x UNION ALL SELECT 2) t").at(0);
  EXPECT_EQ(r.int64(0), 42);
  EXPECT_EQ(r.text(0), "42");
  EXPECT_EQ(r.int64(1), 123);
  EXPECT_DOUBLE_EQ(r.real(1), 123.0);
  EXPECT_EQ(r.int64(2), 2);   // DECIMAL comes back as a real; a whole one converts
  EXPECT_EQ(r.int64(3), 3);   // SUM() is DECIMAL on MySQL
  EXPECT_EQ(r.text(4), "18446744073709551615");
  EXPECT_TRUE(r.is_null(5));
  EXPECT_EQ(r.opt_int64(5), std::nullopt);
  EXPECT_EQ(r.opt_text(5), std::nullopt);
  EXPECT_EQ(fault_id([&] { (void)r.int64(6); }), "store.io");
  EXPECT_EQ(fault_id([&] { (void)r.int64(4); }), "store.io");  // beyond int64
  EXPECT_EQ(fault_id([&] { (void)r.text(5); }), "store.io");
  EXPECT_EQ(fault_id([&] { (void)r.int64(7); }), "store.io");  // no such column
  EXPECT_EQ(c->last_insert_id(), 0);
}

TEST_F(MysqlDriverTest, ExecuteCountsMatchedRowsAndLastInsertId) {
  auto c = pool_->lease();
  exec(*c, "CREATE TABLE t (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL)");
  exec(*c, "INSERT INTO t (name) VALUES (?)", {std::string("a")});
  EXPECT_EQ(c->last_insert_id(), 1);
  exec(*c, "INSERT INTO t (name) VALUES (?)", {std::string("b")});
  EXPECT_EQ(c->last_insert_id(), 2);
  // Unchanged rows count, as in SQLite: optimistic updates rely on it.
  EXPECT_EQ(exec(*c, "UPDATE t SET name = ? WHERE id = ?", {std::string("a"), std::int64_t{1}}), 1);
  EXPECT_EQ(exec(*c, "UPDATE t SET name = name"), 2);
  EXPECT_EQ(exec(*c, "DELETE FROM t WHERE id = ?", {std::int64_t{99}}), 0);
  EXPECT_EQ(fault_id([&] { exec(*c, "SELECT * FROM t WHERE id = ?"); }), "store.io");  // too few values
}

TEST_F(MysqlDriverTest, DuplicateKeyIsStoreDuplicateWithoutTheValue) {
  auto c = pool_->lease();
  exec(*c, "CREATE TABLE p (id BIGINT NOT NULL PRIMARY KEY, id_no VARCHAR(18) NOT NULL, UNIQUE KEY id_no_unique (id_no))");
  const std::string id_no = "3501'0219 800101X";  // an apostrophe and a space inside the value
  exec(*c, "INSERT INTO p VALUES (?, ?)", {std::int64_t{1}, id_no});
  try {
    exec(*c, "INSERT INTO p VALUES (?, ?)", {std::int64_t{2}, id_no});
    FAIL() << "no fault";
  } catch (const StoreFault& e) {
    EXPECT_EQ(e.id(), "store.duplicate");
    const std::string m = e.what();
    EXPECT_EQ(m.find("0219"), std::string::npos) << m;
    EXPECT_EQ(m.find("800101X"), std::string::npos) << m;
    EXPECT_NE(m.find("id_no_unique"), std::string::npos) << m;
    EXPECT_NE(m.find("INSERT INTO p"), std::string::npos) << m;
  }
  EXPECT_EQ(fault_id([&] { exec(*c, "INSERT INTO p VALUES (?, ?)", {std::int64_t{1}, std::string("x")}); }),
            "store.duplicate");
  EXPECT_TRUE(c->healthy());
  EXPECT_EQ(count(*c, "p"), 1);
}

TEST_F(MysqlDriverTest, ErrorMessagesNeverContainBoundValues) {
  auto c = pool_->lease();
  exec(*c, "CREATE TABLE q (n BIGINT NOT NULL, s VARCHAR(4) NOT NULL)");
  for (const auto& bad : {std::vector<SqlValue>{std::string("secret-1"), std::string("ok")},
                          std::vector<SqlValue>{std::int64_t{1}, std::string("secret-2-too-long")}}) {
    try {
      c->execute("INSERT INTO q (n, s) VALUES (?, ?)", bad);
      FAIL() << "strict mode should reject the row";
    } catch (const StoreFault& e) {
      EXPECT_EQ(e.id(), "store.io");
      EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(fault_id([&] { exec(*c, "SELEC nonsense"); }), "store.io");
}

TEST_F(MysqlDriverTest, SessionIsUtf8mb4StrictReadCommitted) {
  auto c = pool_->lease();
  const auto r = query(*c, "SELECT @@character_set_client, @@character_set_results, @@collation_connection,"
                           " @@sql_mode, @@tx_isolation, @@autocommit, @@time_zone, 'a' || 'b'").at(0);
  EXPECT_EQ(r.text(0), "utf8mb4");
  EXPECT_EQ(r.text(1), "utf8mb4");
  EXPECT_EQ(r.text(2), "utf8mb4_bin");
  EXPECT_NE(r.text(3).find("STRICT_TRANS_TABLES"), std::string::npos);
  EXPECT_NE(r.text(3).find("NO_ZERO_DATE"), std::string::npos);
  EXPECT_EQ(r.text(4), "READ-COMMITTED");
  EXPECT_EQ(r.int64(5), 0);  // off: the first statement of a transaction starts it (no START TRANSACTION)
  EXPECT_EQ(r.text(6), "+00:00");
  EXPECT_EQ(r.text(7), "ab");
}

TEST_F(MysqlDriverTest, RollbackLeavesNothingAndCommitPersists) {
  auto c = pool_->lease();
  exec(*c, "CREATE TABLE t (n BIGINT NOT NULL)");
  c->begin();
  exec(*c, "INSERT INTO t VALUES (1)");
  EXPECT_EQ(count(*c, "t"), 1);
  c->rollback();
  EXPECT_EQ(count(*c, "t"), 0);
  c->begin();
  exec(*c, "INSERT INTO t VALUES (2)");
  c->commit();
  auto other = pool_->lease();
  EXPECT_EQ(count(*other, "t"), 1);
  c->rollback();  // nothing open: harmless
}

// The statements executed by this session so far (prepared ones).
std::int64_t executed(Connection& c) {
  return query(c, "SHOW SESSION STATUS LIKE 'Com_stmt_execute'").at(0).int64(1);
}

// Connection::execute_later with the values as a list.
void later(Connection& c, std::string_view sql, const std::vector<SqlValue>& values) { c.execute_later(sql, values); }

// The requests this session sent (statements, commits, blocks).
std::int64_t requests(Connection& c) { return query(c, "SHOW SESSION STATUS LIKE 'Questions'").at(0).int64(1); }

TEST_F(MysqlDriverTest, DeferredWritesGoInOneStatementBeforeTheNextReadOrTheCommit) {
  auto c = pool_->lease();
  exec(*c, "CREATE TABLE d (id BIGINT NOT NULL PRIMARY KEY, s LONGTEXT NULL, b LONGBLOB NULL)");
  {
    Transaction tx(*c);
    c->defer_writes();
    const std::int64_t before = executed(*c);
    later(*c, "INSERT INTO d (id, s, b) VALUES (?, ?, ?)", {std::int64_t{1}, std::string("审"), Blob{std::string("\0x", 2)}});
    later(*c, "INSERT INTO d (id, s, b) VALUES (?, ?, ?),(?, ?, ?)",
                     {std::int64_t{2}, nullptr, Blob{}, std::int64_t{3}, std::string(300 * 1024, 'y'), nullptr});
    later(*c, "UPDATE d SET s = ? WHERE id = ?", {std::string("改"), std::int64_t{2}});
    // The read sends the three first, as one statement (the read is the second).
    const auto rows = query(*c, "SELECT id, s, b FROM d ORDER BY id");
    EXPECT_EQ(executed(*c) - before, 2 + 1);  // the block, the SELECT, and the first executed() query
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0].text(1), "审");
    EXPECT_TRUE(rows[0].value(2) == SqlValue(Blob{std::string("\0x", 2)}));
    EXPECT_EQ(rows[1].text(1), "改");
    EXPECT_EQ(rows[2].text(1).size(), 300U * 1024);
    // The kept statement and the COMMIT go as one block: one request to the server.
    const std::int64_t first = requests(*c);
    const std::int64_t asked = requests(*c);  // asked - first: what asking costs
    later(*c, "INSERT INTO d (id) VALUES (?)", {std::int64_t{4}});
    tx.commit();
    EXPECT_EQ(requests(*c) - asked, (asked - first) + 1);
  }
  auto reader = pool_->lease();
  EXPECT_EQ(count(*reader, "d"), 4);
  // Outside a transaction nothing is kept: each statement commits at once.
  c->defer_writes();
  later(*c, "INSERT INTO d (id) VALUES (?)", {std::int64_t{5}});
  EXPECT_EQ(count(*reader, "d"), 5);
}

TEST_F(MysqlDriverTest, DeferredWriteErrorsComeAtTheCommitAndRollBackLeavesNothing) {
  auto c = pool_->lease();
  exec(*c, "CREATE TABLE d (id BIGINT NOT NULL PRIMARY KEY)");
  exec(*c, "INSERT INTO d (id) VALUES (1)");
  {
    Transaction tx(*c);
    c->defer_writes();
    later(*c, "INSERT INTO d (id) VALUES (?)", {std::int64_t{2}});
    EXPECT_NO_THROW(later(*c, "INSERT INTO d (id) VALUES (?)", {std::int64_t{1}}));  // taken: kept, not sent
    later(*c, "INSERT INTO d (id) VALUES (?)", {std::int64_t{3}});
    EXPECT_EQ(fault_id([&] { tx.commit(); }), "store.duplicate");
  }  // rolled back
  EXPECT_EQ(count(*c, "d"), 1);
  {
    Transaction tx(*c);
    c->defer_writes();
    later(*c, "INSERT INTO d (id) VALUES (?)", {std::int64_t{4}});
  }  // rolled back before anything was sent: nothing is sent later either
  exec(*c, "INSERT INTO d (id) VALUES (5)");
  EXPECT_EQ(count(*c, "d"), 2);
}

TEST_F(MysqlDriverTest, TransactionDestroyedWithoutCommitRollsBack) {
  auto c = pool_->lease();
  exec(*c, "CREATE TABLE t (n BIGINT NOT NULL)");
  {
    Transaction tx(*c);
    exec(*c, "INSERT INTO t VALUES (1)");
  }
  EXPECT_EQ(count(*c, "t"), 0);
  {
    Transaction tx(*c);
    exec(*c, "INSERT INTO t VALUES (2)");
    tx.commit();
  }
  EXPECT_EQ(count(*c, "t"), 1);
}

TEST_F(MysqlDriverTest, LeaseReturnedInsideATransactionRollsItBack) {
  {
    auto c = pool_->lease();
    exec(*c, "CREATE TABLE t (n BIGINT NOT NULL)");
    c->begin();
    exec(*c, "INSERT INTO t VALUES (1)");
  }
  auto c = pool_->lease();
  EXPECT_EQ(count(*c, "t"), 0);
  c->begin();  // the returned connection is out of its transaction
  c->rollback();
}

TEST_F(MysqlDriverTest, LockWaitTimeoutIsBusy) {
  auto a = pool_->lease();
  auto b = pool_->lease();
  exec(*a, "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, n BIGINT NOT NULL)");
  exec(*a, "INSERT INTO t VALUES (1, 0)");
  a->begin();
  exec(*a, "UPDATE t SET n = 1 WHERE id = 1");
  EXPECT_EQ(fault_id([&] { exec(*b, "UPDATE t SET n = 2 WHERE id = 1"); }), "store.busy");
  EXPECT_TRUE(b->healthy());
  a->rollback();
  EXPECT_EQ(exec(*b, "UPDATE t SET n = 2 WHERE id = 1"), 1);
}

TEST_F(MysqlDriverTest, ExecuteScriptSplitsOutsideQuotesAndComments) {
  auto c = pool_->lease();
  c->execute_script(
      "-- a comment; with a semicolon and an apostrophe: don't\n"
      "CREATE TABLE s (v VARCHAR(50) NOT NULL);\n"
      "/* block; comment */ INSERT INTO s VALUES ('a;b'), ('it''s; fine');\n"
      "INSERT INTO s VALUES ('back\\'slash;');  # trailing comment; here\n"
      ";;\n");
  const auto rows = query(*c, "SELECT v FROM s ORDER BY v");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].text(0), "a;b");
  EXPECT_EQ(rows[1].text(0), "back'slash;");
  EXPECT_EQ(rows[2].text(0), "it's; fine");
}

TEST_F(MysqlDriverTest, CachedStatementSurvivesItsTableChanging) {
  auto c = pool_->lease();
  auto other = pool_->lease();
  c->execute_script("CREATE TABLE m (a BIGINT NOT NULL); INSERT INTO m VALUES (1)");
  EXPECT_EQ(query(*c, "SELECT * FROM m").at(0).size(), 1u);  // now prepared and cached
  // Re-created with other columns by another connection (as a migration would).
  other->execute_script("DROP TABLE m; CREATE TABLE m (a LONGTEXT NOT NULL, b BIGINT NOT NULL);"
                        "INSERT INTO m VALUES ('x', 2)");
  const auto rows = query(*c, "SELECT * FROM m");
  ASSERT_EQ(rows.at(0).size(), 2u);
  EXPECT_EQ(rows[0].text(0), "x");
  EXPECT_EQ(rows[0].int64(1), 2);
  EXPECT_EQ(exec(*c, "DELETE FROM m"), 1);  // and the connection is still in step
}

}  // namespace
}  // namespace zhishen::store::mysql_testing
