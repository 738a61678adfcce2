#pragma once
// Runs a shell command and answers what it printed on stdout (tests that check files with
// qpdf, pdftotext, pdfinfo or openssl). The caller quotes its arguments. Any thread.

#include <cstdio>
#include <string>

namespace zhishen::testing {

inline std::string run_command(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return out;
}

}  // namespace zhishen::testing
