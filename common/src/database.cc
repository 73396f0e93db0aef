#include "newsdex/database.h"

#include "newsdex/schema.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <xxhash.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace newsdex {

std::string resolve_db_path(const std::string& cli_value) {
  if (!cli_value.empty()) return cli_value;
  if (const char* env = std::getenv("NEWSDEX_DB"); env != nullptr && *env != '\0') return env;
  return "newsdex.db";
}

void rethrow_as_db_error(const std::string& context) {
  try {
    throw;
  } catch (const Xapian::DatabaseLockError& e) {
    throw DbError(DbErrorKind::locked,
                  context + ": another newsdex-index is writing to it (" + e.get_msg() + ")");
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

Xapian::Database open_for_reading(const std::vector<std::string>& paths) {
  if (paths.size() == 1) return open_for_reading(paths.front());
  Xapian::Database all;
  for (const std::string& p : paths) all.add_database(open_for_reading(p));
  return all;
}

std::string describe_paths(const std::vector<std::string>& paths) {
  std::string out;
  for (const std::string& p : paths) out += (out.empty() ? "'" : ", '") + p + "'";
  return out;
}

namespace {

// Empty when `db` is empty or in this newsdex's index format; else the
// one-line message DbErrorKind::format carries.
std::string format_mismatch(const Xapian::Database& db, const std::string& path) {
  if (db.get_doccount() == 0) return {};
  const std::string format = db.get_metadata(std::string(schema::kFormatKey));
  if (format == schema::kFormat) return {};
  return "'" + path + "' is in index format " + (format.empty() ? std::string("1") : format) +
         ", this newsdex reads format " + std::string(schema::kFormat) +
         ": rebuild it with newsdex-index --rebuild --db '" + path + "' ARCHIVE...";
}

}  // namespace

Xapian::Database open_for_reading(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw DbError(DbErrorKind::not_found,
                  "no database at '" + path + "' (index some articles with newsdex-index first, or give --db)");
  }
  try {
    Xapian::Database db(path);
    if (const std::string problem = format_mismatch(db, path); !problem.empty()) {
      throw DbError(DbErrorKind::format, problem);
    }
    return db;
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("cannot open database '" + path + "'");
  }
}

namespace {

namespace fs = std::filesystem;

// "YYYYMMDDhhmmss" as ISO 8601.
std::string iso_from_slot(const std::string& v) {
  if (v.size() != 14) return {};
  return v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2) + "T" + v.substr(8, 2) + ":" +
         v.substr(10, 2) + ":" + v.substr(12, 2) + "Z";
}

constexpr const char* kStubName = "XAPIANDB";
constexpr const char* kLockName = "newsdex.lock";

constexpr const char* kStateName = "state";
constexpr const char* kPolicyKey = "newsdex:shard_policy";

std::string gen_name(unsigned gen) { return "gen-" + std::to_string(gen); }

// What a stub names: its generation and shard directories (gen 0 when it is
// not one of ours).
struct StubInfo {
  unsigned gen = 0;
  std::vector<std::string> shards;  // "shard-..." names
};

StubInfo read_stub(const fs::path& stub) {
  std::ifstream in(stub);
  StubInfo info;
  std::string kind, target;
  while (in >> kind >> target) {
    // "auto gen-N/shard-NAME"
    const std::size_t slash = target.find('/');
    if (target.rfind("gen-", 0) != 0 || slash == std::string::npos) return {};
    try {
      info.gen = static_cast<unsigned>(std::stoul(target.substr(4, slash - 4)));
    } catch (const std::exception&) {
      return {};
    }
    info.shards.push_back(target.substr(slash + 1));
  }
  return info;
}

// Replaces the stub atomically: write a temporary file, fsync, rename.
void write_stub(const fs::path& dir, unsigned gen, const std::vector<std::string>& shards) {
  const fs::path tmp = dir / (std::string(kStubName) + ".tmp");
  std::string text;
  for (const std::string& name : shards) text += "auto " + gen_name(gen) + "/" + name + "\n";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw DbError(DbErrorKind::io, "cannot write " + tmp.string() + ": " + std::strerror(errno));
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), (dir / kStubName).c_str()) != 0) {
    throw DbError(DbErrorKind::io, "cannot write " + (dir / kStubName).string() + ": " + std::strerror(errno));
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
    const char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
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

Xapian::WritableDatabase open_writable(const std::string& path, const std::string& context) {
  try {
    return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::Error&) {
    rethrow_as_db_error(context);
  }
}

}  // namespace

