// JsonReader: JSON Lines and JSON files, one record at a time. A byte-level
// scanner splits the input into records (lines, or the elements of a
// top-level array), tracking strings and nesting, so that a record too
// large or too deeply nested is refused before anything parses it and
// without holding it; each record is then parsed on its own (json_tree.h)
// and becomes an Article.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <optional>
#include <vector>

#include "readers/json_tree.h"
#include "newsdex/dates.h"
#include "newsdex/encoding.h"
#include "newsdex/language.h"
#include "newsdex/readers.h"
#include "readers/reader_io.h"
#include "readers/byline.h"
#include "readers/html_content.h"
#include "readers/reader_util.h"

namespace newsdex {

namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 16;

// Field names real exports use, in order of preference.
struct Synonyms {
  const char* field;
  std::vector<std::string> keys;
};
const std::vector<Synonyms>& field_synonyms() {
  static const std::vector<Synonyms> synonyms = {
      // A dotted key is a path into an object: the Guardian's content API
      // ("fields.bodyText"); an object value gives its text member
      // (text_of: WordPress's {"rendered": ...}, the New York Times'
      // {"main": ...} headline and {"original": ...} byline).
      {"id", {"id", "guid", "_id", "uuid", "article_id", "uri", "url", "link"}},
      {"title", {"title", "headline", "name", "subject", "webTitle", "fields.headline"}},
      {"date", {"date", "published", "pubDate", "datePublished", "published_at", "publishedAt",
                "pub_date", "publication_date", "webPublicationDate", "created_at", "timestamp", "time"}},
      {"author", {"author", "byline", "creator", "authors", "dc:creator", "writer", "fields.byline"}},
      {"source", {"source", "publisher", "site_name", "siteName", "site", "outlet", "feed"}},
      {"url", {"url", "link", "canonical_url", "permalink", "webUrl", "web_url"}},
      {"language", {"language", "lang", "inLanguage", "locale", "fields.lang"}},
      {"dateline", {"dateline", "dateLine", "fields.dateline"}},
      {"body", {"body", "text", "content", "articleBody", "article_body", "fields.bodyText", "fields.body",
                "lead_paragraph", "description", "summary", "bodyText", "abstract", "short_description",
                "excerpt"}},
      // Every one of these gives topics (not only the first present): see
      // RecordReader::read_topics.
      {"topics", {"topics", "tags", "keywords", "categories", "category", "subjects", "section", "articleSection",
                  "sectionName", "section_name"}},
  };
  return synonyms;
}

const std::vector<std::string>& synonyms_of(std::string_view field) {
  for (const Synonyms& s : field_synonyms())
    if (field == s.field) return s.keys;
  static const std::vector<std::string> none;
  return none;
}

// ------------------------------------------------------------ input

// The bytes of `in` as UTF-8: a byte order mark dropped, UTF-16 converted.
// Bytes that are not UTF-8 pass through (each record is repaired alone).
class Utf8Source final : public ByteSource {
 public:
  // Reads the head of `in` to tell its encoding. REQUIRES: `in` outlives
  // this source.
  explicit Utf8Source(ByteSource& in) : in_(in) {
    while (head_.size() < kEncodingHeadBytes) {
      const std::size_t have = head_.size();
      head_.resize(kEncodingHeadBytes);
      const std::size_t n = in_.read(head_.data() + have, kEncodingHeadBytes - have);
      head_.resize(have + n);
      if (n == 0) break;
    }
    const Sniffed sniffed = sniff_encoding(head_);
    encoding_ = sniffed.encoding;
    head_pos_ = sniffed.bom_bytes;
    if (encoding_ == Encoding::utf16le || encoding_ == Encoding::utf16be)
      utf16_.emplace(encoding_ == Encoding::utf16le);
  }

  // utf8, utf16le, utf16be or binary (then read() gives nothing).
  Encoding encoding() const { return encoding_; }

