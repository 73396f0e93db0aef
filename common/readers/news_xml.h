// News XML (private to common/readers): the streaming parse shared by the
// feed, NITF, NewsML-G2 and NewsML 1.x readers, and the recognition of
// those formats from a file's first bytes.
//
// A document is parsed with libxml2's SAX parser, which pulls it in chunks
// from a ByteSource: no tree of the whole document is built. Each record (a
// feed item or entry, a NITF document, a NewsML-G2 newsItem, a NewsML 1.x
// NewsItem) is collected as a small tree of its own, bounded in bytes and
// elements, handed to the reader when its end tag is read and then freed.
// Outside records only the text of short elements (a channel's title, a
// feed's language) is passed on. No DTD or external entity is ever loaded (no network, no file):
// entity references outside the five XML ones are not expanded, except that
// the HTML entity names feeds use without declaring them (&nbsp;, &eacute;)
// are read as the characters they name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/readers.h"

namespace newsdex::xml {

// The namespaces the readers look at.
inline constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view kXhtmlNs = "http://www.w3.org/1999/xhtml";
inline constexpr std::string_view kNarNs = "http://iptc.org/std/nar/2006-10-01/";

// One element or run of text of a record's tree.
struct Node {
  bool is_text = false;
  std::string ns;     // the element's namespace URI ("" for none)
  std::string name;   // the element's local name; "" for text
  std::string text;   // text: its characters (CDATA included)
  std::vector<std::pair<std::string, std::string>> attrs;  // local name ("xml:lang" for xml:*) -> value
  std::vector<int> children;
  int parent = -1;
  std::uint64_t line = 0;
};

// A record as a tree: node 0 is the record's element.
class Tree {
 public:
  const Node& node(int i) const { return nodes_[static_cast<std::size_t>(i)]; }
  int size() const { return static_cast<int>(nodes_.size()); }

  // The first child element of `i` with local name `name`, in namespace
  // `ns` when it is given (any namespace otherwise), or -1.
  int child(int i, std::string_view name, std::optional<std::string_view> ns = std::nullopt) const;
  // Every such child element, in order.
  std::vector<int> children(int i, std::string_view name, std::optional<std::string_view> ns = std::nullopt) const;
  // The first descendant element of `i` (document order) with that name, or -1.
  int find(int i, std::string_view name, std::optional<std::string_view> ns = std::nullopt) const;
  // Every such descendant element, in document order.
  std::vector<int> find_all(int i, std::string_view name, std::optional<std::string_view> ns = std::nullopt) const;
  // The value of attribute `name` of element `i` ("" when absent; -1 has none).
  std::string attr(int i, std::string_view name) const;
  // The text inside element `i`, white space collapsed ("" for -1).
  std::string text(int i) const;
  // The text inside element `i` as written, white space kept ("" for -1).
  std::string raw_text(int i) const;
  // The text of child `name` of `i` (text(child(i, name, ns))).
  std::string child_text(int i, std::string_view name, std::optional<std::string_view> ns = std::nullopt) const {
    return text(child(i, name, ns));
  }
  // What is inside element `i` written as HTML (its elements by local
  // name, renamed by `rename` when it gives a name, left out with their
  // content when it gives ""; text escaped), for the HTML text reduction.
  std::string inner_html(int i, std::string_view (*rename)(std::string_view) = nullptr) const;
  // The language declared for element `i`: its xml:lang or its nearest
  // ancestor's, else the one in force where the record began.
  std::string lang(int i) const;

 private:
  // The descendant elements of `i` with that name, in document order, at
  // most `limit` of them.
  std::vector<int> descendants(int i, std::string_view name, std::optional<std::string_view> ns,
                               std::size_t limit) const;

