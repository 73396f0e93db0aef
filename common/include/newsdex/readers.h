// Readers: one class per input format, each turning a file's bytes into
// Articles. Readers never touch the index and never throw on bad input:
// every problem becomes a Problem naming the line (where there is one).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
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
};

struct ReadResult {
  std::vector<Article> articles;
  std::vector<Problem> problems;
};

// Options shared by every reader.
struct ReaderOptions {
  // JSON readers: Article field name -> the input field to take it from,
  // overriding the built-in synonyms (`--field title=headline_text`).
  // Keys: id, title, date, author, source, url, body.
  std::map<std::string, std::string> field_overrides;
  // Limits on what one article may hold, enforced on every article by the
  // readers reader_for_path returns (0: no limit). A body longer than
  // max_body_bytes is cut (at a word boundary near the limit) with a
  // warning; a title, author, source or url longer than max_field_bytes is
  // cut the same way; an id longer than max_field_bytes fails the article.
  std::size_t max_body_bytes = std::size_t{8} << 20;
  std::size_t max_field_bytes = 4096;
};

class Reader {
 public:
  virtual ~Reader() = default;

  // Parses one file. `path` is used for Article::path, for ids derived from
  // the path and in nothing else (the reader does not open it). `bytes` is
  // the raw file content in any encoding; the reader repairs it to UTF-8.
  // Every returned Article has a non-empty id and path.
  virtual ReadResult read(const std::string& path, std::string_view bytes) const = 0;
};

// Plain text (.txt): headline on the first non-empty line, then body.
class TextReader final : public Reader {
 public:
  explicit TextReader(ReaderOptions options = {});
  ReadResult read(const std::string& path, std::string_view bytes) const override;
 private:
  ReaderOptions options_;
};

// JSON Lines (.jsonl, .ndjson): one object a line; JSON (.json): one object
// or an array of objects.
class JsonReader final : public Reader {
 public:
  explicit JsonReader(ReaderOptions options = {});
  ReadResult read(const std::string& path, std::string_view bytes) const override;
 private:
  ReaderOptions options_;
};

// HTML (.html, .htm): metadata from <meta>/JSON-LD, body by content extraction.
class HtmlReader final : public Reader {
 public:
  explicit HtmlReader(ReaderOptions options = {});
  ReadResult read(const std::string& path, std::string_view bytes) const override;
 private:
  ReaderOptions options_;
};

// The reader for a file name, chosen by its extension (case-insensitive), or
// nullptr when newsdex does not read that kind of file. The reader enforces
// options' article limits (see ReaderOptions::max_body_bytes).
std::unique_ptr<Reader> reader_for_path(const std::string& path, const ReaderOptions& options);

// True when reader_for_path would return a reader for this file name
// (without allocating one).
bool has_reader_for(std::string_view path);

// The id given to a one-article file's article that has none of its own:
// its path.
std::string id_from_path(const std::string& path);

// The id given to a record of a many-article file (a JSON Lines line, an
// element of a JSON array) that has none of its own: the path, '#' and a
// hash of what the record holds (title, date, author, source, url, body),
// so that its identity does not depend on its position in the file.
// Two such records with the same content get the same id.
std::string id_from_content(const std::string& path, const Article& record);

}  // namespace newsdex
