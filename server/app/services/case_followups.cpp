// A staff transition and its follow-ups in the caller's transaction (see case_followups.hpp).
#include "case_followups.hpp"

#include "permissions.hpp"
#include "zhishen/certificates/certificate.hpp"
#include "zhishen/lifecycle/case_machine.hpp"

namespace zhishen::server {
namespace {

using lifecycle::Action;
using lifecycle::Role;
using lifecycle::State;

std::string chinese_number(std::size_t n) {
  static const char* kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return kDigits[n];
  const std::size_t tens = n / 10 % 10;
  return std::string(tens == 1 ? "" : kDigits[tens]) + "十" + kDigits[n % 10];
}

// The applicant's SMS-style message for this step, if it warrants one (001 Art.20).
Status notify(ports::StoreTx& tx, const CompiledItem* item, const domain::CaseFile& before,
              const domain::CaseFile& after, Action action, Instant now) {
  if (after.applicant.phone.empty()) return {};
  const std::string what = "【智审】您申请的" + (item != nullptr ? item->name : after.item_code) + "（" + after.case_no + "）";
  const std::string reason = after.record.history.size() > before.record.history.size()
                                 ? after.record.history[before.record.history.size()].reason
                                 : std::string();
  const bool completed = after.record.state == State::completed;
  std::string template_id;
  std::string text;
  switch (action) {
    case Action::request_correction:
      template_id = "correction.requested";
      text = what + "需一次性补齐补正以下材料：" + reason + "。请补正后重新提交。";
      break;
    case Action::manual_approve:
      template_id = completed ? "case.completed" : "decision.approved";
      text = what + (completed ? "已准予许可并办结。" : "已准予许可，电子证照制发后办结。");
      if (completed && after.record.terms.issues_certificate) {
        text += "电子证照编号" + certificates::certificate_number(after.case_no) + "。";
      }
      break;
    case Action::manual_reject:
      template_id = "case.completed";
      text = what + "不予许可，已办结。理由：" + reason + "。如有异议，可依法申请行政复议或提起行政诉讼。";
      break;
    case Action::confirm_recheck:
      if (!completed) return {};  // an approval waiting for its e-certificate: told at issue
      template_id = "case.completed";
      text = what + (after.record.decision == lifecycle::Decision::approved ? "经复核，已办结。"
                                                                            : "经复核，不予许可决定维持，已办结。");
      if (after.record.terms.issues_certificate && after.record.decision == lifecycle::Decision::approved) {
        text += "电子证照编号" + certificates::certificate_number(after.case_no) + "。";
      }
      break;
    case Action::issue_certificate:  // issued later than its approval (the department had no key then)
      if (!completed) return {};
      template_id = "case.completed";
      text = what + "的电子证照（编号" + certificates::certificate_number(after.case_no) + "）已制发，已办结。";
      break;
    case Action::revoke:
      template_id = "decision.revoked";
      text = what + "的许可决定已依法撤销。理由：" + reason + "。";
      if (after.record.history.back().ban) text += "一年内不得再次申请该事项。";
      break;
    default:
      return {};
  }
  auto queued = tx.supervision().enqueue({0, after.case_no, after.applicant.phone, template_id, text, now, 0, now,
                                          std::nullopt, ""});
  if (!queued) return queued.error();
  return {};
}

}  // namespace

std::string numbered_list(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? "；" : "") + chinese_number(i + 1) + "、" + items[i];
  return s;
}

Instant one_year_after(Instant t) {
  using namespace std::chrono;
  const auto offset = UtcOffset{}.minutes;
  const auto local = t + offset;
  const auto day = floor<days>(local);
  year_month_day ymd = year_month_day{day} + years{1};
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / last;
  return Instant{sys_days{ymd} + (local - day) - offset};
}

Status apply_staff_transition(const Principal& who, domain::CaseFile& f, Action action, const ActionInput& in,
                              Instant now) {
  std::string reason = in.reason;
  if (action == Action::request_correction && !in.items.empty()) {
    reason = in.reason.empty() ? numbered_list(in.items) : in.reason + "：" + numbered_list(in.items);
  }
  auto moved = lifecycle::apply(f.record, {action, acting_role(who, action), who.staff.username, now, reason,
                                           in.legal_basis, in.ban});
  if (!moved) return moved.error();
  f.record = std::move(moved).value();
  // An approval is over at once when there is no e-certificate to issue; one with an e-certificate
  // waits in recheck_confirmed / manual_approved for the issue.
  if ((f.record.state == State::recheck_confirmed || f.record.state == State::manual_approved) &&
      !f.record.terms.issues_certificate) {
    auto done = lifecycle::apply(f.record, {Action::complete, Role::system, "system", now, "无需制发证照，审批通过即办结", "", false});
    if (!done) return done.error();
    f.record = std::move(done).value();
  }
  if (action == Action::manual_approve || action == Action::manual_reject) f.decided_at = now;
  return {};
}

Status record_followups(ports::StoreTx& tx, const Principal& who, const CompiledItem* item,
                        const domain::CaseFile& before, const domain::CaseFile& after, Action action,
                        const ActionInput& in, Instant now) {
  const std::string& no = after.case_no;
  const std::string& by = who.staff.username;
  if (action == Action::manual_approve || action == Action::manual_reject) {
    json::Value detail = json::Object{{"reason", in.reason}, {"legal_basis", in.legal_basis}};
    auto d = tx.cases().add_decision(no, {0, "manual", action == Action::manual_approve ? "approved" : "rejected", 0,
                                          std::move(detail), by, now});
    if (!d) return d;
  }
  if (action == Action::confirm_recheck || action == Action::fail_recheck) {
    json::Value detail = json::Object{{"decision", std::string(lifecycle::to_string(before.record.decision))},
                                      {"reason", in.reason},
                                      {"legal_basis", in.legal_basis}};
    auto d = tx.cases().add_decision(no, {0, "recheck", action == Action::confirm_recheck ? "confirmed" : "failed", 0,
                                          std::move(detail), by, now});
    if (!d) return d;
  }
  if (action == Action::revoke) {
    if (in.ban) {
      auto b = tx.supervision().add_ban({0, after.applicant.id_number, after.item_code, no, now, one_year_after(now),
                                         in.reason});
      if (!b) return b.error();
    }
    if (auto p = tx.supervision().publicity_for(no); p && !p->withdrawn_at) {  // 双公示 withdrawn (R8)
      p->withdrawn_at = now;
      p->fields.set("XK_ZT", "1");  // 当前状态: 撤销
      if (auto u = tx.supervision().update_publicity(*p); !u) return u;
    }
    const std::string cert_no = certificates::certificate_number(no);  // 电子证照 recalled (R7)
    if (auto c = tx.supervision().certificate(cert_no); c && !c->revoked_at) {
      if (auto r = tx.supervision().revoke_certificate(cert_no, now, in.reason); !r) return r;
    }
  }
  if (auto n = notify(tx, item, before, after, action, now); !n) return n;
  for (std::size_t i = before.record.history.size(); i < after.record.history.size(); ++i) {
    const auto& e = after.record.history[i];
    tx.audit().append({0, now, e.actor, std::string(lifecycle::to_string(e.role)),
                       "case." + std::string(lifecycle::to_string(e.action)), no,
                       json::Object{{"from", std::string(lifecycle::to_string(e.from))},
                                    {"to", std::string(lifecycle::to_string(e.to))},
                                    {"seq", e.seq},
                                    {"version", after.record.version},
                                    {"legal_basis", e.legal_basis},
                                    {"ban", e.ban}},
                       "", ""});
  }
  return {};
}

}  // namespace zhishen::server
