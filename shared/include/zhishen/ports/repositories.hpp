#pragma once
// The repositories a StoreTx offers (see store.hpp for the transaction and error contract).
// Each method works inside the caller's transaction. Thread-safety: as the StoreTx.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "zhishen/calendar/workday_calendar.hpp"
#include "zhishen/core/error.hpp"
#include "zhishen/domain/case_file.hpp"
#include "zhishen/domain/directory.hpp"
#include "zhishen/domain/records.hpp"

namespace zhishen::ports {

struct InboxQuery {
  std::optional<std::string> department_code;  // nullopt: every department (supervisors)
  std::vector<lifecycle::State> states;        // empty: every state
  std::optional<calendar::Light> light;
  std::optional<std::int64_t> assignee_id;     // with unassigned_only false
  bool unassigned_only = false;
  std::optional<Instant> due_before;
  std::optional<std::string> item_code;
  std::size_t limit = 100;
  std::size_t offset = 0;
  std::optional<std::string> flagged;          // cases whose flags include this one (e.g. "risk_warning")
  std::optional<std::string> search;           // a case number, or an applicant's ID number
};

// Open cases of one department and item with one light (CaseRepo::light_counts).
struct LightCount {
  std::string department_code;
  std::string item_code;
  calendar::Light light = calendar::Light::green;
  std::int64_t count = 0;
};

// One recorded transition with what the efficiency statistics need of its case
// (CaseRepo::events_between).
struct EventFact {
  std::string case_no;
  std::int64_t seq = 0;
  lifecycle::Action action = lifecycle::Action::route_manual;
  Instant at{};
  std::optional<lifecycle::Action> previous_action;  // the case's event just before this one
  std::optional<Instant> previous_at;
  std::string department_code;
  std::string item_code;
  Instant submitted_at{};
  std::vector<lifecycle::ClockRecord> clocks;  // the case's clocks as stored now
};

// A decision to record on a case (CaseRepo::add_decisions).
struct NewDecision {
  std::string case_no;
  domain::DecisionRecord record;
  // When not empty: the detail already written as JSON text (rules::trace_text), stored as it is
  // and record.detail not read. It points into the caller's string, which outlives the call.
  std::string_view detail_json = {};
};

// "Another case of this applicant for this item, in flight, from another channel?" (000 Art.17).
struct InFlightQuery {
  std::string id_number;
  std::string item_code;
  std::string except_channel;
};

// An applicant and an item (SupervisionRepo::active_bans).
struct ApplicantItem {
  std::string id_number;
  std::string item_code;
};

// The batch methods (`*_many`, `active_bans`, `add_decisions`) do in a few statements what their
// one-value forms do once per value; the one-value forms are the batch of one.
class CaseRepo {
 public:
  virtual ~CaseRepo() = default;
  // Creates every case. On store.duplicate (a case number taken) some may be written: the work
  // returns the error so that its transaction rolls back.
  virtual Status create_many(std::span<const domain::CaseFile* const> files) = 0;
  Status create(const domain::CaseFile& c) {  // store.duplicate
    const domain::CaseFile* one[] = {&c};
    return create_many(one);
  }
  virtual Result<domain::CaseFile> load(const std::string& case_no) = 0;        // store.not_found
  // Writes the record if the stored version equals expected_version (store.conflict otherwise);
  // appends the events beyond those stored and replaces the clocks, the derived columns, the
  // application and the materials (a resubmission after 补齐补正 changes them).
  virtual Status save(const domain::CaseFile& c, std::int64_t expected_version) = 0;
  // store.not_found when a case does not exist (then nothing is recorded).
  virtual Status add_decisions(std::span<const NewDecision> decisions) = 0;
  Status add_decision(const std::string& case_no, const domain::DecisionRecord& d) {
    const NewDecision one[] = {{case_no, d}};
    return add_decisions(one);
  }
  virtual std::vector<domain::DecisionRecord> decisions(const std::string& case_no) = 0;
  // Sorted by due_at (cases without a running deadline last), then by case number.
  virtual std::vector<domain::CaseSummary> inbox(const InboxQuery& q) = 0;
  virtual std::int64_t count(const InboxQuery& q) = 0;
  // The light sweep: cases whose yellow_at or due_at lies in (after, until].
  virtual std::vector<domain::CaseSummary> lights_changing(Instant after, Instant until, std::size_t limit) = 0;
  virtual Status set_light(const std::string& case_no, calendar::Light light) = 0;
  virtual std::vector<domain::CaseSummary> by_applicant(const std::string& id_number, std::size_t limit) = 0;
  // The summaries of these cases (those that exist), in no particular order: a list's worth of
  // cases in a few statements instead of a load() each.
  virtual std::vector<domain::CaseSummary> summaries(std::span<const std::string> case_nos) = 0;
  // Writes only the derived columns (due_at, yellow_at, light) when the stored version is still
  // c.record.version (store.conflict otherwise; store.not_found); the version stays. For a calendar
  // edit, which moves deadlines without a transition.
  virtual Status save_deadlines(const domain::CaseFile& c) = 0;
  // Cases with a running deadline (not paused) counted by department, item and their light at
  // `now` from the derived columns: red once due_at <= now, yellow once yellow_at <= now. One
  // department, or every one for nullopt.
  virtual std::vector<LightCount> light_counts(const std::optional<std::string>& department_code, Instant now) = 0;
  // Transitions with one of `actions` and from <= at < until, oldest first (then case number and
  // seq), at most `limit`; of one department or every one for nullopt.
  virtual std::vector<EventFact> events_between(const std::vector<lifecycle::Action>& actions, Instant from,
                                                Instant until, const std::optional<std::string>& department_code,
                                                std::size_t limit) = 0;
  // The timer's catch of cases a transition left overdue: cases written (their last event) in
  // (after, until] whose earliest running deadline is at or before `until`.
  virtual std::vector<domain::CaseSummary> overdue_written(Instant after, Instant until, std::size_t limit) = 0;
  // Another case of this applicant for this item, still in flight (not decided and closed), that
  // came through a channel other than `except_channel` (000 Art.17); its number (the smallest), or
  // nullopt — one answer per query, in order.
  virtual std::vector<std::optional<std::string>> in_flight_elsewhere_many(std::span<const InFlightQuery> queries) = 0;
  std::optional<std::string> in_flight_elsewhere(const std::string& id_number, const std::string& item_code,
                                                 const std::string& except_channel) {
    const InFlightQuery one[] = {{id_number, item_code, except_channel}};
    return in_flight_elsewhere_many(one).front();
  }
};

class AuditRepo {
 public:
  virtual ~AuditRepo() = default;
  // Assigns chain, seq, prev_hash and hash (chained to the previous entry of its chain, entries of
  // one chain in the order given) and returns the stored entries in the order given.
  virtual std::vector<domain::AuditEntry> append_many(std::vector<domain::AuditEntry> entries) = 0;
  domain::AuditEntry append(domain::AuditEntry e) {
    std::vector<domain::AuditEntry> one;
    one.push_back(std::move(e));
    return std::move(append_many(std::move(one)).front());
  }
  // Entries of one chain from from_seq on, in seq order.
  virtual std::vector<domain::AuditEntry> range(int chain, std::int64_t from_seq, std::size_t limit) = 0;
  // The newest entries of every chain (for lists), newest first.
  virtual std::vector<domain::AuditEntry> recent(std::size_t limit) = 0;
};

class IdempotencyRepo {
 public:
  virtual ~IdempotencyRepo() = default;
  // The stored answer for each (channel, key), in order.
  virtual std::vector<std::optional<domain::IdempotencyRecord>> find_many(
      std::span<const std::pair<std::int64_t, std::string>> keys) = 0;
  // Stores every record; store.duplicate (a key already used) as for CaseRepo::create_many.
  virtual Status put_many(std::span<const domain::IdempotencyRecord> records) = 0;
  std::optional<domain::IdempotencyRecord> find(std::int64_t channel_id, const std::string& key) {
    const std::pair<std::int64_t, std::string> one[] = {{channel_id, key}};
    return find_many(one).front();
  }
  Status put(const domain::IdempotencyRecord& r) {  // store.duplicate
    return put_many(std::span<const domain::IdempotencyRecord>(&r, 1));
  }
};

class DirectoryRepo {
 public:
  virtual ~DirectoryRepo() = default;
  virtual Status put_department(const domain::Department& d) = 0;  // insert or update
  virtual std::optional<domain::Department> department(const std::string& code) = 0;
  virtual std::vector<domain::Department> departments() = 0;

