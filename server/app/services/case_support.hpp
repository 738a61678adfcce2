#pragma once
// Small pieces the services share: running a decision with the context's calendar, datasets,
// clock and budget; recomputing a case's derived deadline columns; new case and receipt numbers.
// Thread-safety: any thread.

#include <string>

#include "../catalogue.hpp"
#include "../context.hpp"
#include "zhishen/domain/case_file.hpp"
#include "zhishen/rules/decision.hpp"

namespace zhishen::server {

rules::Decision decide_with(ServerContext& ctx, const CompiledItem& item, const json::Value& data, bool precheck_only);
// due_at, yellow_at and light from the case's clocks on the current calendar.
void refresh_deadlines(ServerContext& ctx, domain::CaseFile& file);
// PREFIX + local date + 8 random upper-case hex digits, e.g. ZS20261121A3F09C21.
std::string new_number(const std::string& prefix, Instant now);

}  // namespace zhishen::server
