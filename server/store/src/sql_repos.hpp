#pragma once
// The repositories of one SQL transaction (ports/repositories.hpp), each written once over the
// Connection interface and shared by SQLite and MySQL. Internal to server/store.
// Thread-safety: owned by the transaction's thread.

#include <unordered_set>

#include "codec.hpp"
#include "zhishen/ports/store.hpp"

namespace zhishen::store {

class SqlCaseRepo final : public ports::CaseRepo {
 public:
  SqlCaseRepo(Connection& c, const Codec& codec) : c_(c), codec_(codec) {}
  Status create_many(std::span<const domain::CaseFile* const> files) override;
  Result<domain::CaseFile> load(const std::string& case_no) override;
  Status save(const domain::CaseFile& f, std::int64_t expected_version) override;
  Status add_decisions(std::span<const ports::NewDecision> decisions) override;
  std::vector<domain::DecisionRecord> decisions(const std::string& case_no) override;
  std::vector<domain::CaseSummary> inbox(const ports::InboxQuery& q) override;
  std::int64_t count(const ports::InboxQuery& q) override;
  std::vector<domain::CaseSummary> lights_changing(Instant after, Instant until, std::size_t limit) override;
  Status set_light(const std::string& case_no, calendar::Light light) override;
  std::vector<domain::CaseSummary> by_applicant(const std::string& id_number, std::size_t limit) override;
  std::vector<domain::CaseSummary> summaries(std::span<const std::string> case_nos) override;
  Status save_deadlines(const domain::CaseFile& f) override;
  std::vector<ports::LightCount> light_counts(const std::optional<std::string>& department_code, Instant now) override;
  std::vector<ports::EventFact> events_between(const std::vector<lifecycle::Action>& actions, Instant from,
                                               Instant until, const std::optional<std::string>& department_code,
                                               std::size_t limit) override;
  std::vector<domain::CaseSummary> overdue_written(Instant after, Instant until, std::size_t limit) override;

  std::vector<std::optional<std::string>> in_flight_elsewhere_many(std::span<const ports::InFlightQuery> queries) override;

 private:
  bool exists(const std::string& case_no);
  void case_values(const domain::CaseFile& f, std::vector<SqlValue>& out) const;
  static void event_values(const domain::CaseFile& f, std::size_t from, std::vector<SqlValue>& out);
  std::unordered_set<std::string> created_;  // cases created in this transaction (no need to look them up)
  Connection& c_;
  const Codec& codec_;
};

class SqlAuditRepo final : public ports::AuditRepo {
 public:
  explicit SqlAuditRepo(Connection& c) : c_(c) {}
  std::vector<domain::AuditEntry> append_many(std::vector<domain::AuditEntry> entries) override;
  std::vector<domain::AuditEntry> range(int chain, std::int64_t from_seq, std::size_t limit) override;
  std::vector<domain::AuditEntry> recent(std::size_t limit) override;

 private:
  Connection& c_;
};

class SqlIdempotencyRepo final : public ports::IdempotencyRepo {
 public:
  explicit SqlIdempotencyRepo(Connection& c) : c_(c) {}
  std::vector<std::optional<domain::IdempotencyRecord>> find_many(
      std::span<const std::pair<std::int64_t, std::string>> keys) override;
  Status put_many(std::span<const domain::IdempotencyRecord> records) override;

 private:
  Connection& c_;
};

class SqlDirectoryRepo final : public ports::DirectoryRepo {
 public:
  SqlDirectoryRepo(Connection& c, const Codec& codec) : c_(c), codec_(codec) {}
  Status put_department(const domain::Department& d) override;
  std::optional<domain::Department> department(const std::string& code) override;
  std::vector<domain::Department> departments() override;
  Result<std::int64_t> create_staff(const domain::StaffAccount& a) override;
  std::optional<domain::StaffAccount> staff_by_username(const std::string& username) override;
  std::optional<domain::StaffAccount> staff_by_id(std::int64_t id) override;
  Status update_staff(const domain::StaffAccount& a) override;
  std::vector<domain::StaffAccount> staff(const std::optional<std::string>& department_code) override;
  Result<std::int64_t> create_channel(const domain::Channel& ch) override;
  std::optional<domain::Channel> channel_by_token_hash(const std::string& token_hash) override;
  std::optional<domain::Channel> channel_by_name(const std::string& name) override;
  Status update_channel(const domain::Channel& ch) override;
  std::vector<domain::Channel> channels() override;

