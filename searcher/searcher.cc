#include "searcher.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <memory>
#include <optional>
#include <stdexcept>


#include "newsdex/analyzer.h"
#include "newsdex/database.h"
#include "newsdex/document.h"
#include "newsdex/schema.h"

namespace newsdex {

namespace {

// Attempts at a search while a concurrent writer keeps changing the index:
// Xapian keeps the revision a reader started from until the writer's next
// commit but one, so a slow search during frequent commits may need to
// start again. Waits between attempts grow from 1 ms to about 0.1 s.
constexpr int kMaxAttempts = 60;

// The entity types shown as facets.
constexpr const char* kFacetTypes[] = {"person", "place", "org"};

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
  std::optional<FacetCounter> facets;
  if (options.facets) {
    facets.emplace(std::vector<std::string>(std::begin(kFacetTypes), std::end(kFacetTypes)));
    facets->attach(enquire);
  }
  const Xapian::MSet mset =
      enquire.get_mset(options.offset, options.limit, options.facets ? options.facet_depth : 0);
  response.total = mset.get_matches_estimated();
  if (facets) {
    response.facets = facets->top(options.facet_limit);
    response.facet_docs = facets->documents();
    response.facets_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound() &&
                            response.facet_docs == mset.get_matches_lower_bound();
  }

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

std::vector<FacetValue> list_entities(const std::string& db_path, const std::string& type,
                                      const std::string& prefix, std::size_t limit) {
  const schema::Field* field = schema::find_field(type);
  if (field == nullptr || field->kind != schema::FieldKind::boolean || type == "id") {
    throw std::invalid_argument("unknown entity type '" + type + "' (use person, place, org or misc)");
  }
  Xapian::Database db = open_for_reading(db_path);
  std::vector<FacetValue> found;
  try {
    const std::string term_prefix = std::string(field->prefix) + normalize_filter_value(prefix);
    std::vector<std::pair<std::string, Xapian::doccount>> terms;
    for (auto it = db.allterms_begin(term_prefix); it != db.allterms_end(term_prefix); ++it) {
      terms.emplace_back(*it, it.get_termfreq());
    }
    std::stable_sort(terms.begin(), terms.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (terms.size() > limit) terms.resize(limit);
    // The display name is the one an article containing the term gives.
    for (const auto& [term, count] : terms) {
      std::string name = term.substr(field->prefix.size());
      const Article a = article_from_data(db.get_document(*db.postlist_begin(term)).get_data());
      for (const Entity& e : a.entities) {
        if (e.type == type && entity_term(e.type, e.name) == term) {
          name = e.name;
          break;
        }
      }
      found.push_back({name, count});
    }
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("reading '" + db_path + "'");
  }
  return found;
}

SearchResponse run_search(const SearchOptions& options) {
  Xapian::Database db = open_for_reading(options.db_path);
  const std::string context = "searching '" + options.db_path + "'";
  for (int attempt = 1;; ++attempt) {
    try {
      return search_once(db, options);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kMaxAttempts) rethrow_as_db_error(context);
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(100, 1 << std::min(attempt, 7))));
      // Open afresh rather than reopen(): after a rebuild or compaction the
      // stub names a new generation.
      db = open_for_reading(options.db_path);
    } catch (const Xapian::Error&) {
      rethrow_as_db_error(context);
    }
  }
}

}  // namespace newsdex
