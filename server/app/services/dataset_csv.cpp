#include "dataset_csv.hpp"

#include <set>

#include "zhishen/json/detail/text.hpp"

namespace zhishen::server {
namespace {

struct Record {
  std::size_t line = 0;
  std::vector<std::string> cells;
  std::string problem;  // csv.quote with its reason, or empty
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = json::detail::utf8_sequence_length(s.data() + i, s.size() - i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// Splits RFC 4180 text into records, one at a time, counting physical lines.
class Reader {
 public:
  explicit Reader(std::string_view text) : t_(text) {
    if (t_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  // False at the end of the text.
  bool next(Record& r) {
    skip_blank_lines();
    if (pos_ >= t_.size()) return false;
    r = Record{line_, {}, {}};
    const std::size_t start = pos_;
    std::string cell;
    bool cell_start = true;
    while (true) {
      if (pos_ >= t_.size()) {
        r.cells.push_back(std::move(cell));
        return true;
      }
      const char c = t_[pos_];
      if (cell_start && c == '"') {
        if (!quoted(cell)) {  // unterminated: give the lines after the record's first one another chance
          r.problem = "a quoted cell is never closed";
          restart_after_line_of(start, r.line);
          return true;
        }
        if (pos_ < t_.size() && t_[pos_] != ',' && !at_line_end()) {
          r.problem = "text after a closing quote";
          skip_rest_of_line();
          return true;
        }
        cell_start = false;
        continue;
      }
      if (c == ',') {
        r.cells.push_back(std::move(cell));
        cell.clear();
        cell_start = true;
        ++pos_;
        continue;
      }
      if (at_line_end()) {
        r.cells.push_back(std::move(cell));
        consume_line_end();
        return true;
      }
      if (c == '"') {
        r.problem = "a quote inside an unquoted cell (quote the cell and double the quote)";
        skip_rest_of_line();
        return true;
      }
      cell += c;
      cell_start = false;
      ++pos_;
    }
  }

 private:
  // Reads a quoted cell from its opening quote; false when the text ends inside it.
  bool quoted(std::string& cell) {
    ++pos_;
    while (pos_ < t_.size()) {
      const char c = t_[pos_];
      if (c == '"') {
        if (pos_ + 1 < t_.size() && t_[pos_ + 1] == '"') {
          cell += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        return true;
      }
      if (c == '\n') ++line_;
      cell += c;
      ++pos_;
    }
    return false;
  }

  bool at_line_end() const {
    return t_[pos_] == '\n' || (t_[pos_] == '\r' && pos_ + 1 < t_.size() && t_[pos_ + 1] == '\n');
  }
  void consume_line_end() {
    pos_ += t_[pos_] == '\r' ? std::size_t{2} : std::size_t{1};
    ++line_;
  }
  void skip_rest_of_line() {
    const auto nl = t_.find('\n', pos_);
    pos_ = nl == std::string_view::npos ? t_.size() : nl + 1;
    ++line_;
  }
  void restart_after_line_of(std::size_t start, std::size_t start_line) {
    const auto nl = t_.find('\n', start);
    pos_ = nl == std::string_view::npos ? t_.size() : nl + 1;
    line_ = start_line + 1;
  }
  void skip_blank_lines() {
    while (pos_ < t_.size()) {
      std::size_t p = pos_;
      while (p < t_.size() && (t_[p] == ' ' || t_[p] == '\t' || t_[p] == '\r')) ++p;
      if (p < t_.size() && t_[p] != '\n') return;
      pos_ = p < t_.size() ? p + 1 : p;
      if (p < t_.size()) ++line_;
    }
  }

  std::string_view t_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace

Result<CsvDataset> parse_dataset_csv(std::string_view text) {
  Reader reader(text);
  Record header;
  if (!reader.next(header)) return make_error("dataset.csv.empty", "the CSV has no header row (key,<field>,...)");
  if (!header.problem.empty()) return make_error("dataset.csv.header", "the header row: " + header.problem);
  if (header.cells.empty() || trim(header.cells[0]) != "key") {
    return make_error("dataset.csv.header", "the header row must start with the column \"key\"");
  }
  CsvDataset out;
  std::set<std::string> seen_fields;
  for (std::size_t i = 1; i < header.cells.size(); ++i) {
    std::string f = trim(header.cells[i]);
    if (f.empty() || f == "key" || !valid_utf8(f) || !seen_fields.insert(f).second) {
      return make_error("dataset.csv.header", "header column " + std::to_string(i + 1) + " is empty, repeated or not UTF-8");
    }
    out.fields.push_back(std::move(f));
  }
  std::map<std::string, std::size_t> first_line;
  Record r;
  while (reader.next(r)) {
    auto reject = [&](const char* id, std::string why) { out.rejected.push_back({r.line, id, std::move(why)}); };
    if (!r.problem.empty()) {
      reject("csv.quote", r.problem);
      continue;
    }
    if (r.cells.size() != header.cells.size()) {
      reject("csv.columns", std::to_string(r.cells.size()) + " cells where the header has " +
                                std::to_string(header.cells.size()));
      continue;
    }
    bool utf8 = true;
    for (const auto& c : r.cells) utf8 = utf8 && valid_utf8(c);
    if (!utf8) {
      reject("csv.encoding", "the record is not valid UTF-8");
      continue;
    }
    const std::string key = trim(r.cells[0]);
    if (key.empty()) {
      reject("csv.key.empty", "the key cell is empty");
      continue;
    }
    if (auto [it, fresh] = first_line.emplace(key, r.line); !fresh) {
      reject("csv.key.duplicate", "the key repeats the record on line " + std::to_string(it->second));
      continue;
    }
    json::Object record;
    for (std::size_t i = 1; i < r.cells.size(); ++i) {
      if (!r.cells[i].empty()) record.emplace_back(out.fields[i - 1], r.cells[i]);
    }
    out.records.emplace(key, std::move(record));
  }
  return out;
}

}  // namespace zhishen::server
