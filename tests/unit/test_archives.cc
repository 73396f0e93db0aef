// Compressed inputs (DecompressingSource, CompressedReader), zip and tar
// bundles (BundleReader) and WARC web archives (WarcReader). Compressed
// data and bundles are made here with libarchive's writer, each filter
// and format a standard implementation.
#include <catch2/catch.hpp>

#include <archive.h>
#include <archive_entry.h>

#include <string>
#include <utility>
#include <vector>

#include "newsdex/readers.h"
#include "readers/archive.h"

using newsdex::Article;
using newsdex::ArticleSink;
using newsdex::BundleReader;
using newsdex::CompressedReader;
using newsdex::DecompressingSource;
using newsdex::JsonReader;
using newsdex::MemorySource;
using newsdex::Problem;
using newsdex::Reader;
using newsdex::ReaderOptions;
using newsdex::ReadError;
using newsdex::ReadResult;
using newsdex::WarcReader;

namespace {

// `data` through libarchive's writer: `filter` (ARCHIVE_FILTER_GZIP...)
// around the raw bytes, or members in `format` (ARCHIVE_FORMAT_ZIP...).
std::string write_archive(int filter, int format, const std::vector<std::pair<std::string, std::string>>& members) {
  archive* a = archive_write_new();
  REQUIRE(archive_write_add_filter(a, filter) == ARCHIVE_OK);
  REQUIRE(archive_write_set_format(a, format) == ARCHIVE_OK);
  archive_write_set_bytes_in_last_block(a, 1);
  std::vector<char> buf(std::size_t{64} << 20);
  std::size_t used = 0;
  REQUIRE(archive_write_open_memory(a, buf.data(), buf.size(), &used) == ARCHIVE_OK);
  for (const auto& [name, bytes] : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
    REQUIRE(archive_write_header(a, e) == ARCHIVE_OK);
    REQUIRE(archive_write_data(a, bytes.data(), bytes.size()) == static_cast<la_ssize_t>(bytes.size()));
    archive_entry_free(e);
  }
  REQUIRE(archive_write_close(a) == ARCHIVE_OK);
  archive_write_free(a);
  return std::string(buf.data(), used);
}

std::string compress(int filter, const std::string& data) {
  return write_archive(filter, ARCHIVE_FORMAT_RAW, {{"data", data}});
}

// Everything `source` gives, read `step` bytes at a time.
std::string drain(newsdex::ByteSource& source, std::size_t step) {
  std::string out;
  std::vector<char> buf(step);
  for (std::size_t n; (n = source.read(buf.data(), step)) != 0;) out.append(buf.data(), n);
  return out;
}

struct Collect final : ArticleSink {
  ReadResult r;
  bool article(Article a) override {
    r.articles.push_back(std::move(a));
    return true;
  }
  void problem(Problem p) override { r.problems.push_back(std::move(p)); }
};

// Reads `bytes` in chunks of `chunk` bytes; a ReadError's text in `error`.
ReadResult read_chunked(const Reader& reader, const std::string& path, const std::string& bytes, std::size_t chunk,
                        std::string* error = nullptr) {
  Collect sink;
  MemorySource src(bytes, chunk);
  try {
    reader.read(path, src, sink);
  } catch (const ReadError& e) {
    if (error == nullptr) throw;
    *error = e.what();
  }
  return sink.r;
}

std::string jsonl(int records) {
  std::string out;
  for (int i = 0; i < records; ++i)
    out += "{\"id\":\"r" + std::to_string(i) + "\",\"title\":\"Record " + std::to_string(i) +
           "\",\"body\":\"The harbour wall was rebuilt in stage " + std::to_string(i) + ".\"}\n";
  return out;
}

struct FilterRow {
  const char* name;
  int filter;
};
const FilterRow kFilters[] = {
    {"gzip", ARCHIVE_FILTER_GZIP},
    {"bzip2", ARCHIVE_FILTER_BZIP2},
    {"xz", ARCHIVE_FILTER_XZ},
    {"zstd", ARCHIVE_FILTER_ZSTD},
};

}  // namespace

