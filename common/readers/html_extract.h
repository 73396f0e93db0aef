// Article-body extraction for HtmlReader (private to common/src; included
// only by html_reader.cc, so everything here is inline).
//
// DomTree is a compact copy of a parsed libxml2 HTML document that keeps only
// what extraction needs; while it is built it also collects the page facts
// the reader turns into metadata (PageFacts). extract_body() finds the
// article text in a DomTree the way Mozilla Readability does: paragraphs are
// scored by length and commas, their scores flow to parent and grandparent,
// candidates are discounted by link density and nudged by class/id hints,
// the best candidate and its qualifying siblings are taken (with prose
// blocks beside their container, for articles split by a "read more"
// wrapper or an ad slot) and then cleaned
// of link lists, captions, bylines and other boilerplate. Attempts that give
// little text are retried with fewer heuristics.
//
// Every traversal here is iterative: no function recurses on the tree, so
// the depth of the input cannot exhaust the stack.
#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "newsdex/text.h"

namespace newsdex::html {

// ---------------------------------------------------------------- tags

enum class Tag : std::uint8_t {
  root, text, other, custom,
  html, head, body, title, meta, link, base, script, style, noscript, template_,
  svg, math, iframe, object, embed, canvas, video, audio, select, option,
  textarea, input, button,
  nav, aside, footer, header, main, article, section, div, p, span, a, br, hr,
  h1, h2, h3, h4, h5, h6, ul, ol, li, dl, dt, dd, table, thead, tbody, tfoot,
  tr, td, th, caption, col, colgroup, blockquote, pre, code, figure, figcaption,
  time, address, center, details, summary, dialog, menu, hgroup, form,
  fieldset, img, picture
};

inline Tag tag_of(std::string_view name) {
  static const std::unordered_map<std::string_view, Tag> kTags = {
      {"html", Tag::html}, {"head", Tag::head}, {"body", Tag::body},
      {"title", Tag::title}, {"meta", Tag::meta}, {"link", Tag::link},
      {"base", Tag::base}, {"script", Tag::script}, {"style", Tag::style},
      {"noscript", Tag::noscript}, {"template", Tag::template_},
      {"svg", Tag::svg}, {"math", Tag::math}, {"iframe", Tag::iframe},
      {"object", Tag::object}, {"embed", Tag::embed}, {"canvas", Tag::canvas},
      {"video", Tag::video}, {"audio", Tag::audio}, {"select", Tag::select},
      {"option", Tag::option}, {"textarea", Tag::textarea},
      {"input", Tag::input}, {"button", Tag::button}, {"nav", Tag::nav},
      {"aside", Tag::aside}, {"footer", Tag::footer}, {"header", Tag::header},
      {"main", Tag::main}, {"article", Tag::article},
      {"section", Tag::section}, {"div", Tag::div}, {"p", Tag::p},
      {"span", Tag::span}, {"a", Tag::a}, {"br", Tag::br}, {"hr", Tag::hr},
      {"h1", Tag::h1}, {"h2", Tag::h2}, {"h3", Tag::h3}, {"h4", Tag::h4},
      {"h5", Tag::h5}, {"h6", Tag::h6}, {"ul", Tag::ul}, {"ol", Tag::ol},
      {"li", Tag::li}, {"dl", Tag::dl}, {"dt", Tag::dt}, {"dd", Tag::dd},
      {"table", Tag::table}, {"thead", Tag::thead}, {"tbody", Tag::tbody},
      {"tfoot", Tag::tfoot}, {"tr", Tag::tr}, {"td", Tag::td}, {"th", Tag::th},
      {"caption", Tag::caption}, {"col", Tag::col}, {"colgroup", Tag::colgroup},
      {"blockquote", Tag::blockquote}, {"pre", Tag::pre}, {"code", Tag::code},
      {"figure", Tag::figure}, {"figcaption", Tag::figcaption},
      {"time", Tag::time}, {"address", Tag::address}, {"center", Tag::center},
      {"details", Tag::details}, {"summary", Tag::summary},
      {"dialog", Tag::dialog}, {"menu", Tag::menu}, {"hgroup", Tag::hgroup},
      {"form", Tag::form}, {"fieldset", Tag::fieldset}, {"img", Tag::img},
      {"picture", Tag::picture}};
  auto it = kTags.find(name);
  if (it != kTags.end()) return it->second;
  return name.find('-') != std::string_view::npos ? Tag::custom : Tag::other;
}

// Elements that are never content and whose subtrees are not copied.
inline bool is_dropped_tag(Tag t) {
  switch (t) {
    case Tag::script: case Tag::style: case Tag::noscript: case Tag::template_:
    case Tag::svg: case Tag::math: case Tag::iframe: case Tag::object:
    case Tag::embed: case Tag::canvas: case Tag::video: case Tag::audio:
    case Tag::select: case Tag::option: case Tag::textarea: case Tag::input:
    case Tag::button: case Tag::nav: case Tag::meta: case Tag::link:
    case Tag::base: case Tag::title: case Tag::dialog:
      return true;
    default:
      return false;
  }
}

// Block-level elements: paragraph boundaries when the text is written out.
// Custom elements (<x-paragraph>) count as blocks; unknown plain names
// (<font>, <nobr>) as inline.
inline bool is_block_tag(Tag t) {
  switch (t) {
    case Tag::root: case Tag::html: case Tag::head: case Tag::body:
    case Tag::custom: case Tag::aside: case Tag::footer: case Tag::header:
    case Tag::main: case Tag::article: case Tag::section: case Tag::div:
    case Tag::p: case Tag::hr: case Tag::h1: case Tag::h2: case Tag::h3:
    case Tag::h4: case Tag::h5: case Tag::h6: case Tag::ul: case Tag::ol:
    case Tag::li: case Tag::dl: case Tag::dt: case Tag::dd: case Tag::table:
    case Tag::thead: case Tag::tbody: case Tag::tfoot: case Tag::tr:
    case Tag::td: case Tag::th: case Tag::caption: case Tag::blockquote:
    case Tag::pre: case Tag::figure: case Tag::figcaption: case Tag::address:
    case Tag::center: case Tag::details: case Tag::summary: case Tag::menu:
    case Tag::hgroup: case Tag::form: case Tag::fieldset:
      return true;
    default:
      return false;
  }
}

inline bool is_heading(Tag t) {
  return t == Tag::h1 || t == Tag::h2 || t == Tag::h3 || t == Tag::h4 ||
         t == Tag::h5 || t == Tag::h6;
}

// ---------------------------------------------------------------- text

// Characters (code points) of `s` once white space is collapsed and trimmed.
inline int visible_length(std::string_view s) {
  int n = 0;
  bool in_space = true;
  bool any = false;
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t w = space_at(s, i)) {
      in_space = true;
      i += w;
      continue;
    }
    if (std::size_t w = invisible_at(s, i)) {
      i += w;
      continue;
    }
    if (in_space && any) ++n;
    in_space = false;
    any = true;
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
    ++i;
  }
  return n;
}

