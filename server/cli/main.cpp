// Entry point of `zhishen`: forwards argv to cli::run.
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  const int rc = zhishen::cli::run(args, std::cin, std::cout, std::cerr);
  std::cout.flush();
  return rc;
}
