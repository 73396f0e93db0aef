// The Xapian edge: opening databases and turning Xapian's exceptions into
// newsdex's typed errors with context. Nothing above this layer catches
// Xapian::Error.
#pragma once

#include <stdexcept>
#include <cstdint>
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
  corrupt,    // the database cannot be read as a Xapian database
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

// Opens `path` for searching (a newsdex database directory, a plain Xapian
// database or a stub file, whose lines may name local databases and
// `remote HOST:PORT` xapian-tcpsrv servers). Throws DbError (not_found when
// there is no database there, format when it holds articles indexed in
// another index format, see schema::kFormat).
Xapian::Database open_for_reading(const std::string& path);

// Opens every path (as open_for_reading) and searches them as one: Xapian
// merges their statistics, so ranking and totals are those of one database
// holding all their articles. REQUIRES: paths is not empty.
Xapian::Database open_for_reading(const std::vector<std::string>& paths);

// The shards that open_for_reading(paths) searches as one, each opened on
// its own: the live shards of a newsdex database directory, each `auto`,
// `glass`, `chert` or `remote` line of a stub file, a plain database as
// one. For a stub line of another kind, the whole of `paths` comes back as
// one database. Xapian stops a boolean match early only on a single
// database, so work that may stop early (facet counts over the first N
// matches) runs shard by shard; adding them all to one Database gives
// what open_for_reading(paths) gives. `remote` is true when any of them is
// (or holds) a remote database, so only features Xapian's remote backend
// supports (its built-in match spies) may be used on them. Throws DbError
// as open_for_reading. REQUIRES: paths not empty.
struct Shards {
  std::vector<Xapian::Database> databases;
  bool remote = false;
};
Shards open_shards_for_reading(const std::vector<std::string>& paths);

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
//   PATH/XAPIANDB          a Xapian stub file naming the live shards
//   PATH/gen-N/shard-*/    the live generation's shards: Xapian (glass)
//                          databases; which shard an article goes to is the
//                          generation's ShardPolicy
//   PATH/gen-N/state/      a Xapian database holding no articles, only the
//                          indexer's metadata (file states, the shard
//                          policy, the last run's summary); not in the stub
//   PATH/newsdex.lock      flock()ed by the one writer
// Readers open PATH; Xapian follows the stub and searches the shards as one
// database. Replacing the live generation (rebuild, compact) or adding a
// shard is one atomic rename of the stub: a search never finds no index or a
// half-built one. A plain Xapian database at PATH (made by other tools) is
// opened as one shard that is also its own state database.
class DatabaseWriter {
 public:
  struct Options {
    bool wait_for_lock = false;  // block until the lock is free
    ShardPolicy policy;          // for a database created now
  };

  // Opens PATH, creating it when missing, and takes the writer lock.
  // Throws DbError: locked (another writer; unless options.wait_for_lock),
  // interrupted (a signal while waiting), io, corrupt, other.
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

  // The target generation: the live one, or the new one after
  // start_generation(). Shards and names are in stub order (sorted by
  // name). Each database may be used by one thread at a time; references
  // stay valid until publish() or destruction (add_shard may grow the
  // vector: hold indices, not references, across it).
  std::vector<Xapian::WritableDatabase>& shards() { return target().shards; }
  const std::vector<std::string>& shard_names() const { return target_const().names; }
  Xapian::WritableDatabase& state() { return target().state; }
  const ShardPolicy& policy() const { return target_const().policy; }

  // The index of shard `name` in the target generation, creating it (an
  // empty database, not yet in the stub) when missing. Throws DbError.
  std::size_t shard(const std::string& name);

  // Commits every shard and then, when the target is live and shards were
  // added, rewrites the stub to name them all. Throws DbError.
  void commit_shards();

  // Creates an empty generation with `policy` beside the live one and makes
  // it the target. The live database stays open and searchable. Throws
  // DbError. REQUIRES: a generation layout (not a plain database).
  void start_generation(const ShardPolicy& policy);

  // Writes every live shard and the state compacted into a new generation
  // and makes it the target. Throws DbError.
  void compact_into_generation();

  // Commits the new generation and makes it live by renaming the stub;
  // generations older than the one it replaces are removed (the one it
  // replaces stays for readers that still have it open). Throws DbError.
  void publish();

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
  void require_layered() const;
  void open_generation(Generation& g, bool create, const ShardPolicy& policy);
  std::size_t shard(const std::string& name, Generation& g);
  // Writes this newsdex's index format into an empty `db`, or records in
  // format_problem_ (when nothing is recorded yet) that a non-empty one is
  // in another format.
  void adopt_format(Xapian::WritableDatabase& db, const std::string& path);
  void write_stub_for(const Generation& g);

  std::string path_;
  int lock_fd_ = -1;
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
// database when there is none. Throws DbError.
Xapian::Database open_state_for_reading(const std::string& path);

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
