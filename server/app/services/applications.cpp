#include "applications.hpp"

#include <algorithm>

#include <Poco/Logger.h>

#include "case_support.hpp"
#include "validation.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/json/parse.hpp"
#include "zhishen/json/write.hpp"
#include "zhishen/lifecycle/case_machine.hpp"
#include "zhishen/rules/decision.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Action;
using lifecycle::Role;
using lifecycle::State;

std::string joined_messages(const std::vector<rules::Reason>& reasons) {
  std::string s;
  for (const auto& r : reasons) s += (s.empty() ? "" : "；") + (r.message.empty() ? r.description : r.message);
  return s;
}

json::Value reasons_json(const std::vector<rules::Reason>& reasons) {
  json::Array a;
  for (const auto& r : reasons) {
    a.push_back(json::Object{{"rule_id", r.rule_id}, {"message", r.message.empty() ? r.description : r.message},
                             {"legal_basis", r.legal_basis}});
  }
  return a;
}

const CompiledItem* find_item(ServerContext& ctx, const json::Value& body, std::shared_ptr<const ItemCatalogue>& hold,
                              Error& err) {
  hold = ctx.catalogue();
  const json::Value* code = body.find("item_code");
  if (code == nullptr || !code->is_string()) {
    err = make_error("application.field.missing", "item_code: required");
    return nullptr;
  }
  const CompiledItem* item = hold->find(code->as_string());
  if (item == nullptr) err = make_error("application.item.not_found", "no active item " + code->as_string());
  return item;
}

// The transition the decision's outcome takes from `submitted` (or `resubmitted`).
Action action_for(rules::Outcome o) {
  switch (o) {
    case rules::Outcome::approved: return Action::auto_approve;
    case rules::Outcome::rejected: return Action::auto_reject;
    case rules::Outcome::manual_review: return Action::route_manual;
    case rules::Outcome::ineligible: return Action::fail_precheck;
  }
  return Action::route_manual;
}

std::string next_steps(const CompiledItem& item, const rules::Decision& d, const std::string& receipt_no) {
  switch (d.outcome) {
    case rules::Outcome::approved: {
      std::string s = "自动审批通过，办结回执编号 " + receipt_no + "。部门将在" +
                      std::to_string(item.terms.recheck_span_workdays) + "个工作日内复核。";
      if (item.returns_originals) s += "请按要求交回原证照：" + item.return_instructions;
      return s;
    }
    case rules::Outcome::rejected: return "不予许可：" + joined_messages(d.reasons) + "。如有异议，可依法申请行政复议或提起行政诉讼。";
    case rules::Outcome::manual_review:
      return "已转人工审查，承诺办结时限" + std::to_string(item.terms.commitment_span_workdays) + "个工作日。";
    case rules::Outcome::ineligible: return "不符合智能审批条件：" + joined_messages(d.reasons) + "。" + d.other_ways;
  }
  return {};
}

std::string outcome_text(rules::Outcome o) {
  switch (o) {
    case rules::Outcome::approved: return "已自动审批通过";
    case rules::Outcome::rejected: return "未予许可";
    case rules::Outcome::manual_review: return "已转人工审查";
    case rules::Outcome::ineligible: return "不符合智能审批条件";
  }
  return {};
}

}  // namespace

Result<ChannelAnswer> precheck(ServerContext& ctx, const domain::Channel&, const json::Value& body) {
  std::shared_ptr<const ItemCatalogue> hold;
  Error err;
  const CompiledItem* item = find_item(ctx, body, hold, err);
  if (item == nullptr) return err;
  auto applicant = parse_applicant(body, local_date(ctx.now(), UtcOffset{}));
  if (!applicant) return applicant.error();
  const json::Value* form = body.find("form");
  json::Value known_form = form != nullptr ? *form : json::Value(json::Object{});
  if (auto st = validate_form(*item, known_form, true); !st) return st.error();
  json::Value known = json::Object{{"item_code", item->version.item_code}, {"applicant", body.find("applicant") ? *body.find("applicant") : json::Value()},
                                   {"form", known_form}};
  auto d = decide_with(ctx, *item, known, true);
  json::Object out{{"item_code", item->version.item_code},
                   {"eligible", d.outcome != rules::Outcome::ineligible},
                   {"reasons", reasons_json(d.reasons)}};
  if (d.outcome == rules::Outcome::ineligible) out.emplace_back("other_ways", d.other_ways);
  if (!auth_level_sufficient(applicant->auth_level, item->auth_level)) {
    out.emplace_back("auth_level_required", item->auth_level);
  }
  return ChannelAnswer{200, std::move(out)};
}

