#pragma once
// Reading a shared dataset (BRIEF R4) from CSV as administrators export it from a spreadsheet:
// UTF-8 (a leading byte-order mark is skipped), RFC 4180 quoting ("a ""quoted"" field", line breaks
// inside quotes), CRLF or LF line ends, blank lines ignored. The header row is `key,<field>,...`;
// each further record becomes {"<field>": "<text>", ...} under its key (empty cells are left out, so
// an absent optional field reads as missing, as in the JSON files).
//
// A bad record does not stop the import: it is reported with the line it starts on and why —
//   csv.key.empty       the key cell is empty (or only spaces)
//   csv.key.duplicate   the key was already used by an earlier record (the first one is kept)
//   csv.columns         not as many cells as the header has
//   csv.quote           a quote inside an unquoted cell, text after a closing quote, or an
//                       unterminated quoted cell
//   csv.encoding        the record is not valid UTF-8
// Reasons name lines and columns, never cell values (keys may be citizen ID numbers).
// Whole-file errors: dataset.csv.empty (no header), dataset.csv.header (first column not "key",
// an empty or repeated field name, or a header that itself does not parse).
//
// Thread-safety: pure function.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "zhishen/core/error.hpp"
#include "zhishen/json/value.hpp"

namespace zhishen::server {

struct CsvRejectedRow {
  std::size_t line = 0;  // 1-based physical line where the record starts
  std::string id;        // csv.*
  std::string reason;
};

struct CsvDataset {
  std::vector<std::string> fields;  // the header after "key"
  std::map<std::string, json::Value> records;
  std::vector<CsvRejectedRow> rejected;
};

Result<CsvDataset> parse_dataset_csv(std::string_view text);

}  // namespace zhishen::server
