// Output of search results: one interface, text and JSON behind it, so a
// field added to SearchResponse is added to both in one place here.
#pragma once

#include <memory>
#include <ostream>

#include "newsdex/search.h"

namespace newsdex {

class Printer {
 public:
  virtual ~Printer() = default;
  // Writes the whole response: the results to `out`, diagnostics about
  // them (the query's warnings, for the text printer) to `err`.
  virtual void print(const SearchResponse& response, std::ostream& out, std::ostream& err) const = 0;
  // --entity-list: canonical entities with article counts and aliases.
  virtual void print(const std::vector<ListedEntity>& entities, std::ostream& out) const = 0;
  // --entity: one entity's page.
  virtual void print(const EntityPage& page, std::ostream& out) const = 0;
};

// Human-readable text. Search results: "Did you mean: QUERY? (N matches)"
// first when there is a suggestion; numbered results with date, source,
// path and snippet; entity line; facets when present; top words when
// asked for, one a line with the share of the matches and of the archive
// that hold it; a closing count line
// ("N matches" when exact, "about N matches" for an estimate). Each
// warning goes to `err` as one line "newsdex-search: warning: ...".
// Everything it writes from an article or the query passes through
// terminal_safe(), except SearchResult::title and ::snippet, which hold
// highlight marks: run_search must have made them with
// HighlightStyle::terminal_safe set (SearchOptions' title_style and
// snippet_style), as newsdex-search does in text mode (and the same for
// EntityPage examples). Entity lists: "COUNT<TAB>NAME" lines, then
// "<TAB>also: ALIAS (N), ..." when the entity has aliases. Entity pages:
// name, type, articles, dates, aliases, months, related entities, examples.
std::unique_ptr<Printer> make_text_printer();

// One JSON object: {"query", "warnings", "total", "total_exact",
// "results": [...], "like"?, "suggestion", "facets"?, "top_words"?,
// "top_words_sample"?, "archive_docs"?}; "warnings" is always there (an
// empty array when none), "suggestion" too ({"query", "total",
// "total_exact"}, or null); "like" with --like; "top_words" when asked for:
// [{"word", "term", "phrase", "matches", "archive", "score"}], counted over
// "top_words_sample" matches and "archive_docs" articles. Entity lists: [{"name", "articles", "aliases": [{"name",
// "type", "articles"}]}]. Entity pages: {"found", "name", "type", "query",
// "articles", "first_date", "last_date", "aliases", "months": [{"month",
// "articles"}], "undated", "related": {TYPE: [{"value", "count"}]},
// "examples": [results as in a search]}.
// Nothing is written to `err`.
std::unique_ptr<Printer> make_json_printer();

}  // namespace newsdex
