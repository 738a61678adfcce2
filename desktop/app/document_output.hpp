#pragma once
// Handing a downloaded document (a case's PDF, the ledger as PDF or CSV) to the user the way they
// asked: preview — written to document_dir() and opened in the system viewer; save — a file dialog,
// then written there; print — written to document_dir() and sent to the printer (lp on Linux, the
// shell's print verb on Windows). The bytes are written exactly as the server produced them.
// Under --autotest nothing is launched and no dialog is shown: every use writes the file into the
// autotest directory and logs it (the GUI test checks the file).
// Thread-safety: UI thread only.

#include <wx/string.h>
#include <wx/window.h>

#include <optional>
#include <string>

#include "zhishen/desk/case_presenter.hpp"

namespace zhishen::desk::app {

struct Delivery {
  wxString path;                     // the file written; empty when the user cancelled or it failed
  std::string status;                // what happened, for the status line (translated)
  std::optional<std::string> error;  // what went wrong, for the user (translated, ends in [id])
};

Delivery deliver_document(wxWindow* parent, const std::string& file_name, const std::string& bytes, DocumentUse use);

}  // namespace zhishen::desk::app
