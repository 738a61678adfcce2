#include "zhishen/desk/case_presenter.hpp"

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "zhishen/desk/i18n.hpp"
#include "zhishen/desk/inbox_presenter.hpp"
#include "zhishen/json/write.hpp"
#include "zhishen/lifecycle/transition_table.hpp"

namespace zhishen::desk {
namespace {

std::string size_text(const json::Value* v) {
  if (v == nullptr || !v->is_number()) return "";
  const double b = v->as_number();
  char buf[32];
  if (b >= 1024.0 * 1024.0) std::snprintf(buf, sizeof buf, "%.1f MB", b / (1024.0 * 1024.0));
  else if (b >= 1024.0) std::snprintf(buf, sizeof buf, "%.0f KB", b / 1024.0);
  else std::snprintf(buf, sizeof buf, "%.0f B", b);
  return buf;
}

std::string str(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  return m != nullptr && m->is_string() ? m->as_string() : std::string();
}

bool has_event(const CaseDetail& d, std::initializer_list<std::string_view> actions) {
  return std::any_of(d.history.begin(), d.history.end(), [&](const HistoryEntry& h) {
    return std::find(actions.begin(), actions.end(), h.action) != actions.end();
  });
}

bool state_in(const CaseDetail& d, std::initializer_list<std::string_view> states) {
  return std::find(states.begin(), states.end(), d.row.state) != states.end();
}

// The decision that stands: the last decision in the history ("approved", "rejected"), else the
// automatic outcome.
std::string standing_decision(const CaseDetail& d) {
  for (auto h = d.history.rbegin(); h != d.history.rend(); ++h) {
    if (h->action == "auto_approve" || h->action == "manual_approve") return "approved";
    if (h->action == "auto_reject" || h->action == "manual_reject") return "rejected";
  }
  return d.outcome;
}

bool irreversible(const std::string& a) {
  return a == "confirm_recheck" || a == "fail_recheck" || a == "manual_approve" || a == "manual_reject" ||
         a == "revoke" || a == "request_correction" || a == "publicise";  // a publication is public at once
}

}  // namespace

std::string value_text(const json::Value& v) {
  if (v.is_string()) return v.as_string();
  if (v.is_bool()) return v.as_bool() ? tr("yes") : tr("no");
  if (v.is_null()) return "";
  if (v.is_array()) {
    bool all_strings = true;
    for (const auto& e : v.as_array()) all_strings = all_strings && e.is_string();
    if (all_strings) {
      std::string out;
      for (const auto& e : v.as_array()) out += (out.empty() ? "" : tr(", ")) + e.as_string();
      return out;
    }
  }
  return json::to_json(v);
}

std::vector<std::pair<std::string, std::string>> certificate_lines(const Certificate& c) {
  return {{tr("E-certificate"), c.no},
          {tr("Certificate type"), c.type},
          {tr("Issued at"), short_time(c.issued_at)},
          {tr("Valid until"), c.valid_until.empty() ? tr("Long-term") : c.valid_until},
          {tr("Certificate state"), certificate_state_text(c)}};
}

std::string certificate_state_text(const Certificate& c) {
  if (c.state == "valid") return tr("Valid");
  if (c.state == "revoked") {
    return c.revoke_reason.empty() ? fill(tr("Revoked on %1"), {short_time(c.revoked_at)})
                                   : fill(tr("Revoked on %1: %2"), {short_time(c.revoked_at), c.revoke_reason});
  }
  return c.state;
}

std::string publicity_text(const Publicity& p) {
  if (p.state == "pending") return fill(tr("To be publicised (due %1)"), {short_deadline(p.due_at)});
  if (p.state == "published") return fill(tr("Publicised (%1)"), {short_time(p.published_at)});
  if (p.state == "withdrawn") return fill(tr("Withdrawn (%1)"), {short_time(p.withdrawn_at)});
  return p.state;
}

std::string document_title(const std::string& kind) {
  if (kind == "receipt") return tr("Completion receipt");
  if (kind == "certificate") return tr("E-certificate");
  if (kind == "acceptance") return tr("Notice of acceptance");
  if (kind == "non_acceptance") return tr("Notice of non-acceptance");
  if (kind == "correction") return tr("Notice to supplement materials");
  if (kind == "refusal") return tr("Decision not to grant the licence");
  if (kind == "revocation") return tr("Decision revoking the approval");
  return kind;
}

bool is_pdf(const std::string& bytes) { return bytes.rfind("%PDF-", 0) == 0; }

CasePresenter::CasePresenter(CaseView& view, Api& api, TaskRunner& runner, std::string case_no)
    : view_(view), api_(api), runner_(runner), case_no_(std::move(case_no)) {}

bool CasePresenter::lost(const Error& e) {
  if (e.id.rfind("auth.session.", 0) != 0) return false;
  view_.session_lost();
  return true;
}

void CasePresenter::load() {
  view_.set_busy(true);
  async<Result<CaseDetail>>(runner_, alive_, [api = &api_, no = case_no_]() { return api->case_detail(no); },
                            [this](Result<CaseDetail> d) {
                              view_.set_busy(false);
                              if (!d) {
                                if (!lost(d.error())) view_.show_error(error_text(d.error()));
                                return;
                              }
                              detail_ = std::move(d).value();
                              loaded_ = true;
                              view_.show_case();
                            });
}

std::string CasePresenter::title() const {
  return case_no_ + (detail_.item_name.empty() ? "" : "  " + detail_.item_name);
}

std::vector<std::pair<std::string, std::string>> CasePresenter::summary() const {
  const CaseRow& r = detail_.row;
  std::vector<std::pair<std::string, std::string>> s = {
      {tr("Case number"), r.case_no},
      {tr("Item"), detail_.item_name + " (" + r.item_code + tr(", rule set version ") +
                       std::to_string(detail_.item_version) + ")"},
      {tr("State"), label(r.state)},
      {tr("Automatic decision"), label(detail_.outcome.empty() ? r.decision : detail_.outcome)},
      {tr("Light"), r.light.empty() || r.due_at.empty() ? tr("clock stopped") : label(r.light)},
      {tr("Due"), short_deadline(r.due_at)},
      {tr("Channel"), label(r.channel)},
      {tr("Submitted at"), short_time(r.submitted_at)},
      {tr("Decided at"), short_time(detail_.decided_at)},
      {tr("Receipt number"), detail_.receipt_no},
      {tr("Version"), std::to_string(r.version)},
  };
  if (r.working_minutes_left && !r.due_at.empty()) {  // as of the loading, on the working-day calendar
    s.insert(s.begin() + 6, {tr("Time left"), InboxPresenter::working_time_text(*r.working_minutes_left,
                                                                                 detail_.workday_minutes)});
  }
  std::string flags;
  for (const auto& f : r.flags) flags += (flags.empty() ? "" : tr(", ")) + label(f);
  if (!flags.empty()) s.emplace_back(tr("Flags"), flags);
  for (const auto& w : detail_.warnings) s.emplace_back(tr("Risk warning"), w);
  return s;
}

std::vector<std::pair<std::string, std::string>> CasePresenter::applicant() const {
  const json::Value& a = detail_.applicant;
  return {{tr("Name"), str(a, "name")},
          {tr("Applicant type"), str(a, "type") == "person" ? tr("Person") : tr("Organisation")},
          {tr("ID type"), str(a, "id_type") == "citizen_id" ? tr("Citizen ID") : tr("Unified social credit code")},
          {tr("ID number"), str(a, "id_number")},
          {tr("Phone"), str(a, "phone")},
          {tr("Address"), str(a, "address")},
          {tr("Identity assurance"), label(str(a, "auth_level"))}};
}

std::vector<std::pair<std::string, std::string>> CasePresenter::form() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (!detail_.form.is_object()) return out;
  for (const auto& [k, v] : detail_.form.as_object()) out.emplace_back(k, value_text(v));
  return out;
}

