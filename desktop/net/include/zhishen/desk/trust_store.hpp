#pragma once
// TrustStore: the server certificates the user has trusted — one pinned SHA-256 fingerprint per
// server ("host:port" → "AB:CD:…", 32 bytes in upper-case colon hex), kept in memory and persisted
// in a small text file, one line per server: `host:port FINGERPRINT`. Blank lines, `#` comments and
// lines that do not parse are ignored (a damaged file never stops the desktop; such a server is
// simply not pinned). The file is rewritten atomically (a temporary file beside it, then a rename);
// its directory is created when missing; the file is private to the user (mode 0600 on POSIX).
// The store owns its in-memory copy; the caller owns the store and keeps it alive as long as any
// HttpsTransport that refers to it.
// Error ids: trust.store.io (the file or its directory cannot be written), trust.fingerprint.invalid
// (a server key or fingerprint that is not of the form above).
// Thread-safety: every method may be called from any thread (a mutex).

#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "zhishen/core/error.hpp"

namespace zhishen::desk {

class TrustStore {
 public:
  // Reads `file` when it exists (a missing or unreadable file is an empty store).
  explicit TrustStore(std::filesystem::path file);

  // The pinned fingerprint for `server` ("host:port"), or "" when none is pinned.
  std::string pinned(const std::string& server) const;
  // Pins `fingerprint` for `server` (replacing an earlier pin) and rewrites the file. Lower-case
  // hex is accepted and stored upper-case. On trust.store.io the in-memory pin is unchanged.
  Status pin(const std::string& server, const std::string& fingerprint);
  // Removes the pin of `server` (nothing to do when none) and rewrites the file.
  Status forget(const std::string& server);

  const std::filesystem::path& file() const { return file_; }

  // True for "AB:CD:…" with 32 bytes of hex (either case): 95 characters.
  static bool valid_fingerprint(const std::string& fingerprint);

 private:
  // Merges the file's current lines (another desktop process may have pinned meanwhile), applies
  // `change`, writes the file; the in-memory map changes only when the write succeeded.
  template <class Change>
  Status update(Change change);
  Status write_file(const std::map<std::string, std::string>& pins) const;

  std::filesystem::path file_;
  mutable std::mutex mu_;
  std::map<std::string, std::string> pins_;
};

}  // namespace zhishen::desk
