#include "sqlite_connection.hpp"

#include <sqlite3.h>

namespace zhishen::store {
namespace {

std::string first_line(std::string_view sql) {
  const auto nl = sql.find('\n');
  std::string s(sql.substr(0, nl == std::string_view::npos ? std::min<std::size_t>(sql.size(), 120) : std::min<std::size_t>(nl, 120)));
  return s;
}

}  // namespace

void SqliteConnection::StmtDeleter::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }

SqliteConnection::SqliteConnection(const std::string& path) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreFault("store.unavailable", "cannot open SQLite database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10'000);
  execute_script(
      "PRAGMA journal_mode=WAL;"
      "PRAGMA synchronous=FULL;"
      "PRAGMA foreign_keys=ON;"
      "PRAGMA temp_store=MEMORY;");
}

SqliteConnection::~SqliteConnection() {
  cache_.clear();
  if (db_ != nullptr) sqlite3_close(db_);
}

void SqliteConnection::fail(int rc, std::string_view sql) const {
  const int primary = rc & 0xFF;
  std::string msg = std::string(sqlite3_errmsg(db_)) + " (SQL: " + first_line(sql) + ")";
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) throw StoreFault("store.duplicate", msg);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) throw StoreFault("store.busy", msg);
  if (primary == SQLITE_CANTOPEN || primary == SQLITE_NOTADB) throw StoreFault("store.unavailable", msg);
  throw StoreFault("store.io", msg);
}

sqlite3_stmt* SqliteConnection::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    sqlite3_reset(it->second.get());
    sqlite3_clear_bindings(it->second.get());
    return it->second.get();
  }
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  StmtPtr stmt(raw);
  if (rc != SQLITE_OK) fail(rc, sql);
  auto [pos, inserted] = cache_.emplace(std::string(sql), std::move(stmt));
  return pos->second.get();
}

void SqliteConnection::bind(sqlite3_stmt* stmt, std::span<const SqlValue> params, std::string_view sql) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int idx = static_cast<int>(i) + 1;
    int rc = SQLITE_OK;
    const SqlValue& v = params[i];
    if (std::holds_alternative<std::nullptr_t>(v)) {
      rc = sqlite3_bind_null(stmt, idx);
    } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, idx, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, idx, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text64(stmt, idx, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } else if (const auto* b = std::get_if<Blob>(&v)) {
      rc = sqlite3_bind_blob64(stmt, idx, b->bytes.data(), b->bytes.size(), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) fail(rc, sql);
  }
}

std::int64_t SqliteConnection::execute(std::string_view sql, std::span<const SqlValue> params) {
  sqlite3_stmt* stmt = prepare(sql);
  bind(stmt, params, sql);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) {
    sqlite3_reset(stmt);
    fail(rc, sql);
  }
  sqlite3_reset(stmt);
  return sqlite3_changes64(db_);
}

std::vector<Row> SqliteConnection::query(std::string_view sql, std::span<const SqlValue> params) {
  sqlite3_stmt* stmt = prepare(sql);
  bind(stmt, params, sql);
  std::vector<Row> rows;
  const int cols = sqlite3_column_count(stmt);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    std::vector<SqlValue> values;
    values.reserve(static_cast<std::size_t>(cols));
    for (int c = 0; c < cols; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_NULL: values.emplace_back(nullptr); break;
        case SQLITE_INTEGER: values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c))); break;
        case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(stmt, c)); break;
        case SQLITE_BLOB: {
          const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
          const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
          values.emplace_back(Blob{std::string(p == nullptr ? "" : std::string_view(p, n))});
          break;
        }
        default: {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
          values.emplace_back(std::string(p == nullptr ? "" : std::string_view(p, n)));
        }
      }
    }
    rows.emplace_back(std::move(values));
  }
  if (rc != SQLITE_DONE) {
    sqlite3_reset(stmt);
    fail(rc, sql);
  }
  sqlite3_reset(stmt);
  return rows;
}

std::int64_t SqliteConnection::last_insert_id() { return sqlite3_last_insert_rowid(db_); }

// BEGIN IMMEDIATE takes the write lock at once, so two writers never deadlock upgrading a read lock.
void SqliteConnection::begin() { execute("BEGIN IMMEDIATE", {}); }
void SqliteConnection::commit() { execute("COMMIT", {}); }
void SqliteConnection::rollback() {
  if (db_ != nullptr && sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteConnection::execute_script(std::string_view sql) {
  const std::string text(sql);
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw StoreFault((rc & 0xFF) == SQLITE_BUSY ? "store.busy" : "store.io", msg + " (SQL: " + first_line(sql) + ")");
  }
}

}  // namespace zhishen::store
