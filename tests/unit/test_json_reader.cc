#include <catch2/catch.hpp>

#include <algorithm>

#include "newsdex/readers.h"

using newsdex::Article;
using newsdex::JsonReader;
using newsdex::ReaderOptions;
using newsdex::ReadResult;

namespace {

struct Row {
  const char* name;
  const char* input;
  const char* id;
  const char* title;
  const char* date;  // ISO or "" for none
  const char* author;
  const char* source;
  const char* url;
  const char* body;
};

std::string iso(const Article& a) { return a.date ? newsdex::format_iso8601(*a.date) : ""; }

}  // namespace

TEST_CASE("JSON readers map the field names real exports use onto one Article", "[json]") {
  const Row rows[] = {
      {"plain names", R"({"id":"a1","title":"T","date":"2025-10-15T08:00:00Z","author":"A","source":"S","url":"u","body":"B"})",
       "a1", "T", "2025-10-15T08:00:00Z", "A", "S", "u", "B"},
      {"schema.org names", R"({"guid":"g","headline":"H","datePublished":"2025-10-15","byline":"By","publisher":{"@type":"Organization","name":"Pub"},"articleBody":"Text"})",
       "g", "H", "2025-10-15T00:00:00Z", "By", "Pub", "", "Text"},
      {"RSS names", R"({"link":"http://x/1","title":"R","pubDate":"Wed, 15 Oct 2025 10:00:00 +0200","creator":"C","site_name":"Site","content":"Body"})",
       "http://x/1", "R", "2025-10-15T08:00:00Z", "C", "Site", "http://x/1", "Body"},
      {"numeric id and epoch date", R"({"id":42,"title":"N","published":1760515200,"text":"x"})",
       "42", "N", "2025-10-15T08:00:00Z", "", "", "", "x"},
      {"author list joined", R"({"id":"l","title":"L","authors":["Ann One",{"name":"Bob Two"}],"body":"x"})",
       "l", "L", "", "Ann One, Bob Two", "", "", "x"},
      {"body paragraphs as array", R"({"id":"p","title":"P","body":["First para.","Second para."]})",
       "p", "P", "", "", "", "", "First para.\n\nSecond para."},
      {"hard-wrapped body becomes paragraphs", R"({"id":"w","title":"W","body":"line one\ncontinues\n    Indented starts two.\n\nThree."})",
       "w", "W", "", "", "", "", "line one continues\n\nIndented starts two.\n\nThree."},
      {"empty-string field falls through to its synonym", R"({"id":"e","title":"","headline":"From headline","body":"x"})",
       "e", "From headline", "", "", "", "", "x"},
      {"the Guardian's content API", R"({"id":"world/2019/jan/01/x","sectionName":"World news","webPublicationDate":"2019-01-01T10:00:00Z","webTitle":"Tartus busy","webUrl":"https://g/x","fields":{"bodyText":"The port was busy.","byline":"Jane Doe"}})",
       "world/2019/jan/01/x", "Tartus busy", "2019-01-01T10:00:00Z", "Jane Doe", "", "https://g/x", "The port was busy."},
      {"the New York Times' article search API", R"({"_id":"nyt://article/abc","web_url":"https://n/y","headline":{"main":"Lawmakers Meet","kicker":null},"lead_paragraph":"Lawmakers met on Monday.","abstract":"They met.","pub_date":"2019-01-01T05:00:00+0000","byline":{"original":"By John Roe"}})",
       "nyt://article/abc", "Lawmakers Meet", "2019-01-01T05:00:00Z", "John Roe", "", "https://n/y", "Lawmakers met on Monday."},
      {"a news-category dataset", R"({"link":"https://h/z","headline":"Heat wave","category":"WORLD NEWS","short_description":"Temperatures soared.","authors":"Carla Johnson","date":"2022-09-23"})",
       "https://h/z", "Heat wave", "2022-09-23T00:00:00Z", "Carla Johnson", "", "https://h/z", "Temperatures soared."},
      {"WordPress's REST API: rendered HTML", R"({"id":1234,"date":"2021-05-04T10:00:00","link":"https://b/x","title":{"rendered":"Harbour &#8211; reopened"},"content":{"rendered":"<p>The harbour <strong>reopened</strong>.</p>\n<p>Ferries &amp; boats.</p>"},"categories":[3,7]})",
       "1234", "Harbour \u2013 reopened", "2021-05-04T10:00:00Z", "", "", "https://b/x", "The harbour reopened.\n\nFerries & boats."},
  };
  for (const Row& row : rows) {
    SECTION(row.name) {
      ReadResult r = JsonReader().read("feed.jsonl", row.input);
      REQUIRE(r.articles.size() == 1);
      const Article& a = r.articles[0];
      CHECK(a.id == row.id);
      CHECK(a.title == row.title);
      CHECK(iso(a) == row.date);
      CHECK(a.author == row.author);
      CHECK(a.source == row.source);
      CHECK(a.url == row.url);
      CHECK(a.body == row.body);
      CHECK(a.path == "feed.jsonl");
      CHECK(a.line == 1);
    }
  }
}

