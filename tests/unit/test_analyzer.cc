#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "newsdex/analyzer.h"
#include "newsdex/document.h"

namespace {

// A document holding the body text `text`, indexed as the indexer does.
Xapian::Document doc_of(const std::string& text) {
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  newsdex::index_text(doc, text, {}, pos);
  return doc;
}

// The terms a text indexes as, with the analyzer both programs use.
std::set<std::string> terms_of(const std::string& text) {
  const Xapian::Document doc = doc_of(text);
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
      {"Cyrillic short i is a letter, not an accented i", "Сильный Йошкар-Ола", "сильный йошкар-ола"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) { CHECK(newsdex::normalize_text(row.input) == row.expected); }
  }
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
  CHECK(a.is_stopword("does"));
  CHECK_FALSE(a.is_stopword("sanctions"));
}

TEST_CASE("stopwords take no position so a phrase without them is adjacent", "[analyzer]") {
  const Xapian::Document doc = doc_of("The Bank of England said");
  std::vector<std::pair<std::string, Xapian::termpos>> postings;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) postings.emplace_back(*it, *p);
  }
  std::sort(postings.begin(), postings.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
  CHECK(postings == std::vector<std::pair<std::string, Xapian::termpos>>{{"bank", 1}, {"england", 2}, {"said", 3}});
}

TEST_CASE("stems keep their positions so phrases match any inflection", "[analyzer]") {
  const Xapian::Document doc = doc_of("Wheat shipments resumed. Shipping wheat");
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
  const Xapian::Stem plain("english");
  std::string text;
  for (int i = 0; i < 3; ++i) text += "running runs ran generously generation organisations ";
  const Xapian::Document doc = doc_of(text);
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
  std::set<std::string> expected;
  for (const char* w : {"running", "runs", "ran", "generously", "generation", "organisations"}) {
    expected.insert(plain(w));
  }
  CHECK(terms == expected);
  CHECK(doc.termlist_count() == expected.size());
}

TEST_CASE("normalize_filter_value collapses whitespace for entity terms", "[analyzer]") {
  CHECK(newsdex::normalize_filter_value("  Vladimir   Putin ") == "vladimir putin");
  CHECK(newsdex::normalize_filter_value("Ahmad al‐Sharaa") == "ahmad al-sharaa");
}

namespace {

// The words the shared Tokenizer finds in `text`, joined by '|'.
std::string words_of(std::string_view text) {
  newsdex::Tokenizer tok(text);
  std::string out;
  while (tok.next()) out += (out.empty() ? "" : "|") + tok.word();
  return out;
}

// The spans of the original text those words come from, joined by '|'.
std::string spans_of(std::string_view text) {
  newsdex::Tokenizer tok(text);
  std::string out;
  while (tok.next()) out += (out.empty() ? "" : "|") + std::string(text.substr(tok.begin(), tok.end() - tok.begin()));
  return out;
}

}  // namespace

