#pragma once
// The supervisory office's work (BRIEF R5, R10; 000 Art.16): the board of green / yellow / red
// cases by department and item, the overdue list, and supervision tickets (挂号督办) — opened by a
// supervisor or by the timer when a case turns red, answered by the case's department within its
// own deadline (ServerConfig::ticket_answer_workdays working days on the official calendar),
// closed by a supervisor. Independent of HTTP: handlers/supervision.cpp translates.
//
// The board counts open cases: those with a running (not paused) deadline, by their light at the
// moment of the request (red once the deadline passed, yellow once the threshold passed).
// Scope (permissions.hpp): supervisors and admins see every department and may narrow to one with
// ?department=; reviewers and approvers see their own department whatever they ask (as the inbox).
// Opening and closing tickets is the supervisor's own act (督办), which no Permission names: it
// needs the supervisor role. Answering needs review permission in the ticket's department.
// Every ticket change is audited (ticket.open, ticket.respond, ticket.close) on the case's chain.
//
// Error ids: supervision.param.invalid; ticket.not_found, ticket.state.invalid,
// ticket.response.required, ticket.reason.required, ticket.text.too_long, ticket.duplicate (an
// open ticket exists for the case); case.not_found; auth.forbidden.
// Thread-safety: any request thread; open_ticket_in also from the timer thread.

#include <map>
#include <optional>
#include <string>

#include "../context.hpp"
#include "../http/api.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/domain/records.hpp"
#include "zhishen/json/value.hpp"
#include "zhishen/ports/store.hpp"

namespace zhishen::server {

// GET /api/v1/board: {"tiles":[{"department","department_name","green","yellow","red",
// "items":[{"item_code","item_name","green","yellow","red"}]}],"generated_at"}.
Result<json::Value> supervision_board(ServerContext& ctx, const Principal& who,
                                      const std::map<std::string, std::string>& query);

// GET /api/v1/board/overdue: {"cases":[summary + overdue_minutes, ticket_no],"total","generated_at"},
// the most overdue first.
Result<json::Value> overdue_cases(ServerContext& ctx, const Principal& who,
                                  const std::map<std::string, std::string>& query);

// GET /api/v1/tickets?state=&department=: {"tickets":[...],"generated_at"}.
Result<json::Value> list_tickets(ServerContext& ctx, const Principal& who,
                                 const std::map<std::string, std::string>& query);
// POST /api/v1/tickets {"case_no","reason"}: the new ticket.
Result<json::Value> open_ticket(ServerContext& ctx, const Principal& who, const json::Value& body);
// POST /api/v1/tickets/{no}/response {"response"}: the answered ticket.
Result<json::Value> respond_to_ticket(ServerContext& ctx, const Principal& who, const std::string& ticket_no,
                                      const json::Value& body);
// POST /api/v1/tickets/{no}/close {"note"}: the closed ticket (the note goes to the audit entry).
Result<json::Value> close_ticket(ServerContext& ctx, const Principal& who, const std::string& ticket_no,
                                 const json::Value& body);

// Opens a ticket inside the caller's transaction: a fresh number (DB + local date + random) unless
// `fixed_no` is given, the answer due ticket_answer_workdays working days after `now`, the audit
// entry ticket.open and a notification to the department (template `template_id`, recipient the
// department code). With `fixed_no`, a ticket of that number already stored is store.duplicate.
Result<domain::Ticket> open_ticket_in(ServerContext& ctx, ports::StoreTx& tx, const std::string& case_no,
                                      const std::string& department_code, const std::string& reason,
                                      const std::string& actor, const std::string& role,
                                      const std::string& template_id, Instant now,
                                      const std::optional<std::string>& fixed_no = std::nullopt);

// The number of the ticket a red light of `case_no` whose deadline is `due` opens: the same on every
// server sharing the database, so that two timers opening it at once store it once.
std::string red_ticket_number(const std::string& case_no, Instant due);

// The ticket as the API shows it; "light" is red while an open ticket is past its answer deadline.
json::Value ticket_json(const domain::Ticket& t, Instant now);

}  // namespace zhishen::server
