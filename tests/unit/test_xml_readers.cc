// The news XML readers: feeds (RSS 2.0, RSS 1.0, Atom), NITF, NewsML-G2,
// NewsML 1.x,
// and the choice of reader by a document's root element.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "newsdex/readers.h"

using newsdex::Article;
using newsdex::Entity;
using newsdex::EntityType;
using newsdex::FeedReader;
using newsdex::MemorySource;
using newsdex::NewsmlReader;
using newsdex::NewsXmlReader;
using newsdex::NitfReader;
using newsdex::Problem;
using newsdex::Reader;
using newsdex::ReadResult;

namespace {

std::string iso(const Article& a) { return a.date ? newsdex::format_iso8601(*a.date) : ""; }

// Reads `bytes` whole and in chunks of 1 and 7 bytes: every chunking gives
// the same articles and problems.
ReadResult read_all_ways(const Reader& reader, const std::string& path, const std::string& bytes) {
  ReadResult whole = reader.read(path, bytes);
  for (std::size_t chunk : {std::size_t{1}, std::size_t{7}}) {
    ReadResult r;
    struct Sink final : newsdex::ArticleSink {
      ReadResult& r;
      explicit Sink(ReadResult& into) : r(into) {}
      bool article(Article a) override {
        r.articles.push_back(std::move(a));
        return true;
      }
      void problem(Problem p) override { r.problems.push_back(std::move(p)); }
    } sink(r);
    MemorySource src(bytes, chunk);
    reader.read(path, src, sink);
    REQUIRE(r.articles.size() == whole.articles.size());
    REQUIRE(r.problems.size() == whole.problems.size());
    for (std::size_t i = 0; i < r.articles.size(); ++i) {
      CHECK(r.articles[i].id == whole.articles[i].id);
      CHECK(r.articles[i].body == whole.articles[i].body);
      CHECK(r.articles[i].line == whole.articles[i].line);
    }
    for (std::size_t i = 0; i < r.problems.size(); ++i) CHECK(r.problems[i].line == whole.problems[i].line);
  }
  return whole;
}

struct Row {
  const char* name;
  std::string input;
  const char* id;
  const char* title;
  const char* date;
  const char* author;
  const char* source;
  const char* url;
  const char* body;
  const char* language;
  std::uint64_t line;
};

const std::string kRssHead =
    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel><title>Gazette &amp; Post</title>"
    "<language>fr-FR</language>\n";
const std::string kRssTail = "</channel></rss>\n";

}  // namespace

