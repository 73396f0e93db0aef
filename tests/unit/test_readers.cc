// The reading path every format shares: InputFile (stat, non-blocking open,
// fstat, hash), readers fed in chunks, hostile nesting and sizes, the
// common article checks, and numbers read as written.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <xxhash.h>

#include "newsdex/readers.h"

namespace {

namespace fs = std::filesystem;
using newsdex::Article;
using newsdex::ReaderOptions;
using newsdex::ReadResult;

// A scratch directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/newsdex-readers-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string file(const std::string& name, const std::string& bytes) const {
    const std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  std::string path(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

class Collect final : public newsdex::ArticleSink {
 public:
  explicit Collect(std::size_t stop_after = std::size_t(-1)) : stop_after_(stop_after) {}
  bool article(Article a) override {
    result.articles.push_back(std::move(a));
    return result.articles.size() < stop_after_;
  }
  void problem(newsdex::Problem p) override { result.problems.push_back(std::move(p)); }
  ReadResult result;

 private:
  std::size_t stop_after_;
};

// Problems as "LINE error|warning: message" lines.
std::string problems_of(const ReadResult& r) {
  std::string out;
  for (const auto& p : r.problems) out += std::to_string(p.line) + (p.failed ? " error: " : " warning: ") + p.message + "\n";
  return out;
}

std::string ids_of(const ReadResult& r) {
  std::string out;
  for (const Article& a : r.articles) out += (out.empty() ? "" : " ") + a.id;
  return out;
}

// Reads `bytes` as `path` through the reader for its extension, handing
// the reader at most `chunk` bytes at a time.
ReadResult read_chunked(const std::string& path, const std::string& bytes, std::size_t chunk,
                        const ReaderOptions& options = {}) {
  const auto reader = newsdex::reader_for_path(path, options);
  REQUIRE(reader);
  newsdex::MemorySource source(bytes, chunk);
  Collect sink;
  reader->read(path, source, sink);
  return sink.result;
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST_CASE("a FIFO put in a file's place after stat is refused when opened, without blocking", "[input]") {
  TempDir dir;
  const std::string path = dir.file("swapped.txt", "Headline\n\nBody.\n");
  newsdex::InputFile file(path, ReaderOptions{}, 1 << 20);
  std::string error;
  REQUIRE(file.stat(error));
  // The swap: a writer-less FIFO, which a blocking open would wait on forever.
  REQUIRE(::unlink(path.c_str()) == 0);
  REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(file.open(error));
  CHECK(error == "not a regular file");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("a file that cannot be read is one failed problem naming why", "[input]") {
  TempDir dir;
  fs::create_directory(dir.path("dir.txt"));
  REQUIRE(::mkfifo(dir.path("fifo.txt").c_str(), 0600) == 0);
  struct Case {
    const char* name;
    std::string path;
    std::string expected;
  };
  const Case cases[] = {
      {"missing", dir.path("missing.txt"), "0 error: cannot read file: No such file or directory\n"},
      {"a directory", dir.path("dir.txt"), "0 error: not a regular file\n"},
      {"a FIFO", dir.path("fifo.txt"), "0 error: not a regular file\n"},
      {"over --max-file-size", dir.file("big.txt", std::string(3 << 20, 'a')),
       "0 error: file too large (3 MiB, limit 2 MiB; see --max-file-size)\n"},
      {"an unknown extension", dir.file("notes.docx", "notes"),
       "0 error: unsupported file type (newsdex reads .txt, .text, .jsonl, .ndjson, .json, .html, .htm, .xhtml, .rss, "
       ".atom, .nitf, .nml, .newsml, .xml, .warc, .pdf, .zip, .tar, .tgz, each also with .gz, .bz2, .xz or .zst)\n"},
      {"an .xml file that is not news XML", dir.file("catalog.xml", "<?xml version=\"1.0\"?><catalog/>"),
       "0 error: not a news XML document (root element <catalog>): newsdex reads RSS, Atom, NITF, NewsML-G2 and NewsML 1.x\n"},
      {"a file without an extension that is not news XML", dir.file("NOTES", "<catalog/>"),
       "0 error: unsupported file type (newsdex reads .txt, .text, .jsonl, .ndjson, .json, .html, .htm, .xhtml, .rss, "
       ".atom, .nitf, .nml, .newsml, .xml, .warc, .pdf, .zip, .tar, .tgz, each also with .gz, .bz2, .xz or .zst)\n"},
      {"empty", dir.file("empty.txt", ""), "0 error: empty file\n"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      Collect sink;
      newsdex::read_input_file(c.path, ReaderOptions{}, 2 << 20, sink);
      CHECK(sink.result.articles.empty());
      CHECK(problems_of(sink.result) == c.expected);
    }
  }
}

TEST_CASE("the content hash covers the whole file, also when the reader reads only its start", "[input]") {
  TempDir dir;
  std::string text = "Headline\n\n";
  while (text.size() < 200000) text += "A line of body text that goes on. ";
  const std::string path = dir.file("long.txt", text);
  ReaderOptions options;
  options.max_body_bytes = 1000;  // the reader stops after 1000 bytes
  newsdex::InputFile file(path, options, 1 << 20);
  std::string error;
  REQUIRE(file.stat(error));
  REQUIRE(file.open(error));
  CHECK(file.size() == text.size());
  const std::uint64_t whole = XXH3_64bits(text.data(), text.size());
  CHECK(file.hash(error) == whole);
  Collect sink;
  const newsdex::InputFile::Outcome outcome = file.read(sink);
  CHECK(outcome.complete);
  CHECK(outcome.error.empty());
  CHECK(outcome.hash == whole);
  REQUIRE(sink.result.articles.size() == 1);
  CHECK(sink.result.articles[0].body.size() <= 1000);
}

TEST_CASE("a sink that says stop ends the reading, and the outcome is not complete", "[input]") {
  TempDir dir;
  const std::string path = dir.file("feed.jsonl", "{\"id\":\"a\",\"title\":\"A\"}\n{\"id\":\"b\",\"title\":\"B\"}\n");
  newsdex::InputFile file(path, ReaderOptions{}, 1 << 20);
  std::string error;
  REQUIRE(file.open(error));
  Collect sink(1);
  CHECK_FALSE(file.read(sink).complete);
  CHECK(ids_of(sink.result) == "a");
}

TEST_CASE("every reader gives the same result whatever chunks its input comes in", "[readers]") {
  const std::string utf16 = [] {
    const std::string text = "{\"id\":\"u\",\"title\":\"caf\xC3\xA9\",\"body\":\"x\"}\n";
    std::string out = "\xFF\xFE";
    for (char c : text) {
      if (static_cast<unsigned char>(c) == 0xC3) continue;  // \xC3\xA9 -> U+00E9
      out += static_cast<unsigned char>(c) == 0xA9 ? std::string("\xE9\0", 2) : std::string{c, '\0'};
    }
    return out;
  }();
  struct Case {
    const char* name;
    const char* path;
    std::string bytes;
  };
  const Case cases[] = {
      {"JSON Lines with a broken line and a pretty-printed object", "f.jsonl",
       "{\"id\":\"a\",\"title\":\"one\",\"body\":\"x\"}\n{\"id\":\"b\",\"title\":\"two\",\n\n[1,2]\n"
       "{\n  \"id\": \"c\",\n  \"title\": \"[three]\",\n  \"body\": \"with \\\"quotes\\\" and \\\\\"\n}\n"
       "{\"id\":\"d\",\"title\":\"caf\xE9\"}\n"},
      {"a JSON array", "a.json", "[\n {\"title\":\"one\",\"body\":\"x\"},\n {\"title\":\"two\",\"body\":\"y\"}\n]"},
      {"UTF-16 JSON Lines", "u.jsonl", utf16},
      {"text", "t.txt", "Headline here\n\nBy Jane Roe\nOctober 15, 2025\n\nFirst paragraph.\n\nSecond one.\n"},
      {"HTML", "p.html",
       "<html><head><title>Page title</title><meta property='og:site_name' content='Site'></head>"
       "<body><article><p>A paragraph of text, long enough to be the body of the page.</p></article></body></html>"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      const ReadResult whole = read_chunked(c.path, c.bytes, std::size_t(-1));
      REQUIRE_FALSE(whole.articles.empty());
      for (std::size_t chunk : {1, 2, 3, 7, 64}) {
        INFO("chunks of " << chunk);
        const ReadResult r = read_chunked(c.path, c.bytes, chunk);
        CHECK(problems_of(r) == problems_of(whole));
        REQUIRE(r.articles.size() == whole.articles.size());
        for (std::size_t i = 0; i < r.articles.size(); ++i) {
          CHECK(r.articles[i].id == whole.articles[i].id);
          CHECK(r.articles[i].title == whole.articles[i].title);
          CHECK(r.articles[i].body == whole.articles[i].body);
          CHECK(r.articles[i].line == whole.articles[i].line);
        }
      }
    }
  }
}

TEST_CASE("JSON 200,000 levels deep is a failed record, and the records beside it are read", "[readers][json]") {
  const std::string deep = nested(200000);
  SECTION("a JSON Lines body") {
    const ReadResult r = read_chunked("f.jsonl",
                                      "{\"id\":\"a\",\"title\":\"A\"}\n{\"id\":\"deep\",\"title\":\"D\",\"body\":" + deep +
                                          "}\n{\"id\":\"b\",\"title\":\"B\"}\n",
                                      1 << 16);
    CHECK(ids_of(r) == "a b");
    CHECK(problems_of(r) == "2 error: nested too deeply (more than 100 levels of arrays and objects)\n");
  }
  SECTION("an unbalanced line stops at the next line that starts a record") {
    const ReadResult r = read_chunked("f.jsonl", "{\"body\":" + std::string(200000, '[') + "\n{\"id\":\"b\",\"title\":\"B\"}\n", 1 << 16);
    CHECK(ids_of(r) == "b");
    CHECK(problems_of(r) == "1 error: nested too deeply (more than 100 levels of arrays and objects)\n");
  }
  SECTION("a .json file") {
    const ReadResult r = read_chunked("f.json", "{\"id\":\"deep\",\"title\":\"D\",\"body\":" + deep + "}", 1 << 16);
    CHECK(r.articles.empty());
    CHECK(problems_of(r) == "1 error: nested too deeply (more than 100 levels of arrays and objects)\n");
  }
  SECTION("a .json array of arrays") {
    const ReadResult r = read_chunked("f.json", deep, 1 << 16);
    CHECK(r.articles.empty());
    CHECK(problems_of(r) == "1 error: nested too deeply (more than 100 levels of arrays and objects)\n");
  }
  SECTION("100 levels are read") {
    const ReadResult r = read_chunked("f.jsonl", "{\"id\":\"ok\",\"title\":\"T\",\"body\":" + nested(99) + "}\n", 1 << 16);
    CHECK(ids_of(r) == "ok");
    CHECK(problems_of(r).empty());
  }
}

TEST_CASE("an HTML page whose JSON-LD headline is 200,000 arrays deep is read without its JSON-LD", "[readers][html]") {
  const std::string page =
      "<html><head><title>Quokka page</title><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"headline\":" + std::string(200000, '[') + "\"x\"" + std::string(200000, ']') +
      "}</script></head><body><p>A quokka paragraph, long enough to be the body of this page.</p></body></html>";
  const ReadResult r = read_chunked("p.html", page, 1 << 16);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Quokka page");
  CHECK(problems_of(r) ==
        "0 error: JSON-LD nested more than 100 levels deep: not read (the page is indexed from its other metadata)\n");
}

TEST_CASE("a JSON record over the record limit fails without being held, and the next one is read", "[readers][json]") {
  ReaderOptions options;
  options.max_body_bytes = 1000;  // records: 2 * 1000 + 1 MiB
  REQUIRE(options.max_record_bytes() == 2000 + (1 << 20));
  const std::string big = "{\"id\":\"big\",\"title\":\"T\",\"body\":\"" + std::string(3 << 20, 'x') + "\"}\n";
  const ReadResult r = read_chunked("f.jsonl", big + "{\"id\":\"next\",\"title\":\"N\"}\n", 1 << 16, options);
  CHECK(ids_of(r) == "next");
  CHECK(problems_of(r) == "1 error: record too large (3 MiB, limit 1 MiB; see --max-article-size)\n");
}

TEST_CASE("a JSON record with more values than its size allows fails", "[readers][json]") {
  ReaderOptions options;
  options.max_body_bytes = 1000;  // at most (2000 + 1 MiB) / 32 values
  std::string body;
  for (int i = 0; i < 40000; ++i) body += "0,";
  const ReadResult r = read_chunked("f.jsonl", "{\"id\":\"n\",\"title\":\"T\",\"body\":[" + body + "0]}\n", 1 << 16, options);
  CHECK(r.articles.empty());
  CHECK(problems_of(r) == "1 error: not valid JSON: more than 32830 values\n");
}

TEST_CASE("JSON numbers in text fields are read as written, never through a double", "[readers][json]") {
  struct Case {
    const char* written;
  };
  const Case cases[] = {{"18446744073709551616"}, {"1e400"},  {"-0"},     {"1.50"}, {"42"},
                        {"-9223372036854775809"},  {"0.1e-5"}, {"3.0E+2"}, {"123456789012345678901234567890"}};
  for (const Case& c : cases) {
    SECTION(c.written) {
      const ReadResult r = newsdex::JsonReader().read(
          "f.jsonl", std::string("{\"id\":") + c.written + ",\"title\":" + c.written + ",\"body\":[" + c.written + "]}");
      REQUIRE(r.articles.size() == 1);
      CHECK(r.articles[0].id == c.written);
      CHECK(r.articles[0].title == c.written);
      CHECK(r.articles[0].body == c.written);
      CHECK(r.problems.empty());
    }
  }
}

TEST_CASE("a number as a date is its value: epoch seconds or milliseconds, in range", "[readers][json]") {
  const ReadResult r = newsdex::JsonReader().read(
      "f.jsonl",
      "{\"id\":\"s\",\"title\":\"t\",\"date\":1760515200}\n{\"id\":\"ms\",\"title\":\"t\",\"date\":1760515200123}\n"
      "{\"id\":\"f\",\"title\":\"t\",\"date\":1.7605152e9}\n{\"id\":\"big\",\"title\":\"t\",\"date\":1e400}\n");
  REQUIRE(r.articles.size() == 4);
  for (int i = 0; i < 3; ++i) CHECK(newsdex::format_iso8601(*r.articles[static_cast<std::size_t>(i)].date) == "2025-10-15T08:00:00Z");
  CHECK_FALSE(r.articles[3].date);
  CHECK(problems_of(r) == "4 warning: date out of range '1e400', indexed without a date\n");
}

TEST_CASE("a JSON array file: elements are records, and its shape is checked", "[readers][json]") {
  struct Case {
    const char* name;
    const char* input;
    const char* ids;
    const char* problems;
  };
  const Case cases[] = {
      {"two elements", "[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"b\",\"title\":\"B\"}]", "a b", ""},
      {"a broken element fails alone", "[{\"id\":\"a\",\"title\":\"A\"}, {\"id\": }, {\"id\":\"c\",\"title\":\"C\"}]", "a c",
       "2 error: not valid JSON: unexpected '}' at column 8\n"},
      {"an empty array", " [ ] ", "", "0 error: empty JSON array\n"},
      {"an array not closed", "[{\"id\":\"a\",\"title\":\"A\"},\n{\"id\":\"b\",\"title\":\"B\"}", "a b",
       "0 error: the JSON array is not closed (is the file cut short?)\n"},
      {"text after the array", "[{\"id\":\"a\",\"title\":\"A\"}] {\"id\":\"b\"}", "a", "0 error: text after the end of the JSON array\n"},
      {"a trailing comma", "[{\"id\":\"a\",\"title\":\"A\"},]", "a", "2 error: not valid JSON: unexpected end of input at column 1\n"},
      {"elements that are not objects", "[1, \"s\", null]", "",
       "1 error: expected a JSON object, found number\n2 error: expected a JSON object, found string\n"
       "3 error: expected a JSON object, found null\n"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      const ReadResult r = read_chunked("a.json", c.input, 3);
      CHECK(ids_of(r) == c.ids);
      CHECK(problems_of(r) == c.problems);
    }
  }
}

TEST_CASE("invalid UTF-8 in JSON records is repaired and reported once", "[readers][json]") {
  const ReadResult r = newsdex::JsonReader().read(
      "f.jsonl", "{\"id\":\"a\",\"title\":\"ok\"}\n{\"id\":\"b\",\"title\":\"caf\xE9\"}\n{\"id\":\"c\",\"title\":\"\xE9t\xE9\"}\n");
  REQUIRE(r.articles.size() == 3);
  CHECK(r.articles[1].title == "caf\xC3\xA9");
  CHECK(r.articles[2].title == "\xC3\xA9t\xC3\xA9");
  CHECK(problems_of(r) == "2 warning: invalid UTF-8 repaired (decoded as Windows-1252/Latin-1)\n");
}

TEST_CASE("a text file over the article limit is read only up to it, never splitting a character", "[readers][text]") {
  ReaderOptions options;
  options.max_body_bytes = 1001;  // the 1001st byte is inside a euro sign
  std::string text = "Headline\n\n";
  while (text.size() < 5000) text += "\xE2\x82\xAC cost ";
  const ReadResult r = read_chunked("t.txt", text, 100, options);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].body.size() <= 1001);
  CHECK(problems_of(r) == "0 warning: text cut: only its first 1001 bytes of 4 KiB read; the rest is not indexed "
                          "(see --max-article-size)\n");
}

TEST_CASE("an HTML page is parsed up to its tag budget, with a warning", "[readers][html]") {
  ReaderOptions options;
  options.max_body_bytes = 1 << 20;  // a budget of 16384 tags
  REQUIRE(options.max_page_tags() == 16384);
  std::string page = "<html><head><title>Many paragraphs</title></head><body>";
  for (int i = 0; i < 10000; ++i) page += "<p>Paragraph number " + std::to_string(i) + ", with some words.</p>";
  const ReadResult r = read_chunked("p.html", page + "</body></html>", 1 << 16, options);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].body.find("Paragraph number 0,") != std::string::npos);
  CHECK(r.articles[0].body.find("Paragraph number 9999,") == std::string::npos);
  CHECK_THAT(problems_of(r), Catch::StartsWith("0 warning: page cut: only its first 16384 tags ("));
}

TEST_CASE("every reader refuses an article with neither title nor body", "[readers]") {
  struct Case {
    const char* name;
    const char* path;
    const char* input;
    const char* problems;
  };
  const Case cases[] = {
      {"a JSON record with only an id", "f.jsonl", "{\"id\":\"only-id\"}", "1 error: no title or body\n"},
      {"a JSON record with blank fields", "f.jsonl", "{\"id\":\"x\",\"title\":\"  \",\"body\":\"\\n\"}", "1 error: no title or body\n"},
      {"a blank text file", "t.txt", " \n\t\n", "0 error: empty file\n"},
      {"an HTML page without text", "p.html", "<html><body><div></div></body></html>", "0 error: no article text found\n"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      const ReadResult r = read_chunked(c.path, c.input, 1 << 16);
      CHECK(r.articles.empty());
      CHECK(problems_of(r) == c.problems);
    }
  }
}
