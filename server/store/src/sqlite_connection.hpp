#pragma once
// SqliteConnection: the Connection interface over the sqlite3 C API, for the embedded default
// database (one file, no server). Opened in WAL mode with synchronous=FULL, foreign keys on and a
// busy timeout, so that what a caller was told is saved survives a crash.
//
// Ownership: owns the sqlite3 handle and its cached statements (finalized before close).
// Thread-safety: one thread at a time (SQLite itself is in serialized mode; the store gives each
// thread its own connection, and SQLite serializes writers with its file lock).

#include <map>
#include <memory>
#include <string>

#include "zhishen/store/sql.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace zhishen::store {

class SqliteConnection final : public Connection {
 public:
  // path: a file name, or ":memory:". Throws StoreFault(store.unavailable) when it cannot open.
  explicit SqliteConnection(const std::string& path);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::sqlite; }
  std::int64_t execute(std::string_view sql, std::span<const SqlValue> params) override;
  std::vector<Row> query(std::string_view sql, std::span<const SqlValue> params) override;
  std::int64_t last_insert_id() override;
  void begin() override;
  void commit() override;
  void rollback() override;
  void execute_script(std::string_view sql) override;
  bool healthy() const override { return db_ != nullptr; }

 private:
  struct StmtDeleter {
    void operator()(sqlite3_stmt* s) const;
  };
  using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

  sqlite3_stmt* prepare(std::string_view sql);
  void bind(sqlite3_stmt* stmt, std::span<const SqlValue> params, std::string_view sql);
  [[noreturn]] void fail(int rc, std::string_view sql) const;

  sqlite3* db_ = nullptr;
  std::map<std::string, StmtPtr, std::less<>> cache_;
};

}  // namespace zhishen::store
