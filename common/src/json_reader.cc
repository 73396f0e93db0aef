#include <nlohmann/json.hpp>

#include "newsdex/dates.h"
#include "newsdex/encoding.h"
#include "newsdex/readers.h"
#include "reader_util.h"

namespace newsdex {

namespace {

using nlohmann::json;

// Epoch seconds of 1000-01-01 and 9999-12-31T23:59:59Z, the years
// parse_date accepts; a number outside them (or NaN) is not a date.
constexpr double kMinEpochSeconds = -30610224000.0;
constexpr double kMaxEpochSeconds = 253402300799.0;

// Field names real exports use, in order of preference.
const std::map<std::string, std::vector<std::string>>& field_synonyms() {
  static const std::map<std::string, std::vector<std::string>> synonyms = {
      {"id", {"id", "guid", "_id", "uuid", "article_id", "url", "link"}},
      {"title", {"title", "headline", "name", "subject"}},
      {"date", {"date", "published", "pubDate", "datePublished", "published_at", "publishedAt",
                "pub_date", "publication_date", "created_at", "timestamp", "time"}},
      {"author", {"author", "byline", "creator", "authors", "dc:creator", "writer"}},
      {"source", {"source", "publisher", "site_name", "siteName", "site", "outlet", "feed"}},
      {"url", {"url", "link", "canonical_url", "permalink", "webUrl"}},
      {"body", {"body", "text", "content", "articleBody", "article_body", "description",
                "summary", "bodyText"}},
  };
  return synonyms;
}

// Looks up a dotted path ("content.text") in an object.
const json* lookup(const json& obj, const std::string& path) {
  const json* cur = &obj;
  std::size_t start = 0;
  while (true) {
    if (!cur->is_object()) return nullptr;
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    auto it = cur->find(key);
    if (it == cur->end()) {
      // A key may itself contain dots ("dc.creator"): try the rest whole.
      auto whole = cur->find(path.substr(start));
      return whole == cur->end() ? nullptr : &*whole;
    }
    cur = &*it;
    if (dot == std::string::npos) return cur;
    start = dot + 1;
  }
}

// The text of a field value: strings as they are, numbers printed, objects
// by their "name"/"text"/"value"/"@value" member, arrays joined with `sep`.
std::string text_of(const json& v, const char* sep) {
  switch (v.type()) {
    case json::value_t::string:
      return v.get<std::string>();
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return v.dump();
    case json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case json::value_t::object:
      for (const char* key : {"name", "text", "value", "@value", "#text", "content"}) {
        auto it = v.find(key);
        if (it != v.end()) return text_of(*it, sep);
      }
      return {};
    case json::value_t::array: {
      std::string out;
      for (const json& item : v) {
        std::string t = text_of(item, sep);
        if (t.empty()) continue;
        if (!out.empty()) out += sep;
        out += t;
      }
      return out;
    }
    default:
      return {};
  }
}

class RecordReader {
 public:
  RecordReader(const ReaderOptions& options, const std::string& path, ReadResult& result)
      : options_(options), path_(path), result_(result) {}

  // Reads one parsed record found at `line` (1-based line or record number).
  void read(const json& record, std::uint64_t line) {
    if (!record.is_object()) {
      fail(line, std::string("expected a JSON object, found ") + record.type_name());
      return;
    }
    Article a;
    a.path = path_;
    a.line = line;
    a.id = field(record, "id", " ");
    a.title = collapse_whitespace(field(record, "title", " "));
    a.author = collapse_whitespace(field(record, "author", ", "));
    a.source = collapse_whitespace(field(record, "source", ", "));
    a.url = field(record, "url", " ");
    a.body = paragraphs_from_text(field(record, "body", "\n\n"));
    // A record with its own id is an article even without text (wire
    // briefs often are); without an id, title or body there is nothing.
    if (a.id.empty() && a.title.empty() && a.body.empty()) {
      fail(line, "record has no id, title or body field");
      return;
    }
    if (const json* d = find_field(record, "date"); d != nullptr && !d->is_null()) {
      if (d->is_number()) {
        double n = d->get<double>();
        if (n > 1e11) n /= 1000;  // milliseconds
        if (n >= kMinEpochSeconds && n <= kMaxEpochSeconds) {
          a.date = static_cast<UnixTime>(n);
        } else {
          result_.problems.push_back({line, "date out of range '" + shorten(d->dump()) + "', indexed without a date", false});
        }
      } else {
        const std::string text = text_of(*d, " ");
        a.date = parse_date(trim(text));
        if (!a.date && !trim(text).empty()) {
          result_.problems.push_back({line, "unparseable date '" + shorten(text) + "', indexed without a date", false});
        }
      }
    }
    if (a.id.empty()) a.id = id_from_content(path_, a);
    result_.articles.push_back(std::move(a));
  }