TEST_CASE("DecompressingSource gives the original bytes for each compression and chunking", "[archives]") {
  std::string data = jsonl(2000);  // about 170 KiB: several output blocks
  for (const FilterRow& f : kFilters) {
    const std::string packed = compress(f.filter, data);
    REQUIRE(newsdex::is_compressed(packed));
    for (std::size_t in_chunk : {std::size_t{1}, std::size_t{7}, std::size_t{1} << 20}) {
      for (std::size_t step : {std::size_t{1}, std::size_t{4093}, std::size_t{1} << 17}) {
        if (in_chunk == 1 && step == 1 && data.size() > 100000) continue;  // slow and adds nothing
        INFO(f.name << " in " << in_chunk << " out " << step);
        MemorySource in(packed, in_chunk);
        DecompressingSource source(in, 0);
        CHECK(drain(source, step) == data);
        CHECK(source.error().empty());
        CHECK(source.delivered() == data.size());
      }
    }
  }
}

TEST_CASE("DecompressingSource reads every member of a multi-member gzip file", "[archives]") {
  const std::string a = "first member\n", b = "second member\n";
  const std::string packed = compress(ARCHIVE_FILTER_GZIP, a) + compress(ARCHIVE_FILTER_GZIP, b);
  MemorySource in(packed, 5);
  DecompressingSource source(in, 0);
  CHECK(drain(source, 3) == a + b);
  CHECK(source.error().empty());
}

TEST_CASE("DecompressingSource stops a decompression bomb at the limit", "[archives]") {
  const std::string zeros(std::size_t{16} << 20, '\0');
  for (const FilterRow& f : kFilters) {
    INFO(f.name);
    const std::string packed = compress(f.filter, zeros);
    REQUIRE(packed.size() * 50 < (std::size_t{1} << 20));  // the ratio does not raise the limit
    MemorySource in(packed);
    DecompressingSource source(in, std::uint64_t{1} << 20);
    const std::string out = drain(source, 65536);
    CHECK(out.size() <= (std::size_t{1} << 20));
    CHECK(source.error() == "decompresses to more than 1 MiB (a decompression bomb? see --max-file-size)");
  }
  // Fifty times the compressed size is allowed whatever the option says.
  const std::string text = jsonl(3000);
  const std::string packed = compress(ARCHIVE_FILTER_GZIP, text);
  REQUIRE(text.size() < packed.size() * 50);
  MemorySource in(packed);
  DecompressingSource source(in, 1024);
  CHECK(drain(source, 65536) == text);
  CHECK(source.error().empty());
}

TEST_CASE("DecompressingSource ends at a cut or corrupt stream and says why", "[archives]") {
  const std::string data = jsonl(2000);
  const std::string packed = compress(ARCHIVE_FILTER_GZIP, data);
  // gzip (zlib) gives every byte before the cut.
  for (std::size_t cut : {packed.size() / 2, packed.size() - 4, std::size_t{12}}) {
    INFO("cut at " << cut);
    MemorySource in(std::string_view(packed).substr(0, cut), 7);
    DecompressingSource source(in, 0);
    const std::string out = drain(source, 1000);
    CHECK(data.compare(0, out.size(), out) == 0);
    CHECK(out.size() <= data.size());
    if (cut > 1000) CHECK(out.size() > data.size() / 4);
    CHECK(source.error().find("compressed data corrupt or cut short after ") == 0);
    CHECK(source.error().find("truncated gzip input") != std::string::npos);
  }
  for (const FilterRow& f : kFilters) {
    INFO(f.name);
    std::string bad = compress(f.filter, data);
    bad.resize(bad.size() / 2);
    MemorySource in(bad);
    DecompressingSource source(in, 0);
    const std::string out = drain(source, 4096);
    CHECK(data.compare(0, out.size(), out) == 0);
    CHECK_FALSE(source.error().empty());
  }
  std::string flipped = packed;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x55);
  MemorySource in(flipped);
  DecompressingSource source(in, 0);
  drain(source, 4096);
  CHECK(source.error().find("compressed data corrupt or cut short") == 0);
  // Bytes that are not compressed at all.
  MemorySource plain(data);
  DecompressingSource not_packed(plain, 0);
  CHECK(drain(not_packed, 100).empty());
  CHECK(not_packed.error() == "not compressed data (newsdex reads gzip, bzip2, xz and zstd)");
}

