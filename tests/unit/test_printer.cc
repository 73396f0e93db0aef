#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "newsdex/printer.h"

namespace {

newsdex::SearchResponse response(Xapian::doccount total, bool exact) {
  newsdex::SearchResponse r;
  r.query = "quokka";
  r.total = total;
  r.total_exact = exact;
  r.warnings = {"unknown field 'titel:', searched as words"};
  newsdex::SearchResult res;
  res.rank = 1;
  res.score = 1.5;
  res.article.id = "a1";
  res.article.path = "/archive/a1.txt";
  res.article.title = "Quokka \x1b]0;pwned\x07 census";
  res.article.source = "Wire\x1b[2J";
  res.article.date = 1760486400;
  res.article.entities = {{newsdex::EntityType::person, "Ann One", 2},
                          {newsdex::EntityType::misc, "Australian", 1}};
  res.title = "Quokka census";
  res.snippet = "the [quokka] census";
  r.results.push_back(res);
  r.facets[newsdex::EntityType::person] = {{"Ann One", 1}};
  r.facets[newsdex::EntityType::misc] = {{"Australian\x1b[31m", 1}};
  r.facet_docs = 1;
  r.facets_exact = true;
  return r;
}

}  // namespace

TEST_CASE("the text printer counts exactly when it can, warns on stderr and writes nothing that steers a terminal", "[printer]") {
  struct Case {
    Xapian::doccount total;
    bool exact;
    const char* count;
  };
  for (const Case& c : {Case{1, true, "1 match, showing 1-1"}, Case{98, true, "98 matches, showing 1-1"},
                        Case{21577, false, "about 21577 matches, showing 1-1"}}) {
    std::ostringstream out, err;
    newsdex::make_text_printer()->print(response(c.total, c.exact), out, err);
    INFO(out.str());
    CHECK(out.str().find(c.count) != std::string::npos);
    CHECK(out.str().find("about 1 match") == std::string::npos);
    CHECK(err.str() == "newsdex-search: warning: unknown field 'titel:', searched as words\n");
    CHECK(out.str().find('\x1b') == std::string::npos);
    CHECK(out.str().find('\x07') == std::string::npos);
    CHECK(out.str().find("person: Ann One; misc: Australian") != std::string::npos);
    CHECK(out.str().find("  misc:  Australian\xEF\xBF\xBD[31m (1)") != std::string::npos);
  }
}

TEST_CASE("the JSON printer writes every field, every entity type and the warnings, and nothing to stderr", "[printer]") {
  std::ostringstream out, err;
  newsdex::make_json_printer()->print(response(98, true), out, err);
  CHECK(err.str().empty());
  const nlohmann::json j = nlohmann::json::parse(out.str());
  CHECK(j["total"] == 98);
  CHECK(j["total_exact"] == true);
  CHECK(j["warnings"].size() == 1);
  const auto& r = j["results"][0];
  for (const char* key : {"rank", "id", "title", "date", "source", "author", "path", "line", "url", "score",
                          "snippet", "entities"}) {
    INFO(key);
    CHECK(r.contains(key));
  }
  CHECK(r["title"] == "Quokka \x1b]0;pwned\x07 census");  // as stored, JSON-escaped
  CHECK(r["date"] == "2025-10-15T00:00:00Z");
  std::vector<std::string> types;
  for (const auto& [type, names] : r["entities"].items()) types.push_back(type);
  CHECK(types == std::vector<std::string>{"misc", "org", "person", "place"});  // (nlohmann::json sorts keys)
  CHECK(r["entities"]["misc"] == nlohmann::json::array({"Australian"}));
  CHECK(j["facets"]["misc"][0]["count"] == 1);
  CHECK(out.str().find("\\u001b") != std::string::npos);
}

