#pragma once
// A small parser for `--name value`, `--name=value` and positional arguments.
//
// Each command declares the options it takes; anything else is a usage error (id cli.usage).
// Thread-safety: plain values.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "zhishen/core/error.hpp"

namespace zhishen::cli {

struct ParsedArgs {
  std::map<std::string, std::vector<std::string>> options;  // name without "--" -> values in order
  std::vector<std::string> positionals;

  std::optional<std::string> last(const std::string& name) const;
  bool has(const std::string& name) const { return options.count(name) != 0; }
};

// `valued` options take a value; `flags` take none. "--" ends option parsing.
Result<ParsedArgs> parse_args(const std::vector<std::string>& args, const std::set<std::string>& valued,
                              const std::set<std::string>& flags = {});

}  // namespace zhishen::cli
