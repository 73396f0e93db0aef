#include "newsdex/analyzer.h"

#include <utf8proc.h>

#include "newsdex/schema.h"

#include <array>
#include <cstring>

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

bool is_accent_mark(utf8proc_int32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE20 && cp <= 0xFE2F);
}

void append_utf8(std::string& out, utf8proc_int32_t cp) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

// Punctuation that news text writes in several ways, mapped to ASCII.
// Returns 0 when `cp` has no such mapping.
char ascii_punctuation(utf8proc_int32_t cp, bool query) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0xFF07: case 0x2032:
      return '\'';
    case 0x2010: case 0x2011: case 0x2212: case 0xFE63: case 0xFF0D:
      return '-';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0xFF02:
      return query ? '"' : ' ';
    case 0x00A0: case 0x2007: case 0x202F:
      return ' ';
    default:
      return 0;
  }
}

// Appends the normalised form of one non-ASCII code point.
void append_normalized(std::string& out, utf8proc_int32_t cp, bool keep_case) {
  if (char c = ascii_punctuation(cp, keep_case)) {
    out.push_back(c);
    return;
  }
  const utf8proc_property_t* prop = utf8proc_get_property(cp);
  const bool upper = keep_case && (prop->category == UTF8PROC_CATEGORY_LU ||
                                   prop->category == UTF8PROC_CATEGORY_LT);
  std::array<utf8proc_int32_t, 32> buf{};
  int last_boundclass = 0;
  utf8proc_ssize_t n = utf8proc_decompose_char(
      cp, buf.data(), static_cast<utf8proc_ssize_t>(buf.size()),
      static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE),
      &last_boundclass);
  if (n < 0 || n > static_cast<utf8proc_ssize_t>(buf.size())) {
    append_utf8(out, cp);
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
    if (upper) c = utf8proc_toupper(c);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (char p = ascii_punctuation(c, keep_case)) {
      out.push_back(p);
    } else {
      append_utf8(out, c);
    }
  }
}

bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// True when the byte at `i` starts something that continues a word: an ASCII
// letter or digit, or any non-ASCII byte (letters of other scripts).
bool continues_word(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  const auto c = static_cast<unsigned char>(s[i]);
  return is_ascii_alnum(c) || c >= 0x80 || c == '\'' || c == '_';
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

std::string normalize(std::string_view text, bool keep_case) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const utf8proc_ssize_t len = static_cast<utf8proc_ssize_t>(text.size());
  utf8proc_ssize_t i = 0;
  while (i < len) {
    const utf8proc_uint8_t b = p[i];
    if (b < 0x80) {
      char c = static_cast<char>(b);
      if (!keep_case && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      out.push_back(c);
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p + i, len - i, &cp);
    if (n <= 0) {  // invalid byte: callers promise UTF-8, but never loop
      out.append("\xEF\xBF\xBD");
      ++i;
      continue;
    }
    append_normalized(out, cp, keep_case);
    i += n;
  }
  strip_possessives(out);
  return out;
}

constexpr const char* kLanguage = "english";

}  // namespace

std::string normalize_text(std::string_view text) { return normalize(text, false); }

std::string normalize_query(std::string_view query) { return normalize(query, true); }

std::string normalize_filter_value(std::string_view value) {
  const std::string n = normalize(value, false);
  std::string out;
  out.reserve(n.size());
  for (char c : n) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Analyzer::Analyzer() {
  const Xapian::Stem stem(kLanguage);
  for (const char* w : kStopwords) {
    stopper_.add(w);
    stopword_stems_.insert(stem(w));
  }
}

Xapian::TermGenerator Analyzer::make_term_generator() const {
  Xapian::TermGenerator tg;
  // Each TermGenerator gets its own stemmer: a term generator is used by
  // one thread at a time, while copies of one Xapian::Stem share their
  // Snowball state, which two threads must not use at once.
  tg.set_stemmer(Xapian::Stem(kLanguage));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  tg.set_stopper(&stopper_);
  tg.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
  return tg;
}

void Analyzer::index_text(Xapian::TermGenerator& tg, std::string_view text,
                          Xapian::termcount wdf_inc, std::string_view prefix) const {
  tg.index_text(normalize_text(text), wdf_inc, std::string(prefix));
}

void Analyzer::configure(Xapian::QueryParser& qp) const {
  qp.set_stemmer(Xapian::Stem(kLanguage));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  qp.set_stopper(&stopper_);
}

std::string Analyzer::term_of(std::string_view word) const {
  std::string t = normalize_text(word);
  while (!t.empty() && (t.back() == '\'' || t.back() == '-')) t.pop_back();
  while (!t.empty() && (t.front() == '\'' || t.front() == '-')) t.erase(0, 1);
  return t;
}

std::string Analyzer::stem_of(std::string_view normalized_term) const {
  if (normalized_term.empty()) return {};
  thread_local Xapian::Stem stemmer(kLanguage);
  return stemmer(std::string(normalized_term));
}

bool Analyzer::is_stopword(std::string_view normalized_term) const {
  return stopper_(std::string(normalized_term));
}

bool Analyzer::is_stopword_stem(std::string_view stem) const {
  return stopword_stems_.count(std::string(stem)) != 0;
}

const Analyzer& default_analyzer() {
  static const Analyzer analyzer;
  return analyzer;
}

}  // namespace newsdex
