#pragma once
// The subcommands of `zhishen`, one file each. Each takes the arguments after its own name.
// Usage errors print "usage: ..." on `err` and return kExitUsage.

#include <iosfwd>
#include <string>
#include <vector>

namespace zhishen::cli {

using Args = std::vector<std::string>;

int describe_command(const Args& args, std::ostream& out, std::ostream& err);
int calendar_command(const Args& args, std::ostream& out, std::ostream& err);
int id_command(const Args& args, std::ostream& out, std::ostream& err);
int rules_command(const Args& args, std::istream& in, std::ostream& out, std::ostream& err);
int decide_command(const Args& args, std::ostream& out, std::ostream& err);
int items_command(const Args& args, std::ostream& out, std::ostream& err);
int db_command(const Args& args, std::ostream& out, std::ostream& err);
int audit_command(const Args& args, std::ostream& out, std::ostream& err);
int keys_command(const Args& args, std::ostream& out, std::ostream& err);
int cert_command(const Args& args, std::ostream& out, std::ostream& err);

// Prints "zhishen: <message>" and the usage text on err; returns kExitUsage.
int usage_error(std::ostream& err, const std::string& message, const char* usage);

}  // namespace zhishen::cli
