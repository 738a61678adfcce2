#pragma once
// Api: what the workstation asks of the approval server, as typed values (docs/api.md). The
// presenters depend on this interface only; HttpApi (http_api.hpp) implements it over the
// Transport port, and presenter tests implement it in memory (a fake at the port).
//
// Every call answers a value or an Error whose id is the server's stable error id (e.g.
// store.conflict, auth.session.expired, case.transition.invalid) or a transport id (net.*).
// Thread-safety: implementations allow calls from any thread; the presenters call from worker
// threads (never the UI thread).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::desk {

struct StaffUser {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string department;
  std::vector<std::string> roles;        // reviewer, approver, supervisor, admin
  std::vector<std::string> permissions;  // query, entry, review, approval, supervision, admin
  bool has_role(const std::string& r) const;
  bool may(const std::string& permission) const;
};

struct Session {
  std::string token;
  std::string expires_at;  // ISO 8601 with offset
  StaffUser user;
};

// One inbox line (GET /api/v1/inbox, and the overdue list).
struct CaseRow {
  std::string case_no;
  std::string item_code;
  std::string item_name;  // filled by the overdue list; the inbox leaves it to the catalogue
  std::string department;
  std::string channel;
  std::string applicant_name;
  std::string applicant_id_masked;
  std::string state;
  std::string state_label;
  std::string decision;  // the automatic decision: approved, rejected, manual_review, ineligible
  std::string due_at;    // "" when no deadline runs
  // Office working time from the loading to due_at, negative once overdue (the server counts it
  // on the working-day calendar); nullopt when no deadline runs or the server does not say.
  std::optional<std::int64_t> working_minutes_left;
  std::string light;     // green, yellow, red, or ""
  std::optional<std::int64_t> assignee_id;
  std::vector<std::string> flags;  // duplicate_channel, risk_warning
  std::string submitted_at;
  std::int64_t version = 0;
  long overdue_minutes = 0;  // overdue list only
  std::string ticket_no;     // overdue list only: the open supervision ticket
};

struct InboxQuery {
  std::string state;       // one state, or "" for all
  std::string item_code;   // "" for all
  std::string light;       // green, yellow, red, or ""
  std::string due_before;  // YYYY-MM-DD or ""
  std::string assignee;    // "me", "none", or ""
  bool flagged = false;    // only cases with a flag
  std::string search;      // case number, applicant ID number or certificate number, or ""
  std::string department;  // supervisors: one department, or "" for all
  int limit = 200;
  int offset = 0;
  friend bool operator==(const InboxQuery&, const InboxQuery&) = default;
};

struct InboxPage {
  std::vector<CaseRow> rows;
  long total = 0;
  long workday_minutes = 0;  // the office hours of a working day; 0 when the server does not say
  long green = 0, yellow = 0, red = 0;
};

struct TraceStep {  // one rule of the automatic decision
  std::string rule_id;
  std::string section;  // eligibility, review_points, risk_prompts
  std::string status;   // passed, failed, error, skipped
  std::string description;
  std::string message;
  std::string legal_basis;
  json::Value reads;  // the values the rule read
};

struct HistoryEntry {
  std::int64_t seq = 0;
  std::string from, to, action, action_label, role, actor, at, reason, legal_basis;
  bool ban = false;
};

struct Deadline {
  std::string kind;  // accept, decide, recheck, correction, ...
  std::string due;
  std::string light;
  bool paused = false;
};

// The case's e-certificate (电子证照), when one was issued. Times as the server writes them (ISO
// 8601 instants); valid_until is a day (YYYY-MM-DD), "" for a certificate without end (长期).
struct Certificate {
  std::string no;          // e.g. FZ-SCJG-2026-000123
  std::string type;        // e.g. 营业执照（个体工商户）
  std::string issued_at;
  std::string valid_until;
  std::string state;       // valid, revoked
  std::string revoked_at;  // "" unless revoked
  std::string revoke_reason;
};

// The case's publicity record (双公示), when the decision is to be made public.
struct Publicity {
  std::string state;  // pending, published, withdrawn
  std::string due_at;
  std::string published_at;  // "" unless published
  std::string withdrawn_at;  // "" unless withdrawn
};

struct CaseDetail {
  CaseRow row;
  long workday_minutes = 0;  // the office hours of a working day; 0 when the server does not say
  std::string item_name;
  std::int64_t item_version = 0;
  std::string receipt_no;
  std::string decided_at;
  json::Value applicant;  // type, name, id_type, id_number (masked unless approver), phone, address
  json::Value form;
  json::Value materials;  // [{code, name, mime, sha256, size}]
  std::string outcome;    // the automatic decision's outcome
  std::vector<TraceStep> trace;
  std::vector<std::string> warnings;
  std::vector<HistoryEntry> history;
  std::vector<Deadline> deadlines;
  std::vector<std::string> actions;  // what this user may do now, by the server's table
  std::optional<Certificate> certificate;  // absent: none issued (or not an object with a number)
  std::optional<Publicity> publicity;      // absent: none (or not an object with a state)
};

