// HtmlReader: one article per HTML page. Metadata comes from <meta> tags,
// JSON-LD and a few in-page conventions; the body from JSON-LD articleBody
// when the page carries a substantial one that is not merely a cut-off copy
// of the page text, else from content extraction (html_content.h).
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <climits>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "readers/byline.h"
#include "readers/html_content.h"
#include "readers/html_dom.h"
#include "readers/json_tree.h"
#include "newsdex/dates.h"
#include "newsdex/encoding.h"
#include "newsdex/language.h"
#include "newsdex/readers.h"
#include "readers/reader_io.h"
#include "readers/reader_util.h"

namespace newsdex {

namespace {

using Json = nlohmann::json;

// XML_PARSE_HUGE lifts libxml2's nesting limit of 256 elements, beyond
// which it stops parsing and loses the rest of the page (pages with
// hundreds of unclosed <font> or <div> tags exist). libxml2 parses and
// frees deep trees without recursion, and so does html_dom.cc.
constexpr int kParseOptions = static_cast<int>(HTML_PARSE_RECOVER) | static_cast<int>(HTML_PARSE_NOERROR) |
                              static_cast<int>(HTML_PARSE_NOWARNING) | static_cast<int>(HTML_PARSE_NONET) |
                              static_cast<int>(XML_PARSE_HUGE);

// A JSON-LD articleBody at least this long is preferred to extraction.
constexpr std::size_t kMinArticleBody = 200;

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

void init_libxml_once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// ------------------------------------------------------------ small text

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ascii_lower(a) == ascii_lower(b);
}

bool looks_like_url(std::string_view s) {
  const std::string l = ascii_lower(s.substr(0, 8));
  return l.rfind("http://", 0) == 0 || l.rfind("https://", 0) == 0 || l.rfind("//", 0) == 0 ||
         l.rfind("www.", 0) == 0;
}

// Decodes numeric character references and the common named entities that
// JSON-LD producers leave in strings ("Rock &amp; Roll", "&#8217;").
std::string decode_entities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  static const std::unordered_map<std::string_view, std::uint32_t> kNamed = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
      {"nbsp", 0xA0}, {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"ldquo", 0x201C},
      {"rdquo", 0x201D}, {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026},
      {"eacute", 0xE9}, {"copy", 0xA9}};
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i++];
      continue;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    std::optional<std::uint32_t> cp;
    if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string_view digits = name.substr(hex ? 2 : 1);
      std::uint32_t v = 0;
      bool ok = !digits.empty();
      for (char c : digits) {
        int d = -1;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        if (d < 0 || v > 0x10FFFF) {
          ok = false;
          break;
        }
        v = v * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      }
      if (ok) cp = v;
    } else {
      auto it = kNamed.find(name);
      if (it != kNamed.end()) cp = it->second;
    }
    if (!cp) {
      out += s[i++];
      continue;
    }
    append_utf8(out, *cp == 0 ? char32_t{0xFFFD} : static_cast<char32_t>(*cp));  // &#0; is U+FFFD in HTML
    i = semi + 1;
  }
  return out;
}

// "By Jane Doe" -> "Jane Doe", "Par Camille Dubois" -> "Camille Dubois".
std::string strip_by(std::string s) {
  s = collapse_whitespace(s);
  if (auto lead = byline::lead_of(s, byline::Context::element)) s = collapse_whitespace(s.substr(lead->length));
  return s;
}

// The parse of a date string from metadata: the whole string first, then a
// date found inside it; numeric dates in the page language's order.
std::optional<UnixTime> date_from(std::string_view s, const DateOptions& options) {
  const std::string t = collapse_whitespace(s);
  if (t.empty()) return std::nullopt;
  if (auto d = parse_date(t, options)) return d;
  if (auto f = find_date(t, options)) return f->time;
  return std::nullopt;
}

// ------------------------------------------------------------ JSON-LD

struct LinkedData {
  std::string headline;
  std::string date;
  std::string author;
  std::string publisher;
  std::string website;  // name of a WebSite object, a fallback site name
  std::string body;
  std::string url;
  std::string language;  // inLanguage
  // keywords (a list, or a string split as add_topic_list does) and
  // articleSection (a string or a list), as topics (Article::topics)
  std::vector<std::string> topics;
};

