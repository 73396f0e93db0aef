#include "newsdex/search.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <thread>
#include <unordered_map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>


#include "newsdex/analyzer.h"
#include "newsdex/database.h"
#include "newsdex/document.h"
#include "newsdex/identity_store.h"
#include "newsdex/schema.h"
#include "newsdex/text.h"
#include "suggest.h"
#include "terms.h"

namespace newsdex {

std::optional<AliasTarget> DatabaseEntityNames::resolve(EntityType type, std::string_view key) const {
  return find_alias(db_, type, key);
}

std::vector<AliasTarget> DatabaseEntityNames::complete(EntityType type, std::string_view prefix,
                                                       std::size_t limit) const {
  // Canonical names by their filter terms (a normalised name is its own
  // canonical form: normalize_filter_value is idempotent), then aliases.
  std::vector<std::pair<std::string, Xapian::doccount>> found;  // term, articles
  const std::string term_prefix = std::string(schema::entity_field(type).prefix) + std::string(prefix);
  const std::size_t skip = schema::entity_field(type).prefix.size();
  for (auto it = db_.allterms_begin(term_prefix); it != db_.allterms_end(term_prefix); ++it) {
    found.emplace_back(*it, it.get_termfreq());
  }
  std::vector<AliasTarget> out;
  std::set<std::string> terms;
  for (const auto& [term, n] : found) terms.insert(term);
  const std::string key_prefix =
      std::string(schema::kAliasKeyPrefix) + AliasTable::entry_key(type, entity_key(prefix));
  for (auto it = db_.metadata_keys_begin(key_prefix); it != db_.metadata_keys_end(key_prefix); ++it) {
    EntityType t;
    std::string key;
    if (!AliasTable::parse_entry_key(std::string_view(*it).substr(schema::kAliasKeyPrefix.size()), &t, &key)) continue;
    const std::optional<AliasTarget> target = find_alias(db_, t, key);
    if (!target || target->hidden()) continue;
    const std::string term = entity_term(target->type, target->name);
    if (terms.insert(term).second) found.emplace_back(term, db_.get_termfreq(term));
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [term, n] : found) {
    if (out.size() >= limit || n == 0) break;
    for (const schema::EntityField& f : schema::kEntityFields) {
      if (term.compare(0, f.prefix.size(), f.prefix) == 0 && (f.prefix.size() == skip || f.type != type)) {
        // The name as a value: the normalised form is its own term.
        out.push_back({f.type, term.substr(f.prefix.size())});
        break;
      }
    }
  }
  return out;
}

namespace {

// The display name of entity filter term `term` of `type`: the one an
// article holding the term gives (the term's own normalised name when
// none does).
std::string display_name(const Xapian::Database& db, EntityType type, const std::string& term) {
  const std::string_view prefix = schema::entity_field(type).prefix;
  auto post = db.postlist_begin(term);
  if (post != db.postlist_end(term)) {
    const Article a = article_from_data(db.get_document(*post).get_data());
    for (const Entity& ent : a.entities) {
      if (ent.type == type && entity_term(ent.type, ent.name) == term) return ent.name;
    }
  }
  return term.substr(prefix.size());
}

}  // namespace

std::vector<AliasTarget> DatabaseEntityNames::people_called(std::string_view surname, std::size_t limit) const {
  // Every canonical person's filter term is read: an ambiguous surname is
  // rare in queries, and the person terms are a small part of the terms.
  const std::string prefix(schema::entity_field(EntityType::person).prefix);
  const std::string tail = " " + std::string(surname);
  std::vector<std::pair<Xapian::doccount, std::string>> found;  // articles, term
  for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
    const std::string& term = *it;
    if (term.size() < prefix.size() + tail.size() + 1 || term.compare(term.size() - tail.size(), tail.size(), tail) != 0) {
      continue;
    }
    found.emplace_back(it.get_termfreq(), term);
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<AliasTarget> out;
  for (const auto& [n, term] : found) {
    if (out.size() >= limit) break;
    out.push_back({EntityType::person, display_name(db_, EntityType::person, term)});
  }
  return out;
}

namespace {

// The duplicate group of the article in `doc` (its key and size slots).
void set_group(SearchResult& r, const Xapian::Document& doc) {
  r.group = doc.get_value(schema::kDupGroupSlot);
  if (!r.group.empty()) {
    const std::string size = doc.get_value(schema::kDupSizeSlot);
    Xapian::doccount n = 0;
    std::from_chars(size.data(), size.data() + size.size(), n);
    r.group_size = std::max<Xapian::doccount>(n, 1);
  }
}


// The archive's terms, for leaving out readings that match nothing.
class DatabaseTerms final : public ArchiveTerms {
 public:
  explicit DatabaseTerms(const Xapian::Database& db) : db_(db) {}
  bool holds(const std::string& term) const override { return db_.term_exists(term); }

