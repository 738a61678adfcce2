// Writing a new secret file (see new_file.hpp).
#include "new_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace zhishen::crypto::detail {
namespace {

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

Status write_new_file(const std::filesystem::path& path, std::string_view text, mode_t mode,
                      std::string_view exists_hint) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode);
  if (fd < 0) {
    const int err = errno;
    if (err == EEXIST) return make_error("crypto.key.exists", path.string() + " already exists; " + std::string(exists_hint));
    return make_error("crypto.key.unwritable", "cannot create key file " + path.string() + ": " + errno_text(err));
  }
  auto fail = [&](const std::string& what, int err) -> Status {
    if (fd >= 0) ::close(fd);
    ::unlink(path.c_str());  // we created it: leave no half-written file behind
    return make_error("crypto.key.unwritable", "cannot " + what + " key file " + path.string() + ": " + errno_text(err));
  };
  // The umask can only remove bits from `mode`; make the mode exactly `mode` whatever it is.
  if (::fchmod(fd, mode) != 0) return fail("chmod", errno);
  if (!write_all(fd, text)) return fail("write", errno);
  if (::fsync(fd) != 0) return fail("sync", errno);
  const int closed = ::close(fd);
  fd = -1;
  if (closed != 0) return fail("close", errno);
  // Make the new directory entry durable too (best effort: some file systems refuse).
  const std::filesystem::path dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return {};
}

}  // namespace zhishen::crypto::detail
