#pragma once
// Where the CLI finds the holiday notices: --holidays DIR, else $ZHISHEN_HOLIDAYS_DIR, else the
// data directory the program was built with.

#include <string>

#include "args.hpp"

namespace zhishen::cli {

std::string holidays_dir(const ParsedArgs& parsed);

}  // namespace zhishen::cli
