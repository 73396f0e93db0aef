// Output of search results: one interface, text and JSON behind it, so a
// field added to SearchResponse is added to both in one place here.
#pragma once

#include <memory>
#include <ostream>

#include "newsdex/export.h"
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
  // --queries: each query's count (and histogram).
  virtual void print(const std::vector<BatchCount>& counts, std::ostream& out) const = 0;
};

// How the text printer draws a histogram: bars fill at most `width`
// columns of a line; `unicode` draws them with block characters in eighths
// of a column, otherwise with '#' (plain ASCII).
struct TextChartStyle {
  std::size_t width = 80;
  bool unicode = false;
};

// Human-readable text. Search results: "Did you mean: QUERY? (N matches)"
// first when there is a suggestion; numbered results with date, source,
// path and snippet; entity line; for an article with near-duplicates, "+ N
// more like this, group of S near-duplicates (--duplicates-of KEY)"
// (collapsed) or "one of S near-duplicates (...)"; facets when present
// ("Entities in all N matching articles": facets count articles); top
// words when asked for, one a line with the share of the matches and of
// the archive that hold it; a closing count line ("N matches" when exact,
// "about N matches" for an estimate; when near-duplicates were collapsed,
// N counts groups and "(M articles: near-duplicates shown once)" follows
// when M differs). Each
// warning goes to `err` as one line "newsdex-search: warning: ...".
// Everything it writes from an article or the query passes through
// terminal_safe(), except SearchResult::title and ::snippet, which hold
// highlight marks: run_search must have made them with
// HighlightStyle::terminal_safe set (SearchOptions' title_style and
// snippet_style), as newsdex-search does in text mode (and the same for
// EntityPage examples). Entity lists: "COUNT<TAB>NAME" lines, then
// "<TAB>also: ALIAS (N), ..." when the entity has aliases. Entity pages:
// name, type, articles, dates, aliases, months, related entities, examples.
// Facets: a line per entity type, then "source:" and "year:". A histogram:
// "Matches per INTERVAL:" then one line per period, "PERIOD BAR COUNT",
// bars scaled to the largest count (a non-zero count has at least a
// sliver), then "undated COUNT" when there are undated matches.
// Query counts (--queries): CSV (RFC 4180, as export_matches writes it)
// with a header "query,count", then a column per period and "undated"
// when there are histograms; a query that failed has empty counts.
std::unique_ptr<Printer> make_text_printer(const TextChartStyle& chart = {});

// One JSON object: {"query", "warnings", "total", "total_exact",
// "total_counts" ("groups" when near-duplicates are collapsed, else
// "articles"), "articles", "articles_exact" (matching articles,
// near-duplicates included), "duplicates" ("collapse" or "show"),
// "results": [...], "like"?, "suggestion", "facets_count": "articles",
// "facet_docs", "facets_exact", "facets"?, "top_words"?,
// "top_words_sample"?, "archive_docs"?}; each result has "duplicates"
// (matches collapsed into it), "group" (its group key, null when it has no
// near-duplicate) and "group_size"; "warnings" is always there (an empty
// array when none), "suggestion" too ({"query", "total", "total_exact"}, or
// null); "like" with --like; "top_words" when asked for: [{"word", "term",
// "phrase", "matches", "archive", "score"}], counted over
// "top_words_sample" matches and "archive_docs" articles. Entity lists: [{"name", "articles", "aliases": [{"name",
// "type", "articles"}]}]. Entity pages: {"found", "name", "type", "query",
// "articles", "first_date", "last_date", "aliases", "months": [{"month",
// "articles"}], "undated", "related": {TYPE: [{"value", "count"}]},
// "examples": [results as in a search]}. A search's "facets" object holds
// the entity types, then "source" and "year"; with a histogram,
// "histogram": {"interval", "buckets": [{"period", "count"}], "undated",
// "total", "gaps_filled"}. Query counts: {"queries": [{"line", "query",
// "count", "histogram"?} or {"line", "query", "error"}]}.
// Nothing is written to `err`.
std::unique_ptr<Printer> make_json_printer();

// One article (find_article) as JSON: the object of a search result (as
// make_json_printer writes each of "results") with "body" added, the text
// as stored. Written the same way as the printers' output (one object,
// indented, a newline).
void print_article_json(const SearchResult& result, std::ostream& out);

}  // namespace newsdex
