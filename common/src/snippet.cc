#include "newsdex/snippet.h"

#include <utf8proc.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "newsdex/analyzer.h"
#include "newsdex/schema.h"

namespace newsdex {

namespace {

using Match = Highlighter::Match;

struct Token {
  std::size_t begin;
  std::size_t end;
  Highlighter::Match match;  // weight > 0 when the word matches the query
};

bool is_word_codepoint(utf8proc_int32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
  }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_PC:
      return true;
    default:
      return false;
  }
}

bool is_apostrophe(utf8proc_int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018; }

// Decodes the code point at `i`; invalid bytes decode as one-byte U+FFFD.
utf8proc_int32_t decode_at(std::string_view s, std::size_t i, std::size_t& len) {
  utf8proc_int32_t cp = 0;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) {
    len = 1;
    return 0xFFFD;
  }
  len = static_cast<std::size_t>(n);
  return cp;
}

// Words of `text`: runs of letters, marks and digits, with apostrophes
// inside a word and "." or "," between digits kept in it.
std::vector<Token> tokenize(std::string_view text, const Highlighter& h) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len = 0;
    utf8proc_int32_t cp = decode_at(text, i, len);
    if (!is_word_codepoint(cp)) {
      i += len;
      continue;
    }
    const std::size_t begin = i;
    utf8proc_int32_t prev = cp;
    i += len;
    while (i < text.size()) {
      cp = decode_at(text, i, len);
      if (is_word_codepoint(cp)) {
        prev = cp;
        i += len;
        continue;
      }
      const bool joiner = is_apostrophe(cp) || ((cp == '.' || cp == ',') && prev >= '0' && prev <= '9');
      if (!joiner || i + len >= text.size()) break;
      std::size_t next_len = 0;
      const utf8proc_int32_t next = decode_at(text, i + len, next_len);
      const bool continues = is_apostrophe(cp) ? is_word_codepoint(next) : (next >= '0' && next <= '9');
      if (!continues) break;
      prev = cp;
      i += len;
    }
    tokens.push_back({begin, i, h.match(text.substr(begin, i - begin))});
  }
  return tokens;
}

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Appends text[begin, end) with whitespace collapsed and, when asked, HTML
// escaped. `pending_space` carries a collapsed space across calls.
void append_text(std::string& out, std::string_view text, bool escape, bool& pending_space) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool space = is_space_byte(c);
    if (!space && c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      space = true;
      ++i;
    }
    if (space) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    if (escape) {
      switch (c) {
        case '&': out += "&amp;"; continue;
        case '<': out += "&lt;"; continue;
        case '>': out += "&gt;"; continue;
        case '"': out += "&quot;"; continue;
        default: break;
      }
    }
    out.push_back(c);
  }
}

std::string render(std::string_view text, const std::vector<Token>& tokens, std::size_t begin,
                   std::size_t end, const HighlightStyle& style) {
  std::string out;
  bool pending_space = false;
  std::size_t pos = begin;
  for (const Token& t : tokens) {
    if (t.end <= begin || t.match.weight <= 0) continue;
    if (t.begin >= end) break;
    append_text(out, text.substr(pos, t.begin - pos), style.html_escape, pending_space);
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out += style.start;
    append_text(out, text.substr(t.begin, t.end - t.begin), style.html_escape, pending_space);
    out += style.end;
    pos = t.end;
  }
  append_text(out, text.substr(pos, end - pos), style.html_escape, pending_space);
  return out;
}

// The schema prefix a term starts with, or "" for an unprefixed term.
std::string_view prefix_of_term(const std::string& term) {
  std::string_view best;
  for (const schema::Field& f : schema::kFields) {
    if (term.compare(0, f.prefix.size(), f.prefix) == 0 && f.prefix.size() > best.size()) best = f.prefix;
  }
  if (term.compare(0, schema::kFilePrefix.size(), schema::kFilePrefix) == 0) best = schema::kFilePrefix;
  return best;
}

}  // namespace

