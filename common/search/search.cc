#include "newsdex/search.h"

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


// `shards` are db's shards, opened on their own (only used with facets).
SearchResponse search_once(Xapian::Database& db, Shards& shards, const SearchOptions& options) {
  SearchResponse response;
  response.query = options.query;
  const ParsedQuery parsed = parse_query(options.query, options.query_options);
  response.warnings = parsed.warnings;
  const Xapian::Query& query = parsed.query;

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
  // Ties are broken by id, not docid, so one database and its shards
  // (local or remote) rank alike.
  // Date order: newest first, ties by id, the same on every layout of
  // shards (see schema::kDateIdSlot).
  if (options.sort == SortOrder::date) {
    enquire.set_sort_by_value_then_relevance(schema::kDateIdSlot, true);
  } else {
    enquire.set_sort_by_relevance_then_value(schema::kIdSlot, false);
  }
  // Xapian counts every match up to checkatleast, so the total is exact
  // up to facet_depth and an estimate only beyond.
  const Xapian::doccount check = std::max<Xapian::doccount>(
      {options.facet_depth, options.offset + options.limit, 1});
  Xapian::MSet mset = enquire.get_mset(options.offset, options.limit, check);
  if (options.sort == SortOrder::relevance && mset.get_max_possible() == 0) {
    // Only filters (place:, date:, id:...): nothing to rank by relevance,
    // so newest first, as a news archive is read.
    enquire.set_sort_by_value_then_relevance(schema::kDateIdSlot, true);
    mset = enquire.get_mset(options.offset, options.limit, check);
  }
  response.total = mset.get_matches_estimated();
  response.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (options.facets) {
    // Passes of their own, unsorted (Xapian 1.4's remote backend over-counts
    // match spies when results are sorted by relevance then value), one per
    // shard: Xapian stops a boolean match after checkatleast documents only
    // on a single database. When there may be more matches than
    // facet_depth, the shards share it: each counts up to what is left
    // divided by the shards left, so the counts add up to at most
    // facet_depth (at least one match a shard).
    FacetCounter facets(std::vector<EntityType>(std::begin(kEntityTypes), std::end(kEntityTypes)),
                        shards.remote);
    const bool may_exceed = mset.get_matches_upper_bound() > options.facet_depth;
    Xapian::doccount left = options.facet_depth;
    bool exact = true;
    const std::size_t n = shards.databases.size();
    for (std::size_t k = 0; k < n; ++k) {
      const auto shards_left = static_cast<Xapian::doccount>(n - k);
      const Xapian::doccount quota =
          may_exceed ? std::max<Xapian::doccount>(1, left / shards_left) : options.facet_depth;
      Xapian::Enquire counting(shards.databases[k]);
      counting.set_query(query);
      counting.set_weighting_scheme(Xapian::BoolWeight());
      facets.attach(counting);
      const Xapian::doccount before = facets.documents();
      const Xapian::MSet all = counting.get_mset(0, 0, quota);
      const Xapian::doccount counted = facets.documents() - before;
      left -= std::min(left, counted);
      exact = exact && all.get_matches_lower_bound() == all.get_matches_upper_bound() &&
              counted == all.get_matches_lower_bound();
    }
    response.facets = facets.top(options.facet_limit);
    response.facet_docs = facets.documents();
    response.facets_exact = exact;
    if (response.facets_exact) {
      response.total = response.facet_docs;
      response.total_exact = true;
    }
  }

  const Highlighter highlighter(parsed, db);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    SearchResult r;
    r.rank = it.get_rank() + 1;
    r.score = it.get_weight();
    r.article = article_from_data(it.get_document().get_data());
    const HighlightStyle& ts = options.title_style;
    r.title = ts.start.empty() && ts.end.empty() && !ts.html_escape && !ts.terminal_safe
                  ? r.article.title
                  : highlighter.highlight(r.article.title, ts);
    const std::string& text = r.article.body.empty() ? r.article.title : r.article.body;
    r.snippet = highlighter.snippet(text, options.snippet_style, options.snippet);
    response.results.push_back(std::move(r));
  }
  return response;
}

}  // namespace

std::vector<FacetValue> list_entities(const std::vector<std::string>& db_paths, EntityType type,
                                      const std::string& prefix, std::size_t limit) {
  const std::string_view field_prefix = schema::entity_field(type).prefix;
  std::vector<FacetValue> found;
  read_consistently(db_paths, "reading " + describe_paths(db_paths), [&](Shards& shards) {
    const Xapian::Database db = shards.all();
    found.clear();
    const std::string term_prefix = std::string(field_prefix) + normalize_filter_value(prefix);
    std::vector<std::pair<std::string, Xapian::doccount>> terms;
    for (auto it = db.allterms_begin(term_prefix); it != db.allterms_end(term_prefix); ++it) {
      terms.emplace_back(*it, it.get_termfreq());
    }
    std::stable_sort(terms.begin(), terms.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (terms.size() > limit) terms.resize(limit);
    // The display name is the one an article containing the term gives.
    for (const auto& [term, count] : terms) {
      std::string name = term.substr(field_prefix.size());
      const Article a = article_from_data(db.get_document(*db.postlist_begin(term)).get_data());
      for (const Entity& e : a.entities) {
        if (e.type == type && entity_term(e.type, e.name) == term) {
          name = e.name;
          break;
        }
      }
      found.push_back({name, count});
    }
  });
  return found;
}

SearchResponse run_search(const SearchOptions& options) {
  SearchResponse response;
  read_consistently(options.db_paths, "searching " + describe_paths(options.db_paths), [&](Shards& shards) {
    Xapian::Database db = shards.all();
    response = search_once(db, shards, options);
  });
  return response;
}

}  // namespace newsdex
