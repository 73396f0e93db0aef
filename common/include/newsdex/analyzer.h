// The one analyzer: normalisation, tokenisation, stemming and stopwords,
// shared by the indexer (TermGenerator) and the searcher (QueryParser), so
// the terms a query asks for are spelled exactly as the indexer wrote them.
#pragma once

#include <string>
#include <string_view>

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
  // English stemming, the built-in English stopword list.
  Analyzer();

  // A TermGenerator configured with this analyzer's stemmer and stopper.
  // The caller must pass text through normalize_text() first (index_text
  // does both).
  Xapian::TermGenerator make_term_generator() const;

  // Normalises `text` and indexes it with positions into tg's document.
  void index_text(Xapian::TermGenerator& tg, std::string_view text,
                  Xapian::termcount wdf_inc = 1, std::string_view prefix = {}) const;

  // Sets the stemmer, stemming strategy and stopper on a QueryParser.
  void configure(Xapian::QueryParser& qp) const;

  // The term a single word indexes as (normalised), and its stem with the
  // "Z" prefix; empty for a word that is not a term. Used for highlighting.
  std::string term_of(std::string_view word) const;
  std::string stem_term_of(std::string_view normalized_term) const;

  bool is_stopword(std::string_view normalized_term) const;

 private:
  Xapian::Stem stemmer_;
  Xapian::SimpleStopper stopper_;
};

// The shared instance both programs use.
const Analyzer& default_analyzer();

}  // namespace newsdex