  std::size_t read(char* buf, std::size_t max) override {
    if (encoding_ == Encoding::binary) return 0;
    if (!utf16_) return raw(buf, max);
    while (pending_pos_ == pending_.size()) {
      pending_.clear();
      pending_pos_ = 0;
      if (ended_) return 0;
      raw_buf_.resize(kChunkBytes);
      const std::size_t n = raw(raw_buf_.data(), raw_buf_.size());
      if (n == 0) {
        utf16_->finish(pending_);
        ended_ = true;
      } else {
        utf16_->decode(std::string_view(raw_buf_.data(), n), pending_);
      }
    }
    const std::size_t n = std::min(max, pending_.size() - pending_pos_);
    std::memcpy(buf, pending_.data() + pending_pos_, n);
    pending_pos_ += n;
    return n;
  }

 private:
  // The undecoded bytes: the rest of the head, then the rest of `in`.
  std::size_t raw(char* buf, std::size_t max) {
    if (head_pos_ < head_.size()) {
      const std::size_t n = std::min(max, head_.size() - head_pos_);
      std::memcpy(buf, head_.data() + head_pos_, n);
      head_pos_ += n;
      if (head_pos_ == head_.size()) std::string().swap(head_);
      return n;
    }
    head_pos_ = head_.size();
    return in_.read(buf, max);
  }

  ByteSource& in_;
  std::string head_;
  std::size_t head_pos_ = 0;
  Encoding encoding_ = Encoding::utf8;
  std::optional<Utf16Decoder> utf16_;
  std::string raw_buf_;
  std::string pending_;  // decoded UTF-16 not handed out yet
  std::size_t pending_pos_ = 0;
  bool ended_ = false;
};

// One record of the input as the scanner found it.
struct Record {
  std::uint64_t number = 0;  // Article::line: the line (JSON Lines) or element number (array)
  std::string text;          // its bytes, when neither too large nor too deep
  std::uint64_t size = 0;    // its size in bytes, kept or not
  bool too_large = false;
  bool too_deep = false;
};

// Splits a JSON or JSON Lines input into records without parsing them.
// An input whose first non-blank byte is '[' is one array, each element a
// record numbered from 1. Any other input is records one after another,
// each starting on its own line and numbered by it: a newline outside
// brackets ends a record, so a record may span lines (a pretty-printed
// object) but a line that starts with '{' or '[' always starts a new one
// (JSON Lines with a broken line lose only that line). Strings and their
// escapes are followed, so brackets inside strings do not count; a raw
// newline, which no valid JSON string holds, ends a string.
class RecordScanner {
 public:
  RecordScanner(ByteSource& in, std::size_t max_record_bytes, std::size_t max_depth)
      : in_(in), max_record_bytes_(max_record_bytes), max_depth_(max_depth) {}

  // Fills `r` with the next record (a record larger than max_record_bytes
  // or nested deeper than max_depth is marked and its bytes not kept).
  // False at the end of the input. Lets ReadError through.
  bool next(Record& r) {
    for (;;) {
      if (pos_ == len_) {
        if (at_end_) return false;
        len_ = in_.read(buf_.data(), buf_.size());
        pos_ = 0;
        span_ = 0;
        if (len_ == 0) {
          at_end_ = true;
          if (!in_record_) return false;
          finish(r);
          if (mode_ == Mode::array) unclosed_ = true;
          return true;
        }
      }
      if (scan(r)) return true;
      keep(len_);  // the chunk ends inside a record
    }
  }

  // Nothing but blanks in the input.
  bool blank() const { return mode_ == Mode::unknown; }

  // Problems of the input as a whole, known at its end (failed ones).
  std::vector<Problem> end_problems() const {
    std::vector<Problem> out;
    if (mode_ != Mode::array) return out;
    if (elements_ == 0 && closed_) out.push_back({0, "empty JSON array", true, true});
    if (unclosed_ || (!closed_ && at_end_)) out.push_back({0, "the JSON array is not closed (is the file cut short?)", true});
    if (trailing_) out.push_back({0, "text after the end of the JSON array", true});
    return out;
  }

