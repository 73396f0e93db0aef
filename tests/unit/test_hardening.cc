// Hostile input at the library edge: article limits in the readers, query
// limits in parse_query, and inputs the fuzzers found. Each case must end
// in bounded time with a result or a one-line error, never a crash.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "newsdex/dates.h"
#include "newsdex/document.h"
#include "newsdex/encoding.h"
#include "newsdex/query.h"
#include "newsdex/readers.h"
#include "newsdex/snippet.h"

namespace {

using newsdex::Article;
using newsdex::ReadResult;

ReadResult read_as(const std::string& path, const std::string& bytes, const newsdex::ReaderOptions& options = {}) {
  return newsdex::reader_for_path(path, options)->read(path, bytes);
}

std::string problems_of(const ReadResult& r) {
  std::string out;
  for (const auto& p : r.problems) out += std::to_string(p.line) + (p.failed ? " error: " : " warning: ") + p.message + "\n";
  return out;
}

std::string words(std::size_t n, const std::string& word = "quokka") {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += (i ? " " : "") + word;
  return s;
}

// A small in-memory index for queries that consult the database.
Xapian::Database small_index() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 50; ++i) {
    Article a;
    a.id = "a" + std::to_string(i);
    a.path = "/c/" + a.id + ".txt";
    a.title = "Quokka report " + std::to_string(i);
    a.body = "word" + std::to_string(i) + " quokka island census";
    a.date = 1760486400 + i * 86400;
    db.add_document(newsdex::make_document(a));
  }
  db.commit();
  return db;
}


}  // namespace

TEST_CASE("a body over max_body_bytes is cut at a word with a warning", "[hardening][readers]") {
  newsdex::ReaderOptions options;
  options.max_body_bytes = 1000;
  const ReadResult r = read_as("a.jsonl", "{\"id\":\"x\",\"title\":\"T\",\"body\":\"" + words(1000) + "\"}\n", options);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].body.size() <= 1000);
  CHECK(r.articles[0].body.size() > 900);
  CHECK(r.articles[0].body.substr(r.articles[0].body.size() - 6) == "quokka");
  CHECK(problems_of(r) == "1 warning: too long, cut: body (6 KiB); the body is indexed up to 1000 bytes (see --max-article-size)\n");
}

TEST_CASE("a title, author, source or url over max_field_bytes is cut - a long id fails the record", "[hardening][readers]") {
  const std::string big = words(2000);  // 13999 bytes
  const ReadResult r = read_as("a.jsonl",
                               "{\"id\":\"ok\",\"title\":\"" + big + "\",\"author\":\"" + big + "\",\"body\":\"b\"}\n"
                               "{\"id\":\"" + big + "\",\"title\":\"t\"}\n");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title.size() <= 4096);
  CHECK(r.articles[0].author.size() <= 4096);
  CHECK(problems_of(r) ==
        "1 warning: too long, cut: title (13 KiB), author (13 KiB)\n"
        "2 error: id too long (13 KiB, limit 4 KiB)\n");
}

TEST_CASE("a cut never splits a UTF-8 character", "[hardening][readers]") {
  newsdex::ReaderOptions options;
  options.max_body_bytes = 101;
  std::string body;
  for (int i = 0; i < 100; ++i) body += "\xE2\x82\xAC";  // no spaces: cut on a character boundary
  const ReadResult r = read_as("a.jsonl", "{\"id\":\"x\",\"body\":\"" + body + "\"}", options);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].body.size() == 99);
  CHECK(newsdex::is_valid_utf8(r.articles[0].body));
}

TEST_CASE("a text file whose first line is too long for a headline keeps the line as body", "[hardening][readers]") {
  const std::string line = words(300);  // 2099 bytes
  const ReadResult r = read_as("long.txt", line + "\n\nSecond paragraph.\n");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title.size() < 210);
  CHECK(r.articles[0].title.substr(r.articles[0].title.size() - 3) == "...");
  CHECK(r.articles[0].body == line + "\n\nSecond paragraph.");
  CHECK(problems_of(r) == "0 warning: first line too long for a headline (2099 bytes): title taken from its start, the line kept as body\n");
}

