// DbUrl::parse and redacted() (db_url.hpp).
//   sqlite:PATH                              PATH taken as written (":memory:" included)
//   mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?socket=PATH]
// USER, PASSWORD and the socket PATH are percent-decoded; HOST may be a bracketed IPv6 address.
// The password's text never appears in an error message.
#include <cctype>
#include <charconv>
#include <optional>
#include <string>

#include "zhishen/store/db_url.hpp"

namespace zhishen::store {
namespace {

constexpr std::string_view kSqlite = "sqlite:";
constexpr std::string_view kMysql = "mysql://";

Error invalid(const std::string& why) {
  return make_error("store.url.invalid", "database URL: " + why +
                                             " (expected sqlite:PATH or mysql://USER:PASSWORD@HOST[:PORT]/DATABASE)");
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    const int hi = hex_digit(s[i + 1]);
    const int lo = hex_digit(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string percent_encode(std::string_view s) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

Result<DbUrl> parse_mysql(std::string_view rest) {
  DbUrl url;
  url.kind = DbUrl::Kind::mysql;
  const auto at = rest.rfind('@');
  if (at == std::string_view::npos) return invalid("mysql URL without USER@ before the host");
  const std::string_view userinfo = rest.substr(0, at);
  std::string_view after = rest.substr(at + 1);

  const auto colon = userinfo.find(':');
  const auto user = percent_decode(userinfo.substr(0, colon));
  const auto password =
      percent_decode(colon == std::string_view::npos ? std::string_view{} : userinfo.substr(colon + 1));
  if (!user) return invalid("bad percent-encoding in the user name");
  if (!password) return invalid("bad percent-encoding in the password");
  if (user->empty()) return invalid("mysql URL without a user name");
  url.user = *user;
  url.password = *password;

  std::string_view query;
  if (const auto q = after.find('?'); q != std::string_view::npos) {
    query = after.substr(q + 1);
    after = after.substr(0, q);
  }
  const auto slash = after.find('/');
  if (slash == std::string_view::npos) return invalid("mysql URL without /DATABASE");
  std::string_view hostport = after.substr(0, slash);
  url.database = std::string(after.substr(slash + 1));
  if (url.database.empty() || url.database.find('/') != std::string::npos) {
    return invalid("mysql URL needs exactly one database name after the host");
  }

  std::string_view port;
  if (!hostport.empty() && hostport.front() == '[') {  // [IPv6]:port
    const auto close = hostport.find(']');
    if (close == std::string_view::npos) return invalid("unclosed '[' in the host");
    url.host = std::string(hostport.substr(1, close - 1));
    const std::string_view tail = hostport.substr(close + 1);
    if (!tail.empty() && tail.front() != ':') return invalid("unexpected text after the IPv6 host");
    if (!tail.empty()) port = tail.substr(1);
    if (tail == ":") return invalid("empty port");
  } else {
    const auto pc = hostport.find(':');
    url.host = std::string(hostport.substr(0, pc));
    if (pc != std::string_view::npos) {
      port = hostport.substr(pc + 1);
      if (port.empty()) return invalid("empty port");
    }
  }
  if (url.host.empty()) return invalid("mysql URL without a host");
  if (!port.empty()) {
    int p = 0;
    const auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (ec != std::errc() || ptr != port.data() + port.size() || p < 1 || p > 65535) {
      return invalid("the port must be a number from 1 to 65535");
    }
    url.port = p;
  }

  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.rfind("socket=", 0) != 0) return invalid("unknown option '" + std::string(pair.substr(0, pair.find('='))) + "' (only socket=PATH)");
    const auto socket = percent_decode(pair.substr(7));
    if (!socket || socket->empty()) return invalid("socket= needs a path");
    url.socket = *socket;
  }
  return url;
}

}  // namespace

Result<DbUrl> DbUrl::parse(std::string_view text) {
  if (text.rfind(kMysql, 0) == 0) return parse_mysql(text.substr(kMysql.size()));
  if (text.rfind(kSqlite, 0) == 0) {
    DbUrl url;
    url.kind = Kind::sqlite;
    url.path = std::string(text.substr(kSqlite.size()));
    if (url.path.empty()) return invalid("sqlite URL without a path");
    return url;
  }
  return invalid("unknown scheme");
}

// Built with append() only: GCC 12 at -O3 reports a false -Wrestrict on chains of operator+.
std::string DbUrl::redacted() const {
  std::string out;
  if (kind == Kind::sqlite) {
    out.append("sqlite:").append(path);
    return out;
  }
  out.append("mysql://").append(percent_encode(user));
  if (!password.empty()) out.append(":***");
  out.append("@");
  const bool ipv6 = host.find(':') != std::string::npos;
  if (ipv6) out.append("[");
  out.append(host);
  if (ipv6) out.append("]");
  out.append(":").append(std::to_string(port)).append("/").append(database);
  if (!socket.empty()) out.append("?socket=").append(socket);
  return out;
}

}  // namespace zhishen::store