 private:
  enum class Mode { unknown, lines, array };

  static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

  // Scans buf_ from pos_; true with `r` filled when a record ends in it.
  bool scan(Record& r) {
    while (pos_ < len_) {
      const char c = buf_[pos_];
      if (c == '\n') {
        ++line_;
        in_string_ = escape_ = false;
        at_line_start_ = true;
        if (mode_ == Mode::lines && in_record_ && depth_ == 0) {
          keep(pos_);
          ++pos_;
          span_ = pos_;
          finish(r);
          return true;
        }
        ++pos_;
        continue;
      }
      const bool line_start = at_line_start_;
      at_line_start_ = false;
      if (mode_ == Mode::unknown) {
        if (is_blank(c)) {
          ++pos_;
          continue;
        }
        if (c == '[') {
          mode_ = Mode::array;
          ++pos_;
          span_ = pos_;
          continue;
        }
        mode_ = Mode::lines;
      }
      if (mode_ == Mode::array) {
        if (closed_) {
          if (!is_blank(c)) trailing_ = true;
          ++pos_;
          continue;
        }
        if (!in_string_ && depth_ == 0 && (c == ',' || c == ']')) {
          if (c == ']') closed_ = true;
          // "[]" has no element; "[1,]" has an empty second one.
          const bool element = in_record_ || comma_ || c == ',';
          if (c == ',') comma_ = true;
          if (element && !in_record_) start(pos_);
          if (element) keep(pos_);
          ++pos_;
          span_ = pos_;
          if (!element) continue;
          finish(r);
          return true;
        }
      } else if (line_start && in_record_ && depth_ > 0 && (c == '{' || c == '[')) {
        // The record before was broken: it ends here, this line starts
        // the next.
        keep(pos_);
        span_ = pos_;
        finish(r);
        return true;
      }
      // Blanks between records are skipped; anything else starts one.
      if (!in_record_) {
        if (is_blank(c)) {
          ++pos_;
          continue;
        }
        start(pos_);
      }
      if (in_string_) {
        if (escape_) {
          escape_ = false;
        } else if (c == '\\') {
          escape_ = true;
        } else if (c == '"') {
          in_string_ = false;
        }
      } else if (c == '"') {
        in_string_ = true;
      } else if (c == '{' || c == '[') {
        if (++depth_ > max_depth_ && !cur_.too_deep) {
          cur_.too_deep = true;
          drop();
        }
      } else if ((c == '}' || c == ']') && depth_ > 0) {
        --depth_;
      }
      ++pos_;
    }
    return false;
  }

  void start(std::size_t at) {
    in_record_ = true;
    depth_ = 0;
    in_string_ = escape_ = false;
    cur_.number = mode_ == Mode::array ? ++elements_ : line_;
    cur_.size = 0;
    cur_.too_large = cur_.too_deep = false;
    cur_.text.clear();
    span_ = at;
  }

  // Adds buf_[span_, end) to the current record.
  void keep(std::size_t end) {
    if (!in_record_ || end <= span_) {
      span_ = end;
      return;
    }
    const std::size_t n = end - span_;
    cur_.size += n;
    if (!cur_.too_large && !cur_.too_deep) {
      if (cur_.text.size() + n > max_record_bytes_) {
        cur_.too_large = true;
        drop();
      } else {
        cur_.text.append(buf_.data() + span_, n);
      }
    }
    span_ = end;
  }

  void drop() { std::string().swap(cur_.text); }

  void finish(Record& r) {
    in_record_ = false;
    depth_ = 0;
    std::swap(r, cur_);
    if (cur_.text.capacity() > (std::size_t{1} << 20)) drop();
  }

