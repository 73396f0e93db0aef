// Readers: one class per input format, each turning a file's bytes into
// Articles, and the one way newsdex reads an input file (InputFile).
// Readers never touch the index and never throw on bad input: every
// problem becomes a Problem naming the line (where there is one). They
// read from a ByteSource in chunks and hand each Article to an ArticleSink
// as soon as it is complete, so the memory a file needs is bounded by
// ReaderOptions (see the limits there), not by the file's size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/article.h"

namespace newsdex {

// Something wrong with the input. A Problem with `failed` set means an
// article (or the whole file, when line == 0) could not be read; otherwise
// the article was read but something in it was repaired or dropped (for
// example an unparseable date or invalid UTF-8).
struct Problem {
  std::uint64_t line = 0;  // 1-based; 0 = the file as a whole
  std::string message;     // one line, no trailing newline, no file name
  bool failed = false;
  // The input holds no article at all (no bytes, only whitespace, an empty
  // JSON array): an empty source, whose old articles an index run deletes,
  // where another failure of the whole file keeps them.
  bool empty = false;
};

// Everything read from one input, collected in memory (Reader::read on a
// string: tests, fuzzers, tools).
struct ReadResult {
  std::vector<Article> articles;
  std::vector<Problem> problems;
};

// Options shared by every reader.
struct ReaderOptions {
  // JSON readers: Article field name -> the input field to take it from,
  // overriding the built-in synonyms (`--field title=headline_text`).
  // Keys: json_article_fields() (topics: that one key instead of every
  // topics synonym).
  std::map<std::string, std::string> field_overrides;
  // Limits on what one article may hold, enforced on every article every
  // reader gives (0: no limit). A body longer than max_body_bytes is cut
  // (at a word boundary near the limit) with a warning; a title, author,
  // source or url longer than max_field_bytes is cut the same way; an id
  // longer than max_field_bytes fails the article.
  std::size_t max_body_bytes = std::size_t{8} << 20;
  std::size_t max_field_bytes = 4096;
  // The most bytes a compressed input (or a compressed member of a bundle,
  // or a compressed WARC record) may decompress to: this, or 50 times its
  // compressed size when that is more (0: no limit). Reading streams, so
  // this bounds time, not memory: a decompression bomb ends with a failure
  // of its file. InputFile sets it to its max_file_bytes (--max-file-size).
  std::uint64_t max_expanded_bytes = std::uint64_t{256} << 20;

  // How much of an input a reader holds in memory at once, each derived
  // from max_body_bytes (--max-article-size), so that the memory a file
  // needs is a bounded multiple of what can be kept of it:
  // - a text file is read up to max_text_bytes(); the rest is not read
  //   (a warning says so): max_body_bytes, at most 1 GiB;
  // - an HTML page is parsed from at most its first max_page_bytes() bytes
  //   and max_page_tags() tags (a DOM costs many times its source; a
  //   warning says when a page was cut): max_body_bytes (at least 1 MiB)
  //   and one tag per 128 of those bytes (at least 16384), or INT_MAX bytes
  //   (libxml2's limit) and no tag limit when it is 0;
  // - a JSON record (a line, or an element of a top-level array) larger
  //   than max_record_bytes() fails ("record too large") and is skipped
  //   without being held: 2 * max_body_bytes + 1 MiB (room for escapes and
  //   the other fields: a body up to about twice the limit is still cut,
  //   not refused), or 4 GiB - 1 when it is 0;
  // - a PDF is held whole (poppler reads a PDF from its end, through its
  //   cross-reference table): one larger than max_pdf_bytes() fails ("PDF
  //   too large") without being held: 8 * max_body_bytes (at least
  //   16 MiB), at most INT_MAX bytes (poppler takes an int), or INT_MAX
  //   when it is 0. Its text is read page by page up to max_text_bytes().
  std::size_t max_text_bytes() const;
  std::size_t max_page_bytes() const;
  std::size_t max_page_tags() const;
  std::size_t max_record_bytes() const;
  std::size_t max_pdf_bytes() const;
};

// A failure to read the bytes of an input (an I/O error), thrown by a
// ByteSource. Readers let it through.
class ReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The bytes of one input, read once, front to back. Not thread-safe.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies up to `max` (> 0) of the next bytes into `buf` and returns how
  // many; 0 only at the end of the input. Throws ReadError.
  virtual std::size_t read(char* buf, std::size_t max) = 0;
  // The input's whole size when known (for messages), else nullopt.
  virtual std::optional<std::uint64_t> size() const { return std::nullopt; }
};

