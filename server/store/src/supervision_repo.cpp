#include "bulk.hpp"
#include "lookups.hpp"
#include "sql_repos.hpp"

namespace zhishen::store {
namespace {

const char* kTicketColumns =
    "id, ticket_no, case_no, department_code, state, reason, opened_by, opened_at, answer_due_at, response,"
    " responded_by, responded_at, closed_by, closed_at";
const char* kCertColumns =
    "cert_no, case_no, department_code, type, holder_name, holder_id_type, holder_id_enc, content_enc, issued_at,"
    " valid_until, algorithm, key_id, signature, revoked_at, revoke_reason";

}  // namespace

Result<std::int64_t> SqlSupervisionRepo::open_ticket(const domain::Ticket& t) {
  auto st = insert_unique(c_,
                          "INSERT INTO tickets (ticket_no, case_no, department_code, state, reason, opened_by, opened_at,"
                          " answer_due_at, response, responded_by, responded_at, closed_by, closed_at)"
                          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          {t.ticket_no, t.case_no, t.department_code, t.state, t.reason, t.opened_by,
                           sql_instant(t.opened_at), sql_instant(t.answer_due_at), t.response, t.responded_by,
                           sql_opt_instant(t.responded_at), t.closed_by, sql_opt_instant(t.closed_at)},
                          "ticket " + t.ticket_no + " exists");
  if (!st) return st.error();
  return c_.last_insert_id();
}

std::vector<domain::Ticket> SqlSupervisionRepo::tickets_where(const std::string& where,
                                                              std::initializer_list<SqlValue> params) {
  std::vector<domain::Ticket> out;
  for (const auto& r : query(c_, std::string("SELECT ") + kTicketColumns + " FROM tickets " + where, params)) {
    out.push_back(domain::Ticket{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                                 instant_of(r.int64(7)), instant_of(r.int64(8)), r.text(9), r.text(10),
                                 opt_instant(r, 11), r.text(12), opt_instant(r, 13)});
  }
  return out;
}

std::optional<domain::Ticket> SqlSupervisionRepo::ticket(const std::string& ticket_no) {
  auto v = tickets_where("WHERE ticket_no = ?", {ticket_no});
  if (v.empty()) return std::nullopt;
  return v[0];
}

Status SqlSupervisionRepo::update_ticket(const domain::Ticket& t) {
  if (!ticket(t.ticket_no)) return make_error("store.not_found", "no ticket " + t.ticket_no);
  exec(c_,
       "UPDATE tickets SET state = ?, reason = ?, answer_due_at = ?, response = ?, responded_by = ?, responded_at = ?,"
       " closed_by = ?, closed_at = ? WHERE ticket_no = ?",
       {t.state, t.reason, sql_instant(t.answer_due_at), t.response, t.responded_by, sql_opt_instant(t.responded_at),
        t.closed_by, sql_opt_instant(t.closed_at), t.ticket_no});
  return {};
}

std::vector<domain::Ticket> SqlSupervisionRepo::tickets(const std::optional<std::string>& department_code,
                                                        const std::optional<std::string>& state) {
  if (department_code && state) {
    return tickets_where("WHERE department_code = ? AND state = ? ORDER BY opened_at, ticket_no", {*department_code, *state});
  }
  if (department_code) return tickets_where("WHERE department_code = ? ORDER BY opened_at, ticket_no", {*department_code});
  if (state) return tickets_where("WHERE state = ? ORDER BY opened_at, ticket_no", {*state});
  return tickets_where("ORDER BY opened_at, ticket_no", {});
}

Status SqlSupervisionRepo::put_certificate(const domain::Certificate& cert) {
  const std::string w = ":" + cert.cert_no;
  return insert_unique(
      c_,
      std::string("INSERT INTO certificates (") + kCertColumns + ", holder_id_index) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      {cert.cert_no, cert.case_no, cert.department_code, cert.type, cert.holder_name, cert.holder_id_type,
       codec_.seal(cert.holder_id_number, "certificates.holder_id" + w),
       codec_.seal(json_text(cert.content), "certificates.content" + w), sql_instant(cert.issued_at),
       cert.valid_until ? SqlValue{cert.valid_until->to_string()} : SqlValue{nullptr}, cert.algorithm, cert.key_id,
       Blob{cert.signature}, sql_opt_instant(cert.revoked_at), cert.revoke_reason,
       codec_.index(cert.holder_id_type, cert.holder_id_number)},
      "certificate " + cert.cert_no + " exists");
}

