#include <chrono>
#include <ostream>

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "zhishen/identity/identity_code.hpp"

namespace zhishen::cli {
namespace {

constexpr const char* kUsage =
    "usage: zhishen id check [--today DATE] CODE...\n"
    "Prints 'CODE valid' or 'CODE invalid <error-id>' per code: citizen ID numbers (GB 11643,\n"
    "18 or 15 digits) and unified social credit codes (GB 32100) are told apart automatically.\n"
    "Exit status 0 when every code is valid, 1 otherwise. --today (default: today in China)\n"
    "bounds citizen birth dates.\n";

int check(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse_args(args, {"today"});
  if (!p) return usage_error(err, p.error().message, kUsage);
  if (p->positionals.empty()) return usage_error(err, "give at least one CODE", kUsage);
  Date today = local_date(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()),
                          UtcOffset{});
  if (auto t = p->last("today")) {
    auto d = Date::parse(*t);
    if (!d) return usage_error(err, d.error().id + ": --today " + *t, kUsage);
    today = *d;
  }
  bool all_valid = true;
  for (const auto& code : p->positionals) {
    auto r = identity::validate_identity_code(code, today);
    if (r) {
      out << code << " valid\n";
    } else {
      all_valid = false;
      out << code << " invalid " << r.error().id << "\n";
    }
  }
  return all_valid ? kExitOk : kExitInvalid;
}

}  // namespace

int id_command(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage_error(err, "id needs a subcommand", kUsage);
  if (args[0] == "check") return check(Args(args.begin() + 1, args.end()), out, err);
  if (args[0] == "--help" || args[0] == "-h") {
    out << kUsage;
    return kExitOk;
  }
  return usage_error(err, "unknown id subcommand '" + args[0] + "'", kUsage);
}

}  // namespace zhishen::cli