  virtual Result<std::int64_t> create_staff(const domain::StaffAccount& a) = 0;  // store.duplicate (username)
  virtual std::optional<domain::StaffAccount> staff_by_username(const std::string& username) = 0;
  virtual std::optional<domain::StaffAccount> staff_by_id(std::int64_t id) = 0;
  virtual Status update_staff(const domain::StaffAccount& a) = 0;  // store.not_found
  virtual std::vector<domain::StaffAccount> staff(const std::optional<std::string>& department_code) = 0;

  virtual Result<std::int64_t> create_channel(const domain::Channel& c) = 0;  // store.duplicate (name)
  virtual std::optional<domain::Channel> channel_by_token_hash(const std::string& token_hash) = 0;
  virtual std::optional<domain::Channel> channel_by_name(const std::string& name) = 0;
  virtual Status update_channel(const domain::Channel& c) = 0;  // store.not_found
  virtual std::vector<domain::Channel> channels() = 0;
};

class CatalogueRepo {
 public:
  virtual ~CatalogueRepo() = default;
  virtual Status put_item_version(const domain::ItemVersion& v) = 0;  // store.duplicate
  virtual std::optional<domain::ItemVersion> item_version(const std::string& code, int version) = 0;
  virtual std::optional<domain::ItemVersion> active_item(const std::string& code) = 0;
  // Makes `version` the active one (the previous active version is retired). store.not_found.
  virtual Status activate_item_version(const std::string& code, int version) = 0;
  virtual std::vector<domain::ItemVersion> active_items() = 0;

