// The portable parts of platform.hpp.
#include <wx/string.h>
#include <wx/utils.h>

#include <system_error>

#include "platform.hpp"

namespace zhishen::desk::app {

std::filesystem::path settings_dir() {
  auto dir = config_home() / "zhishen-desk";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);  // an unwritable home shows later, when saving
  return dir;
}

Status open_with_system_viewer(const std::filesystem::path& file) {
#ifdef _WIN32
  const wxString path(file.wstring());
#else
  const wxString path = wxString::FromUTF8(file.string());
#endif
  if (!wxLaunchDefaultApplication(path)) {
    return make_error("desk.viewer.failed", "no program to open the file could be started (xdg-open)");
  }
  return {};
}

}  // namespace zhishen::desk::app
