#include "newsdex/readers.h"

#include "newsdex/analyzer.h"
#include "newsdex/encoding.h"
#include "newsdex/language.h"
#include "newsdex/text.h"
#include "readers/archive.h"
#include "readers/news_xml.h"
#include "readers/reader_io.h"
#include "readers/reader_util.h"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include <cstring>
#include <limits>
#include <unordered_set>

namespace newsdex {

namespace {

// The length to cut `s` to so that it holds at most `max` bytes: at the last
// whitespace in the final KiB before the limit, else on a UTF-8 boundary.
// REQUIRES: s.size() > max.
std::size_t cut_point(const std::string& s, std::size_t max) {
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  const std::size_t floor = cut > 1024 ? cut - 1024 : 0;
  for (std::size_t i = cut; i > floor; --i) {
    const char c = s[i - 1];
    if (c == ' ' || c == '\n' || c == '\t') {
      std::size_t end = i - 1;
      while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\n' || s[end - 1] == '\t')) --end;
      if (end > 0) return end;
      break;
    }
  }
  return cut;
}

// Checks every article a reader gives before it reaches the caller's sink
// (see Reader::read): fields repaired to UTF-8 and cut to options' limits
// with one warning per article; an article whose id is too long, or with
// neither title nor body, becomes a failed Problem instead.
class CheckingSink final : public ArticleSink {
 public:
  CheckingSink(const ReaderOptions& options, ArticleSink& out) : options_(options), out_(out) {}

  bool article(Article a) override {
    // Every field leaves a reader as valid UTF-8, whatever a parser let
    // through (an HTML page's unknown charset, for one).
    repair_text_fields(a);
    if (options_.max_field_bytes != 0 && a.id.size() > options_.max_field_bytes) {
      out_.problem({a.line,
                    "id too long (" + human_size(a.id.size()) + ", limit " + human_size(options_.max_field_bytes) + ")",
                    true});
      return true;
    }
    if (a.title.empty() && a.body.empty()) {
      out_.problem({a.line, "no title or body", true});
      return true;
    }
    // The language the input declares, else the one the text is in.
    a.language = language_of_tag(a.language);
    if (a.language.empty()) {
      std::string sample = a.title;
      sample += "\n\n";
      sample.append(a.body, 0, std::min<std::size_t>(a.body.size(), 4096));
      a.language = detect_language(sample);
    }
    if (a.date && (*a.date < kMinUnixTime || *a.date > kMaxUnixTime)) {
      out_.problem({a.line, "date out of range (years 0001 to 9999), indexed without a date", false});
      a.date.reset();
    }
    std::string cuts;
    auto limit = [&](std::string& field, const char* name, std::size_t max) {
      if (max == 0 || field.size() <= max) return;
      if (!cuts.empty()) cuts += ", ";
      cuts += std::string(name) + " (" + human_size(field.size()) + ")";
      field.resize(cut_point(field, max));
      field.shrink_to_fit();  // a cut body gives its memory back at once
    };
    limit(a.title, "title", options_.max_field_bytes);
    limit(a.author, "author", options_.max_field_bytes);
    limit(a.source, "source", options_.max_field_bytes);
    limit(a.url, "url", options_.max_field_bytes);
    limit(a.dateline, "dateline", options_.max_field_bytes);
    const std::size_t topics_dropped = check_topics(a.topics, cuts);
    const bool body_cut = options_.max_body_bytes != 0 && a.body.size() > options_.max_body_bytes;
    limit(a.body, "body", options_.max_body_bytes);
    if (!cuts.empty()) {
      std::string message = "too long, cut: " + cuts;
      if (body_cut) message += "; the body is indexed up to " + human_size(options_.max_body_bytes) +
                               " (see --max-article-size)";
      out_.problem({a.line, std::move(message), false});
    }
    if (topics_dropped != 0) {
      out_.problem({a.line,
                    "too many topics: the first " + std::to_string(kMaxTopics) + " kept, " +
                        std::to_string(topics_dropped) + " more dropped",
                    false});
    }
    return out_.article(std::move(a));
  }