// A ByteSource over bytes in memory, handing out at most `max_chunk` bytes
// per read (tests use small chunks to cross every chunk boundary).
// `bytes` must outlive the source.
class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes, std::size_t max_chunk = std::size_t(-1))
      : bytes_(bytes), max_chunk_(max_chunk == 0 ? 1 : max_chunk) {}
  std::size_t read(char* buf, std::size_t max) override;
  std::optional<std::uint64_t> size() const override { return bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  std::size_t max_chunk_;
};

// Receives what a reader finds, in input order.
class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  // One complete article: non-empty id and path, fields valid UTF-8 and
  // within ReaderOptions' limits, a title or a body. Returns false to stop
  // the reading: the reader then returns without reading further.
  virtual bool article(Article article) = 0;
  virtual void problem(Problem problem) = 0;
};

class Reader {
 public:
  explicit Reader(ReaderOptions options) : options_(std::move(options)) {}
  virtual ~Reader() = default;

  // Reads one input from `in`, giving `out` each article as soon as it is
  // complete and each problem as it is found. `path` is used for
  // Article::path, for ids derived from the path and in nothing else (the
  // reader does not open it). The bytes may be in any encoding; the reader
  // repairs them to UTF-8. Every article `out` receives has been checked
  // here, the same way for every format: fields made valid UTF-8 and cut to
  // options' limits (with a warning), and an article with neither title
  // nor body, or with an id over max_field_bytes, is a failed Problem
  // instead. Never throws for bad input; lets ReadError from `in` through.
  void read(const std::string& path, ByteSource& in, ArticleSink& out) const;

  // The same over bytes in memory, collecting everything.
  ReadResult read(const std::string& path, std::string_view bytes) const;

  const ReaderOptions& options() const { return options_; }

 protected:
  // `r`'s own format reading, without the common checks (the caller's
  // read() applies them once): for readers that hand their input, or parts
  // of it, to another reader.
  static void read_with(const Reader& r, const std::string& path, ByteSource& in, ArticleSink& out) {
    r.read_articles(path, in, out);
  }

  // The format's own reading: as read(), before the common checks.
  virtual void read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const = 0;

 private:
  ReaderOptions options_;
};

// Plain text (.txt): headline on the first non-empty line, then body. Reads
// at most options.max_text_bytes() of the file.
class TextReader final : public Reader {
 public:
  explicit TextReader(ReaderOptions options = {}) : Reader(std::move(options)) {}
  using Reader::read;

 protected:
  void read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const override;
};

// The Article fields a JSON reader takes from a record's fields ("id",
// "title", ..., "dateline", "body", "topics"), in the order it lists their
// synonyms: the names ReaderOptions::field_overrides and `--field` take.
const std::vector<std::string>& json_article_fields();

// JSON Lines (.jsonl, .ndjson): one object a line; JSON (.json): one
// object, or an array of objects. Holds one record at a time.
class JsonReader final : public Reader {
 public:
  explicit JsonReader(ReaderOptions options = {});
  using Reader::read;

 protected:
  void read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const override;

 private:
  std::vector<std::string> wanted_keys_;  // sorted: top-level keys a field may come from
};

// HTML (.html, .htm): metadata from <meta>/JSON-LD, body by content
// extraction. Parses at most options.max_page_bytes() and max_page_tags().
class HtmlReader final : public Reader {
 public:
  explicit HtmlReader(ReaderOptions options = {}) : Reader(std::move(options)) {}
  using Reader::read;

 protected:
  void read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const override;
};

// RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom feeds (.rss, .atom): one article
// per item or entry (title, link, guid or id, pubDate/dc:date/published/
// updated, author/dc:creator, content:encoded or content, else description
// or summary, with HTML reduced to text; the channel's or feed's title as
// source and its language). An item's line is the line its element starts
// on. Streams the feed, holding one item at a time (at most
// options.max_record_bytes() and max_page_tags() elements).
class FeedReader final : public Reader {
 public:
  explicit FeedReader(ReaderOptions options = {}) : Reader(std::move(options)) {}
  using Reader::read;

 protected:
  void read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const override;
};

// NITF 3.x (.nitf): one article per document (hedline, byline, dates from
// docdata, pubdata and dateline, doc-id, the publication as source, the
// body's paragraphs; the <person>, <org> and <location> of its metadata
// (a newspaper archive's identified-content) and body as the article's
// given entities, Article::raw_entities; <classifier> topics are not
// entities). Holds at most options.max_record_bytes() of it.
class NitfReader final : public Reader {
 public:
  explicit NitfReader(ReaderOptions options = {}) : Reader(std::move(options)) {}
  using Reader::read;

 protected:
  void read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const override;
};

