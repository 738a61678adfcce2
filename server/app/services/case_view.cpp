// How staff see cases: the staff action table, department-scoped loading, masking, the JSON of an
// inbox line and of the whole case, and GET /api/v1/cases/{no}.
#include "case_view.hpp"

#include <algorithm>

#include "casework.hpp"
#include "certificates.hpp"
#include "zhishen/calendar/deadline.hpp"
#include "zhishen/lifecycle/case_deadlines.hpp"
#include "zhishen/lifecycle/transition_table.hpp"
#include "zhishen/rules/decision.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Action;
using lifecycle::Role;
using lifecycle::State;

json::Value id_json(const std::optional<std::int64_t>& id) { return id ? json::Value(*id) : json::Value(); }

// Only approvers see applicants' identity numbers, phones and addresses in clear.
bool sees_personal_data(const Principal& who) { return who.has_role(Role::approver); }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Masks personal data inside a free-form document (the form, the values a rule trace read): the
// strings under a key (or JSON path) whose last part is *id_number, *phone or address.
void mask_personal(json::Value& v, std::string_view key) {
  const std::string_view last = key.substr(key.find_last_of('.') == std::string_view::npos ? 0 : key.find_last_of('.') + 1);
  if (v.is_string()) {
    if (ends_with(last, "id_number")) v = domain::mask_id(v.as_string());
    else if (ends_with(last, "phone")) v = mask_phone(v.as_string());
    else if (last == "address") v = mask_address(v.as_string());
  } else if (v.is_array()) {
    for (auto& e : v.as_array()) mask_personal(e, key);
  } else if (v.is_object()) {
    for (auto& [k, member] : v.as_object()) mask_personal(member, k);
  }
}

json::Value masked_for(const Principal& who, json::Value v) {
  if (!sees_personal_data(who)) mask_personal(v, "");
  return v;
}

json::Value applicant_json(const Principal& who, const domain::Applicant& a) {
  const bool full = sees_personal_data(who);
  return json::Object{{"type", a.type},
                      {"name", a.name},
                      {"id_type", a.id_type},
                      {"id_number", full ? a.id_number : domain::mask_id(a.id_number)},
                      {"phone", full ? a.phone : mask_phone(a.phone)},
                      {"address", full ? a.address : mask_address(a.address)},
                      {"auth_level", a.auth_level},
                      {"masked", !full}};
}

json::Value history_json(const lifecycle::CaseRecord& r) {
  json::Array out;
  for (const auto& e : r.history) {
    out.push_back(json::Object{{"seq", e.seq},
                               {"from", std::string(lifecycle::to_string(e.from))},
                               {"to", std::string(lifecycle::to_string(e.to))},
                               {"action", std::string(lifecycle::to_string(e.action))},
                               {"action_label", std::string(lifecycle::label_zh(e.action))},
                               {"role", std::string(lifecycle::to_string(e.role))},
                               {"actor", e.actor},
                               {"at", format_instant(e.at, UtcOffset{})},
                               {"reason", e.reason},
                               {"legal_basis", e.legal_basis},
                               {"ban", e.ban}});
  }
  return out;
}

json::Value materials_json(const std::vector<domain::Material>& materials) {
  json::Array out;
  for (const auto& m : materials) {
    out.push_back(json::Object{{"code", m.code}, {"name", m.name}, {"mime", m.mime}, {"sha256", m.sha256}, {"size", m.size}});
  }
  return out;
}

json::Value strings_json(const std::vector<std::string>& v) { return json::Array(v.begin(), v.end()); }

}  // namespace

json::Value deadlines_json(ServerContext& ctx, const lifecycle::CaseRecord& r) {
  json::Array out;
  auto cal = ctx.calendar();
  lifecycle::DeadlineView view{ctx.deadline_policy(), ctx.yellow_threshold()};
  auto statuses = lifecycle::clock_statuses(r, *cal, ctx.now(), view);
  if (!statuses) return out;
  for (const auto& s : *statuses) {
    if (!s.running) continue;
    json::Object d{{"kind", std::string(lifecycle::to_string(s.kind))}, {"paused", s.deadline.paused}};
    if (!s.deadline.paused) {
      d.emplace_back("due", format_instant(s.deadline.due, UtcOffset{}));
      d.emplace_back("light", std::string(calendar::to_string(s.light.light)));
    }
    out.push_back(std::move(d));
  }
  return out;
}

