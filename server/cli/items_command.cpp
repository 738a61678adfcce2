#include <algorithm>
#include <filesystem>
#include <ostream>

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "eval_setup.hpp"
#include "json_files.hpp"
#include "sample_cases.hpp"
#include "zhishen/items/guide_check.hpp"
#include "zhishen/rules/rule_set.hpp"

namespace zhishen::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: zhishen items check [--now INSTANT] [--holidays DIR] [--shared-data DIR] DIR...\n"
    "DIR is an item directory (item.json, rules.json, samples/) or a directory of them.\n"
    "Checks the guide's required fields (办事指南自查), loads the rule set, and runs every sample.\n"
    "Exit status 0 when every item is complete and every sample decides as expected, 1 otherwise.\n";

// Checks one item directory; prints its report; returns whether it is all good.
bool check_item(const fs::path& dir, const EvalSetup& setup, std::ostream& out) {
  bool ok = true;
  auto item = read_json_file((dir / "item.json").string());
  if (!item) {
    out << dir.filename().string() << ": item.json " << item.error().id << ": " << item.error().message << "\n";
    return false;
  }
  const json::Value* code = item->find("code");
  const json::Value* name = item->find("name");
  out << (code != nullptr && code->is_string() ? code->as_string() : dir.filename().string()) << " "
      << (name != nullptr && name->is_string() ? name->as_string() : "") << "\n";

  const auto issues = items::check_guide(*item);
  if (issues.empty()) {
    out << "  guide: complete\n";
  } else {
    ok = false;
    for (const auto& i : issues) out << "  guide: " << i.id << " " << i.field << "\n";
  }

  auto rules_doc = read_json_file((dir / "rules.json").string());
  if (!rules_doc) {
    out << "  rules: " << rules_doc.error().id << ": " << rules_doc.error().message << "\n";
    return false;
  }
  auto set = rules::load_rule_set(*rules_doc);
  if (!set) {
    out << "  rules: " << set.error().id << ": " << set.error().message << "\n";
    return false;
  }
  out << "  rules: v" << set->version << ", " << set->size() << " rules\n";
  if (code != nullptr && code->is_string() && set->item_code != code->as_string()) {
    out << "  rules: item.rules.mismatch item_code " << set->item_code << " is not the item's code\n";
    ok = false;
  }
  const json::Value* sa = item->find("smart_approval");
  const json::Value* version = sa != nullptr ? sa->find("ruleset_version") : nullptr;
  if (version != nullptr && version->is_number() && version->as_number() != set->version) {
    out << "  rules: item.rules.mismatch version " << set->version << " is not smart_approval.ruleset_version\n";
    ok = false;
  }

  if (!fs::is_directory(dir / "samples")) {
    out << "  samples: none\n";
    return ok;
  }
  auto cases = load_cases((dir / "samples").string());
  if (!cases) {
    out << "  samples: " << cases.error().id << ": " << cases.error().message << "\n";
    return false;
  }
  int passed = 0;
  const auto results = run_cases(*set, *cases, setup.env);
  for (const auto& r : results) {
    if (r.passed()) {
      ++passed;
    } else if (!r.error_id.empty()) {
      out << "  sample " << r.name << ": " << r.error_id << "\n";
    } else {
      out << "  sample " << r.name << ": expected " << rules::to_string(r.expected) << " got "
          << rules::to_string(r.got) << (r.deciding_rules.empty() ? "" : " (" + r.deciding_rules + ")") << "\n";
    }
  }
  out << "  samples: " << passed << "/" << results.size() << " decide as expected\n";
  return ok && passed == static_cast<int>(results.size());
}

int check(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse_args(args, kEvalOptions);
  if (!p) return usage_error(err, p.error().message, kUsage);
  if (p->positionals.empty()) return usage_error(err, "give at least one DIR", kUsage);
  auto setup = make_eval_setup(*p);
  if (!setup) return usage_error(err, setup.error().id + ": " + setup.error().message, kUsage);
  std::vector<fs::path> dirs;
  for (const auto& arg : p->positionals) {
    std::error_code ec;
    if (fs::exists(fs::path(arg) / "item.json", ec)) {
      dirs.emplace_back(arg);
      continue;
    }
    if (!fs::is_directory(arg, ec)) return usage_error(err, "cli.file.unreadable: no directory " + arg, kUsage);
    std::vector<fs::path> found;
    for (fs::directory_iterator it(arg, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      if (fs::exists(it->path() / "item.json")) found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    if (found.empty()) return usage_error(err, "no item directories (with item.json) in " + arg, kUsage);
    dirs.insert(dirs.end(), found.begin(), found.end());
  }
  bool all_ok = true;
  for (const auto& d : dirs) all_ok = check_item(d, *setup, out) && all_ok;
  out << dirs.size() << " item(s): " << (all_ok ? "all complete and consistent" : "problems found") << "\n";
  return all_ok ? kExitOk : kExitInvalid;
}

}  // namespace

int items_command(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage_error(err, "items needs a subcommand", kUsage);
  if (args[0] == "check") return check(Args(args.begin() + 1, args.end()), out, err);
  if (args[0] == "--help" || args[0] == "-h") {
    out << kUsage;
    return kExitOk;
  }
  return usage_error(err, "unknown items subcommand '" + args[0] + "'", kUsage);
}

}  // namespace zhishen::cli
