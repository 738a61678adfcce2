#pragma once
// Runs cli::run in-process and captures what it prints.

#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"

namespace zhishen::cli::testing {

struct Outcome {
  int rc = -1;
  std::string out;
  std::string err;
};

inline Outcome run_cli(std::vector<std::string> args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  Outcome o;
  o.rc = run(args, in, out, err);
  o.out = out.str();
  o.err = err.str();
  return o;
}

}  // namespace zhishen::cli::testing
