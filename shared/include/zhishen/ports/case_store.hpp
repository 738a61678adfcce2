#pragma once
// Case store port: loads and saves cases. Implemented by the SQLite and MySQL/MariaDB adapters
// (storage issue); tests use an in-memory store.
//
// Contract: save() writes the new record, its newest event, its clock changes and the audit
// record in one transaction, and only if the stored version still equals `expected_version`;
// a lost race returns store.conflict and writes nothing. A record the caller was told is saved
// survives a crash. Faults of the database (connection lost, disk full) are thrown as
// exceptions; business outcomes (not found, conflict) are Results.
//
// Thread-safety: implementations must be safe to call from many request threads at once.

#include <cstdint>
#include <optional>
#include <string>

#include "zhishen/core/error.hpp"
#include "zhishen/lifecycle/case_record.hpp"

namespace zhishen::ports {

struct StoredCase {
  std::string case_no;               // application number (申请编号)
  std::string department;            // owning department code
  lifecycle::CaseRecord record;
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;
  // store.not_found when no case has this number.
  virtual Result<StoredCase> load(const std::string& case_no) const = 0;
  // Inserts a new case (version 0). store.duplicate when the number exists.
  virtual Status create(const StoredCase& c) = 0;
  // Replaces the record if the stored version equals expected_version (store.conflict otherwise).
  virtual Status save(const StoredCase& c, std::int64_t expected_version) = 0;
};

}  // namespace zhishen::ports