TEST_CASE("a 1000-character word makes no term over Xapian's limit in any field", "[hardening][document]") {
  const std::string word = "Q" + std::string(999, 'x');
  Article a;
  a.id = "long-word";
  a.path = "/c/long.txt";
  a.title = "Title " + word;
  a.body = "Body " + word + " " + word + "s";
  a.author = word;
  a.source = word;
  a.entities = {{newsdex::EntityType::person, word, 1}, {newsdex::EntityType::place, "Port " + word, 1}};
  const Xapian::Document doc = newsdex::make_document(a);
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) CHECK((*it).size() <= 245);
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(doc);
  // And the word, cut the same way on both sides, finds its article.
  Xapian::Enquire e(db);
  e.set_query(newsdex::parse_query(word, {}).query);
  CHECK(e.get_mset(0, 10).size() == 1);
}

TEST_CASE("hostile queries give a clear error or a sane result in bounded time", "[hardening][query]") {
  const Xapian::Database db = small_index();
  const newsdex::QueryOptions options;
  auto parse = [&](const std::string& q) { return newsdex::parse_query(q, options); };
  auto count = [&](const std::string& q) {
    Xapian::Enquire e(db);
    e.set_query(parse(q).query);
    return e.get_mset(0, 100).get_matches_estimated();
  };
  auto warnings = [&](const std::string& q) {
    std::string all;
    for (const std::string& w : parse(q).warnings) all += w + "\n";
    return all;
  };

  SECTION("an unbalanced quote is a phrase to the end") {
    CHECK(count("\"quokka island") == 50);
    CHECK(warnings("\"quokka island") == "unbalanced quote: the phrase runs to the end of the query\n");
  }
  SECTION("an unbalanced bracket still parses") {
    CHECK(count("(quokka OR census") == 50);
    CHECK(warnings("(quokka OR census") == "unbalanced '(': closed at the end of the query\n");
    CHECK(count("quokka) census") == 50);
    CHECK(warnings("quokka) census") == "unbalanced ')': ignored\n");
  }
  SECTION("a lone operator is ignored with a warning naming it; a lone sign too") {
    CHECK(warnings("AND") == "'AND' has nothing before it: ignored\n'AND' has nothing after it: ignored\n");
    CHECK(warnings("NOT") == "'NOT' has nothing after it: ignored\n");
    CHECK(warnings("quokka OR") == "'OR' has nothing after it: ignored\n");
    CHECK(count("quokka OR") == 50);
    CHECK(warnings("-") == "'-' with nothing after it: ignored\n");
    CHECK(warnings("+") == "'+' with nothing after it: ignored\n");
    CHECK(parse("NOT").query.empty());
    CHECK(parse("NOT the").query.empty());
  }
  SECTION("parentheses nest at most 100 deep; deeper is a QueryError, never a stack overflow") {
    CHECK(count(std::string(100, '(') + "quokka" + std::string(100, ')')) == 50);
    CHECK_THROWS_WITH(parse(std::string(101, '(') + "quokka"), "query nests parentheses more than 100 deep");
    newsdex::QueryOptions unlimited;
    unlimited.max_query_bytes = 0;
    CHECK_THROWS_AS(newsdex::parse_query(std::string(1000000, '('), unlimited), newsdex::QueryError);
  }
  SECTION("10,000 terms is refused with a clear message") {
    CHECK_THROWS_WITH(parse(words(10000, "ab")), Catch::StartsWith("query too long: 29999 bytes (limit 10000)"));
  }
  SECTION("more than 1,000 terms is refused") {
    // Each free-text word is two terms: body and title (query.cc).
    std::string q;
    for (int i = 0; i < 1500; ++i) q += "w" + std::to_string(i % 10) + " ";
    CHECK_THROWS_WITH(parse(q), Catch::StartsWith("query has too many terms: 3000 (limit 1000)"));
  }
  SECTION("a wildcard matching every word is capped and fast") {
    CHECK(count("word*") == 50);
  }
  SECTION("a lone '*'") {
    CHECK(count("*") == 0);
    CHECK(warnings("*") == "'*' is not a wildcard (it needs the start of a word): ignored\n");
  }
  SECTION("malformed date ranges are QueryErrors") {
    for (const char* q : {"date:2025-13..", "date:..", "date:abc..def", "date:2025-02-30..2025-03-01",
                          "date:99999..", "date:2025..2024", "date:..-1"}) {
      INFO(q);
      CHECK_THROWS_AS(parse(q), newsdex::QueryError);
    }
  }
  SECTION("an unknown prefix is searched as words, with a warning") {
    CHECK(count("nosuchfield:quokka") == 50);
    CHECK_THAT(warnings("nosuchfield:quokka"), Catch::StartsWith("unknown field 'nosuchfield:', searched as words (fields: title:"));
  }
  SECTION("invalid UTF-8 and NUL bytes in a query") {
    // The bad bytes and the NUL separate words, as in an article: joined,
    // "quokkaisland" would match nothing.
    static const char q[] = "quokka\xff\xfe" "island \0 census";
    CHECK(count(std::string(q, sizeof q - 1)) == 50);
    static const char nul[] = "quokka\0island";
    CHECK(count(std::string(nul, sizeof nul - 1)) == 50);
    CHECK(count("quokkaisland") == 0);
  }
}

