#include "newsdex/analyzer.h"
#include "newsdex/text.h"
#include "stopword_lists.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <memory>
#include <unordered_map>

namespace newsdex {

namespace {

// English stopwords (function words): not indexed, and dropped from
// queries, phrases included (see analyzer.h).
constexpr const char* kStopwords[] = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and",
    "any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
    "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing",
    "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
    "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
    "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more",
    "most", "my", "myself", "no", "nor", "not", "of", "off", "on", "once", "only",
    "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
    "themselves", "then", "there", "these", "they", "this", "those", "through", "to",
    "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
    "your", "yours", "yourself", "yourselves",
};

// ISO 639-1 codes and the Xapian stemmer of each (Xapian 1.4's list; one
// that this Xapian lacks is treated as having none). A code not here has
// no stemmer.
struct StemmerName {
  std::string_view code;
  const char* name;
};
constexpr StemmerName kStemmers[] = {
    {"ar", "arabic"},     {"hy", "armenian"},   {"eu", "basque"},     {"ca", "catalan"},
    {"da", "danish"},     {"nl", "dutch"},      {"en", "english"},    {"fi", "finnish"},
    {"fr", "french"},     {"de", "german"},     {"el", "greek"},      {"hi", "hindi"},
    {"hu", "hungarian"},  {"id", "indonesian"}, {"ga", "irish"},      {"it", "italian"},
    {"lt", "lithuanian"}, {"ne", "nepali"},     {"no", "norwegian"},  {"nb", "norwegian"},
    {"nn", "norwegian"},  {"pt", "portuguese"}, {"ro", "romanian"},   {"ru", "russian"},
    {"es", "spanish"},    {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},
};
// Analyzers: one per entry of kStemmers, then one without stemming.
constexpr std::size_t kAnalyzers = std::size(kStemmers) + 1;
constexpr std::size_t kNoStemmer = std::size(kStemmers);
constexpr std::size_t kEnglish = 6;
static_assert(kStemmers[kEnglish].code == "en");

// The index in kStemmers of a language code, kNoStemmer for none; ""
// (unknown) is English.
std::size_t stemmer_index(std::string_view language) {
  if (language.empty()) return kEnglish;
  for (std::size_t i = 0; i < std::size(kStemmers); ++i) {
    if (kStemmers[i].code == language) return i;
  }
  return kNoStemmer;
}

// The Xapian stemmer `name`, or nullopt when this Xapian has none.
bool xapian_has_stemmer(const char* name) {
  try {
    Xapian::Stem s(name);
    return true;
  } catch (const Xapian::Error&) {
    return false;
  }
}

// Stems kept per thread before the cache starts again (a few MB).
constexpr std::size_t kStemCacheEntries = std::size_t{1} << 16;

// What a normalised code point is to the Tokenizer.
enum CharClass : unsigned char {
  kSep,     // separates words: spaces, punctuation, symbols, U+FFFD
  kLetter,  // letters (L*, Nl) outside the CJK scripts
  kDigit,   // digits (Nd, No)
  kMark,    // combining marks other than the accents normalisation removes
  kCjk,     // Han, Hiragana, Katakana, Hangul: one word each
  kApos,    // ' (and the typographic apostrophes mapped to it)
  kDot,     // .
  kComma,   // ,
  kAmp,     // &
  kUnder,   // _
  kPlus,    // +
  kHash,    // #
  kAccent,  // a combining accent normalisation removed: part of the word
            // before it (its span), but no character of it
};

bool is_alnum_class(unsigned char c) { return c == kLetter || c == kDigit || c == kMark; }
// Letters, digits, marks and CJK: what a word is made of.
bool is_word_class(unsigned char c) { return is_alnum_class(c) || c == kCjk; }

constexpr std::array<unsigned char, 128> make_ascii_classes() {
  std::array<unsigned char, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kLetter;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kDigit;
  t['\''] = kApos;
  t['.'] = kDot;
  t[','] = kComma;
  t['&'] = kAmp;
  t['_'] = kUnder;
  t['+'] = kPlus;
  t['#'] = kHash;
  return t;
}
constexpr std::array<unsigned char, 128> kAsciiClass = make_ascii_classes();

bool is_accent_mark(utf8proc_int32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE20 && cp <= 0xFE2F);
}

