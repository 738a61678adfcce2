#include "bulk.hpp"
#include "lookups.hpp"
#include "sql_repos.hpp"

namespace zhishen::store {
namespace {

constexpr const char* kEventsInsert =
    "INSERT INTO case_events (case_no, seq, from_state, to_state, action, role, actor, at, reason, legal_basis, ban)"
    " VALUES ";
constexpr std::size_t kEventColumns = 11;

const char* kSummaryColumns =
    "case_no, item_code, department_code, channel, applicant_name, applicant_id_masked, state, decision, due_at,"
    " light, assignee_id, submitted_at, version, flags";

std::string flags_text(const std::vector<std::string>& flags) {
  std::string s;
  for (const auto& f : flags) s += (s.empty() ? "" : ",") + f;
  return s;
}

std::vector<std::string> parse_flags(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto comma = text.find(',', start);
    out.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

domain::CaseSummary summary_of(const Row& r) {
  domain::CaseSummary s;
  s.case_no = r.text(0);
  s.item_code = r.text(1);
  s.department_code = r.text(2);
  s.channel = r.text(3);
  s.applicant_name = r.text(4);
  s.applicant_id_masked = r.text(5);
  s.state = stored_enum<lifecycle::State>(r.text(6), lifecycle::parse_state, "state");
  s.decision = stored_enum<lifecycle::Decision>(r.text(7), lifecycle::parse_decision, "decision");
  s.due_at = due_of(r, 8);
  s.light = parse_light(r.text(9));
  s.assignee_id = r.opt_int64(10);
  s.submitted_at = instant_of(r.int64(11));
  s.version = r.int64(12);
  s.flags = parse_flags(r.text(13));
  return s;
}

std::string where(const std::string& case_no, const char* column) { return std::string(column) + ":" + case_no; }

// WHERE clause and parameters of an inbox query.
std::string inbox_where(const ports::InboxQuery& q, std::vector<SqlValue>& params, const Codec& codec) {
  std::string w = " WHERE 1=1";
  if (q.search) {  // a case number, or an ID number through its blind index (either identity kind)
    w += " AND (case_no = ? OR applicant_id_index IN (?, ?))";
    params.emplace_back(*q.search);
    params.emplace_back(codec.index("citizen_id", *q.search));
    params.emplace_back(codec.index("uscc", *q.search));
  }
  if (q.department_code) {
    w += " AND department_code = ?";
    params.emplace_back(*q.department_code);
  }
  if (!q.states.empty()) {
    w += " AND state IN (";
    for (std::size_t i = 0; i < q.states.size(); ++i) {
      w += i ? ",?" : "?";
      params.emplace_back(std::string(lifecycle::to_string(q.states[i])));
    }
    w += ")";
  }
  if (q.light) {
    w += " AND light = ?";
    params.emplace_back(std::string(calendar::to_string(*q.light)));
  }
  if (q.unassigned_only) {
    w += " AND assignee_id IS NULL";
  } else if (q.assignee_id) {
    w += " AND assignee_id = ?";
    params.emplace_back(*q.assignee_id);
  }
  if (q.due_before) {
    w += " AND due_at < ?";
    params.emplace_back(sql_instant(*q.due_before));
  }
  if (q.item_code) {
    w += " AND item_code = ?";
    params.emplace_back(*q.item_code);
  }
  if (q.flagged) {  // flags is a comma-separated list: the flag alone, first, last or in between
    std::string like;
    for (char c : *q.flagged) {
      if (c == '!' || c == '%' || c == '_') like += '!';
      like += c;
    }
    w += " AND (flags = ? OR flags LIKE ? ESCAPE '!' OR flags LIKE ? ESCAPE '!' OR flags LIKE ? ESCAPE '!')";
    params.emplace_back(*q.flagged);
    params.emplace_back(like + ",%");
    params.emplace_back("%," + like);
    params.emplace_back("%," + like + ",%");
  }
  return w;
}

}  // namespace

bool SqlCaseRepo::exists(const std::string& case_no) {
  if (created_.contains(case_no)) return true;
  return !query(c_, "SELECT 1 FROM cases WHERE case_no = ?", {case_no}).empty();
}

void SqlCaseRepo::case_values(const domain::CaseFile& f, std::vector<SqlValue>& out) const {
  const auto& a = f.applicant;
  const auto& r = f.record;
  out.insert(out.end(),
             {f.case_no, f.item_code, std::int64_t{f.item_version}, f.department_code, f.channel, a.type, a.name, a.id_type,
              codec_.seal(a.id_number, where(f.case_no, "cases.applicant_id")), codec_.index(a.id_type, a.id_number),
              domain::mask_id(a.id_number), codec_.seal(a.phone, where(f.case_no, "cases.applicant_phone")),
              codec_.seal(a.address, where(f.case_no, "cases.applicant_address")), a.auth_level,
              codec_.seal(json_text(f.application), where(f.case_no, "cases.application")),
              std::string(lifecycle::to_string(r.state)), std::string(lifecycle::to_string(r.decision)), r.version,
              terms_json(r.terms), clocks_json(r.clocks), sql_instant(r.submitted_at),
              sql_instant(r.history.empty() ? r.submitted_at : r.history.back().at), sql_due(f.due_at),
              sql_opt_instant(f.yellow_at), std::string(calendar::to_string(f.light)), sql_opt_int(f.assignee_id),
              sql_opt_instant(f.decided_at), f.receipt_no, flags_text(f.flags),
              codec_.seal(materials_text(f.materials), where(f.case_no, "cases.materials"))});
}

Status SqlCaseRepo::create_many(std::span<const domain::CaseFile* const> files) {
  if (files.empty()) return {};
  std::vector<SqlValue> cases, events;
  for (const domain::CaseFile* f : files) {
    case_values(*f, cases);
    event_values(*f, 0, events);
  }
  try {
    insert_rows(c_,
                "INSERT INTO cases (case_no, item_code, item_version, department_code, channel, applicant_type,"
                " applicant_name, applicant_id_type, applicant_id_enc, applicant_id_index, applicant_id_masked,"
                " applicant_phone_enc, applicant_address_enc, auth_level, application_enc, state, decision, version,"
                " terms_json, clocks_json, submitted_at, updated_at, due_at, yellow_at, light, assignee_id, decided_at,"
                " receipt_no, flags, materials_enc) VALUES ",
                30, cases);
  } catch (const StoreFault& fault) {
    if (fault.id() != "store.duplicate") throw;
    // A chunk may have gone in before the one that failed: the caller's transaction must not commit
    // half a batch, so the error says to roll back (SqlStore::transact does on any error).
    return make_error("store.duplicate", files.size() == 1 ? "case " + files[0]->case_no + " exists"
                                                           : "a case number of the batch exists");
  }
  insert_rows(c_, kEventsInsert, kEventColumns, events);
  for (const domain::CaseFile* f : files) created_.insert(f->case_no);
  return {};
}

// The values of the events from `from` on, for kEventsInsert.
void SqlCaseRepo::event_values(const domain::CaseFile& f, std::size_t from, std::vector<SqlValue>& out) {
  const auto& h = f.record.history;
  for (std::size_t i = from; i < h.size(); ++i) {
    const auto& e = h[i];
    out.insert(out.end(),
               {f.case_no, e.seq, std::string(lifecycle::to_string(e.from)), std::string(lifecycle::to_string(e.to)),
                std::string(lifecycle::to_string(e.action)), std::string(lifecycle::to_string(e.role)), e.actor,
                sql_instant(e.at), e.reason, e.legal_basis, sql_bool(e.ban)});
  }
}

Result<domain::CaseFile> SqlCaseRepo::load(const std::string& case_no) {
  auto rows = query(c_,
                    "SELECT case_no, item_code, item_version, department_code, channel, applicant_type,"
                    " applicant_name, applicant_id_type, applicant_id_enc, applicant_phone_enc, applicant_address_enc,"
                    " auth_level, application_enc, state, decision, version, terms_json, clocks_json, submitted_at,"
                    " due_at, yellow_at, light, assignee_id, decided_at, receipt_no, flags, materials_enc FROM cases"
                    " WHERE case_no = ?",
                    {case_no});
  if (rows.empty()) return make_error("store.not_found", "no case " + case_no);
  const Row& r = rows[0];
  domain::CaseFile f;
  f.case_no = r.text(0);
  f.item_code = r.text(1);
  f.item_version = static_cast<int>(r.int64(2));
  f.department_code = r.text(3);
  f.channel = r.text(4);
  f.applicant.type = r.text(5);
  f.applicant.name = r.text(6);
  f.applicant.id_type = r.text(7);
  f.applicant.id_number = codec_.open(r, 8, where(case_no, "cases.applicant_id"));
  f.applicant.phone = codec_.open(r, 9, where(case_no, "cases.applicant_phone"));
  f.applicant.address = codec_.open(r, 10, where(case_no, "cases.applicant_address"));
  f.applicant.auth_level = r.text(11);
  f.application = parse_stored_json(codec_.open(r, 12, where(case_no, "cases.application")), "application");
  f.record.state = stored_enum<lifecycle::State>(r.text(13), lifecycle::parse_state, "state");
  f.record.decision = stored_enum<lifecycle::Decision>(r.text(14), lifecycle::parse_decision, "decision");
  f.record.version = r.int64(15);
  f.record.terms = parse_terms(r.text(16));
  f.record.clocks = parse_clocks(r.text(17));
  f.record.submitted_at = instant_of(r.int64(18));
  f.due_at = due_of(r, 19);
  f.yellow_at = opt_instant(r, 20);
  f.light = parse_light(r.text(21));
  f.assignee_id = r.opt_int64(22);
  f.decided_at = opt_instant(r, 23);
  f.receipt_no = r.text(24);
  f.flags = parse_flags(r.text(25));

  if (!r.is_null(26)) {
    f.materials = parse_materials(codec_.open(r, 26, where(case_no, "cases.materials")));
  } else {  // a case stored before migration 5: a row per material
    for (const auto& m : query(c_,
                               "SELECT code, name, mime, sha256, size, extracted_enc FROM case_materials"
                               " WHERE case_no = ? ORDER BY seq",
                               {case_no})) {
      f.materials.push_back(domain::Material{
          m.text(0), m.text(1), m.text(2), m.text(3), m.int64(4),
          parse_stored_json(codec_.open(m, 5, where(case_no, "case_materials.extracted")), "material fields")});
    }
  }
  for (const auto& e : query(c_,
                             "SELECT seq, from_state, to_state, action, role, actor, at, reason, legal_basis, ban"
                             " FROM case_events WHERE case_no = ? ORDER BY seq",
                             {case_no})) {
    f.record.history.push_back(lifecycle::CaseEvent{
        e.int64(0), stored_enum<lifecycle::State>(e.text(1), lifecycle::parse_state, "state"),
        stored_enum<lifecycle::State>(e.text(2), lifecycle::parse_state, "state"),
        stored_enum<lifecycle::Action>(e.text(3), lifecycle::parse_action, "action"),
        stored_enum<lifecycle::Role>(e.text(4), lifecycle::parse_role, "role"), e.text(5), instant_of(e.int64(6)),
        e.text(7), e.text(8), e.int64(9) != 0});
  }
  return f;
}

Status SqlCaseRepo::save(const domain::CaseFile& f, std::int64_t expected_version) {
  const auto& r = f.record;
  if (r.version <= expected_version) {
    return make_error("store.version.invalid", "a saved case must carry a version above the one it was read at");
  }
  const auto changed = exec(
      c_,
      "UPDATE cases SET state = ?, decision = ?, version = ?, terms_json = ?, clocks_json = ?, updated_at = ?,"
      " due_at = ?, yellow_at = ?, light = ?, assignee_id = ?, decided_at = ?, receipt_no = ?, flags = ?,"
      " application_enc = ?, materials_enc = ? WHERE case_no = ? AND version = ?",
      {std::string(lifecycle::to_string(r.state)), std::string(lifecycle::to_string(r.decision)), r.version,
       terms_json(r.terms), clocks_json(r.clocks), sql_instant(r.history.empty() ? r.submitted_at : r.history.back().at),
       sql_due(f.due_at), sql_opt_instant(f.yellow_at), std::string(calendar::to_string(f.light)),
       sql_opt_int(f.assignee_id), sql_opt_instant(f.decided_at), f.receipt_no, flags_text(f.flags),
       // The application and its materials change on a resubmission after 补齐补正.
       codec_.seal(json_text(f.application), where(f.case_no, "cases.application")),
       codec_.seal(materials_text(f.materials), where(f.case_no, "cases.materials")), f.case_no, expected_version});
  if (changed == 0) {
    if (!exists(f.case_no)) return make_error("store.not_found", "no case " + f.case_no);
    return make_error("store.conflict", "case " + f.case_no + " was changed by someone else; reload and retry");
  }
  auto max_seq = query(c_, "SELECT MAX(seq) FROM case_events WHERE case_no = ?", {f.case_no});
  const std::int64_t stored = max_seq.empty() || max_seq[0].is_null(0) ? 0 : max_seq[0].int64(0);
  std::size_t from = 0;
  while (from < r.history.size() && r.history[from].seq <= stored) ++from;
  std::vector<SqlValue> events;
  event_values(f, from, events);
  insert_rows(c_, kEventsInsert, kEventColumns, events);
  return {};
}

Status SqlCaseRepo::add_decisions(std::span<const ports::NewDecision> decisions) {
  std::vector<SqlValue> values;
  for (const auto& [case_no, d, detail_json] : decisions) {
    if (!exists(case_no)) return make_error("store.not_found", "no case " + case_no);
    std::string written;  // the detail as JSON, when not given as text
    std::string_view text = detail_json;
    if (text.empty()) text = written = json_text(d.detail);
    values.insert(values.end(), {case_no, d.kind, d.outcome, std::int64_t{d.rule_set_version},
                                 codec_.seal(text, where(case_no, "decisions.detail")), d.decided_by,
                                 sql_instant(d.decided_at)});
  }
  insert_rows(c_,
              "INSERT INTO decisions (case_no, kind, outcome, rule_set_version, detail_enc, decided_by, decided_at)"
              " VALUES ",
              7, values);
  return {};
}

std::vector<domain::DecisionRecord> SqlCaseRepo::decisions(const std::string& case_no) {
  std::vector<domain::DecisionRecord> out;
  for (const auto& r : query(c_,
                             "SELECT id, kind, outcome, rule_set_version, detail_enc, decided_by, decided_at"
                             " FROM decisions WHERE case_no = ? ORDER BY id",
                             {case_no})) {
    out.push_back(domain::DecisionRecord{r.int64(0), r.text(1), r.text(2), static_cast<int>(r.int64(3)),
                                         parse_stored_json(codec_.open(r, 4, where(case_no, "decisions.detail")),
                                                           "decision detail"),
                                         r.text(5), instant_of(r.int64(6))});
  }
  return out;
}

std::vector<domain::CaseSummary> SqlCaseRepo::inbox(const ports::InboxQuery& q) {
  std::vector<SqlValue> params;
  std::string sql = std::string("SELECT ") + kSummaryColumns + " FROM cases" + inbox_where(q, params, codec_) +
                    " ORDER BY due_at, case_no LIMIT ? OFFSET ?";
  params.emplace_back(static_cast<std::int64_t>(q.limit));
  params.emplace_back(static_cast<std::int64_t>(q.offset));
  std::vector<domain::CaseSummary> out;
  for (const auto& r : c_.query(sql, params)) out.push_back(summary_of(r));
  return out;
}

std::int64_t SqlCaseRepo::count(const ports::InboxQuery& q) {
  std::vector<SqlValue> params;
  const std::string sql = "SELECT COUNT(*) FROM cases" + inbox_where(q, params, codec_);  // fills params first
  auto rows = c_.query(sql, params);
  return rows.empty() ? 0 : rows[0].int64(0);
}

std::vector<domain::CaseSummary> SqlCaseRepo::lights_changing(Instant after, Instant until, std::size_t limit) {
  const std::string cols = kSummaryColumns;
  const std::string sql = "SELECT " + cols + " FROM cases WHERE yellow_at > ? AND yellow_at <= ? UNION SELECT " + cols +
                          " FROM cases WHERE due_at > ? AND due_at <= ? ORDER BY case_no LIMIT ?";
  std::vector<domain::CaseSummary> out;
  for (const auto& r : query(c_, sql,
                             {sql_instant(after), sql_instant(until), sql_instant(after), sql_instant(until),
                              static_cast<std::int64_t>(limit)})) {
    out.push_back(summary_of(r));
  }
  return out;
}

Status SqlCaseRepo::set_light(const std::string& case_no, calendar::Light light) {
  if (exec(c_, "UPDATE cases SET light = ? WHERE case_no = ?", {std::string(calendar::to_string(light)), case_no}) == 0 &&
      !exists(case_no)) {
    return make_error("store.not_found", "no case " + case_no);
  }
  return {};
}

std::vector<domain::CaseSummary> SqlCaseRepo::by_applicant(const std::string& id_number, std::size_t limit) {
  std::vector<domain::CaseSummary> out;
  // The blind index is per identity kind; an 18-character number may be either.
  for (const auto& r : query(c_,
                             std::string("SELECT ") + kSummaryColumns +
                                 " FROM cases WHERE applicant_id_index IN (?, ?) ORDER BY submitted_at DESC, case_no LIMIT ?",
                             {codec_.index("citizen_id", id_number), codec_.index("uscc", id_number),
                              static_cast<std::int64_t>(limit)})) {
    out.push_back(summary_of(r));
  }
  return out;
}

std::vector<std::optional<std::string>> SqlCaseRepo::in_flight_elsewhere_many(
    std::span<const ports::InFlightQuery> queries) {
  return run_alone(c_, InFlightLookup(codec_, queries));
}

Status insert_unique(Connection& c, std::string_view sql, std::initializer_list<SqlValue> params,
                     const std::string& what) {
  try {
    c.execute(sql, std::span<const SqlValue>(params.begin(), params.size()));
  } catch (const StoreFault& f) {
    if (f.id() == "store.duplicate") return make_error("store.duplicate", what);
    throw;
  }
  return {};
}

Status SqlCaseRepo::save_deadlines(const domain::CaseFile& f) {
  if (exec(c_, "UPDATE cases SET due_at = ?, yellow_at = ?, light = ? WHERE case_no = ? AND version = ?",
           {sql_due(f.due_at), sql_opt_instant(f.yellow_at), std::string(calendar::to_string(f.light)), f.case_no,
            f.record.version}) == 0) {
    if (!exists(f.case_no)) return make_error("store.not_found", "no case " + f.case_no);
    return make_error("store.conflict", "case " + f.case_no + " was changed by someone else; reload and retry");
  }
  return {};
}

// Walks cases_due over the overdue open cases (closed ones carry kNoDeadline), then filters by
// the time of the last write: no index on updated_at for a query run once per tick.
std::vector<domain::CaseSummary> SqlCaseRepo::summaries(std::span<const std::string> case_nos) {
  constexpr std::size_t kChunk = 64;  // padded IN lists: few statement texts
  std::vector<domain::CaseSummary> out;
  for (std::size_t from = 0; from < case_nos.size(); from += kChunk) {
    const auto chunk = case_nos.subspan(from, std::min(kChunk, case_nos.size() - from));
    std::vector<SqlValue> params;
    const std::vector<SqlValue> values(chunk.begin(), chunk.end());
    const std::string marks = in_list(params, values);
    for (const auto& r : c_.query(std::string("SELECT ") + kSummaryColumns + " FROM cases WHERE case_no IN (" + marks + ")",
                                  params)) {
      out.push_back(summary_of(r));
    }
  }
  return out;
}

std::vector<domain::CaseSummary> SqlCaseRepo::overdue_written(Instant after, Instant until, std::size_t limit) {
  std::vector<domain::CaseSummary> out;
  for (const auto& r : query(c_,
                             std::string("SELECT ") + kSummaryColumns +
                                 " FROM cases WHERE due_at <= ? AND updated_at > ? AND updated_at <= ?"
                                 " ORDER BY updated_at, case_no LIMIT ?",
                             {sql_instant(until), sql_instant(after), sql_instant(until),
                              static_cast<std::int64_t>(limit)})) {
    out.push_back(summary_of(r));
  }
  return out;
}

}  // namespace zhishen::store
