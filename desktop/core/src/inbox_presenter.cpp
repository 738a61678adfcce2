#include "zhishen/desk/inbox_presenter.hpp"

#include <algorithm>
#include <utility>

#include "zhishen/desk/i18n.hpp"

namespace zhishen::desk {
namespace {

constexpr const char* kLightMark = "●";  // coloured by the view


std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string working_text(std::int64_t minutes, long workday_minutes) {
  const std::int64_t per_day = workday_minutes > 0 ? workday_minutes : InboxPresenter::kDefaultWorkdayMinutes;
  const std::int64_t days = minutes / per_day;
  const std::int64_t rest = minutes % per_day;
  std::string s;
  if (days > 0) s = std::to_string(days) + (days == 1 ? tr(" working day") : tr(" working days"));
  if (rest >= 60) s += (s.empty() ? "" : " ") + std::to_string(rest / 60) + tr(" h");
  if (days == 0 && rest % 60 > 0) s += (s.empty() ? "" : " ") + std::to_string(rest % 60) + tr(" min");
  return s.empty() ? "0" + tr(" min") : s;
}

std::string duration_text(std::int64_t minutes) {
  const std::int64_t days = minutes / (24 * 60);
  const std::int64_t hours = (minutes / 60) % 24;
  if (days > 0) return std::to_string(days) + tr(" d ") + std::to_string(hours) + tr(" h");
  if (hours > 0) return std::to_string(hours) + tr(" h ") + std::to_string(minutes % 60) + tr(" min");
  return std::to_string(minutes) + tr(" min");
}

}  // namespace

InboxPresenter::InboxPresenter(InboxView& view, Api& api, TaskRunner& runner, StaffUser me, Clock now)
    : view_(view), api_(api), runner_(runner), me_(std::move(me)), now_(std::move(now)) {}

std::string InboxPresenter::column_title(InboxColumn c) {
  switch (c) {
    case InboxColumn::light: return tr("Light");
    case InboxColumn::case_no: return tr("Case number");
    case InboxColumn::item: return tr("Item");
    case InboxColumn::applicant: return tr("Applicant");
    case InboxColumn::channel: return tr("Channel");
    case InboxColumn::state: return tr("State");
    case InboxColumn::decision: return tr("Automatic decision");
    case InboxColumn::due: return tr("Due");
    case InboxColumn::remaining: return tr("Time left");
    case InboxColumn::assignee: return tr("Assignee");
    case InboxColumn::flags: return tr("Flags");
    case InboxColumn::count: break;
  }
  return "";
}

std::string InboxPresenter::working_time_text(std::int64_t minutes, long workday_minutes) {
  return minutes >= 0 ? tr("left ") + working_text(minutes, workday_minutes)
                      : tr("overdue ") + working_text(-minutes, workday_minutes);
}

std::string InboxPresenter::remaining_text(const CaseRow& r, long workday_minutes, Instant now) {
  if (r.due_at.empty()) return tr("clock stopped");
  auto due = parse_instant(r.due_at);
  if (r.working_minutes_left) {
    // Past a Friday deadline over the weekend no working time has run since: overdue, not "0 left".
    if (*r.working_minutes_left == 0 && due && *due < now) return tr("overdue");
    return working_time_text(*r.working_minutes_left, workday_minutes);
  }
  if (!due) return "";
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(*due - now).count();
  if (minutes >= 0) return tr("left ") + duration_text(minutes);
  return tr("overdue ") + duration_text(-minutes);
}

std::string InboxPresenter::cell(std::size_t i, InboxColumn c) const {
  const CaseRow& r = rows_.at(i);
  switch (c) {
    case InboxColumn::light:  // no light while no clock runs (办结, 中止, 补正)
      return r.light.empty() || r.due_at.empty() ? "" : std::string(kLightMark) + " " + label(r.light);
    case InboxColumn::case_no: return r.case_no;
    case InboxColumn::item: return r.item_name.empty() ? r.item_code : r.item_name;
    case InboxColumn::applicant: return r.applicant_name + "  " + r.applicant_id_masked;
    case InboxColumn::channel: return label(r.channel);
    case InboxColumn::state: return label(r.state);
    case InboxColumn::decision: return label(r.decision);
    case InboxColumn::due: return short_deadline(r.due_at);
    case InboxColumn::remaining: return remaining_text(r, workday_minutes_, now_());
    case InboxColumn::assignee:
      if (!r.assignee_id) return "";
      return *r.assignee_id == me_.id ? tr("me") : "#" + std::to_string(*r.assignee_id);
    case InboxColumn::flags: {
      std::vector<std::string> names;
      for (const auto& f : r.flags) names.push_back(label(f));
      return join(names, tr(", "));
    }
    case InboxColumn::count: break;
  }
  return "";
}

void InboxPresenter::set_query(const InboxQuery& q) {
  query_ = q;
  query_.offset = 0;
  ++generation_;  // a load in progress for the old query is dropped
  loading_ = false;
  refresh();
}

void InboxPresenter::refresh() {
  if (loading_) return;
  loading_ = true;
  incoming_.clear();
  view_.set_busy(true);
  load_page(generation_, 0);
}

bool InboxPresenter::lost(const Error& e) {
  if (e.id.rfind("auth.session.", 0) != 0) return false;
  view_.session_lost();
  return true;
}

void InboxPresenter::load_page(std::uint64_t generation, int offset) {
  InboxQuery q = query_;
  q.limit = kPage;
  q.offset = offset;
  async<Result<InboxPage>>(runner_, alive_, [api = &api_, q]() { return api->inbox(q); },
                           [this, generation, offset](Result<InboxPage> page) {
                             if (generation != generation_) return;  // an older query's page
                             if (!page) {
                               loading_ = false;
                               view_.set_busy(false);
                               if (!lost(page.error())) view_.show_error(error_text(page.error()));
                               return;
                             }
                             const std::size_t got = page->rows.size();
                             if (page->workday_minutes > 0) workday_minutes_ = page->workday_minutes;
                             for (auto& r : page->rows) incoming_.push_back(std::move(r));
                             const auto total = static_cast<std::size_t>(std::max(0L, page->total));
                             if (got == static_cast<std::size_t>(kPage) && incoming_.size() < total &&
                                 incoming_.size() < kMaxRows) {
                               view_.show_status(tr("Loading... ") + std::to_string(incoming_.size()) + " / " +
                                                 std::to_string(total));
                               load_page(generation, offset + kPage);
                               return;
                             }
                             loading_ = false;
                             view_.set_busy(false);
                             rows_ = std::move(incoming_);
                             incoming_.clear();
                             apply_sort();
                             show_rows();
                             view_.show_counts(tr("Total ") + std::to_string(page->total) + tr("   red ") +
                                               std::to_string(page->red) + tr("   yellow ") +
                                               std::to_string(page->yellow) + tr("   green ") +
                                               std::to_string(page->green));
                             view_.show_status(rows_.size() < total ? tr("Showing the first ") +
                                                                          std::to_string(rows_.size()) + tr(" cases")
                                                                    : std::exchange(notice_, std::string()));
                           });
}

std::string InboxPresenter::encode_view(const InboxQuery& q) {
  std::string out;
  auto add = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += ';';
    out += key;
    out += '=';
    for (char c : value) {  // ';' and '%' escaped so that any search text round-trips
      if (c == ';') out += "%3B";
      else if (c == '%') out += "%25";
      else out += c;
    }
  };
  add("state", q.state);
  add("light", q.light);
  add("assignee", q.assignee);
  add("due_before", q.due_before);
  add("department", q.department);
  if (q.flagged) add("flagged", "1");
  add("q", q.search);
  return out;
}

