#pragma once
// The SQL layer under both stores: one Connection interface, implemented for SQLite (sqlite3 C API)
// and for MySQL/MariaDB (Connector/C++), so that every repository is written once and both
// databases behave the same (tests/store runs one contract suite against both).
//
// SQL given to a Connection uses `?` placeholders, portable types (BIGINT, VARCHAR(n), TEXT as
// LONGTEXT on MySQL, BLOB as LONGBLOB) and instants as BIGINT seconds since the epoch.
//
// Faults are exceptions (StoreFault) carrying a stable id:
//   store.unavailable   the database cannot be reached or the connection was lost (retryable)
//   store.duplicate     a unique or primary key already exists
//   store.busy          the database is locked / a lock wait timed out (retryable)
//   store.io            anything else the database reported (disk full, corrupt file, bad SQL)
// Repositories turn the expected ones (duplicate) into Result values.
//
// Ownership: a Connection owns its native handle and its cached prepared statements.
// Thread-safety: a Connection is used by one thread at a time (the pool hands them out).

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace zhishen::store {

struct Blob {
  std::string bytes;
  friend bool operator==(const Blob&, const Blob&) = default;
};

using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;

class StoreFault : public std::runtime_error {
 public:
  StoreFault(std::string id, const std::string& message) : std::runtime_error(message), id_(std::move(id)) {}
  const std::string& id() const { return id_; }

 private:
  std::string id_;
};

// One result row; columns in SELECT order. Accessors throw StoreFault(store.io) on a type mismatch
// that cannot be converted (a bug in the SQL, not in the data).
class Row {
 public:
  explicit Row(std::vector<SqlValue> cols) : cols_(std::move(cols)) {}
  std::size_t size() const { return cols_.size(); }
  bool is_null(std::size_t i) const;
  std::int64_t int64(std::size_t i) const;
  std::optional<std::int64_t> opt_int64(std::size_t i) const;
  double real(std::size_t i) const;
  std::string text(std::size_t i) const;  // blobs come back as their bytes
  std::optional<std::string> opt_text(std::size_t i) const;
  const SqlValue& value(std::size_t i) const { return cols_.at(i); }

 private:
  std::vector<SqlValue> cols_;
};

enum class Dialect { sqlite, mysql };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  // Runs a statement; returns the number of rows it changed.
  virtual std::int64_t execute(std::string_view sql, std::span<const SqlValue> params = {}) = 0;
  virtual std::vector<Row> query(std::string_view sql, std::span<const SqlValue> params = {}) = 0;
  // The auto-increment id of the last INSERT on this connection.
  virtual std::int64_t last_insert_id() = 0;
  // Runs a statement whose row count nobody needs (an INSERT). After defer_writes(), a connection
  // may keep it and send the statements it kept together, in one round trip, before the next
  // execute(), query(), last_insert_id() or commit(); an error of a kept statement is then thrown
  // (StoreFault) by that later call, and rollback() drops what was kept.
  virtual void execute_later(std::string_view sql, std::span<const SqlValue> params) { execute(sql, params); }
  // Lets execute_later() keep statements until this transaction ends. Only inside begin()/commit().
  virtual void defer_writes() {}

  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;  // never throws; a lost connection is rolled back by the server

  // Runs statements separated by ';' without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;

  // False when the connection is known to be broken (the pool drops it).
  virtual bool healthy() const = 0;
};

// Convenience: params as an initializer list.
inline std::int64_t exec(Connection& c, std::string_view sql, std::initializer_list<SqlValue> params = {}) {
  return c.execute(sql, std::span<const SqlValue>(params.begin(), params.size()));
}
inline std::vector<Row> query(Connection& c, std::string_view sql, std::initializer_list<SqlValue> params = {}) {
  return c.query(sql, std::span<const SqlValue>(params.begin(), params.size()));
}

// Rolls back in its destructor unless committed (SQLiteCpp's Transaction idiom).
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) { c_.begin(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (!done_) c_.rollback();
  }
  void commit() {
    c_.commit();
    done_ = true;
  }

 private:
  Connection& c_;
  bool done_ = false;
};

}  // namespace zhishen::store
