#pragma once
// A reporting period over the case log, shared by the efficiency statistics and the ledger:
// from/to (YYYY-MM-DD, at most 366 days; statistics.period.invalid) and the department (the
// caller's own unless a supervisor chooses; supervision.param.invalid), plus the extra parameters
// a route allows; and every transition of some actions in a time range, read in pages.
// Thread-safety: plain functions.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "../http/api.hpp"
#include "zhishen/core/date.hpp"
#include "zhishen/ports/store.hpp"

namespace zhishen::server {

struct Period {
  Date from;
  Date to;
  std::optional<std::string> department;
  std::map<std::string, std::string> extra;  // the extra parameters given
};

Result<Period> parse_period(const Principal& who, const std::map<std::string, std::string>& query,
                            const std::set<std::string>& extra_keys);

// Every transition of `actions` in [start, end), paged by time (ties at a page's last second are
// read again and skipped). `truncated` when more than a page of transitions share one second.
std::vector<ports::EventFact> read_facts(ports::StoreTx& tx, const std::vector<lifecycle::Action>& actions,
                                         Instant start, Instant end, const std::optional<std::string>& department,
                                         bool& truncated);

}  // namespace zhishen::server