TEST_CASE("FeedReader reads an RSS, RSS 1.0 or Atom item's fields", "[xml][feed]") {
  const Row rows[] = {
      {"RSS 2.0: guid, pubDate, dc:creator, content:encoded in CDATA over description",
       kRssHead +
           "<item><title>Quay &lt;b&gt;works&lt;/b&gt;</title><link>https://g.example/q</link>"
           "<guid isPermaLink=\"false\">g-1</guid><pubDate>Wed, 15 Oct 2025 10:00:00 +0200</pubDate>"
           "<dc:creator>Anne Roux</dc:creator><description>Teaser only.</description>"
           "<content:encoded><![CDATA[<p>First <b>para</b>.</p><script>x()</script><p>Second &amp; last.</p>]]>"
           "</content:encoded></item>\n" +
           kRssTail,
       "g-1", "Quay works", "2025-10-15T08:00:00Z", "Anne Roux", "Gazette & Post", "https://g.example/q",
       "First para.\n\nSecond & last.", "fr", 4},
      {"RSS 2.0: escaped HTML description, author as e-mail (name), no guid: the link is the id",
       kRssHead +
           "<item><title>T</title><link>https://g.example/t</link><author>desk@g.example (Jo Bloggs)</author>"
           "<description>&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two &amp;amp; three.&lt;/p&gt;</description></item>\n" +
           kRssTail,
       "https://g.example/t", "T", "", "Jo Bloggs", "Gazette & Post", "https://g.example/t", "One.\n\nTwo & three.",
       "fr", 4},
      {"RSS 2.0: plain-text description keeps its paragraphs; undeclared HTML entities read",
       kRssHead + "<item><guid>p-1</guid><title>Caf&eacute;&nbsp;life</title><description>Line one.\n\nLine two.</description></item>\n" +
           kRssTail,
       "p-1", "Caf\xC3\xA9 life", "", "", "Gazette & Post", "", "Line one.\n\nLine two.", "fr", 4},
      {"RSS 1.0 (RDF): items beside the channel, dc:date with a zone, dc:language",
       "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
       "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
       "<channel rdf:about=\"x\"><title>Valley</title><dc:language>de</dc:language></channel>\n"
       "<item rdf:about=\"https://v.example/1\"><title>Weir</title><link>https://v.example/1</link>"
       "<description>Gates done.</description><dc:creator>Ute Kern</dc:creator>"
       "<dc:date>2025-09-12T16:20:00+01:00</dc:date></item>\n</rdf:RDF>\n",
       "https://v.example/1", "Weir", "2025-09-12T15:20:00Z", "Ute Kern", "Valley", "https://v.example/1",
       "Gates done.", "de", 4},
      {"Atom: id, published over updated, alternate link, XHTML content, xml:lang, feed title as source",
       "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nl\"><title>Desk</title>\n"
       "<entry><title type=\"html\">Ice &lt;em&gt;front&lt;/em&gt;</title>"
       "<link rel=\"enclosure\" href=\"https://d.example/img\"/><link rel=\"alternate\" href=\"https://d.example/ice\"/>"
       "<id>tag:d.example,2025:ice</id><updated>2025-09-15T10:00:00Z</updated>"
       "<published>2025-09-15T08:30:00+02:00</published><author><name>Ingrid H</name></author>"
       "<summary>Short.</summary><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
       "<p>One &amp; <b>two</b>.</p><p>Three.</p></div></content></entry>\n</feed>\n",
       "tag:d.example,2025:ice", "Ice front", "2025-09-15T06:30:00Z", "Ingrid H", "Desk", "https://d.example/ice",
       "One & two.\n\nThree.", "nl", 3},
      {"Atom with a namespace prefix; content given elsewhere (src) is not the body: the summary is",
       "<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\"><a:title>Pfx</a:title>\n<a:entry><a:title>P</a:title>"
       "<a:id>urn:p</a:id><a:published>2025-02-03T04:05:06Z</a:published><a:author><a:name>Al</a:name></a:author>"
       "<a:summary>Said.</a:summary><a:content src=\"https://p.example/x\"/></a:entry></a:feed>",
       "urn:p", "P", "2025-02-03T04:05:06Z", "Al", "Pfx", "", "Said.", "", 2},
      {"Atom: the feed's author when the entry names none; summary when there is no content",
       "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Desk</title><author><name>Staff</name></author>"
       "<entry><title>S</title><id>urn:s</id><updated>2025-01-02T03:04:05Z</updated>"
       "<summary type=\"html\">&lt;p&gt;Sum.&lt;/p&gt;</summary></entry></feed>",
       "urn:s", "S", "2025-01-02T03:04:05Z", "Staff", "Desk", "", "Sum.", "", 1},
  };
  for (const Row& row : rows) {
    SECTION(row.name) {
      const ReadResult r = read_all_ways(FeedReader(), "f.rss", row.input);
      INFO((r.problems.empty() ? std::string() : r.problems[0].message));
      CHECK(r.problems.empty());
      REQUIRE(r.articles.size() == 1);
      const Article& a = r.articles[0];
      CHECK(a.id == row.id);
      CHECK(a.title == row.title);
      CHECK(iso(a) == row.date);
      CHECK(a.author == row.author);
      CHECK(a.source == row.source);
      CHECK(a.url == row.url);
      CHECK(a.body == row.body);
      if (*row.language != '\0') CHECK(a.language == row.language);
      CHECK(a.path == "f.rss");
      CHECK(a.line == row.line);
    }
  }
}

