// Per-language analysis (analyzer.h): each language's stemmer and
// stopwords, what an unknown language gets, and a query analysed for
// several languages at once (query.h, QueryOptions::languages).
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "newsdex/analyzer.h"
#include "newsdex/article.h"
#include "newsdex/document.h"
#include "newsdex/query.h"
#include "newsdex/snippet.h"

namespace {

// The body terms (unprefixed, lower case or non-Latin) of an article in
// `language` whose body is `body`.
std::set<std::string> body_terms(const std::string& language, const std::string& body) {
  newsdex::Article a;
  a.id = "t";
  a.language = language;
  a.body = body;
  const Xapian::Document doc = newsdex::make_document(a);
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string t = *it;
    if (!t.empty() && !(t[0] >= 'A' && t[0] <= 'Z')) terms.insert(t);
  }
  return terms;
}

std::string parsed(const std::string& query, std::vector<std::string> languages) {
  newsdex::QueryOptions options;
  options.languages = std::move(languages);
  return newsdex::parse_query(query, options).query.get_description();
}

}  // namespace

TEST_CASE("each language's inflected forms share one stem in its own analyzer", "[analyzer][languages]") {
  struct Row {
    const char* name;
    const char* language;
    const char* word;     // normalised, as Tokenizer::word gives it
    const char* inflected;
  } rows[] = {
      {"Russian plural", "ru", "мороз", "морозы"},
      {"Russian locative of a place name", "ru", "верхоянск", "верхоянске"},
      {"French plural adjective", "fr", "presidentielle", "presidentielles"},
      {"French plural noun", "fr", "election", "elections"},
      {"Russian adjective endings (й kept)", "ru", "сильный", "сильные"},
      {"German plural", "de", "regierung", "regierungen"},
      {"German genitive", "de", "bundestag", "bundestages"},
      {"Spanish plural", "es", "eleccion", "elecciones"},
      {"Italian plural", "it", "governo", "governi"},
      {"Arabic definite article", "ar", "كتاب", "الكتاب"},
      {"English plural", "en", "sanction", "sanctions"},
      {"unknown language is English", "", "shipment", "shipments"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) {
      const newsdex::Analyzer& a = newsdex::analyzer_for(row.language);
      CHECK_FALSE(a.stemmer_name().empty());
      CHECK(a.stem(row.word) == a.stem(row.inflected));
    }
  }
}

TEST_CASE("a language without a Snowball stemmer keeps its words as they are", "[analyzer][languages]") {
  struct Row {
    const char* name;
    const char* language;
    const char* word;
  } rows[] = {
      {"Chinese", "zh", "北京"},
      {"Japanese", "ja", "商標"},
      {"Korean", "ko", "한국"},
      {"Polish (no stemmer in Xapian)", "pl", "wyborach"},
      {"an unknown code", "xx", "sanctions"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) {
      const newsdex::Analyzer& a = newsdex::analyzer_for(row.language);
      CHECK(a.stemmer_name().empty());
      CHECK(a.stem(row.word) == row.word);
      CHECK_FALSE(a.is_stopword(row.word));
    }
  }
}

TEST_CASE("each language has its own stopwords", "[analyzer][languages]") {
  struct Row {
    const char* language;
    const char* word;
    bool stopword;
  } rows[] = {
      {"en", "the", true},  {"en", "les", false}, {"fr", "les", true},  {"fr", "the", false},
      {"de", "und", true},  {"de", "war", true},  {"en", "war", false}, {"ru", "и", true},
      {"ru", "мороз", false}, {"es", "los", true}, {"fr", "meme", true},  // "même" normalised
      {"", "the", true},    {"ar", "the", false}, {"zh", "的", false},
  };
  for (const Row& row : rows) {
    INFO(row.language << " " << row.word);
    CHECK(newsdex::analyzer_for(row.language).is_stopword(row.word) == row.stopword);
  }
}

