#pragma once
// MysqlConnection: the Connection interface (sql.hpp) over one Connector/C++ 1.1 sql::Connection
// to MySQL or MariaDB. Each session is set up for the store: utf8mb4, a strict sql_mode, UTC,
// READ COMMITTED, autocommit on, bounded lock waits, socket timeouts, found-rows counting (so that
// execute() counts matched rows like SQLite), no automatic reconnect.
//
// Errors are mapped in one place (mysql_fault) to StoreFault ids; a lost connection marks the
// connection unhealthy and the pool drops it. Messages carry the SQL's first line and the
// server's message with quoted values redacted — never a bound parameter.
//
// After defer_writes(), the INSERTs of a transaction (execute_later) are kept and sent as one
// anonymous block, BEGIN NOT ATOMIC … END, prepared with all their parameters: one round trip
// instead of one per statement, the COMMIT inside the last one (see send_kept()).
//
// Ownership: owns the sql::Connection, the prepared statements cached per SQL text (destroyed
// before the connection) and the statements kept for sending. Thread-safety: one thread at a
// time, and only a thread on which the driver's threadInit() has run (mysql_thread_ready()).

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zhishen/store/db_url.hpp"
#include "zhishen/store/mysql.hpp"
#include "zhishen/store/sql.hpp"

namespace sql {
class Connection;
class Driver;
class PreparedStatement;
class SQLException;
}  // namespace sql

namespace zhishen::store {

class MysqlConnection final : public Connection {
 public:
  // Connects; throws StoreFault (store.unavailable when the server cannot be reached).
  MysqlConnection(const DbUrl& url, const MysqlOptions& options);
  ~MysqlConnection() override;
  MysqlConnection(const MysqlConnection&) = delete;
  MysqlConnection& operator=(const MysqlConnection&) = delete;

  Dialect dialect() const override { return Dialect::mysql; }
  std::int64_t execute(std::string_view sql, std::span<const SqlValue> params) override;
  std::vector<Row> query(std::string_view sql, std::span<const SqlValue> params) override;
  std::int64_t last_insert_id() override;
  void begin() override;
  void commit() override;
  void rollback() override;
  void execute_script(std::string_view sql) override;
  bool healthy() const override { return healthy_; }

  void execute_later(std::string_view sql, std::span<const SqlValue> params) override;
  void defer_writes() override { deferring_ = in_transaction_; }

  bool in_transaction() const { return in_transaction_; }
  // Asks the server whether the connection still works; marks it unhealthy if not. Never throws.
  bool ping() noexcept;

 private:
  sql::PreparedStatement& prepare(std::string_view sql);
  template <class Use>
  auto with_statement(std::string_view sql, std::span<const SqlValue> params, Use&& use);
  void run_plain(std::string_view sql);  // text protocol, no parameters, results discarded
  template <class F>
  auto autocommit(F&& run);
  void rollback_implicit() noexcept;
  std::int64_t execute_statement(std::string_view sql, std::span<const SqlValue> params);
  std::vector<Row> query_statement(std::string_view sql, std::span<const SqlValue> params);
  bool send_kept(bool commit = false);
  [[noreturn]] void fail(const sql::SQLException& e, std::string_view sql);

  std::unique_ptr<sql::Connection> conn_;
  std::map<std::string, std::unique_ptr<sql::PreparedStatement>, std::less<>> cache_;
  bool healthy_ = true;
  bool in_transaction_ = false;
  bool deferring_ = false;  // execute_later() keeps statements (defer_writes(), until the transaction ends)
  struct Kept {
    std::string sql;
    std::vector<SqlValue> params;
  };
  std::vector<Kept> kept_;
};

// The one mapping of Connector/C++ errors to store faults (see sql.hpp for the ids), in
// mysql_errors.cpp; `sql` is named in the message by its first line.
StoreFault mysql_fault(const sql::SQLException& e, std::string_view sql);
std::string sql_first_line(std::string_view sql);

// Splits a script on ';' outside quotes ('…', "…", `…`) and comments (-- …, # …, /* … */);
// returns the non-blank statements, trimmed.
std::vector<std::string> split_sql_script(std::string_view script);

// The driver, fetched once (get_driver_instance() must not run concurrently).
sql::Driver& mysql_driver();
// Calls the driver's threadInit() once on the calling thread (threadEnd() when it exits).
// Both live in mysql_pool.cpp.
void mysql_thread_ready();

}  // namespace zhishen::store