 private:
  const Xapian::Database& db_;
};

// The archive's articles, for like:ID.
class DatabaseArticles final : public SimilarArticles {
 public:
  explicit DatabaseArticles(const Xapian::Database& db) : db_(db) {}
  Xapian::Query like(const std::string& id, std::vector<std::string>& stems) const override {
    return like_query(db_, id, kLikeTerms, stems);
  }

 private:
  const Xapian::Database& db_;
};

}  // namespace

ParsedQuery parse_archive_query(const Xapian::Database& db, std::string_view query, const QueryOptions& options,
                                bool match_all) {
  const std::string_view q = trim(query);
  if (q == "*" || (q.empty() && match_all)) {
    ParsedQuery all;
    all.query = Xapian::Query::MatchAll;
    return all;
  }
  const DatabaseEntityNames names(db);
  const DatabaseArticles articles(db);
  const DatabaseTerms terms(db);
  QueryOptions with_names = options;
  with_names.entity_names = &names;
  with_names.similar = &articles;
  with_names.archive_terms = &terms;
  if (with_names.languages.empty()) with_names.languages = archive_languages(db);
  return parse_query(query, with_names);
}

std::vector<std::string> archive_languages(const Xapian::Database& db) {
  std::vector<std::string> languages;
  const std::string prefix(schema::prefix_of("lang"));
  Xapian::doccount with_language = 0;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    languages.push_back((*t).substr(prefix.size()));
    with_language += t.get_termfreq();
  }
  if (with_language < db.get_doccount()) languages.emplace_back();
  return languages;
}

namespace {

// Articles per year of a day count, limited and ordered as facets are.
std::vector<FacetValue> year_values(const std::map<std::uint32_t, Xapian::doccount>& days, std::size_t limit) {
  std::vector<FacetValue> values;
  for (const HistogramBucket& b : make_histogram(days, 0, Interval::year).buckets) {
    if (b.count > 0) values.push_back({b.period, b.count});
  }
  return top_facet_values(std::move(values), limit);
}

// The query to run: the parsed query, or with SearchOptions::like the
// articles like that one among its matches. `parsed` receives the like
// terms as stems to highlight.
Xapian::Query effective_query(const Xapian::Database& db, const SearchOptions& options, ParsedQuery& parsed) {
  if (options.like.empty()) return parsed.query;
  Xapian::Query like = like_query(db, options.like, kLikeTerms, parsed.stems);
  if (parsed.query.empty()) return like;
  return Xapian::Query(Xapian::Query::OP_FILTER, like, parsed.query);
}

// The matches of `query`, counted as SearchResponse::total counts them:
// exactly up to `check`.
std::pair<Xapian::doccount, bool> count_matches(const Xapian::Database& db, const Xapian::Query& query,
                                                Xapian::doccount check) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet mset = enquire.get_mset(0, 0, check);
  return {mset.get_matches_estimated(), mset.get_matches_lower_bound() == mset.get_matches_upper_bound()};
}

// Did you mean: the query with its misspelled words replaced, when that
// has more matches than `total`, at least twice as many.
std::optional<Suggestion> suggest(const Xapian::Database& db, const SearchOptions& options,
                                  const ParsedQuery& parsed, Xapian::doccount total, Xapian::doccount check) {
  const std::string corrected = corrected_query(db, options.query, parsed);
  if (corrected.empty()) return std::nullopt;
  ParsedQuery again;
  try {
    again = parse_archive_query(db, corrected, options.query_options, false);
  } catch (const QueryError&) {
    return std::nullopt;  // over a size limit: the words only grew
  }
  const auto [found, exact] = count_matches(db, again.query, check);
  if (found <= total || found < 2 * total) return std::nullopt;
  return Suggestion{corrected, found, exact};
}

