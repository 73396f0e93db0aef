// Running a query against the index and collecting what the printers show.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "newsdex/article.h"
#include "newsdex/identity.h"
#include "newsdex/facets.h"
#include "newsdex/histogram.h"
#include "newsdex/query.h"
#include "newsdex/snippet.h"

namespace newsdex {

// date: newest first; date_asc: oldest first (ties by id either way,
// undated articles last when newest first and first when oldest first).
enum class SortOrder { relevance, date, date_asc };

// What a search does with near-duplicate articles (duplicates.h): collapse
// shows one article per duplicate group (the best ranked), with the number
// of its group's other matches; show lists every matching article.
enum class DuplicateMode { collapse, show };

struct SearchOptions {
  std::vector<std::string> db_paths;  // searched as one database
  std::string query;
  QueryOptions query_options;
  // Every article matches an empty query (or "*", with or without this);
  // without it an empty query matches nothing.
  bool match_all = false;
  SortOrder sort = SortOrder::relevance;
  Xapian::doccount offset = 0;
  Xapian::doccount limit = 10;
  DuplicateMode duplicates = DuplicateMode::collapse;
  // Not empty: only the articles of this article id's duplicate group (the
  // article itself included; only it when it has no near-duplicate) that
  // also match `query`, which may then be empty; duplicates are shown. An
  // id the archive does not hold is a QueryError.
  std::string duplicates_of;
  bool facets = false;              // count entities over the matches
  Xapian::doccount facet_limit = 10;  // values shown per entity type
  // Facets count every match when there are at most this many; beyond,
  // they count the first matches in docid order of each shard, up to this
  // many in all (the shards share it; at least one match a shard). Also
  // the number of matches up to which the total is exact.
  Xapian::doccount facet_depth = 10000;
  // More like this: the id of an article. The results are then the
  // articles most like it (the query like:ID, query.h), itself left out,
  // among the matches of `query` (which only restricts them: any filters
  // and words; empty: the whole archive). A QueryError when there is no
  // article of that id.
  std::string like;
  // Did you mean: when the query has at most this many matches, a
  // corrected query (its misspelled words replaced) is looked for, and
  // offered when it has more matches, at least twice as many
  // (SearchResponse::suggestion). 0: never.
  Xapian::doccount suggest_below = 3;
  // Top words: this many words unusually frequent in the matches compared
  // with the archive (SearchResponse::top_words), over the first
  // top_words_sample matches in `sort` order. 0: none.
  std::size_t top_words = 0;
  Xapian::doccount top_words_sample = 500;
  HighlightStyle snippet_style;     // marks for snippets
  HighlightStyle title_style;       // marks for titles (no marks, no escaping: the title as stored)
  SnippetOptions snippet;
  // Also count every match by period (SearchResponse::histogram), exactly:
  // in the facet pass when that covers every match, else in a pass of its
  // own over all of them.
  std::optional<Interval> histogram;
};

struct SearchResult {
  Xapian::doccount rank = 0;  // 1-based, counting from the first match
  double score = 0;
  Article article;            // as stored (body included)
  std::string title;          // title with title_style marks
  std::string snippet;        // with snippet_style marks
  // Matching articles of its duplicate group collapsed into this result
  // (DuplicateMode::collapse; 0 otherwise): exact when the total is, else
  // those among the ranked matches looked at to fill the page (a lower
  // bound).
  Xapian::doccount duplicates = 0;
  // Its duplicate group in the archive: the key (the representative's id;
  // "" when it has no near-duplicate) and its number of articles (1 then).
  std::string group;
  Xapian::doccount group_size = 1;
};

// A corrected query (SearchOptions::suggest_below).
struct Suggestion {
  std::string query;           // the query as written, misspelled words replaced
  Xapian::doccount total = 0;  // its matches, counted as SearchResponse::total
  bool total_exact = false;
};

// A word or two-word phrase unusually frequent in the matches
// (SearchOptions::top_words).
struct TopWord {
  std::string word;               // as most often written in the matches (normalised: lower case)
  std::string term;               // the term it is indexed as (its stem); a phrase: its two stems, a space between
  bool phrase = false;            // two words
  Xapian::doccount matches = 0;   // matches of the sample that hold it
  Xapian::doccount archive = 0;   // articles of the archive that hold it
  double score = 0;               // JLH significance, higher first
};

struct SearchResponse {
  std::string query;
  // How the query was read otherwise than written (ParsedQuery::warnings).
  std::vector<std::string> warnings;
  // Number of results: matching articles, or, when duplicates are
  // collapsed (collapsed), matching duplicate groups (an article in no
  // group counts as one). Exact (total_exact) whenever there are at most
  // SearchOptions::facet_depth matching articles (Xapian is asked to check
  // that many), else Xapian's estimate.
  Xapian::doccount total = 0;
  bool total_exact = false;
  bool collapsed = false;
  // Matching articles, duplicates included (equal to total unless
  // collapsed); exact as total is.
  Xapian::doccount articles = 0;
  bool articles_exact = false;
  std::vector<SearchResult> results;
  // Entity type -> values ordered by count, then name (only when
  // options.facets; every type of kEntityTypes). Facets count articles,
  // duplicates included, never groups.
  std::map<EntityType, std::vector<FacetValue>> facets;
  // Sources (as written), languages (Article::language codes; articles
  // of unknown language not counted) and years ("1987") over the same
  // matches as the entity facets, ordered the same way (only when
  // options.facets).
  std::vector<FacetValue> source_facets;
  std::vector<FacetValue> language_facets;
  std::vector<FacetValue> year_facets;
  // The publisher's topics (Article::topics, as given; an article's first
  // schema::kTopicFacetValues counted) over the same matches, ordered the
  // same way (only when options.facets).
  std::vector<FacetValue> topic_facets;
  Xapian::doccount facet_docs = 0;  // matches the facet counts cover
  bool facets_exact = false;        // facet_docs is every match
  // When options.histogram: every match by period (total and total_exact
  // then count every match too).
  std::optional<Histogram> histogram;
  // SearchOptions::like, when given.
  std::string like;
  // A corrected query with more matches, when the query has few.
  std::optional<Suggestion> suggestion;
  // Top words, most significant first (when asked for), and the number of
  // matches they were counted over (the best ones).
  std::vector<TopWord> top_words;
  Xapian::doccount top_words_sample = 0;
  Xapian::doccount archive_docs = 0;  // articles in the archive (with top words)
};

// Parses `query` as run_search does: with the archive's entity names
// (DatabaseEntityNames of `db`) and its articles for like:ID, and as
// Xapian::Query::MatchAll when it is "*", or empty and `match_all`; the
// words analysed for options.languages, or when that is empty for the
// archive's languages (archive_languages). Throws QueryError, and
// Xapian::Error from reading `db`.
ParsedQuery parse_archive_query(const Xapian::Database& db, std::string_view query, const QueryOptions& options,
                                bool match_all);

// The languages of the archive's articles, as QueryOptions::languages
// takes them: each language that has a `lang:` term (Article::language),
// the shards' union, plus "" when some article has no language. Read from
// the terms, so it is always what the archive holds (deleted articles'
// languages go with them). Throws Xapian::Error as the database's other
// reads do (read_consistently retries a revision that changed under it).
std::vector<std::string> archive_languages(const Xapian::Database& db);

// The archive's entity names (EntityNames) read from a database: its
// stored alias table and its entity filter terms. `db` must outlive it.
class DatabaseEntityNames final : public EntityNames {
 public:
  explicit DatabaseEntityNames(const Xapian::Database& db) : db_(db) {}
  std::optional<AliasTarget> resolve(EntityType type, std::string_view key) const override;
  std::vector<AliasTarget> complete(EntityType type, std::string_view prefix, std::size_t limit) const override;
  std::vector<AliasTarget> people_called(std::string_view surname, std::size_t limit) const override;

