// Migration 2: a small key-value table for what the server keeps between runs (the timer's last
// tick, so that a restarted server sweeps the whole downtime), and the indexes the timer, the
// supervision tickets and the efficiency statistics query by (docs/storage.md).
#include "migrations.hpp"

namespace zhishen::store {

Migration schema_v2() {
  return Migration{2, "settings; indexes for the timer, tickets and statistics", {
    "CREATE TABLE IF NOT EXISTS settings (setting_name VARCHAR(64) NOT NULL PRIMARY KEY,"
    " setting_value {TEXT} NOT NULL, updated_at BIGINT NOT NULL){T}",
    // Statistics: transitions of given actions in a period (CaseRepo::events_between).
    "CREATE INDEX IF NOT EXISTS case_events_action ON case_events (action, at)",
    // The timer: whether a case already has a ticket (SupervisionRepo::tickets_for_case).
    "CREATE INDEX IF NOT EXISTS tickets_case ON tickets (case_no)",
    // The timer: open tickets whose answer fell due (SupervisionRepo::tickets_answer_due).
    "CREATE INDEX IF NOT EXISTS tickets_answer_due ON tickets (state, answer_due_at)",
  }};
}

}  // namespace zhishen::store