std::optional<InboxQuery> InboxPresenter::decode_view(const std::string& text) {
  InboxQuery q;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    const std::string part = text.substr(start, end - start);
    start = end + 1;
    const auto eq = part.find('=');
    if (eq == std::string::npos || eq == 0) return std::nullopt;
    const std::string key = part.substr(0, eq);
    std::string value;
    for (std::size_t i = eq + 1; i < part.size(); ++i) {
      if (part.compare(i, 3, "%3B") == 0) {
        value += ';';
        i += 2;
      } else if (part.compare(i, 3, "%25") == 0) {
        value += '%';
        i += 2;
      } else {
        value += part[i];
      }
    }
    if (key == "state") q.state = value;
    else if (key == "light") q.light = value;
    else if (key == "assignee") q.assignee = value;
    else if (key == "due_before") q.due_before = value;
    else if (key == "department") q.department = value;
    else if (key == "flagged") q.flagged = value == "1";
    else if (key == "q") q.search = value;
    else return std::nullopt;
  }
  return q;
}

void InboxPresenter::sort_by(InboxColumn column, bool ascending) {
  sort_column_ = column;
  sort_ascending_ = ascending;
  apply_sort();
  show_rows();
}

void InboxPresenter::apply_sort() {
  auto key = [this](const CaseRow& r) -> std::string {
    switch (sort_column_) {
      case InboxColumn::light: return r.light == "red" ? "0" : r.light == "yellow" ? "1" : r.light == "green" ? "2" : "3";
      case InboxColumn::case_no: return r.case_no;
      case InboxColumn::item: return r.item_name.empty() ? r.item_code : r.item_name;
      case InboxColumn::applicant: return r.applicant_name;
      case InboxColumn::channel: return r.channel;
      case InboxColumn::state: return r.state;
      case InboxColumn::decision: return r.decision;
      case InboxColumn::due:
      case InboxColumn::remaining: return r.due_at.empty() ? "~" : r.due_at.substr(0, 19);  // no deadline last
      case InboxColumn::assignee: return r.assignee_id ? std::to_string(1'000'000'000 + *r.assignee_id) : "~";
      case InboxColumn::flags: return std::to_string(r.flags.size());
      case InboxColumn::count: break;
    }
    return "";
  };
  std::stable_sort(rows_.begin(), rows_.end(), [&](const CaseRow& a, const CaseRow& b) {
    const std::string ka = key(a), kb = key(b);
    if (ka != kb) return sort_ascending_ ? ka < kb : kb < ka;
    return a.case_no < b.case_no;
  });
}

void InboxPresenter::show_rows() {
  view_.rows_changed(rows_.size());
  std::vector<std::size_t> keep;
  std::set<std::string> still;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    if (selected_.count(rows_[i].case_no) != 0) {
      keep.push_back(i);
      still.insert(rows_[i].case_no);
    }
  }
  selected_ = std::move(still);
  view_.select_rows(keep);
}

