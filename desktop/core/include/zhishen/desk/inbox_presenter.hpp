#pragma once
// InboxPresenter: the review inbox (收件箱) — filters, search, paging through the whole list (the
// server pages by 500; the view gets every loaded row for its virtual list), column sorting,
// selection kept across refreshes by case number, bulk claim, auto-refresh without piling up
// requests, and the text of each cell.
//
// Ownership: borrows the view, the Api and the runner (they outlive it; the view owns it).
// Thread-safety: UI thread only.

#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "zhishen/core/date.hpp"
#include "zhishen/desk/api.hpp"
#include "zhishen/desk/task_runner.hpp"

namespace zhishen::desk {

enum class InboxColumn { light, case_no, item, applicant, channel, state, decision, due, remaining, assignee, flags, count };

class InboxView {
 public:
  virtual ~InboxView() = default;
  // The rows changed (count and contents); the view redraws its virtual list.
  virtual void rows_changed(std::size_t count) = 0;
  // Select exactly these rows (indices into the current rows).
  virtual void select_rows(const std::vector<std::size_t>& rows) = 0;
  virtual void show_counts(const std::string& text) = 0;
  virtual void show_status(const std::string& text) = 0;
  virtual void show_error(const std::string& text) = 0;
  virtual void set_busy(bool busy) = 0;
  virtual void session_lost() = 0;
};

class InboxPresenter {
 public:
  using Clock = std::function<Instant()>;
  // A working day's office hours, for a server that does not say (older ones send no workday_minutes).
  static constexpr long kDefaultWorkdayMinutes = 8 * 60;
  InboxPresenter(InboxView& view, Api& api, TaskRunner& runner, StaffUser me, Clock now);

  // Loads the rows for `q` (from the first page on; later pages follow).
  void set_query(const InboxQuery& q);
  const InboxQuery& query() const { return query_; }
  // Reloads with the current query, keeping the selection. Ignored while a load is running.
  void refresh();
  bool loading() const { return loading_; }

  std::size_t row_count() const { return rows_.size(); }
  const CaseRow& row(std::size_t i) const { return rows_.at(i); }
  std::string cell(std::size_t row, InboxColumn column) const;
  static std::string column_title(InboxColumn column);

  void sort_by(InboxColumn column, bool ascending);

  // The view reports the rows the user selected.
  void selection_changed(const std::vector<std::size_t>& rows);
  std::vector<std::string> selected() const { return {selected_.begin(), selected_.end()}; }

  // Claims every selected case (each against the version shown); reports how many succeeded and
  // refreshes.
  void claim_selected();

  // A saved view (收件箱视图): the filters of a query as one line of text, and back
  // ("state=manual_review;light=red;assignee=me;flagged=1;q=…"); nullopt for a line that is not one.
  static std::string encode_view(const InboxQuery& q);
  static std::optional<InboxQuery> decode_view(const std::string& text);

  // The time left of a row: its working time when the server gave it ("left 2 working days 3 h",
  // "overdue 1 working day", with working days of `workday_minutes`), else the calendar time to
  // its due time against now ("left 2 d 3 h" / "overdue 1 d 4 h").
  static std::string remaining_text(const CaseRow& r, long workday_minutes, Instant now);
  // "left 2 working days 3 h" / "overdue 25 min" for a signed working time in minutes.
  static std::string working_time_text(std::int64_t minutes, long workday_minutes);

 private:
  void load_page(std::uint64_t generation, int offset);
  void apply_sort();
  void show_rows();
  bool lost(const Error& e);

  InboxView& view_;
  Api& api_;
  TaskRunner& runner_;
  StaffUser me_;
  Clock now_;
  InboxQuery query_;
  std::vector<CaseRow> rows_;
  std::vector<CaseRow> incoming_;  // pages of the load in progress
  std::set<std::string> selected_;
  std::string notice_;  // the outcome of the last bulk action, shown after the reload
  InboxColumn sort_column_ = InboxColumn::due;
  bool sort_ascending_ = true;
  long workday_minutes_ = kDefaultWorkdayMinutes;  // as the last loaded page said
  bool loading_ = false;
  std::uint64_t generation_ = 0;  // a new query makes older pages void
  Alive alive_ = make_alive();

  static constexpr int kPage = 500;
  static constexpr std::size_t kMaxRows = 20000;
};

}  // namespace zhishen::desk
