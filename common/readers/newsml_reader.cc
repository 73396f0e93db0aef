// NewsmlReader: one article per NewsML-G2 newsItem, alone or in a
// newsMessage, streamed (news_xml.h); a NewsML 1.x document is read by
// newsml1_reader.cc.
#include <string>
#include <vector>

#include "newsdex/dates.h"
#include "newsdex/readers.h"
#include "newsdex/text.h"
#include "readers/html_content.h"
#include "readers/news_xml.h"
#include "readers/reader_util.h"

namespace newsdex {

namespace {

using xml::Name;
using xml::Tree;

// A concept's name: its <name> child, else its literal, else its qcode's
// code ("nprov:AFP" -> "AFP").
std::string concept_name(const Tree& t, int i) {
  if (i < 0) return {};
  std::string name = t.child_text(i, "name");
  if (name.empty()) name = collapse_whitespace(t.attr(i, "literal"));
  if (name.empty()) {
    name = collapse_whitespace(t.attr(i, "qcode"));
    if (const std::size_t colon = name.find(':'); colon != std::string::npos) name.erase(0, colon + 1);
  }
  return name;
}

// The type a subject's or concept's type qcode names, for the kinds of
// concept that are entities.
std::optional<EntityType> entity_type_of(std::string type) {
  if (const std::size_t colon = type.find(':'); colon != std::string::npos) type.erase(0, colon + 1);
  if (type == "person") return EntityType::person;
  if (type == "organisation" || type == "organization") return EntityType::org;
  if (type == "geoArea" || type == "poi") return EntityType::place;
  return std::nullopt;
}

class NewsmlHandler final : public xml::Handler {
 public:
  NewsmlHandler(const std::string& path, ArticleSink& out) : path_(path), out_(out) {}

  bool opens_record(const std::vector<Name>& path) override {
    const bool opens = path.back().name == "newsItem";
    if (opens) {
      ++records;
      alone_ = path.size() == 1;
    }
    return opens;
  }

  void context(const std::vector<Name>& path, const std::vector<std::pair<std::string, std::string>>&,
               const std::string& text) override {
    if (path.size() == 3 && path[1].name == "header" && path[2].name == "sender" && sender_.empty())
      sender_ = collapse_whitespace(text);
  }

  bool record(const Tree& t, std::uint64_t line) override {
    Article a;
    a.path = path_;
    a.line = alone_ ? 0 : line;
    const int item_meta = t.child(0, "itemMeta");
    const int meta = t.child(0, "contentMeta");

    a.title = html::fragment_line(t.raw_text(t.child(meta, "headline")));
    if (a.title.empty()) a.title = html::fragment_line(t.raw_text(t.child(meta, "slugline")));
    a.id = collapse_whitespace(t.attr(0, "guid"));
    if (a.id.empty()) a.id = alone_ ? id_from_path(path_) : std::string();

    a.source = concept_name(t, t.child(item_meta, "provider"));
    if (a.source.empty()) a.source = sender_;
    for (int l : t.children(item_meta, "link")) {
      const std::string href = collapse_whitespace(t.attr(l, "href"));
      if (href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0) {
        a.url = href;
        break;
      }
    }

    a.author = xml::author_name(t.child_text(meta, "by"));
    if (a.author.empty()) {
      std::string names;
      for (int c : t.children(meta, "creator")) {
        const std::string n = concept_name(t, c);
        if (!n.empty()) names += (names.empty() ? "" : ", ") + n;
      }
      a.author = names;
    }

    std::string first;
    for (const std::string& d : {t.child_text(meta, "contentCreated"), t.child_text(item_meta, "firstCreated"),
                                 t.child_text(item_meta, "versionCreated")}) {
      if (d.empty()) continue;
      if (first.empty()) first = d;
      if ((a.date = xml::date_of(d))) break;
    }
    a.dateline = t.child_text(meta, "dateline");
    if (!a.date) {
      if (auto f = find_date(a.dateline)) a.date = f->time;
    }
    if (!a.date && !first.empty())
      out_.problem({a.line, "unparseable date \"" + shorten(first) + "\" dropped", false});

    a.language = collapse_whitespace(t.attr(t.child(meta, "language"), "tag"));
    const int content = body_of(t, a.body);
    if (a.body.empty()) a.body = xml::html_body(t, t.child(meta, "description"));
    if (a.language.empty()) a.language = t.lang(content >= 0 ? content : 0);

    for (int s : t.children(meta, "subject")) {
      if (auto type = entity_type_of(t.attr(s, "type"))) {
        xml::add_entity(a.raw_entities, *type, t.child_text(s, "name"));
        continue;
      }
      // Any other subject is a topic when the item names it; a bare qcode
      // ("medtop:20000763") tells a reader nothing and is only counted.
      std::string name = name_in(t, s, a.language);
      if (name.empty()) name = collapse_whitespace(t.attr(s, "literal"));
      if (name.empty()) {
        ++unnamed_subjects;
        continue;
      }
      add_topic(a.topics, name);
    }
    for (int k : t.children(meta, "keyword")) add_topic(a.topics, t.text(k));
    for (int s : t.children(meta, "located")) xml::add_entity(a.raw_entities, EntityType::place, concept_name(t, s));
    if (const int nitf = t.find(t.child(0, "contentSet"), "nitf"); nitf >= 0) {
      for (Entity& e : xml::nitf_entities(t, nitf)) xml::add_entity(a.raw_entities, e.type, e.name);
      xml::nitf_topics(t, t.child(nitf, "head"), a.topics, a.raw_entities);
    }

    if (a.id.empty()) a.id = id_from_content(path_, a);
    return out_.article(std::move(a));
  }