TEST_CASE("Feeds as servers write them: a blank line before the declaration, undeclared Latin-1, an image first", "[xml][feed]") {
  const newsdex::FeedReader reader{newsdex::ReaderOptions{}};
  SECTION("whitespace before the XML declaration: read, lines unchanged") {
    const std::string feed = "\n  \n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>\n"
                             "<item><guid>w-1</guid><title>Blank first</title><description>Body.</description></item>\n"
                             "</channel></rss>\n";
    const ReadResult r = read_all_ways(reader, "w.rss", feed);
    INFO((r.problems.empty() ? std::string() : r.problems[0].message));
    REQUIRE(r.articles.size() == 1);
    CHECK(r.problems.empty());
    CHECK(r.articles[0].title == "Blank first");
    CHECK(r.articles[0].line == 5);
  }
  SECTION("8-bit text with no declared encoding is read as Windows-1252") {
    const std::string feed = "<rss><channel><title>UOL Not\xED" "cias</title>\n"
                             "<item><guid>l-1</guid><title>Simula\xE7\xF5" "es de 2\xBA turno</title>"
                             "<description>L\xED" "der na pesquisa \x93Ibope\x94.</description></item>\n"
                             "</channel></rss>\n";
    const ReadResult r = read_all_ways(reader, "l.rss", feed);
    REQUIRE(r.articles.size() == 1);
    CHECK(r.problems.empty());
    CHECK(r.articles[0].title == "Simula\xC3\xA7\xC3\xB5" "es de 2\xC2\xBA turno");
    CHECK(r.articles[0].body == "L\xC3\xAD" "der na pesquisa \xE2\x80\x9CIbope\xE2\x80\x9D.");
    CHECK(r.articles[0].source == "UOL Not\xC3\xAD" "cias");
  }
  SECTION("a description that starts with an image is HTML too; 'a<b then' is text") {
    const std::string feed = "<rss><channel>\n"
                             "<item><guid>i-1</guid><title>T</title><description><![CDATA[<img src='https://x/y.jpg' "
                             "align=\"left\" />  Text after the image.]]></description></item>\n"
                             "<item><guid>i-2</guid><title>U</title><description>If a&lt;b then c.</description></item>\n"
                             "</channel></rss>\n";
    const ReadResult r = read_all_ways(reader, "i.rss", feed);
    REQUIRE(r.articles.size() == 2);
    CHECK(r.articles[0].body == "Text after the image.");
    CHECK(r.articles[1].body == "If a<b then c.");
  }
}

TEST_CASE("A feed item without guid or link gets an id from its content, stable across positions", "[xml][feed]") {
  const std::string one = kRssHead + "<item><title>A</title><description>x</description></item>\n" + kRssTail;
  const std::string two = kRssHead + "<item><title>B</title><description>y</description></item>\n" +
                          "<item><title>A</title><description>x</description></item>\n" + kRssTail;
  const ReadResult r1 = FeedReader().read("f.rss", one);
  const ReadResult r2 = FeedReader().read("f.rss", two);
  REQUIRE(r1.articles.size() == 1);
  REQUIRE(r2.articles.size() == 2);
  CHECK(r1.articles[0].id.rfind("f.rss#", 0) == 0);
  CHECK(r2.articles[1].id == r1.articles[0].id);
  CHECK(r2.articles[0].id != r1.articles[0].id);
  CHECK(r2.articles[1].line == 5);
}

TEST_CASE("Bad XML fails one record with its line and keeps every good one", "[xml][corrupt]") {
  struct Case {
    const char* name;
    std::string input;
    std::vector<std::string> ids;            // kept, in order
    std::vector<std::uint64_t> failed_lines;  // one failed problem per bad record
  };
  const Case cases[] = {
      {"a mismatched end tag in the second of three items",
       kRssHead + "<item><guid>a</guid><title>A</title></item>\n<item><guid>b</guid><title>B</titel></item>\n"
                  "<item><guid>c</guid><title>C</title></item>\n" + kRssTail,
       {"a", "c"}, {5}},
      {"a bare '<' in the text of an item",
       kRssHead + "<item><guid>a</guid><title>A</title></item>\n<item><guid>b</guid><title>1 < 2</title></item>\n" +
           kRssTail,
       {"a"}, {5}},
      {"a feed cut inside its third item",
       kRssHead + "<item><guid>a</guid><title>A</title></item>\n<item><guid>b</guid><title>B</title></item>\n"
                  "<item><guid>c</guid><title>C is cut",
       {"a", "b"}, {6}},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      const ReadResult r = read_all_ways(FeedReader(), "f.rss", c.input);
      std::vector<std::string> ids;
      for (const Article& a : r.articles) ids.push_back(a.id);
      CHECK(ids == c.ids);
      std::vector<std::uint64_t> lines;
      for (const Problem& p : r.problems) {
        INFO(p.message);
        CHECK(p.failed);
        CHECK(p.message.find('\n') == std::string::npos);
        lines.push_back(p.line);
      }
      CHECK(lines == c.failed_lines);
    }
  }
}

