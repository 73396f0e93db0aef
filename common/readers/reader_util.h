// Small text helpers shared by the readers (private to common/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsdex/article.h"
#include "newsdex/encoding.h"
#include "newsdex/text.h"

namespace newsdex {

// Hard-wrapped text as paragraphs separated by "\n\n": a blank line or an
// indented line starts a paragraph; other lines continue the current one.
// Inside a paragraph, runs of whitespace become one space (as
// collapse_whitespace). Written in one pass: a body of any size costs one
// copy.
inline std::string paragraphs_from_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool has_text = false;  // the current paragraph has text in `out`
  bool space = false;     // a space is due before its next character
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) nl = s.size();
    const std::string_view line = s.substr(pos, nl - pos);
    pos = nl + 1;
    const bool blank = trim(line).empty();
    const bool indented = !line.empty() && (line[0] == ' ' || line[0] == '\t');
    if (blank || indented) has_text = space = false;  // a new paragraph
    if (blank) continue;
    space = has_text;  // lines of one paragraph are joined by a space
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      bool is_space = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
      if (!is_space && c == '\xC2' && i + 1 < line.size() && line[i + 1] == '\xA0') {
        is_space = true;
        ++i;
      }
      if (is_space) {
        space = has_text;
        continue;
      }
      if (!has_text && !out.empty()) {
        out += "\n\n";
      } else if (space) {
        out += ' ';
      }
      space = false;
      has_text = true;
      out += c;
    }
  }
  return out;
}

// `s` cut to at most `max` bytes (on a UTF-8 boundary) with "..." added.
inline std::string shorten(std::string_view s, std::size_t max = 60) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

// Adds `text` to `topics` as one topic the input gives (Article::topics):
// as written, unless it is only white space. The common reader checks
// (Reader::read) normalise, deduplicate and bound the list, and report
// what they drop, so readers add every topic they find.
inline void add_topic(std::vector<std::string>& topics, std::string_view text) {
  if (!trim(text).empty()) topics.emplace_back(text);
}

// Adds each part of a list of topics in one text, "economy, trade;
// shipping": split at commas and semicolons (a keywords field).
inline void add_topic_list(std::vector<std::string>& topics, std::string_view list) {
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find_first_of(",;", start);
    if (end == std::string_view::npos) end = list.size();
    add_topic(topics, list.substr(start, end - start));
    start = end + 1;
  }
}

// Makes every text field of `a` valid UTF-8 (invalid bytes decoded as
// decode_text does), whatever a parser let through. The id is left alone:
// an id made from a file name keeps that name's bytes.
inline void repair_text_fields(Article& a) {
  for (std::string* f : {&a.title, &a.author, &a.source, &a.url, &a.body, &a.dateline}) {
    if (!is_valid_utf8(*f)) *f = decode_text(*f).text;
  }
}

}  // namespace newsdex
