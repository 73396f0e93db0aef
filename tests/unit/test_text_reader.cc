#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "newsdex/article.h"
#include "newsdex/readers.h"

namespace {

namespace fs = std::filesystem;

const char* const kRepaired = "invalid UTF-8 repaired (decoded as Windows-1252/Latin-1)";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string corpus_file(const std::string& name) {
  return read_file(fs::path(NEWSDEX_TEST_CORPORA) / "text" / name);
}

std::string show_date(const std::optional<newsdex::UnixTime>& t) {
  return t ? newsdex::format_iso8601(*t) : std::string("none");
}

// One reader run and what it must give. `title` nullptr: no article.
// `problem` nullptr: no problem.
struct Case {
  const char* name;
  const char* file;   // in tests/corpora/text, or nullptr to read `input`
  std::string input;
  const char* title;
  const char* author;
  const char* date;   // ISO 8601, or "none"
  const char* body;
  const char* problem;
  bool failed;
};

const Case kCases[] = {
    // Files in tests/corpora/text (see its README.md).
    {"web page save: repeated headline, caption, byline and furniture are dropped", "seed-like.txt", "",
     "Harbourton\xE2\x80\x99s mayor pledges to reopen the old ferry pier by summer", "Jane Roe, Staff Reporter",
     "2025-03-03T00:00:00Z",
     "Mayor Ilse Varga told councillors on Tuesday that the ferry pier, closed since a storm damaged its pilings, "
     "would reopen to passengers by the end of June.\n\n"
     "The repairs are expected to cost \xC2\xA3 2.4mn, most of it covered by a regional resilience grant.\n\n"
     "\xE2\x80\x9CThe pier is how half of this town gets to work,\xE2\x80\x9D Varga said.\n\n"
     "Engineers will begin driving new pilings next month, weather permitting.",
     nullptr, false},
    {"title, blank line, paragraphs", "title-and-paragraphs.txt", "", "Bakery chain expands into three new towns", "",
     "none",
     "A family-run bakery chain will open shops in Eastmere, Low Barton and Fenwick this spring, adding forty "
     "jobs.\n\nThe owners said demand for their rye loaves had doubled since last year.",
     nullptr, false},
    {"Latin-1 file is repaired with a warning", "latin1-pound.txt", "", "Parking charges rise to \xC2\xA3" "2 an hour",
     "", "none", "The caf\xC3\xA9 owners on Quay Street say the new \xC2\xA3" "2 charge will keep shoppers away.",
     kRepaired, false},
    {"CRLF, a date line and one paragraph per line", "crlf-single-newline.txt", "", "Library opens on Sundays", "",
     "2025-03-03T00:00:00Z",
     "The central library will open from noon to five on Sundays starting next month.\n\n"
     "Volunteers from the Friends of the Library group will staff the desk.\n\n"
     "The pilot runs for six months.",
     nullptr, false},
    {"old Mac CR line endings", "old-mac-cr.txt", "", "Bridge closed for inspection", "", "none",
     "The Mill Lane bridge is closed until Friday.\n\nDrivers should use the ring road.", nullptr, false},
    {"UTF-16LE with BOM is read silently", "utf16le-bom.txt", "", "School caf\xC3\xA9 wins award", "", "none",
     "The canteen at Northgate Primary won a regional prize for healthy lunches.", nullptr, false},
    {"PNG named .txt is a failed binary file", "binary-png.txt", "", nullptr, "", "none", "",
     "binary file, not text", true},
    {"whitespace and NBSP only is an empty file", "whitespace-only.txt", "", nullptr, "", "none", "", "empty file",
     true},
    {"caption with a photo credit and a standalone date line", "caption-credit-date-line.txt", "",
     "River Ouse reaches record height", "", "2025-10-15T00:00:00Z",
     "The river rose to 5.2 metres overnight, the highest level since records began.\n\n"
     "Residents of low-lying streets were advised to move valuables upstairs.",
     nullptr, false},
    {"short list lines at the end are kept when not after a sentence", "list-ending.txt", "",
     "Weekend fixtures announced", "", "none",
     "The county league has published the fixtures for Saturday.\n\nEastmere v Fenwick\n\nLow Barton v Quayside\n\n"
     "Northgate v Millbrook\n\nHarbourton v Westfield",
     nullptr, false},
    {"standfirst kept, labelled byline with time, furniture words dropped", "standfirst-and-byline-with-time.txt", "",
     "Council approves new cycle lanes", "Sam Okafor", "2025-03-03T10:00:00Z",
     "Four routes into the town centre will get protected lanes.\n\n"
     "Work on the first route, along Station Road, starts in April.",
     nullptr, false},
    // Inline input.
    {"empty input is an empty file", nullptr, "", nullptr, "", "none", "", "empty file", true},
    {"title only gives an article with an empty body", nullptr, "  Just a headline  \n", "Just a headline", "",
     "none", "", nullptr, false},
    {"UTF-8 BOM is not part of the title", nullptr, "\xEF\xBB\xBFHeadline\n\nBody text.", "Headline", "", "none",
     "Body text.", nullptr, false},
    {"leading blank lines before the title", nullptr, "\n\n\xC2\xA0\nHeadline\n\nBody text.", "Headline", "", "none",
     "Body text.", nullptr, false},
    {"wrapped lines of a paragraph are joined", nullptr, "Headline\n\nFirst line of a\nwrapped  paragraph.\n\nSecond.",
     "Headline", "", "none", "First line of a wrapped paragraph.\n\nSecond.", nullptr, false},
    {"repeated headline with straight quotes matches curly title", nullptr,
     "Mayor\xE2\x80\x99s plan\n\nMayor's  plan\n\nBody text.", "Mayor\xE2\x80\x99s plan", "", "none", "Body text.",
     nullptr, false},
    {"byline without a date sets only the author", nullptr, "Headline\nBy Alex Kim\n\nBody text.", "Headline",
     "Alex Kim", "none", "Body text.", nullptr, false},
    {"a body sentence starting with By is not a byline", nullptr,
     "Headline\n\nBy the end of June, the pier will be open.\n\nMore text.", "Headline", "", "none",
     "By the end of June, the pier will be open.\n\nMore text.", nullptr, false},
    {"caption ending in an agency credit is dropped", nullptr,
     "Headline\nFirefighters at the scene (Reuters)\n\nBody text.", "Headline", "", "none", "Body text.", nullptr,
     false},
    {"internal whitespace and NBSP are collapsed", nullptr, "Head\tline\n\nOne\xC2\xA0\xC2\xA0two   three.",
     "Head line", "", "none", "One two three.", nullptr, false},
    {"trailing Share/Advertisement after a sentence are dropped", nullptr,
     "Headline\n\nBody text.\n\nShare this story\n\nAdvertisement\n", "Headline", "", "none", "Body text.",
     nullptr, false},
    {"cp1252 smart quotes are repaired", nullptr, "Headline\n\n\x93Quoted,\x94 she said.", "Headline", "", "none",
     "\xE2\x80\x9CQuoted,\xE2\x80\x9D she said.", kRepaired, false},
};

}  // namespace

