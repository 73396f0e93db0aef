// The indexing pipeline: files -> readers -> Articles (+ entities) ->
// Xapian documents, committed in batches.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "newsdex/readers.h"

namespace newsdex {

struct IndexOptions {
  std::string db_path;                // where to write (resolved by the caller)
  std::vector<std::string> inputs;    // files and directories
  ReaderOptions reader;
  std::uint64_t max_file_bytes = 256ull << 20;  // larger files are refused
  std::uint64_t batch_size = 10000;   // documents per commit
  bool extract_entities = true;
};

// What a run did. Articles count once each; files count once each.
struct IndexStats {
  std::uint64_t added = 0;      // articles new to the index
  std::uint64_t updated = 0;    // articles that replaced one with the same id
  std::uint64_t deleted = 0;
  std::uint64_t unchanged = 0;
  std::uint64_t failed = 0;     // files or records that could not be indexed
  std::uint64_t warnings = 0;   // articles indexed with something repaired
  std::uint64_t files = 0;      // files read
  double seconds = 0;
};

// Receives one line per problem (no newline): "PATH[:LINE]: message".
using DiagnosticSink = std::function<void(const std::string& line, bool failed)>;

// Reads one file with the reader for its type, applying the size limit.
// Problems go to `diag`; never throws for bad input.
ReadResult read_file(const std::string& path, const IndexOptions& options);

// Indexes options.inputs into options.db_path. Throws DbError when the
// database cannot be opened or written (nothing after the last commit is
// kept); EntityModelError when entities are on and the model is missing.
IndexStats run_index(const IndexOptions& options, const DiagnosticSink& diag);

// Prints each article of options.inputs as one JSON line on stdout (with
// entities when on); indexes nothing.
IndexStats run_print(const IndexOptions& options, const DiagnosticSink& diag);

}  // namespace newsdex