std::vector<domain::Certificate> SqlSupervisionRepo::certificates_where(const std::string& where,
                                                                        std::initializer_list<SqlValue> params) {
  std::vector<domain::Certificate> out;
  for (const auto& r : query(c_, std::string("SELECT ") + kCertColumns + " FROM certificates " + where, params)) {
    domain::Certificate c;
    c.cert_no = r.text(0);
    const std::string w = ":" + c.cert_no;
    c.case_no = r.text(1);
    c.department_code = r.text(2);
    c.type = r.text(3);
    c.holder_name = r.text(4);
    c.holder_id_type = r.text(5);
    c.holder_id_number = codec_.open(r, 6, "certificates.holder_id" + w);
    c.content = parse_stored_json(codec_.open(r, 7, "certificates.content" + w), "certificate content");
    c.issued_at = instant_of(r.int64(8));
    if (auto v = r.opt_text(9)) {
      auto d = Date::parse(*v);
      if (!d) throw StoreFault("store.io", "stored certificate validity is not a date");
      c.valid_until = *d;
    }
    c.algorithm = r.text(10);
    c.key_id = r.text(11);
    c.signature = r.text(12);
    c.revoked_at = opt_instant(r, 13);
    c.revoke_reason = r.text(14);
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<domain::Certificate> SqlSupervisionRepo::certificate(const std::string& cert_no) {
  auto v = certificates_where("WHERE cert_no = ?", {cert_no});
  if (v.empty()) return std::nullopt;
  return v[0];
}

Status SqlSupervisionRepo::revoke_certificate(const std::string& cert_no, Instant at, const std::string& reason) {
  auto c = certificate(cert_no);
  if (!c) return make_error("store.not_found", "no certificate " + cert_no);
  if (c->revoked_at) return make_error("store.conflict", "certificate " + cert_no + " is already revoked");
  exec(c_, "UPDATE certificates SET revoked_at = ?, revoke_reason = ? WHERE cert_no = ?",
       {sql_instant(at), reason, cert_no});
  return {};
}

std::vector<domain::Certificate> SqlSupervisionRepo::revoked_certificates(const std::string& department_code) {
  return certificates_where("WHERE department_code = ? AND revoked_at IS NOT NULL ORDER BY revoked_at, cert_no",
                            {department_code});
}

Result<std::int64_t> SqlSupervisionRepo::add_ban(const domain::Ban& b) {
  exec(c_,
       "INSERT INTO bans (applicant_index, item_code, case_no, imposed_at, until_at, reason) VALUES (?,?,?,?,?,?)",
       {codec_.index("ban", b.applicant_id_number), b.item_code, b.case_no, sql_instant(b.imposed_at),
        sql_instant(b.until), b.reason});
  return c_.last_insert_id();
}

std::vector<std::optional<domain::Ban>> SqlSupervisionRepo::active_bans(std::span<const ports::ApplicantItem> who,
                                                                       Instant at) {
  return run_alone(c_, BanLookup(codec_, who, at));
}

Result<std::int64_t> SqlSupervisionRepo::put_publicity(const domain::PublicityRecord& p) {
  auto st = insert_unique(c_,
                          "INSERT INTO publicity (case_no, department_code, fields_enc, due_at, published_at, withdrawn_at)"
                          " VALUES (?,?,?,?,?,?)",
                          {p.case_no, p.department_code, codec_.seal(json_text(p.fields), "publicity.fields:" + p.case_no),
                           sql_instant(p.due_at), sql_opt_instant(p.published_at), sql_opt_instant(p.withdrawn_at)},
                          "case " + p.case_no + " already has a publicity record");
  if (!st) return st.error();
  return c_.last_insert_id();
}

std::optional<domain::PublicityRecord> SqlSupervisionRepo::publicity_for(const std::string& case_no) {
  auto rows = query(c_,
                    "SELECT id, case_no, department_code, fields_enc, due_at, published_at, withdrawn_at FROM publicity"
                    " WHERE case_no = ?",
                    {case_no});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  return domain::PublicityRecord{r.int64(0), r.text(1), r.text(2),
                                 parse_stored_json(codec_.open(r, 3, "publicity.fields:" + case_no), "publicity fields"),
                                 instant_of(r.int64(4)), opt_instant(r, 5), opt_instant(r, 6)};
}

std::vector<domain::PublicityRecord> SqlSupervisionRepo::publicity_records(
    const std::optional<std::string>& department_code, std::size_t limit) {
  const std::string select =
      "SELECT id, case_no, department_code, fields_enc, due_at, published_at, withdrawn_at FROM publicity";
  const auto n = static_cast<std::int64_t>(limit);
  auto rows = department_code ? query(c_, select + " WHERE department_code = ? ORDER BY due_at, id LIMIT ?",
                                      {*department_code, n})
                              : query(c_, select + " ORDER BY due_at, id LIMIT ?", {n});
  std::vector<domain::PublicityRecord> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    out.push_back({r.int64(0), r.text(1), r.text(2),
                   parse_stored_json(codec_.open(r, 3, "publicity.fields:" + r.text(1)), "publicity fields"),
                   instant_of(r.int64(4)), opt_instant(r, 5), opt_instant(r, 6)});
  }
  return out;
}

std::vector<ports::Irregularity> SqlSupervisionRepo::irregularities(std::size_t limit) {
  const auto n = static_cast<std::int64_t>(limit);
  std::vector<ports::Irregularity> out;
  auto add = [&](const char* kind, const std::string& sql) {
    for (const Row& r : query(c_, sql, {n})) out.push_back({kind, r.text(0), r.text(1)});
  };
  add("certificate_without_case",
      "SELECT c.cert_no, c.department_code FROM certificates c LEFT JOIN cases k ON k.case_no = c.case_no"
      " WHERE k.case_no IS NULL ORDER BY c.cert_no LIMIT ?");
  add("publicity_without_case",
      "SELECT p.case_no, p.department_code FROM publicity p LEFT JOIN cases k ON k.case_no = p.case_no"
      " WHERE k.case_no IS NULL ORDER BY p.case_no LIMIT ?");
  // terms_json is written compactly by the codec ("issues_certificate":true).
  add("completed_without_certificate",
      "SELECT k.case_no, k.department_code FROM cases k LEFT JOIN certificates c ON c.case_no = k.case_no"
      " WHERE k.state IN ('completed', 'publicised', 'archived') AND k.decision = 'approved'"
      " AND k.terms_json LIKE '%\"issues_certificate\":true%' AND c.cert_no IS NULL ORDER BY k.case_no LIMIT ?");
  return out;
}

Status SqlSupervisionRepo::update_publicity(const domain::PublicityRecord& p) {
  if (!publicity_for(p.case_no)) return make_error("store.not_found", "no publicity record for " + p.case_no);
  exec(c_, "UPDATE publicity SET fields_enc = ?, due_at = ?, published_at = ?, withdrawn_at = ? WHERE case_no = ?",
       {codec_.seal(json_text(p.fields), "publicity.fields:" + p.case_no), sql_instant(p.due_at),
        sql_opt_instant(p.published_at), sql_opt_instant(p.withdrawn_at), p.case_no});
  return {};
}

Status SqlSupervisionRepo::put_evaluation(const domain::Evaluation& e) {
  return insert_unique(c_, "INSERT INTO evaluations (case_no, level, reason, channel, at) VALUES (?,?,?,?,?)",
                       {e.case_no, e.level, e.reason, e.channel, sql_instant(e.at)},
                       "case " + e.case_no + " has already been evaluated");
}

std::optional<domain::Evaluation> SqlSupervisionRepo::evaluation(const std::string& case_no) {
  auto rows = query(c_, "SELECT case_no, level, reason, channel, at FROM evaluations WHERE case_no = ?", {case_no});
  if (rows.empty()) return std::nullopt;
  return domain::Evaluation{rows[0].text(0), rows[0].text(1), rows[0].text(2), rows[0].text(3),
                            instant_of(rows[0].int64(4))};
}

Status SqlSupervisionRepo::put_document(const domain::StoredDocument& d) {
  return insert_unique(c_, "INSERT INTO case_documents (case_no, kind, content_enc, sha256, created_at) VALUES (?,?,?,?,?)",
                       {d.case_no, d.kind, codec_.seal(d.bytes, "case_documents:" + d.case_no + ":" + d.kind), d.sha256,
                        sql_instant(d.created_at)},
                       "case " + d.case_no + " already has its " + d.kind);
}

std::optional<domain::StoredDocument> SqlSupervisionRepo::document(const std::string& case_no, const std::string& kind) {
  auto rows = query(c_, "SELECT content_enc, sha256, created_at FROM case_documents WHERE case_no = ? AND kind = ?",
                    {case_no, kind});
  if (rows.empty()) return std::nullopt;
  return domain::StoredDocument{case_no, kind, codec_.open(rows[0], 0, "case_documents:" + case_no + ":" + kind),
                                rows[0].text(1), instant_of(rows[0].int64(2))};
}

Result<std::int64_t> SqlSupervisionRepo::enqueue(const domain::OutboxMessage& m) {
  if (auto st = enqueue_many(std::span<const domain::OutboxMessage>(&m, 1)); !st) return st.error();
  return c_.last_insert_id();
}

Status SqlSupervisionRepo::enqueue_many(std::span<const domain::OutboxMessage> messages) {
  std::vector<SqlValue> rows;
  for (const auto& m : messages) {
    rows.insert(rows.end(), {m.case_no, codec_.seal(m.recipient, "outbox.recipient:" + m.case_no), m.template_id, m.text,
                             sql_instant(m.created_at), std::int64_t{m.attempts}, sql_instant(m.next_attempt_at),
                             sql_opt_instant(m.sent_at), m.last_error});
  }
  insert_rows(c_,
              "INSERT INTO outbox (case_no, recipient_enc, template_id, text, created_at, attempts, next_attempt_at,"
              " sent_at, last_error) VALUES ",
              9, rows);
  return {};
}

std::vector<domain::OutboxMessage> SqlSupervisionRepo::due_messages(Instant now, std::size_t limit) {
  std::vector<domain::OutboxMessage> out;
  for (const auto& r : query(c_,
                             "SELECT id, case_no, recipient_enc, template_id, text, created_at, attempts, next_attempt_at,"
                             " sent_at, last_error FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ?"
                             " ORDER BY next_attempt_at, id LIMIT ?",
                             {sql_instant(now), static_cast<std::int64_t>(limit)})) {
    const std::string case_no = r.text(1);
    out.push_back(domain::OutboxMessage{r.int64(0), case_no, codec_.open(r, 2, "outbox.recipient:" + case_no), r.text(3),
                                        r.text(4), instant_of(r.int64(5)), static_cast<int>(r.int64(6)),
                                        instant_of(r.int64(7)), opt_instant(r, 8), r.text(9)});
  }
  return out;
}

Status SqlSupervisionRepo::update_message(const domain::OutboxMessage& m) {
  if (exec(c_, "UPDATE outbox SET attempts = ?, next_attempt_at = ?, sent_at = ?, last_error = ? WHERE id = ?",
           {std::int64_t{m.attempts}, sql_instant(m.next_attempt_at), sql_opt_instant(m.sent_at), m.last_error, m.id}) == 0) {
    auto rows = query(c_, "SELECT id FROM outbox WHERE id = ?", {m.id});
    if (rows.empty()) return make_error("store.not_found", "no outbox message " + std::to_string(m.id));
  }
  return {};
}

namespace {

// `head` + "(?,?,...)" over `ids` in chunks of 64 (padded IN lists, few statement texts), with
// `first` as the statement's first parameter.
void update_ids(Connection& c, const std::string& head, const SqlValue& first, std::span<const std::int64_t> ids) {
  for (std::size_t from = 0; from < ids.size(); from += 64) {
    const auto chunk = ids.subspan(from, std::min<std::size_t>(64, ids.size() - from));
    std::vector<SqlValue> params{first};
    const std::vector<SqlValue> values(chunk.begin(), chunk.end());
    const std::string marks = in_list(params, values);
    c.execute(head + "(" + marks + ")", params);
  }
}

}  // namespace

Status SqlSupervisionRepo::lease_messages(std::span<const std::int64_t> ids, Instant until) {
  update_ids(c_, "UPDATE outbox SET next_attempt_at = ? WHERE id IN ", sql_instant(until), ids);
  return {};
}

Status SqlSupervisionRepo::mark_sent(std::span<const std::int64_t> ids, Instant at) {
  update_ids(c_, "UPDATE outbox SET attempts = attempts + 1, sent_at = ? WHERE sent_at IS NULL AND id IN ",
             sql_instant(at), ids);
  return {};
}

std::vector<domain::Ticket> SqlSupervisionRepo::tickets_for_case(const std::string& case_no) {
  return tickets_where("WHERE case_no = ? ORDER BY opened_at, ticket_no", {case_no});
}

std::vector<domain::Ticket> SqlSupervisionRepo::tickets_answer_due(Instant after, Instant until, std::size_t limit) {
  return tickets_where("WHERE state = 'open' AND answer_due_at > ? AND answer_due_at <= ?"
                       " ORDER BY answer_due_at, ticket_no LIMIT ?",
                       {sql_instant(after), sql_instant(until), static_cast<std::int64_t>(limit)});
}

}  // namespace zhishen::store