// The input of a case action (POST /api/v1/cases/{no}/actions/{action}).
struct ActionInput {
  std::int64_t version = 0;  // the version the user saw
  std::string reason;
  std::string legal_basis;
  bool ban = false;                   // revoke: the one-year ban where the item has it
  std::vector<std::string> items;     // request_correction: the one-time list of materials
  std::optional<std::int64_t> assignee_id;
};

struct AssignOutcome {
  std::string case_no;
  std::string result;  // assigned, not_found, conflict
  std::string error;   // the error id of a conflict
};

struct BoardItem {
  std::string item_code, item_name;
  long green = 0, yellow = 0, red = 0;
};
struct BoardTile {
  std::string department, department_name;
  long green = 0, yellow = 0, red = 0;
  std::vector<BoardItem> items;
};
// Work done outside the system (体外循环) the board lists: a certificate or a publicity record
// whose case is not in the system, or an approved case of a certificate item completed without one.
struct OutsideWork {
  std::string kind;  // certificate_without_case, publicity_without_case, completed_without_certificate
  std::string ref;   // the certificate's number, or the case number
  std::string department;  // its department's code
};
struct Board {
  std::vector<BoardTile> tiles;
  std::vector<OutsideWork> outside_system;  // absent or not a list: none
  std::string generated_at;
};

struct Ticket {
  std::string ticket_no, case_no, department, state, reason, opened_by, opened_at, answer_due_at;
  std::string response, responded_by, responded_at, closed_at, light;
};

// The ledger (台账) of the cases decided in a period (GET /api/v1/ledger.pdf|csv).
struct LedgerQuery {
  std::string from, to;    // YYYY-MM-DD, both days included
  std::string item;        // an item code, or "" for every item
  std::string department;  // supervisors: one department, or "" for all; others get their own
  friend bool operator==(const LedgerQuery&, const LedgerQuery&) = default;
};

class Api {
 public:
  virtual ~Api() = default;

  // The server's certificate (see Transport): its fingerprint now, the pinned one, pinning.
  virtual Result<std::string> fingerprint() = 0;
  virtual std::string pinned() const = 0;
  virtual Status trust(const std::string& fingerprint) = 0;

  // Logs in (password and TOTP code); later calls carry the session. auth.login.failed,
  // auth.login.locked, auth.session.* ...
  virtual Result<Session> login(const std::string& username, const std::string& password,
                                const std::string& totp) = 0;
  virtual Status logout() = 0;

  virtual Result<InboxPage> inbox(const InboxQuery& q) = 0;
  virtual Result<CaseDetail> case_detail(const std::string& case_no) = 0;
  // Acts on a case; answers the case as it is afterwards.
  virtual Result<CaseDetail> act(const std::string& case_no, const std::string& action, const ActionInput& in) = 0;
  virtual Result<std::vector<AssignOutcome>> assign(const std::vector<std::string>& case_nos,
                                                    std::int64_t assignee_id) = 0;

  virtual Result<Board> board() = 0;
  virtual Result<std::vector<CaseRow>> overdue(int limit) = 0;
  virtual Result<std::vector<Ticket>> tickets(const std::string& state) = 0;
  virtual Result<Ticket> open_ticket(const std::string& case_no, const std::string& reason) = 0;
  virtual Result<Ticket> respond_ticket(const std::string& ticket_no, const std::string& response) = 0;
  virtual Result<Ticket> close_ticket(const std::string& ticket_no, const std::string& note) = 0;
  // Efficiency figures for [from, to] (YYYY-MM-DD), as the server sends them.
  virtual Result<json::Value> statistics(const std::string& from, const std::string& to) = 0;

  // Printed documents, as the bytes the server produced.
  // A case's document — kind: receipt, acceptance, non_acceptance, correction, refusal,
  // revocation, certificate (the e-certificate, when the case has one) — as PDF;
  // document.not_available (the case has none in its state or history), document.kind.unknown,
  // case.not_found.
  virtual Result<std::string> document(const std::string& case_no, const std::string& kind) = 0;
  // The ledger of a period as PDF, or as CSV (UTF-8 with a BOM); statistics.period.invalid,
  // supervision.param.invalid, ledger.too_large.
  virtual Result<std::string> ledger(const LedgerQuery& q, bool csv) = 0;
};

}  // namespace zhishen::desk
