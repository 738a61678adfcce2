#include "zhishen/desk/trust_store.hpp"

#include <cctype>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

namespace zhishen::desk {
namespace {

bool valid_server(const std::string& server) {
  if (server.empty() || server.front() == '#') return false;
  for (char c : server) {
    if (c <= ' ' || c > '~') return false;  // printable ASCII, no spaces
  }
  return true;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The lines of `text` that parse; later lines for the same server win.
std::map<std::string, std::string> parse(std::istream& in) {
  std::map<std::string, std::string> pins;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream fields(line);
    std::string server;
    std::string fingerprint;
    std::string extra;
    if (!(fields >> server >> fingerprint) || (fields >> extra)) continue;
    if (!valid_server(server) || !TrustStore::valid_fingerprint(fingerprint)) continue;
    pins[server] = upper(fingerprint);
  }
  return pins;
}

// Reads the file; false when it does not exist or cannot be read.
bool read_file(const std::filesystem::path& file, std::map<std::string, std::string>& out) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return false;
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  out = parse(in);
  return true;
}

Error io_error(const std::filesystem::path& file, const std::string& what) {
  return make_error("trust.store.io", "cannot write the trusted-certificates file " + file.string() + ": " + what);
}

}  // namespace

TrustStore::TrustStore(std::filesystem::path file) : file_(std::move(file)) { read_file(file_, pins_); }

bool TrustStore::valid_fingerprint(const std::string& fingerprint) {
  if (fingerprint.size() != 32 * 3 - 1) return false;
  for (std::size_t i = 0; i < fingerprint.size(); ++i) {
    const char c = fingerprint[i];
    if (i % 3 == 2) {
      if (c != ':') return false;
    } else if (std::isxdigit(static_cast<unsigned char>(c)) == 0) {
      return false;
    }
  }
  return true;
}

std::string TrustStore::pinned(const std::string& server) const {
  std::lock_guard lock(mu_);
  auto it = pins_.find(server);
  return it == pins_.end() ? std::string() : it->second;
}

Status TrustStore::pin(const std::string& server, const std::string& fingerprint) {
  if (!valid_server(server)) {
    return make_error("trust.fingerprint.invalid", "the server key must be host:port without spaces");
  }
  if (!valid_fingerprint(fingerprint)) {
    return make_error("trust.fingerprint.invalid", "a fingerprint is 32 bytes of hex separated by colons");
  }
  const std::string value = upper(fingerprint);
  return update([&](std::map<std::string, std::string>& pins) { pins[server] = value; });
}

Status TrustStore::forget(const std::string& server) {
  return update([&](std::map<std::string, std::string>& pins) { pins.erase(server); });
}

template <class Change>
Status TrustStore::update(Change change) {
  std::lock_guard lock(mu_);
  std::map<std::string, std::string> next;
  if (!read_file(file_, next)) next = pins_;
  change(next);
  if (auto st = write_file(next); !st) return st;
  pins_ = std::move(next);
  return {};
}

Status TrustStore::write_file(const std::map<std::string, std::string>& pins) const {
  std::string text = "# Zhishen desktop: trusted server certificates (host:port SHA-256 fingerprint)\n";
  for (const auto& [server, fingerprint] : pins) text += server + " " + fingerprint + "\n";

  std::error_code ec;
  const std::filesystem::path dir = file_.parent_path();
  if (!dir.empty() && !std::filesystem::is_directory(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    if (ec) return io_error(file_, "cannot create the directory: " + ec.message());
#ifndef _WIN32
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
#endif
  }
  std::filesystem::path tmp = file_;
  tmp += ".tmp";

#ifndef _WIN32
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return io_error(file_, std::strerror(errno));
  int err = 0;  // the first failure's errno
  if (::fchmod(fd, 0600) != 0) err = errno;  // an older temporary file may have had other bits
  std::size_t done = 0;
  while (err == 0 && done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      err = n < 0 ? errno : EIO;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) {
    std::filesystem::remove(tmp, ec);
    return io_error(file_, std::strerror(err));
  }
#else
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      out.close();
      std::filesystem::remove(tmp, ec);
      return io_error(file_, "write failed");
    }
  }
#endif
  std::filesystem::rename(tmp, file_, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return io_error(file_, ec.message());
  }
  return {};
}

}  // namespace zhishen::desk
