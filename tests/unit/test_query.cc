#include <catch2/catch.hpp>

#include "newsdex/query.h"

namespace {

newsdex::ParsedQuery parse(const std::string& q, const newsdex::QueryOptions& options = {}) {
  return newsdex::parse_query(q, options);
}

std::string parsed(const std::string& q) { return parse(q).query.get_description(); }

// The warnings of a query, one a line.
std::string warnings_of(const std::string& q) {
  std::string out;
  for (const std::string& w : parse(q).warnings) out += w + "\n";
  return out;
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
      {"a dotted abbreviation is one word", "U.S.", "Query((us@1 OR Sus@1))"},
      {"an abbreviation in a phrase", "\"U.S. Treasury\"",
       "Query(((us@1 PHRASE 2 treasuri@2) OR (Sus@1 PHRASE 2 Streasuri@2)))"},
      {"initials in a phrase", "\"E.F. Hutton\"", "Query(((ef@1 PHRASE 2 hutton@2) OR (Sef@1 PHRASE 2 Shutton@2)))"},
      {"AT&T is one word", "AT&T", "Query((at&t@1 OR Sat&t@1))"},
      {"C++ is one word", "C++", "Query((c++@1 OR Sc++@1))"},
      {"hyphenated name is a phrase", "al-Sharaa", "Query(((al@1 PHRASE 2 sharaa@2) OR (Sal@1 PHRASE 2 Ssharaa@2)))"},
      {"a date written in a word is a phrase", "2025-10-15",
       "Query(((2025@1 PHRASE 3 10@2 PHRASE 3 15@3) OR (S2025@1 PHRASE 3 S10@2 PHRASE 3 S15@3)))"},
      {"a two-character CJK word is one bigram", "東京", "Query((東京@1 OR S東京@1))"},
      {"a longer CJK word is a phrase of its bigrams", "商標法",
       "Query(((商標@1 PHRASE 2 標法@2) OR (S商標@1 PHRASE 2 S標法@2)))"},
      {"phrase", "\"wheat shipments\"", "Query(((wheat@1 PHRASE 2 shipment@2) OR (Swheat@1 PHRASE 2 Sshipment@2)))"},
      {"typographic quotes make a phrase", "“wheat shipments”", "Query(((wheat@1 PHRASE 2 shipment@2) OR (Swheat@1 PHRASE 2 Sshipment@2)))"},
      {"operators inside a phrase are words", "\"oil AND gas\"", "Query(((oil@1 PHRASE 2 gas@3) OR (Soil@1 PHRASE 2 Sgas@3)))"},
      {"words combine with OR by default", "oil prices", "Query(((oil@1 OR Soil@1) OR (price@2 OR Sprice@2)))"},
      {"boolean operators", "oil AND NOT opec", "Query(((oil@1 OR Soil@1) AND_NOT (opec@2 OR Sopec@2)))"},
      {"NOT binds like AND", "oil AND gas NOT opec",
       "Query((((oil@1 OR Soil@1) AND (gas@2 OR Sgas@2)) AND_NOT (opec@3 OR Sopec@3)))"},
      {"AND binds tighter than XOR, XOR than OR", "a1 OR b1 XOR c1 AND d1",
       "Query(((a1@1 OR Sa1@1) OR ((b1@2 OR Sb1@2) XOR ((c1@3 OR Sc1@3) AND (d1@4 OR Sd1@4)))))"},
      {"parentheses", "(oil OR gas) AND price",
       "Query((((oil@1 OR Soil@1) OR (gas@2 OR Sgas@2)) AND (price@3 OR Sprice@3)))"},
      {"lower-case operators are words", "oil and gas", "Query(((oil@1 OR Soil@1) OR (gas@3 OR Sgas@3)))"},
      {"love and hate", "+oil -gas", "Query(((oil@1 OR Soil@1) AND_NOT (gas@2 OR Sgas@2)))"},
      {"required then optional", "+oil price",
       "Query(((oil@1 OR Soil@1) AND_MAYBE (price@2 OR Sprice@2)))"},
      {"a pure NOT matches everything else", "NOT oil", "Query((<alldocuments> AND_NOT (oil@1 OR Soil@1)))"},
      {"excluded words alone", "-oil -gas",
       "Query((<alldocuments> AND_NOT ((oil@1 OR Soil@1) OR (gas@2 OR Sgas@2))))"},
      {"OR NOT", "oil OR NOT gas", "Query(((oil@1 OR Soil@1) OR (<alldocuments> AND_NOT (gas@2 OR Sgas@2))))"},
      {"trailing wildcard on a stem, body and title", "sanct*",
       "Query((WILDCARD SYNONYM sanct OR WILDCARD SYNONYM Ssanct))"},
      {"wildcard after a hyphenated word", "al-shar*",
       "Query(((al@1 AND WILDCARD SYNONYM shar) OR (Sal@1 AND WILDCARD SYNONYM Sshar)))"},
      {"NEAR", "oil NEAR/3 prices", "Query(((oil@1 NEAR 4 price@2) OR (Soil@1 NEAR 4 Sprice@2)))"},
      {"ADJ", "oil ADJ prices", "Query(((oil@1 PHRASE 11 price@2) OR (Soil@1 PHRASE 11 Sprice@2)))"},
      {"title field", "title:cocoa", "Query(Scocoa@1)"},
      {"title field phrase", "title:\"cocoa crop\"", "Query((Scocoa@1 PHRASE 2 Scrop@2))"},
      {"title field group", "title:(oil gas) opec", "Query(((Soil@1 OR Sgas@2) OR (opec@3 OR Sopec@3)))"},
      {"author field", "author:Haddad", "Query(Ahaddad@1)"},
      {"source field", "source:reuters", "Query(XSRCreuter@1)"},
      {"place entity is a normalised filter", "place:Ḥmeimim", "Query(0 * XLOChmeimim)"},
      {"a topic is its whole value, normalised", "oil topic:\"Politics  and GOVERNMENT\"",
       "Query(((oil@1 OR Soil@1) FILTER XTOPICpolitics and government))"},
      {"topics are ORed, other filters ANDed", "topic:Économie topic:trade lang:fr",
       "Query(0 * ((XTOPICeconomie OR XTOPICtrade) AND XLANGfr))"},
      {"a topic wildcard expands the topic terms", "topic:Polit*",
       "Query(0 * WILDCARD SYNONYM XTOPICpolit)"},
      {"quoted person entity", "person:\"Vladimir Putin\"", "Query(0 * XPERvladimir putin)"},
      {"entity: matches every entity type", "entity:Tartus",
       "Query(0 * (XLOCtartus OR XMSCtartus OR XORGtartus OR XPERtartus))"},
      {"filters of a field OR, of two fields AND; excluded last", "place:x place:y person:z oil -gas",
       "Query((((oil@1 OR Soil@1) FILTER ((XLOCx OR XLOCy) AND XPERz)) AND_NOT (gas@2 OR Sgas@2)))"},
      {"id is verbatim", "id:Reuters-1", "Query(0 * QReuters-1)"},
      {"stopwords dropped from free text", "the sanctions", "Query((sanction@2 OR Ssanction@2))"},
      {"stopwords dropped from phrases", "\"Bank of England\"", "Query(((bank@1 PHRASE 2 england@3) OR (Sbank@1 PHRASE 2 Sengland@3)))"},
      {"a phrase left with one word", "\"what does it cost\"", "Query((cost@4 OR Scost@4))"},
      {"a phrase of stopwords matches nothing", "\"the who\"", "Query()"},
      {"a query of stopwords matches nothing", "the of", "Query()"},
      {"stopwords dropped from hyphenated words", "state-of-the-art", "Query(((state@1 PHRASE 2 art@4) OR (Sstate@1 PHRASE 2 Sart@4)))"},
      {"stopwords dropped from field phrases", "title:\"state of the union\" oil",
       "Query(((Sstate@1 PHRASE 2 Sunion@4) OR (oil@5 OR Soil@5)))"},
      {"date range over days", "date:2025-10-01..2025-10-31",
       "Query(VALUE_RANGE 0 20251001000000 20251031235959)"},
      {"date range with open start", "date:..2025-10", "Query(VALUE_LE 0 20251031235959)"},
      {"date range with open end, by year", "date:1987..", "Query(VALUE_GE 0 19870101000000)"},
      {"a year is the whole year", "date:1987", "Query(VALUE_RANGE 0 19870101000000 19871231235959)"},
      {"a month is the whole month", "date:2019-11", "Query(VALUE_RANGE 0 20191101000000 20191130235959)"},
      {"a day is the whole day", "date:1987-03-05", "Query(VALUE_RANGE 0 19870305000000 19870305235959)"},
      {"a quoted date in another form", "date:\"15 Oct 2025\"",
       "Query(VALUE_RANGE 0 20251015000000 20251015235959)"},
      {"a period filters words", "date:2019 apple",
       "Query(((appl@1 OR Sappl@1) FILTER VALUE_RANGE 0 20190101000000 20191231235959))"},
      {"words with a date filter", "title:cocoa date:1987-03-01..1987-03-31",
       "Query((Scocoa@1 FILTER VALUE_RANGE 0 19870301000000 19870331235959))"},
      {"an excluded period", "oil -date:1987",
       "Query(((oil@1 OR Soil@1) AND_NOT VALUE_RANGE 0 19870101000000 19871231235959))"},
      {"an unknown field is its words", "titel:cocoa", "Query(((titel@1 OR Stitel@1) OR (cocoa@2 OR Scocoa@2)))"},
      {"a leading wildcard is dropped", "*oil", "Query((oil@1 OR Soil@1))"},
      {"a URL is not a field", "http://x.com",
       "Query(((http@1 PHRASE 3 x@2 PHRASE 3 com@3) OR (Shttp@1 PHRASE 3 Sx@2 PHRASE 3 Scom@3)))"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) { CHECK(parsed(row.query) == row.description); }
  }
}

