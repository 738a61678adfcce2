// json_parse_fuzz: libFuzzer target for the two JSON readers of the core — json::parse (the
// strict RFC 8259 parser) and rules::parse_val (the rules engine's arena parser, the hot path of
// `zhishen rules eval --lines`) — and their writers.
//
// Beyond crashes, sanitizer reports and leaks, it aborts when:
//   - the two parsers disagree on accepting a text, or refuse it with different error ids;
//   - their writers (json::to_json, rules::write_val) print different text for an accepted one;
//   - written text is not a fixpoint: parsing and writing it again changes it (also for the
//     pretty form);
//   - canonical JSON (RFC 8785, what e-certificate signatures cover) refuses a parsed value for
//     another reason than an infinite number, is not a fixpoint, or differs for the pretty form's
//     reading (same value, same bytes).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "zhishen/json/canonical.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"
#include "zhishen/rules/arena.hpp"
#include "zhishen/rules/val_json.hpp"

namespace {

using namespace zhishen;

[[noreturn]] void fail(const char* what, std::string_view input, std::string_view a, std::string_view b) {
  std::fprintf(stderr, "json_parse_fuzz: %s\n  input: %.*s\n  first: %.*s\n  second: %.*s\n", what,
               static_cast<int>(input.size()), input.data(), static_cast<int>(a.size()), a.data(),
               static_cast<int>(b.size()), b.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);

  const auto v = json::parse(text);
  rules::Arena arena;
  static rules::ParseScratch scratch;
  const auto pv = rules::parse_val(text, arena, scratch);

  if (v.ok() != pv.ok()) {
    fail("json::parse and rules::parse_val disagree", text, v ? "accepted" : v.error().id,
         pv ? "accepted" : pv.error().id);
  }
  if (!v) {
    if (v.error().id != pv.error().id) fail("different error ids", text, v.error().id, pv.error().id);
    return 0;
  }

  const std::string written = json::to_json(*v);
  std::string written_val;
  rules::write_val(written_val, *pv);
  if (written != written_val) fail("json::to_json and rules::write_val differ", text, written, written_val);

  const auto again = json::parse(written);
  if (!again) fail("json::parse refuses what json::to_json wrote", text, written, again.error().message);
  const std::string rewritten = json::to_json(*again);
  if (rewritten != written) fail("writing is not a fixpoint", text, written, rewritten);

  const std::string pretty = json::to_json_pretty(*v, 2);
  const auto from_pretty = json::parse(pretty);
  if (!from_pretty) fail("json::parse refuses the pretty form", text, pretty, from_pretty.error().message);
  if (json::to_json(*from_pretty) != written) fail("the pretty form reads back differently", text, written, pretty);

  const auto canon = json::canonical(*v);
  if (!canon) {  // only a number that overflowed to an infinity (5e330) has no canonical form
    if (canon.error().id != "json.canonical.number") fail("canonical JSON refuses a parsed value", text, written, canon.error().id);
    return 0;
  }
  const auto canon_again = json::parse(*canon);
  if (!canon_again) fail("json::parse refuses canonical JSON", text, *canon, canon_again.error().message);
  if (json::canonical(*canon_again).value() != *canon) fail("canonical JSON is not a fixpoint", text, *canon, "");
  if (json::canonical(*from_pretty).value() != *canon) fail("canonical JSON depends on spacing", text, *canon, pretty);
  return 0;
}
