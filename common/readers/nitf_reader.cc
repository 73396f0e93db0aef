// NitfReader: one article per NITF 3.x document (news_xml.h).
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

class NitfHandler final : public xml::Handler {
 public:
  NitfHandler(const std::string& path, ArticleSink& out) : path_(path), out_(out) {}

  bool opens_record(const std::vector<Name>& path) override {
    const bool opens = path.size() == 1 && path.back().name == "nitf";
    records += opens ? 1 : 0;
    return opens;
  }

  void context(const std::vector<Name>&, const std::vector<std::pair<std::string, std::string>>&,
               const std::string&) override {}

  bool record(const Tree& t, std::uint64_t /*line*/) override {
    Article a;
    a.path = path_;
    a.line = 0;  // one article per file
    const int head = t.child(0, "head");
    const int docdata = t.child(head, "docdata");
    const int pubdata = t.child(head, "pubdata");
    const int body = t.child(0, "body");
    const int body_head = t.child(body, "body.head");

    a.title = html::fragment_line(t.raw_text(t.child(t.child(body_head, "hedline"), "hl1")));
    if (a.title.empty()) a.title = html::fragment_line(t.raw_text(t.child(head, "title")));

    a.id = collapse_whitespace(t.attr(t.child(docdata, "doc-id"), "id-string"));
    if (a.id.empty()) a.id = id_from_path(path_);
    a.url = collapse_whitespace(t.attr(pubdata, "ex-ref"));
    a.source = collapse_whitespace(t.attr(pubdata, "name"));
    if (a.source.empty()) a.source = collapse_whitespace(t.attr(t.child(docdata, "doc.copyright"), "holder"));
    if (a.source.empty()) a.source = t.child_text(body_head, "distributor");

    a.author = xml::author_name(byline(t, t.child(body_head, "byline")));

    const int dateline = t.child(body_head, "dateline");
    // The place of the dateline: its <location>, else its text without
    // the story's date.
    a.dateline = t.child_text(dateline, "location");
    if (a.dateline.empty() && dateline >= 0) {
      a.dateline = t.text(dateline);
      const std::string date = t.child_text(dateline, "story.date");
      if (!date.empty()) {
        if (const std::size_t at = a.dateline.find(date); at != std::string::npos) a.dateline.erase(at);
      }
      a.dateline = collapse_whitespace(a.dateline);
      while (!a.dateline.empty() && (a.dateline.back() == ',' || a.dateline.back() == ' ')) a.dateline.pop_back();
    }
    std::vector<std::string> dates = {t.attr(t.child(docdata, "date.issue"), "norm"),
                                      t.attr(pubdata, "date.publication"),
                                      t.attr(t.child(docdata, "date.release"), "norm"),
                                      t.attr(t.child(dateline, "story.date"), "norm"),
                                      t.child_text(dateline, "story.date")};
    std::string first;
    for (const std::string& d : dates) {
      if (d.empty()) continue;
      if (first.empty()) first = d;
      if ((a.date = xml::date_of(d))) break;
    }
    if (!a.date && !first.empty()) out_.problem({0, "unparseable date \"" + shorten(first) + "\" dropped", false});

    const int content = t.child(body, "body.content");
    a.body = xml::nitf_body(t, content);
    if (a.body.empty()) a.body = xml::html_body(t, t.child(body_head, "abstract"));
    a.language = t.lang(content >= 0 ? content : 0);
    a.raw_entities = xml::nitf_entities(t, 0);
    xml::nitf_topics(t, head, a.topics, a.raw_entities);
    return out_.article(std::move(a));
  }

  std::uint64_t records = 0;

 private:
  // A byline's text without the writer's title (<byttl>).
  static std::string byline(const Tree& t, int b) {
    if (b < 0) return {};
    std::string out;
    for (int k = b + 1; k < t.size(); ++k) {
      int p = t.node(k).parent;
      bool in_title = false;
      while (p > b) {
        in_title = in_title || t.node(p).name == "byttl";
        p = t.node(p).parent;
      }
      if (p != b) break;
      if (t.node(k).is_text && !in_title) out += t.node(k).text;
    }
    out = collapse_whitespace(out);
    while (!out.empty() && (out.back() == ',' || out.back() == ' ')) out.pop_back();
    return out;
  }

  const std::string& path_;
  ArticleSink& out_;
};

}  // namespace

namespace xml {

void read_nitf(const std::string& path, std::string_view head, ByteSource& in, const ReaderOptions& options,
               ArticleSink& out) {
  NitfHandler handler(path, out);
  if (parse(head, in, options, handler, out) && handler.records == 0)
    out.problem({0, "not a NITF document (no <nitf> root element)", true});
}

}  // namespace xml

void NitfReader::read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const {
  xml::read_nitf(path, {}, in, options(), out);
}

}  // namespace newsdex