TEST_CASE("An item over the record limits fails alone - the items around it are read", "[xml][limits]") {
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "<b>x</b>";
  const std::string feed = kRssHead + "<item><guid>a</guid><title>A</title></item>\n<item><guid>big</guid><description>" +
                           many + "</description></item>\n<item><guid>c</guid><title>C</title></item>\n" + kRssTail;
  newsdex::ReaderOptions options;
  options.max_body_bytes = 1 << 20;  // 16,384 elements an item at most
  const ReadResult r = FeedReader(options).read("f.rss", feed);
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].id == "a");
  CHECK(r.articles[1].id == "c");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].line == 5);
  CHECK(r.problems[0].failed);
  CHECK(r.problems[0].message.rfind("record too large", 0) == 0);
}

TEST_CASE("No external entity or DTD is loaded, and an entity bomb does not explode", "[xml][hostile]") {
  const std::string external =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
      "<rss version=\"2.0\"><channel><title>T</title>\n<item><guid>x</guid><title>Leak &xxe; here</title>"
      "<description>body</description></item></channel></rss>\n";
  const ReadResult r = FeedReader().read("x.rss", external);
  for (const Article& a : r.articles) {
    CHECK(a.title.find("root:") == std::string::npos);
    CHECK(a.body.find("root:") == std::string::npos);
  }

  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a0 \"lol lol lol lol lol lol lol lol lol lol\">\n";
  for (int i = 1; i < 12; ++i)
    bomb += "<!ENTITY a" + std::to_string(i) + " \"" +
            [&] {
              std::string s;
              for (int k = 0; k < 10; ++k) s += "&a" + std::to_string(i - 1) + ";";
              return s;
            }() +
            "\">\n";
  bomb += "]>\n<rss version=\"2.0\"><channel><title>T</title>\n<item><guid>b</guid><title>Bomb</title>"
          "<description>&a11;</description></item></channel></rss>\n";
  const ReadResult b = FeedReader().read("b.rss", bomb);
  std::size_t held = 0;
  for (const Article& a : b.articles) held += a.body.size();
  CHECK(held < (std::size_t{1} << 20));
}

TEST_CASE("NitfReader reads a NITF document and the entities its publisher named", "[xml][nitf]") {
  const std::string nitf =
      "<?xml version=\"1.0\"?>\n<nitf xml:lang=\"en\"><head><title>Head title</title>"
      "<docdata><doc-id id-string=\"AGX-1\"/><date.issue norm=\"20250911T143000+0200\"/>"
      "<identified-content><classifier type=\"descriptor\">STRIKES</classifier>"
      "<person>Halloran, Margaret</person><org>Transport Workers Union</org>"
      "<location>Springfield (Ill)</location></identified-content></docdata>"
      "<pubdata name=\"The Example Times\" ex-ref=\"https://t.example/a\"/></head>"
      "<body><body.head><hedline><hl1>Strike &amp; after</hl1><hl2>Sub</hl2></hedline>"
      "<byline>By <person>Jan Novak</person>, <byttl>Staff</byttl></byline>"
      "<dateline><location><city>Prague</city></location></dateline></body.head>"
      "<body.content><block class=\"lead_paragraph\"><p>Lead.</p></block>"
      "<block class=\"full_text\"><p>Lead.</p><p>More about <org>Skoda</org>.</p>"
      "<media><media-caption>Caption</media-caption></media></block></body.content></body></nitf>\n";
  const ReadResult r = read_all_ways(NitfReader(), "a.nitf", nitf);
  CHECK(r.problems.empty());
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.id == "AGX-1");
  CHECK(a.line == 0);
  CHECK(a.title == "Strike & after");
  CHECK(iso(a) == "2025-09-11T12:30:00Z");
  CHECK(a.author == "Jan Novak");
  CHECK(a.source == "The Example Times");
  CHECK(a.url == "https://t.example/a");
  CHECK(a.dateline == "Prague");
  CHECK(a.body == "Lead.\n\nMore about Skoda.");
  CHECK(a.language == "en");
  std::vector<std::pair<EntityType, std::string>> got;
  for (const Entity& e : a.raw_entities) got.emplace_back(e.type, e.name);
  const std::vector<std::pair<EntityType, std::string>> want = {
      {EntityType::person, "Halloran, Margaret"},   {EntityType::person, "Jan Novak"},
      {EntityType::org, "Transport Workers Union"}, {EntityType::org, "Skoda"},
      {EntityType::place, "Springfield (Ill)"},     {EntityType::place, "Prague"}};
  CHECK(got == want);
}