// Scripts written without spaces between words, one word per character.
bool is_cjk(utf8proc_int32_t cp) {
  return (cp >= 0x1100 && cp <= 0x11FF) ||    // Hangul Jamo
         (cp >= 0x3005 && cp <= 0x3007) ||    // 々 〆 〇
         (cp >= 0x3021 && cp <= 0x3029) ||    // Hangzhou numerals
         (cp >= 0x3031 && cp <= 0x303C) ||    // kana repeat marks, 〻 〼
         (cp >= 0x3040 && cp <= 0x30FF) ||    // Hiragana, Katakana
         (cp >= 0x3130 && cp <= 0x318F) ||    // Hangul compatibility Jamo
         (cp >= 0x31F0 && cp <= 0x31FF) ||    // Katakana extension
         (cp >= 0x3400 && cp <= 0x4DBF) ||    // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK unified ideographs
         (cp >= 0xA960 && cp <= 0xA97F) ||    // Hangul Jamo extended A
         (cp >= 0xAC00 && cp <= 0xD7FF) ||    // Hangul syllables, Jamo extended B
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // CJK compatibility ideographs
         (cp >= 0x20000 && cp <= 0x3FFFF);    // CJK extensions B and later
}

// The class of a normalised code point outside ASCII.
unsigned char class_of(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
      return is_cjk(cp) ? kCjk : kLetter;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
      return kMark;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NO:
      return kDigit;
    default:
      return kSep;
  }
}

// Punctuation that news text writes in several ways, mapped to ASCII
// (typographic double quotes to a space). Returns 0 when `cp` has no such
// mapping.
char ascii_punctuation(utf8proc_int32_t cp) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0xFF07: case 0x2032:
      return '\'';
    case 0x2010: case 0x2011: case 0x2212: case 0xFE63: case 0xFF0D:
      return '-';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0xFF02:
      return ' ';
    case 0x00A0: case 0x2007: case 0x202F:
      return ' ';
    default:
      return 0;
  }
}

// The normalisation of one code point at or above U+0080, the single
// definition both normalize_text and the Tokenizer use: ASCII punctuation
// for its typographic forms, else NFKC with case folding, accents
// removed. Calls emit(cp) for each resulting code point (none for a lone
// accent).
template <class Emit>
void normalize_code_point(utf8proc_int32_t cp, Emit&& emit) {
  if (char c = ascii_punctuation(cp)) {
    emit(static_cast<utf8proc_int32_t>(c));
    return;
  }
  if (cp == 0x0419 || cp == 0x0439) {
    // Й is a letter of its own (Russian, Ukrainian, Bulgarian), not И with
    // an accent: the Russian stemmer reads the -ый, -ий endings by it.
    emit(0x0439);
    return;
  }
  std::array<utf8proc_int32_t, 32> buf{};
  int last_boundclass = 0;
  utf8proc_ssize_t n = utf8proc_decompose_char(
      cp, buf.data(), static_cast<utf8proc_ssize_t>(buf.size()),
      static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE),
      &last_boundclass);
  if (n < 0 || n > static_cast<utf8proc_ssize_t>(buf.size())) {
    emit(cp);
    return;
  }
  utf8proc_ssize_t kept = 0;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    if (!is_accent_mark(buf[static_cast<std::size_t>(i)])) buf[static_cast<std::size_t>(kept++)] = buf[static_cast<std::size_t>(i)];
  }
  if (kept > 1) {
    kept = utf8proc_normalize_utf32(buf.data(), kept,
                                    static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE));
    if (kept < 0) kept = 0;
  }
  for (utf8proc_ssize_t i = 0; i < kept; ++i) {
    utf8proc_int32_t c = buf[static_cast<std::size_t>(i)];
    if (c >= 0x80) {
      if (char p = ascii_punctuation(c)) c = static_cast<unsigned char>(p);
    }
    emit(c);
  }
}

