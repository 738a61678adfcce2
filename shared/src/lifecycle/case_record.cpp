#include "zhishen/lifecycle/case_record.hpp"

namespace zhishen::lifecycle {

std::string_view to_string(Decision d) {
  switch (d) {
    case Decision::none: return "none";
    case Decision::approved: return "approved";
    case Decision::rejected: return "rejected";
  }
  return "unknown";
}

std::optional<Decision> parse_decision(std::string_view name) {
  for (Decision d : {Decision::none, Decision::approved, Decision::rejected}) {
    if (to_string(d) == name) return d;
  }
  return std::nullopt;
}

}  // namespace zhishen::lifecycle