TextRows CasePresenter::materials() const {
  TextRows rows;
  if (!detail_.materials.is_array()) return rows;
  for (const auto& m : detail_.materials.as_array()) {
    rows.push_back({str(m, "name"), str(m, "code"), str(m, "mime"), size_text(m.find("size")), str(m, "sha256")});
  }
  return rows;
}

TextRows CasePresenter::trace() const {
  TextRows rows;
  for (const auto& t : detail_.trace) {
    std::string reads;
    if (t.reads.is_object()) {
      for (const auto& [k, v] : t.reads.as_object()) reads += (reads.empty() ? "" : "; ") + k + " = " + value_text(v);
    }
    rows.push_back({t.rule_id, label(t.section), label(t.status), t.description, t.message, t.legal_basis, reads});
  }
  return rows;
}

TextRows CasePresenter::history() const {
  TextRows rows;
  for (const auto& h : detail_.history) {
    rows.push_back({short_time(h.at), h.action_label.empty() ? label(h.action) : h.action_label,
                    label(h.from) + " → " + label(h.to), h.actor, h.reason + (h.ban ? tr(" (one-year ban)") : ""),
                    h.legal_basis});
  }
  return rows;
}

TextRows CasePresenter::deadlines() const {
  TextRows rows;
  for (const auto& d : detail_.deadlines) {
    rows.push_back({d.kind, short_deadline(d.due), label(d.light), d.paused ? tr("clock stopped") : ""});
  }
  return rows;
}

std::vector<std::pair<std::string, std::string>> CasePresenter::actions() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& a : detail_.actions) out.emplace_back(a, label(a));
  return out;
}

std::vector<std::pair<std::string, std::string>> CasePresenter::certificate() const {
  if (!detail_.certificate) return {};
  return certificate_lines(*detail_.certificate);
}

std::vector<std::pair<std::string, std::string>> CasePresenter::publicity() const {
  if (!detail_.publicity) return {};
  return {{tr("Publicity"), publicity_text(*detail_.publicity)}};
}

