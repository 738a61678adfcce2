// rules_fuzz: libFuzzer target for the rules engine along the path of `zhishen rules eval --pairs`
// (server/cli/rules_command.cpp, eval_pairs): the input is one "[rule, data]" line; it is parsed
// with json::parse, the rule compiled, the data converted into the evaluator's arena, the rule
// evaluated by one long-lived Evaluator reset per line, and the result written as JSON text.
//
// Beyond crashes, sanitizer reports and leaks, the target checks two properties and aborts when
// either fails:
//   - the output is JSON that json::parse accepts (except for lone surrogates, which are printed
//     as \u escapes as JSON.stringify does, and which the strict parser refuses);
//   - the `--rule FILE --lines` path agrees: the data written as text and read back by
//     rules::parse_val evaluates to the same output (when the text can carry the data: JSON text
//     as JSON.stringify writes it has no -0 and no Infinity).

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"
#include "zhishen/rules/compiled_rule.hpp"
#include "zhishen/rules/evaluator.hpp"
#include "zhishen/rules/val_json.hpp"

namespace {

using namespace zhishen;

[[noreturn]] void fail(const char* what, std::string_view line, std::string_view a, std::string_view b) {
  std::fprintf(stderr, "rules_fuzz: %s\n  input: %.*s\n  first: %.*s\n  second: %.*s\n", what,
               static_cast<int>(line.size()), line.data(), static_cast<int>(a.size()), a.data(),
               static_cast<int>(b.size()), b.data());
  std::abort();
}

// True when json::to_json keeps every number of v: no -0, no ±Infinity.
bool text_keeps_numbers(const json::Value& v) {
  switch (v.type()) {
    case json::Type::number: return std::isfinite(v.as_number()) && !(v.as_number() == 0 && std::signbit(v.as_number()));
    case json::Type::array:
      for (const auto& x : v.as_array()) if (!text_keeps_numbers(x)) return false;
      return true;
    case json::Type::object:
      for (const auto& m : v.as_object()) if (!text_keeps_numbers(m.second)) return false;
      return true;
    default: return true;
  }
}

std::string output_of(const Result<rules::Val>& r) {
  std::string out;
  if (r) rules::write_val(out, *r);
  else out = "error " + r.error().id;
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(bytes), size);
  if (line.find('\n') != std::string_view::npos) return -1;  // the CLI never sees a "\n" in a line

  auto pair = json::parse(line);
  if (!pair || !pair->is_array() || pair->as_array().size() != 2) return 0;
  auto rule = rules::compile(pair->as_array()[0]);
  if (!rule) return 0;

  // As in eval_pairs: one Evaluator for every line, reset before each.
  static rules::Evaluator ev;
  ev.reset();
  const rules::Val data = rules::from_json(pair->as_array()[1], ev.arena());
  const auto result = ev.evaluate(**rule, data);
  const std::string out = output_of(result);
  if (result) {
    const auto reread = json::parse(out);
    // A lone surrogate is written as a \u escape, as JSON.stringify does; the strict parser
    // refuses it (json.parse.string), which is fine.
    const bool lone_surrogate = !reread && reread.error().id == "json.parse.string" &&
                                out.find("\\ud") != std::string::npos;
    if (!reread && !lone_surrogate) fail("the result is not valid JSON", line, out, reread.error().message);
  }

  // As in eval_lines: the data as a line of text, read by parse_val.
  if (!text_keeps_numbers(pair->as_array()[1])) return 0;
  static rules::Evaluator ev_lines;
  static rules::ParseScratch scratch;
  ev_lines.reset();
  const std::string data_text = json::to_json(pair->as_array()[1]);
  auto data2 = rules::parse_val(data_text, ev_lines.arena(), scratch);
  if (!data2) fail("parse_val refuses what json::to_json wrote", line, data_text, data2.error().message);
  const std::string out2 = output_of(ev_lines.evaluate(**rule, *data2));
  if (out != out2) fail("--pairs and --lines give different outputs", line, out, out2);
  return 0;
}
