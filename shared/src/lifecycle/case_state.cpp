#include "zhishen/lifecycle/case_state.hpp"

namespace zhishen::lifecycle {
namespace {

struct Entry {
  State state;
  std::string_view name;
  std::string_view label;
};

constexpr Entry kEntries[] = {
    {State::submitted, "submitted", "已提交"},
    {State::precheck_failed, "precheck_failed", "预审未通过"},
    {State::not_accepted, "not_accepted", "不予受理"},
    {State::auto_approved, "auto_approved", "自动审批通过(待复核)"},
    {State::auto_rejected, "auto_rejected", "自动不予许可(待复核)"},
    {State::manual_review, "manual_review", "人工审查"},
    {State::correction_requested, "correction_requested", "补齐补正(中止计时)"},
    {State::resubmitted, "resubmitted", "补正后重新提交"},
    {State::suspended, "suspended", "中止"},
    {State::recheck_confirmed, "recheck_confirmed", "复核通过"},
    {State::recheck_failed, "recheck_failed", "复核不通过"},
    {State::manual_approved, "manual_approved", "人工审批通过"},
    {State::certificate_issued, "certificate_issued", "已发证"},
    {State::completed, "completed", "办结"},
    {State::publicised, "publicised", "已公示"},
    {State::archived, "archived", "已归档"},
    {State::revoked, "revoked", "已撤销"},
    {State::withdrawn, "withdrawn", "申请人撤回"},
};

const Entry* find(State s) {
  for (const Entry& e : kEntries) {
    if (e.state == s) return &e;
  }
  return nullptr;
}

}  // namespace

std::string_view to_string(State s) {
  const Entry* e = find(s);
  return e != nullptr ? e->name : std::string_view{"unknown"};
}

std::optional<State> parse_state(std::string_view name) {
  for (const Entry& e : kEntries) {
    if (e.name == name) return e.state;
  }
  return std::nullopt;
}

std::string_view label_zh(State s) {
  const Entry* e = find(s);
  return e != nullptr ? e->label : std::string_view{"未知"};
}

}  // namespace zhishen::lifecycle
