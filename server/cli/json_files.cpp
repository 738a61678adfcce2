#include "json_files.hpp"

#include <fstream>
#include <sstream>

#include "zhishen/json/parse.hpp"

namespace zhishen::cli {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cli.file.unreadable", "cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

Result<json::Value> read_json_file(const std::string& path) {
  auto text = read_file(path);
  if (!text) return text.error();
  auto doc = json::parse(*text);
  if (!doc) return make_error(doc.error().id, path + ": " + doc.error().message);
  return doc;
}

}  // namespace zhishen::cli
