#include <ostream>

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "eval_setup.hpp"
#include "json_files.hpp"
#include "line_io.hpp"
#include "sample_cases.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"
#include "zhishen/rules/decision.hpp"
#include "zhishen/rules/rule_set.hpp"
#include "zhishen/rules/val_json.hpp"

namespace zhishen::cli {
namespace {

constexpr const char* kUsage =
    "usage: zhishen rules eval --pairs [OPTIONS]            lines [rule, data] in, one JSON result per line out\n"
    "       zhishen rules eval --rule FILE --lines [OPTIONS] FILE's rule against each data line\n"
    "       zhishen rules check FILE...                      compile a rule or a rule set; report errors\n"
    "       zhishen rules test RULESET --cases FILE|DIR [OPTIONS]  run sample cases, compare outcomes\n"
    "OPTIONS: --now INSTANT (what today/now see), --holidays DIR, --shared-data DIR\n"
    "A bad input line gives {\"error\":{\"id\":...,\"message\":...}} and evaluation goes on.\n";

void write_error(std::string& out, const Error& e) {
  out += "{\"error\":{\"id\":";
  json::append_quoted(out, e.id);
  out += ",\"message\":";
  json::append_quoted(out, e.message);
  out += "}}";
}

int eval_pairs(const EvalSetup& setup, std::istream& in, std::ostream& out) {
  rules::Evaluator ev(setup.env);
  LineReader reader(in);
  OutputBuffer buffer(out);
  std::string_view line;
  while (reader.next(line)) {
    std::string& o = buffer.text();
    auto pair = json::parse(line);
    if (!pair) {
      write_error(o, pair.error());
    } else if (!pair->is_array() || pair->as_array().size() != 2) {
      write_error(o, make_error("rules.pair.shape", "each line must be a JSON array [rule, data]"));
    } else {
      auto rule = rules::compile(pair->as_array()[0]);
      if (!rule) {
        write_error(o, rule.error());
      } else {
        ev.reset();
        const rules::Val data = rules::from_json(pair->as_array()[1], ev.arena());
        auto result = ev.evaluate(**rule, data);
        if (result) rules::write_val(o, *result);
        else write_error(o, result.error());
      }
    }
    buffer.line_done();
  }
  return kExitOk;
}

int eval_lines(const EvalSetup& setup, const std::string& rule_file, std::istream& in, std::ostream& out,
               std::ostream& err) {
  auto doc = read_json_file(rule_file);
  if (!doc) return usage_error(err, doc.error().id + ": " + doc.error().message, kUsage);
  auto rule = rules::compile(*doc);
  if (!rule) return usage_error(err, rule_file + ": " + rule.error().id + ": " + rule.error().message, kUsage);
  rules::Evaluator ev(setup.env);
  rules::ParseScratch scratch;
  LineReader reader(in);
  OutputBuffer buffer(out);
  std::string_view line;
  while (reader.next(line)) {
    std::string& o = buffer.text();
    ev.reset();
    auto data = rules::parse_val(line, ev.arena(), scratch);
    if (!data) {
      write_error(o, data.error());
    } else {
      auto result = ev.evaluate(**rule, *data);
      if (result) rules::write_val(o, *result);
      else write_error(o, result.error());
    }
    buffer.line_done();
  }
  return kExitOk;
}

int eval(const Args& args, std::istream& in, std::ostream& out, std::ostream& err) {
  std::set<std::string> valued = kEvalOptions;
  valued.insert("rule");
  auto p = parse_args(args, valued, {"pairs", "lines"});
  if (!p) return usage_error(err, p.error().message, kUsage);
  if (!p->positionals.empty()) return usage_error(err, "unexpected argument '" + p->positionals[0] + "'", kUsage);
  auto setup = make_eval_setup(*p);
  if (!setup) return usage_error(err, setup.error().id + ": " + setup.error().message, kUsage);
  if (p->has("pairs") && !p->has("lines") && !p->has("rule")) return eval_pairs(*setup, in, out);
  if (p->has("lines") && p->has("rule") && !p->has("pairs")) return eval_lines(*setup, *p->last("rule"), in, out, err);
  return usage_error(err, "use either --pairs, or --rule FILE --lines", kUsage);
}

bool looks_like_rule_set(const json::Value& doc) {
  return doc.is_object() && (doc.find("review_points") != nullptr || doc.find("eligibility") != nullptr ||
                             doc.find("risk_prompts") != nullptr || doc.find("item_code") != nullptr);
}

int check(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse_args(args, {});
  if (!p) return usage_error(err, p.error().message, kUsage);
  if (p->positionals.empty()) return usage_error(err, "give at least one FILE", kUsage);
  bool all_ok = true;
  for (const auto& file : p->positionals) {
    auto doc = read_json_file(file);
    if (!doc) {
      out << file << " invalid " << doc.error().id << ": " << doc.error().message << "\n";
      all_ok = false;
      continue;
    }
    if (looks_like_rule_set(*doc)) {
      auto set = rules::load_rule_set(*doc);
      if (set) {
        out << file << " ok: rule set " << set->item_code << " v" << set->version << ", " << set->size() << " rules ("
            << set->eligibility.size() << " eligibility, " << set->review_points.size() << " review points, "
            << set->risk_prompts.size() << " risk prompts)\n";
      } else {
        out << file << " invalid " << set.error().id << ": " << set.error().message << "\n";
        all_ok = false;
      }
    } else {
      auto rule = rules::compile(*doc);
      if (rule) {
        out << file << " ok: rule\n";
      } else {
        out << file << " invalid " << rule.error().id << ": " << rule.error().message << "\n";
        all_ok = false;
      }
    }
  }
  return all_ok ? kExitOk : kExitInvalid;
}

int test(const Args& args, std::ostream& out, std::ostream& err) {
  std::set<std::string> valued = kEvalOptions;
  valued.insert("cases");
  auto p = parse_args(args, valued);
  if (!p) return usage_error(err, p.error().message, kUsage);
  if (p->positionals.size() != 1) return usage_error(err, "give exactly one RULESET file", kUsage);
  auto cases_at = p->last("cases");
  if (!cases_at) return usage_error(err, "--cases FILE|DIR is required", kUsage);
  auto setup = make_eval_setup(*p);
  if (!setup) return usage_error(err, setup.error().id + ": " + setup.error().message, kUsage);
  auto doc = read_json_file(p->positionals[0]);
  if (!doc) return usage_error(err, doc.error().id + ": " + doc.error().message, kUsage);
  auto set = rules::load_rule_set(*doc);
  if (!set) return usage_error(err, set.error().id + ": " + set.error().message, kUsage);
  auto cases = load_cases(*cases_at);
  if (!cases) return usage_error(err, cases.error().id + ": " + cases.error().message, kUsage);

  int passed = 0, failed = 0;
  for (const auto& r : run_cases(*set, *cases, setup->env)) {
    if (!r.error_id.empty()) {
      out << "ERROR " << r.name << " " << r.error_id << ": " << r.error_message << "\n";
      ++failed;
      continue;
    }
    if (r.passed()) {
      out << "PASS " << r.name << " " << rules::to_string(r.got);
      ++passed;
    } else {
      out << "FAIL " << r.name << " expected " << rules::to_string(r.expected) << " got " << rules::to_string(r.got);
      ++failed;
    }
    if (!r.deciding_rules.empty()) out << " (" << r.deciding_rules << ")";
    out << "\n";
  }
  out << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? kExitOk : kExitInvalid;
}

}  // namespace

int rules_command(const Args& args, std::istream& in, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage_error(err, "rules needs a subcommand", kUsage);
  const Args rest(args.begin() + 1, args.end());
  if (args[0] == "eval") return eval(rest, in, out, err);
  if (args[0] == "check") return check(rest, out, err);
  if (args[0] == "test") return test(rest, out, err);
  if (args[0] == "--help" || args[0] == "-h") {
    out << kUsage;
    return kExitOk;
  }
  return usage_error(err, "unknown rules subcommand '" + args[0] + "'", kUsage);
}

}  // namespace zhishen::cli
