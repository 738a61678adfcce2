#include "applications.hpp"

#include <algorithm>

#include <Poco/Logger.h>

#include "case_support.hpp"
#include "intake.hpp"
#include "validation.hpp"
#include "zhishen/crypto/hash.hpp"
#include "zhishen/lifecycle/case_machine.hpp"
#include "zhishen/rules/decision.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Action;
using lifecycle::Role;
using lifecycle::State;

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

Result<PreparedApplication> prepare(ServerContext& ctx, const domain::Channel& channel, const json::Value& body, Instant now) {
  PreparedApplication p;
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
  // Written here, on the request thread, rather than by the batch's leader.
  p.trace_json = rules::trace_text(p.decision);
  p.decision.trace.clear();

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

}  // namespace

Result<ChannelAnswer> submit_application(ServerContext& ctx, const domain::Channel& channel,
                                         const std::string& key, const std::string& raw_body, const json::Value& body) {
  if (key.empty() || key.size() > 200) {
    return make_error("application.idempotency.missing", "an Idempotency-Key header (1..200 characters) is required");
  }
  PendingApplication pending;
  pending.channel = &channel;
  pending.key = key;
  pending.request_hash = crypto::sha256_hex(raw_body);
  pending.now = ctx.now();
  auto prepared = prepare(ctx, channel, body, pending.now);
  if (!prepared) {
    // A request refused now may have been accepted before (the item since withdrawn...): the same
    // key still gets the stored answer.
    std::optional<domain::IdempotencyRecord> found;
    (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
      found = tx.idempotency().find(channel.id, key);
      return {};
    });
    if (found) return replay_of(*found, pending.request_hash);
    return prepared.error();
  }
  pending.application = std::move(prepared).value();
  pending.lane = ctx.intake_lane_of(std::hash<std::string>{}(pending.application.file.applicant.id_number));
  pending.lanes = ctx.intake_lane_count();
  ctx.intake(pending.lane).run(pending, [&ctx](std::vector<PendingApplication*>& batch) { write_applications(ctx, batch); });
  return std::move(*pending.result);
}

}  // namespace zhishen::server