  void fail(std::uint64_t line, std::string message) {
    result_.problems.push_back({line, std::move(message), true});
  }

 private:
  const json* find_field(const json& record, const std::string& name) const {
    if (auto it = options_.field_overrides.find(name); it != options_.field_overrides.end()) {
      return lookup(record, it->second);
    }
    for (const std::string& key : field_synonyms().at(name)) {
      auto it = record.find(key);
      if (it != record.end() && !it->is_null() && !(it->is_string() && it->get_ref<const std::string&>().empty())) {
        return &*it;
      }
    }
    return nullptr;
  }

  std::string field(const json& record, const std::string& name, const char* sep) const {
    const json* v = find_field(record, name);
    return v == nullptr ? std::string() : text_of(*v, sep);
  }

  const ReaderOptions& options_;
  const std::string& path_;
  ReadResult& result_;
};

bool is_blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

// nlohmann's description of why `text` does not parse, without its
// "[json.exception...]" tag.
std::string parse_error_of(std::string_view text) {
  try {
    json ignored = json::parse(text.begin(), text.end());
    static_cast<void>(ignored);
  } catch (const json::exception& e) {
    std::string m = e.what();
    if (auto close = m.find("] "); m.rfind("[json.exception", 0) == 0 && close != std::string::npos) m.erase(0, close + 2);
    return m;
  }
  return "unknown error";
}

}  // namespace

JsonReader::JsonReader(ReaderOptions options) : options_(std::move(options)) {}

ReadResult JsonReader::read(const std::string& path, std::string_view bytes) const {
  ReadResult result;
  Decoded decoded = decode_text(bytes);
  if (decoded.encoding == Encoding::binary) {
    result.problems.push_back({0, "binary file, not JSON", true});
    return result;
  }
  if (decoded.encoding == Encoding::utf8_repaired) {
    result.problems.push_back({0, "invalid UTF-8 repaired (decoded as Windows-1252/Latin-1)", false});
  }
  const std::string& text = decoded.text;
  if (is_blank(text)) {
    result.problems.push_back({0, "empty file", true});
    return result;
  }
  RecordReader records(options_, path, result);

  // A whole-file JSON document (an array of articles or one article)...
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (text[first] == '[' || text[first] == '{') {
    json doc = json::parse(text, nullptr, false);
    if (!doc.is_discarded()) {
      if (doc.is_array()) {
        std::uint64_t n = 0;
        for (const json& record : doc) records.read(record, ++n);
        if (n == 0) result.problems.push_back({0, "empty JSON array", true});
        return result;
      }
      records.read(doc, 1);
      return result;
    } else if (text[first] == '[') {
      result.problems.push_back({0, "not valid JSON (an array that does not parse)", true});
      return result;
    }
  }

  // ...or JSON Lines: one object a line, blank lines allowed.
  std::uint64_t line = 0;
  for (std::size_t p = 0; p < text.size();) {
    std::size_t e = text.find('\n', p);
    if (e == std::string::npos) e = text.size();
    ++line;
    std::string_view l(text.data() + p, e - p);
    p = e + 1;
    if (is_blank(l)) continue;
    json record = json::parse(l.begin(), l.end(), nullptr, false);
    if (record.is_discarded()) {
      records.fail(line, "not valid JSON: " + parse_error_of(l));
      continue;
    }
    records.read(record, line);
  }
  return result;
}

}  // namespace newsdex
