#include "newsdex/snippet.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "newsdex/analyzer.h"
#include "newsdex/text.h"

namespace newsdex {

namespace {

using Match = Highlighter::Match;

struct Token {
  std::size_t begin;
  std::size_t end;
  Highlighter::Match match;  // weight > 0 when the word matches the query
};

// The words of `text` (the analyzer's Tokenizer) with how each matches,
// in text order, spans not overlapping. A matching CJK bigram spans both
// its characters (Tokenizer::cover_end), so "商標" is marked whole; the
// word after it then starts where it ends, or is left out when the
// bigram covers it.
std::vector<Token> tokenize(std::string_view text, const Highlighter& h, const Analyzer* language) {
  std::vector<Token> tokens;
  Tokenizer words(text);
  std::size_t covered = 0;  // end of the last token
  while (words.next()) {
    if (words.end() == words.begin()) continue;  // the second word of one character ("½")
    const Match m = h.match(words.word(), language);
    const std::size_t begin = std::max(words.begin(), covered);
    const std::size_t end = m.weight > 0 ? std::max(words.end(), words.cover_end()) : words.end();
    if (end <= begin) continue;
    if (m.weight > 0 && begin > words.begin() && !tokens.empty() && tokens.back().match.weight > 0 &&
        tokens.back().end == begin) {
      tokens.back().end = end;  // the next bigram of a matching CJK run: one mark for the run
      covered = end;
      continue;
    }
    tokens.push_back({begin, end, m});
    covered = end;
  }
  return tokens;
}

// Appends text[begin, end) with white space collapsed (as
// append_collapsed) and, when asked, HTML escaped. `pending_space` carries
// a collapsed space across calls.
void append_text(std::string& out, std::string_view text, bool escape, bool& pending_space) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (const std::size_t n = space_at(text, i)) {
      pending_space = true;
      i += n - 1;
      continue;
    }
    if (const std::size_t n = invisible_at(text, i)) {
      i += n - 1;
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

// append_text, through terminal_safe() first when the style asks.
void append_styled(std::string& out, std::string_view text, const HighlightStyle& style, bool& pending_space) {
  if (style.terminal_safe) {
    append_text(out, terminal_safe(text), style.html_escape, pending_space);
  } else {
    append_text(out, text, style.html_escape, pending_space);
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
    append_styled(out, text.substr(pos, t.begin - pos), style, pending_space);
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out += style.start;
    append_styled(out, text.substr(t.begin, t.end - t.begin), style, pending_space);
    out += style.end;
    pos = t.end;
  }
  append_styled(out, text.substr(pos, end - pos), style, pending_space);
  return out;
}

}  // namespace

Highlighter::Highlighter(const ParsedQuery& parsed, const Xapian::Database& db) : analyzers_(parsed.analyzers) {
  if (analyzers_.empty()) analyzers_.push_back(&default_analyzer());
  const double n = db.get_doccount() > 0 ? static_cast<double>(db.get_doccount()) : 0.0;
  auto weight_of = [&](const std::string& term) {
    if (n == 0) return 1.0;
    const double tf = std::max<double>(1.0, static_cast<double>(db.get_termfreq(term)));
    return 1.0 + std::log(1.0 + n / tf);
  };
  const Analyzer& analyzer = default_analyzer();
  for (const std::string& stem : parsed.stems) {
    if (stems_.count(stem) == 0) stems_[stem] = weight_of(stem);
  }
  for (const std::string& word : parsed.names) {
    if (names_.count(word) == 0) names_[word] = weight_of(std::string(analyzer.stem(word)));
  }
  for (const std::string& w : parsed.wildcards) wildcards_.emplace_back(w, weight_of(w));
}

Highlighter::Match Highlighter::match(const std::string& word, const Analyzer* language) const {
  if (names_.empty() && stems_.empty() && wildcards_.empty()) return {};
  if (auto it = names_.find(word); it != names_.end()) return {it->second, &it->first};
  // The word's stem in the article's language, else in each query language
  // (the article's own is one of them), where it is no stopword.
  // (A pointer range, so that this per-word call allocates nothing.)
  const Analyzer* const* first = language != nullptr ? &language : analyzers_.data();
  const Analyzer* const* last = language != nullptr ? &language + 1 : analyzers_.data() + analyzers_.size();
  for (const Analyzer* const* a = first; a != last; ++a) {
    const Analyzer* analyzer = *a;
    if (analyzer->is_stopword(word)) continue;
    const std::string_view stem = analyzer->stem(word);
    if (auto it = stems_.find(std::string(stem)); it != stems_.end()) return {it->second, &it->first};
    for (const auto& [beginning, weight] : wildcards_) {
      if (stem.compare(0, beginning.size(), beginning) == 0 || word.compare(0, beginning.size(), beginning) == 0) {
        return {weight, &beginning};
      }
    }
  }
  return {};
}

std::string Highlighter::highlight(std::string_view text, const HighlightStyle& style,
                                   const Analyzer* language) const {
  return render(text, tokenize(text, *this, language), 0, text.size(), style);
}

std::string Highlighter::snippet(std::string_view text, const HighlightStyle& style,
                                 const SnippetOptions& options, const Analyzer* language) const {
  const std::vector<Token> tokens = tokenize(text, *this, language);
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
