#include "indexer.h"

#include <cerrno>
#include <algorithm>
#include <chrono>
#include <limits>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <xapian.h>
#include <xxhash.h>

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

// An ArticleSink that hands articles and problems to two functions.
class FunctionSink final : public ArticleSink {
 public:
  FunctionSink(std::function<bool(Article)> on_article, std::function<void(Problem)> on_problem)
      : on_article_(std::move(on_article)), on_problem_(std::move(on_problem)) {}
  bool article(Article a) override { return on_article_(std::move(a)); }
  void problem(Problem p) override { on_problem_(std::move(p)); }

 private:
  std::function<bool(Article)> on_article_;
  std::function<void(Problem)> on_problem_;
};

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
  return buf;
}

// A hash of everything a reader gave an article (not its entities, which
// the indexer adds): equal hashes mean the stored document is current.
std::uint64_t article_hash(const Article& a) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  auto field = [state](const std::string& f) {
    const std::uint64_t n = f.size();
    XXH3_64bits_update(state, &n, sizeof n);
    XXH3_64bits_update(state, f.data(), f.size());
  };
  for (const std::string* f : {&a.id, &a.path, &a.title, &a.author, &a.source, &a.url, &a.body}) field(*f);
  const std::int64_t date = a.date ? *a.date : std::numeric_limits<std::int64_t>::min();
  XXH3_64bits_update(state, &date, sizeof date);
  XXH3_64bits_update(state, &a.line, sizeof a.line);
  const std::uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return h;
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

// The roots an index run (and --print) walks: each input as absolute_path.
std::vector<std::string> input_roots(const std::vector<std::string>& inputs) {
  std::vector<std::string> roots;
  for (const std::string& in : inputs) roots.push_back(absolute_path(in));
  return roots;
}

// True when `path` is `root` or inside the directory `root`.
bool under(const std::string& path, const std::string& root) {
  if (path == root) return true;
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         (root.back() == '/' || path[root.size()] == '/');
}

// Counts shared by the coordinator and the shard workers.
struct Counters {
  std::atomic<std::uint64_t> added{0}, updated{0}, deleted{0}, unchanged{0}, moved{0};
};

class ShardWorker;

// A unit of work for the thread that owns a shard.
struct Task {
  enum class Kind { article, delete_file, delete_id, commit } kind = Kind::article;
  ShardWorker* worker = nullptr;  // the shard (null for commit: all the thread's shards)
  Article article;
  bool repeat = false;  // article: the id was met earlier in this run
  std::string path;     // delete_file: the source file; delete_id: the id
  std::shared_ptr<const std::unordered_set<std::string>> keep;  // delete_file: ids to keep (null: none)
};

// Does the writing for one shard: decides from the article hash whether a
// record changed, extracts entities, builds and writes documents, deletes
// vanished records. Used by one thread at a time.
class ShardWorker {
 public:
  // `db` is where existing articles are looked up; `out` where changes go
  // (null in a dry run, which reports them through `actions`).
  // `extractor` is read when an article is indexed (the run loads the model
  // before it hands out the first article); null means no extraction.
  ShardWorker(const Xapian::Database& db, Xapian::WritableDatabase* out,
              const std::unique_ptr<EntityExtractor>& extractor, Counters& counters, const ActionSink& actions)
      : db_(db), out_(out), extractor_(extractor), counters_(counters), actions_(actions),
        tg_(analyzer_.make_term_generator()), fresh_(db.get_doccount() == 0) {}

  bool fresh() const { return fresh_; }

  // The thread (index into the run's threads) that owns this shard.
  unsigned thread = 0;

  void handle(Task& task) {
    switch (task.kind) {
      case Task::Kind::article:
        index_article(task.article, task.repeat);
        break;
      case Task::Kind::delete_file:
        delete_file(task.path, task.keep.get());
        break;
      case Task::Kind::delete_id:
        delete_id(task.path);
        break;
      case Task::Kind::commit:
        commit();
        break;
    }
  }

  void commit() {
    if (out_ != nullptr) out_->commit();
  }