TEST_CASE("TextReader reads title - byline - date and body from plain text", "[text]") {
  const newsdex::TextReader reader;
  for (const Case& c : kCases) {
    SECTION(c.name) {
      const std::string path = c.file ? std::string("text/") + c.file : std::string("inline.txt");
      const std::string bytes = c.file ? corpus_file(c.file) : c.input;
      if (c.file) REQUIRE_FALSE(bytes.empty());
      const newsdex::ReadResult r = reader.read(path, bytes);

      if (c.problem == nullptr) {
        CHECK(r.problems.empty());
      } else {
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].message == c.problem);
        CHECK(r.problems[0].failed == c.failed);
        CHECK(r.problems[0].line == 0);
      }

      if (c.title == nullptr) {
        CHECK(r.articles.empty());
        continue;
      }
      REQUIRE(r.articles.size() == 1);
      const newsdex::Article& a = r.articles[0];
      CHECK(a.id == path);
      CHECK(a.path == path);
      CHECK(a.line == 0);
      CHECK(a.title == c.title);
      CHECK(a.author == c.author);
      CHECK(show_date(a.date) == c.date);
      CHECK(a.body == c.body);
      CHECK(a.source.empty());
      CHECK(a.url.empty());
    }
  }
}

TEST_CASE("TextReader ids are the path without a leading ./", "[text]") {
  const newsdex::ReadResult r = newsdex::TextReader().read("./news/a.txt", "Title\n\nBody.");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].id == "news/a.txt");
  CHECK(r.articles[0].path == "./news/a.txt");
}

