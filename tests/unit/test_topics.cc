// The publisher's topics (Article::topics): what each reader takes from its
// format, and the bounds the common reader checks put on them.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "newsdex/readers.h"

using newsdex::Article;
using newsdex::Entity;
using newsdex::EntityType;
using newsdex::Problem;
using newsdex::ReaderOptions;
using newsdex::ReadResult;

namespace {

ReadResult read_as(const std::string& path, const std::string& bytes) {
  const auto reader = newsdex::reader_for_path(path, ReaderOptions{});
  REQUIRE(reader);
  return reader->read(path, bytes);
}

bool has_problem(const ReadResult& r, const std::string& part) {
  for (const Problem& p : r.problems)
    if (p.message.find(part) != std::string::npos) return true;
  return false;
}

const std::string kRss =
    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
    "<title>Gazette</title><item><title>T</title><link>https://g.example/1</link><description>Body.</description>";

}  // namespace

TEST_CASE("Each format's topics come out as the publisher gave them, entities and genres apart",
          "[topics][readers]") {
  struct Row {
    const char* name;
    const char* path;
    std::string input;
    std::vector<std::string> topics;
    std::vector<std::string> given_entities;  // raw_entities' names, in order
    const char* problem;                      // a problem that must be reported, or ""
  };
  const Row rows[] = {
      {"NITF: classifiers (a taxonomic path whole), tobject.subject's most precise name, key-list keywords; "
       "types_of_material is a genre; a person classifier is an entity",
       "a.nitf",
       "<nitf><head><tobject tobject.type=\"news\"><tobject.subject tobject.subject.refnum=\"04006000\" "
       "tobject.subject.type=\"Economy\" tobject.subject.matter=\"Transport\"/>"
       "<tobject.subject tobject.subject.refnum=\"11000000\"/></tobject>"
       "<docdata><identified-content>"
       "<classifier class=\"indexing_service\" type=\"descriptor\">Politics and Government</classifier>"
       "<classifier class=\"indexing_service\" type=\"descriptor\">  STRIKES </classifier>"
       "<classifier class=\"online_producer\" type=\"taxonomic_classifier\">Top/News/World/Europe</classifier>"
       "<classifier class=\"online_producer\" type=\"types_of_material\">News</classifier>"
       "<classifier class=\"indexing_service\" type=\"person\">Halloran, Margaret</classifier>"
       "</identified-content><key-list><keyword key=\"trams\"/><keyword key=\"Strikes\"/></key-list></docdata>"
       "</head><body><body.content><p>Text.</p></body.content></body></nitf>",
       {"Politics and Government", "STRIKES", "Top/News/World/Europe", "Transport", "trams"},
       {"Halloran, Margaret"},
       ""},
      {"NewsML-G2: a subject's name in the item's language, a literal; qcode-only subjects counted, "
       "entity subjects entities, keywords kept, genre not a topic",
       "a.nml",
       "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"g1\"><itemMeta/><contentMeta>"
       "<language tag=\"fr\"/><genre qcode=\"genre:Current\"><name>Current</name></genre>"
       "<subject type=\"cpnat:abstract\" qcode=\"medtop:11000000\"><name xml:lang=\"en\">politics</name>"
       "<name xml:lang=\"fr\">politique</name></subject>"
       "<subject type=\"cpnat:abstract\" qcode=\"medtop:20000763\"/>"
       "<subject literal=\"Energy prices\"/>"
       "<subject type=\"cpnat:person\" qcode=\"wiki:Q1\"><name>Jane Roe</name></subject>"
       "<keyword>gaz</keyword><keyword>  </keyword><headline>H</headline></contentMeta>"
       "<contentSet><inlineData contenttype=\"text/plain\">Texte.</inlineData></contentSet></newsItem>",
       {"politique", "Energy prices", "gaz"},
       {"Jane Roe"},
       "1 subject given only as a code"},
      {"NewsML 1.x: a named SubjectCode, a numeric one counted; Keyword properties",
       "a.xml",
       "<NewsML><NewsItem><Identification><NewsIdentifier><NewsItemId>N1</NewsItemId></NewsIdentifier>"
       "</Identification><NewsComponent><NewsLines><HeadLine>H</HeadLine></NewsLines><DescriptiveMetadata>"
       "<SubjectCode><Subject FormalName=\"04000000\"/></SubjectCode>"
       "<SubjectCode><Subject FormalName=\"04000000\"/><SubjectMatter FormalName=\"Energy\"/></SubjectCode>"
       "<Property FormalName=\"Keyword\" Value=\"oil\"/><Property FormalName=\"Genre\" Value=\"Analysis\"/>"
       "</DescriptiveMetadata><ContentItem><MimeType FormalName=\"text/plain\"/><DataContent>Body."
       "</DataContent></ContentItem></NewsComponent></NewsItem></NewsML>",
       {"Energy", "oil"},
       {},
       "1 subject given only as a code"},
      {"RSS 2.0: each category (not its domain), then dc:subject",
       "a.rss",
       kRss + "<category domain=\"https://g.example/tax\">Local news</category><category>Weather</category>"
              "<dc:subject>Harbour</dc:subject></item></channel></rss>",
       {"Local news", "Weather", "Harbour"},
       {},
       ""},
      {"RSS 1.0 (RDF): dc:subject",
       "a.xml",
       "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" "
       "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel rdf:about=\"c\"><title>River</title></channel>"
       "<item rdf:about=\"https://r.example/1\"><title>T</title><link>https://r.example/1</link>"
       "<description>Body.</description><dc:subject>Rivers</dc:subject></item></rdf:RDF>",
       {"Rivers"},
       {},
       ""},
      {"Atom: a category's label, else its term",
       "a.atom",
       "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Desk</title><entry><id>e1</id><title>T</title>"
       "<content>Body.</content><category term=\"glaciers\" label=\"Glaciers &amp; ice\"/>"
       "<category term=\"climate\" scheme=\"https://d.example/tags\"/></entry></feed>",
       {"Glaciers & ice", "climate"},
       {},
       ""},
      {"JSON: topics, tags, a comma-separated keywords string, categories objects, section",
       "a.jsonl",
       R"({"id":"j1","title":"T","body":"B","topics":["Economy"],"tags":"shipping","keywords":"grain, ports ; Economy",)"
       R"("categories":[{"name":"Baniyas"},"  "],"section":"World"})"
       "\n",
       {"Economy", "shipping", "grain", "ports", "Baniyas", "World"},
       {},
       ""},
      {"HTML: article:section, article:tag, news_keywords and keywords lists, JSON-LD articleSection and keywords",
       "a.html",
       "<html lang=\"en\"><head><title>Harbour reopens</title>"
       "<meta property=\"article:section\" content=\"Business\">"
       "<meta property=\"article:tag\" content=\"Ports\"><meta property=\"article:tag\" content=\"Shipping\">"
       "<meta name=\"news_keywords\" content=\"harbour, cranes\"><meta name=\"keywords\" content=\"ports,tides\">"
       "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Harbour reopens\","
       "\"articleSection\":[\"Business\",\"Local\"],\"keywords\":\"fishing, Cranes\"}</script></head>"
       "<body><article><h1>Harbour reopens</h1><p>The harbour reopened on Monday after the storm, and the "
       "cranes were back at work by noon as the first ships came in.</p></article></body></html>",
       {"Business", "Ports", "Shipping", "harbour", "cranes", "tides", "Local", "fishing"},
       {},
       ""},
  };
  for (const Row& row : rows) {
    SECTION(row.name) {
      const ReadResult r = read_as(row.path, row.input);
      REQUIRE(r.articles.size() == 1);
      CHECK(r.articles[0].topics == row.topics);
      std::vector<std::string> given;
      for (const Entity& e : r.articles[0].raw_entities) given.push_back(e.name);
      CHECK(given == row.given_entities);
      if (*row.problem) {
        CHECK(has_problem(r, row.problem));
      } else {
        CHECK(r.problems.empty());
      }
    }
  }
}