TEST_CASE("a compressed JSON Lines file reads like the plain one, in any chunking", "[archives]") {
  const std::string data = jsonl(50);
  const ReadResult plain = JsonReader().read("w.jsonl", data);
  REQUIRE(plain.articles.size() == 50);
  for (const FilterRow& f : kFilters) {
    const std::string name = std::string("w.jsonl.") + (f.filter == ARCHIVE_FILTER_GZIP    ? "gz"
                                                        : f.filter == ARCHIVE_FILTER_BZIP2 ? "bz2"
                                                        : f.filter == ARCHIVE_FILTER_XZ    ? "xz"
                                                                                           : "zst");
    const auto reader = newsdex::reader_for_path(name, ReaderOptions{});
    REQUIRE(reader);
    CHECK(newsdex::has_reader_for(name));
    for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{1} << 20}) {
      INFO(name << " chunk " << chunk);
      const ReadResult r = read_chunked(*reader, name, compress(f.filter, data), chunk);
      REQUIRE(r.articles.size() == plain.articles.size());
      for (std::size_t i = 0; i < r.articles.size(); ++i) {
        CHECK(r.articles[i].id == plain.articles[i].id);
        CHECK(r.articles[i].body == plain.articles[i].body);
        CHECK(r.articles[i].line == plain.articles[i].line);
      }
      CHECK(r.problems.empty());
    }
  }
}

TEST_CASE("a cut .jsonl.gz keeps every record before the cut and fails once, naming the line", "[archives]") {
  const std::string data = jsonl(400);
  const std::string packed = compress(ARCHIVE_FILTER_GZIP, data);
  const auto reader = newsdex::reader_for_path("w.jsonl.gz", ReaderOptions{});
  std::string error;
  const ReadResult r = read_chunked(*reader, "w.jsonl.gz", packed.substr(0, packed.size() / 2), 4096, &error);
  REQUIRE(!r.articles.empty());
  CHECK(r.articles.size() < 400);
  for (std::size_t i = 0; i < r.articles.size(); ++i) CHECK(r.articles[i].id == "r" + std::to_string(i));
  CHECK(r.problems.empty());  // the record the cut went through is the one error
  CHECK(error == "cut short at line " + std::to_string(r.articles.size() + 1) +
                     ": compressed data corrupt or cut short after " +
                     error.substr(error.find("after ") + 6, error.find(" of content") - error.find("after ") - 6) +
                     " of content: truncated gzip input");
}

TEST_CASE("a decompression bomb fails its file once, as a bomb", "[archives]") {
  ReaderOptions options;
  options.max_expanded_bytes = std::uint64_t{1} << 20;
  const std::string packed = compress(ARCHIVE_FILTER_GZIP, jsonl(10) + std::string(std::size_t{32} << 20, ' '));
  const auto reader = newsdex::reader_for_path("w.jsonl.gz", options);
  std::string error;
  const ReadResult r = read_chunked(*reader, "w.jsonl.gz", packed, 65536, &error);
  CHECK(r.articles.size() == 10);
  CHECK(error == "decompresses to more than 1 MiB (a decompression bomb? see --max-file-size)");
}

