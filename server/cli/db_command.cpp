#include <ostream>

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "zhishen/crypto/key_file.hpp"
#include "zhishen/store/sql_store.hpp"

namespace zhishen::cli {
namespace {

constexpr const char* kUsage =
    "usage: zhishen db migrate --db URL     apply pending schema migrations\n"
    "       zhishen db status --db URL      show the schema version (refuses a database newer than the program)\n"
    "       zhishen db keygen --key-file PATH\n"
    "                                       create the key file that encrypts personal data (mode 0600)\n"
    "URL: sqlite:PATH or mysql://USER:PASSWORD@HOST:PORT/DATABASE (also ?socket=PATH).\n";

int with_url(const Args& args, std::ostream& out, std::ostream& err, bool apply) {
  auto p = parse_args(args, {"db"});
  if (!p) return usage_error(err, p.error().message, kUsage);
  if (!p->positionals.empty()) return usage_error(err, "unexpected argument '" + p->positionals[0] + "'", kUsage);
  auto text = p->last("db");
  if (!text) return usage_error(err, "--db URL is required", kUsage);
  auto url = store::DbUrl::parse(*text);
  if (!url) return usage_error(err, url.error().id + ": " + url.error().message, kUsage);
  try {
    auto report = apply ? store::migrate_database(*url) : store::database_status(*url);
    if (!report) {
      err << "zhishen: " << report.error().id << ": " << report.error().message << "\n";
      return kExitInvalid;
    }
    out << url->redacted() << ": schema version " << report->after << " (this program: " << report->latest << ")";
    if (apply) out << (report->after == report->before ? ", already up to date" : ", migrated from " + std::to_string(report->before));
    out << "\n";
    return kExitOk;
  } catch (const store::StoreFault& f) {
    err << "zhishen: " << f.id() << ": " << f.what() << "\n";
    return kExitInvalid;
  }
}

int keygen(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse_args(args, {"key-file"});
  if (!p) return usage_error(err, p.error().message, kUsage);
  auto path = p->last("key-file");
  if (!path || !p->positionals.empty()) return usage_error(err, "--key-file PATH is required", kUsage);
  auto st = crypto::generate_key_file(*path);
  if (!st) {
    err << "zhishen: " << st.error().id << ": " << st.error().message << "\n";
    return kExitInvalid;
  }
  out << "created " << *path << " (mode 0600). Back it up: without it the encrypted personal data cannot be read.\n";
  return kExitOk;
}

}  // namespace

int db_command(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage_error(err, "db needs a subcommand", kUsage);
  const Args rest(args.begin() + 1, args.end());
  if (args[0] == "migrate") return with_url(rest, out, err, true);
  if (args[0] == "status") return with_url(rest, out, err, false);
  if (args[0] == "keygen") return keygen(rest, out, err);
  if (args[0] == "--help" || args[0] == "-h") {
    out << kUsage;
    return kExitOk;
  }
  return usage_error(err, "unknown db subcommand '" + args[0] + "'", kUsage);
}

}  // namespace zhishen::cli