TEST_CASE("a JSON record's dateline is the article's", "[json][dateline]") {
  ReadResult r = JsonReader().read("feed.jsonl", R"({"id":"d","title":"T","dateline":"DETROIT,  March 3","body":"B"})"
                                                 "\n"
                                                 R"({"id":"e","title":"T","body":"B"})"
                                                 "\n");
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].dateline == "DETROIT, March 3");
  CHECK(r.articles[1].dateline.empty());
  // --field takes it from any key, as it takes the other fields.
  const std::vector<std::string>& fields = newsdex::json_article_fields();
  CHECK(std::find(fields.begin(), fields.end(), "dateline") != fields.end());
  ReaderOptions options;
  options.field_overrides["dateline"] = "meta.where";
  r = JsonReader(options).read("f.jsonl", R"({"id":"d","title":"T","meta":{"where":"LONDON"},"body":"B"})");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].dateline == "LONDON");
}

TEST_CASE("a broken JSON line is reported with its line number and the other lines are read", "[json]") {
  const std::string input =
      "{\"id\":\"a\",\"title\":\"one\",\"body\":\"x\"}\n"
      "{\"id\":\"b\",\"title\":\"two\",\n"
      "\n"
      "[1,2]\n"
      "{\"id\":\"c\",\"title\":\"three\",\"body\":\"x\"}\n";
  ReadResult r = JsonReader().read("f.jsonl", input);
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].id == "a");
  CHECK(r.articles[1].id == "c");
  CHECK(r.articles[1].line == 5);
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].line == 2);
  CHECK(r.problems[0].failed);
  CHECK_THAT(r.problems[0].message, Catch::StartsWith("not valid JSON"));
  CHECK(r.problems[1].line == 4);
  CHECK_THAT(r.problems[1].message, Catch::Contains("expected a JSON object"));
}

TEST_CASE("an unparseable date is reported and the article is kept without a date", "[json]") {
  ReadResult r = JsonReader().read("f.jsonl", R"({"id":"a","title":"t","date":"sometime soon","body":"x"})");
  REQUIRE(r.articles.size() == 1);
  CHECK_FALSE(r.articles[0].date);
  REQUIRE(r.problems.size() == 1);
  CHECK_FALSE(r.problems[0].failed);
  CHECK_THAT(r.problems[0].message, Catch::Contains("unparseable date 'sometime soon'"));
}

TEST_CASE("a record with neither title nor body is a failed record - an id alone is not an article", "[json]") {
  ReadResult r = JsonReader().read("f.jsonl", "{\"id\":\"brief\",\"title\":\"\",\"body\":\"\"}\n{\"date\":\"2025-01-01\"}\n"
                                              "{\"id\":\"t\",\"title\":\"Title only\"}\n{\"id\":\"b\",\"body\":\"Body only\"}\n");
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].id == "t");
  CHECK(r.articles[1].id == "b");
  REQUIRE(r.problems.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(r.problems[i].line == i + 1);
    CHECK(r.problems[i].failed);
    CHECK(r.problems[i].message == "no title or body");
  }
}