// True when the byte at `i` starts something that continues a word: an ASCII
// letter or digit, or any non-ASCII byte (letters of other scripts).
bool continues_word(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  const auto c = static_cast<unsigned char>(s[i]);
  return kAsciiClass[c & 0x7F] == kLetter || kAsciiClass[c & 0x7F] == kDigit || c >= 0x80 || c == '\'' || c == '_';
}

// Removes the possessive "'s" (and the apostrophe of a plural possessive
// "s'") in place.
void strip_possessives(std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\'' && !out.empty() && continues_word(out, out.size() - 1)) {
      const bool has_s = i + 1 < s.size() && (s[i + 1] == 's' || s[i + 1] == 'S');
      if (has_s && !continues_word(s, i + 2)) {
        ++i;  // drop "'s"
        continue;
      }
      const char prev = out.back();
      if ((prev == 's' || prev == 'S') && !continues_word(s, i + 1)) continue;
    }
    out.push_back(s[i]);
  }
  s.swap(out);
}

std::string normalize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const utf8proc_ssize_t len = static_cast<utf8proc_ssize_t>(text.size());
  utf8proc_ssize_t i = 0;
  while (i < len) {
    const utf8proc_uint8_t b = p[i];
    if (b < 0x80) {
      char c = static_cast<char>(b);
      c = ascii_lower(c);
      out.push_back(c);
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p + i, len - i, &cp);
    if (n <= 0) {  // invalid byte: never loop
      out.append("\xEF\xBF\xBD");
      ++i;
      continue;
    }
    normalize_code_point(cp, [&out](utf8proc_int32_t c) { append_utf8(out, static_cast<char32_t>(c)); });
    i += n;
  }
  strip_possessives(out);
  return out;
}

// Each thread's stemmer (copies of one Xapian::Stem share Snowball state,
// which two threads must not use at once) and its cache of stems: words
// follow Zipf's law, so most lookups hit and skip Snowball.
struct StemState {
  explicit StemState(const std::string& name) : stemmer(name) {}
  Xapian::Stem stemmer;
  std::unordered_map<std::string, std::string> cache;
  std::string key;
};

// This thread's stemmer of analyzer `index` (made on first use).
StemState& stem_state(std::size_t index, const std::string& name) {
  thread_local std::array<std::unique_ptr<StemState>, kAnalyzers> states;
  std::unique_ptr<StemState>& s = states[index];
  if (!s) s = std::make_unique<StemState>(name);
  return *s;
}

}  // namespace

std::string normalize_text(std::string_view text) { return normalize(text); }

std::string normalize_filter_value(std::string_view value) { return collapse_whitespace(normalize(value)); }

// ---- Tokenizer ----

bool Tokenizer::decode_one() {
  if (pos_ >= text_.size()) return false;
  const auto push = [this](char32_t cp, unsigned char cls, std::size_t b, std::size_t e) {
    Char& c = ring_[(head_ + count_) % kRing];
    c.cp = cp;
    c.cls = cls;
    c.begin = b;
    c.end = e;
    ++count_;
  };
  const auto b = static_cast<unsigned char>(text_[pos_]);
  if (b < 0x80) {
    const char32_t lower = b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b;
    push(lower, kAsciiClass[b], pos_, pos_ + 1);
    ++pos_;
    return true;
  }
  utf8proc_int32_t cp = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text_.data()) + pos_;
  const utf8proc_ssize_t n = utf8proc_iterate(p, static_cast<utf8proc_ssize_t>(text_.size() - pos_), &cp);
  const std::size_t begin = pos_;
  if (n <= 0) {  // not UTF-8: one byte that separates words
    ++pos_;
    push(0xFFFD, kSep, begin, pos_);
    return true;
  }
  pos_ += static_cast<std::size_t>(n);
  const std::size_t before = count_;
  normalize_code_point(cp, [&](utf8proc_int32_t c) {
    if (count_ >= kRing) return;  // cannot happen: expansions are at most 32
    push(static_cast<char32_t>(c), c < 0x80 ? kAsciiClass[static_cast<std::size_t>(c)] : class_of(c), begin, pos_);
  });
  if (count_ == before) push(0, kAccent, begin, pos_);
  return true;
}

