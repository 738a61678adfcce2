#pragma once
// InboxPanel: the review inbox (收件箱) — filter bar, counts, a virtual wxDataViewCtrl over the
// presenter's rows (smooth with tens of thousands), multi-select with bulk claim, sorting by a
// column header, opening a case (double-click or Enter), auto-refresh every minute keeping the
// selection. Thread-safety: UI thread only.

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/panel.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <functional>
#include <memory>

#include "zhishen/desk/inbox_presenter.hpp"

namespace zhishen::desk::app {

class InboxModel;

class InboxPanel final : public wxPanel, public InboxView {
 public:
  using OpenCase = std::function<void(const std::string& case_no)>;
  using SessionLost = std::function<void()>;
  InboxPanel(wxWindow* parent, Api& api, TaskRunner& runner, const StaffUser& me, OpenCase open,
             SessionLost session_lost);
  ~InboxPanel() override;

  InboxPresenter& presenter() { return *presenter_; }
  wxDataViewCtrl* list() { return list_; }
  // Filters as the GUI test sets them (the same path as the user's choices).
  void choose_light(int index);  // 0 all, 1 red, 2 yellow, 3 green
  void choose_state(int index);  // index into the state choice
  void show_department(const std::string& department, const std::string& light);
  void open_row(std::size_t row);

  void rows_changed(std::size_t count) override;
  void select_rows(const std::vector<std::size_t>& rows) override;
  void show_counts(const std::string& text) override;
  void show_status(const std::string& text) override;
  void show_error(const std::string& text) override;
  void set_busy(bool busy) override;
  void session_lost() override;

 private:
  void apply_filters();
  void show_query(const InboxQuery& q);  // sets the filter controls to a query
  void load_views();
  void save_view();
  void choose_view(int index);
  void on_selection(wxDataViewEvent&);
  void on_header(wxDataViewEvent&);

  std::unique_ptr<InboxPresenter> presenter_;
  OpenCase open_;
  SessionLost session_lost_;
  wxChoice* state_;
  wxChoice* light_;
  wxChoice* assignee_;
  wxCheckBox* flagged_;
  wxSearchCtrl* search_;
  wxChoice* views_;
  std::vector<std::pair<wxString, InboxQuery>> saved_;
  wxStaticText* counts_;
  wxStaticText* status_;
  wxDataViewCtrl* list_;
  InboxModel* model_;  // owned by the control (reference counted)
  wxTimer refresh_timer_;
  bool updating_selection_ = false;
  int sort_column_ = -1;
  bool sort_ascending_ = true;
  std::string department_;
};

}  // namespace zhishen::desk::app