// `shards` are db's shards, opened on their own (only used with facets).
SearchResponse search_once(Xapian::Database& db, Shards& shards, const SearchOptions& options) {
  SearchResponse response;
  response.query = options.query;
  response.like = options.like;
  ParsedQuery parsed;
  // --like or --duplicates-of with no query: the articles like it, or its
  // group, in the whole archive.
  if (!options.query.empty() || options.match_all || (options.like.empty() && options.duplicates_of.empty())) {
    parsed = parse_archive_query(db, options.query, options.query_options, options.match_all);
  }
  response.warnings = parsed.warnings;
  if (!options.duplicates_of.empty()) {
    // The group of an article: the articles sharing its group key, or the
    // article alone.
    const std::string term = id_term(options.duplicates_of);
    auto pl = db.postlist_begin(term);
    if (pl == db.postlist_end(term)) throw QueryError("no article with id '" + options.duplicates_of + "'");
    const std::string key = db.get_document(*pl).get_value(schema::kDupGroupSlot);
    const Xapian::Query group = key.empty() ? Xapian::Query(term)
                                            : Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDupGroupSlot, key, key);
    parsed.query = parsed.query.empty() ? group : Xapian::Query(Xapian::Query::OP_FILTER, parsed.query, group);
  }
  const Xapian::Query query = effective_query(db, options, parsed);
  const bool collapse = options.duplicates == DuplicateMode::collapse && options.duplicates_of.empty();

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  // BM25 with k1 1.2 and length normalisation b 0.5 (Xapian's own
  // default b): news articles vary in length because stories do, not
  // because a long one repeats itself, and b 0.5 ranks better than 0.75
  // on both judged collections of bench/relevance (bench/README.md).
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.5, 0.5));
  // Ties are broken by id, not docid, so one database and its shards
  // (local or remote) rank alike.
  // Date order: newest first, ties by id, the same on every layout of
  // shards (see schema::kDateIdSlot).
  if (options.sort == SortOrder::date) {
    enquire.set_sort_by_value_then_relevance(schema::kDateIdSlot, true);
  } else if (options.sort == SortOrder::date_asc) {
    enquire.set_sort_by_value_then_relevance(schema::kDateIdSlot, false);
  } else {
    enquire.set_sort_by_relevance_then_value(schema::kIdSlot, false);
  }
  // Xapian counts every match up to checkatleast, so the total is exact
  // up to facet_depth and an estimate only beyond.
  const Xapian::doccount check = std::max<Xapian::doccount>(
      {options.facet_depth, options.offset + options.limit, 1});
  // The page. Collapsing keeps the best ranked article of each duplicate
  // group (articles without a group key are never collapsed) and happens
  // here, over the ranked matches up to the page's last group, not through
  // Xapian's collapse key, which reads the key of every match it weighs:
  // few articles have one, and a page needs only a few matches more than
  // it shows. `collapsed` counts the group's articles passed over in that
  // window; `seen_docs`/`seen_groups` are the window's articles and groups.
  struct Shown {
    Xapian::MSetIterator it;
    Xapian::doccount rank;
    Xapian::doccount collapsed;
  };
  Xapian::MSet mset;
  std::vector<Shown> page;
  Xapian::doccount seen_docs = 0, seen_groups = 0;
  auto rank_page = [&] {
    page.clear();
    if (!collapse) {
      mset = enquire.get_mset(options.offset, options.limit, check);
      for (auto it = mset.begin(); it != mset.end(); ++it) page.push_back({it, it.get_rank() + 1, 0});
      return;
    }
    constexpr std::size_t kNotShown = static_cast<std::size_t>(-1);
    Xapian::doccount window = options.offset + options.limit + std::max<Xapian::doccount>(options.limit, 10);
    for (;;) {
      mset = enquire.get_mset(0, window, check);
      page.clear();
      std::unordered_map<std::string, std::size_t> seen;  // group key -> its place in page, or kNotShown
      Xapian::doccount groups = 0;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const bool shown = groups >= options.offset && page.size() < options.limit;
        std::string key = it.get_document().get_value(schema::kDupGroupSlot);
        if (!key.empty()) {
          const auto [pos, fresh] = seen.emplace(std::move(key), shown ? page.size() : kNotShown);
          if (!fresh) {
            if (pos->second != kNotShown) ++page[pos->second].collapsed;
            continue;
          }
        }
        if (shown) page.push_back({it, groups + 1, 0});
        ++groups;
      }
      seen_docs = mset.size();
      seen_groups = groups;
      // Done when the page is full (its groups' later members are counted
      // as far as the window goes) or every match was seen.
      if (page.size() >= options.limit || mset.size() < window) return;
      window *= 4;
    }
  };
  // Only filters (place:, date:, id:...): nothing to rank by relevance,
  // so newest first, as a news archive is read. On local shards the
  // highest weight a match can have is known before any match is examined
  // (get_mset with checkatleast 0 only opens the posting lists), so the
  // page is ranked once; with a remote shard that would be one more round
  // trip for every query, so the page ranked by relevance tells.
  const auto rank_by_date = [&] { enquire.set_sort_by_value_then_relevance(schema::kDateIdSlot, true); };
  if (options.sort == SortOrder::relevance && !shards.remote &&
      enquire.get_mset(0, 0, Xapian::doccount{0}).get_max_possible() == 0) {
    rank_by_date();
  }
  rank_page();
  if (options.sort == SortOrder::relevance && shards.remote && mset.get_max_possible() == 0) {
    rank_by_date();
    rank_page();
  }
  response.collapsed = collapse;
  response.articles = mset.get_matches_estimated();
  response.articles_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  response.total = response.articles;
  response.total_exact = response.articles_exact;
  if (collapse) {
    // Groups: exact when the window saw every match, else the window's
    // share of groups among its articles, applied to the estimate.
    if (response.articles_exact && seen_docs >= response.articles) {
      response.total = seen_groups;
    } else if (seen_docs > 0) {
      response.total = static_cast<Xapian::doccount>(static_cast<double>(response.articles) * seen_groups / seen_docs);
      response.total_exact = false;
    }
  }
  ValueCounter group_keys(schema::kDupGroupSlot, shards.remote);  // the facet passes' matches, collapsing
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
    SlotRunCounter topics(schema::kFirstTopicSlot, schema::kTopicFacetValues);
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
      facets.attach(counting, shards.databases[k]);
      topics.attach(counting, db);
      if (collapse) group_keys.attach(counting);
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
    response.source_facets = facets.sources(options.facet_limit);
    response.language_facets = facets.languages(options.facet_limit);
    response.topic_facets = topics.top(options.facet_limit);
    const DayCounts day_counts = facets.days();
    response.year_facets = year_values(day_counts.days, options.facet_limit);
    if (response.facets_exact) {
      response.articles = response.facet_docs;
      response.articles_exact = true;
      if (!collapse) {
        response.total = response.facet_docs;
        response.total_exact = true;
      }
      if (options.histogram) {
        // The facet pass saw every match: no second pass.
        response.histogram = make_histogram(day_counts.days, day_counts.undated(), *options.histogram);
      }
    }
  }
  // Collapsing, the page's window counts groups (and each shown group's
  // articles) exactly only when it saw every match. Every matching
  // article's group key, counted, gives them: the articles without a key
  // plus one per key (a ValueCounter: Xapian's built-in spy when a shard is
  // remote). The facet passes count them when they see every match;
  // otherwise, when there are at most `check` matching articles, a pass of
  // its own does. Beyond, the total is an estimate.
  const ValueCounter* group_counts = nullptr;  // every matching article's group key, when counted
  std::optional<ValueCounter> own_keys;
  if (collapse && !response.total_exact) {
    if (options.facets && response.facets_exact) {
      group_counts = &group_keys;
    } else if (mset.get_matches_upper_bound() <= check) {
      Xapian::Enquire counting(db);
      counting.set_query(query);
      counting.set_weighting_scheme(Xapian::BoolWeight());
      own_keys.emplace(schema::kDupGroupSlot, shards.remote);
      own_keys->attach(counting);
      const Xapian::MSet all = counting.get_mset(0, 0, check);
      if (all.get_matches_lower_bound() == all.get_matches_upper_bound() &&
          own_keys->documents() == all.get_matches_lower_bound()) {
        group_counts = &*own_keys;
      }
    }
    if (group_counts) {
      const auto [groups, grouped] = group_counts->distinct_and_holding();
      response.articles = group_counts->documents();
      response.articles_exact = true;
      response.total = group_counts->documents() - grouped + groups;
      response.total_exact = true;
    }
    response.total = std::min(response.total, response.articles);
  }
  if (options.histogram && !response.histogram) {
    const DayCounts counts = count_days(db, query, shards.remote);
    response.histogram = make_histogram(counts.days, counts.undated(), *options.histogram);
    response.articles = counts.documents;
    response.articles_exact = true;
    if (!collapse) {
      response.total = counts.documents;
      response.total_exact = true;
    }
  }

  // A correction is offered for a query of its own, not for --like's
  // restriction.
  if (options.suggest_below > 0 && options.like.empty() && response.total <= options.suggest_below &&
      !parsed.words.empty()) {
    response.suggestion = suggest(db, options, parsed, response.total, check);
  }
  if (options.top_words > 0) {
    if (collapse) enquire.set_collapse_key(schema::kDupGroupSlot);  // a group's words count once
    const Xapian::MSet sample = enquire.get_mset(0, options.top_words_sample);
    response.top_words = top_words(db, sample, options.top_words, parsed.stems);
    response.top_words_sample = sample.size();
    response.archive_docs = db.get_doccount();
  }

  const Highlighter highlighter(parsed, db);
  for (const Shown& shown : page) {
    const Xapian::MSetIterator& it = shown.it;
    SearchResult r;
    r.rank = shown.rank;
    r.score = it.get_weight();
    const Xapian::Document doc = it.get_document();
    r.article = article_from_data(doc.get_data());
    set_group(r, doc);
    r.duplicates = shown.collapsed;
    if (group_counts && collapse && !r.group.empty()) {
      if (const Xapian::doccount n = group_counts->count(r.group); n > 0) r.duplicates = std::max(r.duplicates, n - 1);
    }
    // Its words matched as its article was indexed: in its own language.
    const Analyzer& article_language = analyzer_for(r.article.language);
    const HighlightStyle& ts = options.title_style;
    r.title = ts.start.empty() && ts.end.empty() && !ts.html_escape && !ts.terminal_safe
                  ? r.article.title
                  : highlighter.highlight(r.article.title, ts, &article_language);
    const std::string& text = r.article.body.empty() ? r.article.title : r.article.body;
    r.snippet = highlighter.snippet(text, options.snippet_style, options.snippet, &article_language);
    response.results.push_back(std::move(r));
  }
  return response;
}

}  // namespace

