// FeedReader: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom, one article per item
// or entry, streamed (news_xml.h).
#include <string>
#include <vector>

#include "newsdex/readers.h"
#include "newsdex/text.h"
#include "readers/html_content.h"
#include "readers/news_xml.h"
#include "readers/reader_util.h"

namespace newsdex {

namespace {

using xml::Name;
using xml::Tree;

constexpr std::string_view kAtom03Ns = "http://purl.org/atom/ns#";

bool is_atom(std::string_view ns) { return ns == xml::kAtomNs || ns == kAtom03Ns; }

// The elements of an item, whichever RSS namespace it is in (none for
// 0.9x/2.0, RSS 1.0's, RSS 0.90's): any namespace but those of modules
// that reuse the names (Dublin Core, Atom).
bool rss_element(const Tree& t, int i) {
  const std::string& ns = t.node(i).ns;
  return ns != xml::kDcNs && !is_atom(ns) && ns != xml::kContentNs;
}

int rss_child(const Tree& t, int item, std::string_view name) {
  for (int c : t.node(item).children)
    if (!t.node(c).is_text && t.node(c).name == name && rss_element(t, c)) return c;
  return -1;
}

class FeedHandler final : public xml::Handler {
 public:
  FeedHandler(const std::string& path, ArticleSink& out) : path_(path), out_(out) {}

  bool opens_record(const std::vector<Name>& path) override {
    const Name& e = path.back();
    if (path.size() < 2) return false;
    const bool opens = is_atom(e.ns) ? e.name == "entry" : e.name == "item" && e.ns != xml::kDcNs && e.ns != xml::kContentNs;
    records += opens ? 1 : 0;
    return opens;
  }

  std::uint64_t records = 0;  // items and entries met, read or not

  void context(const std::vector<Name>& path, const std::vector<std::pair<std::string, std::string>>& attrs,
               const std::string& text) override {
    const Name& e = path.back();
    if (path.size() == 1) return;
    const Name& parent = path[path.size() - 2];
    const bool in_channel = parent.name == "channel" && !is_atom(parent.ns);
    const bool in_feed = parent.name == "feed" && is_atom(parent.ns);
    if ((in_channel || in_feed) && e.name == "title" && feed_title_.empty()) feed_title_ = html::fragment_line(text);
    if (in_channel && e.name == "language" && feed_language_.empty()) feed_language_ = collapse_whitespace(text);
    if (in_channel && e.is("language", xml::kDcNs) && feed_language_.empty()) feed_language_ = collapse_whitespace(text);
    // An Atom feed's author is its entries' author when they name none.
    if (path.size() >= 3 && e.name == "name" && is_atom(e.ns) && parent.name == "author" &&
        path[path.size() - 3].name == "feed" && feed_author_.empty())
      feed_author_ = collapse_whitespace(text);
    (void)attrs;
  }

  bool record(const Tree& t, std::uint64_t line) override {
    Article a = is_atom(t.node(0).ns) ? entry(t) : item(t);
    a.path = path_;
    a.line = line;
    if (a.source.empty()) a.source = feed_title_;
    if (a.language.empty()) a.language = feed_language_;
    if (a.id.empty()) a.id = a.url;
    if (a.id.empty()) a.id = id_from_content(path_, a);
    return out_.article(std::move(a));
  }

 private:
  void date(Article& a, const std::string& text, std::uint64_t line) {
    if (text.empty()) return;
    a.date = xml::date_of(text);
    if (!a.date) out_.problem({line, "unparseable date \"" + shorten(text) + "\" dropped", false});
  }

  Article item(const Tree& t) {
    Article a;
    a.title = html::fragment_line(t.raw_text(rss_child(t, 0, "title")));
    a.url = t.text(rss_child(t, 0, "link"));
    a.id = t.text(rss_child(t, 0, "guid"));
    std::string when = t.text(rss_child(t, 0, "pubDate"));
    if (when.empty()) when = t.child_text(0, "date", xml::kDcNs);
    date(a, when, t.node(0).line);
    std::vector<std::string> authors;
    for (int c : t.children(0, "creator", xml::kDcNs)) authors.push_back(xml::author_name(t.text(c)));
    if (authors.empty())
      if (int c = rss_child(t, 0, "author"); c >= 0) authors.push_back(xml::author_name(t.text(c)));
    a.author = join(authors);
    int body = t.child(0, "encoded", xml::kContentNs);
    if (body < 0 || is_blank(t.raw_text(body))) body = rss_child(t, 0, "description");
    a.body = xml::html_body(t, body);
    a.language = t.child_text(0, "language", xml::kDcNs);
    if (a.language.empty()) a.language = t.lang(0);
    if (int s = rss_child(t, 0, "source"); s >= 0) a.source = t.text(s);
    // Topics: each <category> (its text; its domain attribute names a
    // taxonomy, not a topic), then each dc:subject.
    for (int c : t.node(0).children)
      if (!t.node(c).is_text && t.node(c).name == "category" && rss_element(t, c)) add_topic(a.topics, t.text(c));
    dc_subjects(t, a.topics);
    return a;
  }

