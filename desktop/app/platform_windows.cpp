// Windows parts of platform.hpp. Not yet built on Windows (see README, "Windows").
#include <cstdlib>

#include "platform.hpp"

namespace zhishen::desk::app {

std::filesystem::path config_home() {
  if (const char* a = std::getenv("APPDATA"); a != nullptr && *a != '\0') return a;
  return std::filesystem::temp_directory_path();
}

std::filesystem::path catalog_dir() {
  if (const char* d = std::getenv("ZHISHEN_DESK_LOCALEDIR"); d != nullptr && *d != '\0') return d;
  return std::filesystem::path("locale");  // beside the executable in the installer's layout
}

bool capture_screen(const std::string&) { return false; }  // the GUI test runs on Linux (Xvfb)

}  // namespace zhishen::desk::app
