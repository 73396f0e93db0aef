// Finding the article body in a page (private to common/readers):
// extract_body() reads a DomTree the way Mozilla Readability does:
// paragraphs are scored by length and commas, their scores flow to parent
// and grandparent, candidates are discounted by link density and nudged by
// class/id hints, the best candidate and its qualifying siblings are taken
// (with prose blocks beside their container, for articles split by a "read
// more" wrapper or an ad slot) and then cleaned of link lists, captions,
// bylines and other boilerplate. Attempts that give little text are retried
// with fewer heuristics. No recursion on the tree.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "readers/html_dom.h"

namespace newsdex::html {

struct Extraction {
  std::vector<std::string> paragraphs;
  std::string byline;  // text of the first byline element seen, else of a
                       // byline paragraph ("Par Camille Dubois") among the
                       // body's first, if any
  int top = -1;        // the chosen candidate (-1 when nothing was chosen)
};

// The article text of `dom`: its paragraphs, and the first byline element's
// text. `title` is the article's title, used to drop headings that repeat
// it; `is_date_line` says whether a short text is a date line (it may
// always say no).
Extraction extract_body(const DomTree& dom, const std::string& title,
                        const std::function<bool(const std::string&)>& is_date_line);

// True when `text` holds an HTML tag: "</", "<!--", or "<" with the name
// of an HTML element after it and a ">" later ("<img src=...>", "<p>");
// "a<b then" or "x < 3" is no markup.
bool has_markup(std::string_view text);

// The text of an HTML fragment held in a string (a JSON-LD articleBody, a
// feed item's description or content) as paragraphs: its entities decoded
// (the named ones fragments use and numeric ones), then markup parsed and
// reduced to its text, blocks and line breaks kept apart; text without
// markup is split at line breaks.
std::vector<std::string> fragment_paragraphs(const std::string& html);

// fragment_paragraphs joined by a blank line: a body's text.
std::string fragment_text(const std::string& html);

// The text of a short HTML fragment (a title that may hold markup or
// entities) on one line: fragment_paragraphs joined by a space, white space
// collapsed; a text with neither "<" nor "&" only has its white space
// collapsed.
std::string fragment_line(const std::string& html);

// The same for markup whose entities are already decoded and whose text is
// escaped (an XHTML body written out as HTML): it is not decoded again.
std::vector<std::string> markup_paragraphs(const std::string& html);

}  // namespace newsdex::html
