#include "newsdex/readers.h"

#include "newsdex/encoding.h"
#include "reader_util.h"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <limits>

namespace newsdex {

namespace {

// A size for messages: "812 bytes", "12 KiB", "50 MiB".
std::string human_size(std::size_t n) {
  if (n < (std::size_t{1} << 10)) return std::to_string(n) + " bytes";
  if (n < (std::size_t{1} << 20)) return std::to_string(n >> 10) + " KiB";
  return std::to_string(n >> 20) + " MiB";
}

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

// Applies options' limits to every article of `result`, adding one warning
// per cut field and one failure per article dropped.
void enforce_limits(ReadResult& result, const ReaderOptions& options) {
  std::vector<Article> kept;
  kept.reserve(result.articles.size());
  for (Article& a : result.articles) {
    // Every field leaves a reader as valid UTF-8, whatever a parser let
    // through (an HTML page's unknown charset, for one).
    repair_text_fields(a);
    if (options.max_field_bytes != 0 && a.id.size() > options.max_field_bytes) {
      result.problems.push_back({a.line,
                                 "id too long (" + human_size(a.id.size()) + ", limit " +
                                     human_size(options.max_field_bytes) + ")",
                                 true});
      continue;
    }
    std::string cuts;
    auto limit = [&](std::string& field, const char* name, std::size_t max) {
      if (max == 0 || field.size() <= max) return;
      if (!cuts.empty()) cuts += ", ";
      cuts += std::string(name) + " (" + human_size(field.size()) + ")";
      field.resize(cut_point(field, max));
    };
    limit(a.title, "title", options.max_field_bytes);
    limit(a.author, "author", options.max_field_bytes);
    limit(a.source, "source", options.max_field_bytes);
    limit(a.url, "url", options.max_field_bytes);
    const bool body_cut = options.max_body_bytes != 0 && a.body.size() > options.max_body_bytes;
    limit(a.body, "body", options.max_body_bytes);
    if (!cuts.empty()) {
      std::string message = "too long, cut: " + cuts;
      if (body_cut) message += "; the body is indexed up to " + human_size(options.max_body_bytes) +
                               " (see --max-article-size)";
      result.problems.push_back({a.line, std::move(message), false});
    }
    kept.push_back(std::move(a));
  }
  result.articles = std::move(kept);
}

// A reader that enforces ReaderOptions' limits on another reader's output.
class LimitedReader final : public Reader {
 public:
  LimitedReader(std::unique_ptr<Reader> inner, const ReaderOptions& options)
      : inner_(std::move(inner)), options_(options) {}

  ReadResult read(const std::string& path, std::string_view bytes) const override {
    ReadResult result = inner_->read(path, bytes);
    enforce_limits(result, options_);
    return result;
  }

 private:
  std::unique_ptr<Reader> inner_;
  ReaderOptions options_;
};

}  // namespace

namespace {

enum class Format { none, text, json, html };

// The one table of file extensions newsdex reads.
Format format_of(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return Format::none;
  const std::string_view ext = path.substr(dot + 1);
  if (ext.size() > 6) return Format::none;
  char buf[8] = {};
  for (std::size_t i = 0; i < ext.size(); ++i) {
    const char c = ext[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view e(buf, ext.size());
  if (e == "txt" || e == "text") return Format::text;
  if (e == "jsonl" || e == "ndjson" || e == "json") return Format::json;
  if (e == "html" || e == "htm" || e == "xhtml") return Format::html;
  return Format::none;
}

}  // namespace

std::unique_ptr<Reader> reader_for_path(const std::string& path, const ReaderOptions& options) {
  std::unique_ptr<Reader> reader;
  switch (format_of(path)) {
    case Format::text: reader = std::make_unique<TextReader>(options); break;
    case Format::json: reader = std::make_unique<JsonReader>(options); break;
    case Format::html: reader = std::make_unique<HtmlReader>(options); break;
    case Format::none: return nullptr;
  }
  return std::make_unique<LimitedReader>(std::move(reader), options);
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

bool has_reader_for(std::string_view path) { return format_of(path) != Format::none; }

}  // namespace newsdex