 private:
  void index_article(Article& a, bool repeat) {
    const std::string hash = hex64(article_hash(a));
    const std::string term = id_term(a.id);
    bool exists = repeat;
    if (!fresh_ && !repeat) {
      auto pl = db_.postlist_begin(term);
      if (pl != db_.postlist_end(term)) {
        exists = true;
        if (db_.get_document(*pl).get_value(schema::kHashSlot) == hash) {
          ++counters_.unchanged;
          return;
        }
      }
    }
    ++(exists ? counters_.updated : counters_.added);
    if (out_ == nullptr) {
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
  }

  // Deletes this shard's articles of file `path` whose ids are not in
  // `keep` (all of them when keep is null).
  void delete_file(const std::string& path, const std::unordered_set<std::string>* keep) {
    if (fresh_) return;
    const std::string fterm = file_term(path);
    std::vector<std::pair<Xapian::docid, std::string>> doomed;
    for (auto it = db_.postlist_begin(fterm); it != db_.postlist_end(fterm); ++it) {
      std::string id;
      auto tl = db_.termlist_begin(*it);
      tl.skip_to(std::string(schema::kIdPrefix));
      if (tl != db_.termlist_end(*it) && (*tl).compare(0, schema::kIdPrefix.size(), schema::kIdPrefix) == 0) {
        id = (*tl).substr(schema::kIdPrefix.size());
      }
      if (keep != nullptr && keep->count(id)) continue;
      doomed.emplace_back(*it, id);
    }
    for (const auto& [docid, id] : doomed) {
      ++counters_.deleted;
      if (out_ == nullptr) {
        actions_("delete " + id + " " + path);
      } else {
        out_->delete_document(docid);
      }
    }
  }

  // Removes article `id` from this shard: it now belongs to another (its
  // date or source changed under year/month/source sharding).
  void delete_id(const std::string& id) {
    if (fresh_ || out_ == nullptr) return;
    const std::string term = id_term(id);
    if (db_.postlist_begin(term) == db_.postlist_end(term)) return;
    out_->delete_document(term);
    ++counters_.moved;
  }

  const Xapian::Database& db_;
  Xapian::WritableDatabase* out_;
  const std::unique_ptr<EntityExtractor>& extractor_;
  Counters& counters_;
  const ActionSink& actions_;
  Analyzer analyzer_;  // per worker: Xapian::Stem is not thread-safe
  Xapian::TermGenerator tg_;
  bool fresh_;
};

// The memory a queued task holds, roughly: its strings.
std::size_t task_bytes(const Task& t) {
  const Article& a = t.article;
  return sizeof(Task) + t.path.size() + a.id.size() + a.path.size() + a.title.size() + a.author.size() +
         a.source.size() + a.url.size() + a.body.size();
}

// A bounded queue of tasks feeding one worker thread: it holds at most
// `capacity` tasks and, unless it holds only one, at most `capacity_bytes`
// of them (task_bytes), so that queued big articles cannot take memory
// without bound. push() waits until there is room.
class TaskQueue {
 public:
  TaskQueue(std::size_t capacity, std::size_t capacity_bytes) : capacity_(capacity), capacity_bytes_(capacity_bytes) {}

  void push(Task task) {
    const std::size_t bytes = task_bytes(task);
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [&] {
      return (tasks_.size() < capacity_ && (tasks_.empty() || bytes_ + bytes <= capacity_bytes_)) || closed_;
    });
    bytes_ += bytes;
    tasks_.push_back(std::move(task));
    not_empty_.notify_one();
  }

  // False when the queue is closed and empty.
  bool pop(Task& task) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [&] { return !tasks_.empty() || closed_; });
    if (tasks_.empty()) return false;
    task = std::move(tasks_.front());
    tasks_.pop_front();
    bytes_ -= task_bytes(task);
    not_full_.notify_one();
    return true;
  }

  void close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::size_t capacity_;
  std::size_t capacity_bytes_;
  std::size_t bytes_ = 0;  // task_bytes of the queued tasks
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<Task> tasks_;
  bool closed_ = false;
};

// A thread running the tasks of the shards assigned to it. A commit task
// commits every shard the thread has worked on and is acknowledged through
// wait_commits(); the first exception a task throws stops the thread's
// work and is rethrown by the coordinator.
class WorkerThread {
 public:
  // `queue_bytes`: how much article text may wait for this thread (one
  // article always may).
  explicit WorkerThread(std::size_t queue_bytes) : queue_(kQueueCapacity, queue_bytes) {
    thread_ = std::thread([this] { loop(); });
  }
  ~WorkerThread() { join(); }

  void push(Task task) { queue_.push(std::move(task)); }