TEST_CASE("an article is indexed with its own language's stems and stopwords", "[analyzer][languages][document]") {
  struct Row {
    const char* name;
    const char* language;
    const char* body;
    std::vector<std::string> present;
    std::vector<std::string> absent;
  } rows[] = {
      {"Russian stems", "ru", "Морозы в Верхоянске", {"мороз", "верхоянск"}, {"морозы", "в"}},
      {"French stems, French stopwords", "fr", "Les élections présidentielles", {"elect", "presidentiel"}, {"les", "election"}},
      {"the same text as English keeps French words", "en", "Les élections", {"les", "elect"}, {}},
      {"German", "de", "Die Regierungen und der Bundestag", {"regier", "bundestag"}, {"die", "und", "der"}},
      {"Japanese bigrams, and each character on its own", "ja", "商標法の改正",
       {"商標", "標法", "法の", "の改", "改正", "商", "標", "法", "の", "改", "正"}, {"商標法"}},
      {"CJK is segmented whatever the declared language", "en", "東京 Tokyo", {"東京", "tokyo", "東", "京"}, {}},
  };
  for (const Row& row : rows) {
    SECTION(row.name) {
      const std::set<std::string> terms = body_terms(row.language, row.body);
      for (const std::string& t : row.present) CHECK(terms.count(t) == 1);
      for (const std::string& t : row.absent) CHECK(terms.count(t) == 0);
    }
  }
}

TEST_CASE("a CJK character is a term without position: phrases stay bigrams", "[analyzer][languages][document]") {
  newsdex::Article a;
  a.id = "j";
  a.language = "ja";
  a.body = "商標法の改正";
  const Xapian::Document doc = newsdex::make_document(a);
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term == "商" || term == "正") CHECK(t.positionlist_count() == 0);
    if (term == "商標" || term == "改正") CHECK(t.positionlist_count() == 1);
  }
}

TEST_CASE("a query is analysed for each of its languages at once", "[query][languages]") {
  struct Row {
    const char* name;
    const char* query;
    std::vector<std::string> languages;
    const char* description;
  } rows[] = {
      {"one language: one term, as before languages", "sanctions", {"en"}, "Query((sanction@1 OR Ssanction@1))"},
      {"English and unknown share the English analyzer", "sanctions", {"en", ""},
       "Query((sanction@1 OR Ssanction@1))"},
      {"no languages: English", "sanctions", {}, "Query((sanction@1 OR Ssanction@1))"},
      {"stems that differ are synonyms, each in its own language's articles", "Морозы", {"en", "ru"},
       "Query(((морозы@1 SYNONYM (мороз@1 FILTER XLANGru)) OR (Sморозы@1 SYNONYM (Sмороз@1 FILTER XLANGru))))"},
      {"a reading that English already makes is left out", "Морозы", {"", "ru", "uk", "zh"},
       "Query(((морозы@1 SYNONYM (мороз@1 FILTER XLANGru)) OR (Sморозы@1 SYNONYM (Sмороз@1 FILTER XLANGru))))"},
      {"languages of one analyzer share its filter", "Морозы", {"ru", "uk", "zh"},
       "Query((((мороз@1 FILTER XLANGru) SYNONYM (морозы@1 FILTER (XLANGuk OR XLANGzh))) OR "
       "((Sмороз@1 FILTER XLANGru) SYNONYM (Sморозы@1 FILTER (XLANGuk OR XLANGzh)))))"},
      {"no English: every language restricted", "Морозы", {"ru", "uk"},
       "Query((((мороз@1 FILTER XLANGru) SYNONYM (морозы@1 FILTER XLANGuk)) OR "
       "((Sмороз@1 FILTER XLANGru) SYNONYM (Sморозы@1 FILTER XLANGuk))))"},
      {"stems that agree are one term", "мороз", {"en", "ru"}, "Query((мороз@1 OR Sмороз@1))"},
      {"--lang ru alone", "Морозы", {"ru"}, "Query((мороз@1 OR Sмороз@1))"},
      {"a stopword in one language only is searched in the other", "war", {"en", "de"},
       "Query((war@1 OR Swar@1))"},
      {"a stopword in one language is searched in the other's articles", "the", {"en", "de"},
       "Query(((the@1 FILTER XLANGde) OR (Sthe@1 FILTER XLANGde)))"},
      {"a stopword in every language is dropped", "in", {"en", "de"}, "Query()"},
      {"a phrase is read in each language, with its own stopwords", "\"Bank of England\"", {"en", "fr"},
       "Query((((bank@1 PHRASE 2 england@3) OR ((bank@1 PHRASE 3 of@2 PHRASE 3 england@3) FILTER XLANGfr)) OR "
       "((Sbank@1 PHRASE 2 Sengland@3) OR ((Sbank@1 PHRASE 3 Sof@2 PHRASE 3 Sengland@3) FILTER XLANGfr))))"},
      {"each language's phrase, English's unrestricted", "\"мороз сибирь\"", {"ru", "en"},
       "Query((((мороз@1 PHRASE 2 сибирь@2) OR ((мороз@1 PHRASE 2 сибир@2) FILTER XLANGru)) OR "
       "((Sмороз@1 PHRASE 2 Sсибирь@2) OR ((Sмороз@1 PHRASE 2 Sсибир@2) FILTER XLANGru))))"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) { CHECK(parsed(row.query, row.languages) == row.description); }
  }
}

