#include "zhishen/store/sql_store.hpp"

#include "connection_source.hpp"
#include "lookups.hpp"
#include "migrations.hpp"
#include "sql_repos.hpp"

namespace zhishen::store {
namespace {

class SqlTx final : public ports::StoreTx {
 public:
  SqlTx(Connection& c, const Codec& codec)
      : c_(c), codec_(codec), cases_(c, codec), audit_(c), idempotency_(c), directory_(c, codec), catalogue_(c, codec), supervision_(c, codec) {}
  ports::CaseRepo& cases() override { return cases_; }
  ports::AuditRepo& audit() override { return audit_; }
  ports::IdempotencyRepo& idempotency() override { return idempotency_; }
  ports::DirectoryRepo& directory() override { return directory_; }
  ports::CatalogueRepo& catalogue() override { return catalogue_; }
  ports::SupervisionRepo& supervision() override { return supervision_; }
  void batch_writes() override {
    c_.defer_writes();
    batched_ = true;
  }
  bool batched() const { return batched_; }

  std::vector<ports::IntakeFacts> intake_facts(std::span<const ports::IntakeQuery> queries, Instant now) override {
    return read_intake_facts(c_, codec_, queries, now);
  }

 private:
  Connection& c_;
  const Codec& codec_;
  bool batched_ = false;
  SqlCaseRepo cases_;
  SqlAuditRepo audit_;
  SqlIdempotencyRepo idempotency_;
  SqlDirectoryRepo directory_;
  SqlCatalogueRepo catalogue_;
  SqlSupervisionRepo supervision_;
};

class SqlStore final : public ports::Store {
 public:
  SqlStore(std::unique_ptr<ConnectionSource> source, crypto::FieldCipher cipher, StoreOptions options)
      : source_(std::move(source)), cipher_(std::move(cipher)), codec_(cipher_), options_(options) {}

  Status transact(const std::function<Status(ports::StoreTx&)>& work) override {
    for (int attempt = 0;; ++attempt) {
      try {
        Lease conn = source_->acquire();
        Transaction tx(*conn);
        SqlTx repos(*conn, codec_);
        try {
          Status st = work(repos);
          if (!st) return st;  // the Transaction rolls back
          tx.commit();
        } catch (const StoreFault& f) {
          // A batched insert's duplicate surfaces late, as a fault; it ends the transaction as the
          // insert's own error would have (batch_writes()).
          if (f.id() != "store.duplicate" || !repos.batched()) throw;
          return make_error("store.duplicate", f.what());
        }
        return {};
      } catch (const StoreFault& f) {
        if (f.id() != "store.busy" || attempt >= options_.busy_retries) throw;
      }
    }
  }

 private:
  std::unique_ptr<ConnectionSource> source_;
  crypto::FieldCipher cipher_;
  Codec codec_;
  StoreOptions options_;
};

std::unique_ptr<ConnectionSource> source_for(const DbUrl& url, const StoreOptions& o) {
  if (url.kind == DbUrl::Kind::sqlite) return sqlite_source(url.path, o.pool_size, o.acquire_timeout);
  return mysql_source(url, o.pool_size, o.acquire_timeout);
}

Result<MigrationReport> with_connection(const DbUrl& url, bool apply) {
  StoreOptions o;
  o.pool_size = 1;
  auto source = source_for(url, o);
  Lease conn = source->acquire();
  MigrationReport report;
  report.latest = latest_schema_version();
  report.before = schema_version(*conn);
  report.after = report.before;
  if (apply) {
    auto reached = migrate(*conn);
    if (!reached) return reached.error();
    report.after = *reached;
  } else if (report.before > report.latest) {
    return make_error("store.schema.too_new", "the database is at schema version " + std::to_string(report.before) +
                                                  ", newer than this program (" + std::to_string(report.latest) + ")");
  }
  return report;
}

}  // namespace

Result<std::unique_ptr<ports::Store>> open_store(const DbUrl& url, crypto::FieldCipher cipher, const StoreOptions& options) {
  auto source = source_for(url, options);
  {
    Lease conn = source->acquire();
    if (options.migrate) {
      auto reached = migrate(*conn);
      if (!reached) return reached.error();
    } else if (schema_version(*conn) != latest_schema_version()) {
      return make_error(schema_version(*conn) > latest_schema_version() ? "store.schema.too_new" : "store.schema.too_old",
                        "the database schema is not the one this program expects; run `zhishen db migrate`");
    }
  }
  return std::unique_ptr<ports::Store>(new SqlStore(std::move(source), std::move(cipher), options));
}

Result<MigrationReport> migrate_database(const DbUrl& url) { return with_connection(url, true); }

ConnectionHandle connect(const DbUrl& url) {
  StoreOptions o;
  o.pool_size = 1;
  std::shared_ptr<ConnectionSource> source = source_for(url, o);
  auto lease = std::make_shared<Lease>(source->acquire());
  Connection* c = lease->get();
  // The handle keeps its source alive until the connection is returned.
  return ConnectionHandle(c, [source, lease](Connection*) mutable {
    lease.reset();
    source.reset();
  });
}
Result<MigrationReport> database_status(const DbUrl& url) { return with_connection(url, false); }

}  // namespace zhishen::store
