#include "newsdex/database.h"

#include "newsdex/json.h"
#include "newsdex/schema.h"
#include "newsdex/text.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <xxhash.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace newsdex {

namespace fs = std::filesystem;

std::string resolve_db_path(const std::string& cli_value) {
  if (!cli_value.empty()) return cli_value;
  if (const char* env = std::getenv("NEWSDEX_DB"); env != nullptr && *env != '\0') return env;
  return "newsdex.db";
}

void rethrow_as_db_error(const std::string& context) {
  try {
    throw;
  } catch (const Xapian::DatabaseLockError& e) {
    // newsdex-index holds its own lock before Xapian's, so Xapian's lock
    // fails either because some other program writes to the database or
    // because its lock file cannot be opened (permissions): only the first
    // is "try again later".
    if (e.get_msg().find("already locked") != std::string::npos) {
      throw DbError(DbErrorKind::locked, context + ": another program is writing to it (" + e.get_msg() + ")");
    }
    throw DbError(DbErrorKind::io, context + ": " + e.get_msg());
  } catch (const Xapian::DatabaseNotFoundError& e) {
    throw DbError(DbErrorKind::not_found, context + ": no database there");
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw DbError(DbErrorKind::not_found, context + ": " + e.get_msg());
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw DbError(DbErrorKind::corrupt, context + ": database is corrupt: " + e.get_msg());
  } catch (const Xapian::DatabaseError& e) {
    const char* why = e.get_error_string();
    throw DbError(DbErrorKind::io, context + ": " + e.get_msg() + (why && *why ? std::string(" (") + why + ")" : ""));
  } catch (const Xapian::Error& e) {
    throw DbError(DbErrorKind::other, context + ": " + e.get_description());
  }
}

std::string describe_paths(const std::vector<std::string>& paths) {
  std::string out;
  for (const std::string& p : paths) out += (out.empty() ? "'" : ", '") + p + "'";
  return out;
}

namespace {

constexpr const char* kStubName = "XAPIANDB";
constexpr const char* kLockName = "newsdex.lock";
constexpr const char* kCommitLockName = "commit.lock";
constexpr const char* kReadersLockName = "readers.lock";
constexpr const char* kStateName = "state";
constexpr const char* kPolicyKey = "newsdex:shard_policy";

std::string gen_name(unsigned gen) { return "gen-" + std::to_string(gen); }

// The number N of a "gen-N" name, or 0.
unsigned gen_number(const std::string& name) {
  if (name.rfind("gen-", 0) != 0 || name.size() == 4 || name.size() > 12) return 0;
  if (name.find_first_not_of("0123456789", 4) != std::string::npos) return 0;
  return static_cast<unsigned>(std::stoul(name.substr(4)));
}

bool is_xapian_database_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec);
}

// ---- Stub files -------------------------------------------------------

// One database line of a Xapian stub file: "KIND REST".
struct StubEntry {
  std::size_t line = 0;  // 1-based
  std::string kind;
  std::string rest;      // everything after the first space
};

// The database lines of a stub file (blank lines and '#' lines skipped, as
// Xapian does). Throws DbError(io) when the file cannot be read.
std::vector<StubEntry> read_stub_entries(const fs::path& file) {
  std::ifstream in(file);
  if (!in) {
    throw DbError(DbErrorKind::io, "cannot read the stub file '" + file.string() + "': " + std::strerror(errno));
  }
  std::vector<StubEntry> entries;
  std::string text;
  std::size_t line = 0;
  while (std::getline(in, text)) {
    ++line;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty() || text[0] == '#') continue;
    const std::size_t space = text.find(' ');
    StubEntry e;
    e.line = line;
    e.kind = text.substr(0, space);
    e.rest = space == std::string::npos ? std::string() : text.substr(space + 1);
    entries.push_back(std::move(e));
  }
  if (in.bad()) throw DbError(DbErrorKind::io, "cannot read the stub file '" + file.string() + "'");
  return entries;
}

// What a stub newsdex-index wrote names: one generation and its shards.
struct NewsdexStub {
  unsigned gen = 0;
  std::vector<std::string> shards;  // "shard-..." names, in stub order
};

// Parses `entries` as a stub newsdex-index writes ("auto gen-N/shard-NAME"
// lines, one N). Returns nullopt with `why` set when they are not one.
std::optional<NewsdexStub> parse_newsdex_stub(const std::vector<StubEntry>& entries, std::string& why) {
  NewsdexStub stub;
  if (entries.empty()) {
    why = "it names no shard";
    return std::nullopt;
  }
  for (const StubEntry& e : entries) {
    const std::string& t = e.rest;
    const std::size_t slash = t.find('/');
    const unsigned gen = slash == std::string::npos ? 0 : gen_number(t.substr(0, slash));
    const std::string shard = slash == std::string::npos ? std::string() : t.substr(slash + 1);
    const bool shard_ok = shard.rfind("shard-", 0) == 0 && shard.size() > 6 &&
                          shard.find_first_of("/ \t") == std::string::npos && shard != "shard-." &&
                          shard.find("..") == std::string::npos;
    if ((e.kind != "auto" && e.kind != "glass") || gen == 0 || !shard_ok) {
      why = "line " + std::to_string(e.line) + " is not 'auto gen-N/shard-NAME'";
      return std::nullopt;
    }
    if (stub.gen != 0 && gen != stub.gen) {
      why = "it names two generations (" + gen_name(stub.gen) + " and " + gen_name(gen) + ")";
      return std::nullopt;
    }
    if (std::find(stub.shards.begin(), stub.shards.end(), shard) != stub.shards.end()) {
      why = "it names " + shard + " twice";
      return std::nullopt;
    }
    stub.gen = gen;
    stub.shards.push_back(shard);
  }
  return stub;
}

