#include "bulk.hpp"

namespace zhishen::store {
namespace {

// Up to kExactRows rows go in one statement of exactly that many rows (the small batches of a
// lightly loaded server: one round trip per table); larger ones in chunks of 32, 16 and 8 rows
// until the rest fits. At most kExactRows + 2 texts per table.
constexpr std::size_t kExactRows = 8;
constexpr std::size_t kMaxChunkRows = 32;

std::size_t chunk_rows(std::size_t rows) {
  if (rows <= kExactRows) return rows;
  std::size_t chunk = kMaxChunkRows;
  while (chunk > rows) chunk /= 2;
  return chunk;
}

std::string row_group(std::size_t width) {
  std::string g = "(";
  for (std::size_t i = 0; i < width; ++i) g += i ? ",?" : "?";
  return g + ")";
}

}  // namespace

void insert_rows(Connection& c, std::string_view head, std::size_t width, std::span<const SqlValue> values,
                 std::string_view tail) {
  if (width == 0 || values.size() % width != 0) throw StoreFault("store.io", "insert_rows: values do not fill the rows");
  const std::string group = row_group(width);
  std::size_t rows = values.size() / width;
  std::size_t at = 0;
  while (rows > 0) {
    const std::size_t chunk = chunk_rows(rows);
    std::string sql(head);
    for (std::size_t i = 0; i < chunk; ++i) {
      if (i) sql += ',';
      sql += group;
    }
    sql += tail;
    c.execute_later(sql, values.subspan(at * width, chunk * width));
    at += chunk;
    rows -= chunk;
  }
}

std::string in_list(std::vector<SqlValue>& params, std::span<const SqlValue> values) {
  if (values.empty()) throw StoreFault("store.io", "in_list: an empty IN list");
  std::size_t padded = 1;
  while (padded < values.size()) padded *= 2;
  std::string marks;
  for (std::size_t i = 0; i < padded; ++i) {
    marks += i ? ",?" : "?";
    params.push_back(values[i < values.size() ? i : values.size() - 1]);
  }
  return marks;
}

}  // namespace zhishen::store
