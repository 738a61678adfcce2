// The portable parts of platform.hpp.
#include <system_error>

#include "platform.hpp"

namespace zhishen::desk::app {

std::filesystem::path settings_dir() {
  auto dir = config_home() / "zhishen-desk";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);  // an unwritable home shows later, when saving
  return dir;
}

}  // namespace zhishen::desk::app
