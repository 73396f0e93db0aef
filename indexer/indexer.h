// The indexing pipeline: files -> readers -> Articles (+ entities) ->
// Xapian documents, committed in batches, re-running only what changed.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "newsdex/database.h"
#include "newsdex/readers.h"

namespace newsdex {

struct IndexOptions {
  std::string db_path;                // where to write (resolved by the caller)
  std::vector<std::string> inputs;    // files and directories
  ReaderOptions reader;
  std::uint64_t max_file_bytes = 256ull << 20;  // larger files are refused
  std::uint64_t batch_size = 10000;   // documents per commit
  bool extract_entities = true;
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

// What a run did. Articles count once each.
struct IndexStats {
  std::uint64_t added = 0;      // articles new to the index
  std::uint64_t updated = 0;    // articles whose content changed
  std::uint64_t deleted = 0;    // articles whose file or record vanished
  std::uint64_t unchanged = 0;  // articles found as they were indexed
  std::uint64_t failed = 0;     // files or records that could not be read
  std::uint64_t warnings = 0;   // articles indexed with something repaired
  std::uint64_t files = 0;      // files seen
  std::uint64_t files_read = 0; // files opened (the others were unchanged)
  double seconds = 0;
  bool stopped = false;         // ended early by options.stop
  std::vector<Failure> failures;
};

// Receives one line per problem (no newline): "PATH[:LINE]: message".
using DiagnosticSink = std::function<void(const std::string& line, bool failed)>;
// Receives one line per planned change in a dry run: "add ID PATH[:LINE]".
using ActionSink = std::function<void(const std::string& line)>;

// Indexes options.inputs into options.db_path: new and changed files are
// read, unchanged ones (same size and mtime, or same content hash) are not
// opened, articles of vanished files or records under the inputs are
// deleted. Throws DbError when the database cannot be opened or written
// (nothing after the last commit is kept); EntityModelError when entities
// are on and the model is missing.
IndexStats run_index(const IndexOptions& options, const DiagnosticSink& diag, const ActionSink& actions);

// Prints each article of options.inputs as one JSON line on stdout (with
// entities when on), as it is read (read_input_file: the reading an index
// run does); indexes nothing.
IndexStats run_print(const IndexOptions& options, const DiagnosticSink& diag);

// Compacts the database into a new generation and switches readers to it
// atomically. Throws DbError.
void compact_index(const IndexOptions& options);

// The summary as JSON (one line), for --summary-json and the stored last
// run.
std::string stats_json(const IndexStats& stats, int exit_code);

}  // namespace newsdex
