#pragma once
// Small pieces the catalogue-administration services share (catalogue_admin*.cpp only): error
// answers that carry more than id and message, the audit record of an administrator's action, and
// reading one item version named in a URL.
// Thread-safety: any thread; audit() runs inside the caller's transaction.

#include <string>

#include "catalogue_admin.hpp"
#include "zhishen/ports/store.hpp"

namespace zhishen::server {

// {"error": {"id", "message", <extra members>}} with the status the id maps to (http/status.hpp).
AdminAnswer error_answer(const Error& e, json::Object extra = {});
// {"path": "$.review_points[1].expr.and[0]"} from a rules.* message ("... at $..."), or {}.
json::Object json_path_of(const Error& e);

std::string actor_of(const Principal& who);
void audit(ports::StoreTx& tx, ServerContext& ctx, const Principal& who, const std::string& action,
           const std::string& target, json::Value detail);

// The version `version` (decimal text from the URL) of item `code`: item.not_found when the item
// has no version at all, item.version.not_found otherwise.
Result<domain::ItemVersion> load_version(ServerContext& ctx, const std::string& code, const std::string& version);

// Unicode code points in UTF-8 text.
std::size_t utf8_length(const std::string& s);

}  // namespace zhishen::server
