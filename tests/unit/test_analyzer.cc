#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "newsdex/analyzer.h"

namespace {

// The terms a text indexes as, with the analyzer both programs use.
std::set<std::string> terms_of(const std::string& text) {
  Xapian::TermGenerator tg = newsdex::default_analyzer().make_term_generator();
  Xapian::Document doc;
  tg.set_document(doc);
  newsdex::default_analyzer().index_text(tg, text);
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
  return terms;
}

}  // namespace

TEST_CASE("normalize_text folds case - accents - apostrophes - hyphens and possessives", "[analyzer]") {
  struct Row {
    const char* name;
    const char* input;
    const char* expected;
  } rows[] = {
      {"accents are removed", "Ḥmeimim Ḥomṣ café", "hmeimim homs cafe"},
      {"case folding (including sharp s)", "STRASSE Straße", "strasse strasse"},
      {"typographic possessive dropped", "al-Sharaa’s", "al-sharaa"},
      {"ASCII possessive dropped", "Moscow's strategy", "moscow strategy"},
      {"plural possessive apostrophe dropped", "the ministers' plan", "the ministers plan"},
      {"contractions kept", "don't", "don't"},
      {"Unicode hyphen becomes ASCII", "al‐Assad", "al-assad"},
      {"NFKC compatibility forms", "ﬁnance ２０２５", "finance 2025"},
      {"non-breaking space becomes a space", "a\xC2\xA0" "b", "a b"},
      {"non-Latin scripts are kept", "Москва́", "москва"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) { CHECK(newsdex::normalize_text(row.input) == row.expected); }
  }
}

TEST_CASE("normalize_query keeps case so operators and stemming cues survive", "[analyzer]") {
  CHECK(newsdex::normalize_query("Ḥmeimim AND Syria’s") == "Hmeimim AND Syria");
  CHECK(newsdex::normalize_query("“wheat shipments”") == "\"wheat shipments\"");
  CHECK(newsdex::normalize_query("ẞ") == "SS");
}

TEST_CASE("indexing al-Sharaa’s makes it findable as al-Sharaa and as Sharaa", "[analyzer]") {
  const auto terms = terms_of("President al-Sharaa’s delegation");
  CHECK(terms.count("al"));
  CHECK(terms.count("sharaa"));
  CHECK_FALSE(terms.count("sharaa's"));
  CHECK(terms.count("deleg"));
}

TEST_CASE("every word indexes as its stem only and stopwords not at all", "[analyzer]") {
  const auto terms = terms_of("the sanctions of the west");
  CHECK(terms == std::set<std::string>{"sanction", "west"});
  const auto& a = newsdex::default_analyzer();
  CHECK(a.is_stopword("the"));
  CHECK_FALSE(a.is_stopword("sanctions"));
  CHECK(a.is_stopword_stem("doe"));  // the stem of "does"
  CHECK(a.is_stopword_stem("the"));
  CHECK_FALSE(a.is_stopword_stem("sanction"));
}

TEST_CASE("stopwords take no position so a phrase without them is adjacent", "[analyzer]") {
  Xapian::TermGenerator tg = newsdex::default_analyzer().make_term_generator();
  Xapian::Document doc;
  tg.set_document(doc);
  newsdex::default_analyzer().index_text(tg, "The Bank of England said");
  std::vector<std::pair<std::string, Xapian::termpos>> postings;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) postings.emplace_back(*it, *p);
  }
  std::sort(postings.begin(), postings.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
  CHECK(postings == std::vector<std::pair<std::string, Xapian::termpos>>{{"bank", 1}, {"england", 2}, {"said", 3}});
}

TEST_CASE("stems keep their positions so phrases match any inflection", "[analyzer]") {
  Xapian::TermGenerator tg = newsdex::default_analyzer().make_term_generator();
  Xapian::Document doc;
  tg.set_document(doc);
  newsdex::default_analyzer().index_text(tg, "Wheat shipments resumed. Shipping wheat");
  auto positions = [&doc](const std::string& term) {
    std::vector<Xapian::termpos> out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
      if (*it != term) continue;
      for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) out.push_back(*p);
    }
    return out;
  };
  CHECK(positions("wheat") == std::vector<Xapian::termpos>{1, 5});
  CHECK(positions("shipment") == std::vector<Xapian::termpos>{2});
  CHECK(positions("ship") == std::vector<Xapian::termpos>{4});
  CHECK(positions("resum") == std::vector<Xapian::termpos>{3});
}

TEST_CASE("each word indexes as the English stemmer's stem however often it repeats", "[analyzer]") {
  Xapian::TermGenerator tg = newsdex::default_analyzer().make_term_generator();
  const Xapian::Stem plain("english");
  Xapian::Document doc;
  tg.set_document(doc);
  std::string text;
  for (int i = 0; i < 3; ++i) text += "running runs ran generously generation organisations ";
  newsdex::default_analyzer().index_text(tg, text);
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
  std::set<std::string> expected;
  for (const char* w : {"running", "runs", "ran", "generously", "generation", "organisations"}) {
    expected.insert(plain(w));
  }
  CHECK(terms == expected);
  CHECK(doc.termlist_count() == expected.size());
}

TEST_CASE("term_of and stem_of give the terms used for highlighting", "[analyzer]") {
  const auto& a = newsdex::default_analyzer();
  CHECK(a.term_of("Sanctions") == "sanctions");
  CHECK(a.stem_of("sanctions") == "sanction");
  CHECK(a.term_of("Syria’s") == "syria");
  CHECK(a.term_of("Ḥmeimim") == "hmeimim");
}

TEST_CASE("normalize_filter_value collapses whitespace for entity terms", "[analyzer]") {
  CHECK(newsdex::normalize_filter_value("  Vladimir   Putin ") == "vladimir putin");
  CHECK(newsdex::normalize_filter_value("Ahmad al‐Sharaa") == "ahmad al-sharaa");
}