IndexSummary summarize_index(const std::string& path) {
  Xapian::Database db = open_for_reading(path);
  IndexSummary s;
  s.path = path;
  try {
    s.articles = db.get_doccount();
    s.first_date = iso_from_slot(db.get_value_lower_bound(schema::kDateSlot));
    s.last_date = iso_from_slot(db.get_value_upper_bound(schema::kDateSlot));
    s.last_run = open_state_for_reading(path).get_metadata(std::string(schema::kLastRunKey));
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    Xapian::ValueCountMatchSpy spy(schema::kSourceSlot);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    for (auto it = spy.top_values_begin(20); it != spy.top_values_end(20); ++it) {
      s.sources.emplace_back(*it, it.get_termfreq());
    }
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("reading '" + path + "'");
  }
  // The live generation's directory (or the plain database itself).
  fs::path live(path);
  if (const StubInfo stub = read_stub(live / kStubName); stub.gen != 0) live /= gen_name(stub.gen);
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(live, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code fec;
    if (it->is_regular_file(fec)) s.bytes_on_disk += it->file_size(fec);
  }
  return s;
}

std::string summary_text(const IndexSummary& s) {
  std::string out = "database:  " + s.path + "\n";
  out += "articles:  " + std::to_string(s.articles) + "\n";
  out += "dates:     " + (s.first_date.empty() ? std::string("(none)") : s.first_date + " .. " + s.last_date) + "\n";
  out += "size:      " + std::to_string((s.bytes_on_disk + (1u << 19)) >> 20) + " MiB\n";
  if (!s.sources.empty()) {
    out += "sources:  ";
    for (const auto& [name, count] : s.sources) out += " " + name + " (" + std::to_string(count) + ")";
    out += "\n";
  }
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
  };
  const nlohmann::ordered_json run = nlohmann::ordered_json::parse(s.last_run, nullptr, false);
  j["last_run"] = run.is_object() ? run : nlohmann::ordered_json();
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
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
    fs::create_directories(dir, ec);
  }
  g.state = open_writable((dir / kStateName).string(), "cannot open database '" + path_ + "'");
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
}

void DatabaseWriter::adopt_format(Xapian::WritableDatabase& db, const std::string& path) {
  try {
    if (db.get_doccount() == 0) {
      db.set_metadata(std::string(schema::kFormatKey), std::string(schema::kFormat));
    } else if (format_problem_.empty()) {
      format_problem_ = format_mismatch(db, path);
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

DatabaseWriter::DatabaseWriter(const std::string& path, const Options& options) : path_(path) {
  const fs::path dir(path);
  std::error_code ec;
  const bool existed = fs::exists(dir, ec);
  auto open_plain = [&] {
    Xapian::WritableDatabase db = open_writable(path, "cannot open database '" + path + "' for writing");
    adopt_format(db, path);
    live_.names.push_back(".");
    live_.shards.push_back(db);
    live_.state = db;
    live_.policy = ShardPolicy{};
  };
  if (existed && !fs::is_directory(dir, ec)) {
    open_plain();  // a stub file or something else: Xapian decides
    return;
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
  if (fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec)) {
    open_plain();
    return;
  }
  layered_ = true;
  const StubInfo stub = read_stub(dir / kStubName);
  live_.number = stub.gen == 0 ? 1 : stub.gen;
  open_generation(live_, stub.gen == 0, options.policy);
  // Shards on disk but not yet in the stub (a run killed before naming
  // them) are named now; they hold only committed articles.
  if (stub.gen == 0 || stub.shards != live_.names) write_stub_for(live_);
  live_.stub_stale = false;
}

DatabaseWriter::~DatabaseWriter() {
  try {
    if (next_) {
      for (auto& db : next_->shards) db.close();
      next_->state.close();
    }
    for (auto& db : live_.shards) db.close();
    live_.state.close();
  } catch (const Xapian::Error&) {
    // Uncommitted changes are discarded; the last commit stands.
  }
  if (lock_fd_ >= 0) ::close(lock_fd_);
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
  try {
    open_generation(*next_, true, policy);
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("cannot create a new generation in '" + path_ + "'");
  }
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
      Xapian::Database(live_.shards[k]).compact((to_dir / live_.names[k]).string());
    }
    open_generation(*next_, false, live_.policy);
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("compacting '" + path_ + "'");
  }
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
  const unsigned previous = live_.number;
  for (auto& db : live_.shards) db.close();
  live_.state.close();
  live_ = std::move(*next_);
  live_.stub_stale = false;
  next_.reset();
  // Keep the generation just replaced for readers that have it open.
  const fs::path dir(path_);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("gen-", 0) != 0) continue;
    unsigned gen = 0;
    try {
      gen = static_cast<unsigned>(std::stoul(name.substr(4)));
    } catch (const std::exception&) {
      continue;
    }
    if (gen != live_.number && gen != previous) fs::remove_all(entry.path(), ec);
  }
}