  // Waits until `n` commit tasks have been handled (or the thread failed).
  void wait_commits(std::uint64_t n) {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return commits_ >= n || error_; });
  }

  std::exception_ptr error() {
    std::lock_guard<std::mutex> lock(mutex_);
    return error_;
  }

  void join() {
    queue_.close();
    if (thread_.joinable()) thread_.join();
  }

 private:
  // Tasks queued per thread: bounds memory while keeping it busy.
  static constexpr std::size_t kQueueCapacity = 512;

  void loop() {
    Task task;
    std::vector<ShardWorker*> mine;  // every shard this thread has touched
    while (queue_.pop(task)) {
      if (error()) continue;  // drain
      try {
        if (task.kind == Task::Kind::commit) {
          for (ShardWorker* w : mine) w->commit();
        } else {
          if (std::find(mine.begin(), mine.end(), task.worker) == mine.end()) mine.push_back(task.worker);
          task.worker->handle(task);
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        error_ = std::current_exception();
        done_.notify_all();
        continue;
      }
      if (task.kind == Task::Kind::commit) {
        std::lock_guard<std::mutex> lock(mutex_);
        ++commits_;
        done_.notify_all();
      }
    }
  }

  TaskQueue queue_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable done_;
  std::uint64_t commits_ = 0;
  std::exception_ptr error_;
};

// One index run: walks the inputs, decides per file, reads and parses
// changed files, and hands each article to the worker of its shard; shards
// are spread over options.threads threads. Commits happen at barriers every
// batch_size articles, on every shard; a file's state is stored (in the
// state database) only after the barrier that committed its articles
// everywhere, so a killed run re-reads it next time.
class Run {
 public:
  Run(const IndexOptions& options, const DiagnosticSink& diag, const ActionSink& actions, IndexStats& stats)
      : start_(std::chrono::steady_clock::now()), options_(options), diag_(diag), actions_(actions),
        stats_(stats) {}

  ~Run() {
    threads_.clear();  // joins before the workers go
  }

  void execute() {
    const std::vector<std::string> roots = input_roots(options_.inputs);
    std::vector<std::string> files;
    std::vector<std::string> unwalked;  // paths whose contents are unknown this run
    walk_inputs(roots, WalkOptions{}, [&](const std::string& path) { files.push_back(path); },
                [&](const std::string& path, const std::string& message) {
                  fail(path, 0, message);
                  unwalked.push_back(path);
                });
    stats_.files = files.size();

    open_database();

    Progress progress(options_.progress, files.size());
    for (const std::string& path : files) {
      if (stopping()) break;
      index_file(path);
      progress.file_done(dispatched_);
    }
    progress.finish();
    if (!stopping()) {
      // index_file() took every file it met out of known_: what is left has
      // vanished.
      for (const auto& [path, state] : known_) {
        bool in_scope = false, unknown = false;
        for (const std::string& root : roots) in_scope = in_scope || under(path, root);
        // A root or directory that could not be read is not a deletion.
        for (const std::string& dir : unwalked) unknown = unknown || under(path, dir);
        if (!in_scope || unknown) continue;
        broadcast_delete(path, nullptr);
        pending_erase_.push_back(path);
      }
    }
    finish();
  }

