#pragma once
// The master-key file the administrator owns: the 32-byte master key of the FieldCipher as 64
// hex characters, optionally followed by a newline, with optional '#' comment lines (and blank
// lines) before it. Nothing but blank lines may follow the key. The file must not be accessible
// by group or others (mode & 077 == 0); losing it makes the encrypted data unreadable.
//
// Errors (values, never thrown): crypto.key.missing, crypto.key.unreadable (not a regular file,
// no permission, I/O error), crypto.key.format, crypto.key.permissions (the message says to
// chmod 600), crypto.key.exists, crypto.key.unwritable (cannot create or write a new file).
// Messages name the file and the problem, never the key or the file's contents.
//
// Ownership: load_key_file returns a FieldCipher that owns the derived keys; every buffer that
// held the key is wiped. Thread-safety: no shared state; safe to call from any thread (creating
// the same path from two threads: one wins, the other gets crypto.key.exists).

#include <filesystem>

#include "zhishen/core/error.hpp"
#include "zhishen/crypto/field_cipher.hpp"

namespace zhishen::crypto {

// Reads the key file at path and builds a FieldCipher from it.
Result<FieldCipher> load_key_file(const std::filesystem::path& path);

// Writes a new random master key to path with mode 0600. The file is created with
// open(O_CREAT | O_EXCL, 0600), so it is never readable by others, even briefly, and an existing
// file (or symlink) is never overwritten (crypto.key.exists). The file and its directory are
// fsync'ed before returning.
Status generate_key_file(const std::filesystem::path& path);

}  // namespace zhishen::crypto
