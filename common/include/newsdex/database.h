// The Xapian edge: opening databases and turning Xapian's exceptions into
// newsdex's typed errors with context. Nothing above this layer catches
// Xapian::Error.
#pragma once

#include <stdexcept>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace newsdex {

enum class DbErrorKind {
  not_found,  // no database at the path
  locked,     // another writer holds the write lock
  interrupted,  // a signal arrived while waiting for the lock
  corrupt,    // the database cannot be read as a Xapian database
  io,         // an I/O or permission error
  other,
};

// An error at the Xapian edge. what() is one line naming the database.
class DbError : public std::runtime_error {
 public:
  DbError(DbErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  DbErrorKind kind() const { return kind_; }
 private:
  DbErrorKind kind_;
};

// The database path to use: `cli_value` when non-empty, else $NEWSDEX_DB
// when set and non-empty, else "newsdex.db".
std::string resolve_db_path(const std::string& cli_value);

// Opens `path` for searching (a newsdex database directory, a plain Xapian
// database or a stub file). Throws DbError (not_found when there is no
// database there).
Xapian::Database open_for_reading(const std::string& path);

// A newsdex database directory, opened for writing. Layout:
//   PATH/XAPIANDB            a Xapian stub file naming the live shards
//   PATH/gen-N/shard-K/      the live generation: K = 0..S-1 Xapian (glass)
//                            databases; an article lives in the shard
//                            shard_of(id, S) picks
//   PATH/newsdex.lock        flock()ed by the one writer
// Readers open PATH; Xapian follows the stub and searches the shards as one
// database. Replacing the live generation (rebuild, compact) is one atomic
// rename of the stub: a search never finds no index or a half-built one.
// A plain Xapian database at PATH (made by other tools) is opened as one
// shard, without generations.
class DatabaseWriter {
 public:
  struct Options {
    bool wait_for_lock = false;  // block until the lock is free
    unsigned shards = 1;         // shards of a database created now
  };

  // Opens PATH, creating it when missing, and takes the writer lock.
  // Throws DbError: locked (another writer; unless options.wait_for_lock),
  // io, corrupt, other.
  DatabaseWriter(const std::string& path, const Options& options);
  ~DatabaseWriter();
  DatabaseWriter(const DatabaseWriter&) = delete;
  DatabaseWriter& operator=(const DatabaseWriter&) = delete;

  // The live shards. Valid until publish() or destruction. Each may be
  // used by one thread at a time.
  std::vector<Xapian::WritableDatabase>& live() { return live_; }
  const std::string& path() const { return path_; }

  // Creates an empty generation of `shards` shards beside the live one and
  // returns them for writing. The live database stays open and searchable.
  // Throws DbError. REQUIRES: a generation layout (not a plain database).
  std::vector<Xapian::WritableDatabase>& start_generation(unsigned shards);

  // Writes each live shard compacted into a new generation (see
  // start_generation) without publishing it. Throws DbError.
  void compact_into_generation();

  // Commits and closes the new generation and makes it live by renaming the
  // stub; generations older than the one it replaces are removed (the one it
  // replaces stays for readers that still have it open). Afterwards live()
  // is the new generation. Throws DbError.
  void publish();

 private:
  std::string gen_dir(unsigned gen) const;
  void require_layered() const;

  std::string path_;
  int lock_fd_ = -1;
  bool layered_ = false;         // generation layout
  unsigned live_gen_ = 0;
  std::vector<Xapian::WritableDatabase> live_;
  unsigned next_gen_ = 0;
  std::vector<Xapian::WritableDatabase> next_;
};

// The shard (0..shards-1) an article id belongs to; stable across runs and
// versions.
unsigned shard_of(const std::string& id, unsigned shards);

struct IndexSummary {
  std::string path;
  Xapian::doccount articles = 0;
  std::string first_date;  // ISO 8601 of the oldest dated article, or ""
  std::string last_date;   // of the newest
  std::vector<std::pair<std::string, Xapian::doccount>> sources;  // by count, at most 20
  std::uint64_t bytes_on_disk = 0;  // of the live database
  std::string last_run;    // the last index run's summary (JSON), or ""
};

// Counts, date range, sources, size and last run of the database at
// `path`. Throws DbError.
IndexSummary summarize_index(const std::string& path);

// The summary for people (several lines) and as one JSON object.
std::string summary_text(const IndexSummary& summary);
std::string summary_json(const IndexSummary& summary);

// Converts the Xapian exception being handled into a DbError with
// `context` (e.g. "committing to newsdex.db"). REQUIRES: called inside a
// catch block for Xapian::Error.
[[noreturn]] void rethrow_as_db_error(const std::string& context);

}  // namespace newsdex