TEST_CASE("NITF dates: the first parseable of docdata, pubdata and dateline", "[xml][nitf]") {
  const std::pair<const char*, const char*> rows[] = {
      {"<pubdata date.publication=\"19870412T000000\"/>", "1987-04-12T00:00:00Z"},
      {"<docdata><date.issue norm=\"20250911T1430Z\"/></docdata>", "2025-09-11T14:30:00Z"},
      {"<docdata><date.issue norm=\"2025-09-11T14:30:00-05:00\"/></docdata>", "2025-09-11T19:30:00Z"},
      {"<docdata><date.issue norm=\"someday\"/></docdata><pubdata date.publication=\"20010203\"/>",
       "2001-02-03T00:00:00Z"},
  };
  for (const auto& [head, date] : rows) {
    const std::string doc = std::string("<nitf><head>") + head +
                            "</head><body><body.content><p>x</p></body.content></body></nitf>";
    const ReadResult r = NitfReader().read("d.nitf", doc);
    REQUIRE(r.articles.size() == 1);
    CHECK(iso(r.articles[0]) == date);
    CHECK(r.articles[0].id == "d.nitf");  // no doc-id: the path
  }
}

TEST_CASE("NewsmlReader reads newsItems alone and in a newsMessage", "[xml][newsml]") {
  const std::string item =
      "<?xml version=\"1.0\"?>\n<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:x:1\" "
      "xml:lang=\"en-GB\"><itemMeta><provider qcode=\"nprov:EXW\"><name>Example Wire</name></provider>"
      "<firstCreated>2025-09-10T10:05:00Z</firstCreated><link rel=\"irel:seeAlso\" href=\"https://w.example/1\"/>"
      "</itemMeta><contentMeta><contentCreated>2025-09-10T11:50:00+02:00</contentCreated>"
      "<located><name>Brussels</name></located>"
      "<subject type=\"cpnat:abstract\"><name>politics</name></subject>"
      "<subject type=\"cpnat:person\"><name>Ursula von der Leyen</name></subject>"
      "<subject type=\"cpnat:organisation\"><name>European Commission</name></subject>"
      "<slugline>EU-SUMMIT</slugline><headline>Leaders agree</headline><by>By Claire Martin</by></contentMeta>"
      "<contentSet><inlineXML contenttype=\"application/xhtml+xml\"><html xmlns=\"http://www.w3.org/1999/xhtml\">"
      "<head><title>t</title></head><body><p>One.</p><p>Two.</p></body></html></inlineXML></contentSet></newsItem>\n";
  const ReadResult r = read_all_ways(NewsmlReader(), "s.nml", item);
  CHECK(r.problems.empty());
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.id == "urn:x:1");
  CHECK(a.line == 0);
  CHECK(a.title == "Leaders agree");
  CHECK(iso(a) == "2025-09-10T09:50:00Z");
  CHECK(a.author == "Claire Martin");
  CHECK(a.source == "Example Wire");
  CHECK(a.url == "https://w.example/1");
  CHECK(a.body == "One.\n\nTwo.");
  CHECK(a.language == "en");
  std::vector<std::pair<EntityType, std::string>> got;
  for (const Entity& e : a.raw_entities) got.emplace_back(e.type, e.name);
  const std::vector<std::pair<EntityType, std::string>> want = {{EntityType::person, "Ursula von der Leyen"},
                                                                {EntityType::org, "European Commission"},
                                                                {EntityType::place, "Brussels"}};
  CHECK(got == want);

  const std::string message =
      "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><header><sender>wire.example</sender></header>\n"
      "<itemSet>\n<newsItem guid=\"n1\"><contentMeta><slugline>ONLY-SLUG</slugline></contentMeta><contentSet>"
      "<inlineXML><nitf xmlns=\"http://iptc.org/std/NITF/2006-10-18/\"><body><body.content><p>Frost in "
      "<location>Tyrol</location>.</p></body.content></body></nitf></inlineXML></contentSet></newsItem>\n"
      "<newsItem guid=\"n2\"><itemMeta><versionCreated>2025-09-13T08:55:00Z</versionCreated></itemMeta>"
      "<contentMeta><headline>Chess</headline></contentMeta><contentSet><inlineData contenttype=\"text/plain\">"
      "A.\n\nB.</inlineData></contentSet></newsItem>\n</itemSet></newsMessage>\n";
  const ReadResult m = read_all_ways(NewsmlReader(), "m.xml", message);
  CHECK(m.problems.empty());
  REQUIRE(m.articles.size() == 2);
  CHECK(m.articles[0].id == "n1");
  CHECK(m.articles[0].line == 3);
  CHECK(m.articles[0].title == "ONLY-SLUG");
  CHECK(m.articles[0].source == "wire.example");
  CHECK(m.articles[0].body == "Frost in Tyrol.");
  REQUIRE(m.articles[0].raw_entities.size() == 1);
  CHECK(m.articles[0].raw_entities[0].name == "Tyrol");
  CHECK(m.articles[1].id == "n2");
  CHECK(m.articles[1].line == 4);
  CHECK(iso(m.articles[1]) == "2025-09-13T08:55:00Z");
  CHECK(m.articles[1].body == "A.\n\nB.");
}

