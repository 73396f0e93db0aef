#include "newsdex/database.h"

#include "newsdex/schema.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <xxhash.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

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
    throw DbError(DbErrorKind::io, context + ": " + e.get_msg());
  } catch (const Xapian::Error& e) {
    throw DbError(DbErrorKind::other, context + ": " + e.get_description());
  }
}

Xapian::Database open_for_reading(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw DbError(DbErrorKind::not_found,
                  "no database at '" + path + "' (index some articles with newsdex-index first, or give --db)");
  }
  try {
    return Xapian::Database(path);
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

std::string gen_name(unsigned gen) { return "gen-" + std::to_string(gen); }
std::string shard_name(unsigned k) { return "shard-" + std::to_string(k); }

// What a stub names: its generation and shard count (0, 0 when it is not
// one of ours).
struct StubInfo {
  unsigned gen = 0;
  unsigned shards = 0;
};

StubInfo read_stub(const fs::path& stub) {
  std::ifstream in(stub);
  StubInfo info;
  std::string kind, target;
  while (in >> kind >> target) {
    // "auto gen-N/shard-K"
    if (target.rfind("gen-", 0) != 0) return {};
    const std::size_t slash = target.find('/');
    try {
      info.gen = static_cast<unsigned>(std::stoul(target.substr(4, slash - 4)));
    } catch (const std::exception&) {
      return {};
    }
    ++info.shards;
  }
  return info;
}

// Replaces the stub atomically: write a temporary file, fsync, rename.
void write_stub(const fs::path& dir, unsigned gen, unsigned shards) {
  const fs::path tmp = dir / (std::string(kStubName) + ".tmp");
  std::string text;
  for (unsigned k = 0; k < shards; ++k) text += "auto " + gen_name(gen) + "/" + shard_name(k) + "\n";
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
    s.last_run = db.get_metadata(std::string(schema::kLastRunKey));
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

std::string DatabaseWriter::gen_dir(unsigned gen) const { return (fs::path(path_) / gen_name(gen)).string(); }

void DatabaseWriter::require_layered() const {
  if (!layered_) {
    throw DbError(DbErrorKind::other, "'" + path_ + "' is a plain Xapian database, not a newsdex database directory: "
                                      "cannot rebuild or compact it in place");
  }
}

DatabaseWriter::DatabaseWriter(const std::string& path, const Options& options) : path_(path) {
  const fs::path dir(path);
  std::error_code ec;
  const bool existed = fs::exists(dir, ec);
  if (existed && !fs::is_directory(dir, ec)) {
    // A stub file or something else: Xapian decides.
    live_.push_back(open_writable(path, "cannot open database '" + path + "' for writing"));
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
    live_.push_back(open_writable(path, "cannot open database '" + path + "' for writing"));
    return;
  }
  layered_ = true;
  const StubInfo stub = read_stub(dir / kStubName);
  if (stub.gen == 0) {
    live_gen_ = 1;
    const unsigned shards = std::max(1u, options.shards);
    fs::create_directories(gen_dir(live_gen_), ec);
    for (unsigned k = 0; k < shards; ++k) {
      live_.push_back(open_writable((fs::path(gen_dir(live_gen_)) / shard_name(k)).string(),
                                    "cannot create database '" + path + "'"));
      live_.back().commit();
    }
    write_stub(dir, live_gen_, shards);
    return;
  }
  live_gen_ = stub.gen;
  for (unsigned k = 0; k < stub.shards; ++k) {
    live_.push_back(open_writable((fs::path(gen_dir(live_gen_)) / shard_name(k)).string(),
                                  "cannot open database '" + path + "' for writing"));
  }
}

DatabaseWriter::~DatabaseWriter() {
  try {
    for (auto& db : next_) db.close();
    for (auto& db : live_) db.close();
  } catch (const Xapian::Error&) {
    // Uncommitted changes are discarded; the last commit stands.
  }
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::vector<Xapian::WritableDatabase>& DatabaseWriter::start_generation(unsigned shards) {
  require_layered();
  next_gen_ = live_gen_ + 1;
  std::error_code ec;
  fs::remove_all(gen_dir(next_gen_), ec);  // left over by a killed rebuild
  fs::create_directories(gen_dir(next_gen_), ec);
  next_.clear();
  for (unsigned k = 0; k < std::max(1u, shards); ++k) {
    const std::string p = (fs::path(gen_dir(next_gen_)) / shard_name(k)).string();
    try {
      next_.emplace_back(p, Xapian::DB_CREATE_OR_OVERWRITE);
    } catch (const Xapian::Error&) {
      rethrow_as_db_error("cannot create '" + p + "'");
    }
  }
  return next_;
}

void DatabaseWriter::compact_into_generation() {
  require_layered();
  next_gen_ = live_gen_ + 1;
  std::error_code ec;
  fs::remove_all(gen_dir(next_gen_), ec);
  fs::create_directories(gen_dir(next_gen_), ec);
  next_.clear();
  try {
    for (unsigned k = 0; k < live_.size(); ++k) {
      live_[k].commit();
      const std::string from = (fs::path(gen_dir(live_gen_)) / shard_name(k)).string();
      const std::string to = (fs::path(gen_dir(next_gen_)) / shard_name(k)).string();
      Xapian::Database(from).compact(to);
      next_.emplace_back(to, Xapian::DB_OPEN);
    }
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("compacting '" + path_ + "'");
  }
}

void DatabaseWriter::publish() {
  try {
    for (auto& db : next_) db.commit();
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("committing the new generation of '" + path_ + "'");
  }
  const fs::path dir(path_);
  write_stub(dir, next_gen_, static_cast<unsigned>(next_.size()));
  const unsigned previous = live_gen_;
  for (auto& db : live_) db.close();
  live_ = std::move(next_);
  next_.clear();
  live_gen_ = next_gen_;
  // Keep the generation just replaced for readers that have it open.
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
    if (gen != live_gen_ && gen != previous) fs::remove_all(entry.path(), ec);
  }
}

}  // namespace newsdex
