// Windows parts of platform.hpp. Not yet built on Windows (see README, "Windows"); CMake compiles
// this file only there, and the Windows-only calls are guarded besides.
#include <cstdlib>
#include <system_error>

#include "platform.hpp"

#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
// windows.h first: shellapi.h needs its types.
#include <shellapi.h>
#endif

namespace zhishen::desk::app {

std::filesystem::path config_home() {
  if (const char* a = std::getenv("APPDATA"); a != nullptr && *a != '\0') return a;
  return std::filesystem::temp_directory_path();
}

std::filesystem::path document_dir() {
  auto dir = std::filesystem::temp_directory_path() / "zhishen-desk";  // %TEMP% is the user's own
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);  // a failure shows when the file is written
  return dir;
}

std::filesystem::path catalog_dir() {
  if (const char* d = std::getenv("ZHISHEN_DESK_LOCALEDIR"); d != nullptr && *d != '\0') return d;
  return std::filesystem::path("locale");  // beside the executable in the installer's layout
}

Result<std::string> print_file(const std::filesystem::path& file) {
#ifdef _WIN32
  // The "print" verb of the program registered for the type (the PDF reader prints to the default
  // printer and closes). ShellExecuteW answers a value above 32 on success.
  const auto code = reinterpret_cast<INT_PTR>(ShellExecuteW(nullptr, L"print", file.c_str(), nullptr, nullptr, SW_HIDE));
  if (code <= 32) {
    return make_error("desk.print.failed",
                      "ShellExecute print failed (" + std::to_string(static_cast<long long>(code)) +
                          "): no program registered to print this type?");
  }
  return std::string();
#else
  (void)file;
  return make_error("desk.print.failed", "platform_windows.cpp built outside Windows");
#endif
}

bool capture_screen(const std::string&) { return false; }  // the GUI test runs on Linux (Xvfb)

}  // namespace zhishen::desk::app