// Commas in `s`, counting the Arabic, full-width and ideographic forms.
inline int comma_count(std::string_view s) {
  static const std::array<std::string_view, 6> kWide = {
      "\xD8\x8C", "\xEF\xB9\x90", "\xEF\xB8\x90", "\xEF\xB8\x91", "\xEF\xBC\x8C", "\xE3\x80\x81"};
  int n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') {
      ++n;
    } else if (static_cast<unsigned char>(s[i]) >= 0xC0) {
      for (std::string_view w : kWide)
        if (s.compare(i, w.size(), w) == 0) ++n;
    }
  }
  return n;
}

inline bool contains_any(std::string_view haystack, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles)
    if (haystack.find(n) != std::string_view::npos) return true;
  return false;
}

// Lower-cased words of `s` (ASCII letters and digits; other non-ASCII
// bytes count as letters).
inline std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> words;
  std::string cur;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      cur += ascii_lower(ch);
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

// Readability's textSimilarity: 1 minus the share of b's text (by length)
// made of words that do not occur in a. 1 when every word of b is in a.
inline double text_similarity(std::string_view a, std::string_view b) {
  const std::vector<std::string> wa = words_of(a);
  const std::vector<std::string> wb = words_of(b);
  if (wa.empty() || wb.empty()) return 0;
  std::size_t all = 0, foreign = 0;
  for (const std::string& w : wb) {
    all += w.size() + 1;
    if (std::find(wa.begin(), wa.end(), w) == wa.end()) foreign += w.size() + 1;
  }
  return 1.0 - static_cast<double>(foreign) / static_cast<double>(all);
}

// ---------------------------------------------------------------- tree

// Hints read from an element's class, id and role.
enum Hint : std::uint16_t {
  kUnlikely = 1 << 0,   // probably not content (menus, sidebars, footers...)
  kMaybe = 1 << 1,      // but also names something content-like
  kJunk = 1 << 2,       // boilerplate a content-like name does not redeem
  kComment = 1 << 3,    // reader comments
  kByline = 1 << 4,     // author / dateline
  kCaption = 1 << 5,    // picture caption or credit
  kDateish = 1 << 6,    // a date or time stamp
  kShare = 1 << 7,      // share buttons
  kRoleJunk = 1 << 8,   // ARIA role of page chrome
  kDataTable = 1 << 9,  // (tables) holds data, not layout
};

struct Node {
  Tag tag = Tag::root;
  bool synthetic = false;  // a <p> made for a run of loose inline content
  bool hash_link = false;  // <a href="#...">
  std::uint16_t hints = 0;
  int weight = 0;          // class/id weight: +-25 for class, +-25 for id
  int parent = -1;
  std::vector<int> kids;
  std::string text;        // text nodes: the text; <time>: its datetime
  std::string cls;         // lower-case "class id" (for sibling matching)
};

// Facts about the page gathered from elements that are not content.
struct PageFacts {
  std::vector<std::pair<std::string, std::string>> metas;  // lower-case name/property/itemprop -> content
  std::string title;                       // <title>
  std::string canonical;                   // <link rel=canonical href>
  std::vector<std::string> json_ld;        // <script type=application/ld+json> texts
  std::vector<std::string> rel_authors;    // text of rel=author links
  std::vector<std::string> itemprop_authors;
  std::vector<std::string> itemprop_dates; // itemprop=datePublished content/datetime/text
};

inline std::string attr_value(const xmlAttr* a) {
  std::string v;
  for (const xmlNode* c = a->children; c != nullptr; c = c->next)
    if (c->content != nullptr) v += reinterpret_cast<const char*>(c->content);
  return v;
}

inline std::string node_text(xmlNode* n) {
  xmlChar* s = xmlNodeGetContent(n);
  if (s == nullptr) return {};
  std::string out = collapse_whitespace(reinterpret_cast<const char*>(s));
  xmlFree(s);
  return out;
}

inline std::uint16_t hints_of(const std::string& name) {
  std::uint16_t h = 0;
  if (name.empty()) return h;
  if (contains_any(name, {"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment",
                          "community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
                          "header", "legends", "menu", "related", "remark", "replies", "rss",
                          "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
                          "supplemental", "ad-break", "agegate", "pagination", "pager",
                          "popup", "yom-remote", "cookie", "consent", "newsletter",
                          "subscribe", "signup", "sign-up", "paywall", "toolbar", "navbar",
                          "navigation", "masthead", "modal", "recirc", "most-popular",
                          "mostpopular", "trending", "outbrain", "taboola", "promo",
                          "advert", "breadcrumb", "sharing"}))
    h |= kUnlikely;
  if (contains_any(name, {"and", "article", "body", "column", "content", "main", "mathjax", "shadow"}))
    h |= kMaybe;
  if (contains_any(name, {"comment", "disqus", "replies", "respond"})) h |= kComment;
  if (contains_any(name, {"comment", "disqus", "replies", "cookie", "consent", "gdpr",
                          "newsletter", "signup", "sign-up", "paywall", "outbrain", "taboola",
                          "recirc", "related", "promo", "advert", "sponsor", "social",
                          "sharing", "most-popular", "mostpopular", "trending", "breadcrumb",
                          "popup", "modal"}))
    h |= kJunk;
  if (contains_any(name, {"byline", "author", "dateline", "writtenby", "p-author"})) h |= kByline;
  if (contains_any(name, {"caption", "credit"})) h |= kCaption;
  if (contains_any(name, {"date", "time", "publish", "posted"})) h |= kDateish;
  for (std::string_view word : {"share", "sharedaddy"}) {
    for (std::size_t at = name.find(word); at != std::string::npos; at = name.find(word, at + 1)) {
      const std::size_t end = at + word.size();
      const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(name[at - 1]));
      const bool right = end == name.size() || !std::isalnum(static_cast<unsigned char>(name[end]));
      if (left && right) h |= kShare | kUnlikely | kJunk;
    }
  }
  return h;
}

inline int weight_of(const std::string& name) {
  if (name.empty()) return 0;
  int w = 0;
  if (contains_any(name, {"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
                          "foot", "gdpr", "masthead", "media", "meta", "outbrain", "promo",
                          "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
                          "sponsor", "shopping", "tags", "tool", "widget", "byline",
                          "author", "newsletter", "cookie", "caption", "recirc", "taboola",
                          "advert", "menu"}))
    w -= 25;
  if (contains_any(name, {"article", "body", "content", "entry", "hentry", "h-entry", "main",
                          "page", "pagination", "post", "text", "blog", "story"}))
    w += 25;
  return w;
}

class DomTree {
 public:
  // Copies the document. REQUIRES: doc is a parsed HTML document; it is not
  // referenced after construction.
  explicit DomTree(xmlDoc* doc) {
    nodes_.emplace_back();  // the root
    copy(doc);
    group_loose_inline();
    order_and_measure();
  }

