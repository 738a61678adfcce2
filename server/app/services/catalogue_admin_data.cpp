// Catalogue administration, the data behind decisions and deadlines: the holiday calendar (with
// the recomputation of every open case's derived deadline columns) and the shared datasets.
#include <mutex>

#include "admin_support.hpp"
#include "case_support.hpp"
#include "catalogue_admin.hpp"
#include "dataset_csv.hpp"
#include "zhishen/calendar/holiday_files.hpp"

namespace zhishen::server {
namespace {

std::mutex calendar_reload_mu;  // calendar: store change + snapshot + recomputation, one at a time
std::mutex datasets_reload_mu;  // datasets: store change + snapshot, one at a time

constexpr std::size_t kRecomputeBatch = 100;  // cases per transaction

// States in which a clock may run (the others stopped every clock for good).
std::vector<lifecycle::State> open_states() {
  using lifecycle::State;
  std::vector<State> out;
  for (const State st : lifecycle::kAllStates) {
    if (st != State::archived && st != State::revoked && st != State::withdrawn && st != State::precheck_failed &&
        st != State::not_accepted) {
      out.push_back(st);
    }
  }
  return out;
}

struct Recomputed {
  std::size_t checked = 0;
  std::size_t changed = 0;
};

// Derived deadline columns of every open case on the (already replaced) calendar snapshot. A case
// that a request changes meanwhile is skipped: that request saved it with the new calendar.
Recomputed recompute_open_deadlines(ServerContext& ctx, const Principal& who) {
  std::vector<std::string> case_nos;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    case_nos.clear();
    ports::InboxQuery q;
    q.states = open_states();
    q.limit = 5000;
    for (q.offset = 0;; q.offset += q.limit) {
      const auto page = tx.cases().inbox(q);
      for (const auto& s : page) case_nos.push_back(s.case_no);
      if (page.size() < q.limit) break;
    }
    return {};
  });
  Recomputed total;
  for (std::size_t from = 0; from < case_nos.size(); from += kRecomputeBatch) {
    const std::size_t to = std::min(case_nos.size(), from + kRecomputeBatch);
    Recomputed batch;
    (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
      batch = {};
      for (std::size_t i = from; i < to; ++i) {
        auto f = tx.cases().load(case_nos[i]);
        if (!f) continue;
        ++batch.checked;
        const auto before = std::make_tuple(f->due_at, f->yellow_at, f->light);
        refresh_deadlines(ctx, *f);
        if (std::make_tuple(f->due_at, f->yellow_at, f->light) == before) continue;
        if (!tx.cases().save_deadlines(*f)) continue;  // changed meanwhile (store.conflict)
        ++batch.changed;
        if (f->light != std::get<2>(before)) {
          audit(tx, ctx, who, "case.light", f->case_no,
                json::Object{{"from", std::string(calendar::to_string(std::get<2>(before)))},
                             {"to", std::string(calendar::to_string(f->light))},
                             {"cause", "calendar"}});
        }
      }
      return {};
    });
    total.checked += batch.checked;
    total.changed += batch.changed;
  }
  return total;
}

Result<int> parse_year(const std::string& text) {
  int y = 0;
  if (text.size() != 4) return make_error("calendar.year.invalid", "the year must be four digits");
  for (char c : text) {
    if (c < '0' || c > '9') return make_error("calendar.year.invalid", "the year must be four digits");
    y = y * 10 + (c - '0');
  }
  return y;
}

json::Value year_summary(const calendar::YearNotice& n) {
  int off = 0, work = 0;
  for (const auto& d : n.days) (d.off ? off : work) += 1;
  json::Array papers(n.papers.begin(), n.papers.end());
  return json::Object{{"year", n.year}, {"papers", std::move(papers)}, {"days_off", off}, {"adjusted_workdays", work}};
}

bool valid_dataset_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

Result<AdminAnswer> list_calendar(ServerContext& ctx) {
  std::vector<calendar::YearNotice> notices;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    notices = tx.catalogue().calendar_notices();
    return {};
  });
  json::Array years;
  for (const auto& n : notices) years.push_back(year_summary(n));
  return AdminAnswer{200, json::Object{{"years", std::move(years)}}};
}

Result<AdminAnswer> get_calendar_year(ServerContext& ctx, const std::string& year) {
  auto y = parse_year(year);
  if (!y) return y.error();
  std::optional<calendar::YearNotice> found;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    for (auto& n : tx.catalogue().calendar_notices()) {
      if (n.year == *y) found = std::move(n);
    }
    return {};
  });
  if (!found) return make_error("calendar.year.not_found", "no holiday notice for " + year);
  return AdminAnswer{200, calendar::year_notice_to_json(*found)};
}