  ByteSource& in_;
  std::size_t max_record_bytes_;
  std::size_t max_depth_;
  std::vector<char> buf_ = std::vector<char>(kChunkBytes);
  std::size_t pos_ = 0, len_ = 0, span_ = 0;
  bool at_end_ = false;
  Mode mode_ = Mode::unknown;
  std::uint64_t line_ = 1;
  bool at_line_start_ = true;
  bool in_record_ = false, in_string_ = false, escape_ = false;
  std::uint64_t depth_ = 0;
  Record cur_;
  std::uint64_t elements_ = 0;
  bool comma_ = false, closed_ = false, unclosed_ = false, trailing_ = false;
};

// ------------------------------------------------------------ records

using Index = JsonTree::Index;

// Looks up a dotted path ("content.text") in object `obj`.
std::optional<Index> lookup(const JsonTree& t, Index obj, const std::string& path) {
  Index cur = obj;
  std::size_t start = 0;
  while (true) {
    if (t.kind(cur) != JsonTree::Kind::object) return std::nullopt;
    const std::size_t dot = path.find('.', start);
    const std::string_view key =
        std::string_view(path).substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    const std::optional<Index> it = t.member(cur, key);
    if (!it) {
      // A key may itself contain dots ("dc.creator"): try the rest whole.
      return t.member(cur, std::string_view(path).substr(start));
    }
    cur = *it;
    if (dot == std::string::npos) return cur;
    start = dot + 1;
  }
}

// The text of a field value: strings as they are, numbers as written,
// objects by their "name"/"text"/"value"/"@value" member, arrays joined
// with `sep`. Recurses at most kMaxJsonDepth deep (parse_json's limit).
std::string text_of(const JsonTree& t, Index v, const char* sep) {
  switch (t.kind(v)) {
    case JsonTree::Kind::string:
    case JsonTree::Kind::number:
    case JsonTree::Kind::boolean:
      return std::string(t.text(v));
    case JsonTree::Kind::object:
      for (const char* key : {"name", "text", "value", "@value", "#text", "content", "rendered", "main", "original"}) {
        if (const std::optional<Index> m = t.member(v, key)) return text_of(t, *m, sep);
      }
      return {};
    case JsonTree::Kind::array: {
      std::string out;
      for (Index c = t.first_child(v); c < t.after(v); c = t.after(c)) {
        std::string item = text_of(t, c, sep);
        if (item.empty()) continue;
        if (!out.empty()) out += sep;
        out += item;
      }
      return out;
    }
    case JsonTree::Kind::null:
      break;
  }
  return {};
}

// A JSON number as a date: seconds (or milliseconds) since the epoch.
std::optional<UnixTime> date_of_number(std::string_view raw) {
  double n = 0;
  const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), n);
  if (ec != std::errc() || end != raw.data() + raw.size()) return std::nullopt;
  if (n > 1e11) n /= 1000;  // milliseconds
  if (!(n >= static_cast<double>(kMinUnixTime) && n <= static_cast<double>(kMaxUnixTime))) return std::nullopt;
  return static_cast<UnixTime>(n);
}

class RecordReader {
 public:
  RecordReader(const ReaderOptions& options, const std::vector<std::string>& wanted, const std::string& path,
               ArticleSink& out)
      : options_(options), path_(path), out_(out) {
    parse_options_.keep_root_members = &wanted;
    // The tree costs 24 bytes a value: at most about 3/4 of the record's
    // own size.
    parse_options_.max_values = std::max<std::size_t>(options.max_record_bytes() / 32, 4096);
  }

