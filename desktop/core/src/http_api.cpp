// HttpApi: docs/api.md's JSON turned into api.hpp's values. Missing optional members take their
// defaults; a reply whose shape is wrong (not an object, a list that is not a list) is
// api.reply.invalid, never a crash.
#include "zhishen/desk/http_api.hpp"

#include <algorithm>

#include "json_fields.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"

namespace zhishen::desk {

using namespace fields;  // NOLINT(google-build-using-namespace): this file reads JSON members

namespace {

CaseRow row_of(const json::Value& c) {
  CaseRow r;
  r.case_no = str(c, "case_no");
  r.item_code = str(c, "item_code");
  r.item_name = str(c, "item_name");
  r.department = str(c, "department");
  r.channel = str(c, "channel");
  r.applicant_name = str(c, "applicant_name");
  r.applicant_id_masked = str(c, "applicant_id_masked");
  r.state = str(c, "state");
  r.state_label = str(c, "state_label");
  r.decision = str(c, "decision");
  r.due_at = str(c, "due_at");
  r.working_minutes_left = opt_id(c, "working_minutes_left");
  r.light = str(c, "light");
  r.assignee_id = opt_id(c, "assignee_id");
  r.flags = strings(c, "flags");
  r.submitted_at = str(c, "submitted_at");
  r.version = opt_id(c, "version").value_or(0);
  r.overdue_minutes = num(c, "overdue_minutes");
  r.ticket_no = str(c, "ticket_no");
  return r;
}

Result<std::vector<CaseRow>> rows_of(const json::Value& v, std::string_view key) {
  const json::Array* cases = list(v, key);
  if (cases == nullptr) return invalid_reply(std::string(key) + " is not a list");
  std::vector<CaseRow> rows;
  rows.reserve(cases->size());
  for (const auto& c : *cases) {
    if (!c.is_object()) return invalid_reply("a case that is not an object");
    rows.push_back(row_of(c));
  }
  return rows;
}

// The e-certificate member: null, absent, not an object or without a number → none. Members of
// another type read as "" (valid_until null: without end).
std::optional<Certificate> certificate_of(const json::Value& v) {
  const json::Value* c = v.find("certificate");
  if (c == nullptr || !c->is_object() || str(*c, "no").empty()) return std::nullopt;
  return Certificate{str(*c, "no"),    str(*c, "type"),       str(*c, "issued_at"),    str(*c, "valid_until"),
                     str(*c, "state"), str(*c, "revoked_at"), str(*c, "revoke_reason")};
}

// The publicity member (双公示): null, absent, not an object or without a state → none.
std::optional<Publicity> publicity_of(const json::Value& v) {
  const json::Value* p = v.find("publicity");
  if (p == nullptr || !p->is_object() || str(*p, "state").empty()) return std::nullopt;
  return Publicity{str(*p, "state"), str(*p, "due_at"), str(*p, "published_at"), str(*p, "withdrawn_at")};
}

Result<CaseDetail> detail_of(const json::Value& v) {
  if (!v.is_object() || str(v, "case_no").empty()) return invalid_reply("a case without a number");
  CaseDetail d;
  d.row = row_of(v);
  d.workday_minutes = num(v, "workday_minutes");
  d.row.applicant_name = str(member(v, "applicant"), "name");
  d.row.applicant_id_masked = str(member(v, "applicant"), "id_number");
  d.item_name = str(v, "item_name");
  d.row.item_name = d.item_name;
  d.item_version = opt_id(v, "item_version").value_or(0);
  d.receipt_no = str(v, "receipt_no");
  d.decided_at = str(v, "decided_at");
  d.applicant = member(v, "applicant");
  d.form = member(v, "form");
  d.materials = member(v, "materials");
  d.warnings = strings(v, "warnings");
  d.actions = strings(v, "available_actions");
  d.certificate = certificate_of(v);
  d.publicity = publicity_of(v);
  const json::Value decision = member(v, "automatic_decision");
  d.outcome = str(decision, "outcome");
  // The reasons carry each failed rule's description, message and legal basis; the trace each
  // rule's status and the values it read.
  std::vector<TraceStep> reasons;
  if (const json::Array* rs = list(decision, "reasons")) {
    for (const auto& r : *rs) {
      reasons.push_back({str(r, "rule_id"), "", "failed", str(r, "description"), str(r, "message"),
                         str(r, "legal_basis"), json::Value()});
    }
  }
  if (const json::Array* ws = list(decision, "warnings")) {
    for (const auto& w : *ws) {
      reasons.push_back({str(w, "rule_id"), "risk_prompts", "failed", str(w, "description"), str(w, "message"),
                         str(w, "legal_basis"), json::Value()});
      if (!str(w, "message").empty()) d.warnings.push_back(str(w, "message"));
    }
  }
  if (const json::Array* trace = list(decision, "trace")) {
    for (const auto& t : *trace) {
      TraceStep s{str(t, "rule_id"), str(t, "section"), str(t, "status"), str(t, "description"),
                  str(t, "message"), str(t, "legal_basis"), member(t, "reads")};
      auto r = std::find_if(reasons.begin(), reasons.end(), [&](const TraceStep& x) { return x.rule_id == s.rule_id; });
      if (r != reasons.end()) {
        if (s.description.empty()) s.description = r->description;
        if (s.message.empty()) s.message = r->message;
        if (s.legal_basis.empty()) s.legal_basis = r->legal_basis;
      }
      d.trace.push_back(std::move(s));
    }
  }
  if (const json::Array* hs = list(v, "history")) {
    for (const auto& h : *hs) {
      const json::Value* ban = h.find("ban");
      d.history.push_back({opt_id(h, "seq").value_or(0), str(h, "from"), str(h, "to"), str(h, "action"),
                           str(h, "action_label"), str(h, "role"), str(h, "actor"), str(h, "at"), str(h, "reason"),
                           str(h, "legal_basis"), ban != nullptr && ban->is_bool() && ban->as_bool()});
    }
  }
  if (const json::Array* ds = list(v, "deadlines")) {
    for (const auto& x : *ds) {
      const json::Value* paused = x.find("paused");
      d.deadlines.push_back({str(x, "kind"), str(x, "due"), str(x, "light"),
                             paused != nullptr && paused->is_bool() && paused->as_bool()});
    }
  }
  return d;
}

Ticket ticket_of(const json::Value& t) {
  return Ticket{str(t, "ticket_no"),   str(t, "case_no"),      str(t, "department"),   str(t, "state"),
                str(t, "reason"),      str(t, "opened_by"),    str(t, "opened_at"),    str(t, "answer_due_at"),
                str(t, "response"),    str(t, "responded_by"), str(t, "responded_at"), str(t, "closed_at"),
                str(t, "light")};
}

Result<Ticket> one_ticket(Result<json::Value> v) {
  if (!v) return v.error();
  if (!v->is_object() || str(*v, "ticket_no").empty()) return invalid_reply("a ticket without a number");
  return ticket_of(*v);
}

}  // namespace

bool StaffUser::has_role(const std::string& r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

bool StaffUser::may(const std::string& permission) const {
  return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
}

std::string url_encode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string HttpApi::inbox_query_string(const InboxQuery& q) {
  std::string s = "limit=" + std::to_string(q.limit) + "&offset=" + std::to_string(q.offset);
  auto add = [&](const char* key, const std::string& value) {
    if (!value.empty()) s += std::string("&") + key + "=" + url_encode(value);
  };
  add("state", q.state);
  add("item", q.item_code);
  add("light", q.light);
  if (!q.due_before.empty()) add("due_before", q.due_before + "T00:00:00+08:00");
  add("assignee", q.assignee);
  if (q.flagged) add("flagged", "duplicate_channel");
  add("q", q.search);
  add("department", q.department);
  return s;
}

std::string HttpApi::ledger_query_string(const LedgerQuery& q) {
  std::string s = "from=" + url_encode(q.from) + "&to=" + url_encode(q.to);
  if (!q.item.empty()) s += "&item=" + url_encode(q.item);
  if (!q.department.empty()) s += "&department=" + url_encode(q.department);
  return s;
}

std::string HttpApi::token() const {
  std::lock_guard l(mu_);
  return token_;
}

bool HttpApi::logged_in() const { return !token().empty(); }

Result<json::Value> HttpApi::call(const std::string& method, const std::string& target, const json::Value* body) {
  return call_text(method, target, body != nullptr ? json::to_json(*body) : std::string(), "application/json");
}

Result<json::Value> HttpApi::call_text(const std::string& method, const std::string& target, const std::string& body,
                                       const std::string& content_type) {
  auto reply = transport_.send(method, target, body, token(), content_type);
  if (!reply) return reply.error();
  if (reply->status >= 200 && reply->status < 300 && reply->body.empty()) return json::Value();  // 204
  if (reply->status < 200 || reply->status >= 300) return reply_error(*reply);
  auto doc = json::parse(reply->body);
  if (!doc) return invalid_reply("HTTP " + std::to_string(reply->status) + " without JSON");
  return std::move(doc).value();
}

Result<std::string> HttpApi::call_bytes(const std::string& target) {
  auto reply = transport_.send("GET", target, std::string(), token(), "application/json");
  if (!reply) return reply.error();
  if (reply->status < 200 || reply->status >= 300) return reply_error(*reply);
  return std::move(reply->body);
}

Error HttpApi::reply_error(const HttpReply& reply) {
  auto doc = json::parse(reply.body);
  const json::Value* error = doc ? doc->find("error") : nullptr;
  if (error == nullptr || str(*error, "id").empty()) {
    return make_error("api.http." + std::to_string(reply.status), "HTTP " + std::to_string(reply.status));
  }
  Error e{str(*error, "id"), str(*error, "message")};
  if (e.id.rfind("auth.session.", 0) == 0) {
    std::lock_guard l(mu_);
    token_.clear();
  }
  return e;
}

Result<Session> HttpApi::login(const std::string& username, const std::string& password, const std::string& totp) {
  const json::Value body = json::Object{{"username", username}, {"password", password}, {"totp", totp}};
  {
    std::lock_guard l(mu_);
    token_.clear();
  }
  auto v = call("POST", "/api/v1/session", &body);
  if (!v) return v.error();
  Session s{str(*v, "token"), str(*v, "expires_at"), staff_user_of(member(*v, "user"))};
  if (s.token.empty()) return invalid_reply("a session without a token");
  std::lock_guard l(mu_);
  token_ = s.token;
  return s;
}

Status HttpApi::logout() {
  if (token().empty()) return {};
  auto v = call("DELETE", "/api/v1/session", nullptr);
  std::lock_guard l(mu_);
  token_.clear();
  if (!v && v.error().id.rfind("auth.session.", 0) != 0) return v.error();
  return {};
}

Result<InboxPage> HttpApi::inbox(const InboxQuery& q) {
  auto v = call("GET", "/api/v1/inbox?" + inbox_query_string(q), nullptr);
  if (!v) return v.error();
  auto rows = rows_of(*v, "cases");
  if (!rows) return rows.error();
  InboxPage page;
  page.rows = std::move(rows).value();
  page.total = num(*v, "total");
  page.workday_minutes = num(*v, "workday_minutes");
  const json::Value counts = member(*v, "counts");
  page.green = num(counts, "green");
  page.yellow = num(counts, "yellow");
  page.red = num(counts, "red");
  return page;
}

Result<CaseDetail> HttpApi::case_detail(const std::string& case_no) {
  auto v = call("GET", "/api/v1/cases/" + url_encode(case_no), nullptr);
  if (!v) return v.error();
  return detail_of(*v);
}

Result<CaseDetail> HttpApi::act(const std::string& case_no, const std::string& action, const ActionInput& in) {
  json::Object body{{"version", in.version}};
  if (!in.reason.empty()) body.emplace_back("reason", in.reason);
  if (!in.legal_basis.empty()) body.emplace_back("legal_basis", in.legal_basis);
  if (in.ban) body.emplace_back("ban", true);
  if (!in.items.empty()) body.emplace_back("items", json::Array(in.items.begin(), in.items.end()));
  if (in.assignee_id) body.emplace_back("assignee_id", *in.assignee_id);
  const json::Value b(std::move(body));
  auto v = call("POST", "/api/v1/cases/" + url_encode(case_no) + "/actions/" + url_encode(action), &b);
  if (!v) return v.error();
  return detail_of(*v);
}

Result<std::vector<AssignOutcome>> HttpApi::assign(const std::vector<std::string>& case_nos, std::int64_t assignee_id) {
  const json::Value body =
      json::Object{{"case_nos", json::Array(case_nos.begin(), case_nos.end())}, {"assignee_id", assignee_id}};
  auto v = call("POST", "/api/v1/cases/actions/assign", &body);
  if (!v) return v.error();
  const json::Array* results = list(*v, "results");
  if (results == nullptr) return invalid_reply("results is not a list");
  std::vector<AssignOutcome> out;
  for (const auto& r : *results) out.push_back({str(r, "case_no"), str(r, "result"), str(r, "error")});
  return out;
}

Result<Board> HttpApi::board() {
  auto v = call("GET", "/api/v1/board", nullptr);
  if (!v) return v.error();
  const json::Array* tiles = list(*v, "tiles");
  if (tiles == nullptr) return invalid_reply("tiles is not a list");
  Board b;
  b.generated_at = str(*v, "generated_at");
  for (const auto& t : *tiles) {
    BoardTile tile{str(t, "department"), str(t, "department_name"), num(t, "green"), num(t, "yellow"), num(t, "red"), {}};
    if (const json::Array* items = list(t, "items")) {
      for (const auto& i : *items) {
        tile.items.push_back({str(i, "item_code"), str(i, "item_name"), num(i, "green"), num(i, "yellow"), num(i, "red")});
      }
    }
    b.tiles.push_back(std::move(tile));
  }
  // 体外循环: absent, null or not a list → none; an entry that is not an object or has no kind is
  // skipped; other members of another type read as "".
  if (const json::Array* outside = list(*v, "outside_system")) {
    for (const auto& o : *outside) {
      if (!o.is_object() || str(o, "kind").empty()) continue;
      b.outside_system.push_back({str(o, "kind"), str(o, "ref"), str(o, "department")});
    }
  }
  return b;
}

Result<std::vector<CaseRow>> HttpApi::overdue(int limit) {
  auto v = call("GET", "/api/v1/board/overdue?limit=" + std::to_string(limit), nullptr);
  if (!v) return v.error();
  return rows_of(*v, "cases");
}

Result<std::vector<Ticket>> HttpApi::tickets(const std::string& state) {
  auto v = call("GET", "/api/v1/tickets" + (state.empty() ? std::string() : "?state=" + url_encode(state)), nullptr);
  if (!v) return v.error();
  const json::Array* ts = list(*v, "tickets");
  if (ts == nullptr) return invalid_reply("tickets is not a list");
  std::vector<Ticket> out;
  for (const auto& t : *ts) out.push_back(ticket_of(t));
  return out;
}

Result<Ticket> HttpApi::open_ticket(const std::string& case_no, const std::string& reason) {
  const json::Value body = json::Object{{"case_no", case_no}, {"reason", reason}};
  return one_ticket(call("POST", "/api/v1/tickets", &body));
}

Result<Ticket> HttpApi::respond_ticket(const std::string& ticket_no, const std::string& response) {
  const json::Value body = json::Object{{"response", response}};
  return one_ticket(call("POST", "/api/v1/tickets/" + url_encode(ticket_no) + "/response", &body));
}

Result<Ticket> HttpApi::close_ticket(const std::string& ticket_no, const std::string& note) {
  const json::Value body = json::Object{{"note", note}};
  return one_ticket(call("POST", "/api/v1/tickets/" + url_encode(ticket_no) + "/close", &body));
}

Result<json::Value> HttpApi::statistics(const std::string& from, const std::string& to) {
  return call("GET", "/api/v1/statistics?from=" + url_encode(from) + "&to=" + url_encode(to), nullptr);
}

Result<std::string> HttpApi::document(const std::string& case_no, const std::string& kind) {
  return call_bytes("/api/v1/cases/" + url_encode(case_no) + "/documents/" + url_encode(kind) + ".pdf");
}

Result<std::string> HttpApi::ledger(const LedgerQuery& q, bool csv) {
  return call_bytes(std::string("/api/v1/ledger.") + (csv ? "csv" : "pdf") + "?" + ledger_query_string(q));
}

}  // namespace zhishen::desk