// NewsML-G2 (.nml, .newsml): one article per newsItem, alone or in a
// newsMessage (headline, slugline, by, dateline, contentCreated else
// firstCreated, guid, provider, language, inline XHTML, NITF or text body;
// subjects that name a person, organisation or place as given entities).
// Streams a newsMessage one item at a time. A file whose root element is
// <NewsML> is IPTC NewsML 1.x: one article per NewsItem (HeadLine, ByLine,
// DateLine, FirstCreated else ThisRevisionCreated, Language, provider,
// inline NITF, XHTML or text DataContent; Location cities and countries
// as given places).
class NewsmlReader final : public Reader {
 public:
  explicit NewsmlReader(ReaderOptions options = {}) : Reader(std::move(options)) {}
  using Reader::read;

 protected:
  void read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const override;
};

// News XML recognised by its root element (.xml, and files without a known
// extension): a feed, NITF or NewsML-G2 document read by the reader for
// its format; another XML document fails as a whole.
class NewsXmlReader final : public Reader {
 public:
  explicit NewsXmlReader(ReaderOptions options = {}) : Reader(std::move(options)) {}
  using Reader::read;

 protected:
  void read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const override;
};

// A compressed input (.gz, .bz2, .xz, .zst, or recognised by its magic
// bytes): its decompressed bytes, streamed (DecompressingSource, at most
// options.max_expanded_bytes), read by `inner`, the reader for the name
// without the compression suffix (or for the decompressed content).
class CompressedReader final : public Reader {
 public:
  CompressedReader(ReaderOptions options, std::unique_ptr<Reader> inner)
      : Reader(std::move(options)), inner_(std::move(inner)) {}
  using Reader::read;

 protected:
  void read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const override;

 private:
  std::unique_ptr<Reader> inner_;
};

// A bundle of inputs (.zip, .tar, .tgz, and .tar.gz etc. through
// CompressedReader): each regular member read as an input of its own by
// the reader for its name (or its content, as for a file), with the path
// "<bundle>!/<member>" (so a one-article member's id is that path). A
// member newsdex has no reader for is skipped; one warning at the end
// counts them. A member's problem is reported at line 0 of the bundle,
// its message starting with "<member>:<line>: ". Holds one member's
// reading at a time. A corrupt or cut bundle throws ReadError naming the
// member (the articles of the members before it have been given).
class BundleReader final : public Reader {
 public:
  explicit BundleReader(ReaderOptions options = {}) : Reader(std::move(options)) {}
  using Reader::read;

 protected:
  void read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const override;
};

// WARC 1.0/1.1 web archives (.warc; .warc.gz through CompressedReader,
// gzip member per record or not): each `response` record holding an HTTP
// 2xx response with an HTML body becomes an article through HtmlReader,
// its id and url the record's WARC-Target-URI, its date the page's own,
// else the record's WARC-Date, its line the line where the record starts.
// A body with Content-Encoding gzip is decompressed. Every other record
// (warcinfo, request, metadata, revisit, resource, conversion, a
// non-HTML or non-2xx response) is skipped; one warning at the end counts
// them by kind. A record that is cut short, has no valid Content-Length
// or whose length does not end at the record's end is a failed Problem at
// its line, and ends the reading (the records before it have been given).
// Streams the file: memory holds one page (at most max_page_bytes()).
class WarcReader final : public Reader {
 public:
  explicit WarcReader(ReaderOptions options = {}) : Reader(std::move(options)) {}
  using Reader::read;

 protected:
  void read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const override;
};

// Born-digital PDF (.pdf, or recognised by "%PDF-" in its first KiB), through
// poppler: one article per file. Body: the text of each page in reading
// order (poppler's layout analysis, columns read one after the other),
// paragraphs separated by "\n\n"; at most kMaxPdfPages pages and
// options.max_text_bytes() of text (a warning says what was left). Title:
// the document information's Title (unless it is a file name or
// "Untitled"), else the first page's leading words set larger than its
// text (a headline), else its first line; the body does not repeat it.
// Date: the information's CreationDate, else ModDate, else the first date
// in the first lines (find_date). Author: the information's Author.
// Language: the catalog's /Lang, else the XMP metadata's dc:language (else
// detected, as for every reader). Each of these is a failed Problem for
// the file, one line: a PDF over options.max_pdf_bytes(); one poppler
// cannot open (corrupt, cut short: the message says which error poppler
// gave); one without "%%EOF" in its last KiB (cut short); an encrypted one
// that needs a password; one whose pages hold no text ("no text (scanned
// PDF? no OCR)"). poppler's own messages never reach stderr.
class PdfReader final : public Reader {
 public:
  static constexpr int kMaxPdfPages = 10000;
  explicit PdfReader(ReaderOptions options = {}) : Reader(std::move(options)) {}
  using Reader::read;

 protected:
  void read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const override;
};

// The reader for a file name, chosen by its extension (case-insensitive), or
// nullptr when newsdex does not read that kind of file.
std::unique_ptr<Reader> reader_for_path(const std::string& path, const ReaderOptions& options);

