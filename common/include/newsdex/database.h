// The Xapian edge: opening databases and turning Xapian's exceptions into
// newsdex's typed errors with context. Nothing above this layer catches
// Xapian::Error.
#pragma once

#include <stdexcept>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace newsdex {

enum class DbErrorKind {
  not_found,  // no database at the path
  locked,     // another writer holds the write lock
  interrupted,  // a signal arrived while waiting for the lock
  corrupt,    // the database (or its stub file) cannot be read as one
  io,         // an I/O or permission error
  format,     // written in another index format (schema::kFormat): rebuild
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

// An open, read-only view of the databases some paths name, searched as one.
//
// Each path may be a newsdex database directory, a plain Xapian database
// directory or a Xapian stub file (lines `auto PATH`, `glass PATH`,
// `chert PATH`, `remote HOST:PORT`, `remote :PROGRAM ARGS`; blank lines and
// '#' lines ignored; relative paths from the stub's directory). newsdex
// reads stubs itself rather than handing them to Xapian: a stub that names
// itself, directly or through others, an empty stub and an unknown line are
// DbErrors, and the databases reached twice are opened once.
//
// `databases` are the leaves (each a local glass/chert database or a remote
// server) in stub order. Xapian stops a boolean match early only on a
// single database, so work that may stop early (facet counts over the
// first N matches) runs leaf by leaf; `all()` is every leaf as one
// database, whose ranking, totals and statistics are those of one database
// holding all their articles. `remote` is true when any leaf is remote, so
// only features Xapian's remote backend supports (its built-in match spies)
// may be used.
//
// While a view (or a copy of it) lives it holds a shared lock on each
// newsdex generation it reads, so newsdex-index does not remove that
// generation after a --rebuild or --compact until the view is gone.
struct Shards {
  std::vector<Xapian::Database> databases;
  bool remote = false;
  std::shared_ptr<const void> locks;  // the generation locks held

  Xapian::Database all() const;
};

// Opens `paths` as described at Shards. Throws DbError: not_found (no
// database at a path), corrupt (a bad or looping stub), format (a database
// holding articles in another index format, or a Xapian database newsdex
// did not write), io, other. REQUIRES: paths not empty.
Shards open_for_reading(const std::vector<std::string>& paths);

// Runs `fn` on a view of `paths` (open_for_reading) and returns when it
// returns. A newsdex-index run may commit, rebuild or compact while `fn`
// reads; Xapian then throws DatabaseModifiedError (the revision being read
// was discarded) or, for a block reused under the reader, a spurious
// DatabaseCorruptError (or another DatabaseError, "EOF reading block N"),
// or DocNotFoundError for a document id read before
// the revision moved on. These (and a database that vanished between
// reading a stub and opening it) make this open a fresh view and run `fn`
// again, with short growing waits, before giving up. Any other
// Xapian::Error, and the last one when it gives up, becomes a DbError whose
// message starts with `context`. `fn` must be safe to run more than once.
void read_consistently(const std::vector<std::string>& paths, const std::string& context,
                       const std::function<void(Shards&)>& fn);

// "'a'" or "'a', 'b'" for messages.
std::string describe_paths(const std::vector<std::string>& paths);

// How articles are split into shards.
struct ShardPolicy {
  enum class Kind { hash, year, month, source };
  Kind kind = Kind::hash;
  unsigned count = 1;  // hash: number of shards

