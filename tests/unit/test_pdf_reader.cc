// PdfReader: born-digital PDFs through poppler (tests/corpora/pdf), and the
// problems of PDFs it cannot read (scanned, encrypted, cut short, corrupt).
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "newsdex/readers.h"

using newsdex::Article;
using newsdex::MemorySource;
using newsdex::PdfReader;
using newsdex::Problem;
using newsdex::ReadResult;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(NEWSDEX_TEST_CORPORA) + "/pdf/" + name, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string iso(const Article& a) { return a.date ? newsdex::format_iso8601(*a.date) : ""; }

// Reads `bytes` whole and in chunks of 7 bytes: both give the same.
ReadResult read_both_ways(const PdfReader& reader, const std::string& path, const std::string& bytes) {
  ReadResult whole = reader.read(path, bytes);
  struct Sink final : newsdex::ArticleSink {
    ReadResult r;
    bool article(Article a) override {
      r.articles.push_back(std::move(a));
      return true;
    }
    void problem(Problem p) override { r.problems.push_back(std::move(p)); }
  } sink;
  MemorySource source(bytes, 7);
  reader.read(path, source, sink);
  REQUIRE(sink.r.articles.size() == whole.articles.size());
  REQUIRE(sink.r.problems.size() == whole.problems.size());
  for (std::size_t i = 0; i < whole.articles.size(); ++i) CHECK(sink.r.articles[i].body == whole.articles[i].body);
  return whole;
}

}  // namespace

TEST_CASE("PdfReader reads a born-digital PDF's text, title, date, author and language", "[pdf]") {
  struct Row {
    const char* name;
    const char* file;
    const char* title;
    const char* date;
    const char* author;
    const char* language;
    const char* body_start;  // the body's first paragraph starts so
    const char* body_end;    // its last paragraph ends so
  };
  const Row rows[] = {
      {"metadata: Title, Author, CreationDate with a zone (not ModDate); two columns read one after the other, "
       "then page 2",
       "harbour-dredging.pdf", "Harbour dredging to begin after winter storms", "2025-09-08T07:30:00Z",
       "Morwenna Pascoe", "en", "By Morwenna Pascoe, Harbour Gazette", "once the dredging is done."},
      {"no Title and no dates in the metadata: the headline is the title, the dateline the date; the catalog's "
       "/Lang (en-GB)",
       "council-cycle-lanes.pdf", "Council approves new cycle lanes for the old town", "2025-09-08T00:00:00Z",
       "Jonas Becker", "en", "Exeter, 8 September 2025", "stay where they are."},
      {"a placeholder Title (\"Microsoft Word - ....docx\"): the headline on two lines in one size, not the "
       "smaller standfirst",
       "ferry-timetable.pdf", "Island ferry to run twice a day through the winter months", "2025-09-15T07:10:00Z",
       "Tamsin Rowe", "en", "Operators agree a timetable with the harbour board", "Saturday market runs."},
  };
  const PdfReader reader;
  for (const Row& row : rows) {
    SECTION(row.name) {
      const ReadResult r = read_both_ways(reader, std::string("/news/") + row.file, fixture(row.file));
      CHECK(r.problems.empty());
      REQUIRE(r.articles.size() == 1);
      const Article& a = r.articles[0];
      CHECK(a.id == std::string("/news/") + row.file);
      CHECK(a.line == 0);
      CHECK(a.title == row.title);
      CHECK(iso(a) == row.date);
      CHECK(a.author == row.author);
      CHECK(a.language == row.language);
      CHECK(a.body.rfind(row.body_start, 0) == 0);
      CHECK(a.body.size() > std::string(row.body_end).size());
      CHECK(a.body.compare(a.body.size() - std::string(row.body_end).size(), std::string::npos, row.body_end) == 0);
    }
  }
}