 private:
  std::vector<domain::StaffAccount> staff_where(const std::string& where, std::initializer_list<SqlValue> params);
  std::vector<domain::Channel> channels_where(const std::string& where, std::initializer_list<SqlValue> params);
  Connection& c_;
  const Codec& codec_;
};

class SqlCatalogueRepo final : public ports::CatalogueRepo {
 public:
  SqlCatalogueRepo(Connection& c, const Codec& codec) : c_(c), codec_(codec) {}
  Status put_item_version(const domain::ItemVersion& v) override;
  std::optional<domain::ItemVersion> item_version(const std::string& code, int version) override;
  std::optional<domain::ItemVersion> active_item(const std::string& code) override;
  Status activate_item_version(const std::string& code, int version) override;
  std::vector<domain::ItemVersion> active_items() override;
  Status replace_dataset(const std::string& name, const std::string& description,
                         const std::map<std::string, json::Value>& records) override;
  std::optional<json::Value> dataset_record(const std::string& name, const std::string& key) override;
  std::vector<std::string> dataset_names() override;
  std::map<std::string, json::Value> dataset(const std::string& name) override;
  Status put_calendar_notice(const calendar::YearNotice& notice, const std::string& by) override;
  std::vector<calendar::YearNotice> calendar_notices() override;
  std::vector<domain::ItemVersion> item_versions(const std::string& code) override;
  std::optional<std::string> setting(const std::string& name) override;
  Status put_setting(const std::string& name, const std::string& value, Instant at) override;

 private:
  std::vector<domain::ItemVersion> items_where(const std::string& where, std::initializer_list<SqlValue> params);
  Connection& c_;
  const Codec& codec_;
};

class SqlSupervisionRepo final : public ports::SupervisionRepo {
 public:
  SqlSupervisionRepo(Connection& c, const Codec& codec) : c_(c), codec_(codec) {}
  Result<std::int64_t> open_ticket(const domain::Ticket& t) override;
  std::optional<domain::Ticket> ticket(const std::string& ticket_no) override;
  Status update_ticket(const domain::Ticket& t) override;
  std::vector<domain::Ticket> tickets(const std::optional<std::string>& department_code,
                                      const std::optional<std::string>& state) override;
  Status put_certificate(const domain::Certificate& cert) override;
  std::optional<domain::Certificate> certificate(const std::string& cert_no) override;
  Status revoke_certificate(const std::string& cert_no, Instant at, const std::string& reason) override;
  std::vector<domain::Certificate> revoked_certificates(const std::string& department_code) override;
  std::vector<domain::PublicityRecord> publicity_records(const std::optional<std::string>& department_code,
                                                         std::size_t limit) override;
  std::vector<ports::Irregularity> irregularities(std::size_t limit) override;
  Result<std::int64_t> add_ban(const domain::Ban& b) override;
  std::vector<std::optional<domain::Ban>> active_bans(std::span<const ports::ApplicantItem> who, Instant at) override;
  Result<std::int64_t> put_publicity(const domain::PublicityRecord& p) override;
  std::optional<domain::PublicityRecord> publicity_for(const std::string& case_no) override;
  Status update_publicity(const domain::PublicityRecord& p) override;
  Status put_evaluation(const domain::Evaluation& e) override;
  std::optional<domain::Evaluation> evaluation(const std::string& case_no) override;
  Status put_document(const domain::StoredDocument& d) override;
  std::optional<domain::StoredDocument> document(const std::string& case_no, const std::string& kind) override;
  Result<std::int64_t> enqueue(const domain::OutboxMessage& m) override;
  Status enqueue_many(std::span<const domain::OutboxMessage> messages) override;
  std::vector<domain::OutboxMessage> due_messages(Instant now, std::size_t limit) override;
  Status update_message(const domain::OutboxMessage& m) override;
  Status lease_messages(std::span<const std::int64_t> ids, Instant until) override;
  Status mark_sent(std::span<const std::int64_t> ids, Instant at) override;
  std::vector<domain::Ticket> tickets_for_case(const std::string& case_no) override;
  std::vector<domain::Ticket> tickets_answer_due(Instant after, Instant until, std::size_t limit) override;

 private:
  std::vector<domain::Ticket> tickets_where(const std::string& where, std::initializer_list<SqlValue> params);
  std::vector<domain::Certificate> certificates_where(const std::string& where, std::initializer_list<SqlValue> params);
  Connection& c_;
  const Codec& codec_;
};

// Runs an INSERT and turns store.duplicate into a Result error with the given message.
Status insert_unique(Connection& c, std::string_view sql, std::initializer_list<SqlValue> params,
                     const std::string& what);

}  // namespace zhishen::store