  // Each dc:subject of the record, as a topic.
  static void dc_subjects(const Tree& t, std::vector<std::string>& topics) {
    for (int c : t.children(0, "subject", xml::kDcNs)) add_topic(topics, t.text(c));
  }

  Article entry(const Tree& t) {
    Article a;
    const std::string_view ns = t.node(0).ns;
    a.title = text_construct(t, t.child(0, "title", ns));
    for (int l : t.children(0, "link", ns)) {
      const std::string rel = t.attr(l, "rel");
      if (rel.empty() || rel == "alternate") {
        a.url = collapse_whitespace(t.attr(l, "href"));
        break;
      }
    }
    a.id = t.child_text(0, "id", ns);
    std::string when;
    for (const char* name : {"published", "issued", "updated", "modified", "created"}) {
      when = t.child_text(0, name, ns);
      if (!when.empty()) break;
    }
    if (when.empty()) when = t.child_text(0, "date", xml::kDcNs);
    date(a, when, t.node(0).line);
    std::vector<std::string> authors;
    for (int au : t.children(0, "author", ns)) authors.push_back(xml::author_name(t.child_text(au, "name", ns)));
    if (authors.empty())
      for (int c : t.children(0, "creator", xml::kDcNs)) authors.push_back(xml::author_name(t.text(c)));
    a.author = join(authors);
    if (a.author.empty()) a.author = feed_author_;
    int body = t.child(0, "content", ns);
    if (body >= 0 && !t.attr(body, "src").empty()) body = -1;  // the content is elsewhere
    if (body < 0 || is_blank(t.text(body))) body = t.child(0, "summary", ns);
    if (body < 0) body = t.child(0, "encoded", xml::kContentNs);
    a.body = content_construct(t, body);
    a.language = t.lang(body >= 0 ? body : 0);
    if (int s = t.child(0, "source", ns); s >= 0) a.source = t.child_text(s, "title", ns);
    // Topics: each <category>'s human-readable label, else its term (the
    // scheme attribute names a taxonomy, not a topic), then dc:subject.
    for (int c : t.children(0, "category", ns)) {
      const std::string label = collapse_whitespace(t.attr(c, "label"));
      add_topic(a.topics, label.empty() ? t.attr(c, "term") : label);
    }
    dc_subjects(t, a.topics);
    return a;
  }

  // An Atom text construct (title, summary) on one line.
  static std::string text_construct(const Tree& t, int i) {
    if (i < 0) return {};
    const std::string type = t.attr(i, "type");
    if (type == "xhtml") return t.text(i);
    if (type == "html" || type == "text/html") return html::fragment_line(t.raw_text(i));
    return t.text(i);
  }

  // An Atom content or summary as paragraphs.
  static std::string content_construct(const Tree& t, int i) {
    if (i < 0) return {};
    const std::string type = t.attr(i, "type");
    if (type == "xhtml" || type == "html" || type == "text/html" || type == "application/xhtml+xml")
      return xml::html_body(t, i);
    return paragraphs_from_text(t.raw_text(i));
  }

  static std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) {
      if (n.empty() || out.find(n) != std::string::npos) continue;
      out += (out.empty() ? "" : ", ") + n;
    }
    return out;
  }

  const std::string& path_;
  ArticleSink& out_;
  std::string feed_title_;
  std::string feed_language_;
  std::string feed_author_;
};

}  // namespace

namespace xml {

void read_feed(const std::string& path, std::string_view head, ByteSource& in, const ReaderOptions& options,
               ArticleSink& out) {
  FeedHandler handler(path, out);
  if (parse(head, in, options, handler, out) && handler.records == 0)
    out.problem({0, "a feed without items", true, true});
}

}  // namespace xml

void FeedReader::read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const {
  xml::read_feed(path, {}, in, options(), out);
}

}  // namespace newsdex