  // "hash:N", "year", "month" or "source".
  std::string to_string() const;
  // Parses to_string()'s forms (and "N" for hash:N); nullopt when invalid.
  static std::optional<ShardPolicy> parse(const std::string& text);
};

// The name of the shard an article belongs to under `policy`:
// "shard-K" (hash), "shard-1987" (year), "shard-1987-03" (month),
// "shard-reuters" (source, lower case letters, digits and '-'), or
// "shard-undated" / "shard-unknown" when the article has no date or source.
std::string shard_name_for(const ShardPolicy& policy, const std::string& id,
                           const std::optional<long long>& date, const std::string& source);

// A newsdex database directory, opened for writing. Layout:
//   PATH/XAPIANDB          a Xapian stub file naming the live shards, one
//                          "auto gen-N/shard-NAME" line each
//   PATH/gen-N/shard-*/    the live generation's shards: Xapian (glass)
//                          databases; which shard an article goes to is the
//                          generation's ShardPolicy
//   PATH/gen-N/state/      a Xapian database holding no articles, only the
//                          indexer's metadata (file states, the shard
//                          policy, the archive's settings, the last run's
//                          summary); not in the stub
//   PATH/gen-N/readers.lock  shared-locked by every reader of gen-N
//   PATH/newsdex.lock      flock()ed by the one writer
//   PATH/commit.lock       held exclusively by the writer while it commits,
//                          shared by a reader that must not lose a revision
// Readers open PATH; the stub names the shards they search as one.
// Replacing the live generation (rebuild, compact) or adding a shard is one
// atomic rename of the stub: a search never finds no index or a half-built
// one. A generation that is not live is removed as soon as no reader holds
// its readers.lock: by publish(), and by the next writer to open PATH (a
// half-built generation left by a killed or failed rebuild or compaction
// included). A plain Xapian database at PATH (made by other tools) is
// opened as one shard that is also its own state database.
class DatabaseWriter {
 public:
  struct Options {
    bool wait_for_lock = false;  // block until the lock is free
    ShardPolicy policy;          // for a database created now
    // When false, a missing database is a DbError (not_found) instead of
    // being created (for --compact and other commands that need one).
    bool create = true;
    // Receives one line for each thing the writer did on its own that a
    // user should hear of (a generation removed or kept). May be empty.
    std::function<void(const std::string&)> notice;
  };

  // Opens PATH, creating it when missing (and options.create), and takes
  // the writer lock. Never removes or replaces the live generation on a
  // guess: a stub it cannot read as one newsdex wrote (an unknown line,
  // several generations, no shard at all, a missing stub beside a
  // generation holding articles) is a DbError (corrupt) whose message says
  // how to repair it, and nothing is changed. Throws DbError: locked
  // (another writer; unless options.wait_for_lock), interrupted (a signal
  // while waiting), not_found, corrupt, io, other.
  DatabaseWriter(const std::string& path, const Options& options);
  ~DatabaseWriter();
  DatabaseWriter(const DatabaseWriter&) = delete;
  DatabaseWriter& operator=(const DatabaseWriter&) = delete;

  const std::string& path() const { return path_; }

  // Empty when every live shard holding articles is in this newsdex's
  // index format (schema::kFormat); else a one-line message saying which
  // is not and how to rebuild. Adding to such a shard would mix formats:
  // callers must only rebuild it (start_generation).
  const std::string& format_problem() const { return format_problem_; }

  // True for a newsdex database directory (generations), false for a plain
  // Xapian database.
  bool layered() const { return layered_; }

  // The target generation: the live one, or the new one after
  // start_generation(). Shards and names are in stub order (sorted by
  // name). Each database may be used by one thread at a time; references
  // stay valid until publish(), abandon() or destruction (add_shard may
  // grow the vector: hold indices, not references, across it).
  std::vector<Xapian::WritableDatabase>& shards() { return target().shards; }
  const std::vector<std::string>& shard_names() const { return target_const().names; }
  Xapian::WritableDatabase& state() { return target().state; }
  const ShardPolicy& policy() const { return target_const().policy; }

  // The live generation's state database, also after start_generation()
  // (a rebuild reads the settings and file states the archive had).
  Xapian::WritableDatabase& live_state() { return live_.state; }

  // The index of shard `name` in the target generation, creating it (an
  // empty database, not yet in the stub) when missing. Throws DbError.
  std::size_t shard(const std::string& name);

  // Commits every shard and then, when the target is live and shards were
  // added, rewrites the stub to name them all. Throws DbError.
  void commit_shards();

  // Readers of a revision lose it two commits later (Xapian's
  // DatabaseModifiedError); a search that reads more than a commit
  // interval can lose it on every attempt. So a reader that lost one
  // (read_consistently) holds PATH/commit.lock shared for its next
  // attempt, and the writer commits while holding it exclusively: from
  // construction until destruction, a CommitHold waits for such readers
  // and keeps new ones out. Commits must happen while one is held.
  class CommitHold {
   public:
    explicit CommitHold(int fd);
    ~CommitHold();
    CommitHold(const CommitHold&) = delete;
    CommitHold& operator=(const CommitHold&) = delete;

   private:
    int fd_;
  };
  CommitHold hold_commits_for_readers() { return CommitHold(commit_lock_fd_); }

  // Creates an empty generation with `policy` beside the live one and makes
  // it the target. The live database stays open and searchable. Throws
  // DbError. REQUIRES: layered().
  void start_generation(const ShardPolicy& policy);

  // Writes every live shard and the state compacted into a new generation
  // and makes it the target. Throws DbError. REQUIRES: layered().
  // The shards are written in blocks of kCompactedBlockSize bytes.
  void compact_into_generation();

