#include "suggest.h"

#include <algorithm>
#include <cctype>

#include "newsdex/analyzer.h"
#include "newsdex/schema.h"

namespace newsdex {

namespace {

bool has_digit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Articles the stem is found in: the larger of its body and title counts
// (a lower bound of the articles with either).
Xapian::doccount stem_articles(const Xapian::Database& db, const std::string& stem) {
  return std::max(db.get_termfreq(stem), db.get_termfreq(std::string(schema::prefix_of("title")) + stem));
}

// `suggestion` (normalised: lower case) in the case `written` has: all
// capitals when written has two or more letters and all are ASCII
// capitals, capitalised when its first byte is an ASCII capital.
std::string in_case_of(std::string_view written, std::string suggestion) {
  std::size_t letters = 0, upper = 0;
  for (char c : written) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      ++letters;
      if (std::isupper(static_cast<unsigned char>(c))) ++upper;
    }
  }
  if (letters >= 2 && upper == letters) {
    for (char& c : suggestion) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  } else if (!written.empty() && std::isupper(static_cast<unsigned char>(written.front())) && !suggestion.empty()) {
    suggestion.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(suggestion.front())));
  }
  return suggestion;
}

}  // namespace

std::string corrected_query(const Xapian::Database& db, std::string_view query, const ParsedQuery& parsed) {
  const Analyzer& analyzer = default_analyzer();
  std::string out;
  std::size_t copied = 0;  // bytes of `query` already in out
  bool changed = false;
  for (const QueryWord& w : parsed.words) {
    if (w.begin < copied || w.end > query.size() || w.word.size() < 3 || has_digit(w.word)) continue;
    // A word the archive uses is taken as written: rare correct words
    // (names above all: Sharaa, Hinton, Diack) have frequent neighbours
    // (share, Hilton, Dick) as often as typos do.
    if (stem_articles(db, w.stem) > 0) continue;
    const unsigned distance = w.word.size() <= 4 ? 1 : 2;
    const std::string suggestion = db.get_spelling_suggestion(w.word, distance);
    if (suggestion.empty() || suggestion == w.word) continue;
    if (analyzer.stem(suggestion) == w.stem) continue;
    out.append(query.substr(copied, w.begin - copied));
    out += in_case_of(query.substr(w.begin, w.end - w.begin), suggestion);
    copied = w.end;
    changed = true;
  }
  if (!changed) return {};
  out.append(query.substr(copied));
  return out;
}

}  // namespace newsdex
