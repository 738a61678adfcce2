#pragma once
// How staff see cases, shared by the casework services: the staff actions with the permission each
// needs, loading a case only when the caller's department scope covers it, the JSON of one inbox
// line and of the whole case (personal data masked unless the caller is an approver), and the
// actions open to a user on a case. Only approvers see identity numbers, phones and addresses in
// clear: for everyone else they are masked in the applicant, the form and the values the rules read.
// Thread-safety: pure functions, or over the caller's transaction.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../context.hpp"
#include "../http/api.hpp"
#include "permissions.hpp"
#include "zhishen/domain/case_file.hpp"
#include "zhishen/lifecycle/action.hpp"
#include "zhishen/ports/store.hpp"

namespace zhishen::server {

// One action of POST /api/v1/cases/{no}/actions/{action}. `transition` is empty for the
// assignment actions (claim, assign), which change the assignee and no state.
struct StaffAction {
  std::string_view name;
  std::optional<lifecycle::Action> transition;
  Permission permission;
};

// Every staff action, in the order available_actions lists them.
const std::vector<StaffAction>& staff_actions();
const StaffAction* find_staff_action(std::string_view name);

// Cases whose work is over (办结, revoked, withdrawn, archived, ...): nobody claims or assigns them.
bool case_closed(lifecycle::State s);

// The case if it exists and the caller sees its department; case.not_found otherwise.
Result<domain::CaseFile> load_visible(ports::StoreTx& tx, const Principal& who, const std::string& case_no);

// The names of the actions this user may take on the case now (permission, state, role, guard).
std::vector<std::string> open_actions(const Principal& who, const domain::CaseFile& f);

// 138****0101; the first 6 characters of an address followed by ****.
std::string mask_phone(const std::string& phone);
// The running deadlines of a case with their lights, as the staff and channel APIs show them.
json::Value deadlines_json(ServerContext& ctx, const lifecycle::CaseRecord& r);
std::string mask_address(const std::string& address);

// An instant as the API writes it (ISO 8601, China time), or null.
json::Value instant_json(const std::optional<Instant>& t);

json::Value summary_json(const domain::CaseSummary& s);
// The working time (office hours on working days, ctx's calendar) from now to `due`, in minutes:
// negative once overdue (the working time since), null without a running deadline. What the
// workstation shows as 剩余/超期 N 个工作日 (a working day being the inbox's workday_minutes).
json::Value working_minutes_left(ServerContext& ctx, const std::optional<Instant>& due, Instant now);
// The minutes of office hours in a working day (ctx's deadline policy): the inbox's and the case's
// workday_minutes, the unit the workstation divides working_minutes_left by.
std::int64_t workday_minutes(ServerContext& ctx);
// The whole case with its decisions, certificate and publicity record (read in `tx`).
json::Value case_json(ServerContext& ctx, const Principal& who, const domain::CaseFile& f, ports::StoreTx& tx);

}  // namespace zhishen::server
