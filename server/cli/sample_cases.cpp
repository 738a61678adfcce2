#include "sample_cases.hpp"

#include <algorithm>
#include <filesystem>

#include "json_files.hpp"

namespace zhishen::cli {

Result<std::vector<SampleCase>> load_cases(const std::string& where) {
  std::vector<SampleCase> cases;
  std::error_code ec;
  if (std::filesystem::is_directory(where, ec)) {
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(where, ec); !ec && it != std::filesystem::directory_iterator();
         it.increment(ec)) {
      if (it->path().extension() == ".json") files.push_back(it->path());
    }
    if (ec) return make_error("cli.file.unreadable", "cannot list " + where);
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      auto doc = read_json_file(f.string());
      if (!doc) return doc.error();
      cases.push_back({f.filename().string(), std::move(doc).value()});
    }
    return cases;
  }
  auto doc = read_json_file(where);
  if (!doc) return doc.error();
  if (doc->is_array()) {
    std::size_t i = 0;
    for (const auto& c : doc->as_array()) cases.push_back({where + "[" + std::to_string(i++) + "]", c});
  } else {
    cases.push_back({std::filesystem::path(where).filename().string(), std::move(doc).value()});
  }
  return cases;
}

std::vector<CaseResult> run_cases(const rules::RuleSet& set, const std::vector<SampleCase>& cases,
                                  const rules::EvalEnv& env) {
  rules::Evaluator ev(env);
  std::vector<CaseResult> out;
  for (const auto& c : cases) {
    CaseResult r;
    r.name = c.name;
    const json::Value* expected = c.doc.find("expected");
    const json::Value* application = c.doc.find("application");
    std::optional<rules::Outcome> want;
    if (expected != nullptr && expected->is_string()) want = rules::parse_outcome(expected->as_string());
    if (!want || application == nullptr || !application->is_object()) {
      r.error_id = "rules.case.schema";
      r.error_message = "needs \"expected\" (approved|rejected|manual_review|ineligible) and \"application\" (object)";
      out.push_back(std::move(r));
      continue;
    }
    r.expected = *want;
    const auto d = rules::decide(set, *application, ev);
    r.got = d.outcome;
    for (const auto& reason : d.reasons) r.deciding_rules += (r.deciding_rules.empty() ? "" : ",") + reason.rule_id;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace zhishen::cli
