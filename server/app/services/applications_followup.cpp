// After submission: progress for the applicant, resubmission after 补齐补正, evaluation (好差评).
#include "applications.hpp"
#include "case_view.hpp"

#include <algorithm>
#include "case_support.hpp"
#include "intake.hpp"
#include "validation.hpp"
#include "zhishen/lifecycle/case_deadlines.hpp"
#include "zhishen/lifecycle/case_machine.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Action;
using lifecycle::Role;
using lifecycle::State;

// The case, if this channel may see it: its own channel, or the applicant's ID number given.
Result<domain::CaseFile> visible_case(ports::StoreTx& tx, const domain::Channel& channel, const std::string& case_no,
                                      const std::string& id_number) {
  auto f = tx.cases().load(case_no);
  if (!f) return make_error("application.not_found", "no application " + case_no + " for this channel");
  std::string given = id_number;
  for (char& c : given) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (f->channel != channel.name && (given.empty() || given != f->applicant.id_number)) {
    return make_error("application.not_found", "no application " + case_no + " for this channel");
  }
  return f;
}

json::Value progress_json(ServerContext& ctx, const domain::CaseFile& f) {
  json::Array timeline;
  for (const auto& e : f.record.history) {
    timeline.push_back(json::Object{{"at", format_instant(e.at, UtcOffset{})},
                                    {"action", std::string(lifecycle::to_string(e.action))},
                                    {"label", std::string(lifecycle::label_zh(e.action))},
                                    {"state", std::string(lifecycle::to_string(e.to))}});
  }
  json::Object out{{"case_no", f.case_no},
                   {"item_code", f.item_code},
                   {"state", std::string(lifecycle::to_string(f.record.state))},
                   {"state_label", std::string(lifecycle::label_zh(f.record.state))},
                   {"decision", std::string(lifecycle::to_string(f.record.decision))},
                   {"submitted_at", format_instant(f.record.submitted_at, UtcOffset{})},
                   {"timeline", std::move(timeline)},
                   {"deadlines", deadlines_json(ctx, f.record)}};
  if (!f.receipt_no.empty()) out.emplace_back("receipt_no", f.receipt_no);
  // The one-time correction list, when one is pending.
  if (f.record.state == State::correction_requested && !f.record.history.empty()) {
    out.emplace_back("correction_request", f.record.history.back().reason);
  }
  return out;
}

}  // namespace

Result<ChannelAnswer> application_progress(ServerContext& ctx, const domain::Channel& channel, const std::string& case_no,
                                           const std::string& id_number) {
  Result<ChannelAnswer> out = make_error("application.not_found", case_no);
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto f = visible_case(tx, channel, case_no, id_number);
    if (!f) {
      out = f.error();
      return {};
    }
    out = ChannelAnswer{200, progress_json(ctx, *f)};
    return {};
  });
  return out;
}

Result<ChannelAnswer> resubmit_corrections(ServerContext& ctx, const domain::Channel& channel, const std::string& case_no,
                                           const json::Value& body) {
  const Instant now = ctx.now();
  auto cat = ctx.catalogue();
  Result<ChannelAnswer> out = make_error("application.not_found", case_no);
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto f = visible_case(tx, channel, case_no, "");
    if (!f) return f.error();
    const std::int64_t read_version = f->record.version;
    const CompiledItem* item = cat->find(f->item_code);
    if (item == nullptr) return make_error("application.item.not_found", "the item is no longer active");
    // Merge the corrected form fields and materials into the application.
    json::Value app = f->application;
    if (const json::Value* form = body.find("form"); form != nullptr) {
      if (!form->is_object()) return make_error("application.field.invalid", "form: must be an object");
      json::Value merged = app.find("form") != nullptr ? *app.find("form") : json::Value(json::Object{});
      for (const auto& [k, v] : form->as_object()) merged.set(k, v);
      app.set("form", std::move(merged));
    }
    if (body.find("materials") != nullptr) {
      auto added = parse_materials(body);
      if (!added) return added.error();
      json::Value list = app.find("materials") != nullptr ? *app.find("materials") : json::Value(json::Array{});
      for (const auto& m : body.find("materials")->as_array()) list.as_array().push_back(m);
      app.set("materials", std::move(list));
      f->materials.insert(f->materials.end(), added->begin(), added->end());
    }
    if (auto v = validate_form(*item, *app.find("form"), false); !v) return v;
    auto moved = lifecycle::apply(f->record, {Action::resubmit, Role::applicant, channel.name, now, "补正材料已提交", "", false});
    if (!moved) return moved.error();
    f->record = std::move(moved).value();
    auto d = decide_with(ctx, *item, app, false);
    const Action next = d.outcome == rules::Outcome::approved   ? Action::auto_approve
                        : d.outcome == rules::Outcome::rejected ? Action::auto_reject
                                                                : Action::route_manual;
    auto decided = lifecycle::apply(f->record, {next, Role::system, "rules", now, next == Action::auto_approve ? "自动审批通过" : "补正后重新审查", "", false});
    if (!decided) return decided.error();
    f->record = std::move(decided).value();
    f->application = app;
    if (next != Action::route_manual) f->decided_at = now;
    if (next == Action::auto_approve && f->receipt_no.empty()) f->receipt_no = new_number("HZ", now);
    refresh_deadlines(ctx, *f);
    if (auto s = tx.cases().save(*f, read_version); !s) return s;
    const std::string trace = rules::trace_text(d);
    const ports::NewDecision decided_now[] = {automatic_decision(case_no, d, trace, now)};
    if (auto s = tx.cases().add_decisions(decided_now); !s) return s;
    tx.audit().append({0, now, channel.name, "applicant", "application.resubmit", case_no,
                       json::Object{{"outcome", std::string(rules::to_string(d.outcome))}}, "", ""});
    out = ChannelAnswer{200, progress_json(ctx, *f)};
    return {};
  });
  if (!st) return st.error();
  return out;
}

Result<ChannelAnswer> evaluate_case(ServerContext& ctx, const domain::Channel& channel, const std::string& case_no,
                                    const json::Value& body) {
  static const char* kLevels[] = {"非常满意", "满意", "基本满意", "不满意"};
  const json::Value* level = body.find("level");
  if (level == nullptr || !level->is_string() ||
      std::none_of(std::begin(kLevels), std::end(kLevels), [&](const char* l) { return level->as_string() == l; })) {
    return make_error("evaluation.level.invalid", "level: one of 非常满意, 满意, 基本满意, 不满意");
  }
  const json::Value* reason = body.find("reason");
  const std::string why = reason != nullptr && reason->is_string() ? reason->as_string() : "";
  if (level->as_string() == "不满意" && why.empty()) {
    return make_error("evaluation.reason_required", "reason: required when the evaluation is 不满意");
  }
  const Instant now = ctx.now();
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto f = visible_case(tx, channel, case_no, "");
    if (!f) return f.error();
    if (f->record.state == State::submitted) return make_error("evaluation.too_early", "the application is not decided yet");
    if (auto s = tx.supervision().put_evaluation({case_no, level->as_string(), why, channel.name, now}); !s) {
      return s.error().id == "store.duplicate" ? make_error("evaluation.duplicate", "this application is already evaluated") : s;
    }
    tx.audit().append({0, now, channel.name, "applicant", "application.evaluate", case_no,
                       json::Object{{"level", level->as_string()}}, "", ""});
    return {};
  });
  if (!st) return st.error();
  return ChannelAnswer{201, json::Object{{"case_no", case_no}, {"level", level->as_string()}}};
}

}  // namespace zhishen::server
