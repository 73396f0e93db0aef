// Taking everything out: every match of a query written as CSV or JSON
// Lines (--export), and the exact counts of many queries at once
// (--queries).
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "newsdex/histogram.h"
#include "newsdex/query.h"

namespace newsdex {

// A --fields list naming a field export does not know, or naming none.
// what() is one line naming the field and listing the known ones.
struct FieldListError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// The fields an export can write, in the order --help lists them: id,
// date, title, source, author, url, path, line, language, body, and
// entities.TYPE for each entity type (entities.person, ...).
std::vector<std::string> export_field_names();

// The fields of a comma-separated list ("id,date,title"), each checked
// against export_field_names(); spaces around names are ignored, repeats
// kept. Throws FieldListError.
std::vector<std::string> parse_field_list(std::string_view list);

enum class ExportFormat { csv, jsonl };

struct ExportOptions {
  std::vector<std::string> db_paths;  // searched as one database
  std::string query;                  // as run_search reads it (match_all too)
  QueryOptions query_options;
  bool match_all = false;             // SearchOptions::match_all
  ExportFormat format = ExportFormat::csv;
  std::vector<std::string> fields = {"id", "date", "title", "source", "url"};  // parse_field_list's names
  // Pass every field through terminal_safe() (for a terminal, not a file).
  bool terminal_safe = false;
};

// Writes every match of options.query to `out`, in index order (about the
// order articles were indexed), one article at a time as the matcher finds
// it: no result window, memory independent of the number of matches.
// CSV (RFC 4180): a header line of the field names, then one line per
// article, lines ending CRLF; a field holding a comma, a double quote, CR
// or LF is quoted, its quotes doubled; a date is ISO 8601 UTC, or empty;
// entities.TYPE is the names joined by "; ". JSON Lines: one object per
// line with the fields in the order asked (through the one JSON writer);
// date null when none, entities.TYPE an array of names, line a number.
// Returns the number of articles written. Throws FieldListError (an
// unknown field), QueryError, DbError (also when a database changes under
// an export that has already written articles: it cannot be restarted
// without writing them twice; run it again). Over remote shards the
// matches are read in pages (slower, still every match).
Xapian::doccount export_matches(const ExportOptions& options, std::ostream& out);

// Appends `value` as one RFC 4180 CSV field.
void append_csv_field(std::string& out, std::string_view value);

struct BatchOptions {
  std::vector<std::string> db_paths;
  QueryOptions query_options;
  std::optional<Interval> histogram;  // also count each query's matches by period
};

struct BatchQuery {
  std::size_t line = 0;  // 1-based line of the queries file
  std::string query;
};

struct BatchCount {
  BatchQuery query;
  std::string error;  // one line (QueryError::what()) when it did not parse; count is then 0
  Xapian::doccount count = 0;  // every match, exactly
  // When options.histogram: every query's buckets span the same periods
  // (from the first to the last dated match of any query), so they line up.
  std::optional<Histogram> histogram;
};

// The exact number of matches of each query (parsed as run_search parses
// them), in order, on one view of the database. A query that does not
// parse gets its error and the others go on. Throws DbError.
std::vector<BatchCount> count_queries(const BatchOptions& options, const std::vector<BatchQuery>& queries);

// The non-blank lines of a queries file, numbered from 1, trailing CR and
// surrounding white space removed.
std::vector<BatchQuery> read_query_lines(std::istream& in);

}  // namespace newsdex