TEST_CASE("file names and first bytes choose the reader through a compression", "[archives]") {
  struct NameRow {
    const char* path;
    bool by_name;     // has_reader_for
    bool reader;      // reader_for_path gives one
  };
  const NameRow rows[] = {
      {"a.jsonl.gz", true, true},  {"a.HTML.GZ", true, true},  {"a.txt.bz2", true, true},
      {"a.rss.xz", true, true},    {"a.json.zst", true, true}, {"a.warc.gz", true, true},
      {"a.warc", true, true},      {"b.zip", true, true},      {"b.tar", true, true},
      {"b.tar.gz", true, true},    {"b.tgz", true, true},      {"a.csv.gz", false, false},
      {"a.gz", false, false},      {"dir.gz/a", false, false}, {"a.xml.gz", false, true},
  };
  for (const NameRow& row : rows) {
    INFO(row.path);
    CHECK(newsdex::has_reader_for(row.path) == row.by_name);
    CHECK((newsdex::reader_for_path(row.path, ReaderOptions{}) != nullptr) == row.reader);
  }
  const std::string rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>";
  struct ContentRow {
    const char* name;
    std::string head;
    bool reader;
  };
  const ContentRow contents[] = {
      {"gzip of RSS", compress(ARCHIVE_FILTER_GZIP, rss), true},
      {"zstd of RSS", compress(ARCHIVE_FILTER_ZSTD, rss), true},
      {"gzip of CSV", compress(ARCHIVE_FILTER_GZIP, "a,b\n1,2\n"), false},
      {"gzip of gzip", compress(ARCHIVE_FILTER_GZIP, compress(ARCHIVE_FILTER_GZIP, rss)), false},
      {"WARC", "WARC/1.1\r\nWARC-Type: warcinfo\r\n", true},
      {"zip", write_archive(ARCHIVE_FILTER_NONE, ARCHIVE_FORMAT_ZIP, {{"a.txt", "x"}}), true},
      {"tar", write_archive(ARCHIVE_FILTER_NONE, ARCHIVE_FORMAT_TAR_USTAR, {{"a.txt", "x"}}), true},
      {"text", "Just a line of text\n", false},
  };
  for (const ContentRow& row : contents) {
    INFO(row.name);
    CHECK((newsdex::reader_for_content(row.head, ReaderOptions{}) != nullptr) == row.reader);
  }
}

