#include "holidays_option.hpp"

#include <cstdlib>

namespace zhishen::cli {

std::string holidays_dir(const ParsedArgs& parsed) {
  if (auto d = parsed.last("holidays")) return *d;
  if (const char* env = std::getenv("ZHISHEN_HOLIDAYS_DIR"); env != nullptr && *env != '\0') return env;
  return ZHISHEN_DEFAULT_HOLIDAYS_DIR;
}

}  // namespace zhishen::cli
