#include "page.h"

#include <algorithm>

#include "newsdex/article.h"
#include "newsdex/text.h"

namespace newsdex::serve {

void append_percent_escape(std::string& out, char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto u = static_cast<unsigned char>(c);
  out.push_back('%');
  out.push_back(kHex[u >> 4]);
  out.push_back(kHex[u & 15]);
}

std::string url_encode(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' ||
                       u == '_' || u == '.' || u == '~';
    if (plain) {
      out.push_back(c);
    } else {
      append_percent_escape(out, c);
    }
  }
  return out;
}

std::string http_link(std::string_view url) {
  for (const char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return {};
  }
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos) return {};
  const std::string scheme = ascii_lower(url.substr(0, colon));
  if ((scheme != "http" && scheme != "https") || url.substr(colon + 1, 2) != "//" || url.size() <= colon + 3) {
    return {};
  }
  return std::string(url);
}

HighlightStyle page_highlight_style() { return HighlightStyle{"<mark>", "</mark>", true, false}; }

namespace {

// "/?q=...&sort=...&offset=N" for the page of `view` starting at `offset`.
std::string page_link(const PageView& view, std::string_view query, unsigned offset) {
  std::string link = "/?q=" + url_encode(query);
  if (view.sort != "relevance") link += "&sort=" + url_encode(view.sort);
  if (view.limit != 10) link += "&limit=" + std::to_string(view.limit);
  if (offset > 0) link += "&offset=" + std::to_string(offset);
  return link;
}

void append_result(std::string& out, const SearchResult& r) {
  const Article& a = r.article;
  out += "<li class=\"result\" data-id=\"" + html_escape(a.id) + "\">\n<h2 class=\"title\">";
  const std::string title = r.title.empty() ? html_escape(a.id) : r.title;
  if (const std::string link = http_link(a.url); !link.empty()) {
    out += "<a href=\"" + html_escape(link) + "\" rel=\"noopener noreferrer\">" + title + "</a>";
  } else {
    out += title;
  }
  out += "</h2>\n<p class=\"meta\">";
  if (a.date) {
    const std::string iso = format_iso8601(*a.date);
    out += "<time datetime=\"" + html_escape(iso) + "\">" + html_escape(iso.substr(0, 10)) + "</time>";
  } else {
    out += "<span class=\"undated\">undated</span>";
  }
  if (!a.source.empty()) out += " · <span class=\"source\">" + html_escape(a.source) + "</span>";
  if (r.duplicates > 0) {
    out += " · <span class=\"similar\">" + std::to_string(r.duplicates) + " similar</span>";
  }
  out += "</p>\n<p class=\"snippet\">" + r.snippet + "</p>\n</li>\n";
}

}  // namespace

std::string render_page(const PageView& view) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  out += view.query.empty() ? std::string("newsdex") : html_escape(view.query) + " - newsdex";
  out += "</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
         "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n"
         "<header>\n<h1><a href=\"/\">newsdex</a></h1>\n<form method=\"get\" action=\"/\" role=\"search\" id=\"search-form\">\n"
         "<label for=\"q\">Search the archive</label>\n"
         "<input type=\"search\" id=\"q\" name=\"q\" value=\"" +
         html_escape(view.query) +
         "\" autocomplete=\"off\">\n"
         "<button type=\"submit\">Search</button>\n"
         "<a href=\"/static/syntax.html\" class=\"syntax-link\">Query syntax</a>\n"
         "</form>\n</header>\n<main id=\"main\">\n";
  if (!view.error.empty()) {
    out += "<p class=\"error\" role=\"alert\">" + html_escape(view.error) + "</p>\n";
  } else if (view.response != nullptr) {
    const SearchResponse& response = *view.response;
    if (response.suggestion) {
      out += "<p class=\"suggestion\">Did you mean: <a href=\"" +
             html_escape(page_link(view, response.suggestion->query, 0)) + "\">" +
             html_escape(response.suggestion->query) + "</a>? (" + std::to_string(response.suggestion->total) +
             (response.suggestion->total == 1 ? " match" : " matches") + ")</p>\n";
    }
    const Xapian::doccount total = response.total;
    out += "<p class=\"count\" id=\"count\">";
    out += response.total_exact ? std::to_string(total) : "about " + std::to_string(total);
    out += total == 1 ? " match" : " matches";
    out += "</p>\n";
    if (!response.results.empty()) {
      out += "<ol class=\"results\" id=\"results\" start=\"" + std::to_string(view.offset + 1) + "\">\n";
      for (const SearchResult& r : response.results) append_result(out, r);
      out += "</ol>\n";
    }
    out += "<nav class=\"paging\" aria-label=\"Result pages\">\n";
    if (view.offset > 0) {
      const unsigned previous = view.offset > view.limit ? view.offset - view.limit : 0;
      out += "<a rel=\"prev\" href=\"" + html_escape(page_link(view, view.query, previous)) + "\">Previous</a>\n";
    }
    if (static_cast<Xapian::doccount>(view.offset) + view.limit < total && !response.results.empty()) {
      out += "<a rel=\"next\" href=\"" + html_escape(page_link(view, view.query, view.offset + view.limit)) +
             "\">Next</a>\n";
    }
    out += "</nav>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace newsdex::serve
