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

class StoreTx {
 public:
  virtual ~StoreTx() = default;
  virtual CaseRepo& cases() = 0;
  virtual AuditRepo& audit() = 0;
  virtual IdempotencyRepo& idempotency() = 0;
  virtual DirectoryRepo& directory() = 0;
  virtual CatalogueRepo& catalogue() = 0;
  virtual SupervisionRepo& supervision() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Status transact(const std::function<Status(StoreTx&)>& work) = 0;
};

}  // namespace zhishen::ports
