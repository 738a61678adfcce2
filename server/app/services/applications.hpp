#pragma once
// The channel API's work (BRIEF R2, R3, R5): the pre-check, submitting an application (validation
// and the automatic decision here, on the request thread; then bans, idempotency and storing case
// + decision + events + audit + notification + the stored answer in one transaction, batched with
// other requests' applications by services/intake), progress for the applicant, resubmission
// after 补齐补正, and the evaluation (好差评). Independent of HTTP: handlers/channel.cpp translates.
//
// Error ids: application.item.not_found, application.item.manual_only, application.field.*,
// application.auth_level.insufficient, application.banned, application.idempotency.missing,
// application.idempotency.mismatch, application.not_found, evaluation.*; plus id.* from the
// identity checks and the store's ids.
// Thread-safety: any request thread (all state is in the store and the context's snapshots).

#include <string>

#include "../context.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::server {

struct ChannelAnswer {
  int status = 200;
  json::Value body;
};

Result<ChannelAnswer> precheck(ServerContext& ctx, const domain::Channel& channel, const json::Value& body);

// `raw_body` is what the idempotency key protects (the same key with another body is refused).
Result<ChannelAnswer> submit_application(ServerContext& ctx, const domain::Channel& channel,
                                         const std::string& idempotency_key, const std::string& raw_body,
                                         const json::Value& body);

// Progress: the case's own channel, or any channel that names the applicant's ID number.
Result<ChannelAnswer> application_progress(ServerContext& ctx, const domain::Channel& channel,
                                           const std::string& case_no, const std::string& id_number);

Result<ChannelAnswer> resubmit_corrections(ServerContext& ctx, const domain::Channel& channel,
                                           const std::string& case_no, const json::Value& body);

Result<ChannelAnswer> evaluate_case(ServerContext& ctx, const domain::Channel& channel, const std::string& case_no,
                                    const json::Value& body);

}  // namespace zhishen::server