  // Reads one record into an article for the sink; false when the sink
  // asked to stop. Releases r.text once parsed when it is big.
  bool read(Record& r) {
    const std::string error = parse_json(r.text, parse_options_, tree_);
    if (r.text.capacity() > (std::size_t{1} << 20)) std::string().swap(r.text);
    if (!error.empty()) {
      tree_.clear();
      fail(r.number, "not valid JSON: " + error);
      return true;
    }
    if (tree_.kind(0) != JsonTree::Kind::object) {
      fail(r.number, std::string("expected a JSON object, found ") + JsonTree::kind_name(tree_.kind(0)));
      tree_.clear();
      return true;
    }
    Article a;
    a.path = path_;
    a.line = r.number;
    a.id = field("id", " ");
    // A title given as an object is a CMS's rendered HTML (WordPress's
    // title.rendered): its text. A title string is text as it is, markup
    // and all.
    if (const std::optional<Index> t = find_field("title"); t && tree_.kind(*t) == JsonTree::Kind::object) {
      a.title = html::fragment_line(text_of(tree_, *t, " "));
    } else {
      a.title = collapse_whitespace(field("title", " "));
    }
    a.author = collapse_whitespace(field("author", ", "));
    // A byline as the publisher printed it ("By John Roe", the New York
    // Times' byline.original): the name.
    if (const auto lead = byline::lead_of(a.author, byline::Context::element); lead && lead->length < a.author.size())
      a.author = collapse_whitespace(a.author.substr(lead->length));
    a.source = collapse_whitespace(field("source", ", "));
    a.url = field("url", " ");
    a.language = field("language", " ");
    a.dateline = collapse_whitespace(field("dateline", " "));
    read_topics(a.topics);
    if (const std::optional<Index> b = find_field("body"); b && tree_.kind(*b) == JsonTree::Kind::string) {
      a.body = body_text(tree_.text(*b));  // no copy of a big body first
    } else {
      a.body = body_text(field("body", "\n\n"));
    }
    if (const std::optional<Index> d = find_field("date"); d && tree_.kind(*d) != JsonTree::Kind::null) {
      if (tree_.kind(*d) == JsonTree::Kind::number) {
        a.date = date_of_number(tree_.text(*d));
        if (!a.date)
          out_.problem({r.number, "date out of range '" + shorten(tree_.text(*d)) + "', indexed without a date", false});
      } else {
        const std::string text = text_of(tree_, *d, " ");
        // "8/9/2025" in the order of the record's declared language.
        a.date = parse_date(trim(text), {day_order_of(language_of_tag(a.language))});
        if (!a.date && !trim(text).empty()) {
          out_.problem({r.number, "unparseable date '" + shorten(text) + "', indexed without a date", false});
        }
      }
    }
    if (a.id.empty()) a.id = id_from_content(path_, a);
    tree_.clear();
    return out_.article(std::move(a));
  }

  void fail(std::uint64_t line, std::string message) { out_.problem({line, std::move(message), true}); }

 private:
  std::optional<Index> find_field(const std::string& name) const {
    if (auto it = options_.field_overrides.find(name); it != options_.field_overrides.end()) {
      return lookup(tree_, 0, it->second);
    }
    for (const std::string& key : synonyms_of(name)) {
      const std::optional<Index> m =
          key.find('.') == std::string::npos ? tree_.member(0, key) : lookup(tree_, 0, key);
      if (m && tree_.kind(*m) != JsonTree::Kind::null &&
          !(tree_.kind(*m) == JsonTree::Kind::string && tree_.text(*m).empty()))
        return m;
    }
    return std::nullopt;
  }

  // The topics of every key of the "topics" row present, in the table's
  // order (or of the --field topics=KEY key alone): a string is one topic,
  // except that a "keywords" string is a comma-separated list; an array
  // gives each element's text (an object's "name", see text_of).
  void read_topics(std::vector<std::string>& topics) const {
    const auto add = [&](Index v, bool list) {
      if (tree_.kind(v) == JsonTree::Kind::array) {
        // Numbers are a CMS's own ids (WordPress's "categories": [3, 7]),
        // no topic a reader knows.
        for (Index c = tree_.first_child(v); c < tree_.after(v); c = tree_.after(c))
          if (tree_.kind(c) != JsonTree::Kind::number) add_topic(topics, text_of(tree_, c, " "));
      } else if (list) {
        add_topic_list(topics, text_of(tree_, v, " "));
      } else {
        add_topic(topics, text_of(tree_, v, " "));
      }
    };
    if (auto it = options_.field_overrides.find("topics"); it != options_.field_overrides.end()) {
      if (const std::optional<Index> v = lookup(tree_, 0, it->second)) add(*v, false);
      return;
    }
    for (const std::string& key : synonyms_of("topics")) {
      if (const std::optional<Index> m = tree_.member(0, key)) add(*m, key == "keywords");
    }
  }

