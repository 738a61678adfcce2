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
  // line: a paragraph without indent; box: fields in a ruled box, the label in a shaded cell and
  // the value wrapping beside it (an e-certificate's facts)
  enum class Kind { heading, paragraph, line, fields, table, list, box };
  Kind kind = Kind::paragraph;
  std::string text;                // heading, paragraph, line
  std::vector<Field> fields;       // fields, box
  Table table;                     // table
  std::vector<std::string> items;  // list: numbered lines (the one-time correction list)
};

struct Document {
  std::string title;         // 办结回执, 不予许可决定书, 审批台账, ...
  std::string subtitle;      // a second, smaller title line (the certificate's name under 电子证照), or empty
  std::string department;    // the issuing department, in the header
  std::string doc_no;        // the document number (文书编号), in the header
  std::string doc_no_label = "文书编号";  // what the header calls it (证照编号 on a certificate)
  std::string generated_at;  // "2026-11-22 09:15", in the footer
  std::string qr_payload;    // the application number and a verification URL; empty: no QR code
  std::string qr_caption;    // printed under the QR code
  // false: a small QR code in the first page's top right corner (a case number and a URL); true: a
  // large one at the foot, left of the closing, sized to its content so that a phone can still read
  // ~2,000 bytes (an e-certificate's QR code carries the whole signed certificate).
  bool qr_at_foot = false;
  bool landscape = false;    // wide tables (the ledger)
  std::vector<Block> blocks;
  std::string seal_text;  // the closing lines at the right: issuing department (盖章) …
  std::string seal_date;  // … and date; both empty: no closing
  std::string seal_name;  // non-empty: a red round seal bearing this name (ring, star) over the closing
  std::string fine_print; // small print under the closing (an e-certificate's signature facts), or empty
};

// Block helpers for builders.
inline Block heading(std::string text) { return Block{Block::Kind::heading, std::move(text), {}, {}, {}}; }
inline Block paragraph(std::string text) { return Block{Block::Kind::paragraph, std::move(text), {}, {}, {}}; }
// A salutation (申请人：) or any paragraph set flush left.
inline Block line(std::string text) { return Block{Block::Kind::line, std::move(text), {}, {}, {}}; }
inline Block fields(std::vector<Field> f) { return Block{Block::Kind::fields, {}, std::move(f), {}, {}}; }
inline Block table(Table t) { return Block{Block::Kind::table, {}, {}, std::move(t), {}}; }
inline Block list(std::vector<std::string> items) { return Block{Block::Kind::list, {}, {}, {}, std::move(items)}; }
inline Block box(std::vector<Field> f) { return Block{Block::Kind::box, {}, std::move(f), {}, {}}; }

}  // namespace zhishen::reports
