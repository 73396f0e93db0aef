// The one analyzer: normalisation, tokenisation, stemming and stopwords,
// shared by the indexer (TermGenerator) and the searcher (QueryParser), so
// the terms a query asks for are spelled exactly as the indexer wrote them.
//
// Terms are English stems with positions, and nothing else (Xapian's
// STEM_ALL): "Sanctions" indexes as "sanction" at its position, so words,
// phrases and `title:` words all match any inflection. One term per word
// instead of Xapian's default pair (the word with positions plus a "Z"
// stem) makes indexing about a third cheaper; the cost is that a search
// cannot ask for one inflection only.
//
// Stopwords ("the", "of", ...) are not indexed and take no position, so
// "the Bank of England" indexes bank@1 england@2; parse_query drops them
// from phrases too, so "Bank of England" finds it (and "Bank England").
// That saves about a third of all postings. A phrase of stopwords only
// ("The Who") matches nothing.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

#include <xapian.h>

namespace newsdex {

// Text as the indexer sees it: Unicode NFKC, case-folded, accents (Latin,
// Greek and Cyrillic combining diacritics) removed, typographic apostrophes
// as "'", Unicode hyphens as "-", and the possessive "'s" dropped, so
// "al-Sharaa’s" and "Ḥmeimim" index as "al-sharaa" and "hmeimim".
// REQUIRES: text is valid UTF-8.
std::string normalize_text(std::string_view text);

// The same transformation for a query string, except that case is kept
// (folded to the same letters, then upper case where the input was upper
// case) so QueryParser still sees the operators AND/OR/NOT and the
// capitalisation it uses to decide what to stem; typographic double quotes
// become '"'. REQUIRES: valid UTF-8.
std::string normalize_query(std::string_view query);

// A boolean filter value (an entity name, an id-like value): normalize_text
// with runs of whitespace collapsed to one space and ends trimmed.
std::string normalize_filter_value(std::string_view value);

class Analyzer {
 public:
  // English stemming, the built-in English stopword list. All methods may
  // be called from several threads at once.
  Analyzer();

  // A TermGenerator configured with this analyzer's stemming (its own
  // stemmer: use it from one thread at a time). The caller must pass text
  // through normalize_text() first (index_text does both).
  Xapian::TermGenerator make_term_generator() const;

  // Normalises `text` and indexes it with positions into tg's document.
  void index_text(Xapian::TermGenerator& tg, std::string_view text,
                  Xapian::termcount wdf_inc = 1, std::string_view prefix = {}) const;

  // Sets the stemmer, stemming strategy and stopper on a QueryParser.
  void configure(Xapian::QueryParser& qp) const;

  // A single word normalised (term_of), and the stem of a normalised word
  // (stem_of), which is the term it indexes as; empty for a word that is
  // not a term. Used for highlighting.
  std::string term_of(std::string_view word) const;
  std::string stem_of(std::string_view normalized_term) const;

  bool is_stopword(std::string_view normalized_term) const;
  // True when `stem` is the stem of a stopword (a query term that the
  // indexer never writes, e.g. "doe" from "does").
  bool is_stopword_stem(std::string_view stem) const;

 private:
  Xapian::SimpleStopper stopper_;
  std::unordered_set<std::string> stopword_stems_;
};

// The shared instance both programs use.
const Analyzer& default_analyzer();

}  // namespace newsdex
