// docs/lifecycle.md carries the transition table; this test keeps it true to the code.
// On a mismatch it prints the block the document should contain.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "zhishen/lifecycle/transition_table.hpp"

namespace zhishen::lifecycle {
namespace {

std::string render_table() {
  std::ostringstream o;
  o << "| from | action | to | roles | needs | guard |\n|---|---|---|---|---|---|\n";
  for (const auto& r : transition_table()) {
    std::string roles;
    for (Role role : r.roles) roles += (roles.empty() ? "" : ", ") + std::string(to_string(role));
    std::string needs;
    if (r.reason_required) needs += "reason";
    if (r.legal_basis_required) needs += needs.empty() ? "legal basis" : ", legal basis";
    if (r.ban_allowed) needs += needs.empty() ? "(ban allowed)" : " (ban allowed)";
    o << "| " << to_string(r.from) << " " << label_zh(r.from) << " | " << to_string(r.action) << " "
      << label_zh(r.action) << " | " << to_string(r.to) << " | " << roles << " | " << needs << " | "
      << (r.guard == Guard::none ? "" : std::string(to_string(r.guard))) << " |\n";
  }
  return o.str();
}

TEST(LifecycleDocs, TransitionTableInDocsMatchesTheCode) {
  std::ifstream in(std::string(ZHISHEN_SOURCE_DIR) + "/docs/lifecycle.md");
  ASSERT_TRUE(in) << "docs/lifecycle.md is missing";
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string doc = buf.str();
  const std::string begin = "<!-- transition-table:begin -->\n";
  const std::string end = "<!-- transition-table:end -->";
  const auto b = doc.find(begin);
  const auto e = doc.find(end);
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  const std::string block = doc.substr(b + begin.size(), e - b - begin.size());
  EXPECT_EQ(block, render_table()) << "docs/lifecycle.md should contain:\n" << render_table();
}

}  // namespace
}  // namespace zhishen::lifecycle