json::Value working_minutes_left(ServerContext& ctx, const std::optional<Instant>& due, Instant now) {
  if (!due) return {};
  auto cal = ctx.calendar();
  const auto policy = ctx.deadline_policy();
  if (*due >= now) return calendar::working_time_between(*cal, now, *due, policy).value.count();
  return -calendar::working_time_between(*cal, *due, now, policy).value.count();
}

std::int64_t workday_minutes(ServerContext& ctx) { return ctx.deadline_policy().hours.per_day().count(); }

json::Value instant_json(const std::optional<Instant>& t) {
  return t ? json::Value(format_instant(*t, UtcOffset{})) : json::Value();
}

const std::vector<StaffAction>& staff_actions() {
  static const std::vector<StaffAction> kActions = {
      {"claim", std::nullopt, Permission::review},
      {"assign", std::nullopt, Permission::approval},
      {"start_review", Action::start_review, Permission::review},
      {"confirm_recheck", Action::confirm_recheck, Permission::review},
      {"fail_recheck", Action::fail_recheck, Permission::review},
      {"reopen", Action::reopen, Permission::review},
      {"manual_approve", Action::manual_approve, Permission::review},
      {"manual_reject", Action::manual_reject, Permission::review},
      {"request_correction", Action::request_correction, Permission::review},
      {"suspend", Action::suspend, Permission::review},
      {"resume", Action::resume, Permission::review},
      {"revoke", Action::revoke, Permission::approval},
      {"publicise", Action::publicise, Permission::review},
  };
  return kActions;
}