TEST_CASE("NewsmlReader reads each NewsItem of a NewsML 1.x document", "[xml][newsml1]") {
  struct Case {
    const char* name;
    std::string item;  // one NewsItem
    const char* id;
    const char* title;
    const char* date;
    const char* author;
    const char* source;
    const char* body;
    const char* language;
  };
  const Case cases[] = {
      {"FirstCreated before ThisRevisionCreated; NITF content in a nested component",
       "<NewsItem><Identification><NewsIdentifier><NewsItemId>A1</NewsItemId><PublicIdentifier>urn:a:1"
       "</PublicIdentifier></NewsIdentifier></Identification><NewsManagement><FirstCreated>20250908T143000+0200"
       "</FirstCreated><ThisRevisionCreated>20250909T000000Z</ThisRevisionCreated></NewsManagement><NewsComponent>"
       "<NewsLines><HeadLine>M\xC3\xA9tro</HeadLine><ByLine>Par Camille Dubois</ByLine></NewsLines>"
       "<AdministrativeMetadata><Provider><Party FormalName=\"Agence\"/></Provider></AdministrativeMetadata>"
       "<DescriptiveMetadata><Language FormalName=\"fr\"/></DescriptiveMetadata><NewsComponent>"
       "<ContentItem Href=\"p.jpg\"><MediaType FormalName=\"Photo\"/></ContentItem><ContentItem><DataContent>"
       "<nitf><body><body.content><p>Un.</p><p>Deux.</p></body.content></body></nitf></DataContent></ContentItem>"
       "</NewsComponent></NewsComponent></NewsItem>",
       "urn:a:1", "M\xC3\xA9tro", "2025-09-08T12:30:00Z", "Camille Dubois", "Agence", "Un.\n\nDeux.", "fr"},
      {"only ThisRevisionCreated; NewsItemId; text content; CreditLine as source",
       "<NewsItem><Identification><NewsIdentifier><NewsItemId>B2</NewsItemId></NewsIdentifier></Identification>"
       "<NewsManagement><ThisRevisionCreated>20250909T071500Z</ThisRevisionCreated></NewsManagement>"
       "<NewsComponent xml:lang=\"de\"><NewsLines><HeadLine>Bahn</HeadLine><ByLine>Von Thomas M\xC3\xBCller"
       "</ByLine><CreditLine>Wire</CreditLine></NewsLines><ContentItem><MimeType FormalName=\"text/plain\"/>"
       "<DataContent>Eins.\n\nZwei.</DataContent></ContentItem></NewsComponent></NewsItem>",
       "B2", "Bahn", "2025-09-09T07:15:00Z", "Thomas M\xC3\xBCller", "Wire", "Eins.\n\nZwei.", "de"},
      {"no NewsManagement date: the ByLine's date; escaped HTML by MimeType; Duid",
       "<NewsItem Duid=\"c3\"><NewsComponent><NewsLines><HeadLine>Naranjas</HeadLine><ByLine>Por Ana Garc\xC3\xAD" "a, "
       "8 de septiembre de 2025</ByLine></NewsLines><DescriptiveMetadata><Language FormalName=\"es-ES\"/>"
       "</DescriptiveMetadata><ContentItem><MimeType FormalName=\"text/html\"/>"
       "<DataContent>&lt;p&gt;Uno.&lt;/p&gt;&lt;p&gt;Dos.&lt;/p&gt;</DataContent></ContentItem></NewsComponent>"
       "</NewsItem>",
       "c3", "Naranjas", "2025-09-08T00:00:00Z", "Ana Garc\xC3\xAD" "a", "Env", "Uno.\n\nDos.", "es"},
      {"no date but the DateLine's, numeric, in the declared language's order",
       "<NewsItem Duid=\"d4\"><NewsComponent><NewsLines><HeadLine>Neige</HeadLine><DateLine>GRENOBLE, 8/9/2025"
       "</DateLine></NewsLines><DescriptiveMetadata><Language FormalName=\"fr\"/></DescriptiveMetadata>"
       "<ContentItem><DataContent>Flocons.</DataContent></ContentItem></NewsComponent></NewsItem>",
       "d4", "Neige", "2025-09-08T00:00:00Z", "", "Env", "Flocons.", "fr"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      const std::string doc = "<?xml version=\"1.0\"?>\n<NewsML Version=\"1.2\"><NewsEnvelope><SentFrom>"
                              "<Party FormalName=\"Env\"/></SentFrom></NewsEnvelope>\n" +
                              c.item + "\n</NewsML>\n";
      const ReadResult r = read_all_ways(NewsmlReader(), "a.nml", doc);
      CHECK(r.problems.empty());
      REQUIRE(r.articles.size() == 1);
      const Article& a = r.articles[0];
      CHECK(a.id == c.id);
      CHECK(a.line == 3);
      CHECK(a.title == c.title);
      CHECK(iso(a) == c.date);
      CHECK(a.author == c.author);
      CHECK(a.source == c.source);
      CHECK(a.body == c.body);
      CHECK(a.language == c.language);
      // Read as .xml by its root element: the same article.
      const ReadResult x = NewsXmlReader().read("a.xml", doc);
      REQUIRE(x.articles.size() == 1);
      CHECK(x.articles[0].id == c.id);
    }
  }
  const ReadResult none = NewsmlReader().read("e.nml", "<NewsML><NewsEnvelope/></NewsML>");
  REQUIRE(none.problems.size() == 1);
  CHECK(none.problems[0].message == "no NewsItem in this NewsML 1.x document");
}

