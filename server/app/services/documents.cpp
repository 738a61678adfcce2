// Case documents and the ledger (documents.hpp): facts gathered from the case, its history and the
// catalogue, then written by zhishen_reports.
#include "documents.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "case_view.hpp"
#include "certificates.hpp"
#include "period.hpp"
#include "permissions.hpp"
#include "statistics.hpp"
#include "supervision.hpp"
#include "zhishen/calendar/deadline.hpp"
#include "zhishen/certificates/certificate.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/reports/documents.hpp"
#include "zhishen/reports/render.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Action;
using lifecycle::State;
using reports::NoticeKind;

constexpr std::size_t kMaxLedgerRows = 50000;

// "2026年10月18日 08:46" (Beijing time).
std::string chinese_time(Instant t) {
  const std::string iso = format_instant(t, UtcOffset{});  // 2026-10-18T08:46:20+08:00
  const Date d = local_date(t, UtcOffset{});
  return std::to_string(d.year()) + "年" + std::to_string(d.month()) + "月" + std::to_string(d.day()) + "日 " +
         iso.substr(11, 5);
}

// A deadline: "2026年11月27日 24:00" for one at the end of the 27th (never "28日 00:00").
std::string chinese_deadline(Instant t) {
  const std::string s = format_deadline(t, UtcOffset{});  // 2026-11-27 24:00
  return std::to_string(std::stoi(s.substr(0, 4))) + "年" + std::to_string(std::stoi(s.substr(5, 2))) + "月" +
         std::to_string(std::stoi(s.substr(8, 2))) + "日 " + s.substr(11, 5);
}

// The decision deadline promised at acceptance: the first decision clock's span from its start,
// before any suspension (the case's running due time moves with suspensions and is gone once the
// case is decided). None when the case never had a decision clock.
std::optional<Instant> promised_decision_deadline(ServerContext& ctx, const lifecycle::CaseRecord& r) {
  for (const auto& c : r.clocks) {
    if (c.kind != lifecycle::DeadlineKind::decision) continue;
    auto d = calendar::compute_deadline(*ctx.calendar(), c.started, c.span_workdays, {}, ctx.deadline_policy());
    if (d && !d->paused) return d->due;
    break;
  }
  return std::nullopt;
}

// An instant of the API's JSON as a deadline ("2026-11-27 24:00"); text that is not one as it is.
std::string deadline_text(const std::string& iso) {
  const auto t = parse_instant(iso);
  return t ? format_deadline(*t, UtcOffset{}) : iso;
}

std::string short_time(Instant t) {
  std::string s = format_instant(t, UtcOffset{}).substr(0, 16);
  s[10] = ' ';
  return s;
}

const char* channel_label(const std::string& c) {
  if (c == "web-hall") return "网上办事大厅";
  if (c == "app") return "手机APP";
  if (c == "kiosk") return "自助终端";
  if (c == "wechat") return "微信";
  if (c == "counter") return "服务窗口";
  return "其他渠道";
}

const lifecycle::CaseEvent* last_event(const domain::CaseFile& f, std::initializer_list<Action> actions) {
  const auto& h = f.record.history;
  for (auto it = h.rbegin(); it != h.rend(); ++it) {
    if (std::find(actions.begin(), actions.end(), it->action) != actions.end()) return &*it;
  }
  return nullptr;
}

bool approved(const domain::CaseFile& f) { return f.record.decision == lifecycle::Decision::approved; }

std::string outcome_text(const domain::CaseFile& f) {
  switch (f.record.decision) {
    case lifecycle::Decision::approved: return "准予许可";
    case lifecycle::Decision::rejected: return "不予许可";
    default: return "未决定";
  }
}

