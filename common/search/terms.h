// Term statistics over sets of articles: the query of "more like this"
// (Xapian's relevance feedback over one article) and the words unusually
// frequent in a sample of matches (top words). Private to the search
// module: run_search calls them.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/search.h"

namespace newsdex {

// True for a term that stands for a body word worth showing or expanding
// to: an unprefixed term (body words are indexed unprefixed, schema.h) of
// at least two bytes with no digit (numbers, dates, figures).
bool is_content_term(const std::string& term);

// What article `id` is about, as a query: its `terms` content terms
// (is_content_term, of the body or of the title under its prefix) that
// best tell it from the rest of `db`, by Xapian's
// expand weights with the article as the one relevant document, ORed
// (BM25 then ranks articles by how many of them they have and how rare
// they are), with the article itself and its near-duplicates (its group,
// schema::kDupGroupSlot) excluded. `stems` receives the stems
// of the terms chosen, best first (for highlighting). Throws QueryError when `db` holds
// no article `id`.
Xapian::Query like_query(const Xapian::Database& db, const std::string& id, Xapian::termcount terms,
                         std::vector<std::string>& stems);

// The `n` content terms and two-word phrases most unusually frequent in
// `sample` (matches of a query, from `db`) compared with all of `db`, by
// the JLH score (fg - bg) * fg / bg, fg and bg the shares of the sample's
// and of the archive's articles that hold the term or phrase; each must be
// in at least 2 articles of the sample and in 2% of them. A phrase is two
// content words with only blanks between them (no stopword, no
// punctuation), in the title or the body; the kPhraseCandidates phrases in
// most sample articles are counted in the archive (exactly up to
// kPhraseCheck articles). `skip` (the query's own stems) are left out, and
// so are phrases of two of them. Each word or phrase is shown as it is
// most often written in the first kFormDocs articles of the sample (as
// first written in the sample otherwise).
std::vector<TopWord> top_words(const Xapian::Database& db, const Xapian::MSet& sample, std::size_t n,
                               const std::vector<std::string>& skip);

inline constexpr Xapian::doccount kFormDocs = 50;
inline constexpr std::size_t kPhraseCandidates = 60;
inline constexpr Xapian::doccount kPhraseCheck = 100000;

// Terms like_query searches for an article (Omega's "similar" searches 40;
// fewer keep the query to the article's subject).
inline constexpr Xapian::termcount kLikeTerms = 25;

}  // namespace newsdex