TEST_CASE("Every news XML format's dateline is the article's", "[xml][dateline]") {
  const auto one = [](const Reader& reader, const std::string& path, const std::string& doc) {
    const ReadResult r = reader.read(path, doc);
    INFO(path);
    REQUIRE(r.articles.size() == 1);
    return r.articles[0].dateline;
  };
  // NITF: the location, else the dateline's text without its date.
  CHECK(one(NitfReader(), "a.nitf",
            "<nitf><body><body.head><hedline><hl1>T</hl1></hedline><dateline><location><city>Jackson</city>, "
            "<state>Miss.</state></location>, <story.date norm=\"19870304\">March 4</story.date></dateline>"
            "</body.head><body.content><p>Text.</p></body.content></body></nitf>") == "Jackson, Miss.");
  CHECK(one(NitfReader(), "b.nitf",
            "<nitf><body><body.head><hedline><hl1>T</hl1></hedline><dateline>DETROIT, <story.date>March 4"
            "</story.date></dateline></body.head><body.content><p>Text.</p></body.content></body></nitf>") ==
        "DETROIT");
  CHECK(one(NewsmlReader(), "c.nml",
            "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"g\"><contentMeta><headline>T</headline>"
            "<dateline>BRUSSELS, Sept 10</dateline></contentMeta><contentSet><inlineXML><html "
            "xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Text.</p></body></html></inlineXML></contentSet>"
            "</newsItem>") == "BRUSSELS, Sept 10");
  CHECK(one(NewsmlReader(), "d.nml",
            "<NewsML><NewsItem Duid=\"d\"><NewsComponent><NewsLines><HeadLine>T</HeadLine><DateLine>PARIS, 8 "
            "septembre 2025 (AFP) -</DateLine></NewsLines><ContentItem><DataContent>Texte.</DataContent>"
            "</ContentItem></NewsComponent></NewsItem></NewsML>") == "PARIS, 8 septembre 2025 (AFP) -");
}

