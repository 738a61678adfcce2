#pragma once
// Versioned, forward-only schema migrations, written once in portable SQL with a few tokens that
// each dialect expands ({ID}: the auto-increment primary key, {TEXT}: long text, {BLOB}: long
// binary, {T}: table options — InnoDB, utf8mb4 with binary collation on MySQL).
//
// migrate() applies every migration newer than the database's version, each recorded in
// schema_migrations; statements are idempotent (IF NOT EXISTS) so that a migration interrupted on
// MySQL (where DDL commits implicitly) can be re-run. A database whose version is newer than the
// program knows refuses with store.schema.too_new. Concurrent starters are serialized (MySQL:
// GET_LOCK; SQLite: an immediate transaction).
// Thread-safety: call from one thread at start-up.

#include <string>
#include <vector>

#include "zhishen/core/error.hpp"
#include "zhishen/store/sql.hpp"

namespace zhishen::store {

struct Migration {
  int version;
  std::string description;
  std::vector<std::string> statements;  // with tokens
};

const std::vector<Migration>& migrations();
int latest_schema_version();
std::string expand_tokens(const std::string& sql, Dialect d);

// The database's schema version (0 when empty).
int schema_version(Connection& c);
// Brings the schema up to date; returns the version reached.
Result<int> migrate(Connection& c);

}  // namespace zhishen::store
