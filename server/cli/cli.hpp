#pragma once
// The `zhishen` command-line tool as a function: arguments in, text and an exit code out.
//
// Exit codes: 0 success; 1 the command ran and found something invalid (e.g. `id check` with an
// invalid code); 2 bad arguments (usage on stderr); 3 an internal fault (message on stderr).
// Thread-safety: run() uses only its arguments and streams; safe to call from one thread at a time
// per stream pair.

#include <iosfwd>
#include <string>
#include <vector>

namespace zhishen::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;

// args excludes the program name.
// `in` is what commands that read input lines (rules eval) read.
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace zhishen::cli
