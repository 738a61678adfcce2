// POST /api/v1/cases/{no}/actions/{action} and POST /api/v1/cases/actions/assign: the request
// checked, the permission required before the case is read (a refusal reveals nothing about the
// case), then one transaction per case: load in the caller's department scope, compare the
// version the user saw, transition or assign, recompute the deadlines, save against that version,
// follow-ups and audit.
#include "casework.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "case_followups.hpp"
#include "case_support.hpp"
#include "case_view.hpp"
#include "certificates.hpp"
#include "documents.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Role;

constexpr std::size_t kMaxText = 10000;  // bytes of a reason or legal basis
constexpr std::size_t kMaxItems = 99;    // entries of a one-time correction list
constexpr std::size_t kMaxBulk = 500;    // cases in one bulk assignment

Error invalid(const std::string& what) { return make_error("case.request.invalid", what); }

std::optional<std::int64_t> whole(const json::Value* v) {
  if (v == nullptr || !v->is_number()) return std::nullopt;
  const double d = v->as_number();
  if (d < 0 || d > 9e15 || std::floor(d) != d) return std::nullopt;
  return static_cast<std::int64_t>(d);
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

Result<std::string> text_field(const json::Value& body, const char* name) {
  const json::Value* v = body.find(name);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string() || v->as_string().size() > kMaxText) {
    return invalid(std::string(name) + ": a text of at most 10000 bytes");
  }
  return v->as_string();
}

Result<ActionInput> parse_input(const json::Value& body) {
  ActionInput in;
  const json::Value* version = body.find("version");
  if (version == nullptr || version->is_null()) {
    return make_error("case.version.required", "version: the version of the case you saw is required");
  }
  auto v = whole(version);
  if (!v) return invalid("version: a whole number");
  in.version = *v;
  auto reason = text_field(body, "reason");
  if (!reason) return reason.error();
  in.reason = *reason;
  auto basis = text_field(body, "legal_basis");
  if (!basis) return basis.error();
  in.legal_basis = *basis;
  if (const json::Value* ban = body.find("ban"); ban != nullptr && !ban->is_null()) {
    if (!ban->is_bool()) return invalid("ban: true or false");
    in.ban = ban->as_bool();
  }
  if (const json::Value* items = body.find("items"); items != nullptr && !items->is_null()) {
    if (!items->is_array() || items->as_array().size() > kMaxItems) return invalid("items: a list of at most 99 texts");
    for (const auto& item : items->as_array()) {
      if (!item.is_string() || blank(item.as_string()) || item.as_string().size() > 1000) {
        return invalid("items: each entry a non-blank text of at most 1000 bytes");
      }
      in.items.push_back(item.as_string());
    }
  }
  if (const json::Value* a = body.find("assignee_id"); a != nullptr && !a->is_null()) {
    in.assignee_id = whole(a);
    if (!in.assignee_id) return invalid("assignee_id: a staff id");
  }
  return in;
}

// The role recorded for an assignment: the caller's highest case-working role.
std::string working_role(const Principal& who) {
  return std::string(lifecycle::to_string(who.has_role(Role::approver) ? Role::approver : Role::reviewer));
}

// The assignee must be an active reviewer or approver of the case's department.
Status check_assignee(ports::StoreTx& tx, std::int64_t id, const std::string& department) {
  auto a = tx.directory().staff_by_id(id);
  const bool works_cases = a && std::any_of(a->roles.begin(), a->roles.end(),
                                            [](Role r) { return r == Role::reviewer || r == Role::approver; });
  if (!a || !a->active || !works_cases || a->department_code != department) {
    return make_error("case.assignee.invalid", "the assignee must be an active reviewer or approver of department " + department);
  }
  return {};
}

// Sets the assignee (a new version, no lifecycle event), saves against `expected` and audits it.
Status assign(ports::StoreTx& tx, const Principal& who, domain::CaseFile& f, std::int64_t assignee,
              std::int64_t expected, const std::string& action, Instant now) {
  if (case_closed(f.record.state)) {
    return make_error("case.transition.invalid", "case " + f.case_no + " is " +
                                                     std::string(lifecycle::to_string(f.record.state)) + ": nothing to assign");
  }
  if (auto st = check_assignee(tx, assignee, f.department_code); !st) return st;
  const std::optional<std::int64_t> previous = f.assignee_id;
  f.assignee_id = assignee;
  f.record.version = expected + 1;
  if (auto st = tx.cases().save(f, expected); !st) return st;
  tx.audit().append({0, now, who.staff.username, working_role(who), "case." + action, f.case_no,
                     json::Object{{"assignee_id", assignee},
                                  {"previous_assignee_id", previous ? json::Value(*previous) : json::Value()},
                                  {"version", f.record.version}},
                     "", ""});
  return {};
}

}  // namespace