// The newsdex stub of database directory `dir`, or nullopt when `dir` has
// no XAPIANDB or it is not one newsdex wrote. Throws DbError(io).
std::optional<NewsdexStub> read_newsdex_stub(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_regular_file(dir / kStubName, ec)) return std::nullopt;
  std::string why;
  return parse_newsdex_stub(read_stub_entries(dir / kStubName), why);
}

// The generation directories under `dir`, by number.
std::vector<unsigned> generations_in(const fs::path& dir) {
  std::vector<unsigned> gens;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const unsigned n = gen_number(entry.path().filename().string());
    if (n != 0 && entry.is_directory(ec)) gens.push_back(n);
  }
  std::sort(gens.begin(), gens.end());
  return gens;
}

// The stub lines that would name generation `gen`'s shards, for messages.
std::string stub_lines_for(const fs::path& dir, unsigned gen) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir / gen_name(gen), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("shard-", 0) == 0 && is_xapian_database_dir(entry.path())) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  std::string out;
  for (const std::string& n : names) out += "auto " + gen_name(gen) + "/" + n + "\\n";
  return out;
}

// The message for a database directory whose stub newsdex cannot use.
std::string stub_repair_message(const fs::path& dir, const std::string& problem) {
  std::string msg = "database '" + dir.string() + "': " + problem + "; nothing was changed.";
  const std::vector<unsigned> gens = generations_in(dir);
  if (!gens.empty()) {
    const unsigned newest = gens.back();
    const std::string lines = stub_lines_for(dir, newest);
    if (!lines.empty()) {
      msg += " If " + gen_name(newest) + " is the index, name its shards: printf '" + lines + "' > '" +
             (dir / kStubName).string() + "'";
    }
  }
  return msg + " (or move the database aside and index again)";
}

// A lock held on a file until destruction.
class FileLock {
 public:
  explicit FileLock(int fd) : fd_(fd) {}
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

// Takes the shared reader lock of the generation that newsdex database
// directory `dir`'s stub names, making sure the stub still names it once
// the lock is held (a writer may switch generations and remove the old one
// in between). Returns the stub and the lock (null for a generation
// without a readers.lock, written by an older newsdex). Returns nullopt
// when `dir`'s stub is not one newsdex wrote. Throws DbError.
std::optional<std::pair<NewsdexStub, std::shared_ptr<FileLock>>> lock_live_generation(const fs::path& dir) {
  for (int attempt = 0;; ++attempt) {
    std::optional<NewsdexStub> stub = read_newsdex_stub(dir);
    if (!stub) return std::nullopt;
    const fs::path gen_dir = dir / gen_name(stub->gen);
    const fs::path lock_path = gen_dir / kReadersLockName;
    const int fd = ::open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
    bool retry = false;
    if (fd < 0) {
      // No lock file: a generation an older newsdex wrote, unless a writer
      // is removing this one (it unlinks the files in any order, and wrote
      // the stub naming its successor first).
      if (errno != ENOENT) return std::make_pair(*stub, nullptr);  // read it without the lock
      std::error_code ec;
      const std::optional<NewsdexStub> again = read_newsdex_stub(dir);
      if (again && again->gen == stub->gen && fs::exists(gen_dir, ec)) return std::make_pair(*again, nullptr);
      retry = true;  // the generation is going or gone: read the stub again
    } else if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
      ::close(fd);
      retry = true;  // a writer is removing the generation
    } else {
      auto lock = std::make_shared<FileLock>(fd);
      struct stat held {}, now {};
      const std::optional<NewsdexStub> again = read_newsdex_stub(dir);
      if (again && again->gen == stub->gen && ::fstat(fd, &held) == 0 && ::stat(lock_path.c_str(), &now) == 0 &&
          held.st_ino == now.st_ino && held.st_dev == now.st_dev) {
        return std::make_pair(*again, std::move(lock));
      }
      retry = true;
    }
    if (retry && attempt >= 200) {
      throw DbError(DbErrorKind::other, "cannot open database '" + dir.string() +
                                            "': its live generation kept changing while it was opened");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

// ---- Opening for reading ----------------------------------------------

// The leaves a set of paths resolves to, before they are opened.
struct Leaf {
  enum class Kind { local, tcp, program } kind = Kind::local;
  std::string path;     // local: database directory; tcp: host; program: program
  unsigned port = 0;    // tcp
  std::string args;     // program
  std::string origin;   // the path the user gave, for messages
  bool newsdex = false; // a shard of a newsdex database directory
};

class Resolver {
 public:
  // `hold_commits`: also hold each newsdex database's commit lock shared
  // (see DatabaseWriter::CommitHold).
  explicit Resolver(bool hold_commits) : hold_commits_(hold_commits) {}

  std::vector<Leaf> leaves;
  std::vector<std::shared_ptr<FileLock>> locks;

  void resolve_path(const fs::path& path, const std::string& origin) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st)) {
      throw DbError(DbErrorKind::not_found,
                    path.string() == origin
                        ? "no database at '" + origin + "' (index some articles with newsdex-index first, or give --db)"
                        : "cannot open database '" + origin + "': '" + path.string() + "' does not exist");
    }
    if (fs::is_regular_file(st)) {
      resolve_stub(path, origin);
      return;
    }
    if (!fs::is_directory(st)) {
      throw DbError(DbErrorKind::not_found, "cannot open database '" + origin + "': '" + path.string() +
                                                "' is neither a database directory nor a stub file");
    }
    if (is_xapian_database_dir(path)) {
      add_local(path, origin, false);
      return;
    }
    if (!fs::is_regular_file(path / kStubName, ec)) {
      if (!generations_in(path).empty()) {
        throw DbError(DbErrorKind::corrupt,
                      stub_repair_message(path, "its stub file " + (path / kStubName).string() + " is missing"));
      }
      throw DbError(DbErrorKind::not_found, "cannot open database '" + origin + "': '" + path.string() +
                                                "' is not a Xapian or newsdex database");
    }
    if (hold_commits_) {
      // Taken before the generation lock: a commit in progress ends first.
      const int fd = ::open((path / kCommitLockName).c_str(), O_RDONLY | O_CLOEXEC);
      if (fd >= 0) {
        while (::flock(fd, LOCK_SH) != 0 && errno == EINTR) {
        }
        locks.push_back(std::make_shared<FileLock>(fd));
      }
    }
    if (auto live = lock_live_generation(path)) {
      if (live->second) locks.push_back(live->second);
      for (const std::string& shard : live->first.shards) {
        const fs::path dir = path / gen_name(live->first.gen) / shard;
        if (!is_xapian_database_dir(dir)) {
          throw DbError(DbErrorKind::corrupt, "cannot open database '" + origin + "': the shard '" + dir.string() +
                                                  "' its stub names is missing");
        }
        add_local(dir, origin, true);
      }
      return;
    }
    resolve_stub(path / kStubName, origin);
  }