const StaffAction* find_staff_action(std::string_view name) {
  for (const auto& a : staff_actions()) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

bool case_closed(State s) {
  switch (s) {
    case State::precheck_failed: case State::not_accepted: case State::completed: case State::publicised:
    case State::archived: case State::revoked: case State::withdrawn:
      return true;
    default:
      return false;
  }
}

Result<domain::CaseFile> load_visible(ports::StoreTx& tx, const Principal& who, const std::string& case_no) {
  auto f = tx.cases().load(case_no);
  if (!f || !sees_department(who, f->department_code)) {
    if (!f && f.error().id != "store.not_found") return f.error();
    return make_error("case.not_found", "no case " + case_no + " in your departments");
  }
  return f;
}

std::vector<std::string> open_actions(const Principal& who, const domain::CaseFile& f) {
  std::vector<std::string> out;
  const auto& r = f.record;
  for (const auto& a : staff_actions()) {
    if (!has_permission(who, a.permission)) continue;
    if (!a.transition) {
      const bool mine = f.assignee_id && *f.assignee_id == who.staff.id;
      if (!case_closed(r.state) && !(a.name == "claim" && mine)) out.emplace_back(a.name);
      continue;
    }
    const lifecycle::TransitionRule* rule = lifecycle::find_rule(r.state, *a.transition);
    if (rule != nullptr && rule->allows(acting_role(who, *a.transition)) &&
        lifecycle::guard_holds(rule->guard, r.terms, r.decision)) {
      out.emplace_back(a.name);
    }
  }
  return out;
}

std::string mask_phone(const std::string& phone) {
  if (phone.size() <= 7) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

std::string mask_address(const std::string& address) {
  if (address.empty()) return address;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < address.size(); ++i) {
    if ((static_cast<unsigned char>(address[i]) & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte
    if (chars++ == 6) return address.substr(0, i) + "****";
  }
  return "****";  // six characters or fewer: nothing of it is shown
}

json::Value summary_json(const domain::CaseSummary& s) {
  return json::Object{{"case_no", s.case_no},
                      {"item_code", s.item_code},
                      {"department", s.department_code},
                      {"channel", s.channel},
                      {"applicant_name", s.applicant_name},
                      {"applicant_id_masked", s.applicant_id_masked},
                      {"state", std::string(lifecycle::to_string(s.state))},
                      {"state_label", std::string(lifecycle::label_zh(s.state))},
                      {"decision", std::string(lifecycle::to_string(s.decision))},
                      {"due_at", instant_json(s.due_at)},
                      {"light", std::string(calendar::to_string(s.light))},
                      {"assignee_id", id_json(s.assignee_id)},
                      {"flags", strings_json(s.flags)},
                      {"submitted_at", format_instant(s.submitted_at, UtcOffset{})},
                      {"version", s.version}};
}

json::Value case_json(ServerContext& ctx, const Principal& who, const domain::CaseFile& f, ports::StoreTx& tx) {
  const std::vector<domain::DecisionRecord> decisions = tx.cases().decisions(f.case_no);
  auto cat = ctx.catalogue();
  const CompiledItem* item = cat->find(f.item_code);
  const domain::DecisionRecord* automatic = nullptr;
  json::Array decision_list;
  for (const auto& d : decisions) {
    if (d.kind == "auto") automatic = &d;
    json::Object entry{{"kind", d.kind}, {"outcome", d.outcome}, {"decided_by", d.decided_by},
                       {"decided_at", format_instant(d.decided_at, UtcOffset{})}};
    if (d.kind != "auto") entry.emplace_back("detail", d.detail);  // the trace is in automatic_decision
    decision_list.push_back(std::move(entry));
  }
  json::Value warnings = json::Array{};
  if (automatic != nullptr && automatic->detail.find("warnings") != nullptr) warnings = *automatic->detail.find("warnings");
  const json::Value* form = f.application.find("form");
  return json::Object{{"case_no", f.case_no},
                      {"item_code", f.item_code},
                      {"item_name", item != nullptr ? item->name : std::string()},
                      {"item_version", f.item_version},
                      {"department", f.department_code},
                      {"channel", f.channel},
                      {"state", std::string(lifecycle::to_string(f.record.state))},
                      {"state_label", std::string(lifecycle::label_zh(f.record.state))},
                      {"decision", std::string(lifecycle::to_string(f.record.decision))},
                      {"version", f.record.version},
                      {"assignee_id", id_json(f.assignee_id)},
                      {"flags", strings_json(f.flags)},
                      {"light", std::string(calendar::to_string(f.light))},
                      {"due_at", instant_json(f.due_at)},
                      {"working_minutes_left", working_minutes_left(ctx, f.due_at, ctx.now())},
                      {"workday_minutes", workday_minutes(ctx)},
                      {"submitted_at", format_instant(f.record.submitted_at, UtcOffset{})},
                      {"decided_at", instant_json(f.decided_at)},
                      {"receipt_no", f.receipt_no},
                      {"applicant", applicant_json(who, f.applicant)},
                      {"form", masked_for(who, form != nullptr ? *form : json::Value(json::Object{}))},
                      {"materials", materials_json(f.materials)},
                      {"automatic_decision", automatic != nullptr ? masked_for(who, rules::expand_repeated_reads(automatic->detail)) : json::Value()},
                      {"warnings", std::move(warnings)},
                      {"decisions", std::move(decision_list)},
                      {"history", history_json(f.record)},
                      {"deadlines", deadlines_json(ctx, f.record)},
                      {"certificate", certificate_summary(tx, f.case_no)},
                      {"publicity", publicity_summary(tx, f.case_no)},
                      {"available_actions", strings_json(open_actions(who, f))}};
}

Result<json::Value> case_detail(ServerContext& ctx, const Principal& who, const std::string& case_no) {
  if (auto st = require(who, Permission::query); !st) return st.error();
  json::Value out;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto f = load_visible(tx, who, case_no);
    if (!f) return f.error();
    out = case_json(ctx, who, *f, tx);
    // Personal data shown in clear is a read worth recording (who saw whose identity, when).
    if (sees_personal_data(who)) {
      tx.audit().append({0, ctx.now(), who.staff.username, "approver", "case.view_personal_data", case_no,
                         json::Object{{"version", f->record.version}}, "", ""});
    }
    return {};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace zhishen::server
