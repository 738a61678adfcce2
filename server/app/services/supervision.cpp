// Supervision tickets (挂号督办): list, open, answer, close; and open_ticket_in, which the timer
// shares. The board and the overdue list are in supervision_board.cpp.
#include "supervision.hpp"

#include "case_support.hpp"
#include "case_view.hpp"
#include "permissions.hpp"
#include "zhishen/calendar/deadline.hpp"
#include "zhishen/crypto/hash.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Role;

constexpr std::size_t kMaxText = 4000;  // bytes of a reason, response or note
constexpr int kNumberAttempts = 5;      // fresh ticket numbers tried before giving up

// Blank: only ASCII white space or ideographic spaces (U+3000), as the lifecycle counts reasons.
bool blank(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (s.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

// A text member of the body: "" when absent; ticket.text.too_long past kMaxText.
Result<std::string> text_member(const json::Value& body, const char* name) {
  const json::Value* v = body.find(name);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string()) return make_error("supervision.param.invalid", std::string(name) + ": must be a string");
  if (v->as_string().size() > kMaxText) {
    return make_error("ticket.text.too_long", std::string(name) + ": at most " + std::to_string(kMaxText) + " bytes");
  }
  return v->as_string();
}

json::Value opt_instant_json(const std::optional<Instant>& t) {
  return t ? json::Value(format_instant(*t, UtcOffset{})) : json::Value(nullptr);
}

bool is_supervisor(const Principal& who) { return who.has_role(Role::supervisor); }

Status require_supervisor(const Principal& who) {
  if (is_supervisor(who)) return {};
  return make_error("auth.forbidden", "opening and closing supervision tickets (督办) needs the supervisor role");
}

// The ticket if the caller sees its department; ticket.not_found otherwise (existence not revealed).
Result<domain::Ticket> visible_ticket(ports::StoreTx& tx, const Principal& who, const std::string& ticket_no) {
  auto t = tx.supervision().ticket(ticket_no);
  if (!t || !sees_department(who, t->department_code)) {
    return make_error("ticket.not_found", "no ticket " + ticket_no + " in your departments");
  }
  return *t;
}

Instant answer_due(ServerContext& ctx, Instant from) {
  auto cal = ctx.calendar();
  const int days = std::max(1, ctx.config().ticket_answer_workdays);
  auto d = calendar::compute_deadline(*cal, from, days, {}, ctx.deadline_policy());
  // Only a span beyond year 9999 fails; then the answer is due at once.
  return d && !d->paused ? d->due : from;
}

}  // namespace

json::Value ticket_json(const domain::Ticket& t, Instant now) {
  const bool overdue = t.state == "open" && now > t.answer_due_at;
  const bool late = t.responded_at && *t.responded_at > t.answer_due_at;
  return json::Object{{"ticket_no", t.ticket_no},
                      {"case_no", t.case_no},
                      {"department", t.department_code},
                      {"state", t.state},
                      {"reason", t.reason},
                      {"opened_by", t.opened_by},
                      {"opened_at", format_instant(t.opened_at, UtcOffset{})},
                      {"answer_due_at", format_instant(t.answer_due_at, UtcOffset{})},
                      {"response", t.response},
                      {"responded_by", t.responded_by},
                      {"responded_at", opt_instant_json(t.responded_at)},
                      {"closed_by", t.closed_by},
                      {"closed_at", opt_instant_json(t.closed_at)},
                      {"answer_overdue", overdue},
                      {"answered_late", late},
                      {"light", overdue ? "red" : "green"}};
}

std::string red_ticket_number(const std::string& case_no, Instant due) {
  std::string date = local_date(due, UtcOffset{}).to_string();
  date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
  std::string hex = crypto::sha256_hex(case_no + "|" + std::to_string(due.time_since_epoch().count())).substr(0, 8);
  for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "DB" + date + hex;
}

Result<domain::Ticket> open_ticket_in(ServerContext& ctx, ports::StoreTx& tx, const std::string& case_no,
                                      const std::string& department_code, const std::string& reason,
                                      const std::string& actor, const std::string& role,
                                      const std::string& template_id, Instant now,
                                      const std::optional<std::string>& fixed_no) {
  domain::Ticket t;
  t.case_no = case_no;
  t.department_code = department_code;
  t.state = "open";
  t.reason = reason;
  t.opened_by = actor;
  t.opened_at = now;
  t.answer_due_at = answer_due(ctx, now);
  for (int attempt = 0;; ++attempt) {
    t.ticket_no = fixed_no ? *fixed_no : new_number("DB", now);
    auto id = tx.supervision().open_ticket(t);
    if (id) {
      t.id = *id;
      break;
    }
    if (fixed_no || id.error().id != "store.duplicate" || attempt + 1 >= kNumberAttempts) return id.error();
  }
  tx.audit().append({0, now, actor, role, "ticket.open", case_no,
                     json::Object{{"ticket_no", t.ticket_no},
                                  {"department", department_code},
                                  {"answer_due_at", format_instant(t.answer_due_at, UtcOffset{})}},
                     "", ""});
  // The department has no phone of its own here: the recipient is its code and the sender routes it.
  auto queued = tx.supervision().enqueue({0, case_no, department_code, template_id,
                                          "【智审督办】办件 " + case_no + " 已挂号督办（" + t.ticket_no + "），请于 " +
                                              format_instant(t.answer_due_at, UtcOffset{}) + " 前回复：" + reason,
                                          now, 0, now, std::nullopt, ""});
  if (!queued) return queued.error();
  return t;
}

