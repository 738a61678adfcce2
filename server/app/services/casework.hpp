#pragma once
// The staff API's work on cases (BRIEF R5, R6, R10, R11): the inbox, the case detail and the
// actions staff take — claim, assign (one case or many), review, re-check, manual decisions,
// correction requests, suspension and revocation. Independent of HTTP: handlers/casework.cpp
// translates. Department scope and permissions come from permissions.hpp: reviewers and approvers
// see their own department, a case of another department is `case.not_found` (its existence is not
// revealed).
//
// An action runs in ONE transaction: the lifecycle transition with the acting role, the system
// follow-ups (办结 of an approval whose item issues no e-certificate, the one-year ban and the
// withdrawal of the publicity on revocation), the derived deadline columns, the decision row, the
// applicant's notification (outbox) and one audit entry per step. It is saved against the version
// the user saw, so a case changed meanwhile answers store.conflict and nothing is written.
//
// Error ids: inbox.param.invalid; case.not_found; case.action.unknown; case.request.invalid,
// case.version.required; case.assignee.invalid; auth.forbidden; the lifecycle's
// case.transition.*; store.conflict.
// Thread-safety: any request thread (all state is in the store and the context's snapshots).

#include <map>
#include <string>

#include "../context.hpp"
#include "../http/api.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::server {

// GET /api/v1/inbox: {"cases":[...], "total", "counts":{"green","yellow","red"}}, by deadline.
Result<json::Value> inbox(ServerContext& ctx, const Principal& who, const std::map<std::string, std::string>& query);

// GET /api/v1/cases/{no}: the whole case as this user may see it, with the actions open to them.
Result<json::Value> case_detail(ServerContext& ctx, const Principal& who, const std::string& case_no);

// POST /api/v1/cases/{no}/actions/{action}: the case detail after the action.
Result<json::Value> act_on_case(ServerContext& ctx, const Principal& who, const std::string& case_no,
                                const std::string& action, const json::Value& body);

// POST /api/v1/cases/actions/assign: {"results":[{"case_no","result":"assigned"|"conflict"|"not_found"}]},
// each case in its own transaction.
Result<json::Value> bulk_assign(ServerContext& ctx, const Principal& who, const json::Value& body);

}  // namespace zhishen::server