 private:
  void add_local(const fs::path& dir, const std::string& origin, bool newsdex) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(dir, ec);
    const std::string key = ec ? dir.string() : canonical.string();
    if (!seen_.insert(key).second) return;  // reached twice: searched once
    Leaf leaf;
    leaf.path = dir.string();
    leaf.origin = origin;
    leaf.newsdex = newsdex;
    leaves.push_back(std::move(leaf));
  }

  void resolve_stub(const fs::path& file, const std::string& origin) {
    constexpr std::size_t kMaxDepth = 16;
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    const std::string key = ec ? file.string() : canonical.string();
    if (std::find(chain_.begin(), chain_.end(), key) != chain_.end()) {
      std::string loop;
      for (const std::string& s : chain_) loop += "'" + s + "' -> ";
      throw DbError(DbErrorKind::corrupt, "cannot open database '" + origin + "': its stub files name each other in a loop: " +
                                              loop + "'" + key + "'");
    }
    if (chain_.size() >= kMaxDepth) {
      throw DbError(DbErrorKind::corrupt, "cannot open database '" + origin + "': stub files nested more than " +
                                              std::to_string(kMaxDepth) + " deep");
    }
    chain_.push_back(key);
    const std::vector<StubEntry> entries = read_stub_entries(file);
    if (entries.empty()) {
      throw DbError(DbErrorKind::corrupt,
                    "cannot open database '" + origin + "': the stub file '" + file.string() + "' names no database");
    }
    for (const StubEntry& e : entries) {
      const std::string where = "the stub file '" + file.string() + "' line " + std::to_string(e.line);
      if (e.kind == "auto" || e.kind == "glass" || e.kind == "chert") {
        if (e.rest.empty()) throw DbError(DbErrorKind::corrupt, "cannot open database '" + origin + "': " + where + " names no path");
        const fs::path target = fs::path(e.rest).is_absolute() ? fs::path(e.rest) : file.parent_path() / e.rest;
        if (e.kind == "auto") {
          resolve_path(target, origin);
        } else if (!is_xapian_database_dir(target)) {
          throw DbError(DbErrorKind::not_found, "cannot open database '" + origin + "': " + where + " names '" +
                                                    target.string() + "', which is not a " + e.kind + " database");
        } else {
          add_local(target, origin, false);
        }
      } else if (e.kind == "remote") {
        Leaf leaf;
        leaf.origin = origin;
        const std::size_t colon = e.rest.find(':');
        if (colon == 0) {  // ":PROGRAM ARGS"
          const std::size_t space = e.rest.find(' ');
          leaf.kind = Leaf::Kind::program;
          leaf.path = e.rest.substr(1, space == std::string::npos ? std::string::npos : space - 1);
          leaf.args = space == std::string::npos ? std::string() : e.rest.substr(space + 1);
        } else {  // "HOST:PORT"
          const std::size_t last = e.rest.rfind(':');
          const std::string port = last == std::string::npos ? std::string() : e.rest.substr(last + 1);
          if (last == std::string::npos || last == 0 || port.empty() || port.size() > 5 ||
              port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) > 65535) {
            throw DbError(DbErrorKind::corrupt, "cannot open database '" + origin + "': " + where +
                                                    " is not 'remote HOST:PORT' or 'remote :PROGRAM ARGS'");
          }
          leaf.kind = Leaf::Kind::tcp;
          leaf.path = e.rest.substr(0, last);
          leaf.port = static_cast<unsigned>(std::stoul(port));
        }
        if (leaf.path.empty()) {
          throw DbError(DbErrorKind::corrupt, "cannot open database '" + origin + "': " + where + " names no server");
        }
        leaves.push_back(std::move(leaf));
      } else {
        throw DbError(DbErrorKind::corrupt, "cannot open database '" + origin + "': " + where +
                                                ": unknown database type '" + e.kind + "' (newsdex reads auto, glass, "
                                                "chert and remote lines)");
      }
    }
    chain_.pop_back();
  }

  bool hold_commits_;
  std::vector<std::string> chain_;  // stub files being resolved, outermost first
  std::set<std::string> seen_;      // local leaves already added
};