TEST_CASE("TextReader reads the seed article as specified", "[text]") {
  // The seed ships in corpus/: this test always runs.
  const fs::path seed = fs::path(NEWSDEX_CORPUS) / "seed" / "000_bac239f258cd2375.txt";
  REQUIRE(fs::exists(seed));
  const newsdex::ReadResult r = newsdex::TextReader().read(seed.string(), read_file(seed));
  CHECK(r.problems.empty());
  REQUIRE(r.articles.size() == 1);
  const newsdex::Article& a = r.articles[0];
  CHECK(a.title == "Syria\xE2\x80\x99s al-Sharaa seeks to rebuild ties with Russia in first Kremlin talks");
  CHECK(a.author == "bna Cairo bureau");
  CHECK(show_date(a.date) == "2025-10-15T00:00:00Z");
  const std::string start = "Syrian President Ahmad al-Sharaa met with Russian President Vladimir Putin";
  const std::string end = "who are now in Moscow, Russia.";
  CHECK(a.body.compare(0, start.size(), start) == 0);
  REQUIRE(a.body.size() >= end.size());
  CHECK(a.body.compare(a.body.size() - end.size(), end.size(), end) == 0);
  CHECK(a.body.find("receives Syrian President") == std::string::npos);
  CHECK(a.body.find("Dismiss") == std::string::npos);
  CHECK(a.body.find("\xC2\xA0") == std::string::npos);
  CHECK(a.body.find("Tartus") != std::string::npos);
  CHECK(a.body.find("Hmeimim") != std::string::npos);
}

TEST_CASE("TextReader reads every BBC News file as one article", "[text][shared]") {
  // Run (as unit.shared) only where ../shared is present: see tests/CMakeLists.txt.
  const fs::path bbc = fs::path(NEWSDEX_SHARED_DIR) / "corpus" / "bbc";
  REQUIRE(fs::exists(bbc));
  const newsdex::TextReader reader;
  std::size_t files = 0;
  std::vector<std::string> bad;
  for (const auto& entry : fs::recursive_directory_iterator(bbc)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
    ++files;
    const std::string rel = fs::relative(entry.path(), bbc).generic_string();
    const newsdex::ReadResult r = reader.read(rel, read_file(entry.path()));
    const bool ok = r.articles.size() == 1 && !r.articles[0].title.empty() && !r.articles[0].body.empty() &&
                    r.articles[0].id == rel;
    bool failed = false;
    for (const newsdex::Problem& p : r.problems) failed = failed || p.failed;
    if (!ok || failed) bad.push_back(rel);

    if (rel == "business/001.txt") {
      REQUIRE(r.articles.size() == 1);
      CHECK(r.articles[0].title == "Ad sales boost Time Warner profit");
      CHECK(r.articles[0].body.rfind("Quarterly profits at US media giant TimeWarner", 0) == 0);
    }
    if (rel == "sport/199.txt") {
      REQUIRE(r.problems.size() == 1);
      CHECK(r.problems[0].message == kRepaired);
      CHECK_FALSE(r.problems[0].failed);
      REQUIRE(r.articles.size() == 1);
      CHECK(r.articles[0].body.find("\xC2\xA3" "15.8m") != std::string::npos);
    }
  }
  CHECK(files == 2225);
  INFO("first bad file: " << (bad.empty() ? std::string("-") : bad.front()));
  CHECK(bad.empty());
}