TEST_CASE("News XML is recognised by its root element", "[xml][sniff]") {
  const std::pair<std::string, bool> rows[] = {
      {"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid>"
       "<title>A</title></item></channel></rss>",
       true},
      {"\xEF\xBB\xBF<!-- generator --><?xml-stylesheet href=\"s.xsl\"?>\n<!DOCTYPE feed [<!ENTITY x \"]>\">]>"
       "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>1</id><title>A</title></entry></feed>",
       true},
      {"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">"
       "<item><title>A</title></item></rdf:RDF>",
       true},
      {"<nitf><body><body.content><p>A</p></body.content></body></nitf>", true},
      {"<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"g\"><contentMeta><headline>A</headline>"
       "</contentMeta></newsItem>",
       true},
      {"<NewsML Version=\"1.2\"><NewsItem Duid=\"n\"><NewsComponent><NewsLines><HeadLine>A</HeadLine>"
       "</NewsLines></NewsComponent></NewsItem></NewsML>",
       true},
      {"<feed><entry>not Atom: no namespace</entry></feed>", false},
      {"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><x/></rdf:RDF>", false},
      {"<catalog><book/></catalog>", false},
      {"plain text, not XML", false},
      {"", false},
  };
  for (const auto& [head, news] : rows) {
    INFO(head);
    CHECK((newsdex::reader_for_content(head, {}) != nullptr) == news);
    const ReadResult r = NewsXmlReader().read("x.xml", head);
    CHECK(r.articles.size() == (news ? 1u : 0u));
    if (!news) {
      REQUIRE(r.problems.size() == 1);
      CHECK(r.problems[0].failed);
    }
  }
  // UTF-16 with a byte order mark.
  const std::string ascii = "<rss version=\"2.0\"><channel><item><guid>u</guid><title>Wide</title></item></channel></rss>";
  std::string wide = "\xFF\xFE";
  for (char c : ascii) {
    wide += c;
    wide += '\0';
  }
  CHECK(newsdex::reader_for_content(wide, {}) != nullptr);
  const ReadResult w = NewsXmlReader().read("w.xml", wide);
  REQUIRE(w.articles.size() == 1);
  CHECK(w.articles[0].title == "Wide");
}

TEST_CASE("Reader-given entities are kept beside the extracted ones, each once", "[xml][entities]") {
  const std::vector<Entity> extracted = {{EntityType::person, "Jan Novak", 3}, {EntityType::org, "Skoda", 2}};
  const std::vector<Entity> given = {{EntityType::place, "Prague", 1}, {EntityType::org, "SKODA", 1},
                                     {EntityType::person, "Halloran, Margaret", 1}};
  const std::vector<Entity> all = newsdex::with_given_entities(extracted, given);
  std::vector<std::pair<EntityType, std::string>> got;
  for (const Entity& e : all) got.emplace_back(e.type, e.name);
  const std::vector<std::pair<EntityType, std::string>> want = {{EntityType::person, "Jan Novak"},
                                                                {EntityType::person, "Halloran, Margaret"},
                                                                {EntityType::place, "Prague"},
                                                                {EntityType::org, "Skoda"}};
  CHECK(got == want);
  CHECK(all[0].mentions == 3);
}

TEST_CASE("An attribute's '&' written as the entity amp or as character 38 is one '&' (libxml2 gives character 38)", "[xml]") {
  const std::string atom =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>D</title><entry><id>e1</id><title>T</title>"
      "<link href=\"https://x.example/a?b=1&amp;c=2&#38;d=&amp;#38;\"/><content>Body.</content></entry></feed>";
  const ReadResult r = FeedReader().read("a.atom", atom);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].url == "https://x.example/a?b=1&c=2&d=&#38;");
}