// Empty when `db` is empty or in this newsdex's index format; else the
// one-line message DbErrorKind::format carries. `newsdex` says whether the
// database is a shard of a newsdex database directory (then a missing
// format key means format 1) or stands alone (then it is a Xapian database
// newsdex-index did not write).
std::string format_mismatch(const Xapian::Database& db, const std::string& path, bool newsdex) {
  if (db.get_doccount() == 0) return {};
  const std::string format = db.get_metadata(std::string(schema::kFormatKey));
  if (format == schema::kFormat) return {};
  if (format.empty() && !newsdex) {
    return "'" + path + "' is a Xapian database that newsdex-index did not write (it records no newsdex index "
           "format), so newsdex cannot search it: index the articles into a newsdex database with newsdex-index";
  }
  return "'" + path + "' is in index format " + (format.empty() ? std::string("1") : format) +
         ", this newsdex reads format " + std::string(schema::kFormat) +
         ": rebuild it with newsdex-index --rebuild --db '" + path + "' ARCHIVE...";
}

// open_for_reading without the conversion of Xapian errors (so that
// read_consistently can tell which ones to retry); `hold_commits` as
// Resolver's.
Shards open_leaves(const std::vector<std::string>& paths, bool hold_commits = false) {
  Resolver resolver(hold_commits);
  for (const std::string& p : paths) resolver.resolve_path(p, p);
  Shards out;
  for (const Leaf& leaf : resolver.leaves) {
    switch (leaf.kind) {
      case Leaf::Kind::local: out.databases.emplace_back(leaf.path); break;
      case Leaf::Kind::tcp:
        out.databases.push_back(Xapian::Remote::open(leaf.path, leaf.port));
        out.remote = true;
        break;
      case Leaf::Kind::program:
        out.databases.push_back(Xapian::Remote::open(leaf.path, leaf.args));
        out.remote = true;
        break;
    }
    const std::string shown = leaf.kind == Leaf::Kind::local && !leaf.newsdex ? leaf.path : leaf.origin;
    if (const std::string problem = format_mismatch(out.databases.back(), shown, leaf.newsdex); !problem.empty()) {
      throw DbError(DbErrorKind::format, problem);
    }
  }
  out.locks = std::make_shared<std::vector<std::shared_ptr<FileLock>>>(std::move(resolver.locks));
  return out;
}

}  // namespace

Xapian::Database Shards::all() const {
  Xapian::Database db;
  for (const Xapian::Database& d : databases) db.add_database(d);
  return db;
}

Shards open_for_reading(const std::vector<std::string>& paths) {
  try {
    return open_leaves(paths);
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("cannot open database " + describe_paths(paths));
  }
}

void read_consistently(const std::vector<std::string>& paths, const std::string& context,
                       const std::function<void(Shards&)>& fn) {
  // A writer committing every article discards a revision about as fast
  // as a search reads one; 60 attempts with waits growing to 0.1 s span
  // several seconds. A corrupt block read again after reopening is real.
  constexpr int kMaxAttempts = 60;
  constexpr int kMaxCorruptAttempts = 5;
  constexpr int kMaxOpeningAttempts = 10;
  int corrupt = 0, opening = 0, missing = 0;
  bool hold_commits = false;  // after a lost revision: make commits wait
  for (int attempt = 1;; ++attempt) {
    try {
      Shards view = open_leaves(paths, hold_commits);
      fn(view);
      return;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kMaxAttempts) rethrow_as_db_error(context);
      hold_commits = true;
    } catch (const Xapian::DatabaseOpeningError&) {
      if (++opening >= kMaxOpeningAttempts || attempt >= kMaxAttempts) rethrow_as_db_error(context);
    } catch (const Xapian::DatabaseError&) {
      // A block the writer reused under the reader: DatabaseCorruptError,
      // or a DatabaseError such as "EOF reading block N" for a pointer read
      // from it. Tried again a few times; one that stays is reported.
      if (++corrupt >= kMaxCorruptAttempts || attempt >= kMaxAttempts) rethrow_as_db_error(context);
      hold_commits = true;
    } catch (const Xapian::DocNotFoundError&) {
      // A document id read before a shard's revision moved on: tried again
      // a few times like a corrupt block; one still missing is reported.
      if (++missing >= kMaxCorruptAttempts || attempt >= kMaxAttempts) rethrow_as_db_error(context);
      hold_commits = true;
    } catch (const Xapian::Error&) {
      rethrow_as_db_error(context);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(100, 1 << std::min(attempt, 7))));
  }
}

namespace {

// "YYYYMMDDhhmmss" as ISO 8601.
std::string iso_from_slot(const std::string& v) {
  if (v.size() != 14) return {};
  return v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2) + "T" + v.substr(8, 2) + ":" +
         v.substr(10, 2) + ":" + v.substr(12, 2) + "Z";
}

// Replaces the stub atomically: write a temporary file, fsync, rename.
void write_stub(const fs::path& dir, unsigned gen, const std::vector<std::string>& shards) {
  const fs::path tmp = dir / (std::string(kStubName) + ".tmp");
  std::string text;
  for (const std::string& name : shards) text += "auto " + gen_name(gen) + "/" + name + "\n";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw DbError(DbErrorKind::io, "cannot write " + tmp.string() + ": " + std::strerror(errno));
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), (dir / kStubName).c_str()) != 0) {
    throw DbError(DbErrorKind::io, "cannot write " + (dir / kStubName).string() + ": " + std::strerror(ok ? errno : err));
  }
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