// The reader for a file whose name has no known extension, chosen by its
// first bytes `head` (at least its first 16 KiB when it is longer): a
// news XML document by its root element, a WARC by its first line, a PDF
// by "%PDF-" in its first KiB, a zip
// or tar bundle by its magic bytes, a gzip, bzip2, xz or zstd stream by
// its magic bytes when its decompressed first bytes are one of these;
// nullptr for anything else.
std::unique_ptr<Reader> reader_for_content(std::string_view head, const ReaderOptions& options);

// True when `path` names a regular file that has_reader_for does not take
// (an .xml file, or a name without a known extension) and that
// reader_for_content would read (its first bytes are read to tell).
bool has_reader_for_content(const std::string& path);

// True when reader_for_path would return a reader for this file name
// (without allocating one) that reads it whatever it holds: not for .xml,
// which is read only when its content is news XML (has_reader_for_content),
// so that the other XML files of a directory (sitemaps, configuration)
// are skipped, not failed.
bool has_reader_for(std::string_view path);

// The extensions newsdex reads, for messages: ".txt, .text, .jsonl, ...".
std::string supported_extensions();

// The formats with their extensions, for help texts: "plain text (.txt,
// .text); JSON Lines or JSON (...) (.jsonl, ...); HTML (.html, ...)".
std::string supported_formats();

// The id given to a one-article file's article that has none of its own:
// its path.
std::string id_from_path(const std::string& path);

// The id given to a record of a many-article file (a JSON Lines line, an
// element of a JSON array) that has none of its own: the path, '#' and a
// hash of what the record holds (title, date, author, source, url, body),
// so that its identity does not depend on its position in the file.
// Two such records with the same content get the same id.
std::string id_from_content(const std::string& path, const Article& record);

// One input file, read the one way newsdex reads files (index runs and
// --print alike): stat, then open without blocking and check what was
// opened, then read it in chunks with the reader for its extension, every
// byte hashed. Each step that fails gives one line for the whole file.
class InputFile {
 public:
  // What read() did.
  struct Outcome {
    // True when the reader went through the file: the articles and
    // problems `out` received are all there are, and `hash` is set.
    // False when `out` stopped the reading, or the file could not be read
    // (then `error` says why, one line: a failure of the whole file).
    bool complete = false;
    std::string error;
    std::uint64_t hash = 0;  // XXH3-64 of every byte of the file
  };

  // A file larger than `max_file_bytes` is refused.
  InputFile(std::string path, ReaderOptions options, std::uint64_t max_file_bytes);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  const std::string& path() const { return path_; }

  // stat(2) of the path, following links, without opening it: true for a
  // regular file within max_file_bytes; else false with `error`: "cannot
  // read file: <errno text>", "not a regular file" or "file too large (N
  // MiB, limit M MiB; see --max-file-size)".
  bool stat(std::string& error);

  // Picks the reader by extension, else, for a name without a known
  // extension, by the file's first bytes (reader_for_content; "unsupported
  // file type (newsdex reads ...)"), then opens the file with O_RDONLY | O_NONBLOCK | O_CLOEXEC
  // ("cannot open file: <errno text>"), so that a FIFO or device put in the
  // file's place after stat() cannot block, and checks with fstat(2) what
  // was opened: a regular file ("not a regular file") within max_file_bytes
  // ("file too large ..."). size() and mtime_ns() then describe the opened
  // file. False with `error` set when any of these fails.
  bool open(std::string& error);

  // Of the file as last stat()ed or open()ed. REQUIRES: one succeeded.
  std::uint64_t size() const { return size_; }
  std::int64_t mtime_ns() const { return mtime_ns_; }

  // XXH3-64 of the whole file, read from its start in chunks (memory does
  // not grow with the file). REQUIRES: open() succeeded. Nullopt with
  // `error` set on an I/O error.
  std::optional<std::uint64_t> hash(std::string& error);

  // Reads the file from its start with its reader: articles and problems to
  // `out` as the reader finds them; an empty file is a failed Problem
  // ("empty file"). Whatever the reader leaves unread (it stops early on
  // the limits in ReaderOptions) is still read for the hash, so the hash is
  // that of the whole file. REQUIRES: open() succeeded.
  Outcome read(ArticleSink& out);

 private:
  std::string path_;
  ReaderOptions options_;
  std::uint64_t max_file_bytes_;
  std::unique_ptr<Reader> reader_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
  std::int64_t mtime_ns_ = 0;
};

// The common case of InputFile: stat, open and read `path`, everything to
// `out` (a file that cannot be read is one failed Problem at line 0).
// Returns InputFile::Outcome::complete.
bool read_input_file(const std::string& path, const ReaderOptions& options, std::uint64_t max_file_bytes,
                     ArticleSink& out);

}  // namespace newsdex