const Tokenizer::Char* Tokenizer::peek(std::size_t k) {
  while (count_ <= k) {
    if (!decode_one()) return nullptr;
  }
  return &ring_[(head_ + k) % kRing];
}

void Tokenizer::advance() {
  head_ = (head_ + 1) % kRing;
  --count_;
}

void Tokenizer::take(const Char& c) {
  end_ = std::max(c.end, begin_);
  if (full_ || c.cls == kAccent) return;
  const std::size_t len = c.cp < 0x80 ? 1 : c.cp < 0x800 ? 2 : c.cp < 0x10000 ? 3 : 4;
  if (word_.size() + len > kMaxWordBytes) {
    full_ = true;
    return;
  }
  append_utf8(word_, static_cast<char32_t>(c.cp));
}

// REQUIRES: the current character starts an abbreviation: a letter, a
// dot, a letter not followed by a letter, digit or mark.
void Tokenizer::take_abbreviation() {
  take(*peek(0));
  advance();
  for (;;) {
    const Char* dot = peek(0);
    if (dot == nullptr || dot->cls != kDot) break;
    const Char* letter = peek(1);
    if (letter == nullptr || letter->cls != kLetter) break;
    const Char* after = peek(2);
    if (after != nullptr && is_word_class(after->cls)) break;
    advance();
    take(*peek(0));
    advance();
  }
  if (const Char* dot = peek(0); dot != nullptr && dot->cls == kDot) {
    end_ = dot->end;
    advance();
  }
  // A possessive after it: "U.S.'s".
  const Char* apos = peek(0);
  if (apos != nullptr && apos->cls == kApos) {
    const Char* s = peek(1);
    const Char* after = peek(2);
    if (s != nullptr && s->cp == 's' && (after == nullptr || !is_word_class(after->cls))) {
      end_ = s->end;
      advance();
      advance();
    }
  }
}

void Tokenizer::take_word() {
  unsigned char prev = kSep;
  std::size_t seg_len = 0;   // characters since the start or the last '&'
  bool seg_letters = true;   // ... all of them letters
  for (;;) {
    // Fast path: ASCII letters and digits straight from the text.
    while (count_ == 0 && pos_ < text_.size()) {
      const auto b = static_cast<unsigned char>(text_[pos_]);
      if (b >= 0x80) break;
      const unsigned char cls = kAsciiClass[b];
      if (cls != kLetter && cls != kDigit) break;
      if (!full_) {
        if (word_.size() < kMaxWordBytes) {
          word_.push_back(ascii_lower(static_cast<char>(b)));
        } else {
          full_ = true;
        }
      }
      end_ = ++pos_;
      prev = cls;
      ++seg_len;
      if (cls == kDigit) seg_letters = false;
    }
    if (count_ == 0 && pos_ < text_.size()) {
      const auto b = static_cast<unsigned char>(text_[pos_]);
      if (b < 0x80 && kAsciiClass[b] == kSep) break;  // a space or punctuation that joins nothing
    }
    const Char* c = peek(0);
    if (c == nullptr) break;
    if (c->cls == kAccent) {
      take(*c);
      advance();
      continue;
    }
    if (is_alnum_class(c->cls)) {
      take(*c);
      prev = c->cls;
      ++seg_len;
      if (c->cls == kDigit) seg_letters = false;
      advance();
      continue;
    }
    if (!is_alnum_class(prev)) break;
    bool join = false;
    switch (c->cls) {
      case kApos:
      case kUnder: {
        const Char* n = peek(1);
        join = n != nullptr && is_alnum_class(n->cls);
        break;
      }
      case kDot:
      case kComma: {
        const Char* n = peek(1);
        join = prev == kDigit && n != nullptr && n->cls == kDigit;
        break;
      }
      case kAmp: {
        if (!seg_letters || seg_len > 3) break;
        std::size_t k = 0;
        while (k < 4) {
          const Char* n = peek(1 + k);
          if (n == nullptr || n->cls != kLetter) break;
          ++k;
        }
        const Char* after = peek(1 + k);
        join = k >= 1 && k <= 3 && (after == nullptr || !is_word_class(after->cls));
        break;
      }
      default:
        break;
    }
    if (!join) break;
    if (c->cls == kAmp) {
      seg_len = 0;
      seg_letters = true;
    } else {
      seg_letters = false;
    }
    prev = c->cls;
    take(*c);
    advance();
  }
  // "C++", "C#": the signs belong to a word that ends in a letter.
  if (prev == kLetter) {
    const Char* c = peek(0);
    if (c != nullptr && (c->cls == kPlus || c->cls == kHash)) {
      const std::size_t max = c->cls == kPlus ? 3 : 1;
      std::size_t k = 0;
      while (k <= max) {
        const Char* n = peek(k);
        if (n == nullptr || n->cls != c->cls) break;
        ++k;
      }
      const Char* after = peek(k);
      const bool ends = after == nullptr ||
                        !(is_word_class(after->cls) || after->cls == kPlus || after->cls == kHash);
      if (k <= max && ends) {
        for (std::size_t i = 0; i < k; ++i) {
          take(*peek(0));
          advance();
        }
      }
    }
  }
  // The possessive "'s" (an apostrophe is only taken before a letter or
  // digit, so "Reuters'" never got its apostrophe).
  if (!full_ && word_.size() > 2 && word_.compare(word_.size() - 2, 2, "'s") == 0) {
    word_.resize(word_.size() - 2);
  }
}