std::string slug(const std::string& text) {
  std::string out;
  for (char c : text) {
    const char l = ascii_lower(c);
    const bool keep = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9');
    if (keep) {
      out.push_back(l);
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
    if (out.size() >= 60) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

Xapian::WritableDatabase open_writable(const std::string& path, const std::string& context,
                                       int action = Xapian::DB_CREATE_OR_OPEN) {
  try {
    return Xapian::WritableDatabase(path, action);
  } catch (const Xapian::Error&) {
    rethrow_as_db_error(context);
  }
}

std::uint64_t bytes_under(const fs::path& dir) {
  std::uint64_t bytes = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code fec;
    if (it->is_regular_file(fec)) bytes += it->file_size(fec);
  }
  return bytes;
}

std::string mib(std::uint64_t bytes) { return std::to_string((bytes + (1u << 19)) >> 20) + " MiB"; }

// Creates `dir`/readers.lock when it is missing.
void ensure_readers_lock(const fs::path& dir) {
  const int fd = ::open((dir / kReadersLockName).c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) ::close(fd);
}

}  // namespace

Xapian::Database open_state_for_reading(const std::string& path) {
  const fs::path dir(path);
  std::error_code ec;
  fs::path state = dir;
  if (!is_xapian_database_dir(dir)) {
    const std::optional<NewsdexStub> stub = read_newsdex_stub(dir);
    if (!stub) return Xapian::Database();
    state = dir / gen_name(stub->gen) / kStateName;
  }
  if (!fs::exists(state, ec)) return Xapian::Database();
  if (::access(state.c_str(), R_OK | X_OK) != 0) {
    throw DbError(DbErrorKind::io, "cannot read the state database '" + state.string() + "': " + std::strerror(errno));
  }
  return Xapian::Database(state.string());
}

IndexSummary summarize_index(const std::string& path) {
  IndexSummary s;
  s.path = path;
  read_consistently({path}, "reading '" + path + "'", [&](Shards& view) {
    const Xapian::Database db = view.all();
    s.articles = db.get_doccount();
    s.first_date = iso_from_slot(db.get_value_lower_bound(schema::kDateSlot));
    s.last_date = iso_from_slot(db.get_value_upper_bound(schema::kDateSlot));
    const Xapian::Database state = open_state_for_reading(path);
    s.last_run = state.get_metadata(std::string(schema::kLastRunKey));
    if (auto settings = ArchiveSettings::from_json(state.get_metadata(std::string(schema::kSettingsKey)))) {
      s.roots = settings->roots;
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    Xapian::ValueCountMatchSpy spy(schema::kSourceSlot);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    s.sources.clear();
    for (auto it = spy.top_values_begin(20); it != spy.top_values_end(20); ++it) {
      s.sources.emplace_back(*it, it.get_termfreq());
    }
  });
  // The live generation's directory (or the plain database itself).
  fs::path live(path);
  if (const auto stub = read_newsdex_stub(live)) live /= gen_name(stub->gen);
  s.bytes_on_disk = bytes_under(live);
  return s;
}

std::string summary_text(const IndexSummary& s) {
  std::string out = "database:  " + s.path + "\n";
  out += "articles:  " + std::to_string(s.articles) + "\n";
  out += "dates:     " + (s.first_date.empty() ? std::string("(none)") : s.first_date + " .. " + s.last_date) + "\n";
  out += "size:      " + mib(s.bytes_on_disk) + "\n";
  if (!s.sources.empty()) {
    out += "sources:  ";
    for (const auto& [name, count] : s.sources) out += " " + name + " (" + std::to_string(count) + ")";
    out += "\n";
  }
  for (std::size_t i = 0; i < s.roots.size(); ++i) out += (i == 0 ? "roots:     " : "           ") + s.roots[i] + "\n";
  const nlohmann::json run = nlohmann::json::parse(s.last_run, nullptr, false);
  if (run.is_object()) {
    auto num = [&run](const char* k) { return std::to_string(run.value(k, 0ull)); };
    out += "last run:  " + run.value("finished_at", std::string("?")) + ": added " + num("added") + ", updated " +
           num("updated") + ", deleted " + num("deleted") + ", unchanged " + num("unchanged") + ", failed " +
           num("failed") + ", exit " + std::to_string(run.value("exit_code", 0)) + "\n";
  }
  return out;
}

std::string summary_json(const IndexSummary& s) {
  nlohmann::ordered_json sources = nlohmann::ordered_json::array();
  for (const auto& [name, count] : s.sources) sources.push_back({{"value", name}, {"count", count}});
  nlohmann::ordered_json j = {
      {"path", s.path},
      {"articles", s.articles},
      {"first_date", s.first_date.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s.first_date)},
      {"last_date", s.last_date.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s.last_date)},
      {"bytes", s.bytes_on_disk},
      {"sources", std::move(sources)},
      {"roots", s.roots},
  };
  const nlohmann::ordered_json run = nlohmann::ordered_json::parse(s.last_run, nullptr, false);
  j["last_run"] = run.is_object() ? run : nlohmann::ordered_json();
  return to_json_text(j);
}

