// Migration 3: the TOTP step of each account's last login, kept in the database so that a code
// is never accepted twice — not after a restart, not on another server of the same database.
#include "migrations.hpp"

namespace zhishen::store {

Migration schema_v3() {
  return Migration{3, "staff.totp_last_step", {
    "ALTER TABLE staff ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0",
  }};
}

}  // namespace zhishen::store
