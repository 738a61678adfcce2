#pragma once
// ActionDialog: what a case action needs from the user (reason, legal basis, the one-time list of
// materials for a correction, the one-year ban for a revocation) and the confirmation of an
// irreversible step. Built from the presenter's ActionSpec. Thread-safety: UI thread only.

#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/dialog.h>
#include <wx/textctrl.h>

#include "zhishen/desk/case_presenter.hpp"

namespace zhishen::desk::app {

class ActionDialog final : public wxDialog {
 public:
  ActionDialog(wxWindow* parent, const ActionSpec& spec);
  // Copies the fields into `in`.
  void read(ActionInput& in) const;

 private:
  wxTextCtrl* reason_ = nullptr;
  wxTextCtrl* basis_ = nullptr;
  wxCheckListBox* materials_ = nullptr;
  wxTextCtrl* other_items_ = nullptr;
  wxCheckBox* ban_ = nullptr;
};

}  // namespace zhishen::desk::app
