#pragma once
// Internal to zhishen_crypto: writing a new secret file (a key) safely. Thread-safety: no shared
// state (two threads creating one path: one gets crypto.key.exists).

#include <sys/types.h>

#include <filesystem>
#include <string_view>

#include "zhishen/core/error.hpp"

namespace zhishen::crypto::detail {

// Creates `path` with open(O_CREAT | O_EXCL) and exactly `mode`, writes `text`, fsyncs the file and
// its directory. Never overwrites (crypto.key.exists, with `exists_hint` in the message); any
// other failure removes what it created (crypto.key.unwritable). Messages never contain `text`.
Status write_new_file(const std::filesystem::path& path, std::string_view text, mode_t mode,
                      std::string_view exists_hint);

}  // namespace zhishen::crypto::detail
