#include <charconv>
#include <ostream>

#include "args.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "holidays_option.hpp"
#include "zhishen/calendar/deadline.hpp"
#include "zhishen/calendar/holiday_files.hpp"

namespace zhishen::cli {
namespace {

constexpr const char* kUsage =
    "usage: zhishen calendar is-workday [--holidays DIR] DATE...\n"
    "       zhishen calendar add-workdays [--holidays DIR] --from DATE --days N\n"
    "       zhishen calendar workdays-between [--holidays DIR] --from DATE --to DATE\n"
    "       zhishen calendar deadline [--holidays DIR] --start INSTANT --days N\n"
    "                [--suspend BEGIN/END | --suspend BEGIN/]... [--cutoff end-of-day|office-close]\n"
    "                [--office-hours HH:MM-HH:MM]\n"
    "DATE is YYYY-MM-DD; INSTANT is YYYY-MM-DDTHH:MM:SS+08:00 (or Z). DIR holds YYYY.json notices\n"
    "(holiday-cn format); default: $ZHISHEN_HOLIDAYS_DIR or the shipped data.\n";

void warn_provisional(std::ostream& err, const std::string& what) {
  err << "zhishen: warning: " << calendar::kYearNotCovered << ": " << what
      << " involves a year with no holiday notice loaded; answered by the Monday-Friday rule\n";
}

Result<calendar::WorkdayCalendar> load(const ParsedArgs& p) { return calendar::load_holiday_dir(holidays_dir(p)); }

Result<Date> date_option(const ParsedArgs& p, const std::string& name) {
  auto v = p.last(name);
  if (!v) return make_error("cli.usage", "--" + name + " DATE is required");
  auto d = Date::parse(*v);
  if (!d) return make_error(d.error().id, "--" + name + " " + *v + ": " + d.error().message);
  return d;
}

Result<int> days_option(const ParsedArgs& p) {
  auto v = p.last("days");
  if (!v) return make_error("cli.usage", "--days N is required");
  int n = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || ptr != v->data() + v->size() || n < 1) {
    return make_error("calendar.span.invalid", "--days must be a whole number >= 1, got '" + *v + "'");
  }
  return n;
}

Result<std::chrono::minutes> clock_time(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return make_error("cli.usage", "expected HH:MM");
  int h = 0, m = 0;
  auto r1 = std::from_chars(s.data(), s.data() + 2, h);
  auto r2 = std::from_chars(s.data() + 3, s.data() + 5, m);
  if (r1.ec != std::errc{} || r2.ec != std::errc{} || r1.ptr != s.data() + 2 || r2.ptr != s.data() + 5 || m > 59 ||
      h * 60 + m > 24 * 60) {
    return make_error("cli.usage", "expected HH:MM");
  }
  return std::chrono::minutes{h * 60 + m};
}

int is_workday(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse_args(args, {"holidays"});
  if (!p) return usage_error(err, p.error().message, kUsage);
  if (p->positionals.empty()) return usage_error(err, "give at least one DATE", kUsage);
  std::vector<Date> dates;
  for (const auto& s : p->positionals) {
    auto d = Date::parse(s);
    if (!d) return usage_error(err, d.error().id + ": '" + s + "' is not a YYYY-MM-DD date", kUsage);
    dates.push_back(*d);
  }
  auto cal = load(*p);
  if (!cal) return usage_error(err, cal.error().id + ": " + cal.error().message, kUsage);
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const auto a = cal->is_workday(dates[i]);
    out << p->positionals[i] << (a.value ? " yes" : " no") << "\n";
    if (a.provisional) warn_provisional(err, p->positionals[i]);
  }
  return kExitOk;
}

int add_workdays(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse_args(args, {"holidays", "from", "days"});
  if (!p) return usage_error(err, p.error().message, kUsage);
  if (!p->positionals.empty()) return usage_error(err, "unexpected argument '" + p->positionals[0] + "'", kUsage);
  auto from = date_option(*p, "from");
  if (!from) return usage_error(err, from.error().message, kUsage);
  auto n = days_option(*p);
  if (!n) return usage_error(err, n.error().message, kUsage);
  auto cal = load(*p);
  if (!cal) return usage_error(err, cal.error().id + ": " + cal.error().message, kUsage);
  auto r = cal->add_workdays(*from, *n);
  if (!r) return usage_error(err, r.error().id + ": " + r.error().message, kUsage);
  out << r->value.to_string() << "\n";
  if (r->provisional) warn_provisional(err, "the span");
  return kExitOk;
}