bool is_article_type(const Json& type) {
  auto one = [](const Json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    static const std::vector<std::string_view> kSuffixes = {"Article", "BlogPosting", "Posting",
                                                            "Report", "LiveBlogPosting"};
    for (std::string_view suffix : kSuffixes)
      if (s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0)
        return true;
    return false;
  };
  if (type.is_array()) {
    for (const Json& t : type)
      if (one(t)) return true;
    return false;
  }
  return one(type);
}

bool has_type(const Json& obj, std::string_view name) {
  auto it = obj.find("@type");
  if (it == obj.end()) return false;
  if (it->is_string()) return it->get_ref<const std::string&>() == name;
  if (it->is_array())
    for (const Json& t : *it)
      if (t.is_string() && t.get_ref<const std::string&>() == name) return true;
  return false;
}

// The text of a JSON-LD value: a string, the first element of an array
// (of an array...), an object's "@value".
std::string json_string(const Json& value) {
  const Json* v = &value;
  while (v->is_array() && !v->empty()) v = &v->front();
  if (v->is_object()) {
    auto it = v->find("@value");
    if (it != v->end()) v = &*it;
  }
  if (v->is_string()) return collapse_whitespace(decode_entities(v->get_ref<const std::string&>()));
  return {};
}

std::string member(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? std::string() : json_string(*it);
}

// Every object reachable from `root`, outermost first. Depth-limited and
// iterative.
std::vector<const Json*> objects_in(const Json& root) {
  std::vector<const Json*> out;
  std::vector<std::pair<const Json*, int>> stack{{&root, 0}};
  while (!stack.empty()) {
    auto [v, depth] = stack.back();
    stack.pop_back();
    if (depth > 8) continue;
    if (v->is_object()) out.push_back(v);
    if (v->is_object() || v->is_array()) {
      std::vector<const Json*> kids;
      for (const Json& kid : *v)
        if (kid.is_object() || kid.is_array()) kids.push_back(&kid);
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.emplace_back(*it, depth + 1);
    }
  }
  return out;
}

// A JSON-LD script parsed, or nullopt when it is not JSON. Nests at most
// kMaxJsonDepth deep: a deeper script is not parsed and sets `too_deep`.
std::optional<Json> parse_json_ld(std::string text, bool& too_deep) {
  const std::size_t start = text.find_first_of("{[");
  const std::size_t end = text.find_last_of("}]");
  if (start == std::string::npos || end == std::string::npos || end < start) return std::nullopt;
  text = text.substr(start, end - start + 1);
  if (json_nesting_exceeds(text, kMaxJsonDepth)) {
    too_deep = true;
    return std::nullopt;
  }
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    // Raw line breaks and tabs inside strings are the usual fault.
    for (char& c : text)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    j = Json::parse(text, nullptr, false);
  }
  if (j.is_discarded()) return std::nullopt;
  return j;
}