TEST_CASE("the tokenizer defines what a word is for the index and the query alike", "[analyzer][tokenizer]") {
  struct Row {
    const char* name;
    const char* text;
    const char* words;
  } rows[] = {
      {"dotted abbreviation", "U.S. Treasury", "us|treasury"},
      {"dotted abbreviation without its last dot", "U.S Treasury", "us|treasury"},
      {"initials of a firm", "E.F. Hutton", "ef|hutton"},
      {"N.Y.", "N.Y. banks", "ny|banks"},
      {"three letters", "U.S.A.", "usa"},
      {"lower-case abbreviations", "e.g. i.e.", "eg|ie"},
      {"a sentence-final word is not an abbreviation", "the end. Then", "the|end|then"},
      {"a single letter ending a sentence", "plan B. Then", "plan|b|then"},
      {"an abbreviation before a hyphen", "U.S.-backed", "us|backed"},
      {"an abbreviation's possessive", "U.S.'s debt", "us|debt"},
      {"letters and digits are not an abbreviation", "A.1 and 3.b", "a|1|and|3|b"},
      {"typographic possessive dropped, hyphen splits", "al-Sharaa’s", "al|sharaa"},
      {"ASCII possessive dropped", "Moscow's strategy", "moscow|strategy"},
      {"apostrophe inside a name", "O'Brien O’Brien’s", "o'brien|o'brien"},
      {"plural possessive", "Reuters' report", "reuters|report"},
      {"contraction kept", "don't", "don't"},
      {"leading apostrophe", "'90s", "90s"},
      {"hyphenated words with stopwords", "state-of-the-art", "state|of|the|art"},
      {"thousands separator", "1,000 tonnes", "1,000|tonnes"},
      {"decimal point, percent sign", "3.5%", "3.5"},
      {"a number ending a sentence", "rose 1,000.", "rose|1,000"},
      {"ISO date", "2025-10-15", "2025|10|15"},
      {"time", "10:30", "10|30"},
      {"ampersand in short names", "AT&T S&P 500 R&D", "at&t|s&p|500|r&d"},
      {"ampersand between long words", "Johnson&Johnson", "johnson|johnson"},
      {"ampersand with spaces", "oil & gas", "oil|gas"},
      {"ampersand name possessive", "AT&T's", "at&t"},
      {"underscore joins", "snake_case", "snake_case"},
      {"leading and trailing underscores", "__init__ a_", "init|a"},
      {"C++ and C#", "C++ and C# F#", "c++|and|c#|f#"},
      {"rating", "A+ rating", "a+|rating"},
      {"plus between digits", "1+1", "1|1"},
      {"four pluses are not a suffix", "C++++", "c"},
      {"hash before a digit", "C#5", "c|5"},
      {"accents and case", "Ḥmeimim CAFÉ", "hmeimim|cafe"},
      {"sharp s", "Straße", "strasse"},
      {"NFKC compatibility forms", "ﬁnance ２０２５", "finance|2025"},
      {"Cyrillic with a stress mark", "Москва́", "москва"},
      {"Greek", "Αθήνα", "αθηνα"},
      {"CJK: overlapping bigrams of Han", "東京都", "東京|京都"},
      {"CJK: a lone character is one word", "東 京", "東|京"},
      {"CJK: two characters are one bigram", "商標", "商標"},
      {"Hiragana", "ひらがな", "ひら|らが|がな"},
      {"Katakana", "カタカナ", "カタ|タカ|カナ"},
      {"Hangul", "한국어", "한국|국어"},
      {"Latin then Han", "Tokyo東京", "tokyo|東京"},
      {"Han then Latin then Han", "東京Tokyo都", "東京|tokyo|都"},
      {"Japanese punctuation ends a run", "商標法。東京", "商標|標法|東京"},
      {"e-mail address", "desk@example.com", "desk|example|com"},
      {"invalid UTF-8 separates", "ab\xff" "cd", "ab|cd"},
      {"a cut UTF-8 sequence", "ab\xC3", "ab"},
      {"only punctuation", "-- ... !!", ""},
      {"non-breaking space", "a\xC2\xA0" "b", "a|b"},
      {"a fraction is two numbers", "½", "1|2"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) { CHECK(words_of(row.text) == row.words); }
  }
}

TEST_CASE("a word's span covers what its normalised form drops", "[analyzer][tokenizer]") {
  struct Row {
    const char* name;
    const char* text;
    const char* spans;
  } rows[] = {
      {"the dots of an abbreviation", "the U.S. Treasury", "the|U.S.|Treasury"},
      {"a possessive", "al-Sharaa’s talks", "al|Sharaa’s|talks"},
      {"a plural possessive's apostrophe is not in the word", "Reuters' report", "Reuters|report"},
      {"a ligature", "ﬁnance", "ﬁnance"},
      {"two words from one character", "½ cup", "½||cup"},
      {"combining accents", "Cafe\xCC\x81 bar", "Cafe\xCC\x81|bar"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) { CHECK(spans_of(row.text) == row.spans); }
  }
}