  const std::vector<Node>& nodes() const { return nodes_; }
  const Node& node(int i) const { return nodes_[static_cast<std::size_t>(i)]; }
  const PageFacts& facts() const { return facts_; }
  int size() const { return static_cast<int>(nodes_.size()); }
  // Nodes in post-order (children before their parent).
  const std::vector<int>& postorder() const { return postorder_; }
  // Nodes copied from the document, in document order (synthetic nodes
  // come after them, in no particular order).
  int copied_count() const { return copied_; }

  // Per node: visible characters of its own text (text nodes), the share of
  // a character that counts as link text (1 inside <a>, 0.3 inside
  // <a href="#...">, else 0), commas.
  int own_length(int i) const { return own_len_[static_cast<std::size_t>(i)]; }
  double link_weight(int i) const { return link_w_[static_cast<std::size_t>(i)]; }
  int own_commas(int i) const { return own_commas_[static_cast<std::size_t>(i)]; }
  // True for paragraph-like nodes with no paragraph-like descendant: the
  // units whose text is scored.
  bool is_unit(int i) const { return unit_[static_cast<std::size_t>(i)] != 0; }
  bool is_blockish(int i) const { return blockish_[static_cast<std::size_t>(i)] != 0; }
  // Visible characters inside scoring units within node i (whole tree).
  int unit_text(int i) const { return unit_text_[static_cast<std::size_t>(i)]; }
  // Nodes in the subtree of node i, itself included. Code that reads the
  // text of many nested nodes checks this to stay linear.
  int subtree_size(int i) const { return size_[static_cast<std::size_t>(i)]; }

 private:
  int add(Node n) {
    nodes_.push_back(std::move(n));
    const int id = static_cast<int>(nodes_.size()) - 1;
    nodes_[static_cast<std::size_t>(nodes_.back().parent)].kids.push_back(id);
    return id;
  }

  // Reads head-like facts from element `e` (any element, wherever it is).
  void gather_facts(xmlNode* e, Tag t) {
    std::string name, property, itemprop, content, rel, href, type, datetime;
    for (const xmlAttr* a = e->properties; a != nullptr; a = a->next) {
      const std::string_view an = reinterpret_cast<const char*>(a->name);
      if (an == "name") name = ascii_lower(attr_value(a));
      else if (an == "property") property = ascii_lower(attr_value(a));
      else if (an == "itemprop") itemprop = ascii_lower(attr_value(a));
      else if (an == "content") content = attr_value(a);
      else if (an == "rel") rel = ascii_lower(attr_value(a));
      else if (an == "href") href = attr_value(a);
      else if (an == "type") type = ascii_lower(attr_value(a));
      else if (an == "datetime") datetime = attr_value(a);
    }
    if (t == Tag::meta) {
      content = collapse_whitespace(content);
      if (content.empty()) return;
      for (const std::string* key : {&name, &property, &itemprop})
        if (!key->empty()) facts_.metas.emplace_back(collapse_whitespace(*key), content);
      return;
    }
    if (t == Tag::title) {
      if (facts_.title.empty()) facts_.title = node_text(e);
      return;
    }
    if (t == Tag::script) {
      if (type.find("ld+json") != std::string::npos) {
        xmlChar* s = xmlNodeGetContent(e);
        if (s != nullptr) {
          facts_.json_ld.emplace_back(reinterpret_cast<const char*>(s));
          xmlFree(s);
        }
      }
      return;
    }
    const bool rel_author = (" " + rel + " ").find(" author ") != std::string::npos;
    if (t == Tag::link && rel_author == false) {
      if ((" " + rel + " ").find(" canonical ") != std::string::npos && facts_.canonical.empty())
        facts_.canonical = collapse_whitespace(href);
      return;
    }
    if (rel_author && t == Tag::a) facts_.rel_authors.push_back(node_text(e));
    if (itemprop.empty()) return;
    const std::string props = " " + itemprop + " ";
    if (props.find(" author ") != std::string::npos || props.find(" creator ") != std::string::npos) {
      std::string who = content.empty() ? node_text(e) : collapse_whitespace(content);
      // An itemscope author holds its name in a nested itemprop=name.
      for (xmlNode* c = e->children; c != nullptr; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        xmlChar* ip = xmlGetProp(c, reinterpret_cast<const xmlChar*>("itemprop"));
        if (ip != nullptr) {
          if (ascii_lower(reinterpret_cast<const char*>(ip)) == "name") who = node_text(c);
          xmlFree(ip);
        }
      }
      if (!who.empty()) facts_.itemprop_authors.push_back(who);
    }
    if (props.find(" datepublished ") != std::string::npos) {
      std::string when = !datetime.empty() ? datetime : !content.empty() ? content : node_text(e);
      if (!when.empty()) facts_.itemprop_dates.push_back(collapse_whitespace(when));
    }
  }

  Node element_node(xmlNode* e, Tag t, int parent, bool& hidden) {
    Node n;
    n.tag = t;
    n.parent = parent;
    std::string cls, id, role;
    for (const xmlAttr* a = e->properties; a != nullptr; a = a->next) {
      const std::string_view an = reinterpret_cast<const char*>(a->name);
      if (an == "class") {
        cls = ascii_lower(attr_value(a));
      } else if (an == "id") {
        id = ascii_lower(attr_value(a));
      } else if (an == "role") {
        role = ascii_lower(attr_value(a));
      } else if (an == "hidden") {
        hidden = true;
      } else if (an == "aria-hidden") {
        if (ascii_lower(attr_value(a)) == "true") hidden = true;
      } else if (an == "style") {
        std::string style;
        for (char c : ascii_lower(attr_value(a)))
          if (c != ' ' && c != '\t' && c != '\n' && c != '\r') style += c;
        if (style.find("display:none") != std::string::npos ||
            style.find("visibility:hidden") != std::string::npos)
          hidden = true;
      } else if (an == "href" && t == Tag::a) {
        const std::string href = attr_value(a);
        n.hash_link = !href.empty() && href[0] == '#';
      } else if (an == "datetime" && t == Tag::time) {
        n.text = collapse_whitespace(attr_value(a));
      } else if (an == "rel") {
        if ((" " + ascii_lower(attr_value(a)) + " ").find(" author ") != std::string::npos)
          n.hints |= kByline;
      } else if (an == "itemprop") {
        const std::string prop = ascii_lower(attr_value(a));
        if (prop.find("author") != std::string::npos) n.hints |= kByline;
        if (prop.find("datepublished") != std::string::npos || prop.find("datemodified") != std::string::npos)
          n.hints |= kDateish;
      }
    }
    n.hints |= hints_of(cls) | hints_of(id);
    n.weight = weight_of(cls) + weight_of(id);
    if (role == "navigation" || role == "menu" || role == "menubar" || role == "complementary" ||
        role == "alert" || role == "alertdialog" || role == "dialog" || role == "banner" ||
        role == "contentinfo" || role == "search")
      n.hints |= kRoleJunk;
    if (t == Tag::table && role == "presentation") n.hints |= kRoleJunk;
    n.cls = cls + " " + id;
    return n;
  }