namespace {

const std::string kPage =
    "<html lang=\"en\"><head><title>Harbour wall reopens</title>"
    "<meta name=\"author\" content=\"Eilidh Marr\"><meta property=\"article:published_time\" "
    "content=\"2025-04-12T09:00:00Z\"></head><body><article><h1>Harbour wall reopens</h1>"
    "<p>Fishing boats returned to Kelsby on Saturday as the rebuilt harbour wall was opened by the council.</p>"
    "<p>The work took two years and cost four million pounds, paid for by the harbour trust.</p>"
    "</article></body></html>";
const std::string kUndatedPage =
    "<html><head><title>Ferry timetable cut</title></head><body><article><h1>Ferry timetable cut</h1>"
    "<p>Islanders protested on Monday against the loss of the evening ferry crossing to the mainland.</p>"
    "<p>The operator said the winter timetable would be reviewed in the spring after the protest.</p>"
    "</article></body></html>";

// A WARC 1.1 record (ISO 28500:2017 section 4: version line, named fields,
// an empty line, Content-Length bytes of block, CR LF CR LF).
std::string record(const std::string& type, const std::string& uri, const std::string& content_type,
                   const std::string& block, const std::string& date = "2026-01-02T03:04:05Z",
                   long length_change = 0) {
  std::string r = "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:" + std::to_string(block.size()) +
                  ">\r\nWARC-Date: " + date + "\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "Content-Type: " + content_type + "\r\nContent-Length: " +
       std::to_string(static_cast<long>(block.size()) + length_change) + "\r\n\r\n" + block + "\r\n\r\n";
  return r;
}

std::string http(const std::string& status, const std::string& type, const std::string& body,
                 const std::string& extra = "") {
  return "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\n" + extra + "Content-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

const char* kHttp = "application/http; msgtype=response";

}  // namespace

TEST_CASE("WarcReader reads each HTML response record as an article and counts the rest", "[archives]") {
  const std::string warc =
      record("warcinfo", "", "application/warc-fields", "software: test\r\n") +
      record("request", "https://news.example/a", "application/http; msgtype=request", "GET /a HTTP/1.1\r\n\r\n") +
      record("response", "https://news.example/a", kHttp, http("200 OK", "text/html; charset=utf-8", kPage)) +
      record("metadata", "https://news.example/a", "application/warc-fields", "outlink: x\r\n") +
      record("response", "<https://news.example/b>", kHttp, http("200 OK", "text/html", kUndatedPage)) +
      record("response", "https://news.example/c.css", kHttp, http("200 OK", "text/css", "p{}")) +
      record("response", "https://news.example/gone", kHttp, http("404 Not Found", "text/html", kPage)) +
      record("revisit", "https://news.example/a", kHttp, http("200 OK", "text/html", "")) +
      record("response", "https://news.example/z", kHttp,
             http("200 OK", "text/html", compress(ARCHIVE_FILTER_GZIP, kPage), "Content-Encoding: gzip\r\n"));
  WarcReader reader;
  ReadResult whole = reader.read("crawl.warc", warc);
  for (std::size_t chunk : {std::size_t{1}, std::size_t{7}}) {
    const ReadResult r = read_chunked(reader, "crawl.warc", warc, chunk);
    REQUIRE(r.articles.size() == whole.articles.size());
    for (std::size_t i = 0; i < r.articles.size(); ++i) CHECK(r.articles[i].body == whole.articles[i].body);
  }
  REQUIRE(whole.articles.size() == 3);
  const Article& a = whole.articles[0];
  CHECK(a.id == "https://news.example/a");
  CHECK(a.url == "https://news.example/a");
  CHECK(a.path == "crawl.warc");
  CHECK(a.title == "Harbour wall reopens");
  CHECK(a.author == "Eilidh Marr");
  CHECK(newsdex::format_iso8601(*a.date) == "2025-04-12T09:00:00Z");  // the page's own date
  CHECK(a.body.find("rebuilt harbour wall") != std::string::npos);
  CHECK(a.line == 23);  // the line of its WARC/1.1
  const Article& b = whole.articles[1];
  CHECK(b.id == "https://news.example/b");  // without wget's angle brackets
  CHECK(newsdex::format_iso8601(*b.date) == "2026-01-02T03:04:05Z");  // WARC-Date
  CHECK(whole.articles[2].id == "https://news.example/z");  // Content-Encoding gzip
  CHECK(whole.articles[2].body == a.body);
  REQUIRE(whole.problems.size() == 1);
  CHECK_FALSE(whole.problems[0].failed);
  CHECK(whole.problems[0].message ==
        "skipped 6 of 9 WARC records: 1 metadata, 1 request, 1 response (HTTP status not 2xx), "
        "1 response (not HTML), 1 revisit, 1 warcinfo");
}

TEST_CASE("a corrupt WARC fails once at the bad record and keeps the records before it", "[archives]") {
  const std::string good = record("response", "https://news.example/a", kHttp, http("200 OK", "text/html", kPage));
  const std::string next = record("response", "https://news.example/b", kHttp, http("200 OK", "text/html", kUndatedPage));
  struct Row {
    const char* name;
    std::string input;
    const char* message;
  };
  std::string bad_length = next;
  bad_length.replace(bad_length.find("Content-Length: ") + 16, 3, "x12");
  const Row rows[] = {
      {"Content-Length too short", good + record("response", "https://news.example/b", kHttp,
                                                  http("200 OK", "text/html", kUndatedPage), "2026-01-02T03:04:05Z", -40) + good,
       "WARC record's Content-Length ("},
      {"Content-Length too long", good + record("response", "https://news.example/b", kHttp,
                                                 http("200 OK", "text/html", kUndatedPage), "2026-01-02T03:04:05Z", 5000),
       "WARC record cut short (Content-Length "},
      {"Content-Length not a number", good + bad_length + good,
       "WARC record without a valid Content-Length; the rest of the file is not read"},
      {"cut in a record", good + next.substr(0, next.size() / 2), "WARC record cut short (Content-Length "},
      {"junk between records", good + "garbage\r\n" + next,
       "not a WARC record header (the previous record's Content-Length is wrong?); the rest of the file is not read"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const ReadResult r = WarcReader().read("crawl.warc", row.input);
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].id == "https://news.example/a");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].failed);
    CHECK(r.problems[0].line > 1);
    CHECK(r.problems[0].message.rfind(row.message, 0) == 0);
  }
  const ReadResult not_warc = WarcReader().read("x.warc", "hello\r\n");
  REQUIRE(not_warc.problems.size() == 1);
  CHECK(not_warc.problems[0].message == "not a WARC file (no WARC/1.0 or WARC/1.1 line)");
}

