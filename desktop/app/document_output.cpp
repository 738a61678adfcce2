#include "document_output.hpp"

#include <wx/ffile.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/intl.h>

#include <cstdio>
#include <filesystem>

#include "platform.hpp"
#include "ui.hpp"
#include "zhishen/desk/i18n.hpp"

namespace zhishen::desk::app {
namespace {

wxString wx_path(const std::filesystem::path& p) {
#ifdef _WIN32
  return wxString(p.wstring());
#else
  return W(p.string());
#endif
}

std::filesystem::path fs_path(const wxString& p) {
#ifdef _WIN32
  return std::filesystem::path(p.ToStdWstring());
#else
  return std::filesystem::path(U(p));
#endif
}

// Writes the bytes as they are; desk.file.write when that fails.
Status write_file(const wxString& path, const std::string& bytes) {
  wxFFile f;
  if (!f.Open(path, "wb")) return make_error("desk.file.write", U(path));
  const bool written = f.Write(bytes.data(), bytes.size()) == bytes.size();
  if (!f.Close() || !written) return make_error("desk.file.write", U(path));
  return {};
}

// The error as the user reads it, with the detail of errors that carry one worth reading (what lp
// said, which file could not be written).
std::string explain(const Error& e) {
  std::string text = error_text(e);
  if ((e.id == "desk.print.failed" || e.id == "desk.file.write") && !e.message.empty()) text += "\n" + e.message;
  return text;
}

const char* use_name(DocumentUse use) {
  switch (use) {
    case DocumentUse::preview:
      return "preview";
    case DocumentUse::save:
      return "save";
    case DocumentUse::print:
      return "print";
  }
  return "?";
}

}  // namespace

Delivery deliver_document(wxWindow* parent, const std::string& file_name, const std::string& bytes, DocumentUse use) {
  Delivery d;
  const bool csv = wxFileName(W(file_name)).GetExt().Lower() == "csv";
  wxString path;
  if (autotest_mode()) {  // the GUI test: no viewer, no dialog, no printer
    path = wx_path(std::filesystem::path(autotest_dir()) / file_name);
  } else if (use == DocumentUse::save) {
    wxFileDialog dialog(parent, _("Save the document"), wxEmptyString, W(file_name),
                        csv ? _("CSV files (*.csv)|*.csv") : _("PDF files (*.pdf)|*.pdf"),
                        wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) return d;
    path = dialog.GetPath();
  } else {
    path = wx_path(document_dir() / file_name);
  }
  if (auto written = write_file(path, bytes); !written) {
    d.error = explain(written.error());
    return d;
  }
  if (autotest_mode()) {
    std::fprintf(stderr, "autotest: %s of %s: written to %s (%zu bytes), nothing launched\n", use_name(use),
                 file_name.c_str(), U(path).c_str(), bytes.size());
    d.path = path;
    d.status = U(wxString::Format(_("Written for the automatic test: %s"), path));
    return d;
  }
  switch (use) {
    case DocumentUse::save:
      d.status = U(wxString::Format(_("Saved: %s"), path));
      break;
    case DocumentUse::preview:
      if (auto opened = open_with_system_viewer(fs_path(path)); !opened) {
        d.error = explain(opened.error());
        return d;
      }
      d.status = U(wxString::Format(_("Opened in the PDF viewer: %s"), path));
      break;
    case DocumentUse::print: {
      auto printed = print_file(fs_path(path));
      if (!printed) {
        d.error = explain(printed.error());
        return d;
      }
      d.status = U(wxString::Format(_("Sent to the printer: %s"), path));
      if (!printed->empty()) d.status += " (" + *printed + ")";
      break;
    }
  }
  d.path = path;
  return d;
}

}  // namespace zhishen::desk::app