int workdays_between(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse_args(args, {"holidays", "from", "to"});
  if (!p) return usage_error(err, p.error().message, kUsage);
  if (!p->positionals.empty()) return usage_error(err, "unexpected argument '" + p->positionals[0] + "'", kUsage);
  auto from = date_option(*p, "from");
  if (!from) return usage_error(err, from.error().message, kUsage);
  auto to = date_option(*p, "to");
  if (!to) return usage_error(err, to.error().message, kUsage);
  auto cal = load(*p);
  if (!cal) return usage_error(err, cal.error().id + ": " + cal.error().message, kUsage);
  const auto r = cal->workdays_between(*from, *to);
  out << r.value << "\n";
  if (r.provisional) warn_provisional(err, "the range");
  return kExitOk;
}

int deadline(const Args& args, std::ostream& out, std::ostream& err) {
  auto p = parse_args(args, {"holidays", "start", "days", "suspend", "cutoff", "office-hours"});
  if (!p) return usage_error(err, p.error().message, kUsage);
  if (!p->positionals.empty()) return usage_error(err, "unexpected argument '" + p->positionals[0] + "'", kUsage);
  auto start_text = p->last("start");
  if (!start_text) return usage_error(err, "--start INSTANT is required", kUsage);
  auto start = parse_instant(*start_text);
  if (!start) return usage_error(err, start.error().id + ": --start " + *start_text, kUsage);
  auto n = days_option(*p);
  if (!n) return usage_error(err, n.error().message, kUsage);

  calendar::DeadlinePolicy policy;
  if (auto c = p->last("cutoff")) {
    if (*c == "end-of-day") policy.cutoff = calendar::Cutoff::end_of_day;
    else if (*c == "office-close") policy.cutoff = calendar::Cutoff::office_close;
    else return usage_error(err, "--cutoff must be end-of-day or office-close", kUsage);
  }
  if (auto h = p->last("office-hours")) {
    auto open = h->size() == 11 && (*h)[5] == '-' ? clock_time(h->substr(0, 5)) : make_error("cli.usage", "");
    auto close = h->size() == 11 && (*h)[5] == '-' ? clock_time(h->substr(6)) : make_error("cli.usage", "");
    if (!open || !close) return usage_error(err, "--office-hours must be HH:MM-HH:MM", kUsage);
    policy.hours = {*open, *close};
  }
  std::vector<calendar::Suspension> suspensions;
  if (p->has("suspend")) {
    for (const auto& s : p->options.at("suspend")) {
      const auto slash = s.find('/');
      if (slash == std::string::npos) return usage_error(err, "--suspend must be BEGIN/END or BEGIN/", kUsage);
      auto b = parse_instant(s.substr(0, slash));
      if (!b) return usage_error(err, b.error().id + ": --suspend " + s, kUsage);
      calendar::Suspension susp{*b, std::nullopt};
      if (slash + 1 < s.size()) {
        auto e = parse_instant(s.substr(slash + 1));
        if (!e) return usage_error(err, e.error().id + ": --suspend " + s, kUsage);
        susp.end = *e;
      }
      suspensions.push_back(susp);
    }
  }
  auto cal = load(*p);
  if (!cal) return usage_error(err, cal.error().id + ": " + cal.error().message, kUsage);
  auto d = calendar::compute_deadline(*cal, *start, *n, suspensions, policy);
  if (!d) return usage_error(err, d.error().id + ": " + d.error().message, kUsage);
  if (d->paused) {
    out << "paused after " << d->counted_workdays << " of " << *n << " working days\n";
  } else {
    out << "due " << d->due_date.to_string() << " at " << format_instant(d->due, policy.offset) << "\n";
  }
  if (d->provisional) warn_provisional(err, "the deadline");
  return kExitOk;
}

}  // namespace

int calendar_command(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage_error(err, "calendar needs a subcommand", kUsage);
  const Args rest(args.begin() + 1, args.end());
  if (args[0] == "is-workday") return is_workday(rest, out, err);
  if (args[0] == "add-workdays") return add_workdays(rest, out, err);
  if (args[0] == "workdays-between") return workdays_between(rest, out, err);
  if (args[0] == "deadline") return deadline(rest, out, err);
  if (args[0] == "--help" || args[0] == "-h") {
    out << kUsage;
    return kExitOk;
  }
  return usage_error(err, "unknown calendar subcommand '" + args[0] + "'", kUsage);
}

}  // namespace zhishen::cli