Result<json::Value> act_on_case(ServerContext& ctx, const Principal& who, const std::string& case_no,
                                const std::string& action, const json::Value& body) {
  const StaffAction* a = find_staff_action(action);
  if (a == nullptr) return make_error("case.action.unknown", "no case action '" + action + "'");
  if (auto st = require(who, a->permission); !st) return st.error();
  auto in = parse_input(body);
  if (!in) return in.error();
  if (a->name == "assign" && !in->assignee_id) return invalid("assignee_id: required to assign");
  const Instant now = ctx.now();
  auto cat = ctx.catalogue();
  json::Value out;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto f = load_visible(tx, who, case_no);
    if (!f) return f.error();
    if (f->record.version != in->version) {
      return make_error("store.conflict", "case " + case_no + " changed since you saw it (version " +
                                              std::to_string(in->version) + ", now " +
                                              std::to_string(f->record.version) + "); reload and retry");
    }
    if (!a->transition) {
      const std::int64_t assignee = a->name == "claim" ? who.staff.id : *in->assignee_id;
      if (auto s = assign(tx, who, *f, assignee, in->version, std::string(a->name), now); !s) return s;
    } else {
      const domain::CaseFile before = *f;
      const CompiledItem* item = cat->find(f->item_code);
      if (auto s = apply_staff_transition(who, *f, *a->transition, *in, now); !s) return s;
      if (auto s = issue_if_due(ctx, tx, *f, item, now); !s) return s;  // 电子证照 before 办结 (001 Art.19)
      refresh_deadlines(ctx, *f);
      std::optional<domain::StoredDocument> receipt;  // rendered before the case's row is written
      if (f->record.state == lifecycle::State::completed && before.record.state != lifecycle::State::completed) {
        auto r = render_receipt(ctx, tx, *f);
        if (!r) return r.error();
        receipt = std::move(r).value();
      }
      if (auto s = tx.cases().save(*f, in->version); !s) return s;
      if (auto s = record_followups(tx, who, item, before, *f, *a->transition, *in, now); !s) return s;
      if (auto s = record_publicity(ctx, tx, before, *f, now); !s) return s;
      if (receipt) {
        if (auto s = keep_receipt(tx, *receipt); !s) return s;  // the receipt commits with the completion
      }
    }
    out = case_json(ctx, who, *f, tx);
    return {};
  });
  if (!st) return st.error();
  return out;
}

Result<json::Value> bulk_assign(ServerContext& ctx, const Principal& who, const json::Value& body) {
  if (auto st = require(who, Permission::approval); !st) return st.error();
  const json::Value* nos = body.find("case_nos");
  if (nos == nullptr || !nos->is_array() || nos->as_array().empty() || nos->as_array().size() > kMaxBulk) {
    return invalid("case_nos: a list of 1 to 500 case numbers");
  }
  for (const auto& no : nos->as_array()) {
    if (!no.is_string() || no.as_string().empty() || no.as_string().size() > 40) {
      return invalid("case_nos: each entry a case number");
    }
  }
  auto assignee = whole(body.find("assignee_id"));
  if (!assignee) return invalid("assignee_id: a staff id");
  const Instant now = ctx.now();
  json::Array results;
  for (const auto& no : nos->as_array()) {
    const std::string& case_no = no.as_string();
    auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
      auto f = load_visible(tx, who, case_no);
      if (!f) return f.error();
      return assign(tx, who, *f, *assignee, f->record.version, "assign", now);
    });
    json::Object r{{"case_no", case_no}};
    if (st) {
      r.emplace_back("result", "assigned");
    } else if (st.error().id == "case.not_found") {
      r.emplace_back("result", "not_found");
    } else {
      r.emplace_back("result", "conflict");
      r.emplace_back("error", st.error().id);
    }
    results.push_back(std::move(r));
  }
  return json::Value(json::Object{{"results", std::move(results)}});
}

}  // namespace zhishen::server
