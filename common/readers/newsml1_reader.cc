// IPTC NewsML 1.x (the <NewsML> root, before NewsML-G2): one article per
// NewsItem, streamed (news_xml.h). Read by NewsmlReader and NewsXmlReader
// when the root element is <NewsML>.
#include <algorithm>
#include <string>
#include <vector>

#include "newsdex/dates.h"
#include "newsdex/language.h"
#include "newsdex/readers.h"
#include "newsdex/text.h"
#include "readers/byline.h"
#include "readers/html_content.h"
#include "readers/news_xml.h"
#include "readers/reader_util.h"

namespace newsdex {

namespace {

using xml::Name;
using xml::Tree;

// The value of a NewsML 1.x "FormalName" attribute of child `name` of `i`.
std::string formal_name(const Tree& t, int i, std::string_view name) {
  return collapse_whitespace(t.attr(t.child(i, name), "FormalName"));
}

class Newsml1Handler final : public xml::Handler {
 public:
  Newsml1Handler(const std::string& path, ArticleSink& out) : path_(path), out_(out) {}

  // Every NewsItem is a record, at any depth: a NewsML document may hold
  // several, and a NewsItem may hold others only by reference.
  bool opens_record(const std::vector<Name>& path) override {
    const bool opens = path.back().name == "NewsItem";
    records += opens ? 1 : 0;
    return opens;
  }

  // The envelope's sender, the source of items that name no provider.
  void context(const std::vector<Name>& path, const std::vector<std::pair<std::string, std::string>>& attrs,
               const std::string&) override {
    if (path.size() == 4 && path[1].name == "NewsEnvelope" && path[2].name == "SentFrom" &&
        path[3].name == "Party" && sender_.empty()) {
      for (const auto& [name, value] : attrs)
        if (name == "FormalName") sender_ = collapse_whitespace(value);
    }
  }

  bool record(const Tree& t, std::uint64_t line) override {
    Article a;
    a.path = path_;
    a.line = line;
    const int ident = t.find(t.child(0, "Identification"), "NewsIdentifier");
    const int management = t.child(0, "NewsManagement");
    const int component = t.child(0, "NewsComponent");
    const int lines = t.find(component, "NewsLines");
    const int descriptive = t.find(component, "DescriptiveMetadata");

    a.id = t.child_text(ident, "PublicIdentifier");
    if (a.id.empty()) a.id = t.child_text(ident, "NewsItemId");
    if (a.id.empty()) a.id = collapse_whitespace(t.attr(0, "Duid"));

    a.title = html::fragment_line(t.raw_text(t.child(lines, "HeadLine")));
    if (a.title.empty()) a.title = html::fragment_line(t.raw_text(t.child(lines, "SlugLine")));

    const int content = body_of(t, component, a.body);
    a.language = formal_name(t, descriptive, "Language");
    if (a.language.empty()) a.language = t.lang(content >= 0 ? content : 0);
    const DateOptions dates{day_order_of(language_of_tag(a.language))};

    // "Par Camille Dubois, 8 septembre 2025": the author, and a date
    // when NewsManagement gives none.
    const byline::Byline by = byline::read(xml::author_name(t.child_text(lines, "ByLine")), byline::Context::element);
    a.author = by.author;

    const int admin = t.find(component, "AdministrativeMetadata");
    a.source = collapse_whitespace(t.attr(t.find(t.child(admin, "Provider"), "Party"), "FormalName"));
    if (a.source.empty()) a.source = t.child_text(lines, "CreditLine");
    if (a.source.empty()) a.source = sender_;

    std::string first;
    for (const std::string& d :
         {t.child_text(management, "FirstCreated"), t.child_text(management, "ThisRevisionCreated")}) {
      if (d.empty()) continue;
      if (first.empty()) first = d;
      if ((a.date = xml::date_of(d))) break;
    }
    if (!a.date) a.date = by.date;
    a.dateline = t.child_text(lines, "DateLine");
    if (!a.date) {
      if (auto f = find_date(a.dateline, dates)) a.date = f->time;
    }
    if (!a.date && !first.empty())
      out_.problem({a.line, "unparseable date \"" + shorten(first) + "\" dropped", false});

    // The publisher's places: a Location's City and Country properties.
    for (int loc : t.find_all(descriptive, "Location")) {
      for (int p : t.children(loc, "Property")) {
        const std::string kind = t.attr(p, "FormalName");
        if (kind == "City" || kind == "Country") xml::add_entity(a.raw_entities, EntityType::place, t.attr(p, "Value"));
      }
    }
    if (const int nitf = t.find(component, "nitf"); nitf >= 0)
      for (Entity& e : xml::nitf_entities(t, nitf)) xml::add_entity(a.raw_entities, e.type, e.name);

    // Topics: each SubjectCode's most precise subject that has a name
    // (IPTC's subject codes are eight digits, a code and not a name: those
    // are only counted), and each Keyword property.
    for (int code : t.find_all(descriptive, "SubjectCode")) {
      std::string name;
      bool coded = false;
      for (const char* level : {"SubjectDetail", "SubjectMatter", "Subject"}) {
        for (int sub : t.children(code, level)) {
          const std::string value = collapse_whitespace(t.attr(sub, "FormalName"));
          if (value.empty()) continue;
          if (is_code(value)) {
            coded = true;
          } else if (name.empty()) {
            name = value;
          }
        }
        if (!name.empty()) break;
      }
      if (!name.empty()) {
        add_topic(a.topics, name);
      } else if (coded) {
        ++unnamed_subjects;
      }
    }
    for (int p : t.children(descriptive, "Property")) {
      if (t.attr(p, "FormalName") == "Keyword") add_topic(a.topics, t.attr(p, "Value"));
    }

    if (a.id.empty()) a.id = id_from_content(path_, a);
    return out_.article(std::move(a));
  }