TEST_CASE("PdfReader separates paragraphs and reads columns in order", "[pdf]") {
  const ReadResult r = PdfReader().read("a.pdf", fixture("harbour-dredging.pdf"));
  REQUIRE(r.articles.size() == 1);
  const std::string& body = r.articles[0].body;
  // The left column's two paragraphs, then the right column's, then page 2.
  const std::string paragraphs[] = {
      "By Morwenna Pascoe, Harbour Gazette",
      "A dredger will start clearing the inner harbour next month, the port authority said on Monday, after three "
      "winter storms left the channel too shallow for the larger fishing boats.",
      "The work is expected to take six weeks. Boats will be moved to the outer moorings in turn, and the slipway "
      "will stay open at high tide.",
      "Engineers measured more than a metre of silt at the mouth of the harbour in August, twice the amount they "
      "found after the storms of last year.",
      "Fishermen welcomed the plan but asked for the work to pause during the herring season.",
      "The port authority will also repair the breakwater, whose outer stones were moved by the February storm, "
      "once the dredging is done.",
  };
  std::string expected;
  for (const std::string& p : paragraphs) expected += (expected.empty() ? "" : "\n\n") + p;
  CHECK(body == expected);
}

TEST_CASE("PdfReader takes the language the catalog declares over the one the text is in", "[pdf]") {
  std::string pdf = fixture("council-cycle-lanes.pdf");
  const std::size_t at = pdf.find("/Lang (en-GB)");
  REQUIRE(at != std::string::npos);
  pdf.replace(at, 13, "/Lang (fr-FR)");  // same length: the offsets stay right
  const ReadResult r = PdfReader().read("a.pdf", pdf);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].language == "fr");
}

TEST_CASE("PdfReader fails a PDF it cannot read with one problem for the file", "[pdf]") {
  const std::string good = fixture("harbour-dredging.pdf");
  struct Row {
    const char* name;
    std::string bytes;
    const char* message;  // the problem's message starts so
  };
  const Row rows[] = {
      {"only an image: a scan without OCR", fixture("scanned-page.pdf"), "no text (scanned PDF? no OCR)"},
      {"encrypted, needs a password", fixture("password-protected.pdf"), "encrypted PDF: needs a password"},
      {"cut in half", good.substr(0, good.size() / 2), "PDF cut short (no %%EOF at its end)"},
      {"cut before its last line", good.substr(0, good.size() - 7), "PDF cut short (no %%EOF at its end)"},
      {"its first half lost, its end intact", "%PDF-1.5\n" + good.substr(good.size() / 2),
       "corrupt PDF, none of its pages can be read: "},
      {"its cross-reference table gone", good.substr(0, good.find("xref\n")) + "%%EOF\n",
       "corrupt PDF, poppler cannot open it: "},
      {"no PDF at all", "hello\n%%EOF\n", "not a PDF (no %PDF- header)"},
      {"larger than max_pdf_bytes()", "%PDF-1.4\n" + std::string(PdfReader().options().max_pdf_bytes(), ' '),
       "PDF too large (over 64 MiB"},
  };
  const PdfReader reader;
  for (const Row& row : rows) {
    SECTION(row.name) {
      const ReadResult r = reader.read("/news/x.pdf", row.bytes);
      CHECK(r.articles.empty());
      REQUIRE(r.problems.size() == 1);
      CHECK(r.problems[0].failed);
      CHECK(r.problems[0].line == 0);
      CHECK(r.problems[0].message.rfind(row.message, 0) == 0);
      CHECK(r.problems[0].message.find('\n') == std::string::npos);
    }
  }
}

TEST_CASE("a PDF is read by its extension and, without one, by its %PDF- header", "[pdf][readers]") {
  const newsdex::ReaderOptions options;
  CHECK(newsdex::has_reader_for("a/Report.PDF"));
  CHECK(dynamic_cast<PdfReader*>(newsdex::reader_for_path("a/report.pdf", options).get()) != nullptr);
  const std::string pdf = fixture("harbour-dredging.pdf");
  CHECK(dynamic_cast<PdfReader*>(newsdex::reader_for_content(pdf.substr(0, 16384), options).get()) != nullptr);
  // The header may follow other bytes within the first KiB, not later.
  CHECK(newsdex::reader_for_content(std::string(1000, '\n') + pdf.substr(0, 2000), options) != nullptr);
  CHECK(newsdex::reader_for_content(std::string(1030, '\n') + pdf.substr(0, 2000), options) == nullptr);
}
