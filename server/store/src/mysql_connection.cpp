#include "mysql_connection.hpp"

#include <cppconn/connection.h>
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/parameter_metadata.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <iterator>
#include <limits>
#include <sstream>
#include <type_traits>

namespace zhishen::store {
namespace {

// Strict and portable: reject bad data instead of truncating it, and make `||` and "identifier"
// mean what they mean in SQLite (and standard SQL), so one SQL text behaves the same on both.
constexpr const char* kSqlMode =
    "STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
    "NO_ENGINE_SUBSTITUTION,PIPES_AS_CONCAT,ANSI_QUOTES";

// Prepared statements kept per connection; past this many distinct SQL texts the cache starts over
// (the server caps prepared statements per server, max_prepared_stmt_count).
constexpr std::size_t kMaxCachedStatements = 256;
// Kept statements go in one block while they have at most this many parameters together (a small
// batch: the latency-bound case, and few distinct block texts for the statement cache); a large
// batch's statements go one by one, its round trips shared by many applications anyway.
constexpr std::size_t kMaxBlockParams = 1024;

void require_healthy(bool healthy, std::string_view sql) {
  if (!healthy) throw StoreFault("store.unavailable", "connection lost earlier; not running \"" + sql_first_line(sql) + "\"");
}

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// A stream reading the bytes of a bound value in place (an istringstream would copy them first).
class BytesStream final : public std::istream {
 public:
  explicit BytesStream(const std::string& bytes) : std::istream(&buf_) {
    char* data = const_cast<char*>(bytes.data());  // read only: std::streambuf takes char*
    buf_.pubsetbuf(data, static_cast<std::streamsize>(bytes.size()));
  }

 private:
  struct Buf final : std::streambuf {
    std::streambuf* setbuf(char* s, std::streamsize n) override {
      setg(s, s, s + n);
      return this;
    }
  } buf_;
};

// Keeps what Connector/C++ reads only at execute time: setBlob() stores the stream pointer (not
// owned) and reads it when the statement executes (setString() copies its value).
struct BoundValues {
  std::vector<std::unique_ptr<BytesStream>> streams;
};

void bind(sql::PreparedStatement& ps, std::span<const SqlValue> params, BoundValues& keep, std::string_view sql) {
  // getParameterMetaData() returns a pointer the statement owns (protected destructor).
  const auto expected = static_cast<std::size_t>(ps.getParameterMetaData()->getParameterCount());
  if (expected != params.size()) {
    throw StoreFault("store.io", "statement \"" + sql_first_line(sql) + "\" has " + std::to_string(expected) +
                                     " placeholders but " + std::to_string(params.size()) + " values were given");
  }
  // No clearParameters(): every placeholder is set below, and each setter replaces what the
  // placeholder held (clearing first cost 4 % of the server's CPU in the intake benchmark).
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto index = static_cast<unsigned int>(i + 1);
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            ps.setNull(index, sql::DataType::SQLNULL);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            ps.setInt64(index, v);
          } else if constexpr (std::is_same_v<T, double>) {
            ps.setDouble(index, v);
          } else if constexpr (std::is_same_v<T, std::string>) {
            ps.setString(index, sql::SQLString(v));
          } else {
            keep.streams.push_back(std::make_unique<BytesStream>(v.bytes));
            ps.setBlob(index, keep.streams.back().get());
          }
        },
        params[i]);
  }
}

enum class ColumnKind { integer, unsigned_integer, real, binary, null, text };

ColumnKind column_kind(sql::ResultSetMetaData& meta, unsigned int c) {
  switch (meta.getColumnType(c)) {
    case sql::DataType::BIT:
    case sql::DataType::TINYINT:
    case sql::DataType::SMALLINT:
    case sql::DataType::MEDIUMINT:
    case sql::DataType::INTEGER:
    case sql::DataType::BIGINT:
      return meta.isSigned(c) ? ColumnKind::integer : ColumnKind::unsigned_integer;
    case sql::DataType::REAL:
    case sql::DataType::DOUBLE:
    case sql::DataType::DECIMAL:
    case sql::DataType::NUMERIC:
      return ColumnKind::real;
    case sql::DataType::BINARY:
    case sql::DataType::VARBINARY:
    case sql::DataType::LONGVARBINARY:
      return ColumnKind::binary;
    case sql::DataType::SQLNULL:
      return ColumnKind::null;
    default:
      return ColumnKind::text;
  }
}