TEST_CASE("a query read otherwise than written says so in a warning", "[query]") {
  const std::string fields = " (fields: title:, author:, source:, person:, place:, org:, misc:, id:, lang:, topic:, entity:, date:, like:)\n";
  struct Row {
    const char* name;
    const char* query;
    std::string warnings;
  } rows[] = {
      {"none for a plain query", "oil AND title:gas -date:2019", ""},
      {"a misspelled field suggests the nearest", "titel:cocoa",
       "unknown field 'titel:', searched as words; did you mean title:?" + fields},
      {"a field in capitals", "Place:Tartus", "unknown field 'Place:', searched as words; did you mean place:?" + fields},
      {"no suggestion when nothing is near", "headline:cocoa", "unknown field 'headline:', searched as words" + fields},
      {"a leading wildcard", "*oil", "'*oil': a wildcard '*' only works at the end of a word; searched without it\n"},
      {"an inner wildcard", "o*il", "'o*il': a wildcard '*' only works at the end of a word; searched without it\n"},
      {"a lone star", "oil *", "'*' is not a wildcard (it needs the start of a word): ignored\n"},
      {"an unbalanced quote", "\"wheat shipments", "unbalanced quote: the phrase runs to the end of the query\n"},
      {"unbalanced parentheses, once each", "(((oil", "unbalanced '(': closed at the end of the query\n"},
      {"a stray closing parenthesis", "oil)", "unbalanced ')': ignored\n"},
      {"an operator with nothing after it", "oil OR", "'OR' has nothing after it: ignored\n"},
      {"an operator with nothing before it", "AND oil", "'AND' has nothing before it: ignored\n"},
      {"NEAR between a word and a field", "oil NEAR title:gas", "'NEAR' joins single words only: ignored\n"},
      {"a phrase of stopwords in a query with words", "oil \"the who\"",
       "the phrase \"the who\" has only stopwords, which are not indexed: ignored\n"},
      {"only stopwords", "the of", "the query has only stopwords (such as 'the', 'of'), which are not indexed: nothing matches\n"},
      {"nothing at all", "--- ...", "the query has no words to search for: nothing matches\n"},
      {"a filter field without a value", "place:\"\" oil", "'place:' has no value: ignored\n"},
      {"a group after a filter field", "place:(Tartus)",
       "'place:' takes a word or a \"quoted value\", not a (group): searched as words\n"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) { CHECK(warnings_of(row.query) == row.warnings); }
  }
}