bool Tokenizer::next() {
  word_.clear();
  full_ = false;
  bigram_split_ = 0;
  const Char* c = nullptr;
  for (;;) {
    if (count_ == 0) {
      // Fast path: ASCII separators, then an ASCII word that cannot be an
      // abbreviation, straight from the text.
      while (pos_ < text_.size()) {
        const auto b = static_cast<unsigned char>(text_[pos_]);
        if (b >= 0x80 || kAsciiClass[b] != kSep) break;
        ++pos_;
      }
      if (pos_ < text_.size()) {
        const auto b = static_cast<unsigned char>(text_[pos_]);
        if (b < 0x80 && (kAsciiClass[b] == kDigit ||
                         (kAsciiClass[b] == kLetter && (pos_ + 1 == text_.size() || text_[pos_ + 1] != '.')))) {
          begin_ = std::max(pos_, end_);
          take_word();
          cover_end_ = end_;
          return true;
        }
      }
    }
    c = peek(0);
    if (c == nullptr || is_word_class(c->cls)) break;
    advance();
  }
  if (c == nullptr) return false;
  // Two words can come from one source character ("½" is 1, 2): the second
  // gets an empty span at the end of the first, so spans never overlap.
  begin_ = std::max(c->begin, end_);
  if (c->cls == kCjk) {
    take_cjk();
    return true;
  }
  if (c->cls == kLetter) {
    const Char* dot = peek(1);
    const Char* letter = peek(2);
    const Char* after = peek(3);
    if (dot != nullptr && dot->cls == kDot && letter != nullptr && letter->cls == kLetter &&
        (after == nullptr || !is_word_class(after->cls))) {
      take_abbreviation();
      cover_end_ = end_;
      return true;
    }
  }
  take_word();
  cover_end_ = end_;
  return true;
}