namespace {

// What a valid application becomes before it is stored: the case and its decision.
struct Prepared {
  std::shared_ptr<const ItemCatalogue> hold;
  const CompiledItem* item = nullptr;
  domain::CaseFile file;
  rules::Decision decision;
  json::Value trace;
};

Result<Prepared> prepare(ServerContext& ctx, const domain::Channel& channel, const json::Value& body, Instant now) {
  Prepared p;
  Error err;
  p.item = find_item(ctx, body, p.hold, err);
  if (p.item == nullptr) return err;
  const CompiledItem& item = *p.item;
  if (!item.smart_approval) {
    return make_error("application.item.manual_only", "item " + item.version.item_code + " is not decided automatically");
  }
  auto applicant = parse_applicant(body, local_date(now, UtcOffset{}));
  if (!applicant) return applicant.error();
  if (!auth_level_sufficient(applicant->auth_level, item.auth_level)) {
    return make_error("application.auth_level.insufficient",
                      "this item needs authentication level " + item.auth_level + " (BRIEF R3)");
  }
  const json::Value* form = body.find("form");
  if (form == nullptr) return make_error("application.field.missing", "form: required (an object)");
  if (auto st = validate_form(item, *form, false); !st) return st.error();
  auto materials = parse_materials(body);
  if (!materials) return materials.error();
  if (auto st = validate_delivery(body); !st) return st.error();

  p.decision = decide_with(ctx, item, body, false);
  ctx.metrics().decision(std::string(rules::to_string(p.decision.outcome)));
  p.trace = rules::to_json(p.decision);

  domain::CaseFile& file = p.file;
  file.item_code = item.version.item_code;
  file.item_version = item.version.version;
  file.department_code = item.department_code;
  file.channel = channel.name;
  file.applicant = *applicant;
  file.application = body;
  file.materials = std::move(materials).value();
  file.record = lifecycle::open_case(item.terms, now);
  const std::string reason = p.decision.outcome == rules::Outcome::approved ? "" : joined_messages(p.decision.reasons);
  auto moved = lifecycle::apply(file.record, {action_for(p.decision.outcome), Role::system,
                                              "rules-v" + std::to_string(p.decision.rule_set_version), now,
                                              reason.empty() ? outcome_text(p.decision.outcome) : reason, "", false});
  if (!moved) return moved.error();
  file.record = std::move(moved).value();
  if (!p.decision.warnings.empty()) file.flags.push_back("risk_warning");
  if (p.decision.outcome != rules::Outcome::manual_review) file.decided_at = now;
  refresh_deadlines(ctx, file);
  return p;
}

// The stored answer to a key already used: the same answer for the same body, else a refusal.
Result<ChannelAnswer> replay_of(const domain::IdempotencyRecord& found, const std::string& request_hash) {
  if (found.request_hash != request_hash) {
    return make_error("application.idempotency.mismatch", "this Idempotency-Key was used with another request body");
  }
  auto stored = json::parse(found.response);
  if (!stored) return make_error("server.internal", "stored answer unreadable");
  return ChannelAnswer{found.status, std::move(stored).value()};
}

constexpr const char* kReplay = "application.idempotency.replay";  // internal: the key was used before

}  // namespace

