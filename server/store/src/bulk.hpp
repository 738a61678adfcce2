#pragma once
// Multi-row statements with a bounded number of distinct SQL texts. Each connection caches its
// prepared statements by text, so a batch of n rows must not mint a new text for every n:
//   insert_rows   sends up to 8 rows in one statement, more in chunks of 32 and 16 rows and then
//                 the rest (at most ten texts);
//   in_list       pads an IN list to the next power of two by repeating its last value (which
//                 changes nothing a membership test answers).
// Thread-safety: stateless; the Connection is the caller's.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "zhishen/store/sql.hpp"

namespace zhishen::store {

// Inserts rows of `width` values each (values.size() a multiple of width). `head` is
// "INSERT INTO t (a, b) VALUES " and `tail` what follows the rows (e.g. an upsert clause).
// Runs each statement through Connection::execute_later (a connection deferring writes sends them
// later); throws StoreFault as Connection::execute does.
void insert_rows(Connection& c, std::string_view head, std::size_t width, std::span<const SqlValue> values,
                 std::string_view tail = {});

// Appends `values` (at least one), padded, to `params` and returns "?,?,..." for them.
std::string in_list(std::vector<SqlValue>& params, std::span<const SqlValue> values);

}  // namespace zhishen::store
