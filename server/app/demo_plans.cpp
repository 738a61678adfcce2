// The demo seeding's plans (demo_plans.hpp): shipped samples, the paths through the lifecycle,
// what staff write with each step, and the pure simulation of a plan.
#include "demo_plans.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "zhishen/json/parse.hpp"
#include "zhishen/lifecycle/case_machine.hpp"

namespace zhishen::server::demo {

namespace fs = std::filesystem;
using lifecycle::Action;
using lifecycle::Role;

std::vector<Sample> load_samples(const std::string& items_dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& item : fs::directory_iterator(items_dir, ec)) {
    if (!fs::is_directory(item.path() / "samples")) continue;
    for (const auto& s : fs::directory_iterator(item.path() / "samples")) files.push_back(s.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Sample> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    auto doc = json::parse(buf.str());
    if (!doc) continue;
    const json::Value* app = doc->find("application");
    const json::Value* expected = doc->find("expected");
    const json::Value* code = app != nullptr ? app->find("item_code") : nullptr;
    if (code == nullptr || !code->is_string() || expected == nullptr || !expected->is_string()) continue;
    out.push_back({code->as_string(), expected->as_string(), *app});
  }
  return out;
}

// The steps after the automatic decision ("direct": a case received at the counter, undecided).
// issue_certificate, complete and publicise are skipped where the item's terms do not call for them.
const std::vector<std::vector<Action>>& paths_for(const std::string& expected) {
  using A = Action;
  static const std::map<std::string, std::vector<std::vector<Action>>> paths = {
      {"approved",
       {{}, {A::confirm_recheck}, {A::confirm_recheck, A::issue_certificate},
        {A::confirm_recheck, A::issue_certificate, A::complete},
        {A::confirm_recheck, A::issue_certificate, A::complete, A::publicise},
        {A::confirm_recheck, A::issue_certificate, A::complete, A::publicise, A::archive},
        {A::fail_recheck}, {A::fail_recheck, A::reopen}, {A::revoke},
        {A::confirm_recheck, A::revoke}}},  // an issued e-certificate recalled, its publicity withdrawn
      {"rejected", {{}, {A::confirm_recheck}, {A::confirm_recheck, A::archive}, {A::fail_recheck}}},
      {"manual_review",
       {{}, {A::request_correction}, {A::request_correction, A::resubmit}, {A::suspend}, {A::suspend, A::resume},
        {A::manual_approve}, {A::manual_approve, A::issue_certificate, A::complete}, {A::manual_reject},
        {A::withdraw}, {A::withdraw, A::archive},
        {A::manual_approve, A::issue_certificate, A::complete, A::publicise}}},
      {"ineligible", {{}, {A::archive}}},
      {"direct", {{}, {A::refuse_acceptance}, {A::refuse_acceptance, A::archive}}},
  };
  static const std::vector<std::vector<Action>> none = {{}};
  auto it = paths.find(expected);
  return it == paths.end() ? none : it->second;
}

bool optional_step(Action a) { return a == Action::issue_certificate || a == Action::complete || a == Action::publicise; }

// Steps no service performs yet: the system's, the applicant's, and 不予受理.
bool own_step(Action a) {
  return a == Action::issue_certificate || a == Action::complete || a == Action::publicise || a == Action::archive ||
         a == Action::resubmit || a == Action::withdraw || a == Action::refuse_acceptance;
}

Role own_role(Action a) {
  if (a == Action::refuse_acceptance) return Role::reviewer;
  return a == Action::resubmit || a == Action::withdraw ? Role::applicant : Role::system;
}

ActionInput input_for(Action a) {
  ActionInput in;
  switch (a) {
    case Action::refuse_acceptance: in.reason = "申请事项依法不需要取得行政许可，不予受理"; break;
    case Action::withdraw: in.reason = "申请人主动撤回申请"; break;
    case Action::request_correction:
      in.reason = "申请材料不齐全";
      in.items = {"补充提交经营场所使用证明", "补充提交法定代表人身份证明"};
      break;
    case Action::suspend: in.reason = "需组织现场核查，依法中止审查"; break;
    case Action::fail_recheck: in.reason = "复核发现申请材料与共享数据不一致"; break;
    case Action::manual_approve:
      in.reason = "经人工审查，申请人符合许可条件";
      in.legal_basis = "《中华人民共和国行政许可法》第三十八条第一款";
      break;
    case Action::manual_reject: in.reason = "经人工审查，申请人不符合许可条件"; break;
    case Action::revoke:
      in.reason = "申请人以欺骗手段取得行政许可（演示数据）";
      in.legal_basis = "《中华人民共和国行政许可法》第六十九条第二款";
      break;
    default: break;
  }
  return in;
}

Action decision_action(const std::string& expected) {
  if (expected == "approved") return Action::auto_approve;
  if (expected == "rejected") return Action::auto_reject;
  if (expected == "ineligible") return Action::fail_precheck;
  return Action::route_manual;
}

Principal staff_principal(const std::map<std::string, domain::StaffAccount>& accounts, const std::string& dept,
                          Action a) {
  Principal p;
  p.kind = Principal::Kind::staff;
  const std::string wanted = a == Action::revoke ? "demo-approver" : "demo-reviewer";
  if (auto it = accounts.find(wanted); it != accounts.end() && it->second.department_code == dept) {
    p.staff = it->second;
    return p;
  }
  p.staff.username = kActor;
  p.staff.display_name = "演示数据";
  p.staff.department_code = dept;
  p.staff.roles = {Role::reviewer, Role::approver};
  return p;
}

// The case's record after its plan, started at `start` (the same pure transitions the services run).
Result<domain::CaseFile> simulate(const Plan& p, Instant start, const std::map<std::string, domain::StaffAccount>& accounts,
                                  std::vector<Action>* resolved) {
  domain::CaseFile f;
  f.department_code = p.item->department_code;
  f.record = lifecycle::open_case(p.item->terms, start);
  if (!p.direct) {
    auto r = lifecycle::apply(f.record, {decision_action(p.sample->expected), Role::system, "rules", start, "演示", "", false});
    if (!r) return r.error();
    f.record = std::move(r).value();
  }
  Instant t = start;
  for (Action a : p.steps) {
    t += kGap;
    domain::CaseFile next = f;
    Status st;
    if (own_step(a)) {
      auto r = lifecycle::apply(f.record, {a, own_role(a), kActor, t, input_for(a).reason, "", false});
      if (r) next.record = std::move(r).value();
      st = r ? Status{} : Status{r.error()};
    } else {
      st = apply_staff_transition(staff_principal(accounts, f.department_code, a), next, a, input_for(a), t);
    }
    if (!st) {
      if (optional_step(a)) continue;
      return st.error();
    }
    f = std::move(next);
    if (resolved != nullptr) resolved->push_back(a);
  }
  return f;
}

}  // namespace zhishen::server::demo