Result<json::Value> list_tickets(ServerContext& ctx, const Principal& who,
                                 const std::map<std::string, std::string>& query) {
  if (auto st = require(who, Permission::query); !st) return st.error();
  std::optional<std::string> department;
  std::optional<std::string> state;
  for (const auto& [key, value] : query) {
    if (key == "state") {
      if (value != "open" && value != "answered" && value != "closed") {
        return make_error("supervision.param.invalid", "state: open, answered or closed");
      }
      state = value;
    } else if (key == "department") {
      if (value.empty() || value.size() > 64) {
        return make_error("supervision.param.invalid", "department: a department code");
      }
      department = value;
    } else {
      return make_error("supervision.param.invalid", key + ": unknown parameter");
    }
  }
  if (auto scope = department_scope(who)) department = *scope;
  const Instant now = ctx.now();
  json::Array out;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    out.clear();
    for (const auto& t : tx.supervision().tickets(department, state)) out.push_back(ticket_json(t, now));
    return {};
  });
  if (!st) return st.error();
  return json::Value(json::Object{{"tickets", std::move(out)}, {"generated_at", format_instant(now, UtcOffset{})}});
}

Result<json::Value> open_ticket(ServerContext& ctx, const Principal& who, const json::Value& body) {
  if (auto st = require_supervisor(who); !st) return st.error();
  auto case_no = text_member(body, "case_no");
  if (!case_no) return case_no.error();
  if (case_no->empty()) return make_error("supervision.param.invalid", "case_no: required");
  auto reason = text_member(body, "reason");
  if (!reason) return reason.error();
  if (blank(*reason)) return make_error("ticket.reason.required", "reason: say why the case is supervised");
  const Instant now = ctx.now();
  Result<json::Value> out = make_error("server.internal", "ticket not opened");
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto f = load_visible(tx, who, *case_no);
    if (!f) return f.error();
    for (const auto& t : tx.supervision().tickets_for_case(*case_no)) {
      if (t.state != "closed") {
        return make_error("ticket.duplicate", "case " + *case_no + " already has the open ticket " + t.ticket_no);
      }
    }
    auto t = open_ticket_in(ctx, tx, *case_no, f->department_code, *reason, who.staff.username, "supervisor",
                            "ticket.open", now);
    if (!t) return t.error();
    out = ticket_json(*t, now);
    return {};
  });
  if (!st) return st.error();
  return out;
}

Result<json::Value> respond_to_ticket(ServerContext& ctx, const Principal& who, const std::string& ticket_no,
                                      const json::Value& body) {
  if (auto st = require(who, Permission::review); !st) return st.error();
  auto response = text_member(body, "response");
  if (!response) return response.error();
  if (blank(*response)) return make_error("ticket.response.required", "response: the department's answer");
  const Instant now = ctx.now();
  Result<json::Value> out = make_error("server.internal", "ticket not answered");
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto t = visible_ticket(tx, who, ticket_no);
    if (!t) return t.error();
    if (t->department_code != who.staff.department_code) {
      return make_error("auth.forbidden", "only the case's department answers its ticket");
    }
    if (t->state != "open") return make_error("ticket.state.invalid", "ticket " + ticket_no + " is " + t->state);
    t->state = "answered";
    t->response = *response;
    t->responded_by = who.staff.username;
    t->responded_at = now;
    if (auto s = tx.supervision().update_ticket(*t); !s) return s;
    const char* role = who.has_role(Role::approver) ? "approver" : "reviewer";
    tx.audit().append({0, now, who.staff.username, role, "ticket.respond", t->case_no,
                       json::Object{{"ticket_no", ticket_no}, {"late", now > t->answer_due_at}}, "", ""});
    out = ticket_json(*t, now);
    return {};
  });
  if (!st) return st.error();
  return out;
}

Result<json::Value> close_ticket(ServerContext& ctx, const Principal& who, const std::string& ticket_no,
                                 const json::Value& body) {
  if (auto st = require_supervisor(who); !st) return st.error();
  auto note = text_member(body, "note");
  if (!note) return note.error();
  const Instant now = ctx.now();
  Result<json::Value> out = make_error("server.internal", "ticket not closed");
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto t = visible_ticket(tx, who, ticket_no);
    if (!t) return t.error();
    if (t->state == "closed") return make_error("ticket.state.invalid", "ticket " + ticket_no + " is already closed");
    const std::string was = t->state;
    t->state = "closed";
    t->closed_by = who.staff.username;
    t->closed_at = now;
    if (auto s = tx.supervision().update_ticket(*t); !s) return s;
    tx.audit().append({0, now, who.staff.username, "supervisor", "ticket.close", t->case_no,
                       json::Object{{"ticket_no", ticket_no}, {"from", was}, {"note", *note}}, "", ""});
    json::Value v = ticket_json(*t, now);
    v.set("note", *note);
    out = std::move(v);
    return {};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace zhishen::server