  // A body as paragraphs: a CMS's HTML (WordPress's content.rendered, the
  // Guardian's fields.body: a body that starts with a tag) reduced to its
  // text, as a feed's is, when it has no more tags than a page may
  // (ReaderOptions::max_page_tags); else text split at its blank lines,
  // markup in it kept as text ("The <b> tag ...").
  std::string body_text(std::string_view text) const {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    const bool starts_with_tag = first != std::string_view::npos && text[first] == '<' && first + 1 < text.size() &&
                                 (std::isalpha(static_cast<unsigned char>(text[first + 1])) || text[first + 1] == '!');
    if (starts_with_tag && html::has_markup(text) &&
        static_cast<std::size_t>(std::count(text.begin(), text.end(), '<')) <= options_.max_page_tags()) {
      return html::fragment_text(std::string(text));
    }
    return paragraphs_from_text(text);
  }

  std::string field(const std::string& name, const char* sep) const {
    const std::optional<Index> v = find_field(name);
    return v ? text_of(tree_, *v, sep) : std::string();
  }

  const ReaderOptions& options_;
  const std::string& path_;
  ArticleSink& out_;
  JsonParseOptions parse_options_;
  JsonTree tree_;
};

}  // namespace

const std::vector<std::string>& json_article_fields() {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> out;
    for (const Synonyms& s : field_synonyms()) out.emplace_back(s.field);
    return out;
  }();
  return fields;
}

JsonReader::JsonReader(ReaderOptions options) : Reader(std::move(options)) {
  // The members of a record any field may come from; the others are not
  // kept when a record is parsed.
  for (const Synonyms& s : field_synonyms()) {
    auto it = this->options().field_overrides.find(s.field);
    if (it == this->options().field_overrides.end()) {
      for (const std::string& key : s.keys) wanted_keys_.push_back(key.substr(0, key.find('.')));
    } else {
      wanted_keys_.push_back(it->second);                             // "dc.creator" as one key
      wanted_keys_.push_back(it->second.substr(0, it->second.find('.')));  // "meta" of "meta.head"
    }
  }
  std::sort(wanted_keys_.begin(), wanted_keys_.end());
  wanted_keys_.erase(std::unique(wanted_keys_.begin(), wanted_keys_.end()), wanted_keys_.end());
}

void JsonReader::read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const {
  Utf8Source text(in);
  if (text.encoding() == Encoding::binary) {
    out.problem({0, "binary file, not JSON", true});
    return;
  }
  const std::size_t max_record = options().max_record_bytes();
  RecordScanner scanner(text, max_record, kMaxJsonDepth);
  RecordReader records(options(), wanted_keys_, path, out);
  Record r;
  bool repaired = false;
  while (scanner.next(r)) {
    if (r.too_deep) {
      records.fail(r.number, "nested too deeply (more than " + std::to_string(kMaxJsonDepth) +
                                 " levels of arrays and objects)");
    } else if (r.too_large) {
      records.fail(r.number, "record too large (" + human_size(r.size) + ", limit " + human_size(max_record) +
                                 "; see --max-article-size)");
    } else {
      if (!is_valid_utf8(r.text)) {
        r.text = repair_utf8(r.text);
        if (!repaired) out.problem({r.number, "invalid UTF-8 repaired (decoded as Windows-1252/Latin-1)", false});
        repaired = true;
      }
      if (!records.read(r)) return;
    }
  }
  if (scanner.blank()) {
    out.problem({0, "empty file", true, true});
    return;
  }
  for (Problem& p : scanner.end_problems()) out.problem(std::move(p));
}

}  // namespace newsdex