  void copy(xmlDoc* doc) {
    std::vector<int> parents;
    int parent = 0;
    xmlNode* n = doc->children;
    auto is_top = [](const xmlNode* p) {
      return p == nullptr || p->type == XML_DOCUMENT_NODE || p->type == XML_HTML_DOCUMENT_NODE;
    };
    while (n != nullptr) {
      int me = -1;
      if (n->type == XML_ELEMENT_NODE && n->name != nullptr) {
        const Tag t = tag_of(reinterpret_cast<const char*>(n->name));
        gather_facts(n, t);
        if (!is_dropped_tag(t)) {
          bool hidden = false;
          Node copy = element_node(n, t, parent, hidden);
          if (!hidden) me = add(std::move(copy));
        }
      } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                 n->content != nullptr) {
        Node copy;
        copy.tag = Tag::text;
        copy.parent = parent;
        copy.text = reinterpret_cast<const char*>(n->content);
        add(std::move(copy));
      }
      if (me >= 0 && n->children != nullptr) {
        parents.push_back(parent);
        parent = me;
        n = n->children;
        continue;
      }
      while (n != nullptr && n->next == nullptr) {
        n = n->parent;
        if (is_top(n)) {
          n = nullptr;
          break;
        }
        parent = parents.back();
        parents.pop_back();
      }
      if (n != nullptr) n = n->next;
    }
    copied_ = static_cast<int>(nodes_.size());
  }

  // Wraps each run of inline content that sits beside block elements, or is
  // separated by <br><br>, in a synthetic <p>, so that loose text scores and
  // breaks like real paragraphs.
  void group_loose_inline() {
    const int n0 = static_cast<int>(nodes_.size());
    blockish_.assign(static_cast<std::size_t>(n0), 0);
    std::vector<char> has_text(static_cast<std::size_t>(n0), 0);
    for (int i = n0 - 1; i >= 0; --i) {
      Node& e = nodes_[static_cast<std::size_t>(i)];
      if (e.tag == Tag::text) {
        has_text[static_cast<std::size_t>(i)] = !is_blank(e.text);
        continue;
      }
      bool block_kid = false, text_kid = false, double_br = false, last_br = false;
      for (int k : e.kids) {
        const auto ks = static_cast<std::size_t>(k);
        const Node& kid = nodes_[ks];
        if (k < n0 && blockish_[ks]) block_kid = true;
        else if (k < n0 && has_text[ks]) text_kid = true;
        if (kid.tag == Tag::br) {
          if (last_br) double_br = true;
          last_br = true;
        } else if (!(kid.tag == Tag::text && !has_text[ks])) {
          last_br = false;
        }
      }
      bool any_text = false;
      for (int k : e.kids) any_text = any_text || has_text[static_cast<std::size_t>(k)];
      has_text[static_cast<std::size_t>(i)] = any_text;
      blockish_[static_cast<std::size_t>(i)] = is_block_tag(e.tag) || block_kid;
      if (e.tag == Tag::pre || e.tag == Tag::code || !((block_kid && text_kid) || double_br)) continue;

      std::vector<int> old = std::move(nodes_[static_cast<std::size_t>(i)].kids);
      std::vector<int> kids, run;
      bool run_text = false, prev_br = false;
      auto close_run = [&]() {
        if (run_text) {
          Node p;
          p.tag = Tag::p;
          p.synthetic = true;
          p.parent = i;
          p.kids = run;
          nodes_.push_back(std::move(p));
          const int pid = static_cast<int>(nodes_.size()) - 1;
          for (int k : run) nodes_[static_cast<std::size_t>(k)].parent = pid;
          kids.push_back(pid);
        } else {
          kids.insert(kids.end(), run.begin(), run.end());
        }
        run.clear();
        run_text = false;
      };
      for (int k : old) {
        const auto ks = static_cast<std::size_t>(k);
        if (blockish_[ks]) {
          close_run();
          kids.push_back(k);
          prev_br = false;
          continue;
        }
        if (nodes_[ks].tag == Tag::br) {
          if (prev_br) close_run();
          prev_br = true;
        } else if (has_text[ks]) {
          prev_br = false;
        }
        run.push_back(k);
        run_text = run_text || has_text[ks];
      }
      close_run();
      nodes_[static_cast<std::size_t>(i)].kids = std::move(kids);
      blockish_[static_cast<std::size_t>(i)] = 1;
    }
    blockish_.resize(nodes_.size(), 1);
  }

  void order_and_measure() {
    const std::size_t n = nodes_.size();
    postorder_.clear();
    postorder_.reserve(n);
    std::vector<std::pair<int, std::size_t>> stack;
    stack.emplace_back(0, 0);
    while (!stack.empty()) {
      auto& [id, next] = stack.back();
      const Node& nd = nodes_[static_cast<std::size_t>(id)];
      if (next < nd.kids.size()) {
        const int kid = nd.kids[next++];
        stack.emplace_back(kid, 0);
      } else {
        postorder_.push_back(id);
        stack.pop_back();
      }
    }
    own_len_.assign(n, 0);
    own_commas_.assign(n, 0);
    link_w_.assign(n, 0);
    unit_.assign(n, 0);
    unit_text_.assign(n, 0);
    // Parents before children: the reverse of post-order.
    for (auto it = postorder_.rbegin(); it != postorder_.rend(); ++it) {
      const auto i = static_cast<std::size_t>(*it);
      const Node& nd = nodes_[i];
      double inherited = nd.parent >= 0 ? link_w_[static_cast<std::size_t>(nd.parent)] : 0;
      if (nd.tag == Tag::a) inherited = std::max(inherited, nd.hash_link ? 0.3 : 1.0);
      link_w_[i] = inherited;
      if (nd.tag == Tag::text) {
        own_len_[i] = visible_length(nd.text);
        own_commas_[i] = comma_count(nd.text);
      }
    }
    std::vector<int> len(n, 0);
    size_.assign(n, 1);
    std::vector<char> para_below(n, 0);
    std::vector<int> th_like(n, 0), rows(n, 0), cells(n, 0), nested(n, 0);
    for (int id : postorder_) {
      const auto i = static_cast<std::size_t>(id);
      Node& nd = nodes_[i];
      len[i] += own_len_[i];
      bool below = false;
      for (int k : nd.kids) {
        const auto ks = static_cast<std::size_t>(k);
        len[i] += len[ks];
        size_[i] += size_[ks];
        unit_text_[i] += unit_text_[ks];
        below = below || para_below[ks];
        th_like[i] += th_like[ks];
        rows[i] += rows[ks];
        cells[i] += cells[ks];
        nested[i] += nested[ks] + (nodes_[ks].tag == Tag::table ? 1 : 0);
      }
      if (nd.tag == Tag::th || nd.tag == Tag::thead || nd.tag == Tag::tfoot ||
          nd.tag == Tag::caption || nd.tag == Tag::col || nd.tag == Tag::colgroup)
        th_like[i] += 1;
      if (nd.tag == Tag::tr) rows[i] += 1;
      if (nd.tag == Tag::td) cells[i] += 1;
      if (nd.tag == Tag::table && (nd.hints & kRoleJunk) == 0 && nested[i] == 0 &&
          (th_like[i] > 0 || rows[i] >= 10 || cells[i] > 10))
        nd.hints |= kDataTable;
      bool para = nd.tag == Tag::p || nd.tag == Tag::pre || nd.tag == Tag::h2 ||
                  nd.tag == Tag::h3 || nd.tag == Tag::h4 || nd.tag == Tag::h5 ||
                  nd.tag == Tag::h6;
      if (!para && (nd.tag == Tag::div || nd.tag == Tag::section || nd.tag == Tag::article ||
                    nd.tag == Tag::main || nd.tag == Tag::center || nd.tag == Tag::blockquote ||
                    nd.tag == Tag::td || nd.tag == Tag::custom || nd.tag == Tag::dd)) {
        bool block_kid = false;
        for (int k : nd.kids) block_kid = block_kid || blockish_[static_cast<std::size_t>(k)];
        para = !block_kid && len[i] > 0;
      }
      if (para && !below) {
        unit_[i] = 1;
        unit_text_[i] = len[i];
      }
      para_below[i] = below || para;
    }
  }

  std::vector<Node> nodes_;
  PageFacts facts_;
  int copied_ = 0;
  std::vector<int> postorder_;
  std::vector<char> blockish_;
  std::vector<int> own_len_;
  std::vector<int> own_commas_;
  std::vector<double> link_w_;
  std::vector<char> unit_;
  std::vector<int> unit_text_;
  std::vector<int> size_;
};

