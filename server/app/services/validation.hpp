#pragma once
// Validation of what a channel submits: the applicant (type, name, identity code with its check
// character, authentication level), the form against the item's declared fields, the materials'
// metadata, the delivery choice. Each problem has its own id; the message names the field.
// Thread-safety: pure functions.

#include "../catalogue.hpp"
#include "zhishen/core/date.hpp"
#include "zhishen/domain/case_file.hpp"

namespace zhishen::server {

Result<domain::Applicant> parse_applicant(const json::Value& body, Date today);
// The form must carry every required field of the item, each of its declared type.
Status validate_form(const CompiledItem& item, const json::Value& form, bool precheck_only);
Result<std::vector<domain::Material>> parse_materials(const json::Value& body);
Status validate_delivery(const json::Value& body);
// none < primary < mid_high
bool auth_level_sufficient(const std::string& have, const std::string& need);

}  // namespace zhishen::server
