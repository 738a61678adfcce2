#pragma once
// What differs between Linux and Windows, in one place (platform_linux.cpp / platform_windows.cpp;
// CMake picks one). Everything else in the desktop is portable.
// Thread-safety: any thread.

#include <filesystem>
#include <string>

namespace zhishen::desk::app {

// Where the workstation keeps its settings and pinned certificates (created if missing):
// <config_home>/zhishen-desk (platform.cpp).
std::filesystem::path settings_dir();
// The user's configuration directory: $XDG_CONFIG_HOME or ~/.config; %APPDATA% on Windows.
std::filesystem::path config_home();

// The directory of the installed message catalogs (<dir>/<lang>/LC_MESSAGES/zhishen-desk.mo).
std::filesystem::path catalog_dir();

// Saves a PNG of the whole screen (the GUI test's screenshots). Linux: ImageMagick's
// `import -window root` (the X server's pixels as shown); false when that fails.
bool capture_screen(const std::string& png_path);

}  // namespace zhishen::desk::app
