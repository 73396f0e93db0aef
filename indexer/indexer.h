// The indexing pipeline: files -> readers -> Articles (+ entities) ->
// Xapian documents, committed in batches, re-running only what changed.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "newsdex/database.h"
#include "newsdex/readers.h"

namespace newsdex {

// The archive settings a command line gives; what it leaves unset comes
// from what the database remembers (ArchiveSettings), else the defaults.
struct GivenSettings {
  std::map<std::string, std::string> fields;  // --field NAME=SOURCE; "" removes NAME's mapping
  std::optional<bool> entities;               // --entities / --no-entities
  std::optional<std::uint64_t> max_file_bytes;
  std::optional<std::uint64_t> max_article_bytes;
  // --aliases FILE: the alias file's text (identity.h), kept by the
  // database for later runs, and its name for messages.
  std::optional<std::string> alias_rules;
  std::string alias_rules_origin;
};

struct IndexOptions {
  std::string db_path;                // where to write (resolved by the caller)
  // Files and directories to index. Empty: the roots the database
  // remembers (an error when it remembers none).
  std::vector<std::string> inputs;
  GivenSettings given;
  // The effective settings, set by run_index and run_print from `given`
  // and what the database remembers (values set here are overwritten).
  ReaderOptions reader;
  std::uint64_t max_file_bytes = 256ull << 20;  // larger files are refused
  bool extract_entities = true;
  std::uint64_t batch_size = 10000;   // documents per commit
  // How a database created by this run (or by --rebuild) is sharded; an
  // existing database keeps its own policy (giving another is an error
  // without --rebuild).
  ShardPolicy policy;
  bool policy_given = false;
  unsigned threads = 1;       // writer threads (shards are spread over them)
  bool dry_run = false;     // decide and report, change nothing
  bool rebuild = false;     // build a new generation and switch to it
  bool wait_for_lock = false;
  bool progress = false;    // draw a progress bar on stderr
  // A run that would delete more than this percentage of the articles
  // under one root deletes nothing under that root (and exits 1); 100
  // never blocks. allow_delete lets any deletion through.
  unsigned max_delete_percent = 50;
  bool allow_delete = false;
  // Also delete the articles of every remembered file that no longer
  // exists, under any remembered root, and forget roots that no longer
  // exist (subject to max_delete_percent like any deletion).
  bool prune = false;
  // Set (from a signal handler) to stop after the current article; what was
  // done is committed. May be null.
  const std::atomic<int>* stop = nullptr;
};

// One input that could not be indexed (or a record of it).
struct Failure {
  std::string path;
  std::uint64_t line = 0;
  std::string reason;
};

// Deletions a run refused under one root (see max_delete_percent).
struct BlockedDeletion {
  std::string root;
  std::uint64_t would_delete = 0;  // articles (counted from the file records)
  std::uint64_t articles = 0;      // the root's articles before the run
};

// What a run did. Articles count once each.
struct IndexStats {
  std::uint64_t added = 0;      // articles new to the index
  std::uint64_t updated = 0;    // articles whose content changed
  std::uint64_t deleted = 0;    // articles whose file or record vanished
  std::uint64_t unchanged = 0;  // articles found as they were indexed
  std::uint64_t failed = 0;     // files or records that could not be read
  std::uint64_t warnings = 0;   // articles indexed with something repaired
  std::uint64_t collisions = 0; // records whose id another record holds (reported every run)
  std::uint64_t reresolved = 0; // stored articles whose entities the archive's new alias table changed
  std::uint64_t files = 0;      // files seen
  std::uint64_t files_read = 0; // files opened (the others were unchanged)
  std::map<std::string, std::uint64_t> skipped;  // files not read, by extension (".xml"; "" for none)
  std::vector<BlockedDeletion> blocked;
  double seconds = 0;
  bool stopped = false;         // ended early by options.stop
  std::vector<Failure> failures;

  std::uint64_t skipped_total() const;
};

// Receives one line per problem (no newline): "PATH[:LINE]: message".
using DiagnosticSink = std::function<void(const std::string& line, bool failed)>;
// Receives one line per planned change in a dry run: "add ID PATH[:LINE]".
using ActionSink = std::function<void(const std::string& line)>;
// Receives one line for each thing a run did beside indexing that a user
// should hear of (an old index generation removed or kept).
using NoticeSink = std::function<void(const std::string& line)>;

// Indexes options.inputs into options.db_path: new and changed files are
// read, unchanged ones (same size and mtime, or same content hash) are not
// opened, articles of vanished files or records under the inputs are
// deleted (unless more than options.max_delete_percent of a root's). A run
// whose inputs all cannot be walked creates no database. Throws DbError
// when the database cannot be opened or written (nothing after the last
// commit is kept); EntityModelError when entities are on and the model is
// missing; std::invalid_argument when there are no inputs and the
// database remembers no roots.
IndexStats run_index(const IndexOptions& options, const DiagnosticSink& diag, const ActionSink& actions,
                     const NoticeSink& notice = {});

// Prints each article of options.inputs as one JSON line on stdout (with
// entities when on), as an index run into options.db_path would read it
// (read_input_file, with the settings that database remembers); indexes
// nothing. Throws DbError when that database's settings cannot be read.
IndexStats run_print(const IndexOptions& options, const DiagnosticSink& diag);

// Compacts the database into a new generation and switches readers to it
// atomically. Throws DbError (not_found when there is no database).
void compact_index(const IndexOptions& options, const NoticeSink& notice = {});

// The summary line (without "newsdex-index: " and newline):
// "added A, updated U, deleted D, unchanged N, failed F in T s", then
// "; skipped S: .xml 7, .gz 3" and "; collisions C" when there are any.
std::string stats_line(const IndexStats& stats);

// The summary as JSON (one line), for --summary-json and the stored last
// run.
std::string stats_json(const IndexStats& stats, int exit_code);

}  // namespace newsdex
