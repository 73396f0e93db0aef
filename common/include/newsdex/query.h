// Parsing a user's query string into a Xapian::Query: newsdex's own parser,
// built on the analyzer's Tokenizer so that a query's words are exactly
// the words the indexer wrote (analyzer.h), with the schema's fields and
// date periods.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "newsdex/analyzer.h"

#include "newsdex/identity.h"

namespace newsdex {

// A query the user must fix: a date that is not a date, a range that ends
// before it starts, a query over QueryOptions' size limits, parentheses
// nested more than 100 deep. what() is one line suitable for stderr; it
// may quote the query (not terminal-safe).
struct QueryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The archive's entity names, as entity filters read them: its alias
// table (identity.h) and its canonical names.
class EntityNames {
 public:
  virtual ~EntityNames() = default;
  // The canonical entity a filter TYPE:NAME means, key = entity_key(NAME),
  // when the archive's alias table has an entry for it.
  virtual std::optional<AliasTarget> resolve(EntityType type, std::string_view key) const = 0;
  // The canonical entities of `type` whose normalised name
  // (normalize_filter_value) or one of whose aliases' keys begins with
  // `prefix`, most articles first, at most `limit`: what TYPE:PREFIX*
  // completes to.
  virtual std::vector<AliasTarget> complete(EntityType type, std::string_view prefix, std::size_t limit) const = 0;
  // The canonical people whose normalised name ends with `surname`
  // (normalised: a word, or words as in "de clercq") after other words,
  // most articles first, at most `limit`: whom `person:SURNAME` means when
  // the archive never writes the surname alone ("Yeutter": Clayton
  // Yeutter) or has several people of that name ("Bush": George Bush,
  // George W Bush).
  virtual std::vector<AliasTarget> people_called(std::string_view surname, std::size_t limit) const = 0;
};

// More like this, as like:ID reads it (search.h, SearchOptions::like).
class SimilarArticles {
 public:
  virtual ~SimilarArticles() = default;
  // The query for the articles most like article `id`, the article itself
  // excluded; `stems` receives the terms it searches (for highlighting).
  // Throws QueryError when the archive has no article `id`.
  virtual Xapian::Query like(const std::string& id, std::vector<std::string>& stems) const = 0;
};

// Which terms the archive holds, so that another language's reading of a
// word that names no term of the archive is left out of the query instead
// of being searched for nothing.
class ArchiveTerms {
 public:
  virtual ~ArchiveTerms() = default;
  virtual bool holds(const std::string& term) const = 0;
};

struct QueryOptions {
  // Operator between items with no explicit operator: OP_OR (ranked, any
  // word) or OP_AND (every word).
  Xapian::Query::op default_op = Xapian::Query::OP_OR;
  // Most terms one trailing-* wildcard may expand to (the most frequent are
  // kept). Expanded at match time (OP_WILDCARD), on each remote shard too.
  Xapian::termcount max_wildcard_expansion = 1000;
  // Longest query accepted, in bytes, and most terms it may parse to (each
  // word counts once per field it searches, so a free word counts twice:
  // body and title); longer queries are a QueryError rather than a slow
  // search. 0: no limit.
  std::size_t max_query_bytes = 10000;
  Xapian::termcount max_query_terms = 1000;
  // The archive's names, for entity filters: a TYPE:NAME that the alias
  // table knows is its canonical entity (person:Reagan is Ronald Reagan),
  // and TYPE:PREFIX* completes over canonical names and aliases. Null:
  // values are searched as written and wildcards over the filter terms.
  const EntityNames* entity_names = nullptr;
  // The archive's articles, for like:ID. Null: like:ID is a QueryError.
  const SimilarArticles* similar = nullptr;
  // The archive's terms: a reading of words restricted to one language
  // (see languages) is left out when the archive lacks one of its terms,
  // as it could match nothing. Null: every reading is kept.
  const ArchiveTerms* archive_terms = nullptr;
  // The languages the words are analysed for (Article::language codes,
  // "" unknown; analyzer.h): each word searches its stem in every one of
  // them, one term when they agree, else the OP_SYNONYM of the distinct
  // stems, each language's stem restricted to that language's articles
  // (its lang: terms; English's not, as it also reads articles of unknown
  // language; nor the only language's); a word is dropped only where it
  // is a stopword in all of them, and a phrase is read in each language
  // (its stems, its stopwords dropped), the readings ORed.
  // Empty: English only (analyzer_for("")), the analysis of an archive
  // without languages. parse_archive_query fills it with the archive's
  // languages when it is empty (archive_languages, search.h).
  std::vector<std::string> languages;
};

// A word of a query searched as text (a free word, a word of a phrase or
// of a text field), with where it is written in the query string.
struct QueryWord {
  std::size_t begin = 0, end = 0;  // byte span in the query as written (Tokenizer::begin, end)
  std::string word;                // normalised (Tokenizer::word)
  std::string stem;                // its stem in the first query language where it is no stopword
};

// What a query string parsed to.
struct ParsedQuery {
  // The query to run; Query() (matches nothing) when nothing searchable
  // is left (a query of stopwords only, of punctuation, an empty one).
  Xapian::Query query;
  // Each place where the query was read otherwise than it was written (an
  // unknown field, a misplaced wildcard, an unbalanced quote or
  // parenthesis, a stray operator, a phrase of stopwords only), one line
  // each, in query order, without a "warning:" prefix. May quote the query.
  std::vector<std::string> warnings;
  // What the Highlighter marks. stems: the stems of the words searched
  // (free words, phrase words, text-field words; not excluded ones), as
  // Analyzer::stem gives them. wildcards: the beginnings of trailing-*
  // wildcards, normalised (a word matches when its stem or itself starts
  // with one). names: the normalised words of entity filter values
  // (matched as written, not stemmed).
  std::vector<std::string> stems;
  std::vector<std::string> wildcards;
  std::vector<std::string> names;
  // The analyzers of the query's languages (QueryOptions::languages,
  // distinct; never empty after parse_query): the Highlighter stems a
  // text's words with each. Point to analyzer_for's shared instances.
  std::vector<const Analyzer*> analyzers;
  // The words searched as text (not excluded ones, not the beginnings of
  // wildcards, not filter values), in query order, with their spans: what
  // a spelling suggestion may replace, the rest of the query kept.
  std::vector<QueryWord> words;
};

// Parses `query`. The syntax is Xapian QueryParser's, read with newsdex's
// words:
// - words, searched in the body and the title (word OR title-word); a
//   word the Tokenizer splits ("al-Sharaa", "2025-10-15", CJK) is a
//   phrase of its parts; stopwords are dropped (analyzer.h);
// - "phrases" (also with typographic quotes), in the body or the title;
//   stopwords dropped, the other words adjacent;
// - AND, OR, NOT, XOR, AND NOT (upper case only; lower case they are
//   words), and parentheses, nested at most 100 deep; NOT binds like AND,
//   then XOR, then OR; a pure NOT ("NOT x", "-x") matches every article
//   except those;
// - +required and -excluded items: required items are ANDed, the others
//   combined with options.default_op (AND_MAYBE after required ones when it
//   is OR), excluded ones AND_NOT;
// - a trailing * (sanct*): the stems that begin so, at most
//   options.max_wildcard_expansion of the most frequent;
// - a NEAR b, a ADJ b (NEAR/n, ADJ/n; default window 10) between single
//   words: within n words, in any order or in this order;
// - fields (schema::kFields): title:, author:, source: take a word, a
//   "phrase" or a (group); person:, place:, org:, misc: take a word or a
//   "quoted value", compared normalised (normalize_filter_value) after
//   the archive's alias table (options.entity_names) made it canonical
//   (a warning when it is hidden, or of another type there); a trailing *
//   (person:Vlad*) completes over the canonical names and aliases, with a
//   warning when nothing does;
//   entity: any entity type; topic: a word or "quoted value", a whole
//   topic of the publisher's (Article::topics) compared normalised
//   (normalize_filter_value: case and accents ignored; topic:politics
//   finds the topic "Politics", not "Politics and Government"), a
//   trailing * (topic:polit*) any topic that begins so, at most
//   options.max_wildcard_expansion of the most frequent; no alias table
//   and no highlighting; id: the id verbatim; like: an article id
//   (a word or "quoted"), the articles most like it (options.similar),
//   an item like a word, weighted, not a filter; date: YYYY, YYYY-MM,
//   YYYY-MM-DD or any form parse_date reads (quoted when it has spaces)
//   as the whole year, month or day, or FROM..TO with either end open.
//   Filters of one field are ORed, of several fields ANDed, and restrict
//   the rest of their group without adding weight.
// Lenient where a guess is safe, with a warning in ParsedQuery::warnings:
// an unknown field ("titel:cocoa" is searched as the words titel and
// cocoa, and the warning suggests the nearest field), a leading or inner
// * ("*oil" is oil), an unbalanced quote (the phrase runs to the end) or
// parenthesis, an operator with nothing on one side (ignored), a phrase of
// stopwords only (ignored), a query with nothing to search for.
// Throws QueryError for a date or date range that does not parse, or ends
// before it starts, a query over options' size limits, and parentheses
// nested too deep. Runs in time linear in the query's length.
ParsedQuery parse_query(std::string_view query, const QueryOptions& options);

// The value stored in schema::kDateSlot for t.
std::string date_slot_value(long long unix_time);

}  // namespace newsdex
