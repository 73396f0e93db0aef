// Running a query against the index and collecting what the printers show.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "newsdex/article.h"
#include "newsdex/query.h"
#include "newsdex/snippet.h"

namespace newsdex {

enum class SortOrder { relevance, date };

struct SearchOptions {
  std::string db_path;
  std::string query;
  QueryOptions query_options;
  SortOrder sort = SortOrder::relevance;
  Xapian::doccount offset = 0;
  Xapian::doccount limit = 10;
  bool facets = false;              // count entities over all matches
  Xapian::doccount facet_limit = 10;  // values shown per entity type
  HighlightStyle snippet_style;     // marks for snippets
  HighlightStyle title_style;       // marks for titles (empty: none)
  SnippetOptions snippet;
};

struct SearchResult {
  Xapian::doccount rank = 0;  // 1-based, counting from the first match
  double score = 0;
  Article article;            // as stored (body included)
  std::string title;          // title with title_style marks
  std::string snippet;        // with snippet_style marks
};

struct FacetValue {
  std::string value;
  Xapian::doccount count = 0;
};

struct SearchResponse {
  std::string query;
  Xapian::doccount total = 0;  // estimated number of matches
  std::vector<SearchResult> results;
  // Entity type -> values ordered by count (only when options.facets).
  std::map<std::string, std::vector<FacetValue>> facets;
};

// Runs options.query. Throws DbError (database missing or unreadable) and
// QueryError (the query does not parse). A database changed by a
// concurrent index run is reopened and the search retried.
SearchResponse run_search(const SearchOptions& options);

}  // namespace newsdex
