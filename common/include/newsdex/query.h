// Parsing a user's query string into a Xapian::Query with the schema's
// fields, the shared analyzer and newsdex's date ranges.
#pragma once

#include <stdexcept>
#include <string>

#include <xapian.h>

namespace newsdex {

// A query the user must fix (unbalanced syntax, a malformed date range).
// what() is one line suitable for stderr.
struct QueryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct QueryOptions {
  // Operator between terms with no explicit operator.
  Xapian::Query::op default_op = Xapian::Query::OP_OR;
  // Most terms one trailing-* wildcard may expand to (the most frequent are
  // kept).
  Xapian::termcount max_wildcard_expansion = 1000;
  // Longest query accepted, in bytes, and most terms it may parse to (each
  // word, phrase word and filter counts once); longer queries are a
  // QueryError rather than a slow search. 0: no limit.
  std::size_t max_query_bytes = 10000;
  Xapian::termcount max_query_terms = 1000;
};

// Parses `query` in Xapian QueryParser syntax: words, "phrases", AND/OR/NOT,
// +/-, trailing * wildcards, the schema's field prefixes (title:, author:,
// source:, person:, place:, org:, misc:, entity:, id:) and date ranges
// `date:2025-10-01..2025-10-31` (either end may be empty; each end is a
// year, year-month, date or any form parse_date accepts; the end is
// inclusive to the end of its day, month or year). `db` is used for
// wildcard expansion and may be a default-constructed (empty) database.
// Throws QueryError for a query QueryParser rejects, a bad date range or a
// query over options' size limits.
Xapian::Query parse_query(const std::string& query, const QueryOptions& options,
                          const Xapian::Database& db);

// The value stored in schema::kDateSlot for t.
std::string date_slot_value(long long unix_time);

}  // namespace newsdex