TEST_CASE("another language's reading of terms the archive lacks is left out", "[query][languages]") {
  // An archive holding these terms only.
  struct Held final : newsdex::ArchiveTerms {
    std::set<std::string> terms;
    bool holds(const std::string& term) const override { return terms.count(term) > 0; }
  };
  struct Row {
    const char* name;
    const char* query;
    std::set<std::string> held;
    const char* description;
  } rows[] = {
      {"the Russian stems held: searched", "Морозы", {"мороз", "Sмороз"},
       "Query(((морозы@1 SYNONYM (мороз@1 FILTER XLANGru)) OR (Sморозы@1 SYNONYM (Sмороз@1 FILTER XLANGru))))"},
      {"only the body's Russian stem held: the title's reading left out", "Морозы", {"мороз"},
       "Query(((морозы@1 SYNONYM (мороз@1 FILTER XLANGru)) OR Sморозы@1))"},
      {"none held: the English reading stays, as the only unrestricted one", "Морозы", {},
       "Query((морозы@1 OR Sморозы@1))"},
      {"a phrase in another language needs all its terms", "\"мороз сибирь\"", {"мороз", "Sмороз", "Sсибир"},
       "Query(((мороз@1 PHRASE 2 сибирь@2) OR ((Sмороз@1 PHRASE 2 Sсибирь@2) OR ((Sмороз@1 PHRASE 2 Sсибир@2) FILTER XLANGru))))"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) {
      Held held;
      held.terms = row.held;
      newsdex::QueryOptions options;
      options.languages = {"en", "ru"};
      options.archive_terms = &held;
      CHECK(newsdex::parse_query(row.query, options).query.get_description() == row.description);
    }
  }
}

TEST_CASE("the highlighter marks a word in any of the query's languages", "[snippet][languages]") {
  const newsdex::HighlightStyle brackets{"[", "]", false};
  struct Row {
    const char* name;
    const char* query;
    std::vector<std::string> languages;
    const char* text;
    const char* expected;
  } rows[] = {
      {"a Russian inflection", "мороз", {"en", "ru"}, "Сильные морозы в Верхоянске", "Сильные [морозы] в Верхоянске"},
      {"a Russian place name", "Верхоянск", {"ru"}, "морозы в Верхоянске", "морозы в [Верхоянске]"},
      {"a French inflection, English words too", "élection sanctions", {"en", "fr"},
       "les élections et les sanctions", "les [élections] et les [sanctions]"},
  };
  Xapian::Database empty;
  for (const Row& row : rows) {
    SECTION(row.name) {
      newsdex::QueryOptions options;
      options.languages = row.languages;
      const newsdex::Highlighter h(newsdex::parse_query(row.query, options), empty);
      CHECK(h.highlight(row.text, brackets) == row.expected);
    }
  }
}
