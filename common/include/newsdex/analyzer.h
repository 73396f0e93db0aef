// The one analyzer: what a word is, how it is normalised and stemmed, and
// which words are stopwords. The indexer (make_document), the query parser
// (parse_query) and the snippet Highlighter all take their words from
// Tokenizer, so a query asks for exactly the terms the indexer wrote and a
// snippet marks exactly the words that matched.
//
// Languages. Each article is analysed for its own language
// (Article::language, analyzer_for): the Snowball stemmer Xapian has for
// it and that language's Snowball stopword list (common/analysis/stopwords/,
// where Snowball has one; English keeps newsdex's own list below). Stems
// of all languages share one term space (no language prefix): the query
// side asks, for each word, for its stems in every language of the
// archive at once (an OP_SYNONYM, query.h), so `мороз` finds `Морозы`
// in a Russian article and an English word still finds its English stem.
// - An article whose language is unknown ("", CLD2 could not tell: short
//   items, tables of figures) is analysed as English, as every article was
//   before languages: in a news archive those are mostly short English
//   wire items, and the English stemmer leaves words of other scripts
//   unchanged.
// - A language Xapian has no stemmer for (Chinese, Japanese, Korean,
//   Polish, Ukrainian, ...) is not stemmed and has no stopwords: its words
//   are indexed as normalised, which is always safe.
//
// Terms are stems with positions, and nothing else: "Sanctions"
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
//   combining diacritics; Cyrillic "й" is a letter of its own and stays):
//   "Ḥmeimim" is "hmeimim", "ﬁnance" "finance", "Йошкар" "йошкар".
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
// - Han, Hiragana, Katakana and Hangul (CJK, decided by script, whatever
//   the article's language) are cut into overlapping bigrams, as Xapian
//   1.4's CJK n-gram mode does: a run of CJK characters "商標法" is the
//   words "商標", "標法" at consecutive positions, and a lone character is
//   one word ("法"). The same rule in a query makes a CJK word a phrase of
//   its bigrams, so "商標法" finds the text with 商標法 and a two-character
//   word ("商標") finds any text containing it. A single character finds
//   any text containing it too: the index also has each character of a
//   run as a term without position (bigram_split). A bigram's span is its first character,
//   and the last bigram of a run spans both of its characters, so spans
//   still never overlap and cover the run; cover_end() gives the end of
//   the bigram's second character, for highlighting.
// - A word longer than kMaxWordBytes after normalisation is cut to that
//   many bytes (on a UTF-8 boundary); the rest of it is not a word. A
//   long word therefore still finds its article, and every term, prefix
//   included, stays within Xapian's 245-byte limit.
// - Bytes that are not valid UTF-8 separate words (as U+FFFD would).
#pragma once

#include <cstddef>
#include <deque>
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
  // The end of the text the current word is made of: end() except for a
  // CJK bigram, where it is the end of the bigram's second character (the
  // next word's span overlaps [end(), cover_end())).
  std::size_t cover_end() const { return cover_end_; }
  // For a CJK bigram, the bytes of word() that are its first character
  // (with its marks); 0 for any other word, a lone CJK character included.
  // The index adds each bigram's first character, and the last bigram's
  // second, as a term of its own (document.h), so that one character
  // finds the text it stands in.
  std::size_t bigram_split() const { return bigram_split_; }

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
  // REQUIRES: the current character is CJK. Takes its bigram (or the lone
  // character).
  void take_cjk();
  // Decodes and normalises the next source code point into the ring.
  bool decode_one();

  std::string_view text_;
  std::size_t pos_ = 0;  // next source byte to decode
  Char ring_[kRing];
  std::size_t head_ = 0, count_ = 0;
  std::string word_;
  bool full_ = false;  // word_ reached kMaxWordBytes
  std::size_t begin_ = 0, end_ = 0, cover_end_ = 0;
  std::size_t bigram_split_ = 0;
};

// How one language is analysed: its stemmer and stopwords. Analyzers are
// made once, for the whole program (analyzer_for); they are immutable and
// safe to use from several threads at once.
class Analyzer {
 public:
  // The analyzer of ISO 639-1 code `language` (see the top of this file):
  // use analyzer_for, which returns the one shared instance.
  explicit Analyzer(std::string_view language);
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // The Xapian stemmer's name ("english", "russian"), or "" for a
  // language without stemming.
  const std::string& stemmer_name() const { return stemmer_name_; }

  // True when the normalised word (Tokenizer::word) is a stopword, which
  // is neither indexed nor searched.
  bool is_stopword(std::string_view word) const;

  // The term a normalised word indexes as (before any field prefix): its
  // stem, or the word itself for a language without stemming. Safe to
  // call from several threads at once (each thread has its own stemmer
  // and cache of recent stems per language). The result is valid until
  // the calling thread's next call to stem() and, without stemming, as
  // long as `word`.
  std::string_view stem(std::string_view word) const;

 private:
  std::string stemmer_name_;
  std::size_t index_ = 0;  // this analyzer's per-thread stemmer (analyzer.cc)
  std::deque<std::string> stopword_text_;  // what stopwords_ views (stable addresses)
  std::unordered_set<std::string_view> stopwords_;
};

// The shared analyzer of a language code as Article::language holds it
// ("en", "ru"; "" unknown), following the rules at the top of this file
// (unknown: English; no Snowball stemmer: no stemming). Never fails.
const Analyzer& analyzer_for(std::string_view language);

// analyzer_for(""): English, what an article of unknown language gets.
const Analyzer& default_analyzer();

// True when `language` has a Snowball stemmer in Xapian ("ru": yes, "zh":
// no), that is when analyzer_for(language) stems.
bool has_stemmer(std::string_view language);

}  // namespace newsdex