// "理由：一、甲；二、乙" → {甲, 乙} (case_followups.cpp's numbered_list, read back).
std::vector<std::string> correction_items(const std::string& reason) {
  std::string list = reason;
  if (auto colon = list.rfind("："); colon != std::string::npos) list = list.substr(colon + 3);
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto sep = list.find("；", start);
    std::string item = list.substr(start, sep == std::string::npos ? std::string::npos : sep - start);
    if (auto mark = item.find("、"); mark != std::string::npos && mark <= 9) item = item.substr(mark + 3);
    if (!item.empty()) items.push_back(item);
    if (sep == std::string::npos) break;
    start = sep + 3;
  }
  if (items.empty()) items.push_back(reason);
  return items;
}

Error not_available(const std::string& no, const char* what) {
  return make_error("document.not_available", "case " + no + " has no " + what);
}

struct Gathered {
  domain::CaseFile file;
  std::string department_name;
  const CompiledItem* item = nullptr;
};

std::string id_label(const std::string& type) { return type == "uscc" ? "统一社会信用代码" : "居民身份证"; }

reports::CaseFacts facts(ServerContext& ctx, bool full_id, const Gathered& g) {
  const auto& f = g.file;
  reports::CaseFacts c;
  c.case_no = f.case_no;
  c.item_name = g.item != nullptr ? g.item->name : f.item_code;
  c.item_code = f.item_code;
  c.department_name = g.department_name.empty() ? f.department_code : g.department_name;
  c.applicant_name = f.applicant.name;
  c.applicant_id_label = id_label(f.applicant.id_type);
  c.applicant_id = full_id ? f.applicant.id_number : domain::mask_id(f.applicant.id_number);
  c.channel = channel_label(f.channel);
  if (!f.record.history.empty()) c.submitted_at = chinese_time(f.record.history.front().at);
  if (f.decided_at) c.decided_at = chinese_time(*f.decided_at);
  c.outcome = outcome_text(f);
  c.receipt_no = f.receipt_no;
  c.verify_url = ctx.config().verify_url_base.empty() ? "" : ctx.config().verify_url_base + f.case_no;
  c.generated_at = short_time(ctx.now());
  return c;
}

