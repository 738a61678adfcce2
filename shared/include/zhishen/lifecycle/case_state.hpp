#pragma once
// State: where a case stands in its lifecycle (办件状态), from submission to archive.
//
// The snake_case names are stable: they appear in the API and are stored in the database.
// label_zh gives the Simplified Chinese name shown to staff and applicants.
// Which state may follow which is data: see transition_table.hpp.
//
// Thread-safety: plain values and pure functions.

#include <array>
#include <optional>
#include <string_view>

namespace zhishen::lifecycle {

enum class State {
  submitted,             // 已提交
  precheck_failed,       // 预审未通过
  not_accepted,          // 不予受理
  auto_approved,         // 自动审批通过(待复核)
  auto_rejected,         // 自动不予许可(待复核)
  manual_review,         // 人工审查
  correction_requested,  // 补齐补正(中止计时)
  resubmitted,           // 补正后重新提交
  suspended,             // 中止(其他, e.g. 听证/专家评审)
  recheck_confirmed,     // 复核通过
  recheck_failed,        // 复核不通过
  manual_approved,       // 人工审批通过
  certificate_issued,    // 已发证
  completed,             // 办结
  publicised,            // 已公示
  archived,              // 已归档 (terminal)
  revoked,               // 已撤销
  withdrawn,             // 申请人撤回
};

inline constexpr std::array<State, 18> kAllStates = {
    State::submitted,         State::precheck_failed,    State::not_accepted,
    State::auto_approved,     State::auto_rejected,      State::manual_review,
    State::correction_requested, State::resubmitted,     State::suspended,
    State::recheck_confirmed, State::recheck_failed,     State::manual_approved,
    State::certificate_issued, State::completed,         State::publicised,
    State::archived,          State::revoked,            State::withdrawn,
};

std::string_view to_string(State s);
std::optional<State> parse_state(std::string_view name);
std::string_view label_zh(State s);

// True for archived, the only state no action leaves.
constexpr bool is_terminal(State s) { return s == State::archived; }

// True while an application is still being handled: accepted and not yet closed (completed,
// publicised, archived), revoked or withdrawn. Another application for the same item from another
// channel while one is in flight is flagged (000 Art.17).
constexpr bool is_in_flight(State s) {
  switch (s) {
    case State::precheck_failed:
    case State::not_accepted:
    case State::completed:
    case State::publicised:
    case State::archived:
    case State::revoked:
    case State::withdrawn:
      return false;
    default:
      return true;
  }
}

}  // namespace zhishen::lifecycle