  void problem(Problem p) override { out_.problem(std::move(p)); }

 private:
  // Makes `topics` what Article::topics promises: each valid UTF-8, its
  // control characters and runs of white space one space, trimmed, cut to
  // kMaxTopicBytes (the first cut one named in `cuts`), empty ones and
  // repeats (same normalize_filter_value) dropped, at most kMaxTopics
  // kept in input order. Returns how many distinct topics beyond
  // kMaxTopics were dropped.
  static std::size_t check_topics(std::vector<std::string>& topics, std::string& cuts) {
    std::vector<std::string> kept;
    std::unordered_set<std::string> seen;
    std::size_t dropped = 0;
    std::size_t longest_cut = 0;
    for (std::string& t : topics) {
      if (!is_valid_utf8(t)) t = decode_text(t).text;
      for (char& c : t) {
        if ((static_cast<unsigned char>(c) < 0x20) || c == '\x7f') c = ' ';
      }
      std::string topic = collapse_whitespace(t);
      if (topic.size() > kMaxTopicBytes) {
        // On a UTF-8 boundary (not at a space, as long fields are: a
        // topic's words all count).
        longest_cut = std::max(longest_cut, topic.size());
        std::size_t cut = kMaxTopicBytes;
        while (cut > 0 && (static_cast<unsigned char>(topic[cut]) & 0xC0) == 0x80) --cut;
        topic.resize(cut);
        while (!topic.empty() && topic.back() == ' ') topic.pop_back();
      }
      if (topic.empty()) continue;
      if (!seen.insert(normalize_filter_value(topic)).second) continue;
      if (kept.size() == kMaxTopics) {
        ++dropped;
        continue;
      }
      kept.push_back(std::move(topic));
    }
    topics = std::move(kept);
    if (longest_cut != 0) {
      if (!cuts.empty()) cuts += ", ";
      cuts += "topic (" + human_size(longest_cut) + ")";
    }
    return dropped;
  }

  const ReaderOptions& options_;
  ArticleSink& out_;
};

// Collects everything into a ReadResult.
class CollectingSink final : public ArticleSink {
 public:
  explicit CollectingSink(ReadResult& result) : result_(result) {}
  bool article(Article a) override {
    result_.articles.push_back(std::move(a));
    return true;
  }
  void problem(Problem p) override { result_.problems.push_back(std::move(p)); }