Result<AdminAnswer> put_calendar_year(ServerContext& ctx, const Principal& who, const std::string& year,
                                      const json::Value& body) {
  auto y = parse_year(year);
  if (!y) return y.error();
  auto notice = calendar::year_notice_from_json(body);
  if (!notice) return notice.error();
  if (notice->year != *y) {
    return make_error("calendar.file.year_mismatch", "the notice is for " + std::to_string(notice->year) + ", not " + year);
  }
  std::lock_guard lock(calendar_reload_mu);
  std::shared_ptr<const calendar::WorkdayCalendar> built;
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    auto notices = tx.catalogue().calendar_notices();
    std::erase_if(notices, [&](const calendar::YearNotice& n) { return n.year == *y; });
    notices.push_back(*notice);
    auto cal = calendar::WorkdayCalendar::build(notices);  // calendar.day.conflict with a neighbour year
    if (!cal) return cal.error();
    if (auto s = tx.catalogue().put_calendar_notice(*notice, actor_of(who)); !s) return s;
    built = std::make_shared<const calendar::WorkdayCalendar>(std::move(cal).value());
    json::Value summary = year_summary(*notice);
    audit(tx, ctx, who, "calendar.year.put", "calendar:" + year, summary);
    return {};
  });
  if (!st) return st.error();
  ctx.set_calendar(std::move(built));
  const auto moved = recompute_open_deadlines(ctx, who);
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    audit(tx, ctx, who, "calendar.deadlines.recompute", "calendar:" + year,
          json::Object{{"checked", static_cast<double>(moved.checked)}, {"changed", static_cast<double>(moved.changed)}});
    return {};
  });
  json::Value answer = year_summary(*notice);
  answer.set("open_cases_checked", static_cast<double>(moved.checked));
  answer.set("deadlines_changed", static_cast<double>(moved.changed));
  return AdminAnswer{200, std::move(answer)};
}

Result<AdminAnswer> list_datasets(ServerContext& ctx) {
  std::vector<std::string> names;
  (void)ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    names = tx.catalogue().dataset_names();
    return {};
  });
  auto data = ctx.shared_data();
  json::Array out;
  for (const auto& n : names) {
    out.push_back(json::Object{{"name", n}, {"records", static_cast<double>(data ? data->record_count(n) : 0)}});
  }
  return AdminAnswer{200, json::Object{{"datasets", std::move(out)}}};
}

Result<AdminAnswer> import_dataset(ServerContext& ctx, const Principal& who, const std::string& name,
                                   const std::string& csv, const std::string& description, bool dry_run) {
  if (!valid_dataset_name(name)) {
    return make_error("dataset.name.invalid", "a dataset name is 1-64 lower-case letters, digits or '_'");
  }
  auto parsed = parse_dataset_csv(csv);
  if (!parsed) return parsed.error();
  json::Array rejected;
  for (const auto& r : parsed->rejected) {
    rejected.push_back(json::Object{{"line", static_cast<double>(r.line)}, {"id", r.id}, {"reason", r.reason}});
  }
  json::Array fields(parsed->fields.begin(), parsed->fields.end());
  json::Object report{{"dataset", name},
                      {"fields", std::move(fields)},
                      {"imported", static_cast<double>(parsed->records.size())},
                      {"rejected", rejected},
                      {"dry_run", dry_run}};
  if (parsed->records.empty()) {
    return error_answer(make_error("dataset.csv.no_rows", "no valid record: the stored dataset is kept"),
                        json::Object{{"rejected", std::move(rejected)}});
  }
  if (dry_run) return AdminAnswer{200, std::move(report)};
  std::lock_guard lock(datasets_reload_mu);
  auto st = ctx.store().transact([&](ports::StoreTx& tx) -> Status {
    if (auto s = tx.catalogue().replace_dataset(name, description, parsed->records); !s) return s;
    audit(tx, ctx, who, "dataset.import", "dataset:" + name,
          json::Object{{"records", static_cast<double>(parsed->records.size())},
                       {"rejected", static_cast<double>(parsed->rejected.size())}});
    return {};
  });
  if (!st) return st.error();
  auto current = ctx.shared_data();
  auto next = current ? std::make_shared<adapters::FileSharedData>(*current) : std::make_shared<adapters::FileSharedData>();
  json::Object records;
  for (const auto& [k, v] : parsed->records) records.emplace_back(k, v);
  if (auto s = next->add(json::Object{{"dataset", name}, {"records", std::move(records)}}, name); !s) return s.error();
  ctx.set_shared_data(std::move(next));
  return AdminAnswer{200, std::move(report)};
}

}  // namespace zhishen::server
