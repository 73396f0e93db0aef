// Snippets and highlighting: the words of a text that match a query, marked
// as they were written ("Sanctions", not the stem "sanction").
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include <xapian.h>

namespace newsdex {

struct HighlightStyle {
  std::string start;      // before each matching word, e.g. "<b>" or "\x1b[1m"
  std::string end;        // after it
  bool html_escape = false;  // escape &, <, >, " in the text (not the marks)
};

struct SnippetOptions {
  std::size_t length = 200;  // target length in bytes of text, marks excluded
  std::string ellipsis = "...";
};

class Highlighter {
 public:
  // Collects the words of `query` (the stems of unprefixed and text-field
  // terms, the words of entity terms) weighted by their inverse
  // document frequency in `db`. `db` may be empty: weights are then equal.
  Highlighter(const Xapian::Query& query, const Xapian::Database& db);

  // The passage of about options.length bytes of `text` that best covers the
  // query's words (rarer words count more), whitespace collapsed, matching
  // words marked, "..." where text was cut. When nothing matches: the start
  // of the text.
  std::string snippet(std::string_view text, const HighlightStyle& style,
                      const SnippetOptions& options) const;

  // All of `text` (whitespace collapsed) with matching words marked.
  std::string highlight(std::string_view text, const HighlightStyle& style) const;

  // How a word of text matches the query: weight 0 and key nullptr when it
  // does not; else the query word's weight and a key that is the same
  // pointer for every word matching the same query word.
  struct Match {
    double weight = 0;
    const std::string* key = nullptr;
  };
  Match match(std::string_view word) const;

 private:
  std::unordered_map<std::string, double> terms_;  // normalised word -> weight
  std::unordered_map<std::string, double> stems_;  // stem -> weight
};

}  // namespace newsdex
