#pragma once
// Store port: everything the server persists, through one transaction interface.
//
//   store.transact([&](StoreTx& tx) -> Status {
//     ... tx.cases().save(file, expected_version) ...; tx.audit().append(entry); return {};
//   });
//
// transact() commits when the work returns an ok Status and rolls back when it returns an error or
// throws, so a state change, its event, its deadline changes and its audit record commit together
// or not at all. Business outcomes are Results with stable ids (store.not_found, store.duplicate,
// store.conflict for a lost optimistic-concurrency race). Faults of the database are exceptions
// (std::runtime_error subclasses with an id: store.unavailable, store.busy, store.io), thrown
// after the rollback; the server's one catch site maps them to HTTP 503/500.
//
// Implemented by server/store (SQLite and MySQL/MariaDB over one SQL layer); tests use the same
// adapters (the contract suite runs against both).
// Thread-safety: transact() may be called from many threads at once; a StoreTx belongs to the
// thread running the work and must not escape it.

#include <functional>

#include "zhishen/core/error.hpp"
#include "zhishen/ports/repositories.hpp"

namespace zhishen::ports {

// One application the intake is about to write (StoreTx::intake_facts).
struct IntakeQuery {
  std::int64_t channel_id = 0;
  std::string idempotency_key;
  std::string id_number;  // the applicant's
  std::string item_code;
  std::string channel;  // its name
};

// What the store holds about an IntakeQuery: the answer stored for its Idempotency-Key, the
// applicant's active ban on the item (the longest), and the applicant's in-flight case of the
// item from another channel (the lowest-numbered).
struct IntakeFacts {
  std::optional<domain::IdempotencyRecord> stored;
  std::optional<domain::Ban> ban;
  std::optional<std::string> in_flight_elsewhere;
};

class StoreTx {
 public:
  virtual ~StoreTx() = default;
  virtual CaseRepo& cases() = 0;
  virtual AuditRepo& audit() = 0;
  virtual IdempotencyRepo& idempotency() = 0;
  virtual DirectoryRepo& directory() = 0;
  virtual CatalogueRepo& catalogue() = 0;
  virtual SupervisionRepo& supervision() = 0;
  // Lets the store send this transaction's inserts together, late (MySQL: in one round trip at the
  // next read or at the commit). An insert that would fail as a duplicate then makes the
  // transaction end with store.duplicate instead of its own call returning it, and nothing of
  // the transaction is kept. For a transaction that does not go on after a failed insert.
  virtual void batch_writes() {}
  // The facts of each query, facts[i] for queries[i], as the repositories' batch methods
  // (IdempotencyRepo::find_many, SupervisionRepo::active_bans, CaseRepo::in_flight_elsewhere_many)
  // give them; the SQL store reads them in one statement.
  virtual std::vector<IntakeFacts> intake_facts(std::span<const IntakeQuery> queries, Instant now) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Status transact(const std::function<Status(StoreTx&)>& work) = 0;
};

}  // namespace zhishen::ports
