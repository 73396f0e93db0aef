// The index and the query see the same words: every run of 1-3
// consecutive words of an article's title or body, searched as a phrase
// exactly as a user would type it, finds that article. Articles come from
// the real readers (the bundled corpus/ and tests/corpora/, and, when
// ../shared has its corpora, a fixed sample of Reuters-21578 and BBC
// articles) and are indexed through the real make_document.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "newsdex/document.h"
#include "newsdex/query.h"
#include "newsdex/search.h"
#include "newsdex/readers.h"

namespace fs = std::filesystem;

namespace {

// About how many articles are sampled from each ../shared corpus (the
// sample takes every n-th): 400 takes about 4 s in Release on 2 cores;
// AddressSanitizer makes the test about four times slower, so fewer there.
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kSharedSample = 150;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr std::size_t kSharedSample = 150;
#else
constexpr std::size_t kSharedSample = 400;
#endif
#else
constexpr std::size_t kSharedSample = 400;
#endif

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void read_into(std::vector<newsdex::Article>& out, const std::string& path, const std::string& bytes) {
  auto reader = newsdex::reader_for_path(path, newsdex::ReaderOptions{});
  if (!reader) return;
  for (newsdex::Article& a : reader->read(path, bytes).articles) out.push_back(std::move(a));
}

// Every file newsdex reads under `dir`, sorted (README files aside, as
// the indexer skips them).
std::vector<fs::path> readable_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && newsdex::has_reader_for(name) && name.rfind("README", 0) != 0) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<newsdex::Article> load_articles() {
  std::vector<newsdex::Article> articles;
  for (const char* dir : {NEWSDEX_CORPUS, NEWSDEX_TEST_CORPORA}) {
    for (const fs::path& f : readable_files(dir)) read_into(articles, f.string(), read_bytes(f));
  }
  const fs::path shared = fs::path(NEWSDEX_SHARED_DIR) / "corpus";
  if (fs::is_directory(shared)) {
    // Every n-th line of Reuters, read as one JSON Lines file.
    const fs::path reuters = shared / "reuters21578.jsonl";
    if (fs::is_regular_file(reuters)) {
      std::ifstream in(reuters, std::ios::binary);
      std::vector<std::string> lines;
      for (std::string line; std::getline(in, line);) lines.push_back(line);
      const std::size_t step = std::max<std::size_t>(1, lines.size() / kSharedSample);
      std::string sample;
      for (std::size_t i = step / 2; i < lines.size(); i += step) sample += lines[i] + "\n";
      read_into(articles, reuters.string(), sample);
    }
    // Every n-th BBC file.
    if (fs::is_directory(shared / "bbc")) {
      const std::vector<fs::path> files = readable_files(shared / "bbc");
      const std::size_t step = std::max<std::size_t>(1, files.size() / kSharedSample);
      for (std::size_t i = step / 2; i < files.size(); i += step) read_into(articles, files[i].string(), read_bytes(files[i]));
    }
  }
  return articles;
}

// Splits at ASCII whitespace, as a user copying words from the text would.
std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

// True when `text` has a word that is not a stopword in one of
// `languages` (the query's; analyzer.h).
bool has_searchable_word(const std::string& text, const std::vector<std::string>& languages) {
  newsdex::Tokenizer tok(text);
  while (tok.next()) {
    for (const std::string& language : languages) {
      if (!newsdex::analyzer_for(language).is_stopword(tok.word())) return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("every phrase of 1 to 3 words of an article, searched as typed, finds that article", "[query][property]") {
  const auto start = std::chrono::steady_clock::now();
  std::vector<newsdex::Article> articles = load_articles();
  // A repeated id replaces the earlier article, in the index as here
  // (tests/corpora/hostile/duplicate-ids.jsonl).
  std::vector<newsdex::Article> last;
  for (auto it = articles.rbegin(); it != articles.rend(); ++it) {
    if (std::none_of(last.begin(), last.end(), [&](const newsdex::Article& b) { return b.id == it->id; })) {
      last.push_back(std::move(*it));
    }
  }
  articles = std::move(last);
  REQUIRE(articles.size() >= 10);

  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const newsdex::Article& a : articles) db.replace_document(newsdex::id_term(a.id), newsdex::make_document(a));
  db.commit();

  // A user's query, with the size limits lifted: a run of three very long
  // words can pass them, which is not what this test is about.
  newsdex::QueryOptions options;
  options.max_query_bytes = 0;
  options.max_query_terms = 0;
  // Analysed for the archive's languages, as newsdex-search does: each
  // article was indexed in its own.
  options.languages = newsdex::archive_languages(db);

  std::size_t searched = 0, stop_only = 0, with_quote = 0, misses = 0;
  std::string first_misses;
  for (const newsdex::Article& a : articles) {
    const Xapian::Query only_this(newsdex::id_term(a.id));
    for (const std::string* text : {&a.title, &a.body}) {
      const std::vector<std::string> words = split_words(*text);
      for (std::size_t i = 0; i < words.size(); ++i) {
        std::string run;
        for (std::size_t n = 0; n < 3 && i + n < words.size(); ++n) {
          run += (n ? " " : "") + words[i + n];
          // A '"' inside would end the phrase: a user cannot type such a
          // run as one phrase, so it is not a phrase query at all.
          if (run.find('"') != std::string::npos) {
            ++with_quote;
            continue;
          }
          const newsdex::ParsedQuery parsed = newsdex::parse_query("\"" + run + "\"", options);
          if (!has_searchable_word(run, {a.language})) {
            // Only stopwords of the article's language or punctuation:
            // does not find it by design; when they are stopwords in
            // every language of the archive, the query has no terms at all.
            ++stop_only;
            if (!has_searchable_word(run, options.languages) && !parsed.query.empty()) {
              ++misses;
              if (misses <= 20) first_misses += a.id + ": \"" + run + "\" has no searchable word but parsed to " + parsed.query.get_description() + "\n";
            }
            continue;
          }
          ++searched;
          Xapian::Enquire enquire(db);
          enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, parsed.query, only_this));
          if (enquire.get_mset(0, 1).empty()) {
            ++misses;
            if (misses <= 20) {
              first_misses += a.id + " (" + a.language + "): \"" + run + "\" -> " + parsed.query.get_description() + "\n";
            }
          }
        }
      }
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(articles.size() << " articles, " << searched << " phrases searched, " << stop_only
                       << " of stopwords only, " << with_quote << " with a '\"' skipped, in " << seconds << " s");
  INFO("first misses (article: phrase -> query):\n" << first_misses);
  CHECK(misses == 0);
  // The bundled corpus alone gives several thousand phrases: the test
  // cannot pass by skipping.
  CHECK(searched > 5000);
  CHECK(stop_only < searched / 2);
}