// Subtrees larger than this are not read as text by the tests for short
// lines (bylines, dates, labels, repeated titles): they are never short
// lines, and reading them at every nesting level would be quadratic.
constexpr int kMaxLineNodes = 64;

// ---------------------------------------------------------------- output

// Writes the text of subtrees as paragraphs: block elements and <br><br>
// end a paragraph, inline elements join without a break, white space
// collapses to single spaces. Subtrees whose node is marked in `removed`
// are skipped (removed == nullptr: nothing is).
class ParagraphWriter {
 public:
  // REQUIRES: dom and *removed outlive the writer.
  ParagraphWriter(const DomTree& dom, const std::vector<char>* removed) : dom_(dom), removed_(removed) {}

  void write(int root) {
    std::vector<std::pair<int, std::size_t>> stack;
    stack.emplace_back(root, 0);
    enter(root);
    while (!stack.empty()) {
      auto& [id, next] = stack.back();
      const Node& nd = dom_.node(id);
      if (next < nd.kids.size()) {
        const int kid = nd.kids[next++];
        if (removed_ != nullptr && (*removed_)[static_cast<std::size_t>(kid)]) continue;
        enter(kid);
        stack.emplace_back(kid, 0);
      } else {
        leave(id);
        stack.pop_back();
      }
    }
  }

  std::vector<std::string> take() {
    end_paragraph();
    return std::move(paragraphs_);
  }

 private:
  void enter(int id) {
    const Node& nd = dom_.node(id);
    if (nd.tag == Tag::text) {
      if (is_blank(nd.text)) {
        space_ = true;
        return;
      }
      append_collapsed(cur_, nd.text, space_);
      brs_ = 0;
    } else if (nd.tag == Tag::br) {
      if (++brs_ >= 2) end_paragraph();
      else space_ = true;
    } else if (nd.tag == Tag::td || nd.tag == Tag::th) {
      space_ = true;
    } else if (is_block_tag(nd.tag) || nd.synthetic) {
      end_paragraph();
    }
  }

  void leave(int id) {
    const Node& nd = dom_.node(id);
    if (nd.tag == Tag::td || nd.tag == Tag::th) space_ = true;
    else if (nd.tag != Tag::text && (is_block_tag(nd.tag) || nd.synthetic)) end_paragraph();
  }

  void end_paragraph() {
    if (!cur_.empty()) paragraphs_.push_back(std::move(cur_));
    cur_.clear();
    space_ = false;
    brs_ = 0;
  }

  const DomTree& dom_;
  const std::vector<char>* removed_;
  std::vector<std::string> paragraphs_;
  std::string cur_;
  bool space_ = false;
  int brs_ = 0;
};