 private:
  const Xapian::Database& db_;
};

// A canonical entity of the archive, as --entity-list shows it.
struct ListedEntity {
  EntityType type = EntityType::misc;
  std::string name;             // display name
  Xapian::doccount articles = 0;
  std::vector<RawName> aliases; // the other names it goes by, most articles first
};

// Known entities of `type` whose normalised name starts with the
// normalised `prefix` (all when empty), by number of articles (then name),
// at most `limit`, with their display names and aliases. Throws DbError.
std::vector<ListedEntity> list_entities(const std::vector<std::string>& db_paths, EntityType type,
                                        const std::string& prefix, std::size_t limit);

struct EntityPageOptions {
  std::vector<std::string> db_paths;
  // "NAME" (any type: the one with most articles) or "TYPE:NAME"; any name
  // the entity goes by.
  std::string name;
  std::size_t related_limit = 10;  // co-occurring entities shown per type
  Xapian::doccount examples = 3;   // newest articles shown, with snippets
  HighlightStyle snippet_style;
  HighlightStyle title_style;
  SnippetOptions snippet;
};

// What newsdex-search --entity shows about one entity, over all its
// articles.
struct EntityPage {
  bool found = false;
  AliasTarget entity;            // canonical type and name
  std::string query;             // the query that finds its articles
  Xapian::doccount articles = 0;
  std::vector<RawName> aliases;  // the names it goes by in the archive, most articles first
  std::string first_date, last_date;  // YYYY-MM-DD of its oldest and newest dated article, or ""
  std::vector<std::pair<std::string, Xapian::doccount>> months;  // "YYYY-MM" -> articles, oldest first
  Xapian::doccount undated = 0;
  // Entities named in the most of its articles (itself left out), by type.
  std::map<EntityType, std::vector<FacetValue>> related;
  std::vector<SearchResult> examples;  // newest first
};

// The page of options.name. found is false when the archive knows no such
// entity. Throws DbError.
EntityPage entity_page(const EntityPageOptions& options);

// The article of id `id` as a search result (rank 0, score 0, no marks:
// title as stored, snippet empty), with its duplicate group; nullopt when
// the archive holds no article of that id. Throws DbError.
std::optional<SearchResult> find_article(const std::vector<std::string>& db_paths, const std::string& id);

// Runs options.query. Throws DbError (database missing or unreadable) and
// QueryError (the query does not parse). A database changed by a
// concurrent index run is reopened and the search retried.
SearchResponse run_search(const SearchOptions& options);

}  // namespace newsdex
