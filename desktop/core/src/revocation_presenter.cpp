#include "zhishen/desk/revocation_presenter.hpp"

#include <algorithm>

#include "zhishen/desk/i18n.hpp"
#include "zhishen/lifecycle/transition_table.hpp"

namespace zhishen::desk {
namespace {

std::string item_of(const CaseRow& r) { return r.item_name.empty() ? r.item_code : r.item_name; }

}  // namespace

RevocationPresenter::RevocationPresenter(RevocationView& view, Api& api, TaskRunner& runner)
    : view_(view), api_(api), runner_(runner) {}

const char* RevocationPresenter::revocable_states() {
  return "recheck_confirmed,manual_approved,certificate_issued,completed,publicised,archived";
}

bool RevocationPresenter::lost(const Error& e) {
  if (e.id.rfind("auth.session.", 0) != 0) return false;
  view_.session_lost();
  return true;
}

void RevocationPresenter::search(const std::string& raw) {
  const auto b = raw.find_first_not_of(" \t");
  const std::string text = b == std::string::npos ? "" : raw.substr(b, raw.find_last_not_of(" \t") - b + 1);
  if (text.empty()) {
    view_.show_status(tr("Enter a case number, the applicant's ID number or a certificate number."));
    return;
  }
  InboxQuery q;
  q.search = text;
  q.state = revocable_states();
  q.limit = 200;
  async<Result<InboxPage>>(runner_, alive_, [api = &api_, q]() { return api->inbox(q); },
                           [this](Result<InboxPage> page) {
                             if (!page) {
                               if (!lost(page.error())) view_.show_error(error_text(page.error()));
                               return;
                             }
                             found_ = std::move(page->rows);
                             selected_.reset();
                             view_.show_found();
                             view_.show_preview();
                             view_.show_status(found_.empty() ? tr("No decided case matches.") : "");
                           });
}

void RevocationPresenter::load_past() {
  InboxQuery q;
  q.state = "revoked";
  q.limit = 500;
  async<Result<InboxPage>>(runner_, alive_, [api = &api_, q]() { return api->inbox(q); },
                           [this](Result<InboxPage> page) {
                             if (!page) {
                               if (!lost(page.error())) view_.show_error(error_text(page.error()));
                               return;
                             }
                             past_ = std::move(page->rows);
                             view_.show_past();
                           });
}

void RevocationPresenter::select(std::size_t i) {
  if (i >= found_.size()) return;
  async<Result<CaseDetail>>(runner_, alive_, [api = &api_, no = found_[i].case_no]() { return api->case_detail(no); },
                            [this](Result<CaseDetail> d) {
                              if (!d) {
                                if (!lost(d.error())) view_.show_error(error_text(d.error()));
                                return;
                              }
                              selected_ = std::move(d).value();
                              view_.show_preview();
                            });
}

bool RevocationPresenter::can_revoke() const {
  return selected_ && std::find(selected_->actions.begin(), selected_->actions.end(), "revoke") != selected_->actions.end();
}

std::vector<std::string> RevocationPresenter::preview() const {
  if (!selected_) return {};
  const CaseDetail& d = *selected_;
  std::vector<std::string> lines = {
      tr("Case ") + d.row.case_no + "  " + d.item_name + "  " + d.row.applicant_name,
      tr("Now: ") + label(d.row.state),
  };
  if (d.row.state == "revoked") {  // the outcome, as the server has it now
    const auto revoked = std::find_if(d.history.rbegin(), d.history.rend(),
                                      [](const HistoryEntry& h) { return h.action == "revoke"; });
    if (revoked != d.history.rend()) {
      lines.push_back(fill(tr("The decision was revoked on %1."), {short_time(revoked->at)}));
      if (revoked->ban) lines.push_back(tr("The applicant is barred from this item for one year."));
    }
    if (d.certificate) {
      lines.push_back(fill(tr("E-certificate %1: %2"), {d.certificate->no, certificate_state_text(*d.certificate)}));
    }
    if (d.publicity) lines.push_back(fill(tr("Publicity: %1"), {publicity_text(*d.publicity)}));
    return lines;
  }
  if (!can_revoke()) {
    lines.push_back(tr("You may not revoke this case (approvers revoke decided approvals)."));
    return lines;
  }
  lines.push_back(tr("Revoking will: mark the decision revoked (the case ends as Revoked);"));
  if (d.certificate && d.certificate->state != "revoked") {
    lines.push_back(fill(tr("recall the e-certificate %1 (%2): it is marked revoked and no longer valid;"),
                         {d.certificate->no, d.certificate->type}));
  }
  if (d.publicity && d.publicity->state != "withdrawn") {
    lines.push_back(d.publicity->state == "published"
                        ? fill(tr("withdraw the publicity record published on %1;"), {short_time(d.publicity->published_at)})
                        : tr("withdraw the pending publicity record (it will not be published);"));
  }
  const auto state = lifecycle::parse_state(d.row.state);
  const auto* rule = state ? lifecycle::find_rule(*state, lifecycle::Action::revoke) : nullptr;
  if (rule != nullptr && rule->ban_allowed) {
    lines.push_back(tr("if you choose, bar the applicant from this item for one year (the item provides for it);"));
  }
  lines.push_back(tr("notify the applicant and record it in the audit log."));
  return lines;
}

TextRows RevocationPresenter::found_rows() const {
  TextRows rows;
  for (const auto& r : found_) {
    rows.push_back({r.case_no, item_of(r), r.applicant_name + "  " + r.applicant_id_masked, label(r.state),
                    short_time(r.submitted_at)});
  }
  return rows;
}

TextRows RevocationPresenter::past_rows() const {
  TextRows rows;
  for (const auto& r : past_) {
    rows.push_back({r.case_no, item_of(r), r.applicant_name + "  " + r.applicant_id_masked, short_time(r.submitted_at)});
  }
  return rows;
}

void RevocationPresenter::revoke() {
  if (busy_ || !can_revoke()) return;
  const CaseDetail& d = *selected_;
  const ActionSpec spec = make_action_spec(d, "revoke");
  ActionInput in;
  if (!view_.ask_revocation(spec, in)) return;
  if (auto missing = check_action_input(spec, in)) {
    view_.show_error(error_text(*missing));
    return;
  }
  if (!spec.may_ban) in.ban = false;
  in.version = d.row.version;
  busy_ = true;
  // The outcome is shown from the case read again after the revocation (its certificate and
  // publicity as the server has them now); the revocation's own answer when that read fails.
  async<Result<CaseDetail>>(runner_, alive_,
                            [api = &api_, no = d.row.case_no, in]() -> Result<CaseDetail> {
                              auto after = api->act(no, "revoke", in);
                              if (!after) return after;
                              auto reloaded = api->case_detail(no);
                              return reloaded ? std::move(reloaded) : std::move(after);
                            },
                            [this](Result<CaseDetail> after) {
                              busy_ = false;
                              if (!after) {
                                if (lost(after.error())) return;
                                view_.show_error(error_text(after.error()));
                                return;
                              }
                              view_.show_status(tr("Revoked: ") + after->row.case_no);
                              selected_ = std::move(after).value();
                              view_.show_preview();
                              load_past();
                            });
}

}  // namespace zhishen::desk
