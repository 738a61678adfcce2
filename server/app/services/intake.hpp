#pragma once
// Storing decided applications (BRIEF R2): the second half of POST /api/v1/applications, after
// validation and the decision (applications.cpp). The request threads' applications are written
// in batches through the context's GroupCommit: one transaction numbers and stores each batch's
// cases, decisions, events, audit entries, notifications and stored answers with multi-row
// statements, after checking in a few queries the Idempotency-Keys used before, the bans in force
// and the applications in flight from other channels (000 Art.17).
//
// Every application keeps the answer it would get alone: a key used before gets the stored answer
// (or application.idempotency.mismatch for another body), a banned applicant application.banned;
// a key that repeats an earlier one in the same batch waits for the next batch and its answer.
// Case numbers are drawn so that each lane's cases fall in the lane's own audit chains
// (audit_chain_of(case_no) % lanes == lane): a lane locks only its own chain heads, from its
// audit entries to its commit, and never waits for another lane's commit there.
//
// When a batch fails on a duplicate (a case number drawn twice, a key stored meanwhile by another
// server) its applications are written one by one, each with fresh numbers.
//
// Thread-safety: write_applications is called by GroupCommit's leader only; the pending items
// belong to their request threads, which wait until `done`.

#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../catalogue.hpp"
#include "../context.hpp"
#include "applications.hpp"
#include "zhishen/domain/case_file.hpp"
#include "zhishen/rules/decision.hpp"

namespace zhishen::server {

// What a valid application becomes before it is stored: the case (not yet numbered) and its decision.
struct PreparedApplication {
  std::shared_ptr<const ItemCatalogue> hold;  // keeps `item` alive
  const CompiledItem* item = nullptr;
  domain::CaseFile file;
  rules::Decision decision;  // its trace taken out: it is kept as text only
  std::string trace_json;    // rules::trace_text, written on the request thread
};

// One application waiting to be stored (the GroupCommit item).
struct PendingApplication {
  const domain::Channel* channel = nullptr;
  std::string key;           // Idempotency-Key
  std::string request_hash;  // SHA-256 of the request body
  Instant now{};             // when the request came in (submitted_at)
  std::size_t lane = 0;      // the intake lane writing it, of `lanes`
  std::size_t lanes = 1;
  PreparedApplication application;

  std::optional<Result<ChannelAnswer>> result;  // set when done, unless failed
  bool done = false;
  std::exception_ptr failed;
};

// The GroupCommit write function: stores the batch and sets each application's result.
void write_applications(ServerContext& ctx, std::vector<PendingApplication*>& batch);

// The answer to a key used before: its stored answer for the same body, else
// application.idempotency.mismatch.
Result<ChannelAnswer> replay_of(const domain::IdempotencyRecord& found, const std::string& request_hash);

// Texts shared with the pre-check and the decision's event.
json::Value reasons_json(const std::vector<rules::Reason>& reasons);
// The automatic decision `d` of a case, to record; its trace given as text (rules::trace_text),
// which must outlive the value.
ports::NewDecision automatic_decision(const std::string& case_no, const rules::Decision& d,
                                      std::string_view trace_json, Instant at);
std::string joined_messages(const std::vector<rules::Reason>& reasons);
std::string outcome_text(rules::Outcome o);

}  // namespace zhishen::server
