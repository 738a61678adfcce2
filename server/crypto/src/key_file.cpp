#include "zhishen/crypto/key_file.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <string>
#include <system_error>
#include <vector>

#include "new_file.hpp"
#include "zhishen/crypto/hash.hpp"

namespace zhishen::crypto {
namespace {

constexpr std::size_t kMaxFileSize = 64 * 1024;  // a key file is ~200 bytes; anything big is not one

// Wipes a buffer that held key material when the scope ends, however it ends.
template <class Buffer>
class WipeOnExit {
 public:
  explicit WipeOnExit(Buffer& buffer) : buffer_(buffer) {}
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;
  ~WipeOnExit() { OPENSSL_cleanse(buffer_.data(), buffer_.size()); }

 private:
  Buffer& buffer_;
};

// Closes a file descriptor when the scope ends.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { if (fd_ >= 0) ::close(fd_); }
  int get() const { return fd_; }
  int release() { int fd = fd_; fd_ = -1; return fd; }

 private:
  int fd_;
};

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

std::string octal_mode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

Error format_error(const std::filesystem::path& path, const std::string& what) {
  return make_error("crypto.key.format", "key file " + path.string() + ": " + what +
                                             " (expected 64 hexadecimal characters, optionally after '#' comment lines)");
}

// Finds the key line in the file's text; never copies it anywhere but the returned view.
Result<std::string_view> find_key_line(const std::filesystem::path& path, std::string_view text) {
  std::size_t line_no = 0;
  std::string_view key;
  std::size_t key_line = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (key_line != 0) return format_error(path, "line " + std::to_string(line_no) + ": nothing may follow the key");
    if (line.front() == '#') continue;
    if (line.size() != 64) {
      return format_error(path, "line " + std::to_string(line_no) + " has " + std::to_string(line.size()) + " characters");
    }
    key = line;
    key_line = line_no;
  }
  if (key_line == 0) return format_error(path, "no key found");
  return key;
}

Result<FieldCipher> cipher_from_text(const std::filesystem::path& path, std::string_view text) {
  auto line = find_key_line(path, text);
  if (!line) return line.error();
  auto bytes = from_hex(*line);
  if (!bytes) return format_error(path, "the key line is not hexadecimal");
  WipeOnExit wipe(bytes.value());
  std::array<std::uint8_t, FieldCipher::kMasterKeySize> master{};
  WipeOnExit wipe_master(master);
  for (std::size_t i = 0; i < master.size(); ++i) master[i] = static_cast<std::uint8_t>(bytes.value()[i]);
  return FieldCipher(master);
}

}  // namespace

Result<FieldCipher> load_key_file(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR) {
      return make_error("crypto.key.missing", "key file " + path.string() +
                                                  " does not exist (create one with generate_key_file / the CLI)");
    }
    return make_error("crypto.key.unreadable", "cannot open key file " + path.string() + ": " + errno_text(err));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return make_error("crypto.key.unreadable", "cannot stat key file " + path.string() + ": " + errno_text(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    return make_error("crypto.key.unreadable", "key file " + path.string() + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    return make_error("crypto.key.permissions", "key file " + path.string() + " has mode " + octal_mode(st.st_mode) +
                                                    ": group or others may access it; run: chmod 600 " + path.string());
  }

  std::vector<char> buf(kMaxFileSize + 1);  // one allocation, never grown, so no stray copies to wipe
  WipeOnExit wipe(buf);
  std::size_t size = 0;
  while (size < buf.size()) {
    const ssize_t n = ::read(fd.get(), buf.data() + size, buf.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return make_error("crypto.key.unreadable", "cannot read key file " + path.string() + ": " + errno_text(errno));
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  if (size > kMaxFileSize) return format_error(path, "larger than 64 KiB");
  return cipher_from_text(path, std::string_view(buf.data(), size));
}

Status generate_key_file(const std::filesystem::path& path) {
  std::string key = random_bytes(FieldCipher::kMasterKeySize);
  WipeOnExit wipe_key(key);
  std::string text =
      "# Zhishen master key for the encryption of personal data at rest (AES-256-GCM, blind indexes).\n"
      "# Keep this file secret (mode 0600) and back it up safely: if it is lost, the encrypted data\n"
      "# can never be read again. Do not edit the key line.\n";
  text.reserve(text.size() + 2 * key.size() + 1);
  WipeOnExit wipe_text(text);
  std::string hex = to_hex(key);
  WipeOnExit wipe_hex(hex);
  text += hex;
  text += '\n';
  return detail::write_new_file(path, text, 0600,
                                "refusing to overwrite a key (data encrypted with it would become unreadable)");
}

}  // namespace zhishen::crypto
