#include "migrations.hpp"

#include <chrono>
#include <cstring>

namespace zhishen::store {

Migration schema_v1();
Migration schema_v2();
Migration schema_v3();
Migration schema_v4();
Migration schema_v5();

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {schema_v1(), schema_v2(), schema_v3(), schema_v4(), schema_v5()};
  return all;
}

int latest_schema_version() { return migrations().back().version; }

std::string expand_tokens(const std::string& sql, Dialect d) {
  const bool my = d == Dialect::mysql;
  const std::pair<const char*, const char*> tokens[] = {
      {"{ID}", my ? "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"},
      {"{TEXT}", my ? "LONGTEXT" : "TEXT"},
      {"{BLOB}", my ? "LONGBLOB" : "BLOB"},
      {"{T}", my ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : ""},
      {"{INSERT_IGNORE}", my ? "INSERT IGNORE" : "INSERT OR IGNORE"},
      {"{GENESIS}", "0000000000000000000000000000000000000000000000000000000000000000"},
  };
  std::string out = sql;
  for (const auto& [token, value] : tokens) {
    for (std::size_t pos = out.find(token); pos != std::string::npos; pos = out.find(token, pos + std::strlen(value))) {
      out.replace(pos, std::strlen(token), value);
    }
  }
  return out;
}

namespace {

void ensure_table(Connection& c) {
  c.execute(expand_tokens("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL PRIMARY KEY,"
                          " applied_at BIGINT NOT NULL, description VARCHAR(200) NOT NULL){T}",
                          c.dialect()),
            {});
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Serializes concurrent migrators; released in the destructor.
class MigrationLock {
 public:
  explicit MigrationLock(Connection& c) : c_(c) {
    if (c_.dialect() == Dialect::mysql) {
      auto rows = query(c_, "SELECT GET_LOCK('zhishen_migrate', 60)");
      if (rows.empty() || rows[0].is_null(0) || rows[0].int64(0) != 1) {
        throw StoreFault("store.busy", "another process is migrating this database");
      }
    }
  }
  ~MigrationLock() {
    if (c_.dialect() == Dialect::mysql) {
      try {
        query(c_, "SELECT RELEASE_LOCK('zhishen_migrate')");
      } catch (const StoreFault&) {  // the lock dies with the connection anyway
      }
    }
  }

 private:
  Connection& c_;
};

// True when `table` has `column` (MySQL's catalogue).
bool has_column(Connection& c, const std::string& table, const std::string& column) {
  auto rows = query(c,
                    "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                    " AND table_name = ? AND column_name = ?",
                    {table, column});
  return !rows.empty() && rows[0].int64(0) > 0;
}

// MySQL commits DDL at once, so a migration cut short runs again over what it did: MySQL 8 has no
// CREATE INDEX IF NOT EXISTS nor ADD COLUMN IF NOT EXISTS (MariaDB has both): look the index or
// the column up instead.
void run_mysql_statement(Connection& c, const std::string& sql) {
  static constexpr std::string_view kPrefix = "CREATE INDEX IF NOT EXISTS ";
  static constexpr std::string_view kAlter = "ALTER TABLE ";
  static constexpr std::string_view kAddColumn = " ADD COLUMN ";
  if (sql.rfind(kAlter, 0) == 0 && sql.find(kAddColumn) != std::string::npos) {
    const std::string table = sql.substr(kAlter.size(), sql.find(' ', kAlter.size()) - kAlter.size());
    const auto at = sql.find(kAddColumn) + kAddColumn.size();
    const std::string column = sql.substr(at, sql.find(' ', at) - at);
    if (!has_column(c, table, column)) c.execute(sql, {});
    return;
  }
  if (sql.rfind(kPrefix, 0) != 0) {
    c.execute(sql, {});
    return;
  }
  const std::string rest = sql.substr(kPrefix.size());
  const std::string name = rest.substr(0, rest.find(' '));
  const auto on = rest.find(" ON ");
  const std::string table = rest.substr(on + 4, rest.find(' ', on + 4) - (on + 4));
  auto rows = query(c,
                    "SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE()"
                    " AND table_name = ? AND index_name = ?",
                    {table, name});
  if (!rows.empty() && rows[0].int64(0) > 0) return;
  c.execute("CREATE INDEX " + rest, {});
}

}  // namespace

int schema_version(Connection& c) {
  ensure_table(c);
  auto rows = query(c, "SELECT MAX(version) FROM schema_migrations");
  return rows.empty() || rows[0].is_null(0) ? 0 : static_cast<int>(rows[0].int64(0));
}

Result<int> migrate(Connection& c) {
  MigrationLock lock(c);
  int current = schema_version(c);
  if (current > latest_schema_version()) {
    return make_error("store.schema.too_new", "the database is at schema version " + std::to_string(current) +
                                                  " but this program knows only up to " +
                                                  std::to_string(latest_schema_version()) +
                                                  "; upgrade the program (never downgrade a database)");
  }
  for (const auto& m : migrations()) {
    if (m.version <= current) continue;
    if (c.dialect() == Dialect::sqlite) {
      Transaction tx(c);  // SQLite DDL is transactional: all of the migration or nothing
      for (const auto& s : m.statements) c.execute(expand_tokens(s, c.dialect()), {});
      exec(c, "INSERT INTO schema_migrations (version, applied_at, description) VALUES (?, ?, ?)",
           {std::int64_t{m.version}, now_seconds(), m.description});
      tx.commit();
    } else {
      // MySQL commits DDL implicitly: statements are idempotent, the version is recorded last.
      for (const auto& s : m.statements) run_mysql_statement(c, expand_tokens(s, c.dialect()));
      exec(c, "INSERT INTO schema_migrations (version, applied_at, description) VALUES (?, ?, ?)",
           {std::int64_t{m.version}, now_seconds(), m.description});
    }
    current = m.version;
  }
  return current;
}

}  // namespace zhishen::store