std::string ArchiveSettings::to_json() const {
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  for (const auto& [name, source] : field_overrides) fields[name] = source;
  const nlohmann::ordered_json j = {
      {"roots", roots},
      {"fields", std::move(fields)},
      {"entities", entities},
      {"max_file_bytes", max_file_bytes},
      {"max_article_bytes", max_article_bytes},
  };
  return to_json_text(j);
}

std::optional<ArchiveSettings> ArchiveSettings::from_json(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  ArchiveSettings s;
  if (auto it = j.find("roots"); it != j.end() && it->is_array()) {
    for (const auto& r : *it) {
      if (r.is_string()) s.roots.push_back(r.get<std::string>());
    }
  }
  if (auto it = j.find("fields"); it != j.end() && it->is_object()) {
    for (const auto& [name, source] : it->items()) {
      if (source.is_string()) s.field_overrides[name] = source.get<std::string>();
    }
  }
  if (auto it = j.find("entities"); it != j.end() && it->is_boolean()) s.entities = it->get<bool>();
  if (auto it = j.find("max_file_bytes"); it != j.end() && it->is_number_unsigned()) {
    s.max_file_bytes = it->get<std::uint64_t>();
  }
  if (auto it = j.find("max_article_bytes"); it != j.end() && it->is_number_unsigned()) {
    s.max_article_bytes = it->get<std::uint64_t>();
  }
  return s;
}