TEST_CASE("BundleReader reads each member as an input named bundle!/member", "[archives]") {
  const std::vector<std::pair<std::string, std::string>> members = {
      {"2019/a.html", kPage}, {"./feeds/w.jsonl", jsonl(3)}, {"img/photo.png", "\x89PNG\r\n"},
      {"2019/.hidden.html", kPage}, {"old/b.html.gz", compress(ARCHIVE_FILTER_GZIP, kUndatedPage)}};
  struct Row {
    const char* name;
    int filter;
    int format;
  };
  const Row rows[] = {{"b.zip", ARCHIVE_FILTER_NONE, ARCHIVE_FORMAT_ZIP},
                      {"b.tar", ARCHIVE_FILTER_NONE, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED},
                      {"b.tar.gz", ARCHIVE_FILTER_GZIP, ARCHIVE_FORMAT_TAR_USTAR},
                      {"b.tgz", ARCHIVE_FILTER_GZIP, ARCHIVE_FORMAT_TAR_GNUTAR},
                      {"b.tar.zst", ARCHIVE_FILTER_ZSTD, ARCHIVE_FORMAT_TAR_USTAR}};
  for (const Row& row : rows) {
    INFO(row.name);
    const std::string bytes = write_archive(row.filter, row.format, members);
    const auto reader = newsdex::reader_for_path(row.name, ReaderOptions{});
    REQUIRE(reader);
    for (std::size_t chunk : {std::size_t{7}, std::size_t{1} << 20}) {
      const ReadResult r = read_chunked(*reader, row.name, bytes, chunk);
      REQUIRE(r.articles.size() == 5);
      CHECK(r.articles[0].id == std::string(row.name) + "!/2019/a.html");
      CHECK(r.articles[0].path == std::string(row.name) + "!/2019/a.html");
      CHECK(r.articles[0].file == row.name);
      CHECK(r.articles[0].title == "Harbour wall reopens");
      CHECK(r.articles[1].path == std::string(row.name) + "!/feeds/w.jsonl");
      CHECK(r.articles[1].id == "r0");
      CHECK(r.articles[3].line == 3);
      CHECK(r.articles[4].id == std::string(row.name) + "!/old/b.html.gz");
      CHECK(r.articles[4].title == "Ferry timetable cut");
      REQUIRE(r.problems.size() == 1);
      CHECK(r.problems[0].message == "skipped 1 of 5 members newsdex has no reader for (such as img/photo.png)");
    }
  }
  // A cut bundle keeps the members before the cut.
  const std::string zip = write_archive(ARCHIVE_FILTER_NONE, ARCHIVE_FORMAT_ZIP,
                                        {{"a.html", kPage}, {"b.html", kUndatedPage}, {"c.jsonl", jsonl(2000)}});
  std::string error;
  const ReadResult cut = read_chunked(BundleReader(), "b.zip", zip.substr(0, zip.size() * 2 / 3), 4096, &error);
  CHECK(cut.articles.size() >= 2);
  CHECK(cut.articles.size() < 2002);
  CHECK(cut.articles[0].title == "Harbour wall reopens");
  INFO(error);
  CHECK(error.rfind("bundle member c.jsonl: corrupt or cut short: ", 0) == 0);
  // A member's problem names the member.
  const std::string with_bad = write_archive(ARCHIVE_FILTER_NONE, ARCHIVE_FORMAT_ZIP,
                                             {{"x/w.jsonl", "{\"title\":\"ok\",\"body\":\"fine\"}\n{bad\n"}});
  const ReadResult bad = BundleReader().read("b.zip", with_bad);
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].line == 0);
  CHECK(bad.problems[0].failed);
  CHECK(bad.problems[0].message.rfind("x/w.jsonl:2: ", 0) == 0);
}