Highlighter::Highlighter(const Xapian::Query& query, const Xapian::Database& db) {
  const double n = db.get_doccount() > 0 ? static_cast<double>(db.get_doccount()) : 0.0;
  auto weight_of = [&](const std::string& term) {
    if (n == 0) return 1.0;
    const double tf = std::max<double>(1.0, static_cast<double>(db.get_termfreq(term)));
    return 1.0 + std::log(1.0 + n / tf);
  };
  const Analyzer& analyzer = default_analyzer();
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string term = *it;
    const double w = weight_of(term);
    const std::string_view prefix = prefix_of_term(term);
    if (prefix == schema::kIdPrefix || prefix == schema::kFilePrefix) continue;
    const schema::Field* field = nullptr;
    for (const schema::Field& f : schema::kFields) {
      if (f.prefix == prefix) field = &f;
    }
    // Unprefixed and text-field terms are stems (see analyzer.h).
    if (prefix.empty() || (field != nullptr && field->kind == schema::FieldKind::text)) {
      const std::string stem = term.substr(prefix.size());
      if (stem.empty() || analyzer.is_stopword_stem(stem)) continue;
      double& slot = stems_[stem];
      slot = std::max(slot, w);
      continue;
    }
    // Entity terms hold a normalised name: each of its words matches.
    const std::string value = term.substr(prefix.size());
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t sp = value.find(' ', start);
      if (sp == std::string::npos) sp = value.size();
      const std::string word = value.substr(start, sp - start);
      if (!word.empty() && !analyzer.is_stopword(word)) {
        double& slot = terms_[word];
        slot = std::max(slot, w);
      }
      start = sp + 1;
    }
  }
}

Highlighter::Match Highlighter::match(std::string_view word) const {
  if (terms_.empty() && stems_.empty()) return {};
  const Analyzer& analyzer = default_analyzer();
  const std::string term = analyzer.term_of(word);
  if (term.empty()) return {};
  if (auto it = terms_.find(term); it != terms_.end()) return {it->second, &it->first};
  if (stems_.empty() || analyzer.is_stopword(term)) return {};
  if (auto it = stems_.find(analyzer.stem_of(term)); it != stems_.end()) return {it->second, &it->first};
  return {};
}

std::string Highlighter::highlight(std::string_view text, const HighlightStyle& style) const {
  return render(text, tokenize(text, *this), 0, text.size(), style);
}

std::string Highlighter::snippet(std::string_view text, const HighlightStyle& style,
                                 const SnippetOptions& options) const {
  const std::vector<Token> tokens = tokenize(text, *this);
  const std::size_t length = std::max<std::size_t>(options.length, 40);
  const std::size_t lead = length / 6;  // context kept before the first match

  std::size_t best_begin = 0;
  double best_score = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].match.weight <= 0) continue;
    std::size_t begin = tokens[i].begin > lead ? tokens[i].begin - lead : 0;
    // Prefer to start at the sentence that holds the match, when close.
    for (std::size_t j = i; j > 0; --j) {
      if (tokens[i].begin - tokens[j - 1].begin > lead * 2) break;
      const std::size_t gap_begin = tokens[j - 1].end;
      const std::string_view gap = text.substr(gap_begin, tokens[j].begin - gap_begin);
      if (gap.find_first_of(".!?\n") != std::string_view::npos) {
        begin = tokens[j].begin;
        break;
      }
      if (j - 1 == 0 && tokens[0].begin < lead * 2) begin = 0;
    }
    const std::size_t end = begin + length;
    double score = 0;
    std::vector<const std::string*> seen;
    for (std::size_t k = i; k < tokens.size() && tokens[k].end <= end; ++k) {
      const Match& m = tokens[k].match;
      if (m.weight <= 0) continue;
      // Distinct query words count fully, repeats a little.
      const bool repeat = std::find(seen.begin(), seen.end(), m.key) != seen.end();
      score += repeat ? m.weight * 0.2 : m.weight;
      if (!repeat) seen.push_back(m.key);
    }
    if (score > best_score) {
      best_score = score;
      best_begin = begin;
    }
  }

  // Snap the window to token boundaries.
  std::size_t begin = best_begin;
  auto first = std::lower_bound(tokens.begin(), tokens.end(), begin,
                                [](const Token& t, std::size_t b) { return t.end <= b; });
  if (first != tokens.end() && first->begin < begin) begin = first->begin;
  if (first != tokens.end() && begin > 0 && first->begin > begin) begin = first->begin;
  std::size_t end = std::min(text.size(), begin + length);
  if (end < text.size()) {
    auto last = std::upper_bound(tokens.begin(), tokens.end(), end,
                                 [](std::size_t e, const Token& t) { return e < t.end; });
    if (last != tokens.begin()) end = std::prev(last)->end;
    // Keep closing punctuation that belongs to the last word.
    while (end < text.size() && (text[end] == '.' || text[end] == ',' || text[end] == '"' || text[end] == ')')) ++end;
  }
  std::string out;
  if (begin > 0) out += options.ellipsis;
  out += render(text, tokens, begin, end, style);
  if (end < text.size()) out += options.ellipsis;
  return out;
}

}  // namespace newsdex