// `full_id`: the approver's copy of a notice (the receipt is always masked).
Result<reports::Document> build(ServerContext& ctx, bool full_id, const Gathered& g, const std::string& kind) {
  const auto& f = g.file;
  const State s = f.record.state;
  reports::NoticeData n;
  n.c = facts(ctx, full_id && kind != "receipt", g);
  n.doc_no = f.case_no;
  if (kind == "receipt") {
    // Completed by the `complete` step after an approval, or directly by a refusal that stands
    // (manual_reject, confirm_recheck of an automatic refusal): the last event that reached it.
    const lifecycle::CaseEvent* done = nullptr;
    for (auto it = f.record.history.rbegin(); it != f.record.history.rend() && done == nullptr; ++it) {
      if (it->to == State::completed) done = &*it;
    }
    if (done == nullptr) return not_available(f.case_no, "completion receipt (not completed)");
    reports::ReceiptData r{n.c, chinese_time(done->at), "", "", ""};
    const json::Value* delivery = f.application.find("delivery");
    const json::Value* method = delivery != nullptr ? delivery->find("method") : nullptr;
    const json::Value* address = delivery != nullptr ? delivery->find("address") : nullptr;
    if (g.item != nullptr && g.item->result_type == "e_certificate") {
      r.delivery = "本事项结果为电子证照，可在电子证照库中查询、下载。";
    } else if (method != nullptr && method->is_string() && method->as_string() == "express") {
      r.delivery = "快递送达：" + (address != nullptr && address->is_string() ? address->as_string() : std::string("—")) +
                   "。";
    } else if (approved(f)) {
      r.delivery = "自行取件：请凭本回执到" + n.c.department_name + "服务窗口领取办理结果。";
    }
    if (g.item != nullptr && g.item->returns_originals) {
      r.originals = g.item->return_instructions;
      const json::Value* days = nullptr;
      if (const json::Value* sa = g.item->version.guide.find("smart_approval")) {
        if (const json::Value* ro = sa->find("return_originals")) days = ro->find("within_workdays");
      }
      if (days != nullptr && days->is_number()) {
        auto due = ctx.calendar()->add_workdays(local_date(done->at, UtcOffset{}), static_cast<int>(days->as_number()));
        if (due) r.originals_due = chinese_date(due->value);
      }
    }
    return reports::receipt(r);
  }
  if (kind == "acceptance") {
    if (s == State::precheck_failed || s == State::not_accepted || f.record.history.empty()) {
      return not_available(f.case_no, "acceptance (not accepted)");
    }
    if (const auto due = promised_decision_deadline(ctx, f.record)) n.due = chinese_deadline(*due);
    return reports::notice(NoticeKind::acceptance, n);
  }
  if (kind == "non_acceptance") {
    const auto* e = last_event(f, {Action::refuse_acceptance, Action::fail_precheck});
    if (e == nullptr) return not_available(f.case_no, "refusal of acceptance");
    n.reason = e->reason;
    n.legal_basis = e->legal_basis;
    return reports::notice(NoticeKind::non_acceptance, n);
  }
  if (kind == "correction") {
    const auto* e = last_event(f, {Action::request_correction});
    if (e == nullptr) return not_available(f.case_no, "correction request");
    n.items = correction_items(e->reason);
    if (f.due_at && s == State::correction_requested) n.due = chinese_deadline(*f.due_at);
    return reports::notice(NoticeKind::correction, n);
  }
  if (kind == "refusal") {
    if (f.record.decision != lifecycle::Decision::rejected || s == State::auto_rejected) {
      return not_available(f.case_no, "refusal decision (no final refusal)");
    }
    const auto* e = last_event(f, {Action::manual_reject, Action::confirm_recheck, Action::auto_reject});
    n.reason = e != nullptr ? e->reason : "";
    n.legal_basis = e != nullptr ? e->legal_basis : "";
    return reports::notice(NoticeKind::refusal, n);
  }
  if (kind == "revocation") {
    const auto* e = last_event(f, {Action::revoke});
    if (e == nullptr) return not_available(f.case_no, "revocation");
    n.reason = e->reason;
    n.legal_basis = e->legal_basis;
    n.ban = e->ban;
    n.c.outcome = "准予许可";  // only approvals are revoked
    return reports::notice(NoticeKind::revocation, n);
  }
  return make_error("document.kind.unknown",
                    "no document '" + kind + "' (receipt, acceptance, non_acceptance, correction, refusal, revocation, certificate)");
}

Result<Response> pdf_response(const reports::Document& doc, const std::string& filename) {
  auto pdf = reports::render_pdf(doc);
  if (!pdf) return pdf.error();
  Response r = Response::text(std::move(pdf->pdf), "application/pdf");
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + filename + "\"");
  return r;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string chinese_date(Date d) {
  return std::to_string(d.year()) + "年" + std::to_string(d.month()) + "月" + std::to_string(d.day()) + "日";
}