  // The block size of a compacted shard (Xapian's default, and that of a
  // shard an index run creates, is 8 KiB). A search reads value slots
  // block by block with one pread each (copied from the page cache), and
  // the facet pass reads five slots of up to 10,000 matches: with 32 KiB
  // blocks it makes a quarter of the reads and a default search on the 1M
  // index costs about a sixth less CPU (bench/README.md, "Per-request cost
  // of the default search"). Index runs keep writing 8 KiB blocks to new
  // shards, and whatever size a shard was compacted with into it.
  static constexpr int kCompactedBlockSize = 32 * 1024;

  // Commits the new generation and makes it live by renaming the stub, then
  // removes the generation it replaced unless a reader still holds it (a
  // notice says which). Throws DbError.
  void publish();

  // Discards the new generation (a failed or stopped rebuild or
  // compaction): closes and removes it; the live one stays as it was.
  // Never throws.
  void abandon() noexcept;

 private:
  struct Generation {
    unsigned number = 0;
    ShardPolicy policy;
    std::vector<std::string> names;
    std::vector<Xapian::WritableDatabase> shards;
    Xapian::WritableDatabase state;
    bool stub_stale = false;  // shards added since the stub was written
  };

  Generation& target() { return next_ ? *next_ : live_; }
  const Generation& target_const() const { return next_ ? *next_ : live_; }
  std::string gen_dir(unsigned gen) const;
  // The constructor's work once the writer lock is held.
  void open_locked();
  void require_layered() const;
  void open_generation(Generation& g, bool create, const ShardPolicy& policy);
  std::size_t shard(const std::string& name, Generation& g);
  // Writes this newsdex's index format into an empty `db`, or records in
  // format_problem_ (when nothing is recorded yet) that a non-empty one is
  // in another format.
  void adopt_format(Xapian::WritableDatabase& db, const std::string& path);
  void write_stub_for(const Generation& g);
  // Removes every generation directory but the live one (and the target)
  // that no reader holds; notices say what was removed or kept.
  void remove_stale_generations();
  void notice(const std::string& line) const;

  std::string path_;
  Options options_;
  int lock_fd_ = -1;
  int commit_lock_fd_ = -1;  // PATH/commit.lock (-1 for a plain database)
  bool layered_ = false;  // generation layout
  std::string format_problem_;  // see format_problem()
  Generation live_;
  std::unique_ptr<Generation> next_;
};

// The shard (0..shards-1) an article id belongs to under hash sharding;
// stable across runs and versions.
unsigned shard_of(const std::string& id, unsigned shards);

// The state database of the database at `path` (its live generation's
// state, or `path` itself for a plain database), for reading; an empty
// database when there is none. Throws DbError for an unreadable stub or
// state; Xapian's errors pass through, for the caller's
// read_consistently() to retry a revision a writer discarded (and to
// report the rest).
Xapian::Database open_state_for_reading(const std::string& path);

// What a database remembers about the archive it indexes, so that a
// nightly run needs no options: the roots indexed (absolute paths), JSON
// field mappings (--field), whether entities are extracted, and the size
// limits. Stored as JSON in the state database (schema::kSettingsKey).
struct ArchiveSettings {
  std::vector<std::string> roots;
  std::map<std::string, std::string> field_overrides;  // Article field -> JSON source
  bool entities = true;
  std::uint64_t max_file_bytes = 256ull << 20;
  std::uint64_t max_article_bytes = 8ull << 20;

  std::string to_json() const;
  // The settings a JSON value holds; defaults for what it lacks (nullopt
  // when `json` is empty or not an object).
  static std::optional<ArchiveSettings> from_json(const std::string& json);
};

// The settings the database at `path` remembers, or nullopt when it
// remembers none (or there is no database). Reads the live generation's
// state, trying again when a concurrent writer discards the revision.
// Throws DbError.
std::optional<ArchiveSettings> load_archive_settings(const std::string& path);

struct IndexSummary {
  std::string path;
  Xapian::doccount articles = 0;
  std::string first_date;  // ISO 8601 of the oldest dated article, or ""
  std::string last_date;   // of the newest
  std::vector<std::pair<std::string, Xapian::doccount>> sources;  // by count, at most 20
  std::uint64_t bytes_on_disk = 0;  // of the live database
  std::vector<std::string> roots;   // the archive's remembered roots
  std::string last_run;    // the last index run's summary (JSON), or ""
};

// Counts, date range, sources, size, roots and last run of the database at
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
