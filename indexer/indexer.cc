#include "indexer.h"

#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <sys/stat.h>
#include <unordered_set>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "newsdex/database.h"
#include "newsdex/document.h"
#include "newsdex/entities.h"
#include "walk.h"

namespace newsdex {

namespace {

std::string location(const std::string& path, std::uint64_t line) {
  return line == 0 ? path : path + ":" + std::to_string(line);
}

// Reads a whole file. Returns false with `error` set on failure.
bool slurp(const std::string& path, std::uint64_t max_bytes, std::string& out, std::string& error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    error = std::string("cannot read file: ") + std::strerror(errno);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error = "not a regular file";
    return false;
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    error = "file too large (" + std::to_string(st.st_size >> 20) + " MiB, limit " +
            std::to_string(max_bytes >> 20) + " MiB; see --max-file-size)";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot open file: ") + std::strerror(errno);
    return false;
  }
  out.resize(static_cast<std::size_t>(st.st_size));
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  if (in.bad()) {
    error = "read error";
    return false;
  }
  out.resize(static_cast<std::size_t>(in.gcount()));
  return true;
}

// Walks the inputs and hands each article to `consume`, reporting problems.
class ArticleSource {
 public:
  ArticleSource(const IndexOptions& options, const DiagnosticSink& diag, IndexStats& stats)
      : options_(options), diag_(diag), stats_(stats) {}

  void for_each(const std::function<void(Article&)>& consume) {
    walk_inputs(
        options_.inputs, WalkOptions{},
        [&](const std::string& path) {
          ReadResult r = read_file(path, options_);
          ++stats_.files;
          for (const Problem& p : r.problems) {
            diag_(location(path, p.line) + ": " + p.message, p.failed);
            if (p.failed) {
              ++stats_.failed;
            } else {
              ++stats_.warnings;
            }
          }
          for (Article& a : r.articles) consume(a);
        },
        [&](const std::string& path, const std::string& message) {
          diag_(path + ": " + message, true);
          ++stats_.failed;
        });
  }

 private:
  const IndexOptions& options_;
  const DiagnosticSink& diag_;
  IndexStats& stats_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::unique_ptr<EntityExtractor> load_extractor(const IndexOptions& options) {
  if (!options.extract_entities) return nullptr;
  return EntityExtractor::load(EntityOptions{});
}

}  // namespace

ReadResult read_file(const std::string& path, const IndexOptions& options) {
  ReadResult result;
  std::unique_ptr<Reader> reader = reader_for_path(path, options.reader);
  if (!reader) {
    result.problems.push_back({0, "unsupported file type (newsdex reads .txt, .jsonl, .ndjson, .json, .html, .htm)", true});
    return result;
  }
  std::string bytes;
  std::string error;
  if (!slurp(path, options.max_file_bytes, bytes, error)) {
    result.problems.push_back({0, error, true});
    return result;
  }
  if (bytes.empty()) {
    result.problems.push_back({0, "empty file", true});
    return result;
  }
  return reader->read(path, bytes);
}

IndexStats run_print(const IndexOptions& options, const DiagnosticSink& diag) {
  const auto start = std::chrono::steady_clock::now();
  IndexStats stats;
  std::unique_ptr<EntityExtractor> extractor = load_extractor(options);
  ArticleSource source(options, diag, stats);
  source.for_each([&](Article& a) {
    if (extractor) a.entities = extractor->extract(a);
    std::cout << article_to_json(a) << '\n';
    ++stats.added;
  });
  std::cout.flush();
  stats.seconds = seconds_since(start);
  return stats;
}

IndexStats run_index(const IndexOptions& options, const DiagnosticSink& diag) {
  const auto start = std::chrono::steady_clock::now();
  IndexStats stats;
  std::unique_ptr<EntityExtractor> extractor = load_extractor(options);
  Xapian::WritableDatabase db = open_for_writing(options.db_path);
  const std::string context = "writing to database '" + options.db_path + "'";

  // With an empty index every id is new unless this run saw it before.
  const bool fresh = db.get_doccount() == 0;
  std::unordered_set<std::string> seen;
  Xapian::TermGenerator tg = default_analyzer().make_term_generator();
  std::uint64_t pending = 0;

  ArticleSource source(options, diag, stats);
  try {
    source.for_each([&](Article& a) {
      if (extractor) a.entities = extractor->extract(a);
      Xapian::Document doc = make_document(a, tg);
      const std::string term = id_term(a.id);
      const bool seen_before = !seen.insert(a.id).second;
      if (seen_before) {
        diag(location(a.path, a.line) + ": duplicate id '" + a.id + "': this article replaces the earlier one", false);
        ++stats.warnings;
      }
      if (fresh && !seen_before) {
        db.add_document(doc);
        ++stats.added;
      } else {
        const bool exists = seen_before || db.term_exists(term);
        db.replace_document(term, doc);
        ++(exists ? stats.updated : stats.added);
      }
      if (++pending >= options.batch_size) {
        db.commit();
        pending = 0;
      }
    });
    db.commit();
  } catch (const Xapian::Error&) {
    rethrow_as_db_error(context);
  }
  stats.seconds = seconds_since(start);
  return stats;
}

}  // namespace newsdex
