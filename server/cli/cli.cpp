#include "cli.hpp"

#include <exception>
#include <ostream>

#include "commands.hpp"

namespace zhishen::cli {
namespace {

constexpr const char* kUsage =
    "usage: zhishen <command> [arguments]\n"
    "commands:\n"
    "  describe                      what this program is and what it can do\n"
    "  calendar is-workday ...       working-day calendar questions (zhishen calendar --help)\n"
    "  calendar add-workdays ...\n"
    "  calendar workdays-between ...\n"
    "  calendar deadline ...\n"
    "  id check CODE...              validate citizen ID numbers and unified social credit codes\n"
    "  rules eval|check|test ...     evaluate, check and test rules (zhishen rules --help)\n"
    "  decide ...                    decide an application with a rule set, with its trace\n"
    "  items check DIR...            check item guides, rule sets and samples\n"
    "  db migrate|status|keygen ...  the database schema and the personal-data key file\n"
    "  audit verify --db URL         check the hash chains of the audit log\n"
    "  keys generate --department D  a department's e-certificate signing key pair\n"
    "  cert verify FILE --pubkey PEM check an e-certificate file offline\n"
    "  --version                     print the version\n";

}  // namespace

int usage_error(std::ostream& err, const std::string& message, const char* usage) {
  err << "zhishen: " << message << "\n" << usage;
  return kExitUsage;
}

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
  try {
    if (args.empty()) return describe_command({}, out, err);
    const std::string& cmd = args.front();
    const Args rest(args.begin() + 1, args.end());
    if (cmd == "describe") return describe_command(rest, out, err);
    if (cmd == "calendar") return calendar_command(rest, out, err);
    if (cmd == "id") return id_command(rest, out, err);
    if (cmd == "rules") return rules_command(rest, in, out, err);
    if (cmd == "decide") return decide_command(rest, out, err);
    if (cmd == "items") return items_command(rest, out, err);
    if (cmd == "db") return db_command(rest, out, err);
    if (cmd == "audit") return audit_command(rest, out, err);
    if (cmd == "keys") return keys_command(rest, out, err);
    if (cmd == "cert") return cert_command(rest, out, err);
    if (cmd == "--version" || cmd == "version") {
      out << "zhishen " << ZHISHEN_VERSION << "\n";
      return kExitOk;
    }
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      out << kUsage;
      return kExitOk;
    }
    return usage_error(err, "unknown command '" + cmd + "'", kUsage);
  } catch (const std::exception& e) {  // the CLI's one catch site for faults
    err << "zhishen: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace zhishen::cli
