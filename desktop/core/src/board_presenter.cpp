#include "zhishen/desk/board_presenter.hpp"

#include <cmath>

#include "zhishen/desk/i18n.hpp"

namespace zhishen::desk {
namespace {

struct Snapshot {
  std::optional<Error> error;
  Board board;
  std::vector<CaseRow> overdue;
  std::vector<Ticket> tickets;
  json::Value figures;
};

const json::Value* at(const json::Value& v, std::string_view a, std::string_view b) {
  const json::Value* x = v.find(a);
  return x != nullptr ? x->find(b) : nullptr;
}

std::string whole(const json::Value* v) {
  if (v == nullptr || !v->is_number() || !std::isfinite(v->as_number())) return "—";
  return std::to_string(std::llround(v->as_number()));
}

std::string percent(const json::Value* v) {
  if (v == nullptr || !v->is_number() || !std::isfinite(v->as_number())) return "—";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.1f %%", v->as_number() * 100.0);
  return buf;
}

}  // namespace

BoardPresenter::BoardPresenter(BoardView& view, Api& api, TaskRunner& runner, StaffUser me, Clock now)
    : view_(view), api_(api), runner_(runner), me_(std::move(me)), now_(std::move(now)) {}

bool BoardPresenter::lost(const Error& e) {
  if (e.id.rfind("auth.session.", 0) != 0) return false;
  view_.session_lost();
  return true;
}

void BoardPresenter::refresh() {
  if (loading_) return;
  loading_ = true;
  const Instant now = now_();
  const std::string to = format_instant(now, UtcOffset{}).substr(0, 10);
  const std::string from = format_instant(now - std::chrono::hours(24 * 30), UtcOffset{}).substr(0, 10);
  async<Snapshot>(
      runner_, alive_,
      [api = &api_, from, to]() {
        Snapshot s;
        auto b = api->board();
        if (!b) {
          s.error = b.error();
          return s;
        }
        s.board = std::move(b).value();
        auto o = api->overdue(200);
        if (!o) {
          s.error = o.error();
          return s;
        }
        s.overdue = std::move(o).value();
        auto t = api->tickets("");
        if (!t) {
          s.error = t.error();
          return s;
        }
        s.tickets = std::move(t).value();
        auto f = api->statistics(from, to);
        if (f) s.figures = std::move(f).value();  // the figures are optional on the board
        return s;
      },
      [this](Snapshot s) {
        loading_ = false;
        if (s.error) {
          if (!lost(*s.error)) view_.show_error(error_text(*s.error));
          return;
        }
        board_ = std::move(s.board);
        overdue_ = std::move(s.overdue);
        tickets_ = std::move(s.tickets);
        figures_ = std::move(s.figures);
        view_.show_board();
      });
}

long BoardPresenter::total(const std::string& light) const {
  long n = 0;
  for (const auto& t : board_.tiles) n += light == "red" ? t.red : light == "yellow" ? t.yellow : t.green;
  return n;
}

TextRows BoardPresenter::overdue() const {
  TextRows rows;
  for (const auto& c : overdue_) {
    const long m = c.overdue_minutes;
    const std::string by = m >= 24 * 60 ? std::to_string(m / (24 * 60)) + tr(" d ") + std::to_string((m / 60) % 24) + tr(" h")
                                        : std::to_string(m / 60) + tr(" h ") + std::to_string(m % 60) + tr(" min");
    rows.push_back({c.case_no, c.department, c.item_name.empty() ? c.item_code : c.item_name,
                    c.applicant_name, by, c.ticket_no});
  }
  return rows;
}

TextRows BoardPresenter::tickets() const {
  TextRows rows;
  for (const auto& t : tickets_) {
    rows.push_back({t.ticket_no, t.case_no, t.department, label(t.state) + (t.light == "red" ? tr(" (answer overdue)") : ""),
                    t.reason, short_deadline(t.answer_due_at), t.response});
  }
  return rows;
}

std::vector<std::pair<std::string, std::string>> BoardPresenter::figures() const {
  const json::Value& f = figures_;
  if (!f.is_object()) return {};
  return {
      {tr("Decisions (30 days)"), whole(at(f, "decisions", "total"))},
      {tr("Decided automatically"), percent(at(f, "decisions", "automatic_share"))},
      {tr("Median decision time"), whole(at(f, "decision_time", "median_minutes")) + tr(" min")},
      {tr("Median re-check time"), whole(at(f, "recheck_time", "median_minutes")) + tr(" min")},
      {tr("Overdue rate"), percent(at(f, "overdue", "rate"))},
      {tr("Re-checks confirmed"), percent(at(f, "recheck", "confirmed_share"))},
  };
}

TextRows BoardPresenter::outside_system() const {
  TextRows rows;
  for (const auto& o : board_.outside_system) rows.push_back({label(o.kind), o.ref, o.department});
  return rows;
}

std::string BoardPresenter::outside_system_title() const {
  return fill(tr("Work outside the system (%1)"), {std::to_string(board_.outside_system.size())});
}

std::string BoardPresenter::outside_system_note() const {
  return board_.outside_system.empty() ? tr("No work outside the system found.") : "";
}

std::string BoardPresenter::outside_system_case(std::size_t row) const {
  if (row >= board_.outside_system.size()) return "";
  const OutsideWork& o = board_.outside_system[row];
  return o.kind == "completed_without_certificate" ? o.ref : "";
}

std::string BoardPresenter::updated_text() const {
  return board_.generated_at.empty() ? "" : tr("Updated ") + short_time(board_.generated_at);
}

void BoardPresenter::ticket_call(std::function<Result<Ticket>()> call, std::string done_text) {
  async<Result<Ticket>>(runner_, alive_, std::move(call), [this, done_text](Result<Ticket> t) {
    if (!t) {
      if (!lost(t.error())) view_.show_error(error_text(t.error()));
      return;
    }
    view_.show_status(done_text + " " + t->ticket_no);
    refresh();
  });
}

void BoardPresenter::open_ticket(const std::string& case_no, const std::string& reason) {
  ticket_call([api = &api_, case_no, reason]() { return api->open_ticket(case_no, reason); }, tr("Ticket opened:"));
}

void BoardPresenter::respond(const std::string& ticket_no, const std::string& response) {
  ticket_call([api = &api_, ticket_no, response]() { return api->respond_ticket(ticket_no, response); }, tr("Answer sent:"));
}

void BoardPresenter::close(const std::string& ticket_no, const std::string& note) {
  ticket_call([api = &api_, ticket_no, note]() { return api->close_ticket(ticket_no, note); }, tr("Ticket closed:"));
}

}  // namespace zhishen::desk
