#pragma once
// CaseFile: one application (办件) as the server keeps it — who applied, through which channel,
// for which item version, what they submitted, the materials' metadata, and the lifecycle record
// (state, decision, clocks, history). Plus the columns the server derives for its queries: the next
// deadline and yellow-light instants, the light, the assignee, the decision time.
//
// Personal data (ID number, phone, address, the application document, extracted material fields)
// is plaintext here; the store encrypts it at rest.
//
// Thread-safety: plain values.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zhishen/calendar/light.hpp"
#include "zhishen/core/date.hpp"
#include "zhishen/json/value.hpp"
#include "zhishen/lifecycle/case_record.hpp"

namespace zhishen::domain {

struct Applicant {
  std::string type;       // "person" | "enterprise"
  std::string name;
  std::string id_type;    // "citizen_id" | "uscc"
  std::string id_number;  // personal data
  std::string phone;      // personal data
  std::string address;    // personal data
  std::string auth_level;  // "none" | "primary" | "mid_high"
  friend bool operator==(const Applicant&, const Applicant&) = default;
};

struct Material {
  std::string code;
  std::string name;
  std::string mime;
  std::string sha256;  // 64 lower-case hex
  std::int64_t size = 0;
  json::Value extracted;  // fields read from the material (may hold personal data)
  friend bool operator==(const Material&, const Material&) = default;
};

struct CaseFile {
  std::string case_no;          // 申请编号, unique
  std::string item_code;
  int item_version = 0;
  std::string department_code;
  std::string channel;          // channel name
  Applicant applicant;
  json::Value application;      // the document the channel submitted
  std::vector<Material> materials;
  lifecycle::CaseRecord record;
  // Derived for queries (recomputed by the server from the calendar):
  std::optional<Instant> due_at;     // earliest running deadline
  std::optional<Instant> yellow_at;  // when that deadline's light turns yellow
  calendar::Light light = calendar::Light::green;
  std::optional<std::int64_t> assignee_id;
  std::optional<Instant> decided_at;
  std::string receipt_no;       // 办结回执 number, when issued
  std::vector<std::string> flags;  // e.g. "duplicate_channel" (000 Art.17), "risk_warning"
  friend bool operator==(const CaseFile&, const CaseFile&) = default;
};

// A decision recorded on a case: automatic (with the rules' trace), pre-check, manual or re-check.
struct DecisionRecord {
  std::int64_t id = 0;
  std::string kind;     // "auto" | "precheck" | "manual" | "recheck"
  std::string outcome;  // rules::Outcome names, or manual "approved" | "rejected"
  int rule_set_version = 0;
  json::Value detail;   // reasons, warnings, trace (rules::to_json) or the manual decision's text
  std::string decided_by;
  Instant decided_at{};
  friend bool operator==(const DecisionRecord&, const DecisionRecord&) = default;
};

// One line of the inbox / board queries.
struct CaseSummary {
  std::string case_no;
  std::string item_code;
  std::string department_code;
  std::string channel;
  std::string applicant_name;
  std::string applicant_id_masked;  // e.g. 3501**********1234
  lifecycle::State state = lifecycle::State::submitted;
  lifecycle::Decision decision = lifecycle::Decision::none;
  std::optional<Instant> due_at;
  calendar::Light light = calendar::Light::green;
  std::optional<std::int64_t> assignee_id;
  Instant submitted_at{};
  std::int64_t version = 0;
  std::vector<std::string> flags;
};

// Masks an identity number for lists: the first 4 and last 4 characters stay.
std::string mask_id(const std::string& id_number);

}  // namespace zhishen::domain
