// The server-rendered search page of newsdex-serve: a form and its
// results as HTML that works without JavaScript. Every article field and
// the query pass through html_escape (text.h) and every link through
// http_link or url_encode, so nothing from the archive becomes markup.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "newsdex/search.h"

namespace newsdex::serve {

// Appends byte `c` to `out` as %XX (upper-case hex).
void append_percent_escape(std::string& out, char c);

// `text` percent-encoded for a URL's query component: every byte but
// A-Z a-z 0-9 - _ . ~ as %XX.
std::string url_encode(std::string_view text);

// `url` when it is an absolute http: or https: URL (scheme in any case,
// no white space or control character in it), else "": the only links the
// page makes from an article's url.
std::string http_link(std::string_view url);

// What the page shows.
struct PageView {
  std::string query;          // as the user wrote it ("" : the empty form)
  std::string sort = "relevance";
  unsigned offset = 0;
  unsigned limit = 10;
  // The search's results; absent for the empty form or an error. Titles
  // and snippets must have been made with HighlightStyle{"<mark>",
  // "</mark>", html_escape = true} (search_page_options).
  const SearchResponse* response = nullptr;
  std::string error;          // a one-line message shown instead of results
};

// The styles run_search must use for the page's titles and snippets.
HighlightStyle page_highlight_style();

// The whole page: a doctype, the form (labelled), the suggestion link,
// the count, the results (title linked to the article's http(s) URL when
// it has one, date, source, snippet with <mark>), previous/next links.
// Links /static/style.css and /static/app.js; no inline script or style.
std::string render_page(const PageView& view);

}  // namespace newsdex::serve