  // Compacts the live database into a new generation and switches to it.
  static void compact(const IndexOptions& options) {
    DatabaseWriter writer(options.db_path, DatabaseWriter::Options{options.wait_for_lock, options.policy});
    writer.compact_into_generation();
    writer.publish();
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
      if (std::filesystem::exists(options_.db_path, ec)) {
        reader_ = open_for_reading(options_.db_path);
        known_ = load_file_states(open_state_for_reading(options_.db_path));
      }
      dry_worker_ = std::make_unique<ShardWorker>(reader_, nullptr, no_extractor_, counters_, actions_);
      fresh_ = dry_worker_->fresh();
      return;
    }
    writer_.emplace(options_.db_path, DatabaseWriter::Options{options_.wait_for_lock, options_.policy});
    if (!options_.rebuild && !writer_->format_problem().empty()) {
      throw DbError(DbErrorKind::format, writer_->format_problem());
    }
    if (options_.rebuild) {
      writer_->start_generation(options_.policy_given ? options_.policy : writer_->policy());
    } else if (options_.policy_given && writer_->policy().to_string() != options_.policy.to_string()) {
      throw DbError(DbErrorKind::other, "database '" + options_.db_path + "' is sharded by " +
                                            writer_->policy().to_string() + ", not " + options_.policy.to_string() +
                                            ": use --rebuild to change its sharding");
    }
    known_ = load_file_states(writer_->state());
    for (const std::string& name : writer_->shard_names()) worker_for(name);
    const unsigned threads = std::max(1u, options_.threads);
    const bool parallel = threads > 1 && (writer_->policy().kind != ShardPolicy::Kind::hash ||
                                          writer_->policy().count > 1);
    if (parallel) {
      for (unsigned t = 0; t < threads; ++t) threads_.push_back(std::make_unique<WorkerThread>(queue_bytes()));
    }
  }

  // The worker of shard `name`, creating the shard when it is new.
  ShardWorker* worker_for(const std::string& name) {
    auto it = workers_.find(name);
    if (it != workers_.end()) return it->second.worker.get();
    const std::size_t index = writer_->shard(name);
    Owned& owned = workers_[name];
    owned.db = std::make_unique<Xapian::WritableDatabase>(writer_->shards()[index]);
    owned.worker = std::make_unique<ShardWorker>(*owned.db, owned.db.get(), extractor_, counters_, actions_);
    owned.worker->thread = static_cast<unsigned>(workers_.size() - 1);
    fresh_ = fresh_ && owned.worker->fresh();
    return owned.worker.get();
  }

  void dispatch(Task task) {
    if (dry_worker_) {
      dry_worker_->handle(task);
      return;
    }
    if (threads_.empty()) {
      task.worker->handle(task);
      return;
    }
    const unsigned thread = task.worker->thread;
    threads_[thread % threads_.size()]->push(std::move(task));
  }

  // Sends one task per shard (and only one in a dry run).
  void broadcast(const Task& prototype) {
    if (dry_worker_) {
      Task t = prototype;
      dispatch(std::move(t));
      return;
    }
    for (const auto& [name, owned] : workers_) {
      Task t = prototype;
      t.worker = owned.worker.get();
      dispatch(std::move(t));
    }
  }

  void broadcast_delete(const std::string& path, std::shared_ptr<const std::unordered_set<std::string>> keep) {
    Task t;
    t.kind = Task::Kind::delete_file;
    t.path = path;
    t.keep = std::move(keep);
    broadcast(t);
    since_barrier_ += 1;
  }

  // Commits every shard, names new shards in the stub, then stores the
  // file states of the files whose work is now committed everywhere.
  void barrier() {
    if (!writer_) return;
    ++barriers_;
    if (threads_.empty()) {
      for (auto& [name, owned] : workers_) owned.worker->commit();
    } else {
      for (auto& t : threads_) {
        Task c;
        c.kind = Task::Kind::commit;
        t->push(std::move(c));
      }
      for (auto& t : threads_) t->wait_commits(barriers_);
      rethrow_worker_error();
    }
    writer_->commit_shards();  // every thread is idle: only names new shards
    since_barrier_ = 0;
    bytes_since_barrier_ = 0;
    Xapian::WritableDatabase& state = writer_->state();
    for (const FileState& s : pending_states_) state.set_metadata(file_state_key(s.path), file_state_value(s));
    for (const std::string& p : pending_erase_) state.set_metadata(file_state_key(p), std::string());
    pending_states_.clear();
    pending_erase_.clear();
    state.commit();
  }

  void rethrow_worker_error() {
    for (auto& t : threads_) {
      if (std::exception_ptr e = t->error()) std::rethrow_exception(e);
    }
  }

  // Reports again the problems an unchanged file had when it was read.
  void refail(const FileState& known) {
    for (const auto& [line, reason] : known.failures) fail(known.path, line, reason);
  }

  // Article text that may wait for each writer thread: twice the article
  // limit (at least 1 MiB; 16 MiB without a limit). 512 ordinary articles
  // take less, but 512 articles of 8 MiB would be 4 GiB.
  std::size_t queue_bytes() const {
    const std::size_t article = options_.reader.max_body_bytes;
    return article == 0 ? std::size_t{16} << 20 : std::max(2 * article, std::size_t{1} << 20);
  }

  // Failures remembered per file; more are reported only when it is read.
  static constexpr std::size_t kMaxRememberedFailures = 100;
  // Article text (bodies and titles) after which a batch is committed even
  // before --batch-size articles: Xapian holds a batch's postings in
  // memory, up to about twice its text. Twice the article limit (at least
  // 4 MiB; 64 MiB without a limit): ordinary batches of 10,000 articles
  // are smaller (Reuters: 10 MB), so they are not split.
  std::uint64_t batch_bytes() const {
    const std::uint64_t article = options_.reader.max_body_bytes;
    return article == 0 ? std::uint64_t{64} << 20 : std::max<std::uint64_t>(2 * article, std::uint64_t{4} << 20);
  }

  void index_file(const std::string& path) {
    // Reading (stat, open, hash, parse) is InputFile's; what is done with
    // what it finds is decided here.
    InputFile file(path, options_.reader, options_.max_file_bytes);
    std::string error;
    if (!file.stat(error)) {
      known_.erase(path);  // it is there: not a deletion
      fail(path, 0, error);
      return;
    }
    FileState state{path, file.size(), file.mtime_ns(), 0, 0, {}};
    std::optional<FileState> known;
    if (auto it = known_.find(path); it != known_.end()) {
      known = std::move(it->second);
      known_.erase(it);
    }
    if (known && known->size == state.size && known->mtime_ns == state.mtime_ns) {
      counters_.unchanged += known->articles;
      refail(*known);
      return;
    }
    if (!file.open(error)) {
      fail(path, 0, error);
      return;
    }
    ++stats_.files_read;
    // What was opened is what is read and remembered.
    state.size = file.size();
    state.mtime_ns = file.mtime_ns();
    if (known && known->size == state.size) {
      // Touched, perhaps not changed: hash it before parsing anything.
      const std::optional<std::uint64_t> hash = file.hash(error);
      if (!hash) {
        fail(path, 0, error);
        return;
      }
      if (*hash == known->hash) {
        // Touched but not changed: remember the new time, read nothing more.
        state.hash = *hash;
        counters_.unchanged += known->articles;
        state.articles = known->articles;
        state.failures = known->failures;
        refail(*known);
        pending_states_.push_back(state);
        return;
      }
    }

    bool had_failure = false;
    std::uint64_t articles = 0;
    auto ids = std::make_shared<std::unordered_set<std::string>>();
    FunctionSink sink(
        [&](Article a) {
          if (stopping()) return false;  // the file's state is not saved: re-read next run
          ++articles;
          ids->insert(a.id);
          const bool repeat = !seen_.insert(a.id).second;
          if (repeat) {
            diag_(location(a.path, a.line) + ": duplicate id '" + a.id + "': this article replaces the earlier one",
                  false);
            ++stats_.warnings;
          }
          const std::size_t bytes = a.body.size() + a.title.size();
          dispatch_article(std::move(a), repeat);
          // Xapian holds every document of a batch until the commit: big
          // articles commit sooner, so that memory stays bounded.
          bytes_since_barrier_ += bytes;
          if (++since_barrier_ >= options_.batch_size || bytes_since_barrier_ >= batch_bytes()) barrier();
          return true;
        },
        [&](Problem p) {
          if (p.failed) {
            fail(path, p.line, p.message);
            if (state.failures.size() < kMaxRememberedFailures) state.failures.emplace_back(p.line, p.message);
            had_failure = true;
          } else {
            diag_(location(path, p.line) + ": " + p.message, false);
            ++stats_.warnings;
          }
        });
    const InputFile::Outcome outcome = file.read(sink);
    if (!outcome.error.empty()) {
      fail(path, 0, outcome.error);  // not remembered: the next run reads it again
      return;
    }
    if (!outcome.complete) return;  // stopped: the file's state is not saved
    state.hash = outcome.hash;
    // Records that vanished from a file (not when some failed to parse: a
    // broken line is not a deletion).
    if (!had_failure && !fresh_) broadcast_delete(path, ids);
    // Problems that come from the content are remembered with it: the same
    // bytes would fail the same way, so an unchanged file is not read again
    // but its problems are reported on every run (refail) until it changes.
    state.articles = articles;
    pending_states_.push_back(state);
  }

  void dispatch_article(Article a, bool repeat) {
    ++dispatched_;
    // The model is loaded when the first article needs it, so a run that
    // finds nothing changed does not pay for it.
    if (!extractor_loaded_ && !options_.dry_run) {
      extractor_ = load_extractor(options_);
      extractor_loaded_ = true;
    }
    Task t;
    t.kind = Task::Kind::article;
    t.repeat = repeat;
    if (dry_worker_) {
      t.article = std::move(a);
      dispatch(std::move(t));
      return;
    }
    const ShardPolicy& policy = writer_->policy();
    const std::string name = shard_name_for(policy, a.id, a.date, a.source);
    t.worker = worker_for(name);
    // Under keyed sharding an article whose date or source changed moves:
    // its old copy is removed from whichever shard holds it.
    if (policy.kind != ShardPolicy::Kind::hash && !fresh_ && workers_.size() > 1) {
      for (const auto& [other, owned] : workers_) {
        if (other == name) continue;
        Task d;
        d.kind = Task::Kind::delete_id;
        d.worker = owned.worker.get();
        d.path = a.id;
        dispatch(std::move(d));
      }
    }
    t.article = std::move(a);
    dispatch(std::move(t));
  }

  void copy_counters() {
    // A moved article was counted as added in its new shard.
    const std::uint64_t moved = counters_.moved;
    stats_.added = counters_.added - std::min<std::uint64_t>(moved, counters_.added);
    stats_.updated = counters_.updated + moved;
    stats_.deleted = counters_.deleted;
    stats_.unchanged = counters_.unchanged;
  }

  void finish() {
    if (!writer_) {
      copy_counters();
      return;
    }
    if (options_.rebuild && stats_.stopped) {
      threads_.clear();
      copy_counters();
      return;  // never publish a partial rebuild
    }
    barrier();
    threads_.clear();
    rethrow_worker_error();
    copy_counters();
    const int code = stats_.stopped ? 128 + options_.stop->load() : (stats_.failed > 0 ? 1 : 0);
    stats_.seconds = seconds_since(start_);
    Xapian::WritableDatabase& state = writer_->state();
    state.set_metadata(std::string(schema::kLastRunKey), stats_json(stats_, code));
    state.commit();
    if (options_.rebuild) writer_->publish();
  }

  struct Owned {
    std::unique_ptr<Xapian::WritableDatabase> db;  // a handle of its own
    std::unique_ptr<ShardWorker> worker;
  };

  std::chrono::steady_clock::time_point start_;
  const IndexOptions& options_;
  const DiagnosticSink& diag_;
  const ActionSink& actions_;
  IndexStats& stats_;
  Counters counters_;
  std::unique_ptr<EntityExtractor> extractor_;
  const std::unique_ptr<EntityExtractor> no_extractor_;
  bool extractor_loaded_ = false;
  std::optional<DatabaseWriter> writer_;
  Xapian::Database reader_;                       // dry runs only
  std::unique_ptr<ShardWorker> dry_worker_;       // dry runs only
  std::map<std::string, Owned> workers_;          // by shard name
  std::vector<std::unique_ptr<WorkerThread>> threads_;
  std::unordered_map<std::string, FileState> known_;
  std::vector<FileState> pending_states_;         // to store after the next barrier
  std::vector<std::string> pending_erase_;
  std::unordered_set<std::string> seen_;          // ids met in this run
  bool fresh_ = true;                             // every shard started empty
  std::uint64_t dispatched_ = 0;
  std::uint64_t since_barrier_ = 0;
  std::uint64_t bytes_since_barrier_ = 0;  // of article text dispatched since the last barrier
  std::uint64_t barriers_ = 0;
};

}  // namespace

IndexStats run_print(const IndexOptions& options, const DiagnosticSink& diag) {
  const auto start = std::chrono::steady_clock::now();
  IndexStats stats;
  std::unique_ptr<EntityExtractor> extractor = load_extractor(options);
  // The same roots an index run walks, and the same reading (InputFile),
  // so --print shows the ids, paths and problems the index would have.
  walk_inputs(
      input_roots(options.inputs), WalkOptions{},
      [&](const std::string& path) {
        ++stats.files;
        FunctionSink sink(
            [&](Article a) {
              if (extractor) a.entities = extractor->extract(a);
              std::cout << article_to_json(a) << '\n';
              ++stats.added;
              return true;
            },
            [&](Problem p) {
              diag(location(path, p.line) + ": " + p.message, p.failed);
              if (p.failed) {
                ++stats.failed;
                stats.failures.push_back({path, p.line, p.message});
              }
            });
        read_input_file(path, options.reader, options.max_file_bytes, sink);
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