Result<Response> case_document(ServerContext& ctx, const Principal& who, const std::string& case_no,
                               const std::string& kind_pdf) {
  if (auto st = require(who, Permission::query); !st) return st.error();
  if (kind_pdf.size() < 5 || kind_pdf.compare(kind_pdf.size() - 4, 4, ".pdf") != 0) {
    return make_error("document.kind.unknown", "documents are PDF: …/documents/receipt.pdf");
  }
  const std::string kind = kind_pdf.substr(0, kind_pdf.size() - 4);
  Gathered g;
  std::optional<domain::StoredDocument> kept;
  auto cat = ctx.catalogue();
  const bool approver = who.has_role(lifecycle::Role::approver);
  std::optional<domain::Certificate> cert;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto f = load_visible(tx, who, case_no);
    if (!f) return f.error();
    g.file = std::move(f).value();
    if (auto d = tx.directory().department(g.file.department_code)) g.department_name = d->name;
    if (kind == "receipt") kept = tx.supervision().document(case_no, "receipt");
    if (kind == "certificate") cert = tx.supervision().certificate(certificates::certificate_number(case_no));
    if (approver && kind != "receipt") {  // a document with personal data in clear
      tx.audit().append({0, ctx.now(), who.staff.username, "approver", "case.document", case_no,
                         json::Object{{"kind", kind}}, "", ""});
    }
    return {};
  });
  if (!st) return st.error();
  if (kept) {  // the receipt as issued at completion
    Response r = Response::text(std::move(kept->bytes), "application/pdf");
    r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + case_no + "-receipt.pdf\"");
    return r;
  }
  if (kind == "certificate") {
    if (!cert) return make_error("document.not_available", "case " + case_no + " has no e-certificate");
    return pdf_response(reports::certificate_document(certificate_print(ctx, *cert, approver)),
                        cert->cert_no + ".pdf");
  }
  g.item = cat->find(g.file.item_code);
  auto doc = build(ctx, approver, g, kind);
  if (!doc) return doc.error();
  return pdf_response(*doc, case_no + "-" + kind + ".pdf");
}

Result<domain::StoredDocument> render_receipt(ServerContext& ctx, ports::StoreTx& tx, const domain::CaseFile& completed) {
  Gathered g;
  g.file = completed;
  if (auto d = tx.directory().department(completed.department_code)) g.department_name = d->name;
  g.item = ctx.catalogue()->find(completed.item_code);
  auto doc = build(ctx, false, g, "receipt");
  if (!doc) return doc.error();
  auto pdf = reports::render_pdf(*doc);
  if (!pdf) return pdf.error();
  const std::string digest = crypto::sha256_hex(pdf->pdf);
  return domain::StoredDocument{completed.case_no, "receipt", std::move(pdf->pdf), digest, ctx.now()};
}

Status keep_receipt(ports::StoreTx& tx, const domain::StoredDocument& receipt) {
  return tx.supervision().put_document(receipt);
}