// The text of node `id` (nothing removed) with paragraphs joined by spaces.
inline std::string text_of(const DomTree& dom, int id) {
  ParagraphWriter w(dom, nullptr);
  w.write(id);
  std::string out;
  for (const std::string& p : w.take()) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

// ---------------------------------------------------------------- extraction

struct Extraction {
  std::vector<std::string> paragraphs;
  std::string byline;  // text of the first byline element seen, if any
  int top = -1;        // the chosen candidate (-1 when nothing was chosen)
};

// True when `text` is a label that stands in for an advert or a widget.
inline bool is_junk_label(std::string_view text) {
  static const std::array<std::string_view, 22> kLabels = {
      "advertisement", "advertisement - scroll to continue", "story continues below advertisement",
      "article continues below advertisement", "continue reading below", "skip advertisement",
      "ad", "ads", "sponsored", "sponsored content", "read more", "read more:", "related",
      "related:", "related articles", "related stories", "share", "share this article",
      "share this story", "loading...", "loading", "continue reading"};
  const std::string lower = ascii_lower(text);
  return std::find(kLabels.begin(), kLabels.end(), lower) != kLabels.end();
}

// True for a short "By Jane Doe" line (not "By the end of the year...").
inline bool looks_like_byline(std::string_view t) {
  if (t.size() < 4 || t.size() > 100 || t.compare(0, 3, "By ") != 0) return false;
  const auto c = static_cast<unsigned char>(t[3]);
  if (!(std::isupper(c) || c >= 0x80)) return false;
  const char last = t.back();
  return last != '.' && last != '!' && last != '?' && last != '"';
}

class BodyExtractor {
 public:
  // REQUIRES: dom outlives the extractor. `title` is the article's title,
  // used to drop headings that repeat it; `is_date` says whether a short
  // text is a date line (it may always say no).
  template <typename IsDate>
  BodyExtractor(const DomTree& dom, std::string title, IsDate is_date)
      : dom_(dom), title_(std::move(title)), is_date_(std::move(is_date)) {}

  // The article text, trying Readability's attempts in turn: stop at the
  // first with at least 500 characters, else keep the first unless a later
  // one finds more than twice as much (and 100 characters more).
  Extraction run() {
    const std::size_t n = static_cast<std::size_t>(dom_.size());
    len_.assign(n, 0);
    link_.assign(n, 0);
    commas_.assign(n, 0);
    Extraction best;
    std::size_t best_len = 0;
    for (int attempt = 0; attempt < 4; ++attempt) {
      flags_ = Flags{attempt < 1, attempt < 2, attempt < 3};
      Extraction e = attempt_once();
      std::size_t total = 0;
      for (const std::string& p : e.paragraphs) total += p.size();
      if (total >= 500) return e;
      // A later attempt, with fewer safeguards, must find clearly more.
      if (attempt == 0 || total > 2 * best_len + 100) {
        best_len = total;
        best = std::move(e);
      }
    }
    return best;
  }

 private:
  struct Flags {
    bool strip_unlikely;
    bool weight_classes;
    bool clean_conditionally;
  };

  std::size_t at(int i) const { return static_cast<std::size_t>(i); }
  const Node& nd(int i) const { return dom_.node(i); }
  int weight(int i) const { return flags_.weight_classes ? nd(i).weight : 0; }

  // Removes what is never article text, and with strip_unlikely the page
  // chrome named by class, id or role. A node holding at least half of the
  // page's paragraph text is kept whatever its name says, unless it names
  // comments.
  void first_pass(Extraction& e) {
    const int total_units = dom_.unit_text(0);
    for (int i = 1; i < dom_.copied_count(); ++i) {
      const Node& x = nd(i);
      int parent = x.parent;
      if (nd(parent).synthetic) parent = nd(parent).parent;
      if (removed_[at(parent)]) {
        removed_[at(i)] = 1;
        continue;
      }
      if (x.tag == Tag::text) continue;
      if (x.tag == Tag::head) {
        removed_[at(i)] = 1;
        continue;
      }
      const bool small = dom_.subtree_size(i) <= kMaxLineNodes;
      if ((x.hints & kByline) != 0 && small && x.tag != Tag::body && x.tag != Tag::html &&
          dom_.unit_text(i) * 2 < std::max(total_units, 1)) {
        const std::string t = text_of(dom_, i);
        if (!t.empty() && t.size() < 120) {
          if (e.byline.empty()) e.byline = t;
          removed_[at(i)] = 1;
          continue;
        }
      }
      if ((x.tag == Tag::h1 || x.tag == Tag::h2) && small && !title_.empty() &&
          text_similarity(title_, text_of(dom_, i)) > 0.75) {
        removed_[at(i)] = 1;
        continue;
      }
      if (!flags_.strip_unlikely || x.tag == Tag::body || x.tag == Tag::html || x.tag == Tag::a)
        continue;
      const bool semantic = x.tag == Tag::aside || x.tag == Tag::footer;
      const bool unlikely = semantic || (x.hints & (kJunk | kRoleJunk)) != 0 ||
                            ((x.hints & kUnlikely) != 0 && (x.hints & kMaybe) == 0);
      if (!unlikely) continue;
      const bool holds_article = dom_.unit_text(i) * 2 >= total_units && total_units > 0;
      if (holds_article && (x.hints & kComment) == 0) continue;
      removed_[at(i)] = 1;
    }
    // Synthetic paragraphs follow their (already decided) parents.
    for (int i = dom_.copied_count(); i < dom_.size(); ++i)
      if (removed_[at(nd(i).parent)]) removed_[at(i)] = 1;
  }

  void measure() {
    for (int id : dom_.postorder()) {
      const auto i = at(id);
      len_[i] = 0;
      link_[i] = 0;
      commas_[i] = 0;
      if (removed_[i]) continue;
      const Node& x = nd(id);
      if (x.tag == Tag::text) {
        len_[i] = dom_.own_length(id);
        link_[i] = len_[i] * dom_.link_weight(id);
        commas_[i] = dom_.own_commas(id);
        continue;
      }
      for (int k : x.kids) {
        len_[i] += len_[at(k)];
        link_[i] += link_[at(k)];
        commas_[i] += commas_[at(k)];
      }
    }
  }

  double link_density(int i) const {
    return len_[at(i)] > 0 ? link_[at(i)] / len_[at(i)] : 0.0;
  }

  // Readability's starting score for a candidate, by tag. Kept apart from
  // the class weight so that climbing can ignore it.
  static double tag_score(Tag t) {
    double s = 0;
    switch (t) {
      case Tag::div: case Tag::custom: s = 5; break;
      case Tag::pre: case Tag::td: case Tag::blockquote: s = 3; break;
      case Tag::address: case Tag::ol: case Tag::ul: case Tag::dl: case Tag::dd:
      case Tag::dt: case Tag::li: case Tag::form: s = -3; break;
      case Tag::h1: case Tag::h2: case Tag::h3: case Tag::h4: case Tag::h5:
      case Tag::h6: case Tag::th: s = -5; break;
      default: break;
    }
    return s;
  }

  double base_score(int i) const { return tag_score(nd(i).tag) + weight(i); }

  // A candidate's score without its tag's starting score: an enclosing
  // <div> must not win over the element holding the text only by being a
  // <div>.
  double climb_score(int i) const {
    return score_[at(i)] - tag_score(nd(i).tag) * (1.0 - link_density(i));
  }

  Extraction attempt_once() {
    Extraction e;
    removed_.assign(static_cast<std::size_t>(dom_.size()), 0);
    first_pass(e);
    measure();

    const std::size_t n = static_cast<std::size_t>(dom_.size());
    score_.assign(n, 0);
    is_candidate_.assign(n, 0);
    std::vector<int> candidates;
    for (int id : dom_.postorder()) {
      if (removed_[at(id)] || !dom_.is_unit(id) || len_[at(id)] < 25) continue;
      const double s = 1.0 + commas_[at(id)] + std::min(len_[at(id)] / 100, 3);
      int anc = nd(id).parent;
      for (int level = 0; level < 5 && anc > 0; ++level, anc = nd(anc).parent) {
        if (nd(anc).tag == Tag::html) break;
        if (!is_candidate_[at(anc)]) {
          is_candidate_[at(anc)] = 1;
          score_[at(anc)] = base_score(anc);
          candidates.push_back(anc);
        }
        const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        score_[at(anc)] += s / divider;
      }
    }
    for (int c : candidates) score_[at(c)] *= 1.0 - link_density(c);

    std::vector<int> top;  // best five, best first
    for (int c : candidates) {
      auto pos = std::find_if(top.begin(), top.end(), [&](int t) { return score_[at(c)] > score_[at(t)]; });
      top.insert(pos, c);
      if (top.size() > 5) top.pop_back();
    }

    int body = -1;
    for (int i = 1; i < dom_.copied_count() && body < 0; ++i)
      if (nd(i).tag == Tag::body) body = i;
    if (body < 0) body = 0;

    int best = top.empty() ? body : top.front();
    if (!top.empty() && nd(best).tag != Tag::body) {
      best = promote_shared_ancestor(best, top);
      best = climb(best);
    }
    e.top = best;

    std::vector<int> content = with_split_parts(best, with_siblings(best));
    clean(content);
    ParagraphWriter w(dom_, &removed_);
    for (int c : content) w.write(c);
    for (std::string& p : w.take()) {
      // A headline and byline run together by a single <br>.
      if (e.paragraphs.size() < 3 && !title_.empty() && p.size() > title_.size() &&
          p.compare(0, title_.size(), title_) == 0 && p[title_.size()] == ' ')
        p.erase(0, title_.size() + 1);
      if (e.paragraphs.size() < 3 && looks_like_byline(p)) continue;
      if (is_junk_label(p)) continue;
      if (!title_.empty() && ascii_lower(p) == ascii_lower(title_)) continue;
      if (!e.paragraphs.empty() && e.paragraphs.back() == p) continue;
      e.paragraphs.push_back(std::move(p));
    }
    return e;
  }

  bool is_ancestor(int anc, int node) const {
    for (int p = node; p >= 0; p = nd(p).parent)
      if (p == anc) return true;
    return false;
  }

  // When three of the other top candidates score near the best one, lie
  // outside it (neither inside nor around it) and share an ancestor with
  // it, the article is split across them and that ancestor holds it all.
  int promote_shared_ancestor(int best, const std::vector<int>& top) const {
    std::vector<int> close;
    for (std::size_t k = 1; k < top.size(); ++k) {
      const int c = top[k];
      if (score_[at(c)] >= 0.75 * score_[at(best)] && !is_ancestor(c, best) && !is_ancestor(best, c))
        close.push_back(c);
    }
    if (close.size() < 3) return best;
    for (int p = nd(best).parent; p > 0 && nd(p).tag != Tag::body; p = nd(p).parent) {
      int holding = 0;
      for (int c : close) holding += is_ancestor(p, c) ? 1 : 0;
      if (holding >= 3) return p;
    }
    return best;
  }

  // An ancestor replaces the best candidate when it scores higher than the
  // candidate itself (Readability compares with the previous ancestor,
  // which lets a page wrapper win after a dip). Then a candidate that is an
  // only child is replaced by its parent.
  int climb(int best) const {
    const double last = climb_score(best);
    const double floor = last / 3;
    for (int p = nd(best).parent; p > 0 && nd(p).tag != Tag::body; p = nd(p).parent) {
      if (!is_candidate_[at(p)]) continue;
      const double score = climb_score(p);
      if (score < floor) break;
      if (score > last) {
        best = p;
        break;
      }
    }
    for (int p = nd(best).parent; p > 0 && nd(p).tag != Tag::body; p = nd(p).parent) {
      int live = 0;
      for (int k : nd(p).kids)
        if (!removed_[at(k)] && nd(k).tag != Tag::text) ++live;
      if (live != 1) break;
      best = p;
    }
    return best;
  }

  // The best candidate and those of its siblings that score well, share its
  // class, or are paragraphs of plain prose.
  std::vector<int> with_siblings(int best) const {
    const int parent = nd(best).parent;
    if (parent < 0 || nd(best).tag == Tag::body) return {best};
    const double threshold = std::max(10.0, score_[at(best)] * 0.2);
    std::vector<int> out;
    for (int s : nd(parent).kids) {
      if (removed_[at(s)]) continue;
      if (s == best) {
        out.push_back(s);
        continue;
      }
      const Node& x = nd(s);
      if (x.tag == Tag::text) continue;
      double bonus = 0;
      const std::string& own = nd(best).cls;
      if (own != " " && x.cls == own) bonus += score_[at(best)] * 0.2;
      if (is_candidate_[at(s)] && score_[at(s)] + bonus >= threshold) {
        out.push_back(s);
      } else if (x.tag == Tag::p || dom_.is_unit(s)) {
        const int length = len_[at(s)];
        const double ld = link_density(s);
        if (length > 80 && ld < 0.25) {
          out.push_back(s);
        } else if (length > 0 && length < 80 && ld == 0) {
          const std::string t = dom_.subtree_size(s) <= kMaxLineNodes ? text_of(dom_, s) : std::string();
          if (t.find(". ") != std::string::npos || (!t.empty() && t.back() == '.')) out.push_back(s);
        }
      } else if (is_prose_block(s)) {
        // A wrapper around a paragraph or two of the same story
        // (<div class="firstPar"><p>...</p></div> before the main body).
        out.push_back(s);
      }
    }
    return out;
  }

  // True for a small block of plain prose: a paragraph, or a wrapper
  // holding only paragraphs, with real text, few links, no heading, list,
  // picture or form, and no name that marks it as page furniture.
  bool is_prose_block(int s) const {
    const Node& x = nd(s);
    if (x.tag == Tag::text || removed_[at(s)] || len_[at(s)] <= 80 || link_density(s) >= 0.25) return false;
    if (dom_.unit_text(s) == 0 || dom_.subtree_size(s) > kMaxLineNodes || weight(s) < 0) return false;
    std::vector<int> stack{s};
    while (!stack.empty()) {
      const int id = stack.back();
      stack.pop_back();
      const Node& k = nd(id);
      if (is_heading(k.tag) || k.tag == Tag::li || k.tag == Tag::img || k.tag == Tag::picture ||
          k.tag == Tag::figure || k.tag == Tag::aside || k.tag == Tag::footer || k.tag == Tag::form ||
          k.tag == Tag::table || (k.hints & (kCaption | kByline | kShare | kJunk | kRoleJunk)) != 0 ||
          ((k.hints & kUnlikely) != 0 && (k.hints & kMaybe) == 0))
        return false;
      for (int c : k.kids)
        if (!removed_[at(c)]) stack.push_back(c);
    }
    const std::string t = text_of(dom_, s);
    return t.find(". ") != std::string::npos || t.back() == '.' || t.back() == '"' ||
           t.find("\xE2\x80\x9D") != std::string::npos;
  }

  // An article split across containers: the lead paragraph sits before a
  // "read more" wrapper, or the rest of the text follows an ad slot that
  // closed the first container. Prose blocks beside the container of the
  // chosen content (up to two levels up) join it, in document order; the
  // climb stops at the first level that adds nothing.
  std::vector<int> with_split_parts(int best, std::vector<int> content) const {
    if (nd(best).tag == Tag::body || content.empty()) return content;
    int container = nd(best).parent;
    for (int level = 0; level < 2; ++level) {
      const int up = container > 0 ? nd(container).parent : -1;
      if (up <= 0 || nd(up).tag == Tag::body || nd(up).tag == Tag::html) break;
      std::vector<int> out;
      bool added = false;
      for (int s : nd(up).kids) {
        if (s == container) {
          out.insert(out.end(), content.begin(), content.end());
        } else if (is_prose_block(s)) {
          out.push_back(s);
          added = true;
        }
      }
      if (!added) break;
      content = std::move(out);
      container = up;
    }
    return content;
  }

  struct Counts {
    int len = 0;
    double link = 0;
    int commas = 0;
    int p = 0;
    int img = 0;
    int li_len = 0;       // text inside list items
    int heading_len = 0;  // text inside headings
    int time_len = 0;     // text inside <time> and date-named elements
    int raw_len = 0;      // text before cleaning removed anything inside
    double raw_link = 0;  // link text before cleaning removed anything inside
  };

  // Drops boilerplate inside the chosen content: figures and captions,
  // share bars, bylines and date lines, headings that repeat the title or
  // are links, link-only paragraphs, and (clean_conditionally) the
  // Readability tests on forms, tables, lists and divisions.
  void clean(const std::vector<int>& roots) {
    const std::size_t n = static_cast<std::size_t>(dom_.size());
    first_pass_removed_ = removed_;
    std::vector<Counts> c(n);
    std::vector<char> keep(n, 0);  // inside a data table, <pre> or <code>
    std::vector<char> in_figure(n, 0);
    for (int root : roots) {
      std::vector<std::pair<int, std::size_t>> stack;
      stack.emplace_back(root, 0);
      while (!stack.empty()) {
        auto [id, next] = stack.back();
        const Node& x = nd(id);
        if (next < x.kids.size()) {
          stack.back().second++;
          const int kid = x.kids[next];
          if (removed_[at(kid)]) continue;
          const Node& k = nd(kid);
          keep[at(kid)] = keep[at(id)] || k.tag == Tag::pre || k.tag == Tag::code ||
                          (k.tag == Tag::table && (k.hints & kDataTable) != 0);
          in_figure[at(kid)] = in_figure[at(id)] || k.tag == Tag::figure;
          stack.emplace_back(kid, 0);
          continue;
        }
        stack.pop_back();
        Counts& m = c[at(id)];
        m = Counts{};
        if (x.tag == Tag::text) {
          m.len = dom_.own_length(id);
          m.link = m.len * dom_.link_weight(id);
          m.commas = dom_.own_commas(id);
          m.raw_len = m.len;
          m.raw_link = m.link;
          continue;
        }
        for (int k : x.kids) {
          if (first_pass_removed_[at(k)]) continue;
          m.raw_len += c[at(k)].raw_len;
          m.raw_link += c[at(k)].raw_link;
          if (removed_[at(k)]) continue;
          const Counts& kc = c[at(k)];
          m.len += kc.len;
          m.link += kc.link;
          m.commas += kc.commas;
          m.p += kc.p;
          m.img += kc.img;
          m.li_len += kc.li_len;
          m.heading_len += kc.heading_len;
          m.time_len += kc.time_len;
        }
        if (x.tag == Tag::p || x.synthetic) m.p += 1;
        if (x.tag == Tag::img || x.tag == Tag::picture) m.img += 1;
        if (x.tag == Tag::li) m.li_len = m.len;
        if (is_heading(x.tag)) m.heading_len = m.len;
        if (x.tag == Tag::time || (x.hints & kDateish) != 0) m.time_len = m.len;
        if (id != root && should_remove(id, m, keep[at(id)] != 0, in_figure[at(id)] != 0))
          removed_[at(id)] = 1;
      }
    }
  }

  bool should_remove(int id, const Counts& m, bool keep, bool in_figure) const {
    const Node& x = nd(id);
    if (x.tag == Tag::text || x.tag == Tag::br) return false;
    const double ld = m.len > 0 ? m.link / m.len : 0.0;
    if (x.tag == Tag::figure || x.tag == Tag::figcaption || x.tag == Tag::aside ||
        x.tag == Tag::footer || x.tag == Tag::form || x.tag == Tag::fieldset)
      return true;
    if ((x.hints & kCaption) != 0 && m.len < 250) return true;
    if ((x.hints & kShare) != 0 && m.len < 500) return true;
    if ((x.hints & kByline) != 0 && m.len < 120) return true;
    if (m.len == 0) return x.tag != Tag::img && x.tag != Tag::picture && x.tag != Tag::hr;
    const bool blockish = dom_.is_blockish(id);
    if (blockish && m.len < 80 && ((x.hints & kDateish) != 0 || x.tag == Tag::time)) return true;
    if (blockish && m.len < 100 && m.time_len * 4 >= m.len) return true;
    const bool small = dom_.subtree_size(id) <= kMaxLineNodes;
    if (blockish && m.len < 100 && small) {
      const std::string t = text_of(dom_, id);
      if (is_junk_label(t) || is_date_(t) || looks_like_byline(t)) return true;
    }
    if (is_heading(x.tag)) {
      if (weight(id) < 0 || ld > 0.5) return true;
      if (small && !title_.empty() && text_similarity(title_, text_of(dom_, id)) > 0.75) return true;
      return false;
    }
    if (x.tag == Tag::p || dom_.is_unit(id)) return ld > 0.7 && m.len < 300;
    if (keep) return false;
    if ((x.tag == Tag::ul || x.tag == Tag::ol) && ld > 0.5) return true;
    if (!flags_.clean_conditionally || !blockish) return false;
    if (x.tag != Tag::ul && x.tag != Tag::table && x.tag != Tag::div && x.tag != Tag::section &&
        x.tag != Tag::custom && x.tag != Tag::header && x.tag != Tag::span)
      return false;
    const int w = weight(id);
    if (w < 0) return true;
    if (m.raw_len >= 2 * m.len && m.heading_len * 10 >= m.len * 9) return true;
    if (m.commas >= 10) return false;
    const bool is_list = x.tag == Tag::ul || (m.len > 0 && m.li_len * 10 > m.len * 9);
    // Link density counts the link lists cleaning already took out.
    const double raw_ld = m.raw_len > 0 ? m.raw_link / m.raw_len : ld;
    const double heading_density = m.len > 0 ? static_cast<double>(m.heading_len) / m.len : 0.0;
    if (!in_figure && m.img > 1 && m.p * 2 < m.img) return true;
    if (!is_list && heading_density < 0.9 && m.len < 25 && (m.img == 0 || m.img > 2) && !in_figure)
      return true;
    if (!is_list && w < 25 && raw_ld > 0.2) return true;
    if (w >= 25 && raw_ld > 0.5) return true;
    if (is_list && ld > 0.5) return true;
    return false;
  }

  const DomTree& dom_;
  std::string title_;
  std::function<bool(const std::string&)> is_date_;
  Flags flags_{true, true, true};
  std::vector<char> removed_;
  std::vector<int> len_;
  std::vector<double> link_;
  std::vector<int> commas_;
  std::vector<double> score_;
  std::vector<char> is_candidate_;
  std::vector<char> first_pass_removed_;
};

}  // namespace newsdex::html
