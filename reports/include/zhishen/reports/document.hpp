#pragma once
// The report model: what a printed document says, with no layout. Builders (documents.hpp) fill it
// from case data; render_pdf (render.hpp) lays it out on A4 pages. Plain values; any thread.

#include <string>
#include <vector>

namespace zhishen::reports {

struct Field {  // "label: value" lines of a document (申请编号：ZS…)
  std::string label;
  std::string value;
};

struct Column {
  std::string title;
  double weight = 1.0;        // share of the table's width
  bool align_right = false;   // numbers
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> totals;  // a last row in bold, or empty
};

struct Block {
  enum class Kind { heading, paragraph, line, fields, table, list };  // line: a paragraph without indent
  Kind kind = Kind::paragraph;
  std::string text;                // heading, paragraph, line
  std::vector<Field> fields;       // fields
  Table table;                     // table
  std::vector<std::string> items;  // list: numbered lines (the one-time correction list)
};

struct Document {
  std::string title;         // 办结回执, 不予许可决定书, 审批台账, ...
  std::string department;    // the issuing department, in the header
  std::string doc_no;        // the document number (文书编号), in the header
  std::string generated_at;  // "2026-11-22 09:15", in the footer
  std::string qr_payload;    // the application number and a verification URL; empty: no QR code
  std::string qr_caption;    // printed under the QR code
  bool landscape = false;    // wide tables (the ledger)
  std::vector<Block> blocks;
  std::string seal_text;  // the closing lines at the right: issuing department (盖章) …
  std::string seal_date;  // … and date; both empty: no closing
};

// Block helpers for builders.
inline Block heading(std::string text) { return Block{Block::Kind::heading, std::move(text), {}, {}, {}}; }
inline Block paragraph(std::string text) { return Block{Block::Kind::paragraph, std::move(text), {}, {}, {}}; }
// A salutation (申请人：) or any paragraph set flush left.
inline Block line(std::string text) { return Block{Block::Kind::line, std::move(text), {}, {}, {}}; }
inline Block fields(std::vector<Field> f) { return Block{Block::Kind::fields, {}, std::move(f), {}, {}}; }
inline Block table(Table t) { return Block{Block::Kind::table, {}, {}, std::move(t), {}}; }
inline Block list(std::vector<std::string> items) { return Block{Block::Kind::list, {}, {}, {}, std::move(items)}; }

}  // namespace zhishen::reports
