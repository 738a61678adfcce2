#include "zhishen/desk/ledger_presenter.hpp"

#include "zhishen/desk/i18n.hpp"

namespace zhishen::desk {
namespace {

constexpr long kMaxPeriodDays = 366;  // both days included, as the server's period
constexpr std::size_t kMaxCode = 64;

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// An item or department code: letters, digits, '-', '_' and '.' (what the catalogue and the
// directory use); also safe in a file name.
bool code_ok(const std::string& code) {
  if (code.size() > kMaxCode) return false;
  for (const char ch : code) {
    const auto c = static_cast<unsigned char>(ch);
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

LedgerPresenter::LedgerPresenter(LedgerView& view, Api& api, TaskRunner& runner, StaffUser me, Clock now)
    : view_(view), api_(api), runner_(runner), me_(std::move(me)), now_(std::move(now)) {}

bool LedgerPresenter::lost(const Error& e) {
  if (e.id.rfind("auth.session.", 0) != 0) return false;
  view_.session_lost();
  return true;
}

LedgerQuery LedgerPresenter::default_query() const {
  const Date today = local_date(now_(), UtcOffset{});
  LedgerQuery q;
  q.from = Date(today.year(), today.month(), 1U).to_string();
  q.to = today.to_string();
  return q;
}

Result<LedgerQuery> LedgerPresenter::checked(const LedgerQuery& in) const {
  LedgerQuery q;
  q.from = trim(in.from);
  q.to = trim(in.to);
  q.item = trim(in.item);
  q.department = may_choose_department() ? trim(in.department) : std::string();
  auto from = Date::parse(q.from);
  auto to = Date::parse(q.to);
  if (!from || !to) return make_error("desk.period.invalid", "from and to are YYYY-MM-DD");
  if (*to < *from) return make_error("desk.period.reversed", "to is before from");
  if (to->days_since(*from) >= kMaxPeriodDays) return make_error("desk.period.too_long", "at most 366 days");
  if (!code_ok(q.item)) return make_error("desk.item.invalid", "item: a catalogue code");
  if (!code_ok(q.department)) return make_error("desk.department.invalid", "department: a directory code");
  return q;
}

std::string LedgerPresenter::file_name(const LedgerQuery& q, bool csv) {
  std::string name = "ledger-" + q.from + "-" + q.to;
  if (!q.item.empty() && code_ok(q.item)) name += "-" + q.item;
  return name + (csv ? ".csv" : ".pdf");
}

void LedgerPresenter::fetch(const LedgerQuery& raw, DocumentUse use, bool csv) {
  if (busy_) return;
  auto q = checked(raw);
  if (!q) {
    view_.show_error(error_text(q.error()));
    return;
  }
  busy_ = true;
  view_.set_busy(true);
  async<Result<std::string>>(
      runner_, alive_, [api = &api_, query = *q, csv]() { return api->ledger(query, csv); },
      [this, name = file_name(*q, csv), use, csv](Result<std::string> bytes) {
        busy_ = false;
        view_.set_busy(false);
        if (!bytes) {
          if (!lost(bytes.error())) view_.show_error(error_text(bytes.error()));
          return;
        }
        if (!csv && !is_pdf(*bytes)) {
          view_.show_error(error_text(make_error("api.reply.invalid", "the ledger is not a PDF")));
          return;
        }
        view_.document_ready(name, *bytes, use);
      });
}

}  // namespace zhishen::desk
