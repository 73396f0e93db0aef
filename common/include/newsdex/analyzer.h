// The one analyzer: what a word is, how it is normalised and stemmed, and
// which words are stopwords. The indexer (make_document), the query parser
// (parse_query) and the snippet Highlighter all take their words from
// Tokenizer, so a query asks for exactly the terms the indexer wrote and a
// snippet marks exactly the words that matched.
//
// Terms are English stems with positions, and nothing else: "Sanctions"
// indexes as "sanction" at its position, so words, phrases and `title:`
// words all match any inflection. One term per word makes indexing about
// a third cheaper than Xapian's default pair (word plus "Z" stem); the
// cost is that a search cannot ask for one inflection only.
//
// Stopwords ("the", "of", ...) are not indexed and take no position, so
// "the Bank of England" indexes bank@1 england@2, and the query parser
// drops them the same way, so the phrase "Bank of England" finds it (and
// so does "Bank England"). That saves about a third of all postings. A
// phrase of stopwords only ("The Who") matches nothing.
//
// What a word is (Tokenizer; every rule is applied identically to article
// text and to query text):
// - A word is a run of letters, combining marks and digits, after Unicode
//   NFKC, case folding and removal of accents (Latin, Greek and Cyrillic
//   combining diacritics): "Ḥmeimim" is "hmeimim", "ﬁnance" "finance".
// - Dotted abbreviations of single letters are one word, dots dropped:
//   "U.S.", "U.S", "E.F.", "N.Y.", "U.S.A." are "us", "ef", "ny", "usa".
//   A word of two or more letters before a dot is not an abbreviation
//   ("end." is "end").
// - An apostrophe between two letters or digits joins them ("o'brien",
//   "rock'n'roll"); a possessive "'s" is dropped ("al-Sharaa’s" ->
//   "sharaa"), and so is the apostrophe of "Reuters'". Typographic
//   apostrophes count as "'".
// - Hyphens, slashes, colons and other punctuation separate words: "al-Sharaa"
//   is "al" then "sharaa" at consecutive positions, so both `Sharaa` and
//   `"al-Sharaa"` find it, and "2025-10-15" is 2025, 10, 15.
// - Digits with "." or "," between them stay one word: "1,000", "3.5".
// - "&" between letter runs of at most three letters joins them: "at&t",
//   "s&p", "r&d" (so AT&T is not the stopword "at" and "t"); longer runs
//   ("Johnson&Johnson") are separate words.
// - "_" between letters or digits joins them ("snake_case"); leading and
//   trailing underscores are dropped ("__init__" is "init").
// - One to three "+" or one "#" right after a letter, and followed by no
//   letter or digit, belong to the word: "c++", "c#", "f#", "aa+".
// - Han, Hiragana, Katakana and Hangul characters are one word each, so a
//   phrase of characters matches a CJK word (proper segmentation is for a
//   later version).
// - A word longer than kMaxWordBytes after normalisation is cut to that
//   many bytes (on a UTF-8 boundary); the rest of it is not a word. A
//   long word therefore still finds its article, and every term, prefix
//   included, stays within Xapian's 245-byte limit.
// - Bytes that are not valid UTF-8 separate words (as U+FFFD would).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

#include <xapian.h>

namespace newsdex {

// Longest word, in bytes, after normalisation; a stem is never longer.
// 245 (Xapian's term limit) minus the longest schema prefix ("XSRC"), less
// one for safety.
inline constexpr std::size_t kMaxWordBytes = 240;

// Text as entity filter values are compared: Unicode NFKC, case-folded,
// accents removed, typographic apostrophes as "'", Unicode hyphens as "-",
// and the possessive "'s" dropped, so "al-Sharaa’s" and "Ḥmeimim" become
// "al-sharaa" and "hmeimim". Punctuation is kept (this is not
// tokenisation). Invalid UTF-8 bytes become U+FFFD.
std::string normalize_text(std::string_view text);

// A boolean filter value (an entity name): normalize_text with runs of
// whitespace collapsed to one space and ends trimmed.
std::string normalize_filter_value(std::string_view value);

// The words of a text, in order (see the rules above). Usage:
//   Tokenizer tok(text);
//   while (tok.next()) use(tok.word(), tok.begin(), tok.end());
// `text` must stay alive and unchanged while the Tokenizer is used. Any
// bytes are accepted: next() never throws and always advances, so a
// Tokenizer ends after at most text.size() calls.
class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Moves to the next word; false when there is none left.
  bool next();

  // The current word, normalised and unstemmed (never empty). REQUIRES:
  // the last next() returned true. Valid until the next call to next().
  const std::string& word() const { return word_; }
  // The byte span of the current word in the original text, including
  // what its normalised form drops (the dots of "U.S.", a possessive "'s",
  // the cut end of a long word). Spans are in text order and never
  // overlap; a word that comes from the same source character as the one
  // before it ("½" is 1 and 2) has an empty span.
  std::size_t begin() const { return begin_; }
  std::size_t end() const { return end_; }

 private:
  // One normalised code point, with the span of the source code point it
  // came from (a ligature gives several with the same span).
  struct Char {
    char32_t cp = 0;
    unsigned char cls = 0;  // a CharClass (analyzer.cc)
    std::size_t begin = 0;
    std::size_t end = 0;
  };
  static constexpr std::size_t kRing = 64;  // > lookahead + longest expansion

  // The k-th character from the current one, or nullptr at the end of the
  // text. REQUIRES: k < 8.
  const Char* peek(std::size_t k);
  void advance();
  // Appends c to word_ unless that would pass kMaxWordBytes; ends the span.
  void take(const Char& c);
  void take_abbreviation();
  void take_word();
  // Decodes and normalises the next source code point into the ring.
  bool decode_one();

  std::string_view text_;
  std::size_t pos_ = 0;  // next source byte to decode
  Char ring_[kRing];
  std::size_t head_ = 0, count_ = 0;
  std::string word_;
  bool full_ = false;  // word_ reached kMaxWordBytes
  std::size_t begin_ = 0, end_ = 0;
};

class Analyzer {
 public:
  // English stemming, the built-in English stopword list.
  Analyzer();

  // True when the normalised word (Tokenizer::word) is a stopword, which
  // is neither indexed nor searched.
  bool is_stopword(std::string_view word) const;

  // The term a normalised word indexes as (before any field prefix): its
  // English stem. Safe to call from several threads at once (each thread
  // has its own stemmer and cache of recent stems). The result is valid
  // until the calling thread's next call to stem().
  std::string_view stem(std::string_view word) const;

 private:
  std::unordered_set<std::string_view> stopwords_;
};

// The shared instance both programs use.
const Analyzer& default_analyzer();

}  // namespace newsdex