// A CJK character (with any marks after it) and, when the next character
// is CJK too, that one: the bigram. The span is the first character's,
// unless the second ends the run (then the bigram takes both, and the
// run's last character starts no word of its own).
void Tokenizer::take_cjk() {
  const auto take_char = [this] {
    take(*peek(0));
    advance();
    const Char* m = nullptr;
    while ((m = peek(0)) != nullptr && (m->cls == kMark || m->cls == kAccent)) {
      take(*m);
      advance();
    }
  };
  take_char();
  cover_end_ = end_;
  const Char* second = peek(0);
  if (second == nullptr || second->cls != kCjk) return;
  // Look past the second character (and its marks) for a third.
  std::size_t k = 1;
  const Char* after = nullptr;
  while ((after = peek(k)) != nullptr && (after->cls == kMark || after->cls == kAccent) && k < 7) ++k;
  const bool run_ends = after == nullptr || after->cls != kCjk;
  const std::size_t first_end = end_;
  const std::size_t first_bytes = word_.size();
  if (run_ends) {
    take_char();  // the bigram consumes its second character
    cover_end_ = end_;
    if (!full_ && word_.size() > first_bytes) bigram_split_ = first_bytes;
    return;
  }
  // Append the second character without consuming it: it starts the next
  // bigram. Its marks are not part of this word.
  const std::size_t len = second->cp < 0x800 ? 2 : second->cp < 0x10000 ? 3 : 4;
  if (!full_ && word_.size() + len <= kMaxWordBytes) {
    append_utf8(word_, second->cp);
    bigram_split_ = first_bytes;
  }
  cover_end_ = second->end;
  end_ = first_end;
}

// ---- Analyzer ----

Analyzer::Analyzer(std::string_view language) {
  index_ = stemmer_index(language);
  if (index_ != kNoStemmer && !xapian_has_stemmer(kStemmers[index_].name)) index_ = kNoStemmer;
  if (index_ == kNoStemmer) return;
  stemmer_name_ = kStemmers[index_].name;
  if (index_ == kEnglish) {
    for (const char* w : kStopwords) stopwords_.insert(w);
    return;
  }
  for (std::size_t l = 0; l < kStopwordListCount; ++l) {
    const StopwordList& list = kStopwordLists[l];
    if (list.language != stemmer_name_) continue;
    // One word at the start of each line; "|" starts a comment.
    std::string_view text = list.text;
    while (!text.empty()) {
      const std::size_t eol = std::min(text.find('\n'), text.size());
      std::string_view line = text.substr(0, eol);
      text.remove_prefix(std::min(eol + 1, text.size()));
      line = line.substr(0, std::min(line.find('|'), line.size()));
      const std::size_t end = std::min({line.find(' '), line.find('\t'), line.find('\r'), line.size()});
      if (end == 0) continue;
      Tokenizer tok(line.substr(0, end));
      // A listed word the Tokenizer cuts (none today) stops each of its parts.
      while (tok.next()) {
        if (stopwords_.count(tok.word()) != 0) continue;
        stopwords_.insert(stopword_text_.emplace_back(tok.word()));
      }
    }
  }
}

bool Analyzer::is_stopword(std::string_view word) const { return stopwords_.count(word) != 0; }

std::string_view Analyzer::stem(std::string_view word) const {
  if (index_ == kNoStemmer) return word.substr(0, kMaxWordBytes);  // a Tokenizer word is never longer
  StemState& s = stem_state(index_, stemmer_name_);
  s.key.assign(word.data(), word.size());
  if (auto it = s.cache.find(s.key); it != s.cache.end()) return it->second;
  if (s.cache.size() >= kStemCacheEntries) s.cache.clear();
  std::string stem = s.stemmer(s.key);
  if (stem.size() > kMaxWordBytes) {  // Snowball never lengthens a word; kept as a guarantee
    std::size_t cut = kMaxWordBytes;
    while (cut > 0 && (static_cast<unsigned char>(stem[cut]) & 0xC0) == 0x80) --cut;
    stem.resize(cut);
  }
  return s.cache.emplace(s.key, std::move(stem)).first->second;
}

const Analyzer& analyzer_for(std::string_view language) {
  static const std::array<std::unique_ptr<Analyzer>, kAnalyzers> analyzers = [] {
    std::array<std::unique_ptr<Analyzer>, kAnalyzers> a;
    for (std::size_t i = 0; i < std::size(kStemmers); ++i) a[i] = std::make_unique<Analyzer>(kStemmers[i].code);
    a[kNoStemmer] = std::make_unique<Analyzer>("none");
    return a;
  }();
  return *analyzers[stemmer_index(language)];
}

const Analyzer& default_analyzer() { return analyzer_for(""); }

bool has_stemmer(std::string_view language) { return !analyzer_for(language).stemmer_name().empty(); }

}  // namespace newsdex