Result<Response> ledger_document(ServerContext& ctx, const Principal& who,
                                 const std::map<std::string, std::string>& query, bool csv) {
  if (auto st = require(who, Permission::query); !st) return st.error();
  auto period = parse_period(who, query, {"item"});
  if (!period) return period.error();
  const std::string item_filter = period->extra.count("item") != 0 ? period->extra.at("item") : "";
  const auto policy = ctx.deadline_policy();
  const Instant start = local_instant(period->from, std::chrono::minutes{0}, policy.offset);
  const Instant end = local_instant(period->to.next(), std::chrono::minutes{0}, policy.offset);
  const std::vector<Action> decisions = {Action::auto_approve, Action::auto_reject, Action::manual_approve,
                                         Action::manual_reject};
  reports::LedgerData l;
  auto cat = ctx.catalogue();
  bool truncated = false;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    l.rows.clear();
    auto facts_in = read_facts(tx, decisions, start, end, period->department, truncated);
    std::sort(facts_in.begin(), facts_in.end(), [](const auto& a, const auto& b) {
      return a.at != b.at ? a.at < b.at : a.case_no < b.case_no;
    });
    // Each case once, at its first decision in the period.
    std::vector<const ports::EventFact*> firsts;
    std::set<std::string> seen;
    for (const auto& fact : facts_in) {
      if (!item_filter.empty() && fact.item_code != item_filter) continue;
      if (!seen.insert(fact.case_no).second) continue;
      if (firsts.size() >= kMaxLedgerRows) {
        truncated = true;
        break;
      }
      firsts.push_back(&fact);
    }
    // What happened to them since (re-check, publicity, certificate) and their summaries: a few
    // statements for the whole ledger rather than a case loaded for each row.
    const std::vector<std::string> numbers(seen.begin(), seen.end());
    std::map<std::string, domain::CaseSummary> summaries;
    for (auto& s : tx.cases().summaries(numbers)) summaries.emplace(s.case_no, std::move(s));
    std::map<std::string, const ports::EventFact*> recheck, publicised;
    std::set<std::string> certified;
    const auto later = read_facts(tx, {Action::confirm_recheck, Action::fail_recheck, Action::publicise, Action::issue_certificate},
                                  start, ctx.now() + std::chrono::seconds{1}, period->department, truncated);
    for (const auto& e : later) {  // oldest first: the last one of a kind stays
      if (seen.count(e.case_no) == 0) continue;
      if (e.action == Action::issue_certificate) certified.insert(e.case_no);
      else (e.action == Action::publicise ? publicised : recheck)[e.case_no] = &e;
    }
    for (const ports::EventFact* fact : firsts) {
      const auto s = summaries.find(fact->case_no);
      if (s == summaries.end()) continue;
      const CompiledItem* item = cat->find(s->second.item_code);
      const auto r = recheck.find(fact->case_no);
      const auto p = publicised.find(fact->case_no);
      std::string decision = fact->action == Action::auto_approve || fact->action == Action::manual_approve ? "准予许可"
                                                                                                          : "不予许可";
      if (fact->action == Action::auto_approve || fact->action == Action::auto_reject) decision = "自动" + decision;
      if (r != recheck.end() && r->second->action == Action::fail_recheck) decision += "（复核不通过）";
      if (s->second.state == State::revoked) decision += "（已撤销）";
      l.rows.push_back({fact->case_no, s->second.applicant_name, item != nullptr ? item->name : s->second.item_code,
                        decision, short_time(fact->at), r != recheck.end() ? short_time(r->second->at) : "",
                        certified.count(fact->case_no) != 0 ? certificates::certificate_number(fact->case_no) : "",
                        p != publicised.end() ? short_time(p->second->at) : ""});
    }
    if (period->department) {
      if (auto d = tx.directory().department(*period->department)) l.department_name = d->name;
    }
    return {};
  });
  if (!st) return st.error();
  if (l.department_name.empty()) l.department_name = period->department ? *period->department : "全部部门";
  l.period = period->from.to_string() + " 至 " + period->to.to_string();
  l.item_filter = item_filter.empty() ? "" : (cat->find(item_filter) != nullptr ? cat->find(item_filter)->name : item_filter);
  l.generated_at = short_time(ctx.now());
  l.doc_no = "TZ-" + period->from.to_string() + "-" + period->to.to_string();
  if (truncated) {
    return make_error("ledger.too_large", "more than " + std::to_string(kMaxLedgerRows) +
                                              " decisions in the period: choose a shorter period or one item");
  }
  const std::string name = "ledger-" + period->from.to_string() + "-" + period->to.to_string();
  if (csv) {
    std::string out = "\xEF\xBB\xBF";  // a UTF-8 BOM: spreadsheet programs then read the Chinese right
    out += "序号,申请编号,申请人,事项,审批结果,决定时间,复核时间,证照编号,公示时间\r\n";
    int i = 0;
    for (const auto& r : l.rows) {
      out += std::to_string(++i) + "," + csv_field(r.case_no) + "," + csv_field(r.applicant) + "," + csv_field(r.item) +
             "," + csv_field(r.decision) + "," + r.decided_at + "," + r.rechecked_at + "," + csv_field(r.certificate_no) +
             "," + r.publicised_at + "\r\n";
    }
    Response resp = Response::text(std::move(out), "text/csv; charset=utf-8");
    resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    return resp;
  }
  return pdf_response(reports::ledger(l), name + ".pdf");
}

}  // namespace zhishen::server