// Names of the people in an author value (string, Person, @id reference,
// or an array of those), joined with ", ".
std::string authors_of(const Json& v, const std::unordered_map<std::string, const Json*>& by_id) {
  std::vector<std::string> names;
  auto add = [&](const Json& a) {
    std::string name;
    if (a.is_string()) {
      name = json_string(a);
      if (looks_like_url(name)) name.clear();
    } else if (a.is_object()) {
      name = member(a, "name");
      if (name.empty()) {
        const std::string ref = member(a, "@id");
        auto it = by_id.find(ref);
        if (it != by_id.end()) name = member(*it->second, "name");
      }
    }
    name = strip_by(name);
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(name);
  };
  if (v.is_array()) {
    for (const Json& a : v) add(a);
  } else {
    add(v);
  }
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string name_of(const Json& v, const std::unordered_map<std::string, const Json*>& by_id) {
  if (v.is_string()) return json_string(v);
  const Json* obj = v.is_array() && !v.empty() ? &v.front() : &v;
  if (!obj->is_object()) return {};
  std::string name = member(*obj, "name");
  if (name.empty()) {
    auto it = by_id.find(member(*obj, "@id"));
    if (it != by_id.end()) name = member(*it->second, "name");
  }
  return name;
}

// Body text from articleBody: HTML is reduced to its text, paragraphs
// (blank lines, line breaks or block elements) are kept apart.
std::vector<std::string> body_paragraphs(const std::string& body);
std::vector<std::string> markup_paragraphs(const std::string& text, bool is_markup = false);

// What the page's JSON-LD scripts say; `too_deep` is set when a script was
// ignored for nesting too deeply.
LinkedData read_linked_data(const std::vector<std::string>& scripts, bool& too_deep) {
  LinkedData ld;
  std::vector<Json> docs;
  for (const std::string& s : scripts)
    if (auto j = parse_json_ld(s, too_deep)) docs.push_back(std::move(*j));
  std::unordered_map<std::string, const Json*> by_id;
  std::vector<const Json*> all;
  for (const Json& d : docs)
    for (const Json* o : objects_in(d)) {
      all.push_back(o);
      const std::string id = member(*o, "@id");
      if (!id.empty() && o->size() > 2) by_id.emplace(id, o);
    }
  const Json* article = nullptr;
  for (const Json* o : all) {
    auto t = o->find("@type");
    if (t != o->end() && is_article_type(*t)) {
      article = o;
      break;
    }
  }
  for (const Json* o : all)
    if (ld.website.empty() && has_type(*o, "WebSite")) ld.website = member(*o, "name");
  if (article == nullptr) return ld;
  const Json& a = *article;
  ld.headline = member(a, "headline");
  if (ld.headline.empty()) ld.headline = member(a, "name");
  ld.date = member(a, "datePublished");
  if (ld.date.empty()) ld.date = member(a, "dateCreated");
  if (auto it = a.find("author"); it != a.end()) ld.author = authors_of(*it, by_id);
  if (auto it = a.find("publisher"); it != a.end()) ld.publisher = name_of(*it, by_id);
  if (auto it = a.find("articleBody"); it != a.end() && it->is_string())
    ld.body = it->get_ref<const std::string&>();
  ld.language = member(a, "inLanguage");
  for (const char* key : {"articleSection", "keywords"}) {
    const auto it = a.find(key);
    if (it == a.end()) continue;
    const bool list = std::string_view(key) == "keywords";
    if (it->is_array()) {
      for (const Json& v : *it)
        if (v.is_string()) add_topic(ld.topics, json_string(v));
    } else if (it->is_string()) {
      if (list) {
        add_topic_list(ld.topics, json_string(*it));
      } else {
        add_topic(ld.topics, json_string(*it));
      }
    }
  }
  ld.url = member(a, "url");
  if (ld.url.empty()) {
    if (auto it = a.find("mainEntityOfPage"); it != a.end()) {
      ld.url = it->is_object() ? member(*it, "@id") : json_string(*it);
    }
  }
  if (!looks_like_url(ld.url)) ld.url.clear();
  return ld;
}

// ------------------------------------------------------------ page facts

class Metas {
 public:
  explicit Metas(const html::PageFacts& facts) : facts_(facts) {}

  // The first non-empty content of a meta whose name/property/itemprop is
  // one of `keys` (lower case), trying keys in order.
  std::string first(std::initializer_list<std::string_view> keys) const {
    for (std::string_view k : keys)
      for (const auto& [name, content] : facts_.metas)
        if (name == k && !content.empty()) return content;
    return {};
  }

  std::vector<std::string> all(std::string_view key) const {
    std::vector<std::string> out;
    for (const auto& [name, content] : facts_.metas)
      if (name == key && std::find(out.begin(), out.end(), content) == out.end())
        out.push_back(content);
    return out;
  }

 private:
  const html::PageFacts& facts_;
};

// `title` without a " | Site" / " - Site" suffix (or "Site | " prefix) that
// names the site.
std::string strip_site_name(const std::string& title, const std::string& site) {
  if (site.empty()) return title;
  static const std::vector<std::string_view> kSeparators = {" | ", " - ", " \xE2\x80\x93 ",
                                                            " \xE2\x80\x94 ", " :: ", " \xC2\xB7 ",
                                                            " \xC2\xBB ", " / "};
  for (std::string_view sep : kSeparators) {
    const std::size_t last = title.rfind(sep);
    if (last != std::string::npos && last > 0 && iequals(collapse_whitespace(title.substr(last + sep.size())), site))
      return collapse_whitespace(title.substr(0, last));
    const std::size_t first = title.find(sep);
    if (first != std::string::npos && iequals(collapse_whitespace(title.substr(0, first)), site) &&
        first + sep.size() < title.size())
      return collapse_whitespace(title.substr(first + sep.size()));
  }
  return title;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// The charset a page declares in its first bytes (<meta charset>,
// http-equiv content), lower case, or "".
std::string declared_charset(std::string_view bytes) {
  const std::string head = ascii_lower(bytes.substr(0, 4096));
  std::size_t at = head.find("charset");
  while (at != std::string::npos) {
    std::size_t i = at + 7;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t')) ++i;
    if (i < head.size() && head[i] == '=') {
      ++i;
      while (i < head.size() && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
      std::string name;
      while (i < head.size() && (std::isalnum(static_cast<unsigned char>(head[i])) ||
                                 head[i] == '-' || head[i] == '_' || head[i] == '.' || head[i] == ':'))
        name += head[i++];
      if (!name.empty()) return name;
    }
    at = head.find("charset", at + 7);
  }
  return {};
}

bool is_cp1252_family(const std::string& cs) {
  return cs.empty() || cs == "utf-8" || cs == "utf8" || cs == "iso-8859-1" || cs == "latin1" ||
         cs == "latin-1" || cs == "windows-1252" || cs == "cp1252" || cs == "us-ascii" ||
         cs == "ascii" || cs == "iso-8859-15";
}

DocPtr parse_html(std::string_view text, const char* encoding) {
  return DocPtr(htmlReadMemory(text.data(), static_cast<int>(text.size()), nullptr, encoding,
                               kParseOptions));
}

std::vector<std::string> body_paragraphs(const std::string& body) { return markup_paragraphs(decode_entities(body)); }

// `text` as paragraphs: parsed as HTML when it holds markup (or
// `is_markup` says it is), else split at line breaks.
std::vector<std::string> markup_paragraphs(const std::string& text, bool is_markup) {
  std::vector<std::string> out;
  const bool has_markup = is_markup || html::has_markup(text);
  if (has_markup && text.size() < static_cast<std::size_t>(INT_MAX)) {
    DocPtr doc = parse_html("<html><body>" + text + "</body></html>", "UTF-8");
    if (doc) {
      html::DomTree dom(doc.get());
      html::ParagraphWriter w(dom, nullptr);
      w.write(0);
      return w.take();
    }
  }
  std::string para;
  std::size_t i = 0;
  while (i <= text.size()) {
    if (i == text.size() || text[i] == '\n' || text[i] == '\r') {
      std::string p = collapse_whitespace(para);
      if (!p.empty()) out.push_back(std::move(p));
      para.clear();
    } else {
      para += text[i];
    }
    ++i;
  }
  return out;
}

// True when the JSON-LD body `ld` is a shortened copy of the extracted
// text `dom` (a teaser or a first-N-characters cut, as some publishers
// put in articleBody): the extraction is at least twice as long and holds
// nearly all of the articleBody's words.
bool is_truncated_copy(const std::vector<std::string>& ld, const std::vector<std::string>& dom) {
  const std::string ld_text = join(ld, " ");
  const std::string dom_text = join(dom, " ");
  if (ld_text.empty() || dom_text.size() < 2 * ld_text.size()) return false;
  std::unordered_set<std::string> dom_words;
  for (std::string& w : html::words_of(dom_text)) dom_words.insert(std::move(w));
  std::size_t all = 0, foreign = 0;
  for (const std::string& w : html::words_of(ld_text)) {
    all += w.size() + 1;
    if (dom_words.count(w) == 0) foreign += w.size() + 1;
  }
  return all > 0 && foreign * 10 <= all;
}

// Per node: whether `test` holds for the node or one of its ancestors.
template <typename Test>
std::vector<char> inherited(const html::DomTree& dom, Test test) {
  std::vector<char> out(static_cast<std::size_t>(dom.size()), 0);
  const std::vector<int>& post = dom.postorder();
  for (auto it = post.rbegin(); it != post.rend(); ++it) {
    const int parent = dom.node(*it).parent;
    out[static_cast<std::size_t>(*it)] =
        (parent >= 0 && out[static_cast<std::size_t>(parent)]) || test(*it);
  }
  return out;
}

// The date from short text near the article: <time> elements and elements
// whose class or id names a date or byline, searched first within `region`
// (when >= 0), then in the whole page outside its boilerplate.
std::optional<UnixTime> date_from_text(const html::DomTree& dom, int region, const DateOptions& options) {
  const std::vector<char> in_region = inherited(dom, [&](int i) { return i == region; });
  const std::vector<char> chrome = inherited(dom, [&](int i) {
    const html::Node& q = dom.node(i);
    return (q.hints & (html::kJunk | html::kRoleJunk)) != 0 || q.tag == html::Tag::aside ||
           q.tag == html::Tag::footer;
  });
  for (int pass = region >= 0 ? 0 : 1; pass < 2; ++pass) {
    for (int i = 1; i < dom.copied_count(); ++i) {
      const html::Node& n = dom.node(i);
      if (n.tag == html::Tag::text) continue;
      const bool dated = n.tag == html::Tag::time || (n.hints & (html::kDateish | html::kByline)) != 0;
      if (!dated) continue;
      if (pass == 0 && !in_region[static_cast<std::size_t>(i)]) continue;
      if (pass == 1 && chrome[static_cast<std::size_t>(i)]) continue;
      if (n.tag == html::Tag::time && !n.text.empty())
        if (auto d = date_from(n.text, options)) return d;
      if (dom.subtree_size(i) > html::kMaxLineNodes) continue;
      const std::string t = html::text_of(dom, i);
      if (t.empty() || t.size() > 160) continue;
      if (auto d = parse_date(t, options)) return d;
      if (auto f = find_date(t, options)) return f->time;
    }
  }
  return std::nullopt;
}

// <time datetime> values inside an <article> element, in document order.
std::vector<std::string> article_time_values(const html::DomTree& dom) {
  const std::vector<char> in_article =
      inherited(dom, [&](int i) { return dom.node(i).tag == html::Tag::article; });
  std::vector<std::string> out;
  for (int i = 1; i < dom.copied_count(); ++i) {
    const html::Node& n = dom.node(i);
    if (n.tag == html::Tag::time && !n.text.empty() && in_article[static_cast<std::size_t>(i)])
      out.push_back(n.text);
  }
  return out;
}

void read_page(const std::string& path, std::string_view bytes, ReadResult& result) {
  const Decoded decoded = decode_text(bytes);
  if (decoded.encoding == Encoding::binary) {
    result.problems.push_back({0, "binary file, not HTML", true});
    return;
  }
  if (is_blank(decoded.text)) {
    result.problems.push_back({0, "no article text found", true});
    return;
  }
  if (decoded.text.size() >= static_cast<std::size_t>(INT_MAX) ||
      bytes.size() >= static_cast<std::size_t>(INT_MAX)) {
    result.problems.push_back({0, "file too large for the HTML parser", true});
    return;
  }

  init_libxml_once();
  DocPtr doc;
  const std::string charset = declared_charset(bytes);
  // A page that declares Latin-1 or Windows-1252 was decoded as declared,
  // not repaired.
  bool repaired = decoded.encoding == Encoding::utf8_repaired &&
                  (charset.empty() || charset == "utf-8" || charset == "utf8");
  if (!is_valid_utf8(bytes) && !is_cp1252_family(charset) && decoded.encoding != Encoding::utf16le &&
      decoded.encoding != Encoding::utf16be) {
    doc = parse_html(bytes, charset.c_str());
    if (doc) repaired = false;
  }
  if (!doc) doc = parse_html(decoded.text, "UTF-8");
  if (!doc || xmlDocGetRootElement(doc.get()) == nullptr) {
    result.problems.push_back({0, "no article text found", true});
    return;
  }
  const html::DomTree dom(doc.get());
  doc.reset();
  if (repaired) result.problems.push_back({0, "invalid UTF-8 repaired as Windows-1252", false});

  const html::PageFacts& facts = dom.facts();
  const Metas metas(facts);
  bool deep_json_ld = false;
  const LinkedData ld = read_linked_data(facts.json_ld, deep_json_ld);
  // A part of the page that cannot be read fails (the run exits 1 and says
  // so on every run), though the page is indexed from the rest.
  if (deep_json_ld)
    result.problems.push_back({0, "JSON-LD nested more than " + std::to_string(kMaxJsonDepth) +
                                      " levels deep: not read (the page is indexed from its other metadata)", true});

  Article a;
  a.path = path;
  a.id = id_from_path(path);
  a.line = 0;

  a.source = metas.first({"og:site_name"});
  if (a.source.empty()) a.source = ld.publisher;
  if (a.source.empty()) a.source = ld.website;
  if (a.source.empty()) a.source = metas.first({"application-name", "twitter:site"});
  if (!a.source.empty() && a.source[0] == '@') a.source.clear();
  a.source = decode_entities(a.source);

  std::string first_h1;
  for (int i = 1; i < dom.copied_count() && first_h1.empty(); ++i)
    if (dom.node(i).tag == html::Tag::h1) first_h1 = html::text_of(dom, i);
  for (const std::string& t : {metas.first({"og:title", "twitter:title"}), ld.headline,
                               facts.title, first_h1}) {
    if (!t.empty()) {
      a.title = strip_site_name(t, a.source);
      break;
    }
  }

  // The language the page declares (the reader checks detect it otherwise).
  a.language = facts.lang;
  if (a.language.empty()) a.language = metas.first({"content-language", "og:locale", "dc.language", "language"});
  if (a.language.empty()) a.language = ld.language;
  a.url = facts.canonical;
  if (a.url.empty()) a.url = metas.first({"og:url"});
  if (a.url.empty()) a.url = ld.url;

  // Authors: <meta name=author>, article:author, JSON-LD, rel=author and
  // itemprop=author, then the byline extraction found.
  std::vector<std::string> meta_authors;
  for (const std::string& v : metas.all("author"))
    if (!looks_like_url(v)) meta_authors.push_back(strip_by(v));
  a.author = join(meta_authors, ", ");
  if (a.author.empty()) {
    std::vector<std::string> og;
    for (const std::string& v : metas.all("article:author"))
      if (!looks_like_url(v)) og.push_back(strip_by(v));
    a.author = join(og, ", ");
  }
  if (a.author.empty()) a.author = ld.author;
  for (const auto* list : {&facts.rel_authors, &facts.itemprop_authors}) {
    if (!a.author.empty()) break;
    std::vector<std::string> names;
    for (const std::string& v : *list) {
      const std::string s = strip_by(v);
      if (!s.empty() && s.size() < 100 && std::find(names.begin(), names.end(), s) == names.end())
        names.push_back(s);
    }
    a.author = join(names, ", ");
  }

  html::Extraction ex = html::extract_body(dom, a.title, [](const std::string& t) {
    return t.size() < 60 && parse_date(t).has_value();
  });
  const byline::Byline by = byline::read(ex.byline, byline::Context::element);
  if (a.author.empty()) a.author = by.author;
  a.author = decode_entities(a.author);

  std::vector<std::string> paragraphs;
  if (html::visible_length(ld.body) >= static_cast<int>(kMinArticleBody))
    paragraphs = body_paragraphs(ld.body);
  if (paragraphs.empty() || is_truncated_copy(paragraphs, ex.paragraphs)) paragraphs = std::move(ex.paragraphs);
  a.body = join(paragraphs, "\n\n");

  // Dates, most trustworthy first.
  std::vector<std::string> date_texts;
  for (const std::string& v : {metas.first({"article:published_time", "og:article:published_time",
                                            "article.published"}),
                               ld.date,
                               metas.first({"date", "pubdate", "publishdate", "dc.date",
                                            "dc.date.issued", "dcterms.date", "dcterms.issued",
                                            "sailthru.date", "parsely-pub-date", "publish-date",
                                            "publication_date", "datepublished"})})
    if (!v.empty()) date_texts.push_back(v);
  for (const std::string& v : article_time_values(dom)) date_texts.push_back(v);
  for (const std::string& v : facts.itemprop_dates) date_texts.push_back(v);
  const DateOptions date_options{day_order_of(language_of_tag(a.language))};
  for (const std::string& v : date_texts) {
    if (auto d = date_from(v, date_options)) {
      a.date = d;
      break;
    }
  }
  if (!a.date) {
    int region = -1;
    if (ex.top >= 0) {
      region = ex.top;
      for (int up = 0; up < 3 && dom.node(region).parent > 0; ++up) region = dom.node(region).parent;
    }
    a.date = date_from_text(dom, region, date_options);
  }
  if (!a.date) a.date = by.date;
  if (!a.date && !date_texts.empty())
    result.problems.push_back({0, "unparseable date \"" + date_texts.front() + "\" dropped", false});

  // Topics: the page's section and tags (Open Graph article:section and
  // article:tag), its keywords metas (comma-separated lists), then JSON-LD's
  // articleSection and keywords; repeats are dropped by the reader checks.
  for (const std::string& v : metas.all("article:section")) add_topic(a.topics, decode_entities(v));
  for (const std::string& v : metas.all("article:tag")) add_topic(a.topics, decode_entities(v));
  for (const char* key : {"news_keywords", "keywords"})
    for (const std::string& v : metas.all(key)) add_topic_list(a.topics, decode_entities(v));
  for (const std::string& v : ld.topics) add_topic(a.topics, v);

  if (a.body.empty() && a.title.empty()) {
    result.problems.push_back({0, "no article text found", true});
    return;
  }
  if (a.body.empty()) result.problems.push_back({0, "no body text", false});
  result.articles.push_back(std::move(a));
}

}  // namespace

namespace html {

bool has_markup(std::string_view text) {
  static constexpr std::string_view kTags[] = {
      "a",     "abbr", "article", "audio", "b",      "blockquote", "body", "br",      "caption", "center", "cite",
      "code",  "dd",   "div",     "dl",    "dt",     "em",         "embed", "figcaption", "figure", "font", "footer",
      "h1",    "h2",   "h3",      "h4",    "h5",     "h6",         "header", "hr",     "html",    "i",      "iframe",
      "img",   "li",   "link",    "mark",  "meta",   "nobr",       "noscript", "object", "ol",   "p",      "picture",
      "pre",   "q",    "s",       "script", "section", "small",    "source", "span",   "strike",  "strong", "style",
      "sub",   "sup",  "table",   "tbody", "td",     "th",         "thead", "time",    "tr",      "u",      "ul",
      "video", "wbr"};
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    if (text.compare(at, 2, "</") == 0 || text.compare(at, 4, "<!--") == 0) return true;
    std::size_t end = at + 1;
    while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
    if (end == at + 1 || end >= text.size()) continue;
    if (text[end] != ' ' && text[end] != '/' && text[end] != '>' && text[end] != '\t' && text[end] != '\n') continue;
    const std::string name = ascii_lower(std::string(text.substr(at + 1, end - at - 1)));
    if (std::find(std::begin(kTags), std::end(kTags), name) != std::end(kTags) &&
        text.find('>', end) != std::string_view::npos)
      return true;
  }
  return false;
}

std::vector<std::string> fragment_paragraphs(const std::string& html) {
  init_libxml_once();
  return body_paragraphs(html);
}

std::string fragment_text(const std::string& html) {
  std::string out;
  for (const std::string& p : fragment_paragraphs(html)) {
    if (p.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

std::string fragment_line(const std::string& html) {
  if (html.find('<') == std::string::npos && html.find('&') == std::string::npos) return collapse_whitespace(html);
  return collapse_whitespace(join(fragment_paragraphs(html), " "));
}

std::vector<std::string> markup_paragraphs(const std::string& html) {
  init_libxml_once();
  return newsdex::markup_paragraphs(html, true);
}

}  // namespace html

void HtmlReader::read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const {
  // A DOM costs many times its source, more so for many small elements:
  // only so much of a page is parsed, in bytes and in tags.
  const std::size_t max_bytes = options().max_page_bytes();
  const std::size_t max_tags = options().max_page_tags();
  std::string bytes;
  const bool more = read_prefix(in, max_bytes, bytes);
  if (more) bytes.resize(decodable_prefix(bytes));
  std::size_t tags = 0;
  bool too_many_tags = false;
  for (std::size_t at = bytes.find('<'); at != std::string::npos; at = bytes.find('<', at + 1)) {
    if (++tags > max_tags) {
      bytes.resize(at);
      too_many_tags = true;
      break;
    }
  }
  if (more || too_many_tags) {
    const std::optional<std::uint64_t> total = in.size();
    out.problem({0, "page cut: only its first " +
                        (too_many_tags ? std::to_string(max_tags) + " tags (" + human_size(bytes.size()) + ")"
                                       : human_size(bytes.size())) +
                        (total ? " of " + human_size(*total) : "") +
                        " parsed; the rest is not indexed (see --max-article-size)",
                 false});
  }

  ReadResult result;
  try {
    read_page(path, bytes, result);
  } catch (const std::exception& e) {
    result.articles.clear();
    result.problems.push_back({0, std::string("could not read HTML: ") + e.what(), true});
  } catch (...) {
    result.articles.clear();
    result.problems.push_back({0, "could not read HTML", true});
  }
  std::string().swap(bytes);
  for (Problem& p : result.problems) out.problem(std::move(p));
  for (Article& a : result.articles) {
    if (!out.article(std::move(a))) return;
  }
}

}  // namespace newsdex
