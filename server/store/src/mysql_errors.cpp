// mysql_fault (mysql_connection.hpp): the one mapping of Connector/C++ errors to StoreFault ids,
// with messages an administrator can act on — the statement's first line, the error code, the
// SQLSTATE and the server's message — but no personal data: bound values are never included, and
// values the server quotes in its message ("Duplicate entry '…'") are redacted.
#include <cppconn/exception.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>
#include <string>

#include "mysql_connection.hpp"

namespace zhishen::store {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The server quotes values in some messages ("Duplicate entry '<value>' for key 'email'"); those
// values may be personal data. Quoted names (after "key", "column", "table", … or inside a
// qualified name) stay, so the message still tells the administrator what failed.
std::string redact_values(std::string_view m) {
  static const char* const kNameWords[] = {"key", "column", "table", "database", "schema", "user",
                                           "constraint", "index", "field", "function", "procedure",
                                           "view", "trigger", "sequence", "variable", "near", "in", "on", "socket"};
  std::string out;
  std::size_t i = 0;
  while (i < m.size()) {
    const char q = m[i];
    const bool in_word = i > 0 && std::isalnum(static_cast<unsigned char>(m[i - 1])) != 0;  // "can't"
    if ((q != '\'' && q != '"') || in_word) {
      out += m[i++];
      continue;
    }
    std::size_t j = i + 1;  // closing quote: one followed by the end, a space or punctuation
    while (j < m.size() && !(m[j] == q && (j + 1 == m.size() || std::strchr(" ,.;:)", m[j + 1]) != nullptr))) ++j;
    std::size_t w = i;
    while (w > 0 && m[w - 1] == ' ') --w;
    std::size_t b = w;
    while (b > 0 && (std::isalnum(static_cast<unsigned char>(m[b - 1])) != 0 || m[b - 1] == '_')) --b;
    const std::string word = lower(std::string(m.substr(b, w - b)));
    bool keep = i > 0 && (m[i - 1] == '@' || m[i - 1] == '.');
    for (const char* n : kNameWords) keep = keep || word == n;
    const std::size_t end = std::min(j + 1, m.size());
    out += keep ? std::string(m.substr(i, end - i)) : std::string{q, '?', q};
    i = end;
  }
  return out;
}

}  // namespace

std::string sql_first_line(std::string_view sql) {
  const auto start = sql.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  sql.remove_prefix(start);
  std::string line(sql.substr(0, std::min(sql.find('\n'), std::size_t{160})));
  if (line.size() < sql.size()) line += " …";
  return line;
}

StoreFault mysql_fault(const sql::SQLException& e, std::string_view sql) {
  const int code = e.getErrorCode();
  const std::string& state = e.getSQLState();
  const std::string message = redact_values(e.what());
  const std::string text = lower(message);
  // Duplicate: ER_DUP_ENTRY, ER_DUP_ENTRY_WITH_KEY_NAME. Busy: lock wait timeout, deadlock, and
  // the server holding as many prepared statements as it allows (other clients': the connection
  // gave back its own and tried once more, mysql_connection.cpp).
  // Unavailable: too many connections, server shutting down, connection killed (MariaDB),
  // cannot connect (socket, TCP), server gone away, connection lost (twice), interaction
  // timeout (MySQL 8); also any SQLSTATE 08xxx and the driver's own lost-connection errors.
  static constexpr int kDuplicate[] = {1062, 1586};
  static constexpr int kBusy[] = {1205, 1213, 1461};
  static constexpr int kUnavailable[] = {1040, 1053, 1927, 2002, 2003, 2006, 2013, 2055, 4031};
  const auto in = [code](const auto& codes) { return std::find(std::begin(codes), std::end(codes), code) != std::end(codes); };
  std::string id = "store.io";
  if (in(kDuplicate)) {
    id = "store.duplicate";
  } else if (in(kBusy)) {
    id = "store.busy";
  } else if (in(kUnavailable) || state.rfind("08", 0) == 0 || text.find("gone away") != std::string::npos ||
             text.find("lost connection") != std::string::npos ||
             text.find("connection has been closed") != std::string::npos) {
    id = "store.unavailable";
  }
  return StoreFault(id, "mysql error " + std::to_string(code) + " (SQLSTATE " + state + ") in \"" + sql_first_line(sql) +
                            "\": " + message);
}

}  // namespace zhishen::store
