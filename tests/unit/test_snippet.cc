#include <catch2/catch.hpp>

#include "newsdex/query.h"
#include "newsdex/snippet.h"

namespace {

newsdex::Highlighter highlighter_for(const std::string& q) {
  return newsdex::Highlighter(newsdex::parse_query(q, {}), Xapian::Database());
}

const newsdex::HighlightStyle kBrackets{"[", "]", false};

}  // namespace

TEST_CASE("highlighting marks words as written - not their stems", "[snippet]") {
  struct Row {
    const char* name;
    const char* query;
    const char* text;
    const char* expected;
  } rows[] = {
      {"stemmed match keeps the written form", "sanctions", "US Sanctions and a sanctioned bank",
       "US [Sanctions] and a [sanctioned] bank"},
      {"accent-insensitive match", "Hmeimim", "the Ḥmeimim airbase", "the [Ḥmeimim] airbase"},
      {"possessive form matches", "Sharaa", "al-Sharaa’s delegation", "al-[Sharaa’s] delegation"},
      {"phrase words", "\"wheat shipments\"", "resumption of wheat shipments under", "resumption of [wheat] [shipments] under"},
      {"stopwords are not marked", "the Kremlin", "at the Kremlin", "at the [Kremlin]"},
      {"field-prefixed words are marked", "title:cocoa", "Bahia cocoa zone", "Bahia [cocoa] zone"},
      {"entity filter names are marked", "place:Tartus", "the Tartus naval base", "the [Tartus] naval base"},
      {"whitespace collapses", "oil", "crude\n\n  oil", "crude [oil]"},
      {"an abbreviation is marked whole", "\"U.S. Treasury\"", "the U.S. Treasury said", "the [U.S.] [Treasury] said"},
      {"an abbreviation matches without its dots", "US", "U.S. and US", "[U.S.] and [US]"},
      {"a wildcard marks the words it extends", "sanct*", "sanctions, sanctioned", "[sanctions], [sanctioned]"},
      {"excluded words are not marked", "oil -gas", "oil and gas", "[oil] and gas"},
      {"words of an entity name", "person:\"Ahmad al-Sharaa\"", "Ahmad al-Sharaa’s visit", "[Ahmad] [al]-[Sharaa’s] visit"},
      {"a CJK word is marked whole", "東京", "東京都", "[東京]都"},
      {"a CJK word inside a longer run", "商標", "日本の商標法", "日本の[商標]法"},
      {"a CJK phrase is marked as one run", "商標法", "新しい商標法は", "新しい[商標法]は"},
      {"Arabic right-to-left text", "القاهرة", "في القاهرة اليوم", "في [القاهرة] اليوم"},
      {"Hebrew right-to-left text", "ירושלים", "ב ירושלים היום", "ב [ירושלים] היום"},
  };
  for (const Row& row : rows) {
    SECTION(row.name) { CHECK(highlighter_for(row.query).highlight(row.text, kBrackets) == row.expected); }
  }
}

TEST_CASE("HTML style escapes the text but not the marks", "[snippet]") {
  const newsdex::HighlightStyle html{"<b>", "</b>", true};
  CHECK(highlighter_for("Tartus").highlight("<Tartus> & co", html) == "&lt;<b>Tartus</b>&gt; &amp; co");
}

TEST_CASE("a snippet is a short passage around the best match", "[snippet]") {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Filler sentence number " + std::to_string(i) + " says nothing. ";
  text += "The Tartus naval base is on the coast. ";
  for (int i = 0; i < 40; ++i) text += "More filler " + std::to_string(i) + ". ";
  newsdex::SnippetOptions options;
  const std::string s = highlighter_for("Tartus").snippet(text, kBrackets, options);
  CHECK_THAT(s, Catch::Contains("[Tartus] naval base"));
  CHECK_THAT(s, Catch::StartsWith("..."));
  CHECK_THAT(s, Catch::EndsWith("..."));
  CHECK(s.size() <= options.length + 2 * options.ellipsis.size() + 2 + 10);
}

TEST_CASE("a passage holding more distinct query words wins", "[snippet]") {
  std::string text = "Oil prices rose. ";
  for (int i = 0; i < 30; ++i) text += "Nothing to see in sentence " + std::to_string(i) + ". ";
  text += "OPEC said oil output and oil prices would be cut in Vienna. ";
  for (int i = 0; i < 30; ++i) text += "Filler " + std::to_string(i) + ". ";
  const std::string s = highlighter_for("oil OPEC Vienna").snippet(text, kBrackets, {});
  CHECK_THAT(s, Catch::Contains("[OPEC]"));
  CHECK_THAT(s, Catch::Contains("[Vienna]"));
}

TEST_CASE("without a match the snippet is the start of the text", "[snippet]") {
  const std::string s = highlighter_for("zebra").snippet("Short text here.", kBrackets, {});
  CHECK(s == "Short text here.");
}

TEST_CASE("a terminal-safe style replaces control characters in the text, not in the marks", "[snippet]") {
  const newsdex::HighlightStyle bold{"\x1b[1m", "\x1b[0m", false, true};
  CHECK(highlighter_for("Tartus").highlight("\x1b]0;x\x07Tartus \x1b[2J", bold) ==
        "\xEF\xBF\xBD]0;x\xEF\xBF\xBD\x1b[1mTartus\x1b[0m \xEF\xBF\xBD[2J");
  const newsdex::HighlightStyle plain{"", "", false, true};
  CHECK(highlighter_for("zebra").snippet("a\x9b" "b \xC2\x9B" "31m", plain, {}) == "a\xEF\xBF\xBD" "b \xEF\xBF\xBD" "31m");
}