ActionSpec make_action_spec(const CaseDetail& d, const std::string& action) {
  ActionSpec s;
  s.action = action;
  s.title = label(action);
  const auto state = lifecycle::parse_state(d.row.state);
  const auto act = lifecycle::parse_action(action);
  if (state && act) {
    if (const auto* rule = lifecycle::find_rule(*state, *act)) {
      s.needs_reason = rule->reason_required;
      s.needs_legal_basis = rule->legal_basis_required;
      s.may_ban = rule->ban_allowed;
    }
  }
  s.asks_reason = s.needs_reason || (act.has_value() && action != "claim");
  s.checklist = action == "request_correction";
  s.irreversible = irreversible(action);
  if (s.irreversible) {
    s.confirm_text = tr("This cannot be undone. Do you want to \"") + s.title + tr("\" case ") + d.row.case_no + tr("?");
  }
  if (s.checklist && d.materials.is_array()) {
    for (const auto& m : d.materials.as_array()) s.material_names.push_back(str(m, "name"));
  }
  return s;
}

std::optional<Error> check_action_input(const ActionSpec& s, const ActionInput& in) {
  auto blank = [](const std::string& t) { return t.find_first_not_of(" \t\r\n") == std::string::npos; };
  if (s.needs_reason && blank(in.reason)) return make_error("case.transition.reason_required", "");
  if (s.needs_legal_basis && blank(in.legal_basis)) return make_error("case.transition.legal_basis_required", "");
  if (s.checklist && in.items.empty()) return make_error("desk.correction.items_missing", "");
  return std::nullopt;
}

ActionSpec CasePresenter::spec(const std::string& action) const { return make_action_spec(detail_, action); }

void CasePresenter::request_action(const std::string& action) {
  if (busy_ || !loaded_) return;
  ActionSpec s = spec(action);
  ActionInput in;
  if (action != "claim" && !view_.ask_action(s, in)) return;
  perform(action, std::move(in));
}

void CasePresenter::perform(const std::string& action, ActionInput in) {
  if (busy_ || !loaded_) return;
  const ActionSpec s = spec(action);
  if (auto missing = check_action_input(s, in)) {
    view_.show_error(error_text(*missing));
    return;
  }
  if (!s.may_ban) in.ban = false;
  in.version = detail_.row.version;
  busy_ = true;
  view_.set_busy(true);
  async<Result<CaseDetail>>(
      runner_, alive_, [api = &api_, action, in, no = case_no_]() { return api->act(no, action, in); },
      [this, action](Result<CaseDetail> d) {
        busy_ = false;
        view_.set_busy(false);
        if (!d) {
          if (lost(d.error())) return;
          view_.show_error(error_text(d.error()));
          if (d.error().id == "store.conflict" || d.error().id.rfind("case.transition.", 0) == 0) load();
          return;
        }
        detail_ = std::move(d).value();
        view_.show_case();
        view_.show_status(tr("Done: ") + label(action) + tr(". The case is now: ") + label(detail_.row.state));
        view_.case_changed(case_no_);
      });
}

std::vector<std::pair<std::string, std::string>> CasePresenter::documents() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (!loaded_) return out;
  const CaseDetail& d = detail_;
  const bool refused_acceptance =
      has_event(d, {"refuse_acceptance", "fail_precheck"}) || state_in(d, {"not_accepted", "precheck_failed"});
  // Completed (办结) now or before (then publicised, archived, revoked): the receipt exists.
  const bool completed = state_in(d, {"completed", "publicised"}) ||
                         std::any_of(d.history.begin(), d.history.end(), [](const HistoryEntry& h) {
                           return h.to == "completed" || h.action == "complete";
                         });
  std::vector<std::string> kinds;
  if (completed) kinds.emplace_back("receipt");
  if (d.certificate) kinds.emplace_back("certificate");
  if (!refused_acceptance && !d.history.empty()) kinds.emplace_back("acceptance");
  if (refused_acceptance) kinds.emplace_back("non_acceptance");
  if (has_event(d, {"request_correction"})) kinds.emplace_back("correction");
  if (completed && standing_decision(d) == "rejected") kinds.emplace_back("refusal");
  if (has_event(d, {"revoke"}) || d.row.state == "revoked") kinds.emplace_back("revocation");
  for (auto& k : kinds) {
    std::string title = document_title(k);
    out.emplace_back(std::move(k), std::move(title));
  }
  return out;
}

std::string CasePresenter::document_file_name(const std::string& kind) const { return case_no_ + "-" + kind + ".pdf"; }

void CasePresenter::fetch_document(const std::string& kind, DocumentUse use) {
  if (busy_ || !loaded_) return;
  busy_ = true;
  view_.set_busy(true);
  async<Result<std::string>>(
      runner_, alive_, [api = &api_, no = case_no_, kind]() { return api->document(no, kind); },
      [this, kind, use](Result<std::string> pdf) {
        busy_ = false;
        view_.set_busy(false);
        if (!pdf) {
          if (!lost(pdf.error())) view_.show_error(error_text(pdf.error()));
          return;
        }
        if (!is_pdf(*pdf)) {
          view_.show_error(error_text(make_error("api.reply.invalid", "the document is not a PDF")));
          return;
        }
        view_.document_ready(kind, *pdf, use);
      });
}

}  // namespace zhishen::desk
