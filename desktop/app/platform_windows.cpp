// Windows parts of platform.hpp. Not yet built on Windows (see README, "Windows").
#include <cstdlib>
#include <system_error>

#include "platform.hpp"

namespace zhishen::desk::app {

std::filesystem::path settings_dir() {
  std::filesystem::path base;
  if (const char* a = std::getenv("APPDATA"); a != nullptr && *a != '\0') {
    base = a;
  } else {
    base = std::filesystem::temp_directory_path();
  }
  auto dir = base / "zhishen-desk";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return dir;
}

std::filesystem::path catalog_dir() {
  if (const char* d = std::getenv("ZHISHEN_DESK_LOCALEDIR"); d != nullptr && *d != '\0') return d;
  return std::filesystem::path("locale");  // beside the executable in the installer's layout
}

bool capture_screen(const std::string&) { return false; }  // the GUI test runs on Linux (Xvfb)

}  // namespace zhishen::desk::app
