#pragma once
// Action: what a transition request asks to do to a case (the edge label of the state machine).
//
// Names are stable snake_case (API and database); label_zh is the Chinese button/audit text.
// Which actions are defined from which state, and for which roles: transition_table.hpp.
//
// Thread-safety: plain values and pure functions.

#include <array>
#include <optional>
#include <string_view>

namespace zhishen::lifecycle {

enum class Action {
  fail_precheck,       // 预审不通过
  refuse_acceptance,   // 不予受理
  auto_approve,        // 自动审批通过
  auto_reject,         // 自动不予许可
  route_manual,        // 转人工审查
  start_review,        // 开始审查
  request_correction,  // 一次性告知补齐补正
  resubmit,            // 补正后重新提交
  suspend,             // 中止
  resume,              // 恢复
  confirm_recheck,     // 复核通过
  fail_recheck,        // 复核不通过
  reopen,              // 重新审查
  manual_approve,      // 准予许可
  manual_reject,       // 不予许可
  issue_certificate,   // 发证
  complete,            // 办结
  publicise,           // 公示
  archive,             // 归档
  revoke,              // 撤销
  withdraw,            // 撤回申请
};

inline constexpr std::array<Action, 21> kAllActions = {
    Action::fail_precheck,   Action::refuse_acceptance, Action::auto_approve,
    Action::auto_reject,     Action::route_manual,      Action::start_review,
    Action::request_correction, Action::resubmit,       Action::suspend,
    Action::resume,          Action::confirm_recheck,   Action::fail_recheck,
    Action::reopen,          Action::manual_approve,    Action::manual_reject,
    Action::issue_certificate, Action::complete,        Action::publicise,
    Action::archive,         Action::revoke,            Action::withdraw,
};

std::string_view to_string(Action a);
std::optional<Action> parse_action(std::string_view name);
std::string_view label_zh(Action a);

}  // namespace zhishen::lifecycle
