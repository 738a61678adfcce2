#pragma once
// What differs between Linux and Windows, in one place (platform_linux.cpp / platform_windows.cpp;
// CMake picks one). Everything else in the desktop is portable.
// Thread-safety: any thread.

#include <filesystem>
#include <string>

#include "zhishen/core/error.hpp"

namespace zhishen::desk::app {

// Where the workstation keeps its settings and pinned certificates (created if missing):
// <config_home>/zhishen-desk (platform.cpp).
std::filesystem::path settings_dir();
// The user's configuration directory: $XDG_CONFIG_HOME or ~/.config; %APPDATA% on Windows.
std::filesystem::path config_home();

// The directory of the installed message catalogs (<dir>/<lang>/LC_MESSAGES/zhishen-desk.mo).
std::filesystem::path catalog_dir();

// Where documents to view or print are written before the viewer or the printer gets them
// (created if missing, readable by the user only). Linux: $XDG_RUNTIME_DIR/zhishen-desk (a per-user
// tmpfs, emptied at logout), else ~/.cache/zhishen-desk/documents; Windows: %TEMP%\zhishen-desk.
std::filesystem::path document_dir();

// Opens a file with the program the desktop associates with its type (the system PDF viewer):
// wxLaunchDefaultApplication — xdg-open on Linux, the shell's "open" verb on Windows (platform.cpp).
// It does not wait for the viewer. desk.viewer.failed when nothing could be started.
Status open_with_system_viewer(const std::filesystem::path& file);

// Sends a file to the default printer and answers the spooler's message. Linux: `lp -- FILE`
// (CUPS), waited for (at most 30 s) and its exit status checked, e.g. "request id is HP-12 (1
// file(s))"; Windows: the shell's "print" verb (ShellExecuteW), which answers "". desk.print.failed
// with lp's own message (no printer, no spooler, lp missing) otherwise. UI thread: lp only hands
// the file to the local spooler.
Result<std::string> print_file(const std::filesystem::path& file);

// Saves a PNG of the whole screen (the GUI test's screenshots). Linux: ImageMagick's
// `import -window root` (the X server's pixels as shown); false when that fails.
bool capture_screen(const std::string& png_path);

}  // namespace zhishen::desk::app
