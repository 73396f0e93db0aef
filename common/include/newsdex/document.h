// How an Article becomes a Xapian document and how a stored document
// becomes a result again. Both directions live here so they cannot drift.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "newsdex/article.h"

namespace newsdex {

// Builds the document for `article`: title words under the title prefix
// and body words unprefixed, author and source words under their
// prefixes, all with positions (a gap of 100 between fields, so a phrase
// never spans two); entity filter terms, topic filter terms (topic_term)
// and topic facet slots, the id term, the file term, the
// date and other slots, the content signature of the body (of the title
// when the body has no words; duplicates.h), and the stored data. Words are those of the Tokenizer, stemmed and
// stopped by the analyzer of the article's language
// (analyzer_for(article.language), analyzer.h; see index_text). Safe to
// call from several threads at once.
Xapian::Document make_document(const Article& article);

// make_document that also gives the article's spelling words (as
// spelling_words does) in `spelling`, from the same pass over its text.
Xapian::Document make_document(const Article& article, std::vector<std::string>& spelling);

// make_document in two steps, for a writer that analyses an article's text
// before its entities are resolved: make_text_document gives everything
// but what depends on the article's entities (as make_document with
// `spelling`), and finish_document adds that to it: the entity and raw
// entity terms, the facet slots and the stored data, from `article` as it
// is then. make_text_document(a, s) then finish_document(doc, a) gives the
// document make_document(a, s) gives. Safe from several threads at once.
Xapian::Document make_text_document(const Article& article, std::vector<std::string>& spelling);
void finish_document(Xapian::Document& doc, const Article& article);

// The words spelling suggestions are made from (Xapian's spelling data,
// WritableDatabase::add_spelling; search.h, SearchOptions::suggest_below):
// the title's and body's words as the Tokenizer gives them (normalised,
// unstemmed), stopwords, words of fewer than 3 or more than
// kMaxSpellingWordBytes bytes and words with a digit left out; in text
// order, title first, each as often as it occurs. The indexer adds each
// occurrence when it writes an article and removes them when it deletes
// or replaces it, so a word's spelling frequency is the number of times
// the archive's articles use it (as Xapian's TermGenerator counts).
std::vector<std::string> spelling_words(const Article& article);

inline constexpr std::size_t kMaxSpellingWordBytes = 40;

// Adds the words of `text` (Tokenizer) to `doc` as their stems under
// `prefix`, the first at position pos + 1, each next word at the next
// position; stopwords are not added and take no position. Leaves `pos` at
// the last position used. The query parser builds its terms and phrases
// from the same Tokenizer, stopwords and stems. `analyzer`: the text's
// language (make_document passes the article's).
void index_text(Xapian::Document& doc, std::string_view text, std::string_view prefix, Xapian::termpos& pos,
                const Analyzer& analyzer = default_analyzer());

// Copies the values the indexer adds to a document besides make_document's
// (its hash and duplicate group slots) from `from` to `to`: for a document
// built again from its stored article.
void copy_indexer_values(const Xapian::Document& from, Xapian::Document& to);

// `article` as one line of JSON (no newline): every field (the dateline
// only when there is one), the date as ISO 8601 or null, entities and
// (when there are any) raw_entities as [{"type","name","mentions"}], and
// (when there are any) topics as ["topic", ...]. This is both the
// stored document data and the output of `newsdex-index --print`.
std::string article_to_json(const Article& article);

// The Article stored in a document's data (entities included; body
// included). Missing fields stay empty.
Article article_from_data(const std::string& data);

// The id term of an article id.
std::string id_term(const std::string& id);
// The file term of a source path.
std::string file_term(const std::string& path);
// The filter term of a topic (Article::topics): schema's topic prefix and
// the topic normalised (normalize_filter_value), cut as long terms are.
std::string topic_term(const std::string& topic);
// The filter term of an entity of `type`.
std::string entity_term(EntityType type, const std::string& name);
// The raw-name term of a raw entity (schema::EntityField::raw_prefix), ""
// for a name too long to have one.
std::string raw_entity_term(EntityType type, const std::string& name);
// The weak-name term of a raw entity (schema::EntityField::weak_prefix),
// "" for a name too long to have one.
std::string weak_entity_term(EntityType type, const std::string& name);

}  // namespace newsdex
