#include "zhishen/lifecycle/action.hpp"

namespace zhishen::lifecycle {
namespace {

struct Entry {
  Action action;
  std::string_view name;
  std::string_view label;
};

constexpr Entry kEntries[] = {
    {Action::fail_precheck, "fail_precheck", "预审不通过"},
    {Action::refuse_acceptance, "refuse_acceptance", "不予受理"},
    {Action::auto_approve, "auto_approve", "自动审批通过"},
    {Action::auto_reject, "auto_reject", "自动不予许可"},
    {Action::route_manual, "route_manual", "转人工审查"},
    {Action::start_review, "start_review", "开始审查"},
    {Action::request_correction, "request_correction", "一次性告知补齐补正"},
    {Action::resubmit, "resubmit", "补正后重新提交"},
    {Action::suspend, "suspend", "中止"},
    {Action::resume, "resume", "恢复"},
    {Action::confirm_recheck, "confirm_recheck", "复核通过"},
    {Action::fail_recheck, "fail_recheck", "复核不通过"},
    {Action::reopen, "reopen", "重新审查"},
    {Action::manual_approve, "manual_approve", "准予许可"},
    {Action::manual_reject, "manual_reject", "不予许可"},
    {Action::issue_certificate, "issue_certificate", "发证"},
    {Action::complete, "complete", "办结"},
    {Action::publicise, "publicise", "公示"},
    {Action::archive, "archive", "归档"},
    {Action::revoke, "revoke", "撤销"},
    {Action::withdraw, "withdraw", "撤回申请"},
};

const Entry* find(Action a) {
  for (const Entry& e : kEntries) {
    if (e.action == a) return &e;
  }
  return nullptr;
}

}  // namespace

std::string_view to_string(Action a) {
  const Entry* e = find(a);
  return e != nullptr ? e->name : std::string_view{"unknown"};
}

std::optional<Action> parse_action(std::string_view name) {
  for (const Entry& e : kEntries) {
    if (e.name == name) return e.action;
  }
  return std::nullopt;
}

std::string_view label_zh(Action a) {
  const Entry* e = find(a);
  return e != nullptr ? e->label : std::string_view{"未知"};
}

}  // namespace zhishen::lifecycle