TEST_CASE("a histogram is drawn as bars scaled to the width, ASCII or in eighths of a block, undated apart", "[printer]") {
  newsdex::SearchResponse r;
  r.total = 13;
  r.total_exact = true;
  newsdex::Histogram h;
  h.interval = newsdex::Interval::month;
  h.buckets = {{"1987-02", 1}, {"1987-03", 8}, {"1987-04", 0}};
  h.undated = 4;
  h.total = 13;
  r.histogram = h;
  struct Case {
    const char* name;
    newsdex::TextChartStyle style;
    std::string want;
  };
  // Width 30: "  PERIOD BAR N" has 2 + 7 + 1 + 1 + 1 = 12 fixed columns,
  // 18 for the largest bar; 1 of 8 is 18/8 = 2.25 columns: 3 '#' (rounded
  // up) or 2 blocks and a quarter.
  const std::string full(18, '#');
  std::string blocks;
  for (int i = 0; i < 18; ++i) blocks += "\u2588";
  const Case cases[] = {
      {"ASCII: the smallest count still shows", {30, false},
       "Matches per month:\n  1987-02 ### 1\n  1987-03 " + full + " 8\n  1987-04 0\n  undated 4\n\n13 matches\n"},
      {"blocks in eighths", {30, true},
       "Matches per month:\n  1987-02 \u2588\u2588\u258E 1\n  1987-03 " + blocks + " 8\n  1987-04 0\n  undated 4\n\n13 matches\n"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    std::ostringstream out, err;
    newsdex::make_text_printer(c.style)->print(r, out, err);
    CHECK(out.str() == c.want);
  }
  std::ostringstream json, err;
  newsdex::make_json_printer()->print(r, json, err);
  const auto j = nlohmann::json::parse(json.str());
  CHECK(j["histogram"]["interval"] == "month");
  CHECK(j["histogram"]["buckets"][1]["period"] == "1987-03");
  CHECK(j["histogram"]["buckets"][1]["count"] == 8);
  CHECK(j["histogram"]["undated"] == 4);
  CHECK(j["histogram"]["gaps_filled"] == true);
}

TEST_CASE("query counts print as CSV with a column per period, failed queries in place with empty counts", "[printer]") {
  newsdex::Histogram a;
  a.interval = newsdex::Interval::year;
  a.buckets = {{"1986", 0}, {"1987", 5}};
  a.undated = 1;
  newsdex::Histogram b = a;
  b.buckets = {{"1986", 2}, {"1987", 0}};
  b.undated = 0;
  auto count = [](std::size_t line, std::string query, std::string error, Xapian::doccount n,
                  std::optional<newsdex::Histogram> h) {
    newsdex::BatchCount c;
    c.query.line = line;
    c.query.query = std::move(query);
    c.error = std::move(error);
    c.count = n;
    c.histogram = std::move(h);
    return c;
  };
  const std::vector<newsdex::BatchCount> counts = {
      count(1, "oil, \"crude\"", "", 6, a),
      count(2, "date:1987-13", "date:1987-13: not a date", 0, std::nullopt),
      count(4, "wheat", "", 2, b),
  };
  std::ostringstream out;
  newsdex::make_text_printer()->print(counts, out);
  CHECK(out.str() ==
        "query,count,1986,1987,undated\r\n"
        "\"oil, \"\"crude\"\"\",6,0,5,1\r\n"
        "date:1987-13,,,,\r\n"
        "wheat,2,2,0,0\r\n");
  std::ostringstream json;
  newsdex::make_json_printer()->print(counts, json);
  const auto j = nlohmann::json::parse(json.str());
  REQUIRE(j["queries"].size() == 3);
  CHECK(j["queries"][0]["count"] == 6);
  CHECK(j["queries"][0]["histogram"]["buckets"][1]["count"] == 5);
  CHECK(j["queries"][1]["line"] == 2);
  CHECK(j["queries"][1]["error"] == "date:1987-13: not a date");
  CHECK_FALSE(j["queries"][1].contains("count"));
}