TEST_CASE("a word longer than the term limit is cut the same way wherever it appears", "[analyzer][tokenizer]") {
  const std::string word = "Q" + std::string(999, 'x');
  const std::string text = "a " + word + " b";
  newsdex::Tokenizer tok(text);
  REQUIRE(tok.next());
  CHECK(tok.word() == "a");
  REQUIRE(tok.next());
  CHECK(tok.word() == "q" + std::string(newsdex::kMaxWordBytes - 1, 'x'));
  CHECK(tok.end() - tok.begin() == word.size());
  REQUIRE(tok.next());
  CHECK(tok.word() == "b");
  CHECK_FALSE(tok.next());
  // Cut on a character boundary.
  std::string cyr;
  for (int i = 0; i < 200; ++i) cyr += "ж";
  newsdex::Tokenizer t2(cyr);
  REQUIRE(t2.next());
  CHECK(t2.word().size() == newsdex::kMaxWordBytes);
}

TEST_CASE("the tokenizer ends on any bytes", "[analyzer][tokenizer]") {
  std::uint32_t x = 12345;
  for (int round = 0; round < 200; ++round) {
    std::string bytes;
    for (int i = 0; i < 300; ++i) {
      x = x * 1103515245u + 12345u;
      bytes.push_back(static_cast<char>(x >> 23));
    }
    newsdex::Tokenizer tok(bytes);
    std::size_t n = 0, last_end = 0;
    while (tok.next()) {
      CHECK(tok.begin() >= last_end);
      CHECK(tok.end() >= tok.begin());
      CHECK(!tok.word().empty());
      last_end = tok.end();
      REQUIRE(++n <= bytes.size());
    }
  }
}

TEST_CASE("stems and stopwords of normalised words", "[analyzer]") {
  const auto& a = newsdex::default_analyzer();
  struct Row {
    const char* word;
    const char* stem;
    bool stopword;
  } rows[] = {
      {"sanctions", "sanction", false}, {"shipments", "shipment", false}, {"shipping", "ship", false},
      {"the", "the", true},             {"of", "of", true},               {"us", "us", false},
      {"1,000", "1,000", false},        {"at&t", "at&t", false},          {"東", "東", false},
  };
  for (const Row& row : rows) {
    INFO(row.word);
    CHECK(a.stem(row.word) == row.stem);
    CHECK(a.is_stopword(row.word) == row.stopword);
  }
}

TEST_CASE("index_text writes each Tokenizer word as its stem at consecutive positions", "[analyzer][document]") {
  // Postings as "term@pos", in position order.
  auto postings = [](const std::string& text) {
    const Xapian::Document doc = doc_of(text);
    std::vector<std::pair<Xapian::termpos, std::string>> all;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
      for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p) all.emplace_back(*p, *it);
    }
    std::sort(all.begin(), all.end());
    std::string out;
    for (const auto& [pos, term] : all) out += (out.empty() ? "" : " ") + term + "@" + std::to_string(pos);
    return out;
  };
  struct Row {
    const char* name;
    const char* text;
    const char* postings;
  } rows[] = {
      {"an abbreviation is one term", "the U.S. Treasury said", "us@1 treasuri@2 said@3"},
      {"initials", "E.F. Hutton and Co", "ef@1 hutton@2 co@3"},
      {"a hyphenated name is two adjacent terms", "al-Sharaa’s visit", "al@1 sharaa@2 visit@3"},
      {"stopwords inside a hyphenated word take no position", "state-of-the-art plant", "state@1 art@2 plant@3"},
      {"AT&T is not two stopwords", "AT&T shares", "at&t@1 share@2"},
      {"numbers", "1,000 tonnes at 3.5 pct", "1,000@1 tonn@2 3.5@3 pct@4"},
      {"CJK bigrams", "東京 office", "東京@1 offic@2"},
      {"a CJK run is overlapping bigrams", "商標法", "商標@1 標法@2"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) { CHECK(postings(row.text) == row.postings); }
  }
}

TEST_CASE("a word longer than Xapian's term limit is indexed cut, under every prefix", "[analyzer][document]") {
  const std::string word = std::string(1000, 'x');
  newsdex::Article a;
  a.id = "long";
  a.title = word;
  a.body = word;
  a.source = word;
  const Xapian::Document doc = newsdex::make_document(a);
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
  const std::string cut(newsdex::kMaxWordBytes, 'x');
  CHECK(terms.count(cut));
  CHECK(terms.count("S" + cut));
  CHECK(terms.count("XSRC" + cut));
}
