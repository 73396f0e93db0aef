// Did you mean, more like this and top words: the query words a
// suggestion may replace, the spelling words an article gives, and
// run_search over a small archive written as the indexer writes it.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "newsdex/document.h"
#include "newsdex/query.h"
#include "newsdex/schema.h"
#include "newsdex/search.h"

namespace {

namespace fs = std::filesystem;
using newsdex::Article;

// The searched words of a query as "word@begin-end", one a space.
std::string words_of(const std::string& q) {
  std::string out;
  for (const newsdex::QueryWord& w : newsdex::parse_query(q, {}).words) {
    if (!out.empty()) out += ' ';
    out += w.word + "@" + std::to_string(w.begin) + "-" + std::to_string(w.end);
  }
  return out;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

Article article(const std::string& id, const std::string& title, const std::string& body) {
  Article a;
  a.id = id;
  a.path = "/archive/" + id;
  a.title = title;
  a.body = body;
  return a;
}

// A Xapian database on disk written as newsdex-index writes one (documents
// and spelling data), removed at the end of the test.
class Archive {
 public:
  explicit Archive(const std::vector<Article>& articles)
      : path_(fs::temp_directory_path() / ("newsdex-suggest-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    Xapian::WritableDatabase db(path_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    std::vector<std::string> spelling;
    for (const Article& a : articles) {
      db.add_document(newsdex::make_document(a, spelling));
      for (const std::string& w : spelling) db.add_spelling(w, 1);
    }
    db.set_metadata(std::string(newsdex::schema::kFormatKey), std::string(newsdex::schema::kFormat));
    db.commit();
  }
  ~Archive() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  newsdex::SearchResponse search(const std::string& query, const std::string& like = {},
                                 std::size_t top_words = 0) const {
    newsdex::SearchOptions options;
    options.db_paths = {path_.string()};
    options.query = query;
    options.like = like;
    options.top_words = top_words;
    return newsdex::run_search(options);
  }

 private:
  fs::path path_;
};

std::vector<Article> news() {
  return {
      article("k1", "Gorbachev at the Kremlin", "Mikhail Gorbachev spoke in the Kremlin about reform."),
      article("k2", "Kremlin talks", "Officials at the Kremlin said Gorbachev would meet ministers."),
      article("w1", "Wheat shipments rise", "Wheat shipments from Gulf ports rose as exporters loaded grain."),
      article("w2", "Grain exports", "Exporters said wheat shipments to Egypt would continue."),
      article("c1", "Cocoa prices rise", "Cocoa prices rose as Ivory Coast growers held back beans in 1987."),
      article("c2", "Ivory Coast cocoa crop", "The Ivory Coast cocoa harvest will fall, growers said, beans scarce."),
      article("c3", "Ghana cocoa", "Cocoa arrivals in Ghana rose as growers sold beans."),
      article("o1", "Oil prices fall", "Crude oil prices fell as output rose, traders said."),
  };
}

}  // namespace

TEST_CASE("a query's searched words come with their spans in the query as written", "[suggest]") {
  struct Row {
    const char* name;
    const char* query;
    const char* words;
  } rows[] = {
      {"free words", "Gorbachov Kremln", "gorbachov@0-9 kremln@10-16"},
      {"a phrase's words", "\"wheet shipmnts\"", "wheet@1-6 shipmnts@7-15"},
      {"a text field's word", "title:Kremln", "kremln@6-12"},
      {"a text field's group", "title:(wheet OR grian)", "wheet@7-12 grian@16-21"},
      {"stopwords are not searched", "the Kremln", "kremln@4-10"},
      {"filters are not words", "person:Gorbachov id:k1 date:1987 Kremln", "kremln@33-39"},
      {"excluded words are not", "Kremln -Gorbachov", "kremln@0-6"},
      {"a wildcard's beginning is not", "Krem* Gorbachov", "gorbachov@6-15"},
      {"required words are", "+Kremln", "kremln@1-7"},
      {"NEAR operands are", "wheet NEAR shipmnts", "wheet@0-5 shipmnts@11-19"},
      {"accents are folded, spans as written", "Ḥmeimim", "hmeimim@0-9"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(words_of(row.query) == row.words);
  }
}

TEST_CASE("an article's spelling words: title and body words as they occur, no stopwords or numbers", "[suggest]") {
  struct Row {
    const char* name;
    const char* title;
    const char* body;
    const char* words;
  } rows[] = {
      {"normalised, each occurrence, title first", "Gorbachev in the Kremlin", "Gorbachev spoke.",
       "gorbachev kremlin gorbachev spoke"},
      {"short words and words with digits left out", "G7 at 10am", "An ox ran 5,000 km in 1987.", "ran"},
      {"accents folded", "Ḥmeimim", "", "hmeimim"},
      {"over 40 bytes left out", "", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbb", "bbb"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const Article a = article("x", row.title, row.body);
    CHECK(joined(newsdex::spelling_words(a)) == row.words);
    std::vector<std::string> from_document;
    newsdex::make_document(a, from_document);
    CHECK(from_document == newsdex::spelling_words(a));
  }
}

TEST_CASE("a misspelled query gets a corrected one with its structure - a correct one gets none", "[suggest]") {
  const Archive archive(news());
  struct Row {
    const char* name;
    const char* query;
    const char* suggestion;  // "" none
    Xapian::doccount total;
  } rows[] = {
      {"a name", "Gorbachov", "Gorbachev", 2},
      {"a place", "Kremln", "Kremlin", 2},
      {"a phrase, quotes kept", "\"wheet shipmnts\"", "\"wheat shipments\"", 2},
      {"all capitals kept", "KREMLN", "KREMLIN", 2},
      {"field, phrase and operators kept", "title:Kremln OR \"wheet shipmnts\"", "title:Kremlin OR \"wheat shipments\"", 4},
      {"a correct query", "Kremlin", "", 0},
      {"a correct rare word", "Ghana", "", 0},
      {"a correction that finds no more", "Kremln id:w1", "", 0},
      {"nothing near", "zzyzx", "", 0},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const newsdex::SearchResponse r = archive.search(row.query);
    if (*row.suggestion == '\0') {
      CHECK_FALSE(r.suggestion);
    } else {
      REQUIRE(r.suggestion);
      CHECK(r.suggestion->query == row.suggestion);
      CHECK(r.suggestion->total == row.total);
      CHECK(r.suggestion->total_exact);
    }
  }
}

TEST_CASE("more like this: the article's neighbours on its subject, itself left out, within filters",
          "[suggest]") {
  const Archive archive(news());
  const auto ids = [](const newsdex::SearchResponse& r) {
    std::vector<std::string> out;
    for (const auto& result : r.results) out.push_back(result.article.id);
    return out;
  };
  const std::vector<std::string> like_c1 = ids(archive.search("", "c1"));
  REQUIRE(like_c1.size() >= 2);
  CHECK(std::vector<std::string>(like_c1.begin(), like_c1.begin() + 2) == std::vector<std::string>{"c2", "c3"});
  CHECK(std::find(like_c1.begin(), like_c1.end(), "c1") == like_c1.end());
  // A query restricts: only Ghana's.
  CHECK(ids(archive.search("Ghana", "c1")) == std::vector<std::string>{"c3"});
  // like:ID as a query item, with an excluded word.
  CHECK(ids(archive.search("like:c1 -Ghana")).front() == "c2");
  CHECK_THROWS_AS(archive.search("", "nosuch"), newsdex::QueryError);
  CHECK_THROWS_AS(archive.search("like:nosuch"), newsdex::QueryError);
  // Without an archive, like: cannot be read.
  CHECK_THROWS_AS(newsdex::parse_query("like:c1", {}), newsdex::QueryError);
}

TEST_CASE("top words: the matches' unusual words in written form, no query words, numbers or stopwords",
          "[suggest]") {
  const Archive archive(news());
  const newsdex::SearchResponse r = archive.search("cocoa", "", 3);
  CHECK(r.top_words_sample == 3);
  std::vector<std::string> words;
  for (const newsdex::TopWord& w : r.top_words) words.push_back(w.word);
  // beans and growers are in the 3 cocoa stories and nowhere else, coast
  // (before ivory, same score) in 2 of them; "rose" is in other stories
  // too; cocoa is the query.
  CHECK(words == std::vector<std::string>{"beans", "growers", "coast"});
  REQUIRE(!r.top_words.empty());
  CHECK(r.top_words[0].term == "bean");
  CHECK(r.top_words[0].matches == 3);
  CHECK(r.top_words[0].archive == 3);
  CHECK(archive.search("cocoa").top_words.empty());
}

TEST_CASE("top words: two-word phrases, written as in the matches, not across punctuation or stopwords",
          "[suggest]") {
  const Archive archive({
      article("a1", "Farm report", "Farmers in Kansas sold Winter Wheat, shipments rose."),
      article("a2", "Farm report", "Farmers in Iowa sold winter wheat, shipments fell."),
      article("a3", "Farm report", "Farmers in Texas held winter wheat of shipments."),
      article("b1", "Markets", "Oil prices rose."),
      article("b2", "Markets", "Gold prices fell."),
      article("b3", "Markets", "Copper prices steady."),
  });
  const newsdex::SearchResponse r = archive.search("farmers", "", 20);
  std::vector<std::string> phrases;
  for (const newsdex::TopWord& w : r.top_words) {
    if (!w.phrase) continue;
    phrases.push_back(w.word + "=" + w.term + "/" + std::to_string(w.matches) + "/" + std::to_string(w.archive));
  }
  // "farm report" in the three headlines (counted in the archive's
  // headlines too) and "winter wheat" in the three bodies, written as most
  // often (lower case: words are normalised); "wheat shipments" only
  // across a comma or a stopword; "sold winter" in two.
  CHECK(phrases == std::vector<std::string>{"farm report=farm report/3/3", "winter wheat=winter wheat/3/3",
                                            "sold winter=sold winter/2/2"});
  // The query's own word with another is a phrase; two of them are not.
  for (const newsdex::TopWord& w : archive.search("winter wheat", "", 20).top_words) {
    CHECK(w.term != "winter wheat");
  }
}
