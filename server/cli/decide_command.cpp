#include <ostream>

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "eval_setup.hpp"
#include "json_files.hpp"
#include "zhishen/json/write.hpp"
#include "zhishen/rules/decision.hpp"

namespace zhishen::cli {
namespace {

constexpr const char* kUsage =
    "usage: zhishen decide --ruleset FILE --application FILE [--precheck] [--now INSTANT]\n"
    "                      [--holidays DIR] [--shared-data DIR] [--time-budget-ms N]\n"
    "Prints the decision as JSON: outcome, reasons, warnings, and the trace of every rule.\n"
    "FILE for --application is an application object, or a sample {\"expected\", \"application\"}.\n"
    "--precheck evaluates the eligibility rules only (the pre-check before the form is filled).\n";

}  // namespace

int decide_command(const Args& args, std::ostream& out, std::ostream& err) {
  std::set<std::string> valued = kEvalOptions;
  valued.insert({"ruleset", "application", "time-budget-ms"});
  auto p = parse_args(args, valued, {"precheck"});
  if (!p) return usage_error(err, p.error().message, kUsage);
  if (!p->positionals.empty()) return usage_error(err, "unexpected argument '" + p->positionals[0] + "'", kUsage);
  auto ruleset_file = p->last("ruleset");
  auto application_file = p->last("application");
  if (!ruleset_file || !application_file) return usage_error(err, "--ruleset and --application are required", kUsage);
  rules::DecisionOptions options;
  if (auto ms = p->last("time-budget-ms")) {
    char* end = nullptr;
    const long v = std::strtol(ms->c_str(), &end, 10);
    if (end == ms->c_str() || *end != '\0' || v < 1) return usage_error(err, "--time-budget-ms must be >= 1", kUsage);
    options.time_budget = std::chrono::milliseconds{v};
  }
  auto setup = make_eval_setup(*p);
  if (!setup) return usage_error(err, setup.error().id + ": " + setup.error().message, kUsage);
  auto set_doc = read_json_file(*ruleset_file);
  if (!set_doc) return usage_error(err, set_doc.error().id + ": " + set_doc.error().message, kUsage);
  auto set = rules::load_rule_set(*set_doc);
  if (!set) return usage_error(err, set.error().id + ": " + set.error().message, kUsage);
  auto app_doc = read_json_file(*application_file);
  if (!app_doc) return usage_error(err, app_doc.error().id + ": " + app_doc.error().message, kUsage);
  const json::Value* application = &*app_doc;
  if (const json::Value* inner = app_doc->find("application"); inner != nullptr && app_doc->find("expected") != nullptr) {
    application = inner;
  }
  if (!application->is_object()) return usage_error(err, "the application must be a JSON object", kUsage);

  rules::Evaluator ev(setup->env);
  const auto d = p->has("precheck") ? rules::precheck(*set, *application, ev, options)
                                    : rules::decide(*set, *application, ev, options);
  out << json::to_json_pretty(rules::to_json(d), 2) << "\n";
  return kExitOk;
}

}  // namespace zhishen::cli