  std::uint64_t records = 0;
  std::uint64_t unnamed_subjects = 0;  // SubjectCodes given only as codes

 private:
  // An IPTC subject code ("04000000"): digits only.
  static bool is_code(const std::string& value) {
    return std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  }

  // The text of the item's first ContentItem with inline DataContent
  // (NITF: its <body.content>; XHTML: its <body>; else text, or escaped
  // HTML when its MimeType says html), in document order through nested
  // NewsComponents. A ContentItem that only refers to its content (Href)
  // is skipped: nothing outside the file is ever loaded. Returns the
  // DataContent element, or -1.
  static int body_of(const Tree& t, int component, std::string& body) {
    for (int item : t.find_all(component, "ContentItem")) {
      const int data = t.child(item, "DataContent");
      if (data < 0) continue;
      if (const int nitf = t.find(data, "nitf"); nitf >= 0) {
        body = xml::nitf_body(t, t.find(nitf, "body.content"));
      } else if (const int html_body = t.find(data, "body"); html_body >= 0) {
        body = xml::html_body(t, html_body);
      } else {
        const std::string mime = ascii_lower(formal_name(t, item, "MimeType"));
        body = mime.find("html") != std::string::npos ? xml::html_body(t, data) : paragraphs_from_text(t.raw_text(data));
      }
      if (!body.empty()) return data;
    }
    return -1;
  }

  const std::string& path_;
  ArticleSink& out_;
  std::string sender_;
};

}  // namespace

namespace xml {

void read_newsml1(const std::string& path, std::string_view head, ByteSource& in, const ReaderOptions& options,
                  ArticleSink& out) {
  Newsml1Handler handler(path, out);
  if (parse(head, in, options, handler, out) && handler.records == 0)
    out.problem({0, "no NewsItem in this NewsML 1.x document", true, true});
  report_unnamed_subjects(handler.unnamed_subjects, out);
}

}  // namespace xml

}  // namespace newsdex