 private:
  ReadResult& result_;
};

enum class Format { none, text, json, html, feed, nitf, newsml, news_xml, warc, pdf, bundle };

// The formats, as the help names them, in the order it lists them.
struct FormatName {
  Format format;
  std::string_view name;
};
constexpr FormatName kFormatNames[] = {
    {Format::text, "plain text"},
    {Format::json, "JSON Lines or JSON (an object or an array of objects)"},
    {Format::html, "HTML"},
    {Format::feed, "RSS and Atom feeds"},
    {Format::nitf, "NITF"},
    {Format::newsml, "NewsML-G2 and NewsML 1.x"},
    {Format::news_xml, "any of these XML formats, recognised by its root element, as are files without a known extension"},
    {Format::warc, "WARC web archives (each HTML response an article)"},
    {Format::pdf, "born-digital PDF (its text; no OCR)"},
    {Format::bundle, "zip and tar bundles of these files (each member an input)"},
};

// The one table of file extensions newsdex reads (lower case).
struct Extension {
  std::string_view name;
  Format format;
};
constexpr Extension kExtensions[] = {
    {"txt", Format::text},   {"text", Format::text}, {"jsonl", Format::json}, {"ndjson", Format::json},
    {"json", Format::json},  {"html", Format::html}, {"htm", Format::html},   {"xhtml", Format::html},
    {"rss", Format::feed},   {"atom", Format::feed}, {"nitf", Format::nitf},  {"nml", Format::newsml},
    {"newsml", Format::newsml}, {"xml", Format::news_xml}, {"warc", Format::warc},   {"pdf", Format::pdf},
    {"zip", Format::bundle},
    {"tar", Format::bundle}, {"tgz", Format::bundle},
};

// The suffixes of compressed files, after a format's own extension
// ("a.jsonl.gz"): see compression_of.
constexpr std::string_view kCompressionNote =
    "; any of these compressed with gzip, bzip2, xz or zstd (.gz, .bz2, .xz, .zst after its own extension, "
    "such as .jsonl.gz or .warc.gz)";

Format format_of(std::string_view path) {
  std::size_t inner = 0;
  if (compression_of(path, &inner) != Compression::none) path = path.substr(0, inner);
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return Format::none;
  const std::string_view ext = path.substr(dot + 1);
  if (ext.size() > 6) return Format::none;
  char buf[8] = {};
  for (std::size_t i = 0; i < ext.size(); ++i) {
    const char c = ext[i];
    buf[i] = ascii_lower(c);
  }
  const std::string_view e(buf, ext.size());
  for (const Extension& x : kExtensions)
    if (x.name == e) return x.format;
  return Format::none;
}

constexpr std::size_t kMiB = std::size_t{1} << 20;

}  // namespace

std::size_t ReaderOptions::max_text_bytes() const {
  return max_body_bytes != 0 ? std::min(max_body_bytes, 1024 * kMiB) : 1024 * kMiB;
}

std::size_t ReaderOptions::max_page_bytes() const {
  constexpr std::size_t kParserLimit = static_cast<std::size_t>(INT_MAX) - 1;  // libxml2 takes an int
  if (max_body_bytes == 0) return kParserLimit;
  return std::min(std::max(max_body_bytes, kMiB), kParserLimit);
}

std::size_t ReaderOptions::max_page_tags() const {
  if (max_body_bytes == 0) return std::size_t(-1);
  return std::max(max_body_bytes / 128, std::size_t{16384});
}

std::size_t ReaderOptions::max_record_bytes() const {
  constexpr std::size_t kTreeLimit = (std::size_t{1} << 32) - 1;  // JSON records are indexed with 32 bits
  if (max_body_bytes == 0 || max_body_bytes > kTreeLimit / 2) return kTreeLimit;
  return std::min(2 * max_body_bytes + kMiB, kTreeLimit);
}

std::size_t ReaderOptions::max_pdf_bytes() const {
  constexpr std::size_t kPopplerLimit = static_cast<std::size_t>(INT_MAX);  // poppler takes an int
  if (max_body_bytes == 0 || max_body_bytes > kPopplerLimit / 8) return kPopplerLimit;
  return std::max(8 * max_body_bytes, 16 * kMiB);
}

std::size_t MemorySource::read(char* buf, std::size_t max) {
  const std::size_t n = std::min({max, max_chunk_, bytes_.size() - pos_});
  if (n != 0) std::memcpy(buf, bytes_.data() + pos_, n);
  pos_ += n;
  return n;
}

void Reader::read(const std::string& path, ByteSource& in, ArticleSink& out) const {
  CheckingSink checked(options_, out);
  read_articles(path, in, checked);
}

ReadResult Reader::read(const std::string& path, std::string_view bytes) const {
  ReadResult result;
  MemorySource source(bytes);
  CollectingSink sink(result);
  read(path, source, sink);
  return result;
}

std::unique_ptr<Reader> reader_for_path(const std::string& path, const ReaderOptions& options) {
  std::size_t inner = 0;
  if (compression_of(path, &inner) != Compression::none) {
    std::unique_ptr<Reader> reader = reader_for_path(path.substr(0, inner), options);
    if (!reader) return nullptr;
    return std::make_unique<CompressedReader>(options, std::move(reader));
  }
  switch (format_of(path)) {
    case Format::text: return std::make_unique<TextReader>(options);
    case Format::json: return std::make_unique<JsonReader>(options);
    case Format::html: return std::make_unique<HtmlReader>(options);
    case Format::feed: return std::make_unique<FeedReader>(options);
    case Format::nitf: return std::make_unique<NitfReader>(options);
    case Format::newsml: return std::make_unique<NewsmlReader>(options);
    case Format::news_xml: return std::make_unique<NewsXmlReader>(options);
    case Format::warc: return std::make_unique<WarcReader>(options);
    case Format::pdf: return std::make_unique<PdfReader>(options);
    case Format::bundle: return std::make_unique<BundleReader>(options);
    case Format::none: break;
  }
  return nullptr;
}

std::unique_ptr<Reader> reader_for_content(std::string_view head, const ReaderOptions& options) {
  if (xml::sniff(head) != xml::Format::none) return std::make_unique<NewsXmlReader>(options);
  if (head.rfind("WARC/1.", 0) == 0) return std::make_unique<WarcReader>(options);
  if (head.rfind("PK\x03\x04", 0) == 0 || (head.size() >= 262 && head.substr(257, 5) == "ustar"))
    return std::make_unique<BundleReader>(options);
  // A PDF's header may follow up to 1 KiB of other bytes, as PDF readers
  // accept (so a tar holding a PDF is tested before this).
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return std::make_unique<PdfReader>(options);
  if (is_compressed(head)) {
    // Through the compression, by the decompressed first bytes.
    const std::string inner_head = decompressed_head(head, xml::kSniffBytes);
    if (inner_head.empty() || is_compressed(inner_head)) return nullptr;
    std::unique_ptr<Reader> inner = reader_for_content(inner_head, options);
    if (inner) return std::make_unique<CompressedReader>(options, std::move(inner));
  }
  return nullptr;
}

void NewsXmlReader::read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const {
  // The root element is within the first bytes: they choose the reader,
  // which then reads them and the rest.
  const std::string head = xml::read_head(in);
  switch (xml::sniff(head)) {
    case xml::Format::feed: return xml::read_feed(path, head, in, options(), out);
    case xml::Format::nitf: return xml::read_nitf(path, head, in, options(), out);
    case xml::Format::newsml: return xml::read_newsml(path, head, in, options(), out);
    case xml::Format::newsml1: return xml::read_newsml1(path, head, in, options(), out);
    case xml::Format::none: break;
  }
  const std::string root = xml::root_name(head);
  out.problem({0,
               (root.empty() ? std::string("not an XML document newsdex reads")
                             : "not a news XML document (root element <" + shorten(root, 40) + ">)") +
                   ": newsdex reads RSS, Atom, NITF, NewsML-G2 and NewsML 1.x",
               true});
}

std::string supported_extensions() {
  std::string out;
  for (const Extension& x : kExtensions) out += (out.empty() ? "." : ", .") + std::string(x.name);
  return out + ", each also with .gz, .bz2, .xz or .zst";
}

std::string supported_formats() {
  std::string out;
  for (const FormatName& f : kFormatNames) {
    std::string exts;
    for (const Extension& x : kExtensions) {
      if (x.format == f.format) exts += (exts.empty() ? "." : ", .") + std::string(x.name);
    }
    out += (out.empty() ? "" : "; ") + std::string(f.name) + " (" + exts + ")";
  }
  return out + std::string(kCompressionNote);
}

std::string id_from_path(const std::string& path) {
  std::string id = path;
  while (id.rfind("./", 0) == 0) id.erase(0, 2);
  return id;
}

std::string id_from_content(const std::string& path, const Article& record) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  for (const std::string* f : {&record.title, &record.author, &record.source, &record.url, &record.body}) {
    const std::uint64_t n = f->size();
    XXH3_64bits_update(state, &n, sizeof n);
    XXH3_64bits_update(state, f->data(), f->size());
  }
  const std::int64_t date = record.date ? *record.date : std::numeric_limits<std::int64_t>::min();
  XXH3_64bits_update(state, &date, sizeof date);
  const std::uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  char buf[20];
  std::snprintf(buf, sizeof buf, "#%016llx", static_cast<unsigned long long>(h));
  return id_from_path(path) + buf;
}

bool has_reader_for(std::string_view path) {
  const Format f = format_of(path);
  return f != Format::none && f != Format::news_xml;
}

}  // namespace newsdex
