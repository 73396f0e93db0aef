// The HTML page as HtmlReader reads it (private to common/readers):
// DomTree is a compact copy of a parsed libxml2 HTML document that keeps
// only what reading an article needs; while it is built it also collects
// the page facts the reader turns into metadata (PageFacts).
// ParagraphWriter turns subtrees into paragraphs of text. The article body
// is found in a DomTree by html_content.h.
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
  std::string lang;                        // <html lang> (or xml:lang)
};

class DomTree {
 public:
  // Copies the document. REQUIRES: doc is a parsed HTML document; it is not
  // referenced after construction.
  explicit DomTree(xmlDoc* doc);

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
  int add(Node n);

  // Reads head-like facts from element `e` (any element, wherever it is).
  void gather_facts(xmlNode* e, Tag t);

  Node element_node(xmlNode* e, Tag t, int parent, bool& hidden);

  void copy(xmlDoc* doc);

  // Wraps each run of inline content that sits beside block elements, or is
  // separated by <br><br>, in a synthetic <p>, so that loose text scores and
  // breaks like real paragraphs.
  void group_loose_inline();

  void order_and_measure();

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

  void write(int root);

  std::vector<std::string> take();

 private:
  void enter(int id);

  void leave(int id);

  void end_paragraph();

  const DomTree& dom_;
  const std::vector<char>* removed_;
  std::vector<std::string> paragraphs_;
  std::string cur_;
  bool space_ = false;
  int brs_ = 0;
};

// The text of node `id` (nothing removed) with paragraphs joined by spaces.
std::string text_of(const DomTree& dom, int id);

}  // namespace newsdex::html
