#pragma once
// The one way to name a database, for the configuration key and the --db option:
//   sqlite:PATH                                   (relative or absolute; sqlite::memory: for tests)
//   mysql://USER:PASSWORD@HOST:PORT/DATABASE      (PORT defaults to 3306)
//   mysql://USER:PASSWORD@localhost/DATABASE?socket=/run/mysqld/mysqld.sock
// USER and PASSWORD may be percent-encoded. Error id: store.url.invalid.
// redacted() gives the URL with the password replaced by "***" for logs.
// Thread-safety: plain values.

#include <string>
#include <string_view>

#include "zhishen/core/error.hpp"

namespace zhishen::store {

struct DbUrl {
  enum class Kind { sqlite, mysql } kind = Kind::sqlite;
  std::string path;  // sqlite
  std::string user, password, host, database, socket;  // mysql
  int port = 3306;

  static Result<DbUrl> parse(std::string_view text);
  std::string redacted() const;
};

}  // namespace zhishen::store