TEST_CASE("a JSON array file gives one article per element - numbered from 1", "[json]") {
  ReadResult r = JsonReader().read("a.json", "[\n {\"title\":\"one\",\"body\":\"x\"},\n {\"title\":\"two\",\"body\":\"y\"}\n]");
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[1].line == 2);
  CHECK(r.articles[1].title == "two");
  CHECK(r.articles[0].id.rfind("a.json#", 0) == 0);
  CHECK(r.articles[0].id != r.articles[1].id);
}

TEST_CASE("a record without an id is named by its path and content, wherever it stands in the file", "[json]") {
  const std::string rec = R"({"title":"No id","date":"2025-10-15","body":"x"})";
  const ReadResult first = JsonReader().read("feed.jsonl", rec + "\n");
  const ReadResult moved = JsonReader().read("feed.jsonl", R"({"id":"other","title":"O","body":"y"})" "\n\n" + rec + "\n");
  const ReadResult edited = JsonReader().read("feed.jsonl", R"({"title":"No id","date":"2025-10-15","body":"x2"})" "\n");
  const ReadResult redated = JsonReader().read("feed.jsonl", R"({"title":"No id","date":"2025-10-16","body":"x"})" "\n");
  REQUIRE(first.articles.size() == 1);
  REQUIRE(moved.articles.size() == 2);
  REQUIRE(edited.articles.size() == 1);
  REQUIRE(redated.articles.size() == 1);
  const std::string& id = first.articles[0].id;
  CHECK(id.rfind("feed.jsonl#", 0) == 0);
  CHECK(id.size() == std::string("feed.jsonl#").size() + 16);
  CHECK(moved.articles[1].line == 3);
  CHECK(moved.articles[1].id == id);
  CHECK(edited.articles[0].id != id);
  CHECK(redated.articles[0].id != id);
  CHECK(JsonReader().read("other.jsonl", rec).articles.at(0).id.rfind("other.jsonl#", 0) == 0);
}

TEST_CASE("a pretty-printed single object is one article", "[json]") {
  ReadResult r = JsonReader().read("one.json", "{\n  \"id\": \"x\",\n  \"title\": \"Pretty\",\n  \"body\": \"b\"\n}\n");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Pretty");
}

TEST_CASE("field overrides (--field) take a field from any key or dotted path", "[json]") {
  ReaderOptions options;
  options.field_overrides["title"] = "meta.head";
  options.field_overrides["body"] = "story";
  ReadResult r = JsonReader(options).read("f.jsonl", R"({"id":"o","title":"ignored","meta":{"head":"Nested"},"story":"S"})");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Nested");
  CHECK(r.articles[0].body == "S");
}

TEST_CASE("empty and binary JSON files fail as a whole", "[json]") {
  CHECK(JsonReader().read("e.jsonl", "  \n").problems.at(0).message == "empty file");
  const std::string binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  ReadResult r = JsonReader().read("b.jsonl", binary);
  CHECK(r.articles.empty());
  REQUIRE_FALSE(r.problems.empty());
  CHECK(r.problems[0].failed);
}

TEST_CASE("a body that starts with a tag is HTML - markup inside text and a title string stay text", "[json]") {
  ReadResult r = JsonReader().read("b.jsonl",
                                   "{\"id\":\"h\",\"title\":\"<b>Bold</b> claims\",\"body\":\"<p>One &amp; two.</p><p>Three.</p>\"}\n"
                                   "{\"id\":\"t\",\"title\":\"T\",\"body\":\"The <b> tag makes text bold.\"}\n");
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].title == "<b>Bold</b> claims");
  CHECK(r.articles[0].body == "One & two.\n\nThree.");
  CHECK(r.articles[1].body == "The <b> tag makes text bold.");
}

TEST_CASE("a CMS's numeric category ids are no topics - its named sections are", "[json][topics]") {
  ReadResult r = JsonReader().read("cms.jsonl",
                                   R"({"id":"c","title":"T","body":"x","categories":[3,7,"Harbour"],"category":"WORLD NEWS","sectionName":"World"})");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].topics == std::vector<std::string>{"Harbour", "WORLD NEWS", "World"});
}