Result<ChannelAnswer> submit_application(ServerContext& ctx, const domain::Channel& channel,
                                         const std::string& key, const std::string& raw_body, const json::Value& body) {
  if (key.empty() || key.size() > 200) {
    return make_error("application.idempotency.missing", "an Idempotency-Key header (1..200 characters) is required");
  }
  const std::string request_hash = crypto::sha256_hex(raw_body);
  auto stored_answer = [&]() -> std::optional<domain::IdempotencyRecord> {
    std::optional<domain::IdempotencyRecord> found;
    (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
      found = tx.idempotency().find(channel.id, key);
      return {};
    });
    return found;
  };
  const Instant now = ctx.now();
  auto prepared = prepare(ctx, channel, body, now);
  if (!prepared) {
    // A request refused now may have been accepted before (the item since withdrawn...): the same
    // key still gets the stored answer.
    if (auto found = stored_answer()) return replay_of(*found, request_hash);
    return prepared.error();
  }
  Prepared& p = *prepared;
  domain::CaseFile& file = p.file;
  const CompiledItem& item = *p.item;
  const rules::Decision& decision = p.decision;

  for (int attempt = 0; attempt < 5; ++attempt) {
    file.case_no = new_number("ZS", now);
    if (decision.outcome == rules::Outcome::approved) file.receipt_no = new_number("HZ", now);
    json::Object answer{{"case_no", file.case_no},
                        {"item_code", file.item_code},
                        {"outcome", std::string(rules::to_string(decision.outcome))},
                        {"state", std::string(lifecycle::to_string(file.record.state))},
                        {"reasons", reasons_json(decision.reasons)},
                        {"warnings", reasons_json(decision.warnings)},
                        {"next_steps", next_steps(item, decision, file.receipt_no)},
                        {"submitted_at", format_instant(now, UtcOffset{})}};
    if (!file.receipt_no.empty()) answer.emplace_back("receipt_no", file.receipt_no);
    if (decision.outcome == rules::Outcome::ineligible) answer.emplace_back("other_ways", decision.other_ways);

    std::optional<domain::IdempotencyRecord> used;
    auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
      // One transaction: the key, the ban, the duplicate check, the case, its decision, the audit
      // entry, the notification and the stored answer.
      used = tx.idempotency().find(channel.id, key);
      if (used) return make_error(kReplay, "the key was used before");
      if (auto ban = tx.supervision().active_ban(file.applicant.id_number, file.item_code, now)) {
        return make_error("application.banned", "the applicant may not apply for this item until " +
                                                    format_instant(ban->until, UtcOffset{}) + " (000 Art.17)");
      }
      file.flags.erase(std::remove(file.flags.begin(), file.flags.end(), "duplicate_channel"), file.flags.end());
      const auto conflict_case = tx.cases().in_flight_elsewhere(file.applicant.id_number, file.item_code, channel.name);
      if (conflict_case) file.flags.push_back("duplicate_channel");
      json::Value body_out = answer;
      body_out.set("flags", json::Array(file.flags.begin(), file.flags.end()));
      if (auto c = tx.cases().create(file); !c) return c;
      if (auto c = tx.cases().add_decision(file.case_no, {0, "auto", std::string(rules::to_string(decision.outcome)),
                                                          decision.rule_set_version, p.trace, "system", now});
          !c) {
        return c;
      }
      tx.audit().append({0, now, channel.name, "applicant", "application.submit", file.case_no,
                         json::Object{{"item", file.item_code},
                                      {"outcome", std::string(rules::to_string(decision.outcome))},
                                      {"duplicate_of", conflict_case.value_or("")}},
                         "", ""});
      if (!file.applicant.phone.empty()) {
        (void)tx.supervision().enqueue({0, file.case_no, file.applicant.phone,
                                        "decision." + std::string(rules::to_string(decision.outcome)),
                                        "【智审】您申请的" + item.name + "（" + file.case_no + "）" +
                                            outcome_text(decision.outcome) + "。",
                                        now, 0, now, std::nullopt, ""});
      }
      if (auto put = tx.idempotency().put({channel.id, key, request_hash, 201, json::to_json(body_out), now}); !put) {
        return put;
      }
      answer = std::move(body_out.as_object());
      return {};
    });
    if (st) return ChannelAnswer{201, std::move(answer)};
    if (st.error().id == kReplay) return replay_of(*used, request_hash);
    if (st.error().id != "store.duplicate") return st.error();
    // store.duplicate: a case number drawn twice, or the same key racing in from a parallel
    // request, whose answer is then the one to give.
    if (auto found = stored_answer()) return replay_of(*found, request_hash);
  }
  return make_error("store.busy", "could not allocate a case number; try again");
}

}  // namespace zhishen::server