namespace zhishen::server {
namespace {

std::string text_of(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  if (m == nullptr || m->is_null()) return "";
  if (m->is_string()) return m->as_string();
  if (m->is_number()) return std::to_string(std::llround(m->as_number()));
  return "";
}

std::string percent_of(const json::Value& v, std::string_view a, std::string_view b) {
  const json::Value* x = v.find(a);
  const json::Value* m = x != nullptr ? x->find(b) : nullptr;
  if (m == nullptr || !m->is_number()) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", m->as_number() * 100.0);
  return buf;
}

std::string number_of(const json::Value& v, std::string_view a, std::string_view b, const char* unit) {
  const json::Value* x = v.find(a);
  const json::Value* m = x != nullptr ? x->find(b) : nullptr;
  if (m == nullptr || !m->is_number()) return "—";
  return std::to_string(std::llround(m->as_number())) + unit;
}

}  // namespace

Result<Response> supervision_report_document(ServerContext& ctx, const Principal& who,
                                             const std::map<std::string, std::string>& query) {
  auto period = parse_period(who, query, {});
  if (!period) return period.error();
  std::map<std::string, std::string> scope;
  if (period->department) scope["department"] = *period->department;
  auto board = supervision_board(ctx, who, scope);
  if (!board) return board.error();
  auto overdue_q = scope;
  overdue_q["limit"] = "500";
  auto overdue = overdue_cases(ctx, who, overdue_q);
  if (!overdue) return overdue.error();
  auto tickets = list_tickets(ctx, who, scope);
  if (!tickets) return tickets.error();
  auto figures = efficiency_statistics(ctx, who, query);
  if (!figures) return figures.error();

  reports::SupervisionData s;
  s.scope = "全部部门";
  s.period = period->from.to_string() + " 至 " + period->to.to_string();
  s.doc_no = "DC-" + period->from.to_string() + "-" + period->to.to_string();
  s.generated_at = short_time(ctx.now());
  if (const json::Value* tiles = board->find("tiles"); tiles != nullptr && tiles->is_array()) {
    for (const auto& t : tiles->as_array()) {
      const std::string dept = text_of(t, "department_name").empty() ? text_of(t, "department") : text_of(t, "department_name");
      if (period->department) s.scope = dept;
      if (const json::Value* items = t.find("items"); items != nullptr && items->is_array()) {
        for (const auto& i : items->as_array()) {
          s.lights.push_back({dept, text_of(i, "item_name").empty() ? text_of(i, "item_code") : text_of(i, "item_name"),
                              text_of(i, "green"), text_of(i, "yellow"), text_of(i, "red")});
        }
      }
    }
  }
  if (const json::Value* cases = overdue->find("cases"); cases != nullptr && cases->is_array()) {
    for (const auto& c : cases->as_array()) {
      const long minutes = std::atol(text_of(c, "overdue_minutes").c_str());
      s.overdue.push_back({text_of(c, "case_no"), text_of(c, "department"), text_of(c, "item_name"),
                           text_of(c, "applicant_name"),
                           std::to_string(minutes / 1440) + "天" + std::to_string(minutes / 60 % 24) + "小时",
                           text_of(c, "ticket_no")});
    }
  }
  if (const json::Value* ts = tickets->find("tickets"); ts != nullptr && ts->is_array()) {
    for (const auto& t : ts->as_array()) {
      const std::string state = text_of(t, "state");
      s.tickets.push_back({text_of(t, "ticket_no"), text_of(t, "case_no"), text_of(t, "department"),
                           state == "open" ? "督办中" : state == "answered" ? "已回复" : "已关闭", text_of(t, "reason"),
                           deadline_text(text_of(t, "answer_due_at")), text_of(t, "response")});
    }
  }
  const json::Value& f = *figures;
  s.figures = {{"审批件数", number_of(f, "decisions", "total", " 件")},
               {"自动审批占比", percent_of(f, "decisions", "automatic_share")},
               {"审批用时中位数", number_of(f, "decision_time", "median_minutes", " 分钟")},
               {"复核用时中位数", number_of(f, "recheck_time", "median_minutes", " 分钟")},
               {"超期率", percent_of(f, "overdue", "rate")},
               {"复核确认率（自动审批准确率）", percent_of(f, "recheck", "confirmed_share")}};
  return pdf_response(reports::supervision_report(s), "supervision-" + period->from.to_string() + ".pdf");
}

}  // namespace zhishen::server
