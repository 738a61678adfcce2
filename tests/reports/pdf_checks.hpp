#pragma once
// Checking printed documents as real files: the samples directory (build/report-samples/), qpdf
// --check and a PNG of the first pages (write), the text pdftotext extracts (text_of), the pages
// pdfinfo counts (pages_of). Tests that include it define ZHISHEN_BINARY_DIR.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/run_command.hpp"
#include "zhishen/reports/render.hpp"

namespace zhishen::reports::testing {

namespace fs = std::filesystem;

inline fs::path out_dir() {
  const fs::path dir = fs::path(ZHISHEN_BINARY_DIR) / "report-samples";
  fs::create_directories(dir);
  return dir;
}

inline std::string run(const std::string& command) { return zhishen::testing::run_command(command); }

// Writes the PDF, checks it with qpdf and renders its first page to PNG; returns the file.
inline fs::path write(const std::string& name, const Rendered& r) {
  const fs::path file = out_dir() / (name + ".pdf");
  std::ofstream(file, std::ios::binary) << r.pdf;
  EXPECT_NE(run("qpdf --check '" + file.string() + "' 2>&1").find("No syntax or stream encoding errors"),
            std::string::npos)
      << name;
  run("pdftoppm -r 70 -png -f 1 -l 2 '" + file.string() + "' '" + (out_dir() / name).string() + "'");
  EXPECT_TRUE(fs::exists(out_dir() / (name + "-1.png")) || fs::exists(out_dir() / (name + "-01.png")) ||
              fs::exists(out_dir() / (name + "-001.png")))
      << name;
  return file;
}

// The text of a page (0: all), with spaces and line breaks removed: wrapping and pdftotext's
// spacing vary, the characters do not.
inline std::string text_of(const fs::path& file, int page = 0) {
  const std::string range = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
  std::string out;
  for (char c : run("pdftotext" + range + " '" + file.string() + "' -")) {
    if (c != ' ' && c != '\n') out += c;
  }
  return out;
}

inline int pages_of(const fs::path& file) {
  const std::string info = run("pdfinfo '" + file.string() + "'");
  const auto at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

}  // namespace zhishen::reports::testing