SqlValue read_value(sql::ResultSet& rs, unsigned int c, ColumnKind kind) {
  if (rs.isNull(c)) return nullptr;
  switch (kind) {
    case ColumnKind::integer:
      return rs.getInt64(c);
    case ColumnKind::unsigned_integer: {
      const std::uint64_t u = rs.getUInt64(c);
      if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return static_cast<std::int64_t>(u);
      return std::to_string(u);  // beyond int64: kept exact, as text
    }
    case ColumnKind::real:
      return static_cast<double>(rs.getDouble(c));
    case ColumnKind::binary: {
      const std::unique_ptr<std::istream> in(rs.getBlob(c));
      return Blob{std::string(std::istreambuf_iterator<char>(*in), std::istreambuf_iterator<char>())};
    }
    case ColumnKind::null:
      return nullptr;
    case ColumnKind::text:
      break;
  }
  return rs.getString(c).asStdString();
}

std::vector<Row> read_rows(sql::ResultSet& rs) {
  sql::ResultSetMetaData& meta = *rs.getMetaData();  // owned by the result set
  const unsigned int n = meta.getColumnCount();
  std::vector<ColumnKind> kinds;
  for (unsigned int c = 1; c <= n; ++c) kinds.push_back(column_kind(meta, c));
  std::vector<Row> rows;
  while (rs.next()) {
    std::vector<SqlValue> cols;
    cols.reserve(n);
    for (unsigned int c = 1; c <= n; ++c) cols.push_back(read_value(rs, c, kinds[c - 1]));
    rows.emplace_back(std::move(cols));
  }
  return rows;
}

std::string tcp_host(const DbUrl& url) {
  const bool v6 = url.host.find(':') != std::string::npos;
  return "tcp://" + (v6 ? "[" + url.host + "]" : url.host) + ":" + std::to_string(url.port);
}

int whole_seconds(std::chrono::seconds s) { return static_cast<int>(std::max<std::int64_t>(1, s.count())); }

}  // namespace

std::vector<std::string> split_sql_script(std::string_view script) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    const std::string_view t = trim(current);
    if (!t.empty()) out.emplace_back(t);
    current.clear();
  };
  std::size_t i = 0;
  while (i < script.size()) {
    const char c = script[i];
    const char next = i + 1 < script.size() ? script[i + 1] : '\0';
    if (c == '\'' || c == '"' || c == '`') {  // a quoted run; '' and \' stay inside it
      std::size_t j = i + 1;
      while (j < script.size() && script[j] != c) j += (script[j] == '\\' && c != '`') ? std::size_t{2} : std::size_t{1};
      j = std::min(j + 1, script.size());
      current.append(script.substr(i, j - i));
      i = j;
    } else if ((c == '-' && next == '-' && (i + 2 == script.size() || std::isspace(static_cast<unsigned char>(script[i + 2])) != 0)) ||
               c == '#') {  // a line comment ("-- " needs the space, as in MySQL)
      i = std::min(script.find('\n', i), script.size());
    } else if (c == '/' && next == '*') {  // a block comment
      const auto end = script.find("*/", i + 2);
      i = end == std::string_view::npos ? script.size() : end + 2;
      current += ' ';
    } else if (c == ';') {
      flush();
      ++i;
    } else {
      current += c;
      ++i;
    }
  }
  flush();
  return out;
}