void InboxPresenter::selection_changed(const std::vector<std::size_t>& rows) {
  selected_.clear();
  for (std::size_t i : rows) {
    if (i < rows_.size()) selected_.insert(rows_[i].case_no);
  }
}

void InboxPresenter::claim_selected() {
  std::vector<std::pair<std::string, std::int64_t>> work;
  for (const auto& r : rows_) {
    if (selected_.count(r.case_no) != 0) work.emplace_back(r.case_no, r.version);
  }
  if (work.empty()) {
    view_.show_status(tr("Select the cases to claim first."));
    return;
  }
  struct Outcome {
    int done = 0;
    std::vector<Error> errors;
  };
  view_.set_busy(true);
  async<Outcome>(
      runner_, alive_,
      [api = &api_, work]() {
        Outcome o;
        for (const auto& [no, version] : work) {
          ActionInput in;
          in.version = version;
          auto r = api->act(no, "claim", in);
          if (r) ++o.done;
          else o.errors.push_back(r.error());
        }
        return o;
      },
      [this, n = work.size()](Outcome o) {
        view_.set_busy(false);
        for (const auto& e : o.errors) {
          if (lost(e)) return;
        }
        std::string text = tr("Claimed ") + std::to_string(o.done) + " / " + std::to_string(n);
        if (!o.errors.empty()) text += tr("; not claimed: ") + error_text(o.errors.front());
        notice_ = text;  // shown once the refreshed list is in
        view_.show_status(text);
        refresh();
      });
}

}  // namespace zhishen::desk