TEST_CASE("default op AND (--default-op and) makes every word required", "[query]") {
  newsdex::QueryOptions options;
  options.default_op = Xapian::Query::OP_AND;
  CHECK(parse("oil prices", options).query.get_description() ==
        "Query(((oil@1 OR Soil@1) AND (price@2 OR Sprice@2)))");
  CHECK(parse("+oil prices", options).query.get_description() ==
        "Query(((oil@1 OR Soil@1) AND (price@2 OR Sprice@2)))");
}

TEST_CASE("a date that is not a date is a QueryError naming the field", "[query]") {
  struct Row {
    const char* query;
    const char* message;
  } rows[] = {
      {"date:foo", "date:foo: not a date (use date:YYYY, date:YYYY-MM or date:YYYY-MM-DD"},
      {"apple date:2019-13", "date:2019-13: not a date"},
      {"date:2025-02-30", "date:2025-02-30: not a date"},
      {"date:2025-13-01..2025-12-31", "date:2025-13-01..2025-12-31: not a date in date range: '2025-13-01'"},
      {"date:2025-10-31..2025-10-01", "date:2025-10-31..2025-10-01: date range ends before it starts"},
      {"date:soon..later", "date:soon..later: not a date in date range: 'soon'"},
      {"date:..", "date:..: date range with no ends"},
      {"date:\"\"", "date:: not a date"},
  };
  for (const Row& row : rows) {
    INFO(row.query);
    CHECK_THROWS_AS(parse(row.query), newsdex::QueryError);
    CHECK_THROWS_WITH(parse(row.query), Catch::StartsWith(row.message));
  }
}

TEST_CASE("the Highlighter's words come from the parse, excluded words and filters aside", "[query]") {
  const newsdex::ParsedQuery p =
      parse("sanctions \"U.S. Treasury\" title:cocoa -gas sanct* place:\"Ahmad al-Sharaa\" date:2019");
  CHECK(p.stems == std::vector<std::string>{"sanction", "us", "treasuri", "cocoa"});
  CHECK(p.wildcards == std::vector<std::string>{"sanct"});
  CHECK(p.names == std::vector<std::string>{"ahmad", "al", "sharaa"});
}
