#pragma once
// BoardPresenter: the red/yellow-light board (红黄灯看板) — a tile per department with its green,
// yellow and red counts (supervisors see every department, others their own: the server scopes
// it), the overdue list, supervision tickets (open, answer, close) and the efficiency figures of
// the last 30 days, and the work done outside the system (体外循环: certificates and publicity
// records without a case, approved certificate cases completed without a certificate). Refreshes on
// a timer without piling up requests.
//
// Ownership: borrows the view, the Api and the runner; the view owns it. Thread-safety: UI thread.

#include <functional>
#include <string>
#include <vector>

#include "zhishen/core/date.hpp"
#include "zhishen/desk/api.hpp"
#include "zhishen/desk/case_presenter.hpp"
#include "zhishen/desk/task_runner.hpp"

namespace zhishen::desk {

class BoardView {
 public:
  virtual ~BoardView() = default;
  virtual void show_board() = 0;  // read the presenter's getters
  virtual void show_error(const std::string& text) = 0;
  virtual void show_status(const std::string& text) = 0;
  virtual void session_lost() = 0;
};

class BoardPresenter {
 public:
  using Clock = std::function<Instant()>;
  BoardPresenter(BoardView& view, Api& api, TaskRunner& runner, StaffUser me, Clock now);

  void refresh();  // ignored while one is running
  bool loading() const { return loading_; }

  const Board& board() const { return board_; }
  long total(const std::string& light) const;  // over every tile
  TextRows overdue() const;  // case number, department, item, applicant, overdue by, ticket
  const std::vector<CaseRow>& overdue_cases() const { return overdue_; }
  TextRows tickets() const;  // ticket, case, department, state, reason, answer due, response
  const std::vector<Ticket>& ticket_list() const { return tickets_; }
  std::vector<std::pair<std::string, std::string>> figures() const;  // label, value
  // 体外循环: kind (as the user reads it), reference (certificate or case number), department code
  // (as in the overdue list); the title with the count; when there is none, the sentence that says
  // so ("" otherwise).
  TextRows outside_system() const;
  std::string outside_system_title() const;
  std::string outside_system_note() const;
  // The case an outside-system row names, to open it: only "completed without a certificate" has
  // one in the system; "" otherwise.
  std::string outside_system_case(std::size_t row) const;
  std::string updated_text() const;

  bool may_supervise() const { return me_.has_role("supervisor"); }  // the server checks the role
  bool may_respond() const { return me_.may("review") || me_.may("approval"); }
  void open_ticket(const std::string& case_no, const std::string& reason);
  void respond(const std::string& ticket_no, const std::string& response);
  void close(const std::string& ticket_no, const std::string& note);

 private:
  void ticket_call(std::function<Result<Ticket>()> call, std::string done_text);
  bool lost(const Error& e);

  BoardView& view_;
  Api& api_;
  TaskRunner& runner_;
  StaffUser me_;
  Clock now_;
  Board board_;
  std::vector<CaseRow> overdue_;
  std::vector<Ticket> tickets_;
  json::Value figures_;
  bool loading_ = false;
  Alive alive_ = make_alive();
};

}  // namespace zhishen::desk
