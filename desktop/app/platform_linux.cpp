// Linux (and other POSIX) parts of platform.hpp.
#include <cctype>
#include <cstdlib>

#include "platform.hpp"

namespace zhishen::desk::app {

std::filesystem::path config_home() {
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x != nullptr && *x != '\0') return x;
  if (const char* h = std::getenv("HOME"); h != nullptr && *h != '\0') return std::filesystem::path(h) / ".config";
  return std::filesystem::temp_directory_path();
}

std::filesystem::path catalog_dir() {
  if (const char* d = std::getenv("ZHISHEN_DESK_LOCALEDIR"); d != nullptr && *d != '\0') return d;
#ifdef ZHISHEN_DESK_LOCALEDIR
  return ZHISHEN_DESK_LOCALEDIR;
#else
  return "/usr/share/locale";
#endif
}

bool capture_screen(const std::string& png_path) {
  for (char c : png_path) {  // the path goes into a shell command: plain characters only
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '_' || c == '.')) return false;
  }
  const std::string command = "import -window root " + png_path + " 2>/dev/null";
  return std::system(command.c_str()) == 0;
}

}  // namespace zhishen::desk::app
