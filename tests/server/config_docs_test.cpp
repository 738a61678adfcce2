// etc/zhishen.properties and the key table of docs/operations.md are generated from config_keys(),
// the route table of docs/api.md from the server's router: these tests fail when a file falls
// behind the code, printing what it should contain.
// Regenerate both with:  ZHISHEN_UPDATE_DOCS=1 build/bin/zhishen_server_demo_tests
//                            --gtest_filter='ConfigDocs.*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config.hpp"
#include "handlers/routes.hpp"

namespace zhishen::server {
namespace {

const std::string kSource = ZHISHEN_SOURCE_DIR;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

bool updating() {
  const char* v = std::getenv("ZHISHEN_UPDATE_DOCS");
  return v != nullptr && std::string(v) == "1";
}

std::string render_properties() {
  std::ostringstream o;
  o << "# 智审 Zhishen server configuration: zhishen-server --config etc/zhishen.properties\n"
       "# Java-properties format (key = value; # starts a comment). Every key is listed with its default,\n"
       "# which is also what the server uses when the key is absent. Relative paths are relative to the\n"
       "# directory the server starts in. docs/operations.md explains each key.\n"
       "# Generated from config_keys() in server/app/config.cpp (tests/server/config_docs_test.cpp).\n";
  for (const auto& k : config_keys()) {
    o << "\n# " << k.meaning << "\n" << k.key << " =" << (std::string(k.default_value).empty() ? "" : " ")
      << k.default_value << "\n";
  }
  return o.str();
}

std::string render_table() {
  std::ostringstream o;
  o << "| key | default | meaning |\n|---|---|---|\n";
  for (const auto& k : config_keys()) {
    std::string meaning = k.meaning;
    for (std::size_t p = 0; (p = meaning.find('|', p)) != std::string::npos; p += 2) meaning.replace(p, 1, "\\|");
    o << "| `" << k.key << "` | " << (std::string(k.default_value).empty() ? "(empty)" : "`" + std::string(k.default_value) + "`")
      << " | " << meaning << " |\n";
  }
  return o.str();
}

TEST(ConfigDocs, ThePropertiesFileListsEveryKeyWithItsDefault) {
  const std::string path = kSource + "/etc/zhishen.properties";
  if (updating()) std::ofstream(path, std::ios::binary) << render_properties();
  const std::string text = read_file(path);
  for (const auto& k : config_keys()) {
    const std::string line = std::string(k.key) + " =" + (std::string(k.default_value).empty() ? "" : " ") + k.default_value + "\n";
    EXPECT_NE(text.find("\n" + line), std::string::npos) << "etc/zhishen.properties lacks " << line;
  }
  EXPECT_EQ(text, render_properties()) << "etc/zhishen.properties should be:\n" << render_properties();
}

std::string render_routes() {
  Router r;
  add_all_routes(r);
  std::ostringstream o;
  o << "| method | path | caller | what |\n|---|---|---|---|\n";
  for (const auto& route : r.routes()) {
    const char* who = route.access == Access::public_ ? "anyone" : route.access == Access::channel ? "channel" : "staff";
    std::string summary = route.summary;
    for (std::size_t p = 0; (p = summary.find('|', p)) != std::string::npos; p += 2) summary.replace(p, 1, "\\|");
    o << "| " << route.method << " | `" << route.pattern << "` | " << who << " | " << summary << " |\n";
  }
  return o.str();
}

// The text between the markers <!-- NAME:begin --> and <!-- NAME:end --> of a document under
// docs/, rewritten first when updating.
std::string generated_block(const std::string& file, const std::string& name, const std::string& expected) {
  const std::string path = kSource + "/docs/" + file;
  const std::string begin = "<!-- " + name + ":begin -->\n";
  const std::string end = "<!-- " + name + ":end -->";
  std::string doc = read_file(path);
  const auto b = doc.find(begin);
  const auto e = doc.find(end);
  if (b == std::string::npos || e == std::string::npos || e < b) {
    ADD_FAILURE() << "docs/" << file << " lacks the markers " << begin << " and " << end;
    return {};
  }
  if (updating()) {
    doc.replace(b + begin.size(), e - b - begin.size(), expected);
    std::ofstream(path, std::ios::binary) << doc;
  }
  return doc.substr(b + begin.size(), doc.find(end) - b - begin.size());
}

TEST(ConfigDocs, TheOperationsGuideDocumentsEveryKey) {
  const std::string block = generated_block("operations.md", "config-keys", render_table());
  for (const auto& k : config_keys()) {
    EXPECT_NE(block.find("| `" + std::string(k.key) + "` |"), std::string::npos) << "docs/operations.md lacks " << k.key;
  }
  EXPECT_EQ(block, render_table()) << "docs/operations.md should contain:\n" << render_table();
}

TEST(ConfigDocs, ApiRoutesTable) {
  const std::string block = generated_block("api.md", "routes", render_routes());
  EXPECT_EQ(block, render_routes()) << "docs/api.md should contain:\n" << render_routes();
}

}  // namespace
}  // namespace zhishen::server
