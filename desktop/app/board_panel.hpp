#pragma once
// BoardPanel: the red/yellow-light board (红黄灯看板), readable on a wall screen — big totals, a
// tile per department (double-click a count: its cases in the inbox), the overdue list (double-
// click: the case), supervision tickets with open / answer / close, the efficiency figures and the
// work done outside the system (体外循环).
// Refreshes every 30 seconds. Thread-safety: UI thread only.

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/timer.h>
#include <wx/wrapsizer.h>

#include <functional>
#include <memory>

#include "zhishen/desk/board_presenter.hpp"

namespace zhishen::desk::app {

class BoardPanel final : public wxPanel, public BoardView {
 public:
  using OpenCase = std::function<void(const std::string& case_no)>;
  using ShowCases = std::function<void(const std::string& department, const std::string& light)>;
  using SessionLost = std::function<void()>;
  BoardPanel(wxWindow* parent, Api& api, TaskRunner& runner, const StaffUser& me, OpenCase open, ShowCases show,
             SessionLost session_lost);
  ~BoardPanel() override;

  BoardPresenter& presenter() { return *presenter_; }

  void show_board() override;
  void show_error(const std::string& text) override;
  void show_status(const std::string& text) override;
  void session_lost() override;

 private:
  wxWindow* make_tile(const BoardTile& tile);
  std::string selected(wxListCtrl* list) const;

  std::unique_ptr<BoardPresenter> presenter_;
  OpenCase open_;
  ShowCases show_;
  SessionLost session_lost_;
  wxStaticText* totals_[3];
  wxStaticText* updated_;
  wxStaticText* status_;
  wxWrapSizer* tiles_;
  wxPanel* tiles_panel_;
  wxListCtrl* overdue_;
  wxListCtrl* tickets_;
  wxListCtrl* figures_;
  wxStaticText* outside_title_;  // 体外循环 (count)
  wxListCtrl* outside_;
  wxStaticText* outside_note_;   // none found
  wxButton* open_ticket_;
  wxButton* respond_;
  wxButton* close_;
  wxTimer timer_;
};

}  // namespace zhishen::desk::app
