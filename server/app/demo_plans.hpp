#pragma once
// The demo seeding's plans (demo_seed.hpp): the shipped samples, the paths a demo case takes through
// the lifecycle after its automatic decision, what staff write with each step, and the simulation
// of a plan with the same pure transitions the services run (to find when a case must start to
// show a given light now). Internal to the demo seeding.
// Thread-safety: pure functions over values.

#include <map>
#include <string>
#include <vector>

#include "catalogue.hpp"
#include "http/api.hpp"
#include "services/case_followups.hpp"
#include "zhishen/domain/case_file.hpp"
#include "zhishen/lifecycle/action.hpp"

namespace zhishen::server::demo {

inline constexpr std::chrono::minutes kGap{25};  // between two steps of one case
inline constexpr const char* kActor = "demo-seed";

struct Sample {
  std::string item_code;
  std::string expected;  // approved | rejected | manual_review | ineligible
  json::Value application;
};

// data/items/*/samples/*.json in path order (files without application / expected are skipped).
std::vector<Sample> load_samples(const std::string& items_dir);

// The paths after the automatic decision of a sample expected to come out `expected` ("direct": a
// case received at the counter and not decided automatically).
const std::vector<std::vector<lifecycle::Action>>& paths_for(const std::string& expected);

// issue_certificate, complete and publicise: skipped where the item's terms do not call for them.
bool optional_step(lifecycle::Action a);
// Steps no service performs yet: the system's, the applicant's, and 不予受理 (refuse_acceptance).
bool own_step(lifecycle::Action a);
lifecycle::Role own_role(lifecycle::Action a);
// The reason, legal basis and correction list staff give with a step.
ActionInput input_for(lifecycle::Action a);
lifecycle::Action decision_action(const std::string& expected);

// Who takes a staff step: the demo reviewer (or, for revoke, approver) in their own department,
// elsewhere "demo-seed" as a reviewer and approver of the case's department.
Principal staff_principal(const std::map<std::string, domain::StaffAccount>& accounts, const std::string& dept,
                          lifecycle::Action a);

// One planned case: what to submit, which steps, and when it starts.
struct Plan {
  const Sample* sample = nullptr;
  const CompiledItem* item = nullptr;
  bool direct = false;
  std::string channel;
  std::vector<lifecycle::Action> steps;  // resolved for the item's terms
  Instant start{};
  std::string case_no;   // once submitted
  bool stopped = false;  // a step failed: the case stays where it is
};

// The case's record after its plan, started at `start` with kGap between steps. `resolved`, when
// given, receives the steps that apply (optional ones the terms refuse are left out).
Result<domain::CaseFile> simulate(const Plan& p, Instant start,
                                  const std::map<std::string, domain::StaffAccount>& accounts,
                                  std::vector<lifecycle::Action>* resolved);

}  // namespace zhishen::server::demo
