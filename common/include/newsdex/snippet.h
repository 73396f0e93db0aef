// Snippets and highlighting: the words of a text that match a query, marked
// as they were written ("Sanctions", not the stem "sanction").
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

#include "newsdex/query.h"

namespace newsdex {

struct HighlightStyle {
  std::string start;      // before each matching word, e.g. "<b>" or "\x1b[1m"
  std::string end;        // after it
  bool html_escape = false;    // escape &, <, >, " in the text (not the marks)
  bool terminal_safe = false;  // pass the text (not the marks) through terminal_safe()
};

struct SnippetOptions {
  std::size_t length = 200;  // target length in bytes of text, marks excluded
  std::string ellipsis = "...";
};

class Highlighter {
 public:
  // Marks the words `parsed` searched for (ParsedQuery::stems, wildcards
  // and names), each weighted by its inverse document frequency in `db`
  // (the body term of its stem). `db` may be empty: weights are then
  // equal. Words of text are the Tokenizer's, so a text word matches
  // exactly when the index holds it under a searched term.
  Highlighter(const ParsedQuery& parsed, const Xapian::Database& db);

  // The passage of about options.length bytes of `text` that best covers the
  // query's words (rarer words count more), whitespace collapsed, matching
  // words marked, "..." where text was cut. When nothing matches: the start
  // of the text.
  // `language`, when given, is the analyzer of the text's article
  // (analyzer_for(Article::language)): its words are stemmed in that
  // language only, the one its article was indexed in, instead of in every
  // query language.
  std::string snippet(std::string_view text, const HighlightStyle& style,
                      const SnippetOptions& options, const Analyzer* language = nullptr) const;

  // All of `text` (whitespace collapsed) with matching words marked.
  std::string highlight(std::string_view text, const HighlightStyle& style,
                        const Analyzer* language = nullptr) const;

  // How a word of text (normalised, as Tokenizer::word gives it) matches
  // the query: weight 0 and key nullptr when it does not; else the query
  // word's weight and a key that is the same pointer for every text word
  // matching the same query word.
  struct Match {
    double weight = 0;
    const std::string* key = nullptr;
  };
  // `language` as for snippet().
  Match match(const std::string& word, const Analyzer* language = nullptr) const;

 private:
  std::unordered_map<std::string, double> names_;  // normalised word -> weight
  std::unordered_map<std::string, double> stems_;  // stem -> weight
  std::vector<std::pair<std::string, double>> wildcards_;  // beginning -> weight
  std::vector<const Analyzer*> analyzers_;  // ParsedQuery::analyzers (default_analyzer when none)
};

}  // namespace newsdex
