#include "args.hpp"

namespace zhishen::cli {

std::optional<std::string> ParsedArgs::last(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

Result<ParsedArgs> parse_args(const std::vector<std::string>& args, const std::set<std::string>& valued,
                              const std::set<std::string>& flags) {
  ParsedArgs out;
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done || a.size() < 2 || a.compare(0, 2, "--") != 0) {
      out.positionals.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (flags.count(name) != 0) {
      if (value) return make_error("cli.usage", "--" + name + " takes no value");
      out.options[name].emplace_back();
      continue;
    }
    if (valued.count(name) == 0) return make_error("cli.usage", "unknown option --" + name);
    if (!value) {
      if (i + 1 >= args.size()) return make_error("cli.usage", "--" + name + " needs a value");
      value = args[++i];
    }
    out.options[name].push_back(*value);
  }
  return out;
}

}  // namespace zhishen::cli
