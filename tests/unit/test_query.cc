#include <catch2/catch.hpp>

#include "newsdex/query.h"

namespace {

std::string parsed(const std::string& q) {
  return newsdex::parse_query(q, newsdex::QueryOptions{}, Xapian::Database()).get_description();
}

}  // namespace

TEST_CASE("queries parse to the terms the indexer writes", "[query]") {
  struct Row {
    const char* name;
    const char* query;
    const char* description;
  } rows[] = {
      {"a word is stemmed", "sanctions", "Query((sanction@1 OR Ssanction@1))"},
      {"a capitalised word is stemmed too", "Tartus", "Query((tartus@1 OR Startus@1))"},
      {"capitalised plural", "Sanctions", "Query((sanction@1 OR Ssanction@1))"},
      {"accents are folded", "Ḥmeimim", "Query((hmeimim@1 OR Shmeimim@1))"},
      {"possessive dropped", "Syria’s", "Query((syria@1 OR Ssyria@1))"},
      {"hyphenated name is a phrase", "al-Sharaa", "Query(((al@1 PHRASE 2 sharaa@2) OR (Sal@1 PHRASE 2 Ssharaa@2)))"},
      {"phrase", "\"wheat shipments\"", "Query(((wheat@1 PHRASE 2 shipment@2) OR (Swheat@1 PHRASE 2 Sshipment@2)))"},
      {"typographic quotes make a phrase", "“wheat shipments”", "Query(((wheat@1 PHRASE 2 shipment@2) OR (Swheat@1 PHRASE 2 Sshipment@2)))"},
      {"words combine with OR by default", "oil prices", "Query(((oil@1 OR Soil@1) OR (price@2 OR Sprice@2)))"},
      {"boolean operators", "oil AND NOT opec", "Query(((oil@1 OR Soil@1) AND_NOT (opec@2 OR Sopec@2)))"},
      {"love and hate", "+oil -gas", "Query(((oil@1 OR Soil@1) AND_NOT (gas@2 OR Sgas@2)))"},
      {"title field", "title:cocoa", "Query(Scocoa@1)"},
      {"author field", "author:Haddad", "Query(Ahaddad@1)"},
      {"source field", "source:reuters", "Query(XSRCreuter@1)"},
      {"place entity is a normalised filter", "place:Ḥmeimim", "Query(0 * XLOChmeimim)"},
      {"quoted person entity", "person:\"Vladimir Putin\"", "Query(0 * XPERvladimir putin)"},
      {"entity: matches every entity type", "entity:Tartus",
       "Query(0 * (XPERtartus OR XLOCtartus OR XORGtartus OR XMSCtartus))"},
      {"stopwords dropped from free text", "the sanctions", "Query((sanction@2 OR Ssanction@2))"},
      {"stopwords dropped from phrases", "\"Bank of England\"", "Query(((bank@1 PHRASE 2 england@3) OR (Sbank@1 PHRASE 2 Sengland@3)))"},
      {"stopword stems dropped from phrases", "\"what does it cost\"", "Query((cost@4 OR Scost@4))"},
      {"a phrase of stopwords matches nothing", "\"the who\"", "Query()"},
      {"stopwords dropped from hyphenated words", "state-of-the-art", "Query(((state@1 PHRASE 2 art@4) OR (Sstate@1 PHRASE 2 Sart@4)))"},
      {"stopwords dropped from field phrases", "title:\"state of the union\" oil",
       "Query(((Sstate@1 PHRASE 2 Sunion@4) OR (oil@5 OR Soil@5)))"},
      {"date range over days", "date:2025-10-01..2025-10-31",
       "Query(VALUE_RANGE 0 20251001000000 20251031235959)"},
      {"date range with open start", "date:..2025-10", "Query(VALUE_LE 0 20251031235959)"},
      {"date range with open end, by year", "date:1987..", "Query(VALUE_GE 0 19870101000000)"},
      {"words with a date filter", "title:cocoa date:1987-03-01..1987-03-31",
       "Query((Scocoa@1 FILTER VALUE_RANGE 0 19870301000000 19870331235959))"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) { CHECK(parsed(row.query) == row.description); }
  }
}

TEST_CASE("default op AND (--default-op and) makes every word required", "[query]") {
  newsdex::QueryOptions options;
  options.default_op = Xapian::Query::OP_AND;
  CHECK(newsdex::parse_query("oil prices", options, Xapian::Database()).get_description() ==
        "Query(((oil@1 OR Soil@1) AND (price@2 OR Sprice@2)))");
}

TEST_CASE("bad queries raise QueryError with a one-line reason", "[query]") {
  CHECK_THROWS_AS(parsed("date:2025-13-01..2025-12-31"), newsdex::QueryError);
  CHECK_THROWS_WITH(parsed("date:2025-10-31..2025-10-01"), Catch::Contains("ends before it starts"));
  CHECK_THROWS_WITH(parsed("date:soon..later"), Catch::Contains("not a date"));
}