TEST_CASE("Topics are bounded and made one-line text - what is dropped or cut is reported", "[topics][hostile]") {
  SECTION("control characters and runs of white space become one space; markup stays text") {
    const ReadResult r = read_as(
        "a.jsonl", "{\"title\":\"T\",\"body\":\"B\",\"tags\":[\"a\\u0007\\u001b[31mb\\n\\tc\",\"<script>x()</script>\"]}\n");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].topics == std::vector<std::string>{"a [31mb c", "<script>x()</script>"});
  }
  SECTION("repeats ignoring case and accents are dropped, the first spelling kept") {
    const ReadResult r =
        read_as("a.jsonl", "{\"title\":\"T\",\"body\":\"B\",\"tags\":[\"Caf\\u00e9\",\"CAFE\",\"caf\\u00c9 \"]}\n");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].topics == std::vector<std::string>{"Caf\xC3\xA9"});
  }
  SECTION("invalid UTF-8 is repaired") {
    const ReadResult r = read_as("a.jsonl", "{\"title\":\"T\",\"body\":\"B\",\"tags\":[\"M\xE9t\xE9o\"]}\n");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].topics == std::vector<std::string>{"M\xC3\xA9t\xC3\xA9o"});
  }
  SECTION("a topic over kMaxTopicBytes is cut, and the cut reported") {
    const std::string long_topic(1000, 'x');
    const ReadResult r = read_as("a.rss", kRss + "<category>" + long_topic + "</category></item></channel></rss>");
    REQUIRE(r.articles.size() == 1);
    REQUIRE(r.articles[0].topics.size() == 1);
    CHECK(r.articles[0].topics[0].size() == newsdex::kMaxTopicBytes);
    CHECK(has_problem(r, "too long, cut: topic (1000 bytes)"));
  }
  SECTION("beyond kMaxTopics distinct topics, the rest are dropped and counted") {
    std::string items;
    for (int i = 0; i < 20000; ++i) items += "<category>topic " + std::to_string(i) + "</category>";
    const ReadResult r = read_as("a.rss", kRss + items + "</item></channel></rss>");
    REQUIRE(r.articles.size() == 1);
    REQUIRE(r.articles[0].topics.size() == newsdex::kMaxTopics);
    CHECK(r.articles[0].topics.front() == "topic 0");
    CHECK(r.articles[0].topics.back() == "topic " + std::to_string(newsdex::kMaxTopics - 1));
    CHECK(has_problem(r, "too many topics: the first 64 kept, " + std::to_string(20000 - newsdex::kMaxTopics) +
                             " more dropped"));
  }
}

TEST_CASE("a topics field override (--field topics=KEY) reads that key alone", "[topics][json]") {
  ReaderOptions options;
  options.field_overrides["topics"] = "meta.labels";
  const auto reader = newsdex::reader_for_path("a.jsonl", options);
  const ReadResult r =
      reader->read("a.jsonl", R"({"title":"T","body":"B","tags":["ignored"],"meta":{"labels":["Farming","Rain"]}})"
                              "\n");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].topics == std::vector<std::string>{"Farming", "Rain"});
}
