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