  // Replaces a whole dataset (credit_blacklist, abnormal_operation, negative_list, industry_catalogue).
  virtual Status replace_dataset(const std::string& name, const std::string& description,
                                 const std::map<std::string, json::Value>& records) = 0;
  virtual std::optional<json::Value> dataset_record(const std::string& name, const std::string& key) = 0;
  virtual std::vector<std::string> dataset_names() = 0;
  // A whole dataset, keys in clear (the server keeps the datasets in memory for decisions).
  virtual std::map<std::string, json::Value> dataset(const std::string& name) = 0;

  virtual Status put_calendar_notice(const calendar::YearNotice& notice, const std::string& by) = 0;  // upsert
  virtual std::vector<calendar::YearNotice> calendar_notices() = 0;

  // Every version of one item, oldest first; with an empty code, every version of every item (by
  // item code, then version).
  virtual std::vector<domain::ItemVersion> item_versions(const std::string& code) = 0;

  // Small values the server keeps between runs (e.g. "timer.last_tick"); put_setting upserts.
  virtual std::optional<std::string> setting(const std::string& name) = 0;
  virtual Status put_setting(const std::string& name, const std::string& value, Instant at) = 0;
};

struct Irregularity {
  std::string kind;             // certificate_without_case | publicity_without_case | completed_without_certificate
  std::string ref;              // the certificate number or the case number
  std::string department_code;
  friend bool operator==(const Irregularity&, const Irregularity&) = default;
};

class SupervisionRepo {
 public:
  virtual ~SupervisionRepo() = default;
  virtual Result<std::int64_t> open_ticket(const domain::Ticket& t) = 0;  // store.duplicate (ticket_no)
  virtual std::optional<domain::Ticket> ticket(const std::string& ticket_no) = 0;
  virtual Status update_ticket(const domain::Ticket& t) = 0;
  virtual std::vector<domain::Ticket> tickets(const std::optional<std::string>& department_code,
                                              const std::optional<std::string>& state) = 0;

  virtual Status put_certificate(const domain::Certificate& c) = 0;  // store.duplicate
  virtual std::optional<domain::Certificate> certificate(const std::string& cert_no) = 0;
  virtual Status revoke_certificate(const std::string& cert_no, Instant at, const std::string& reason) = 0;
  virtual std::vector<domain::Certificate> revoked_certificates(const std::string& department_code) = 0;

  virtual Result<std::int64_t> add_ban(const domain::Ban& b) = 0;
  // The ban in force at `at` for each applicant and item (the one lasting longest), in order.
  virtual std::vector<std::optional<domain::Ban>> active_bans(std::span<const ApplicantItem> who, Instant at) = 0;
  std::optional<domain::Ban> active_ban(const std::string& applicant_id_number, const std::string& item_code,
                                        Instant at) {
    const ApplicantItem one[] = {{applicant_id_number, item_code}};
    return active_bans(one, at).front();
  }

  virtual Result<std::int64_t> put_publicity(const domain::PublicityRecord& p) = 0;  // store.duplicate (case)
  virtual std::optional<domain::PublicityRecord> publicity_for(const std::string& case_no) = 0;
  virtual Status update_publicity(const domain::PublicityRecord& p) = 0;
  // Publicity records, oldest due first; of one department when given (at most `limit`).
  virtual std::vector<domain::PublicityRecord> publicity_records(const std::optional<std::string>& department_code,
                                                                 std::size_t limit) = 0;
  // Work outside the system (体外循环), at most `limit` of each kind: certificates and publicity
  // records whose case does not exist, and approved cases completed (or later) of an item that
  // issues e-certificates without a certificate.
  virtual std::vector<Irregularity> irregularities(std::size_t limit) = 0;

  virtual Status put_evaluation(const domain::Evaluation& e) = 0;  // store.duplicate: one per case
  virtual std::optional<domain::Evaluation> evaluation(const std::string& case_no) = 0;

  // Documents kept as issued, one per case and kind (store.duplicate).
  virtual Status put_document(const domain::StoredDocument& d) = 0;
  virtual std::optional<domain::StoredDocument> document(const std::string& case_no, const std::string& kind) = 0;

  virtual Result<std::int64_t> enqueue(const domain::OutboxMessage& m) = 0;
  virtual Status enqueue_many(std::span<const domain::OutboxMessage> messages) = 0;
  virtual std::vector<domain::OutboxMessage> due_messages(Instant now, std::size_t limit) = 0;
  virtual Status update_message(const domain::OutboxMessage& m) = 0;
  // One statement for many messages (the outbox sender's claim and its successes): lease sets
  // next_attempt_at; mark_sent counts the attempt and sets sent_at on those not sent yet.
  virtual Status lease_messages(std::span<const std::int64_t> ids, Instant until) = 0;
  virtual Status mark_sent(std::span<const std::int64_t> ids, Instant at) = 0;

  // The tickets of one case, oldest first.
  virtual std::vector<domain::Ticket> tickets_for_case(const std::string& case_no) = 0;
  // Open (unanswered) tickets whose answer_due_at lies in (after, until], oldest due first.
  virtual std::vector<domain::Ticket> tickets_answer_due(Instant after, Instant until, std::size_t limit) = 0;
};

}  // namespace zhishen::ports
