#include <catch2/catch.hpp>

#include <cctype>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "newsdex/duplicates.h"

namespace {

// A wire story in five paragraphs, and what archives make of it.
const std::string kStory =
    "The Bundesbank left its credit policies unchanged at its regular council meeting on Thursday, a spokesman for the central bank said in Frankfurt.\n"
    "\n"
    "The discount rate stays at 3.0 pct and the Lombard emergency financing rate at 5.0 pct, where they have been since the cut in January.\n"
    "\n"
    "Money market dealers had expected no change after the bank steered call money rates lower through its securities repurchase agreements last week.\n"
    "\n"
    "The council also discussed the growth of the money supply, which ran above the target corridor of three to six pct for the third month running.\n"
    "\n"
    "Economists said the bank would wait for clearer signs of the dollar's direction before considering any further easing of its monetary policy.\n";
// The same story after a correction of one figure.
const std::string kCorrected =
    "The Bundesbank left its credit policies unchanged at its regular council meeting on Thursday, a spokesman for the central bank said in Frankfurt.\n"
    "\n"
    "The discount rate stays at 3.5 pct and the Lombard emergency financing rate at 5.0 pct, where they have been since the cut in January.\n"
    "\n"
    "Money market dealers had expected no change after the bank steered call money rates lower through its securities repurchase agreements last week.\n"
    "\n"
    "The council also discussed the growth of the money supply, which ran above the target corridor of three to six pct for the third month running.\n"
    "\n"
    "Economists said the bank would wait for clearer signs of the dollar's direction before considering any further easing of its monetary policy.\n";
// The same story with its fourth paragraph replaced.
const std::string kNewParagraph =
    "The Bundesbank left its credit policies unchanged at its regular council meeting on Thursday, a spokesman for the central bank said in Frankfurt.\n"
    "\n"
    "The discount rate stays at 3.0 pct and the Lombard emergency financing rate at 5.0 pct, where they have been since the cut in January.\n"
    "\n"
    "Money market dealers had expected no change after the bank steered call money rates lower through its securities repurchase agreements last week.\n"
    "\n"
    "Bank officials declined to comment on reports that the council had debated a change in minimum reserve requirements for commercial banks, which the banking association has urged for months.\n"
    "\n"
    "Economists said the bank would wait for clearer signs of the dollar's direction before considering any further easing of its monetary policy.\n";
// Another story on the same topic (the Bundesbank's policy), with many of
// the same words.
const std::string kSameTopic =
    "Bundesbank president Karl Otto Poehl said on Tuesday that West German monetary policy would not be loosened merely to please trading partners who want faster growth.\n"
    "\n"
    "Speaking to bankers in Hamburg, Poehl said the central bank council saw no reason to lower its discount rate while money supply growth exceeded the target.\n"
    "\n"
    "He added that the dollar's fall against the mark had already eased credit conditions for exporters and that the economy would grow about two pct this year.\n"
    "\n"
    "Poehl said cooperation among the leading industrial nations on exchange rates was working, but that each central bank had to follow its own mandate for stable prices.\n";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("signatures tell near-duplicate bodies from distinct stories on the same topic", "[duplicates]") {
  struct Case {
    const char* name;
    std::string a, b;
    bool near;
    double min, max;  // expected range of the estimated similarity
  };
  std::string rewrapped = "  " + kStory + "  ";
  for (std::size_t at; (at = rewrapped.find("\n\n")) != std::string::npos;) rewrapped.replace(at, 2, " ");
  std::string shouted = kStory;
  for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const Case cases[] = {
      {"an exact copy", kStory, kStory, true, 1.0, 1.0},
      {"the same words, wrapped otherwise", kStory, rewrapped, true, 1.0, 1.0},
      {"the same words in capitals", kStory, shouted, true, 1.0, 1.0},
      {"a corrected figure", kStory, kCorrected, true, 0.8, 1.0},
      {"one paragraph of five replaced", kStory, kNewParagraph, true, newsdex::kNearDuplicate, 0.9},
      {"a correction of the edited copy", kCorrected, kNewParagraph, true, newsdex::kNearDuplicate, 0.9},
      {"a distinct story on the same topic", kStory, kSameTopic, false, 0.0, 0.15},
      {"a third of the story", kStory, kStory.substr(0, kStory.size() / 3), false, 0.0, 0.45},
      {"an empty body", kStory, "", false, 0.0, 0.0},
      {"two empty bodies", "", " -- ", false, 0.0, 0.0},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const std::string a = newsdex::content_signature(c.a);
    const std::string b = newsdex::content_signature(c.b);
    const double sim = newsdex::similarity(a, b);
    INFO("similarity " << sim);
    CHECK(newsdex::near_duplicates(a, b) == c.near);
    CHECK(sim >= c.min);
    CHECK(sim <= c.max);
    CHECK(newsdex::similarity(b, a) == sim);
  }
}

TEST_CASE("a signature has a fixed size and a body without words has none", "[duplicates]") {
  CHECK(newsdex::content_signature(kStory).size() == 2 * newsdex::kSignatureValues + 2);
  CHECK(newsdex::content_signature("Reuter").size() == 2 * newsdex::kSignatureValues + 2);
  CHECK(newsdex::signature_shingles(newsdex::content_signature("Reuter")) == 1);
  CHECK(newsdex::signature_shingles(newsdex::content_signature("one two three four")) == 2);
  CHECK(newsdex::content_signature("").empty());
  CHECK(newsdex::content_signature("the of and ...").empty());  // stopwords only
  // Short bodies are near-duplicates only when they are the same text.
  CHECK(newsdex::near_duplicates(newsdex::content_signature("Shr 12 cts vs 10 cts Net 1.2 mln vs 1.0 mln"),
                                 newsdex::content_signature("SHR 12 CTS VS 10 CTS NET 1.2 MLN VS 1.0 MLN")));
  CHECK_FALSE(newsdex::near_duplicates(newsdex::content_signature("Shr 12 cts vs 10 cts Net 1.2 mln vs 1.0 mln"),
                                       newsdex::content_signature("Shr 14 cts vs 10 cts Net 1.2 mln vs 1.0 mln")));
  // Word order counts: the same words in another order are another text.
  CHECK_FALSE(newsdex::near_duplicates(newsdex::content_signature("cocoa prices rose sharply in london trading today"),
                                       newsdex::content_signature("today trading london in sharply rose prices cocoa")));
}

TEST_CASE("articles are grouped with their near-duplicates under the smallest id of the group", "[duplicates]") {
  using newsdex::content_signature;
  const long day = 6272;  // 1987-03-05
  const std::vector<newsdex::SignedArticle> articles = {
      {"r-5", content_signature(kStory), day},                    // 0
      {"r-3", content_signature(kSameTopic), day},                // 1: alone
      {"r-4", content_signature(kCorrected), day + 1},            // 2
      {"r-9", content_signature(kNewParagraph), day + 2},         // 3
      {"r-7", content_signature(kStory), day + 40},               // 4: an exact copy, weeks later
      {"r-1", "", day},                                           // 5: no words, alone
      {"r-2", "", day},                                           // 6: no words, alone
      {"r-8", content_signature(kSameTopic + "\n\nReuter"), std::nullopt},  // 7: undated, near any date: with 1
      // 8: another figure corrected, a month later: another item
      {"r-6", content_signature(replaced(kStory, "5.0 pct", "5.5 pct")), day + 30},
      // 9: another word changed, 3 days before the story: a near-duplicate,
      // and the smallest id of its group ("r-10" < "r-4")
      {"r-10", content_signature(replaced(kStory, "Thursday", "Wednesday")), day - 3},
  };
  const std::vector<std::size_t> rep = newsdex::group_duplicates(articles);
  const std::vector<std::size_t> want = {9, 1, 9, 9, 9, 5, 6, 1, 8, 9};
  CHECK(rep == want);
}

TEST_CASE("the day of a date slot value counts days from 1970-01-01", "[duplicates]") {
  struct Case {
    const char* value;
    std::optional<long> day;
  };
  for (const Case& c : {Case{"19700101000000", 0L}, Case{"19870305120000", 6272L}, Case{"20000301000000", 11017L},
                        Case{"00010101000000", -719162L}, Case{"1987", std::nullopt}, Case{"1987X305", std::nullopt}}) {
    INFO(c.value);
    CHECK(newsdex::day_of_date_value(c.value) == c.day);
  }
}

TEST_CASE("bodies of the same small vocabulary in other orders are not grouped", "[duplicates]") {
  // 30 words, 60 a body: every two bodies share many words and a few
  // three-word runs, and are still different texts. (A hash whose values
  // moved together across the signature once grouped such bodies.)
  const char* vocab[] = {"harbour", "crane", "wheat", "cocoa", "shipment", "sanction", "tariff", "grain",
                         "port", "minister", "council", "budget", "rail", "freight", "tanker", "pipeline",
                         "bank", "bond", "election", "strike", "union", "coal", "copper", "futures",
                         "rally", "forecast", "drought", "harvest", "export", "ferry"};
  std::mt19937 random(12345);
  std::vector<newsdex::SignedArticle> articles;
  for (int i = 0; i < 2000; ++i) {
    std::string body;
    for (int w = 0; w < 60; ++w) body += std::string(vocab[random() % 30]) + " ";
    articles.push_back({"g" + std::to_string(i), newsdex::content_signature(body), std::nullopt});
  }
  const std::vector<std::size_t> rep = newsdex::group_duplicates(articles);
  std::size_t grouped = 0;
  for (std::size_t i = 0; i < rep.size(); ++i) grouped += rep[i] != i ? 1 : 0;
  CHECK(grouped == 0);
}

TEST_CASE("an archive of thousands of articles groups exactly its planted copies and edits", "[duplicates]") {
  // Enough articles that each band's buckets are sorted as a large archive's
  // are (the full pass's radix sort, not the small sets' std::sort), with
  // copies and edits planted at known places. Each row: how many articles,
  // and every how many a copy of an earlier one is planted.
  struct Case {
    std::size_t articles;
    std::size_t every;
  };
  for (const Case c : {Case{5000, 7}, Case{12000, 3}}) {
    INFO(c.articles << " articles, a copy every " << c.every);
    std::mt19937 random(static_cast<unsigned>(c.articles));
    std::vector<std::string> vocab;
    for (int i = 0; i < 3000; ++i) {
      std::string w;
      for (int k = 0; k < 7; ++k) w += static_cast<char>('a' + random() % 26);
      vocab.push_back(w);
    }
    std::vector<std::vector<std::string>> bodies;
    std::vector<newsdex::SignedArticle> articles;
    std::vector<std::size_t> want;  // the index of each article's group's smallest id
    for (std::size_t i = 0; i < c.articles; ++i) {
      std::vector<std::string> body;
      std::size_t rep = i;
      if (i > 0 && i % c.every == 0) {
        // A copy of an earlier story, every other one with a word changed;
        // ids are zero-padded, so the earlier one's is smaller.
        const std::size_t of = random() % i;
        body = bodies[of];
        if (i % 2 == 0) body[random() % body.size()] = "changed";
        rep = want[of];
      } else {
        for (int w = 0; w < 60; ++w) body.push_back(vocab[random() % vocab.size()]);
      }
      std::string text;
      for (const std::string& w : body) text += w + " ";
      char id[32];
      std::snprintf(id, sizeof id, "a%07zu", i);
      bodies.push_back(body);
      articles.push_back({id, newsdex::content_signature(text), 6000});
      want.push_back(rep);
    }
    CHECK(newsdex::group_duplicates(articles) == want);
  }
}
