// Migration 1: the whole first schema (docs/storage.md describes every table).
#include "migrations.hpp"

namespace zhishen::store {

Migration schema_v1() {
  return Migration{1, "initial schema", {
    "CREATE TABLE IF NOT EXISTS departments (code VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,"
    " uscc VARCHAR(18) NOT NULL){T}",

    "CREATE TABLE IF NOT EXISTS staff (id {ID}, username VARCHAR(64) NOT NULL, display_name VARCHAR(100) NOT NULL,"
    " department_code VARCHAR(64) NOT NULL, roles VARCHAR(200) NOT NULL, password_hash VARCHAR(255) NOT NULL,"
    " totp_secret_enc {BLOB} NOT NULL, active BIGINT NOT NULL, failed_logins BIGINT NOT NULL,"
    " locked_until BIGINT NULL, created_at BIGINT NOT NULL, UNIQUE (username)){T}",

    "CREATE TABLE IF NOT EXISTS channels (id {ID}, name VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL,"
    " token_hash CHAR(64) NOT NULL, active BIGINT NOT NULL, created_at BIGINT NOT NULL, revoked_at BIGINT NULL,"
    " UNIQUE (name), UNIQUE (token_hash)){T}",

    "CREATE TABLE IF NOT EXISTS item_versions (item_code VARCHAR(64) NOT NULL, version BIGINT NOT NULL,"
    " department_code VARCHAR(64) NOT NULL, name VARCHAR(200) NOT NULL, guide_json {TEXT} NOT NULL,"
    " rules_json {TEXT} NOT NULL, status VARCHAR(16) NOT NULL, created_at BIGINT NOT NULL,"
    " created_by VARCHAR(64) NOT NULL, PRIMARY KEY (item_code, version)){T}",
    "CREATE INDEX IF NOT EXISTS item_versions_status ON item_versions (status, item_code)",

    "CREATE TABLE IF NOT EXISTS cases (case_no VARCHAR(40) NOT NULL PRIMARY KEY, item_code VARCHAR(64) NOT NULL,"
    " item_version BIGINT NOT NULL, department_code VARCHAR(64) NOT NULL, channel VARCHAR(64) NOT NULL,"
    " applicant_type VARCHAR(16) NOT NULL, applicant_name VARCHAR(200) NOT NULL, applicant_id_type VARCHAR(16) NOT NULL,"
    " applicant_id_enc {BLOB} NOT NULL, applicant_id_index CHAR(64) NOT NULL, applicant_id_masked VARCHAR(40) NOT NULL,"
    " applicant_phone_enc {BLOB} NOT NULL, applicant_address_enc {BLOB} NOT NULL, auth_level VARCHAR(16) NOT NULL,"
    " application_enc {BLOB} NOT NULL, state VARCHAR(32) NOT NULL, decision VARCHAR(16) NOT NULL,"
    " version BIGINT NOT NULL, terms_json {TEXT} NOT NULL, clocks_json {TEXT} NOT NULL, submitted_at BIGINT NOT NULL,"
    " updated_at BIGINT NOT NULL,"
    " due_at BIGINT NOT NULL, yellow_at BIGINT NULL, light VARCHAR(8) NOT NULL, assignee_id BIGINT NULL,"
    " decided_at BIGINT NULL, receipt_no VARCHAR(40) NOT NULL, flags VARCHAR(200) NOT NULL){T}",
    // due_at is the earliest running deadline, or kNoDeadline (cases without one sort last). The
    // inbox walks (department, due_at, case_no) in index order (InnoDB appends the primary key)
    // and stops after the page; open cases come first because closed ones carry kNoDeadline.
    "CREATE INDEX IF NOT EXISTS cases_inbox ON cases (department_code, due_at)",
    "CREATE INDEX IF NOT EXISTS cases_due ON cases (due_at)",
    "CREATE INDEX IF NOT EXISTS cases_yellow ON cases (yellow_at)",
    "CREATE INDEX IF NOT EXISTS cases_ledger ON cases (department_code, decided_at)",
    "CREATE INDEX IF NOT EXISTS cases_applicant ON cases (applicant_id_index, item_code)",

    "CREATE TABLE IF NOT EXISTS case_materials (case_no VARCHAR(40) NOT NULL, seq BIGINT NOT NULL,"
    " code VARCHAR(64) NOT NULL, name VARCHAR(200) NOT NULL, mime VARCHAR(100) NOT NULL, sha256 CHAR(64) NOT NULL,"
    " size BIGINT NOT NULL, extracted_enc {BLOB} NOT NULL, PRIMARY KEY (case_no, seq)){T}",

    "CREATE TABLE IF NOT EXISTS case_events (case_no VARCHAR(40) NOT NULL, seq BIGINT NOT NULL,"
    " from_state VARCHAR(32) NOT NULL, to_state VARCHAR(32) NOT NULL, action VARCHAR(32) NOT NULL,"
    " role VARCHAR(16) NOT NULL, actor VARCHAR(100) NOT NULL, at BIGINT NOT NULL, reason {TEXT} NOT NULL,"
    " legal_basis {TEXT} NOT NULL, ban BIGINT NOT NULL, PRIMARY KEY (case_no, seq)){T}",

    "CREATE TABLE IF NOT EXISTS decisions (id {ID}, case_no VARCHAR(40) NOT NULL, kind VARCHAR(16) NOT NULL,"
    " outcome VARCHAR(16) NOT NULL, rule_set_version BIGINT NOT NULL, detail_enc {BLOB} NOT NULL,"
    " decided_by VARCHAR(100) NOT NULL, decided_at BIGINT NOT NULL){T}",
    "CREATE INDEX IF NOT EXISTS decisions_case ON decisions (case_no)",

    "CREATE TABLE IF NOT EXISTS audit_head (chain BIGINT NOT NULL PRIMARY KEY, last_seq BIGINT NOT NULL,"
    " last_hash CHAR(64) NOT NULL){T}",
    "{INSERT_IGNORE} INTO audit_head (chain, last_seq, last_hash) VALUES"
    " (0,0,'{GENESIS}'),(1,0,'{GENESIS}'),(2,0,'{GENESIS}'),(3,0,'{GENESIS}'),(4,0,'{GENESIS}'),(5,0,'{GENESIS}'),"
    " (6,0,'{GENESIS}'),(7,0,'{GENESIS}'),(8,0,'{GENESIS}'),(9,0,'{GENESIS}'),(10,0,'{GENESIS}'),(11,0,'{GENESIS}'),"
    " (12,0,'{GENESIS}'),(13,0,'{GENESIS}'),(14,0,'{GENESIS}'),(15,0,'{GENESIS}')",
    "CREATE TABLE IF NOT EXISTS audit_log (chain BIGINT NOT NULL, seq BIGINT NOT NULL, at BIGINT NOT NULL,"
    " actor VARCHAR(100) NOT NULL, role VARCHAR(16) NOT NULL, action VARCHAR(64) NOT NULL,"
    " target VARCHAR(100) NOT NULL, detail_json {TEXT} NOT NULL, prev_hash CHAR(64) NOT NULL,"
    " hash CHAR(64) NOT NULL, PRIMARY KEY (chain, seq)){T}",

    "CREATE TABLE IF NOT EXISTS idempotency (channel_id BIGINT NOT NULL, idem_key VARCHAR(200) NOT NULL,"
    " request_hash CHAR(64) NOT NULL, status BIGINT NOT NULL, response {TEXT} NOT NULL, created_at BIGINT NOT NULL,"
    " PRIMARY KEY (channel_id, idem_key)){T}",

    "CREATE TABLE IF NOT EXISTS datasets (name VARCHAR(64) NOT NULL PRIMARY KEY, description {TEXT} NOT NULL,"
    " record_count BIGINT NOT NULL, updated_at BIGINT NOT NULL){T}",
    "CREATE TABLE IF NOT EXISTS dataset_records (name VARCHAR(64) NOT NULL, key_index CHAR(64) NOT NULL,"
    " key_enc {BLOB} NOT NULL, record_json {TEXT} NOT NULL, PRIMARY KEY (name, key_index)){T}",

    "CREATE TABLE IF NOT EXISTS calendar_notices (year BIGINT NOT NULL PRIMARY KEY, notice_json {TEXT} NOT NULL,"
    " updated_at BIGINT NOT NULL, updated_by VARCHAR(64) NOT NULL){T}",

    "CREATE TABLE IF NOT EXISTS tickets (id {ID}, ticket_no VARCHAR(40) NOT NULL, case_no VARCHAR(40) NOT NULL,"
    " department_code VARCHAR(64) NOT NULL, state VARCHAR(16) NOT NULL, reason {TEXT} NOT NULL,"
    " opened_by VARCHAR(100) NOT NULL, opened_at BIGINT NOT NULL, answer_due_at BIGINT NOT NULL,"
    " response {TEXT} NOT NULL, responded_by VARCHAR(100) NOT NULL, responded_at BIGINT NULL,"
    " closed_by VARCHAR(100) NOT NULL, closed_at BIGINT NULL, UNIQUE (ticket_no)){T}",
    "CREATE INDEX IF NOT EXISTS tickets_department ON tickets (department_code, state)",

    "CREATE TABLE IF NOT EXISTS certificates (cert_no VARCHAR(64) NOT NULL PRIMARY KEY, case_no VARCHAR(40) NOT NULL,"
    " department_code VARCHAR(64) NOT NULL, type VARCHAR(64) NOT NULL, holder_name VARCHAR(200) NOT NULL,"
    " holder_id_type VARCHAR(16) NOT NULL, holder_id_enc {BLOB} NOT NULL, holder_id_index CHAR(64) NOT NULL,"
    " content_enc {BLOB} NOT NULL, issued_at BIGINT NOT NULL, valid_until VARCHAR(10) NULL,"
    " algorithm VARCHAR(32) NOT NULL, key_id VARCHAR(64) NOT NULL, signature {BLOB} NOT NULL,"
    " revoked_at BIGINT NULL, revoke_reason {TEXT} NOT NULL){T}",
    "CREATE INDEX IF NOT EXISTS certificates_case ON certificates (case_no)",
    "CREATE INDEX IF NOT EXISTS certificates_revoked ON certificates (department_code, revoked_at)",

    "CREATE TABLE IF NOT EXISTS bans (id {ID}, applicant_index CHAR(64) NOT NULL, item_code VARCHAR(64) NOT NULL,"
    " case_no VARCHAR(40) NOT NULL, imposed_at BIGINT NOT NULL, until_at BIGINT NOT NULL, reason {TEXT} NOT NULL){T}",
    "CREATE INDEX IF NOT EXISTS bans_applicant ON bans (applicant_index, item_code)",

    "CREATE TABLE IF NOT EXISTS publicity (id {ID}, case_no VARCHAR(40) NOT NULL, department_code VARCHAR(64) NOT NULL,"
    " fields_enc {BLOB} NOT NULL, due_at BIGINT NOT NULL, published_at BIGINT NULL, withdrawn_at BIGINT NULL,"
    " UNIQUE (case_no)){T}",
    "CREATE INDEX IF NOT EXISTS publicity_due ON publicity (published_at, due_at)",

    "CREATE TABLE IF NOT EXISTS evaluations (case_no VARCHAR(40) NOT NULL PRIMARY KEY, level VARCHAR(16) NOT NULL,"
    " reason {TEXT} NOT NULL, channel VARCHAR(64) NOT NULL, at BIGINT NOT NULL){T}",

    "CREATE TABLE IF NOT EXISTS outbox (id {ID}, case_no VARCHAR(40) NOT NULL, recipient_enc {BLOB} NOT NULL,"
    " template_id VARCHAR(64) NOT NULL, text {TEXT} NOT NULL, created_at BIGINT NOT NULL, attempts BIGINT NOT NULL,"
    " next_attempt_at BIGINT NOT NULL, sent_at BIGINT NULL, last_error {TEXT} NOT NULL){T}",
    "CREATE INDEX IF NOT EXISTS outbox_due ON outbox (sent_at, next_attempt_at)",
  }};
}

}  // namespace zhishen::store