TEST_CASE("fuzz finding: a numeric JSON date beyond any year is dropped with a warning, not cast", "[hardening][json]") {
  // fuzz_json_reader: 1.76e117 converted to int64 was undefined behaviour.
  const ReadResult r = read_as("d.jsonl",
                               "{\"id\":\"big\",\"title\":\"t\",\"date\":1.76049e117}\n"
                               "{\"id\":\"neg\",\"title\":\"t\",\"date\":-1e300}\n"
                               "{\"id\":\"ms\",\"title\":\"t\",\"date\":1760486400123}\n");
  REQUIRE(r.articles.size() == 3);
  CHECK_FALSE(r.articles[0].date);
  CHECK_FALSE(r.articles[1].date);
  CHECK(r.articles[2].date == 1760486400);
  CHECK(problems_of(r) ==
        "1 warning: date out of range '1.76049e117', indexed without a date\n"
        "2 warning: date out of range '-1e300', indexed without a date\n");
}

TEST_CASE("fuzz finding: normalising is not idempotent for stacked possessives, and needs not be", "[hardening][analyzer]") {
  // fuzz_analyzer: "s's'" -> "s's" -> "s". Filter values are normalised
  // exactly once on each side, so both sides still agree.
  CHECK(newsdex::normalize_text("s's'") == "s's");
}

TEST_CASE("id: finds an id longer than Xapian's term limit by the term the indexer wrote", "[hardening][query]") {
  const std::string id = "https://example.com/news/" + std::string(300, 'a') + "?page=1";
  const Xapian::Query q = newsdex::parse_query("id:\"" + id + "\"", newsdex::QueryOptions{}).query;
  CHECK(q.get_description() == "Query(0 * " + newsdex::id_term(id) + ")");
}

TEST_CASE("two long ids that share their first 240 bytes are two terms", "[hardening]") {
  const std::string base = "https://example.com/news/" + std::string(250, 'a');
  const std::string t1 = newsdex::id_term(base + "?page=1");
  const std::string t2 = newsdex::id_term(base + "?page=2");
  CHECK(t1 != t2);
  CHECK(t1.size() <= 245);
  CHECK(newsdex::id_term("short-id") == "Qshort-id");
}

TEST_CASE("every field a reader returns is valid UTF-8 even when a page's charset is unknown", "[hardening]") {
  const std::string page =
      "<html><head><meta charset=\"-8\"><title>T &\xa2 x</title></head><body><p>Body text of the page.</p></body></html>";
  auto reader = newsdex::reader_for_path("odd.html", newsdex::ReaderOptions{});
  const newsdex::ReadResult r = reader->read("odd.html", page);
  REQUIRE(r.articles.size() == 1);
  CHECK(newsdex::is_valid_utf8(r.articles[0].title));
  CHECK(newsdex::is_valid_utf8(r.articles[0].body));
}

TEST_CASE("the HTML reader itself returns valid UTF-8 for a page in an unknown charset", "[hardening]") {
  const std::string page =
      "<html><head><meta charset=\"-8\"><title>T &\xa2 x</title></head><body><p>Body text of the page.</p></body></html>";
  const newsdex::ReadResult r = newsdex::HtmlReader().read("odd.html", page);
  REQUIRE(r.articles.size() == 1);
  CHECK(newsdex::is_valid_utf8(r.articles[0].title));
}