Xapian::Database open_state_for_reading(const std::string& path) {
  const fs::path dir(path);
  std::error_code ec;
  const StubInfo stub = read_stub(dir / kStubName);
  const fs::path state = stub.gen == 0 ? dir : dir / gen_name(stub.gen) / kStateName;
  if (!fs::exists(state, ec)) return Xapian::Database();
  try {
    return Xapian::Database(state.string());
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("cannot open the state of '" + path + "'");
  }
}

namespace {

// The stub file a search path names: PATH/XAPIANDB for a directory that
// has one, PATH itself for a file; empty for anything else (a plain
// database directory, a missing path).
fs::path stub_file_of(const std::string& path) {
  std::error_code ec;
  fs::path stub(path);
  if (fs::is_directory(stub, ec)) stub /= kStubName;
  return fs::is_regular_file(stub, ec) ? stub : fs::path();
}

// One line of a Xapian stub file: its kind ("auto", "remote", ...), its
// first argument, and whether more words follow (as in `remote` with a
// program and its arguments, which newsdex does not split).
struct StubLine {
  std::string kind;
  std::string target;
  bool more = false;
};

// The lines of a Xapian stub file, blank and '#' lines skipped.
std::vector<StubLine> read_stub_lines(const fs::path& stub) {
  std::vector<StubLine> lines;
  std::ifstream in(stub);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    StubLine l;
    std::string extra;
    if (!(words >> l.kind) || l.kind[0] == '#') continue;
    words >> l.target;
    l.more = static_cast<bool>(words >> extra);
    lines.push_back(std::move(l));
  }
  return lines;
}

bool has_remote_shards(const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    const fs::path stub = stub_file_of(p);
    if (stub.empty()) continue;
    for (const StubLine& l : read_stub_lines(stub)) {
      if (l.kind == "remote") return true;
    }
  }
  return false;
}

}  // namespace

Shards open_shards_for_reading(const std::vector<std::string>& paths) {
  // For what newsdex does not split: all of `paths` as one database.
  const auto whole = [&paths] { return Shards{{open_for_reading(paths)}, has_remote_shards(paths)}; };
  Shards out;
  for (const std::string& p : paths) {
    const fs::path stub = stub_file_of(p);
    if (stub.empty()) {
      out.databases.push_back(open_for_reading(p));  // a plain Xapian database (or an error)
      continue;
    }
    for (StubLine& line : read_stub_lines(stub)) {
      if (line.target.empty() || line.more) return whole();
      const std::string& kind = line.kind;
      std::string& target = line.target;
      try {
        if (kind == "auto" || kind == "glass" || kind == "chert") {
          const fs::path shard = fs::path(target).is_absolute() ? fs::path(target) : stub.parent_path() / target;
          out.databases.emplace_back(shard.string());
        } else if (kind == "remote") {
          // "remote :HOST:PORT" or "remote HOST:PORT" (TCP).
          if (target[0] == ':') target.erase(0, 1);
          const std::size_t colon = target.rfind(':');
          if (colon == std::string::npos || colon == 0) return whole();
          const unsigned port = static_cast<unsigned>(std::stoul(target.substr(colon + 1)));
          out.databases.push_back(Xapian::Remote::open(target.substr(0, colon), port));
          out.remote = true;
        } else {
          return whole();  // a kind Xapian knows and newsdex need not split
        }
        if (const std::string problem = format_mismatch(out.databases.back(), p); !problem.empty()) {
          throw DbError(DbErrorKind::format, problem);
        }
      } catch (const Xapian::Error&) {
        rethrow_as_db_error("cannot open shard '" + target + "' of '" + p + "'");
      } catch (const std::logic_error&) {  // a port std::stoul cannot read
        return whole();
      }
    }
  }
  return out;
}

}  // namespace newsdex