std::vector<ListedEntity> list_entities(const std::vector<std::string>& db_paths, EntityType type,
                                        const std::string& prefix, std::size_t limit) {
  const std::string_view field_prefix = schema::entity_field(type).prefix;
  std::vector<ListedEntity> found;
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
    for (const auto& [term, count] : terms) {
      ListedEntity e;
      e.type = type;
      e.name = display_name(db, type, term);
      e.articles = count;
      e.aliases = find_entity_aliases(db, AliasTarget{type, e.name}).aliases;
      found.push_back(std::move(e));
    }
  });
  return found;
}

namespace {

// Strips the characters a quoted query value cannot hold.
std::string quotable(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c != '"') out.push_back(c);
  }
  return out;
}

}  // namespace

EntityPage entity_page(const EntityPageOptions& options) {
  EntityPage page;
  read_consistently(options.db_paths, "reading " + describe_paths(options.db_paths), [&](Shards& shards) {
    Xapian::Database db = shards.all();
    page = EntityPage{};
    // The entity: TYPE:NAME, or the type under which NAME has most articles.
    std::string_view name = options.name;
    std::vector<EntityType> types(std::begin(kEntityTypes), std::end(kEntityTypes));
    if (const std::size_t colon = name.find(':'); colon != std::string_view::npos) {
      if (const auto t = entity_type_named(name.substr(0, colon))) {
        types = {*t};
        name.remove_prefix(colon + 1);
      }
    }
    // TYPE:"NAME", as the page's own query writes it.
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    const std::string key = entity_key(name);
    if (key.empty()) return;
    const DatabaseEntityNames names(db);
    Xapian::doccount best = 0;
    for (EntityType t : types) {
      // A name without an entry of its own is its own entity, written as
      // given or as its key says ("the SEC" is "SEC").
      std::vector<AliasTarget> targets{{t, std::string(name)}, {t, key}};
      if (const auto alias = names.resolve(t, key)) {
        if (alias->hidden()) continue;
        targets = {*alias};
      }
      for (const AliasTarget& target : targets) {
        const Xapian::doccount n = db.get_termfreq(entity_term(target.type, target.name));
        if (n > best) {
          best = n;
          page.entity = target;
        }
      }
    }
    // A surname no article writes alone is the archive's one person of
    // that surname, as person:SURNAME is ("de Clercq": Willy de Clercq).
    if (best == 0 && std::find(types.begin(), types.end(), EntityType::person) != types.end()) {
      const std::vector<AliasTarget> people = names.people_called(normalize_filter_value(name), 2);
      if (people.size() == 1) {
        page.entity = people.front();
        best = db.get_termfreq(entity_term(page.entity.type, page.entity.name));
      }
    }
    if (best == 0) return;
    page.found = true;
    page.articles = best;
    // Its display name as its articles give it, and the names it goes by.
    const std::string term = entity_term(page.entity.type, page.entity.name);
    const Article sample = article_from_data(db.get_document(*db.postlist_begin(term)).get_data());
    for (const Entity& e : sample.entities) {
      if (entity_term(e.type, e.name) == term) page.entity.name = e.name;
    }
    page.aliases = find_entity_aliases(db, page.entity).aliases;
    page.query = std::string(name_of(page.entity.type)) + ":\"" + quotable(page.entity.name) + "\"";

    // Its articles: newest first with snippets, and every one counted for
    // related entities (SearchOptions::facet_depth covers them all).
    SearchOptions search;
    search.query = page.query;
    search.sort = SortOrder::date;
    search.duplicates = DuplicateMode::show;  // the page counts articles
    search.limit = options.examples;
    search.facets = true;
    search.facet_limit = options.related_limit + 1;
    search.facet_depth = std::max<Xapian::doccount>(best, 1);
    search.snippet_style = options.snippet_style;
    search.title_style = options.title_style;
    search.snippet = options.snippet;
    SearchResponse r = search_once(db, shards, search);
    page.examples = std::move(r.results);
    for (auto& [type, values] : r.facets) {
      std::vector<FacetValue>& out = page.related[type];
      for (FacetValue& v : values) {
        if (type == page.entity.type && entity_term(type, v.value) == term) continue;
        if (out.size() < options.related_limit) out.push_back(std::move(v));
      }
    }

    // Articles per month, from the date slot of every article (a built-in
    // spy: remote shards count too).
    Xapian::ValueCountMatchSpy dates(schema::kDateSlot);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(term));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.add_matchspy(&dates);
    enquire.get_mset(0, 0, db.get_doccount());
    std::map<std::string, Xapian::doccount> months;
    Xapian::doccount dated = 0;
    for (auto it = dates.values_begin(); it != dates.values_end(); ++it) {
      const std::string v = *it;  // YYYYMMDDhhmmss
      if (v.size() < 8) continue;
      months[v.substr(0, 4) + "-" + v.substr(4, 2)] += it.get_termfreq();
      dated += it.get_termfreq();
      const std::string day = v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2);
      if (page.first_date.empty() || day < page.first_date) page.first_date = day;
      if (page.last_date.empty() || day > page.last_date) page.last_date = day;
    }
    page.months.assign(months.begin(), months.end());
    page.undated = best > dated ? best - dated : 0;
  });
  return page;
}

SearchResponse run_search(const SearchOptions& options) {
  SearchResponse response;
  read_consistently(options.db_paths, "searching " + describe_paths(options.db_paths), [&](Shards& shards) {
    Xapian::Database db = shards.all();
    response = search_once(db, shards, options);
  });
  return response;
}

std::optional<SearchResult> find_article(const std::vector<std::string>& db_paths, const std::string& id) {
  std::optional<SearchResult> found;
  read_consistently(db_paths, "reading " + describe_paths(db_paths), [&](Shards& shards) {
    found.reset();
    const Xapian::Database db = shards.all();
    const std::string term = std::string(schema::kIdPrefix) + id;
    const Xapian::PostingIterator it = db.postlist_begin(term);
    if (id.empty() || it == db.postlist_end(term)) return;
    const Xapian::Document doc = db.get_document(*it);
    SearchResult r;
    r.rank = 0;
    r.article = article_from_data(doc.get_data());
    r.title = r.article.title;
    set_group(r, doc);
    found = std::move(r);
  });
  return found;
}

}  // namespace newsdex
