#include "indexer.h"

#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "file_state.h"
#include "newsdex/analyzer.h"
#include "newsdex/database.h"
#include "newsdex/document.h"
#include "newsdex/entities.h"
#include "newsdex/schema.h"
#include "progress.h"
#include "walk.h"

namespace newsdex {

namespace {

std::string location(const std::string& path, std::uint64_t line) {
  return line == 0 ? path : path + ":" + std::to_string(line);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::int64_t mtime_ns_of(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// Reads a whole file of known size. Returns false with `error` set.
bool slurp(const std::string& path, std::uint64_t size, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot open file: ") + std::strerror(errno);
    return false;
  }
  out.resize(static_cast<std::size_t>(size));
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  if (in.bad()) {
    error = "read error";
    return false;
  }
  out.resize(static_cast<std::size_t>(in.gcount()));
  return true;
}

// Stats `path` for indexing: a regular file within the size limit.
bool stat_input(const std::string& path, std::uint64_t max_bytes, struct stat& st, std::string& error) {
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
  return true;
}

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
  return buf;
}

std::unique_ptr<EntityExtractor> load_extractor(const IndexOptions& options) {
  if (!options.extract_entities) return nullptr;
  return EntityExtractor::load(EntityOptions{});
}

// Absolute, lexically normal form of a user-given path, so the same file
// has one identity whatever directory newsdex-index runs from.
std::string absolute_path(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(path, ec);
  if (ec) return path;
  std::string s = p.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// True when `path` is `root` or inside the directory `root`.
bool under(const std::string& path, const std::string& root) {
  if (path == root) return true;
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         (root.back() == '/' || path[root.size()] == '/');
}

// One index run: the state shared by the per-file and per-article steps.
class Run {
 public:
  Run(const IndexOptions& options, const DiagnosticSink& diag, const ActionSink& actions, IndexStats& stats)
      : start_(std::chrono::steady_clock::now()), options_(options), diag_(diag), actions_(actions), stats_(stats),
        tg_(default_analyzer().make_term_generator()) {}

  void execute() {
    std::vector<std::string> roots;
    for (const std::string& in : options_.inputs) roots.push_back(absolute_path(in));
    std::vector<std::string> files;
    walk_inputs(roots, WalkOptions{}, [&](const std::string& path) { files.push_back(path); },
                [&](const std::string& path, const std::string& message) { fail(path, 0, message); });
    stats_.files = files.size();

    if (!options_.dry_run) extractor_ = load_extractor(options_);
    open_database();
    known_ = load_file_states(*db_);
    fresh_ = db_->get_doccount() == 0;

    Progress progress(options_.progress, files.size());
    std::set<std::string> present(files.begin(), files.end());
    for (const std::string& path : files) {
      if (stopping()) break;
      index_file(path);
      progress.file_done(stats_.added + stats_.updated + stats_.unchanged);
    }
    progress.finish();
    if (!stopping()) {
      for (const auto& [path, state] : known_) {
        if (present.count(path)) continue;
        bool in_scope = false;
        for (const std::string& root : roots) in_scope = in_scope || under(path, root);
        if (in_scope) delete_file(path);
      }
    }
    finish();
  }

 private:
  bool stopping() {
    if (options_.stop != nullptr && options_.stop->load() != 0) stats_.stopped = true;
    return stats_.stopped;
  }

  void fail(const std::string& path, std::uint64_t line, const std::string& reason) {
    diag_(location(path, line) + ": " + reason, true);
    ++stats_.failed;
    stats_.failures.push_back({path, line, reason});
  }

  void open_database() {
    if (options_.dry_run) {
      std::error_code ec;
      if (std::filesystem::exists(options_.db_path, ec)) reader_ = open_for_reading(options_.db_path);
      db_ = &reader_;
      return;
    }
    writer_.emplace(options_.db_path, DatabaseWriter::Options{options_.wait_for_lock});
    out_ = options_.rebuild ? &writer_->start_generation() : &writer_->live();
    db_ = out_;
  }

  void index_file(const std::string& path) {
    struct stat st {};
    std::string error;
    if (!stat_input(path, options_.max_file_bytes, st, error)) {
      fail(path, 0, error);
      return;
    }
    FileState state{path, static_cast<std::uint64_t>(st.st_size), mtime_ns_of(st), 0, 0};
    const auto known = known_.find(path);
    if (known != known_.end() && known->second.size == state.size && known->second.mtime_ns == state.mtime_ns) {
      stats_.unchanged += known->second.articles;
      return;
    }
    std::unique_ptr<Reader> reader = reader_for_path(path, options_.reader);
    if (!reader) {
      fail(path, 0, "unsupported file type (newsdex reads .txt, .jsonl, .ndjson, .json, .html, .htm)");
      return;
    }
    std::string bytes;
    if (!slurp(path, state.size, bytes, error)) {
      fail(path, 0, error);
      return;
    }
    ++stats_.files_read;
    if (bytes.empty()) {
      fail(path, 0, "empty file");
      return;
    }
    state.hash = content_hash(bytes);
    if (known != known_.end() && known->second.hash == state.hash) {
      // Touched but not changed: remember the new time, read nothing more.
      stats_.unchanged += known->second.articles;
      state.articles = known->second.articles;
      if (out_ != nullptr) save_file_state(*out_, state);
      return;
    }

    ReadResult result = reader->read(path, bytes);
    bytes.clear();
    bool had_failure = false;
    for (const Problem& p : result.problems) {
      if (p.failed) {
        fail(path, p.line, p.message);
        had_failure = true;
      } else {
        diag_(location(path, p.line) + ": " + p.message, false);
        ++stats_.warnings;
      }
    }
    std::unordered_set<std::string> ids;
    for (Article& a : result.articles) {
      if (stopping()) return;  // the file's state is not saved: re-read next run
      ids.insert(a.id);
      index_article(a);
    }
    // Records that vanished from a file (not when some failed to parse: a
    // broken line is not a deletion).
    if (!had_failure && !fresh_) delete_vanished(path, &ids);
    if (had_failure) return;  // re-read next run, so its failures are reported again
    state.articles = result.articles.size();
    if (out_ != nullptr) save_file_state(*out_, state);
  }

  void index_article(Article& a) {
    const std::string hash = hex64(content_hash(article_to_json(a)));
    const std::string term = id_term(a.id);
    const bool repeat = !seen_.insert(a.id).second;
    if (repeat) {
      diag_(location(a.path, a.line) + ": duplicate id '" + a.id + "': this article replaces the earlier one", false);
      ++stats_.warnings;
    }
    bool exists = repeat;
    if (!fresh_ && !repeat) {
      auto pl = db_->postlist_begin(term);
      if (pl != db_->postlist_end(term)) {
        exists = true;
        if (db_->get_document(*pl).get_value(schema::kHashSlot) == hash) {
          ++stats_.unchanged;
          return;
        }
      }
    }
    ++(exists ? stats_.updated : stats_.added);
    if (options_.dry_run) {
      actions_(std::string(exists ? "update " : "add ") + a.id + " " + location(a.path, a.line));
      return;
    }
    if (extractor_) a.entities = extractor_->extract(a);
    Xapian::Document doc = make_document(a, tg_);
    doc.add_value(schema::kHashSlot, hash);
    if (exists || !fresh_) {
      out_->replace_document(term, doc);
    } else {
      out_->add_document(doc);
    }
    written();
  }

  // Deletes the articles of file `path` whose ids are not in `keep` (all of
  // them when keep is null).
  void delete_vanished(const std::string& path, const std::unordered_set<std::string>* keep) {
    const std::string fterm = file_term(path);
    std::vector<Xapian::docid> doomed;
    std::vector<std::string> doomed_ids;
    for (auto it = db_->postlist_begin(fterm); it != db_->postlist_end(fterm); ++it) {
      std::string id;
      auto tl = db_->termlist_begin(*it);
      tl.skip_to(std::string(schema::kIdPrefix));
      if (tl != db_->termlist_end(*it) && (*tl).compare(0, schema::kIdPrefix.size(), schema::kIdPrefix) == 0) {
        id = (*tl).substr(schema::kIdPrefix.size());
      }
      if (keep != nullptr && keep->count(id)) continue;
      doomed.push_back(*it);
      doomed_ids.push_back(id);
    }
    for (std::size_t i = 0; i < doomed.size(); ++i) {
      ++stats_.deleted;
      if (options_.dry_run) {
        actions_("delete " + doomed_ids[i] + " " + path);
        continue;
      }
      out_->delete_document(doomed[i]);
      written();
    }
  }

  void delete_file(const std::string& path) {
    delete_vanished(path, nullptr);
    if (out_ != nullptr) erase_file_state(*out_, path);
  }

  void written() {
    if (++pending_ >= options_.batch_size) {
      out_->commit();
      pending_ = 0;
    }
  }

  void finish() {
    if (out_ == nullptr) return;
    if (options_.rebuild && stats_.stopped) return;  // never publish a partial rebuild
    const int code = stats_.stopped ? 128 + options_.stop->load() : (stats_.failed > 0 ? 1 : 0);
    stats_.seconds = seconds_since(start_);
    out_->set_metadata(std::string(schema::kLastRunKey), stats_json(stats_, code));
    out_->commit();
    if (options_.rebuild) writer_->publish();
  }

 public:
  // Compacts the live database into a new generation and switches to it.
  static void compact(const IndexOptions& options) {
    DatabaseWriter writer(options.db_path, DatabaseWriter::Options{options.wait_for_lock});
    writer.compact_into_generation();
    writer.publish();
  }

  std::chrono::steady_clock::time_point start_;
  const IndexOptions& options_;
  const DiagnosticSink& diag_;
  const ActionSink& actions_;
  IndexStats& stats_;
  Xapian::TermGenerator tg_;
  std::unique_ptr<EntityExtractor> extractor_;
  std::optional<DatabaseWriter> writer_;
  Xapian::Database reader_;                  // dry runs only
  Xapian::WritableDatabase* out_ = nullptr;  // null in a dry run
  const Xapian::Database* db_ = nullptr;     // where existing state is read
  std::map<std::string, FileState> known_;
  std::unordered_set<std::string> seen_;     // ids met in this run
  bool fresh_ = false;                       // the target started empty
  std::uint64_t pending_ = 0;
};

}  // namespace

ReadResult read_file(const std::string& path, const IndexOptions& options) {
  ReadResult result;
  std::unique_ptr<Reader> reader = reader_for_path(path, options.reader);
  if (!reader) {
    result.problems.push_back({0, "unsupported file type (newsdex reads .txt, .jsonl, .ndjson, .json, .html, .htm)", true});
    return result;
  }
  struct stat st {};
  std::string bytes, error;
  if (!stat_input(path, options.max_file_bytes, st, error) ||
      !slurp(path, static_cast<std::uint64_t>(st.st_size), bytes, error)) {
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
  walk_inputs(
      options.inputs, WalkOptions{},
      [&](const std::string& path) {
        ++stats.files;
        ReadResult r = read_file(path, options);
        for (const Problem& p : r.problems) {
          diag(location(path, p.line) + ": " + p.message, p.failed);
          if (p.failed) {
            ++stats.failed;
            stats.failures.push_back({path, p.line, p.message});
          }
        }
        for (Article& a : r.articles) {
          if (extractor) a.entities = extractor->extract(a);
          std::cout << article_to_json(a) << '\n';
          ++stats.added;
        }
      },
      [&](const std::string& path, const std::string& message) {
        diag(path + ": " + message, true);
        ++stats.failed;
        stats.failures.push_back({path, 0, message});
      });
  std::cout.flush();
  stats.seconds = seconds_since(start);
  return stats;
}

IndexStats run_index(const IndexOptions& options, const DiagnosticSink& diag, const ActionSink& actions) {
  const auto start = std::chrono::steady_clock::now();
  IndexStats stats;
  Run run(options, diag, actions, stats);
  try {
    run.execute();
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("writing to database '" + options.db_path + "'");
  }
  stats.seconds = seconds_since(start);
  return stats;
}

void compact_index(const IndexOptions& options) {
  try {
    Run::compact(options);
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("compacting database '" + options.db_path + "'");
  }
}

std::string stats_json(const IndexStats& s, int exit_code) {
  nlohmann::ordered_json failures = nlohmann::ordered_json::array();
  for (const Failure& f : s.failures) {
    failures.push_back({{"path", f.path}, {"line", f.line}, {"reason", f.reason}});
  }
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  nlohmann::ordered_json j = {
      {"added", s.added},         {"updated", s.updated}, {"deleted", s.deleted},
      {"unchanged", s.unchanged}, {"failed", s.failed},   {"warnings", s.warnings},
      {"files", s.files},         {"files_read", s.files_read},
      {"seconds", static_cast<double>(static_cast<long long>(s.seconds * 1000)) / 1000},
      {"stopped", s.stopped},     {"exit_code", exit_code},
      {"finished_at", format_iso8601(static_cast<UnixTime>(now))},
      {"failures", std::move(failures)},
  };
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace newsdex
