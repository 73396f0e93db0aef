#include "searcher.h"


#include "newsdex/database.h"
#include "newsdex/document.h"
#include "newsdex/schema.h"

namespace newsdex {

namespace {

// Attempts at a search while a concurrent writer keeps changing the index.
constexpr int kMaxAttempts = 5;

SearchResponse search_once(Xapian::Database& db, const SearchOptions& options) {
  SearchResponse response;
  response.query = options.query;
  const Xapian::Query query = parse_query(options.query, options.query_options, db);

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
  if (options.sort == SortOrder::date) {
    enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
  }
  const Xapian::MSet mset = enquire.get_mset(options.offset, options.limit);
  response.total = mset.get_matches_estimated();

  const Highlighter highlighter(query, db);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    SearchResult r;
    r.rank = it.get_rank() + 1;
    r.score = it.get_weight();
    r.article = article_from_data(it.get_document().get_data());
    r.title = options.title_style.start.empty() && !options.title_style.html_escape
                  ? r.article.title
                  : highlighter.highlight(r.article.title, options.title_style);
    const std::string& text = r.article.body.empty() ? r.article.title : r.article.body;
    r.snippet = highlighter.snippet(text, options.snippet_style, options.snippet);
    response.results.push_back(std::move(r));
  }
  return response;
}

}  // namespace

SearchResponse run_search(const SearchOptions& options) {
  Xapian::Database db = open_for_reading(options.db_path);
  const std::string context = "searching '" + options.db_path + "'";
  for (int attempt = 1;; ++attempt) {
    try {
      return search_once(db, options);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kMaxAttempts) rethrow_as_db_error(context);
      try {
        db.reopen();
      } catch (const Xapian::Error&) {
        rethrow_as_db_error(context);
      }
    } catch (const Xapian::Error&) {
      rethrow_as_db_error(context);
    }
  }
}

}  // namespace newsdex