MysqlConnection::MysqlConnection(const DbUrl& url, const MysqlOptions& options) {
  mysql_thread_ready();
  sql::ConnectOptionsMap opts;
  opts["hostName"] = sql::SQLString(url.socket.empty() ? tcp_host(url) : "unix://" + url.socket);
  opts["userName"] = sql::SQLString(url.user);
  opts["password"] = sql::SQLString(url.password);
  opts["schema"] = sql::SQLString(url.database);
  opts["OPT_CONNECT_TIMEOUT"] = whole_seconds(options.connect_timeout);
  opts["OPT_READ_TIMEOUT"] = whole_seconds(options.read_timeout);
  opts["OPT_WRITE_TIMEOUT"] = whole_seconds(options.write_timeout);
  opts["OPT_RECONNECT"] = false;  // a silent reconnect would lose the session and any transaction
  // utf8mb4 for everything (older 1.1 releases defaulted character_set_results to 3-byte utf8).
  opts["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  opts["characterSetResults"] = sql::SQLString("utf8mb4");
  opts["CLIENT_FOUND_ROWS"] = true;  // UPDATE counts matched rows, as SQLite's changes() does
  const std::string where = "connect to " + url.redacted();
  try {
    std::unique_ptr<sql::Connection> c(mysql_driver().connect(opts));
    conn_ = std::move(c);
  } catch (const sql::SQLException& e) {
    throw mysql_fault(e, where);  // unreachable → store.unavailable; refused (bad password) → store.io
  }
  run_plain("SET NAMES utf8mb4 COLLATE utf8mb4_bin");
  run_plain(std::string("SET SESSION sql_mode = '") + kSqlMode + "', time_zone = '+00:00', autocommit = 0, " +
            "innodb_lock_wait_timeout = " + std::to_string(whole_seconds(options.lock_wait_timeout)));
  // READ COMMITTED: every statement sees the latest committed rows, and InnoDB takes no gap locks,
  // so concurrent inserts (case events, audit records) do not deadlock on index gaps. The stores
  // never rely on a repeatable snapshot: updates are guarded by a version column
  // (UPDATE … WHERE version = ?), which is atomic at any isolation level.
  run_plain("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
  // autocommit is off: a transaction starts with its first statement, so begin() costs no round
  // trip; statements run outside begin()/commit() are committed one by one (autocommit()).
  run_plain("COMMIT");
}

MysqlConnection::~MysqlConnection() {
  mysql_thread_ready();
  cache_.clear();  // statements before their connection
}

sql::PreparedStatement& MysqlConnection::prepare(std::string_view sql) {
  if (const auto it = cache_.find(sql); it != cache_.end()) return *it->second;
  if (cache_.size() >= kMaxCachedStatements) cache_.clear();
  std::unique_ptr<sql::PreparedStatement> ps(conn_->prepareStatement(sql::SQLString(sql.data(), sql.size())));
  return *cache_.emplace(std::string(sql), std::move(ps)).first->second;
}

void MysqlConnection::fail(const sql::SQLException& e, std::string_view sql) {
  StoreFault f = mysql_fault(e, sql);
  if (f.id() == "store.unavailable") healthy_ = false;
  throw f;
}

void MysqlConnection::run_plain(std::string_view sql) {
  require_healthy(healthy_, sql);
  try {
    std::unique_ptr<sql::Statement> st(conn_->createStatement());
    if (st->execute(sql::SQLString(sql.data(), sql.size()))) {
      std::unique_ptr<sql::ResultSet> rs(st->getResultSet());
    }
  } catch (const sql::SQLException& e) {
    fail(e, sql);
  }
}

// Runs `use` on the cached statement for `sql` with `params` bound. A statement that failed is
// dropped from the cache (closing it also discards a result it left unread). When the server
// reports that the statement's result columns changed (a table altered or re-created since it
// was prepared, CR_NEW_STMT_METADATA), it is prepared afresh and run once more; when the server
// holds too many prepared statements (ER_MAX_PREPARED_STMT_COUNT_REACHED, shared by every client
// of the server), this connection closes its cached ones and prepares it once more.
template <class Use>
auto MysqlConnection::with_statement(std::string_view sql, std::span<const SqlValue> params, Use&& use) {
  require_healthy(healthy_, sql);
  for (int attempt = 0;; ++attempt) {
    try {
      sql::PreparedStatement& ps = prepare(sql);
      BoundValues keep;
      bind(ps, params, keep, sql);
      return use(ps);
    } catch (const sql::SQLException& e) {
      if (const auto it = cache_.find(sql); it != cache_.end()) cache_.erase(it);
      if (attempt > 0) fail(e, sql);
      if (e.getErrorCode() == 1461) cache_.clear();
      else if (e.getErrorCode() != 2057) fail(e, sql);
    }
  }
}

// Outside begin()/commit(), a statement is its own transaction (what autocommit would do).
template <class F>
auto MysqlConnection::autocommit(F&& run) {
  if (in_transaction_) return run();
  try {
    auto result = run();
    run_plain("COMMIT");
    return result;
  } catch (...) {
    rollback_implicit();
    throw;
  }
}

void MysqlConnection::rollback_implicit() noexcept {
  if (!healthy_) return;
  try {
    run_plain("ROLLBACK");
  } catch (const StoreFault&) {
    healthy_ = false;
  }
}

void MysqlConnection::execute_later(std::string_view sql, std::span<const SqlValue> params) {
  if (!deferring_) {
    execute(sql, params);
    return;
  }
  kept_.push_back({std::string(sql), std::vector<SqlValue>(params.begin(), params.end())});
}

// Sends the kept statements, and with `commit` the COMMIT after them: in one anonymous block when
// their parameters are few enough (MariaDB runs BEGIN NOT ATOMIC … END as a prepared statement,
// with placeholders; a COMMIT inside it flushes the log as a COMMIT alone does), else one by one.
// Returns whether the block committed. A failing statement fails the block before its COMMIT, and
// the caller's transaction is rolled back as a whole.
bool MysqlConnection::send_kept(bool commit) {
  if (kept_.empty()) return false;
  std::vector<Kept> kept = std::move(kept_);
  kept_.clear();
  std::size_t params = 0;
  for (const auto& k : kept) params += k.params.size();
  if ((kept.size() == 1 && !commit) || params > kMaxBlockParams) {
    for (const auto& k : kept) execute_statement(k.sql, k.params);
    return false;
  }
  std::string sql = "BEGIN NOT ATOMIC -- " + std::to_string(kept.size()) + " statements\n";
  std::vector<SqlValue> values;
  values.reserve(params);
  for (auto& k : kept) {
    sql += k.sql;
    sql += ";\n";
    for (auto& v : k.params) values.push_back(std::move(v));
  }
  if (commit) sql += "COMMIT;\n";
  sql += "END";
  execute_statement(sql, values);
  return commit;
}

std::int64_t MysqlConnection::execute(std::string_view sql, std::span<const SqlValue> params) {
  send_kept();
  return autocommit([&] { return execute_statement(sql, params); });
}

std::vector<Row> MysqlConnection::query(std::string_view sql, std::span<const SqlValue> params) {
  send_kept();
  return autocommit([&] { return query_statement(sql, params); });
}

std::int64_t MysqlConnection::execute_statement(std::string_view sql, std::span<const SqlValue> params) {
  return with_statement(sql, params, [](sql::PreparedStatement& ps) -> std::int64_t {
    // Prepared statements cannot report an update count after execute(); a statement that
    // returns rows is run as a query and its rows discarded.
    if (ps.getMetaData()->getColumnCount() > 0) {
      const std::unique_ptr<sql::ResultSet> rs(ps.executeQuery());
      return 0;
    }
    return ps.executeUpdate();
  });
}

std::vector<Row> MysqlConnection::query_statement(std::string_view sql, std::span<const SqlValue> params) {
  return with_statement(sql, params, [](sql::PreparedStatement& ps) {
    const std::unique_ptr<sql::ResultSet> rs(ps.executeQuery());
    return read_rows(*rs);
  });
}

std::int64_t MysqlConnection::last_insert_id() {
  const std::vector<Row> rows = query("SELECT LAST_INSERT_ID()", {});
  return rows.at(0).int64(0);
}

void MysqlConnection::begin() {
  if (in_transaction_) throw StoreFault("store.io", "begin(): a transaction is already open on this connection");
  require_healthy(healthy_, "START TRANSACTION");
  in_transaction_ = true;  // autocommit is off: the first statement starts the transaction
}

void MysqlConnection::commit() {
  // A failure leaves the transaction open: the caller rolls it back.
  const bool committed = send_kept(true);
  deferring_ = false;
  if (!committed) run_plain("COMMIT");  // durable with innodb_flush_log_at_trx_commit=1 (the server's default)
  in_transaction_ = false;
}

void MysqlConnection::rollback() {
  const bool was_open = in_transaction_;
  in_transaction_ = false;
  deferring_ = false;
  kept_.clear();
  if (!healthy_ || !was_open) return;  // a lost connection's transaction is rolled back by the server
  try {
    run_plain("ROLLBACK");
  } catch (const StoreFault&) {
    healthy_ = false;  // state unknown: the pool drops the connection
  }
}

void MysqlConnection::execute_script(std::string_view script) {
  autocommit([&] {
    for (const std::string& statement : split_sql_script(script)) run_plain(statement);
    return 0;
  });
}

bool MysqlConnection::ping() noexcept {
  if (!healthy_) return false;
  try {
    healthy_ = conn_->isValid();
  } catch (const sql::SQLException&) {
    healthy_ = false;
  }
  return healthy_;
}

}  // namespace zhishen::store
