// Migration 5: a case's materials in one sealed column of its row (a JSON list), written with the
// case: one value instead of a case_materials row each (at intake, 5 rows and 4 long-data packets
// fewer for a typical application). Cases stored before keep their case_materials rows, and are
// read from them while materials_enc is NULL.
#include "migrations.hpp"

namespace zhishen::store {

Migration schema_v5() {
  return Migration{5, "cases.materials_enc", {
    "ALTER TABLE cases ADD COLUMN materials_enc {BLOB} NULL",
  }};
}

}  // namespace zhishen::store
