// Migration 4: printed documents kept as issued (the receipt of every completed case), the PDF
// encrypted like other personal data.
#include "migrations.hpp"

namespace zhishen::store {

Migration schema_v4() {
  return Migration{4, "case_documents", {
    "CREATE TABLE IF NOT EXISTS case_documents (case_no VARCHAR(40) NOT NULL, kind VARCHAR(32) NOT NULL,"
    " content_enc {BLOB} NOT NULL, sha256 CHAR(64) NOT NULL, created_at BIGINT NOT NULL,"
    " PRIMARY KEY (case_no, kind)){T}",
  }};
}

}  // namespace zhishen::store