  friend class Builder;
  std::vector<Node> nodes_;
  std::string outer_lang_;  // xml:lang in force at the record's element
};

// The name of an element on the path from the document's root.
struct Name {
  std::string ns;
  std::string name;
  bool is(std::string_view local, std::optional<std::string_view> in_ns = std::nullopt) const {
    return name == local && (!in_ns || ns == *in_ns);
  }
};

// What a reader does with a parse: which elements are records, and what to
// do with them and with the text around them.
class Handler {
 public:
  virtual ~Handler() = default;
  // Whether the element at the end of `path` (the root first) starts a
  // record. Not asked inside a record.
  virtual bool opens_record(const std::vector<Name>& path) = 0;
  // An element outside records ended, whose own text (at most 64 KiB) is
  // `text` and attributes `attrs`: the feed's title and language.
  virtual void context(const std::vector<Name>& path,
                       const std::vector<std::pair<std::string, std::string>>& attrs, const std::string& text) = 0;
  // A complete record, read without error, its element on `line`. Returns
  // false to stop the parse.
  virtual bool record(const Tree& tree, std::uint64_t line) = 0;
};

// Parses `head` followed by the rest of `in`, giving `handler` each record
// and `out` each problem: a record with an XML error in it (the first error
// named, with its line) or over the limits (max_record_bytes(),
// max_page_tags() elements) is one failed Problem on the record's line and
// is skipped, and the parse goes on where the parser can; an error outside
// records is one failed Problem on its line (one per stretch between
// records). `what` names the format in messages ("feed"). Returns false
// when the handler stopped the parse. Lets ReadError through.
bool parse(std::string_view head, ByteSource& in, const ReaderOptions& options, Handler& handler,
           ArticleSink& out);

// The news XML formats, as recognised by a document's root element.
enum class Format { none, feed, nitf, newsml, newsml1 };

// The format of a document that begins with `head` (its first bytes: the
// root element must be within them): RSS (<rss>, RSS 1.0 / 0.90 <rdf:RDF>),
// Atom (<feed> in the Atom namespace), NITF (<nitf>), NewsML-G2
// (<newsItem>, <newsMessage>), NewsML 1.x (<NewsML>), else none. An XML
// declaration, comments, processing instructions, a DOCTYPE, a byte order
// mark (UTF-8 or UTF-16) may come before the root.
Format sniff(std::string_view head);

// The local name of the root element of a document beginning with `head`,
// or "" (for messages).
std::string root_name(std::string_view head);

// How much of a file sniff() looks at.
inline constexpr std::size_t kSniffBytes = 16384;

// `head` (bytes already read from the start of `in`) topped up from `in`
// to the first kSniffBytes of the input (fewer at its end), for sniff();
// the reader then parses them and the rest of `in`. Lets ReadError
// through.
std::string read_head(ByteSource& in, std::string head = {});

// The readers' own reading (FeedReader, NitfReader, NewsmlReader), of
// `head` and then the rest of `in`: NewsXmlReader reads the head to choose.
void read_feed(const std::string& path, std::string_view head, ByteSource& in, const ReaderOptions& options,
               ArticleSink& out);
void read_nitf(const std::string& path, std::string_view head, ByteSource& in, const ReaderOptions& options,
               ArticleSink& out);
void read_newsml(const std::string& path, std::string_view head, ByteSource& in, const ReaderOptions& options,
                 ArticleSink& out);
// IPTC NewsML 1.x (newsml1_reader.cc): each NewsItem an article.
void read_newsml1(const std::string& path, std::string_view head, ByteSource& in, const ReaderOptions& options,
                  ArticleSink& out);

// ------------------------------------------------ helpers for the readers

// A date as news XML writes it, as UTC: every form parse_date reads, and
// ISO 8601's basic form ("20250915T083000Z", "20250915T083000-0500",
// "20250915"), which NITF uses.
std::optional<UnixTime> date_of(std::string_view text);

// The body of element `i`: escaped or CDATA HTML, or plain text, reduced to
// paragraphs (html::fragment_paragraphs); inline elements (XHTML) written
// out as HTML first. Paragraphs joined by a blank line.
std::string html_body(const Tree& tree, int i);

// "By Jane Doe" -> "Jane Doe" (and the other leads of byline.h: "Par
// Camille Dubois" -> "Camille Dubois"); "jane@example.com (Jane Doe)" ->
// "Jane Doe".
std::string author_name(std::string text);

// Reports, as one warning for the file, the `n` subjects a document gave
// only as a code (no name) and that are therefore not kept as topics;
// nothing when n is 0.
void report_unnamed_subjects(std::uint64_t n, ArticleSink& out);

// Adds an entity the publisher named to `out`, unless empty or there
// already (same type, same name ignoring case).
void add_entity(std::vector<Entity>& out, EntityType type, const std::string& name);

// The paragraphs of a NITF <body.content> element `i`, NITF's elements
// read as their HTML counterparts (a newspaper archive's lead paragraph
// that repeats the full text is left out), joined by a blank line.
std::string nitf_body(const Tree& tree, int i);

// The entities a NITF document names in its metadata and body: <person>,
// <org> and <location> (and <location> parts of a dateline) under `i`.
std::vector<Entity> nitf_entities(const Tree& tree, int i);

// The topics a NITF document gives in its metadata under `i`, added to
// `topics` in document order (see Article::topics): each <classifier>'s
// text, kept as written (a taxonomic path such as "Top/News/U.S." whole:
// the publisher's own value, which topic: filters on exactly), except
// those whose type names a genre ("types_of_material") or an entity
// (person, org, location: added to `entities` instead); each
// <tobject.subject>'s most precise name (tobject.subject.detail, else
// .matter, else .type; the numeric refnum alone is not a name); each
// <key-list> <keyword key="...">.
void nitf_topics(const Tree& tree, int i, std::vector<std::string>& topics, std::vector<Entity>& entities);

}  // namespace newsdex::xml