std::optional<ArchiveSettings> load_archive_settings(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  for (int attempt = 1;; ++attempt) {
    try {
      return ArchiveSettings::from_json(open_state_for_reading(path).get_metadata(std::string(schema::kSettingsKey)));
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 20) rethrow_as_db_error("reading the settings of '" + path + "'");
    } catch (const Xapian::DatabaseOpeningError&) {
      if (attempt >= 20) rethrow_as_db_error("reading the settings of '" + path + "'");
    } catch (const Xapian::Error&) {
      rethrow_as_db_error("reading the settings of '" + path + "'");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

unsigned shard_of(const std::string& id, unsigned shards) {
  return shards <= 1 ? 0 : static_cast<unsigned>(XXH3_64bits(id.data(), id.size()) % shards);
}

std::string ShardPolicy::to_string() const {
  switch (kind) {
    case Kind::hash: return "hash:" + std::to_string(count);
    case Kind::year: return "year";
    case Kind::month: return "month";
    case Kind::source: return "source";
  }
  return "hash:1";
}

std::optional<ShardPolicy> ShardPolicy::parse(const std::string& text) {
  ShardPolicy p;
  if (text == "year") p.kind = Kind::year;
  else if (text == "month") p.kind = Kind::month;
  else if (text == "source") p.kind = Kind::source;
  else {
    std::string n = text.rfind("hash:", 0) == 0 ? text.substr(5) : text;
    if (n.empty() || n.size() > 2 || n.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    p.count = static_cast<unsigned>(std::stoul(n));
    if (p.count < 1 || p.count > 64) return std::nullopt;
  }
  return p;
}

std::string shard_name_for(const ShardPolicy& policy, const std::string& id,
                           const std::optional<long long>& date, const std::string& source) {
  switch (policy.kind) {
    case ShardPolicy::Kind::hash:
      return "shard-" + std::to_string(shard_of(id, policy.count));
    case ShardPolicy::Kind::year:
    case ShardPolicy::Kind::month: {
      if (!date) return "shard-undated";
      std::time_t tt = static_cast<std::time_t>(*date);
      std::tm tm{};
      gmtime_r(&tt, &tm);
      char buf[32];
      if (policy.kind == ShardPolicy::Kind::year) {
        std::snprintf(buf, sizeof buf, "%04d", tm.tm_year + 1900);
      } else {
        std::snprintf(buf, sizeof buf, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
      }
      return std::string("shard-") + buf;
    }
    case ShardPolicy::Kind::source: {
      const std::string s = slug(source);
      return "shard-" + (s.empty() ? std::string("unknown") : s);
    }
  }
  return "shard-0";
}

std::string DatabaseWriter::gen_dir(unsigned gen) const { return (fs::path(path_) / gen_name(gen)).string(); }

void DatabaseWriter::notice(const std::string& line) const {
  if (options_.notice) options_.notice(line);
}

void DatabaseWriter::require_layered() const {
  if (!layered_) {
    throw DbError(DbErrorKind::other, "'" + path_ + "' is a plain Xapian database, not a newsdex database directory: "
                                      "cannot rebuild or compact it in place");
  }
}

// Opens (or creates) generation g.number: its state database, its policy
// (the stored one wins for an existing generation) and the shards the
// directory holds (hash shards are all created up front).
void DatabaseWriter::open_generation(Generation& g, bool create, const ShardPolicy& policy) {
  const fs::path dir = gen_dir(g.number);
  std::error_code ec;
  if (create) {
    fs::remove_all(dir, ec);  // left over by a killed rebuild
    if (!fs::create_directories(dir, ec) && ec) {
      throw DbError(DbErrorKind::io, "cannot create '" + dir.string() + "': " + ec.message());
    }
  }
  ensure_readers_lock(dir);
  g.state = open_writable((dir / kStateName).string(), "cannot open database '" + path_ + "'");
  try {
    const std::string stored = g.state.get_metadata(kPolicyKey);
    const std::optional<ShardPolicy> parsed = ShardPolicy::parse(stored);
    if (stored.empty() || !parsed) {
      g.policy = policy;
      g.state.set_metadata(kPolicyKey, policy.to_string());
    } else {
      g.policy = *parsed;
    }
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("shard-", 0) == 0 && entry.is_directory()) names.push_back(name);
    }
    if (g.policy.kind == ShardPolicy::Kind::hash) {
      for (unsigned k = 0; k < g.policy.count; ++k) names.push_back("shard-" + std::to_string(k));
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (const std::string& name : names) shard(name, g);
    g.state.commit();
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("cannot open database '" + path_ + "'");
  }
}

void DatabaseWriter::adopt_format(Xapian::WritableDatabase& db, const std::string& path) {
  try {
    if (db.get_doccount() == 0) {
      db.set_metadata(std::string(schema::kFormatKey), std::string(schema::kFormat));
    } else if (format_problem_.empty()) {
      format_problem_ = format_mismatch(db, path, layered_);
    }
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("cannot open database '" + path + "'");
  }
}

std::size_t DatabaseWriter::shard(const std::string& name) { return shard(name, target()); }

std::size_t DatabaseWriter::shard(const std::string& name, Generation& g) {
  auto it = std::lower_bound(g.names.begin(), g.names.end(), name);
  if (it != g.names.end() && *it == name) return static_cast<std::size_t>(it - g.names.begin());
  const std::string p = (fs::path(gen_dir(g.number)) / name).string();
  Xapian::WritableDatabase db = open_writable(p, "cannot create shard '" + p + "'");
  adopt_format(db, p);
  const auto pos = static_cast<std::size_t>(it - g.names.begin());
  g.names.insert(g.names.begin() + static_cast<std::ptrdiff_t>(pos), name);
  g.shards.insert(g.shards.begin() + static_cast<std::ptrdiff_t>(pos), db);
  g.stub_stale = true;
  return pos;
}

void DatabaseWriter::write_stub_for(const Generation& g) {
  if (layered_) write_stub(fs::path(path_), g.number, g.names);
}

DatabaseWriter::DatabaseWriter(const std::string& path, const Options& options) : path_(path), options_(options) {
  const fs::path dir(path);
  std::error_code ec;
  const bool existed = fs::exists(dir, ec);
  if (existed && !fs::is_directory(dir, ec)) {
    throw DbError(DbErrorKind::other, "'" + path + "' is a file, not a database directory: newsdex-index writes "
                                      "a newsdex database directory (a stub file is for searching)");
  }
  if (!existed && !options.create) {
    throw DbError(DbErrorKind::not_found, "no database at '" + path + "' (index some articles with newsdex-index first)");
  }
  if (existed && !is_xapian_database_dir(dir) && !fs::exists(dir / kStubName, ec) && !fs::exists(dir / kLockName, ec) &&
      generations_in(dir).empty() && !fs::is_empty(dir, ec)) {
    throw DbError(DbErrorKind::other, "'" + path + "' is a directory that holds no newsdex database: give --db a "
                                      "new or empty directory (or an existing newsdex database)");
  }
  if (!existed && !fs::create_directories(dir, ec) && ec) {
    throw DbError(DbErrorKind::io, "cannot create database directory '" + path + "': " + ec.message());
  }
  lock_fd_ = ::open((dir / kLockName).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) {
    throw DbError(DbErrorKind::io, "cannot open lock file in '" + path + "': " + std::strerror(errno));
  }
  if (::flock(lock_fd_, LOCK_EX | (options.wait_for_lock ? 0 : LOCK_NB)) != 0) {
    const int err = errno;
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (err == EINTR) {
      throw DbError(DbErrorKind::interrupted, "interrupted while waiting for the lock on '" + path + "'");
    }
    if (err == EWOULDBLOCK) {
      throw DbError(DbErrorKind::locked,
                    "database '" + path + "' is locked: another newsdex-index is writing to it (use --wait to wait)");
    }
    throw DbError(DbErrorKind::io, "cannot lock database '" + path + "': " + std::strerror(err));
  }
  try {
    open_locked();
  } catch (...) {
    ::close(lock_fd_);  // no destructor runs for a constructor that throws
    lock_fd_ = -1;
    if (commit_lock_fd_ >= 0) ::close(commit_lock_fd_);
    throw;
  }
}

DatabaseWriter::CommitHold::CommitHold(int fd) : fd_(fd) {
  if (fd_ < 0) return;
  while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
  }
}

DatabaseWriter::CommitHold::~CommitHold() {
  if (fd_ >= 0) ::flock(fd_, LOCK_UN);
}

void DatabaseWriter::open_locked() {
  const fs::path dir(path_);
  const std::string& path = path_;
  std::error_code ec;
  if (is_xapian_database_dir(dir)) {
    Xapian::WritableDatabase db = open_writable(path, "cannot open database '" + path + "' for writing");
    adopt_format(db, path);
    live_.names.push_back(".");
    live_.shards.push_back(db);
    live_.state = db;
    live_.policy = ShardPolicy{};
    return;
  }
  layered_ = true;
  commit_lock_fd_ = ::open((dir / kCommitLockName).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (commit_lock_fd_ < 0) {
    throw DbError(DbErrorKind::io, "cannot open '" + (dir / kCommitLockName).string() + "': " + std::strerror(errno));
  }
  if (fs::exists(dir / kStubName, ec)) {
    std::string why;
    const std::optional<NewsdexStub> stub = parse_newsdex_stub(read_stub_entries(dir / kStubName), why);
    if (!stub) {
      throw DbError(DbErrorKind::corrupt,
                    stub_repair_message(dir, "its stub file " + (dir / kStubName).string() +
                                                 " is not one newsdex-index wrote (" + why + ")"));
    }
    if (!fs::is_directory(dir / gen_name(stub->gen), ec)) {
      throw DbError(DbErrorKind::corrupt, stub_repair_message(dir, "its stub file names " + gen_name(stub->gen) +
                                                                       ", which is missing"));
    }
    for (const std::string& shard_name : stub->shards) {
      if (!is_xapian_database_dir(dir / gen_name(stub->gen) / shard_name)) {
        throw DbError(DbErrorKind::corrupt,
                      stub_repair_message(dir, "its stub file names " + gen_name(stub->gen) + "/" + shard_name +
                                                   ", which is missing"));
      }
    }
    live_.number = stub->gen;
    open_generation(live_, false, options_.policy);
    // Shards on disk but not yet in the stub (a run killed before naming
    // them) are named now; they hold only committed articles.
    if (stub->shards != live_.names) write_stub_for(live_);
  } else {
    // No stub: a new database, or one whose first run was killed before it
    // named its shards. A generation holding articles is never guessed
    // away.
    Xapian::doccount articles = 0;
    for (unsigned gen : generations_in(dir)) {
      for (const auto& entry : fs::directory_iterator(dir / gen_name(gen), ec)) {
        if (entry.path().filename().string().rfind("shard-", 0) != 0 || !is_xapian_database_dir(entry.path())) continue;
        try {
          articles += Xapian::Database(entry.path().string()).get_doccount();
        } catch (const Xapian::Error&) {
          articles += 1;  // unreadable: assume it holds something
        }
      }
    }
    if (articles > 0) {
      throw DbError(DbErrorKind::corrupt, stub_repair_message(dir, "its stub file " + (dir / kStubName).string() +
                                                                       " is missing but its generations hold articles"));
    }
    live_.number = 1;
    open_generation(live_, true, options_.policy);
    write_stub_for(live_);
  }
  live_.stub_stale = false;
  remove_stale_generations();
}

DatabaseWriter::~DatabaseWriter() {
  abandon();
  try {
    for (auto& db : live_.shards) db.close();
    live_.state.close();
  } catch (const Xapian::Error&) {
    // close() commits what is pending; a failure leaves the last commit.
  }
  if (commit_lock_fd_ >= 0) ::close(commit_lock_fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void DatabaseWriter::remove_stale_generations() {
  if (!layered_) return;
  const fs::path dir(path_);
  for (unsigned gen : generations_in(dir)) {
    if (gen == live_.number || (next_ && gen == next_->number)) continue;
    const fs::path gdir = dir / gen_name(gen);
    const int fd = ::open((gdir / kReadersLockName).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      notice("kept the old index generation " + gdir.string() + ": a search is still reading it; the next index run "
             "removes it");
      continue;
    }
    const std::uint64_t bytes = bytes_under(gdir);
    std::error_code ec;
    fs::remove_all(gdir, ec);
    if (fd >= 0) ::close(fd);
    if (ec) {
      notice("cannot remove the old index generation " + gdir.string() + ": " + ec.message());
    } else {
      notice("removed the old index generation " + gdir.string() + " (" + mib(bytes) + ")");
    }
  }
}

void DatabaseWriter::commit_shards() {
  Generation& g = target();
  try {
    for (auto& db : g.shards) db.commit();
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("committing to '" + path_ + "'");
  }
  if (g.stub_stale && !next_) {
    write_stub_for(g);
    g.stub_stale = false;
  }
}

void DatabaseWriter::start_generation(const ShardPolicy& policy) {
  require_layered();
  next_ = std::make_unique<Generation>();
  next_->number = live_.number + 1;
  open_generation(*next_, true, policy);
}

void DatabaseWriter::compact_into_generation() {
  require_layered();
  next_ = std::make_unique<Generation>();
  next_->number = live_.number + 1;
  const fs::path to_dir = gen_dir(next_->number);
  std::error_code ec;
  fs::remove_all(to_dir, ec);
  fs::create_directories(to_dir, ec);
  try {
    live_.state.commit();
    Xapian::Database(live_.state).compact((to_dir / kStateName).string());
    for (std::size_t k = 0; k < live_.shards.size(); ++k) {
      live_.shards[k].commit();
      Xapian::Database(live_.shards[k]).compact((to_dir / live_.names[k]).string(), 0, kCompactedBlockSize);
    }
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("compacting '" + path_ + "'");
  }
  open_generation(*next_, false, live_.policy);
}

void DatabaseWriter::publish() {
  if (!next_) return;
  try {
    for (auto& db : next_->shards) db.commit();
    next_->state.commit();
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("committing the new generation of '" + path_ + "'");
  }
  write_stub_for(*next_);
  try {
    for (auto& db : live_.shards) db.close();
    live_.state.close();
  } catch (const Xapian::Error&) {
    // The old generation is no longer live; what it failed to close is moot.
  }
  live_ = std::move(*next_);
  live_.stub_stale = false;
  next_.reset();
  remove_stale_generations();
}

void DatabaseWriter::abandon() noexcept {
  if (!next_) return;
  try {
    for (auto& db : next_->shards) db.close();
    next_->state.close();
  } catch (const Xapian::Error&) {
    // It is being removed.
  }
  const fs::path dir = gen_dir(next_->number);
  next_.reset();
  std::error_code ec;
  const std::uint64_t bytes = bytes_under(dir);
  fs::remove_all(dir, ec);
  try {
    notice(ec ? "cannot remove the unfinished index generation " + dir.string() + ": " + ec.message()
              : "removed the unfinished index generation " + dir.string() + " (" + mib(bytes) + ")");
  } catch (...) {
    // A notice is best effort.
  }
}


}  // namespace newsdex