  std::uint64_t records = 0;
  std::uint64_t unnamed_subjects = 0;  // subjects with neither name nor literal

 private:
  // The text of concept `i`'s <name> in `language` (or a language it is a
  // variant of: "en" for "en-GB", and the other way round), else of its
  // first <name>; "" when it has none.
  static std::string name_in(const Tree& t, int i, const std::string& language) {
    const std::vector<int> names = t.children(i, "name");
    if (names.empty()) return {};
    const auto base = [](std::string tag) {
      tag = ascii_lower(tag);
      return tag.substr(0, tag.find_first_of("-_"));
    };
    if (!language.empty()) {
      for (int n : names) {
        const std::string lang = t.lang(n);
        if (!lang.empty() && base(lang) == base(language)) {
          std::string text = t.text(n);
          if (!text.empty()) return text;
        }
      }
    }
    return t.text(names.front());
  }

  // The text of the item's first readable content: inline XHTML (its
  // <body>), inline NITF (its <body.content>) or inline text. Returns the
  // element it came from, or -1.
  static int body_of(const Tree& t, std::string& body) {
    const int set = t.child(0, "contentSet");
    if (set < 0) return -1;
    for (int c : t.node(set).children) {
      if (t.node(c).is_text) continue;
      const std::string& name = t.node(c).name;
      if (name == "inlineXML") {
        if (const int nitf = t.find(c, "nitf"); nitf >= 0) {
          body = xml::nitf_body(t, t.find(nitf, "body.content"));
        } else if (const int html_body = t.find(c, "body"); html_body >= 0) {
          body = xml::html_body(t, html_body);
        } else {
          body = xml::html_body(t, c);
        }
      } else if (name == "inlineData") {
        const std::string type = t.attr(c, "contenttype");
        body = type.find("html") != std::string::npos ? xml::html_body(t, c) : paragraphs_from_text(t.raw_text(c));
      } else {
        continue;
      }
      if (!body.empty()) return c;
    }
    return -1;
  }

  const std::string& path_;
  ArticleSink& out_;
  std::string sender_;
  bool alone_ = false;  // the item is the document's root
};

}  // namespace

namespace xml {

void read_newsml(const std::string& path, std::string_view head, ByteSource& in, const ReaderOptions& options,
               ArticleSink& out) {
  NewsmlHandler handler(path, out);
  if (parse(head, in, options, handler, out) && handler.records == 0)
    out.problem({0, "no newsItem in this NewsML-G2 document", true, true});
  report_unnamed_subjects(handler.unnamed_subjects, out);
}

}  // namespace xml

void NewsmlReader::read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const {
  // .nml and .newsml name both generations: the root element tells them
  // apart (<NewsML> is 1.x).
  const std::string head = xml::read_head(in);
  if (xml::sniff(head) == xml::Format::newsml1) return xml::read_newsml1(path, head, in, options(), out);
  xml::read_newsml(path, head, in, options(), out);
}

}  // namespace newsdex
