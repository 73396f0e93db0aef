#include "indexer.h"

#include <sys/stat.h>

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
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <xapian.h>
#include <xxhash.h>

#include "file_state.h"
#include "newsdex/database.h"
#include "newsdex/document.h"
#include "newsdex/duplicates.h"
#include "newsdex/entities.h"
#include "newsdex/identity.h"
#include "newsdex/identity_store.h"
#include "newsdex/json.h"
#include "newsdex/schema.h"
#include "newsdex/text.h"
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

// A hash of everything a reader gave an article (its given entities and
// topics, not the entities the indexer adds, and not its line: a record
// that moved within its file is the same record), and of whether entities are extracted: equal hashes
// mean the stored document is current.
std::uint64_t article_hash(const Article& a, bool entities) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  auto field = [state](const std::string& f) {
    const std::uint64_t n = f.size();
    XXH3_64bits_update(state, &n, sizeof n);
    XXH3_64bits_update(state, f.data(), f.size());
  };
  for (const std::string* f : {&a.id, &a.path, &a.title, &a.author, &a.source, &a.url, &a.body, &a.language}) {
    field(*f);
  }
  const std::int64_t date = a.date ? *a.date : std::numeric_limits<std::int64_t>::min();
  XXH3_64bits_update(state, &date, sizeof date);
  // The entities the input gave (hashed before extraction adds its own):
  // a publisher's changed metadata is a changed article. None adds
  // nothing, so articles without them hash as before.
  for (const Entity& e : a.raw_entities) {
    const unsigned char type = static_cast<unsigned char>(e.type);
    XXH3_64bits_update(state, &type, 1);
    field(e.name);
  }
  // The publisher's topics, likewise (each after a byte no entity type
  // has; none adds nothing).
  for (const std::string& t : a.topics) {
    const unsigned char mark = 0xFF;
    XXH3_64bits_update(state, &mark, 1);
    field(t);
  }
  const unsigned char with_entities = entities ? 1 : 0;
  XXH3_64bits_update(state, &with_entities, 1);
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

// True when `path` is `root` or inside the directory `root`.
bool under(const std::string& path, const std::string& root) {
  if (path == root) return true;
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         (root.back() == '/' || path[root.size()] == '/');
}

// `roots` sorted, without duplicates and without a directory that lies
// inside another root (its files are walked once, through the outer one).
// A file stays: named on its own it is read whatever its extension.
std::vector<std::string> outermost(std::vector<std::string> roots) {
  std::sort(roots.begin(), roots.end());
  roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
  std::vector<std::string> out;
  std::string outer_dir;
  for (const std::string& r : roots) {
    std::error_code ec;
    const bool dir = std::filesystem::is_directory(r, ec);
    if (!outer_dir.empty() && under(r, outer_dir) && dir) continue;
    out.push_back(r);
    if (dir && (outer_dir.empty() || !under(r, outer_dir))) outer_dir = r;
  }
  return out;
}

// The roots an index run (and --print) walks: each input as absolute_path.
std::vector<std::string> input_roots(const std::vector<std::string>& inputs) {
  std::vector<std::string> roots;
  for (const std::string& in : inputs) roots.push_back(absolute_path(in));
  return outermost(std::move(roots));
}

// ".xml" for "a/b.XML", "" for a name without an extension.
std::string extension_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash) || dot + 1 == path.size() ||
      dot == (slash == std::string::npos ? 0 : slash + 1)) {
    return {};
  }
  std::string ext = path.substr(dot);
  if (ext.size() > 12) return {};
  return ascii_lower(ext);
}

// The settings a run uses: what the database remembers, overridden by what
// the command line gives.
ArchiveSettings merge_settings(const ArchiveSettings& stored, const GivenSettings& given) {
  ArchiveSettings e = stored;
  for (const auto& [name, source] : given.fields) {
    if (source.empty()) {
      e.field_overrides.erase(name);
    } else {
      e.field_overrides[name] = source;
    }
  }
  if (given.entities) e.entities = *given.entities;
  if (given.max_file_bytes) e.max_file_bytes = *given.max_file_bytes;
  if (given.max_article_bytes) e.max_article_bytes = *given.max_article_bytes;
  return e;
}

// Sets the options the readers and the run read from `settings`.
void use_settings(IndexOptions& options, const ArchiveSettings& settings) {
  options.reader.field_overrides = settings.field_overrides;
  options.reader.max_body_bytes = static_cast<std::size_t>(settings.max_article_bytes);
  options.max_file_bytes = settings.max_file_bytes;
  options.extract_entities = settings.entities;
}

// Counts shared by the coordinator and the shard workers.
struct Counters {
  std::atomic<std::uint64_t> added{0}, updated{0}, deleted{0}, unchanged{0}, moved{0};
};

// A record that lost its id to another record: the article indexed under
// `id` now comes from elsewhere.
struct Displaced {
  std::string path;
  std::uint64_t line = 0;
  std::string id;
};

// Displaced records found by the shard workers, collected for the
// coordinator. Thread-safe.
class DisplacedLog {
 public:
  void add(Displaced d) {
    std::lock_guard<std::mutex> lock(mutex_);
    items_.push_back(std::move(d));
  }
  std::vector<Displaced> take() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(items_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<Displaced> items_;
};

// Where the article of an id is stored.
struct Holder {
  std::string path;
  std::uint64_t line = 0;
};

// The input file (a bundle member's bundle: Article::file) and line of a
// stored document.
Holder holder_of(const Xapian::Database& db, Xapian::docid docid) {
  Holder h;
  auto tl = db.termlist_begin(docid);
  tl.skip_to(std::string(schema::kFilePrefix));
  if (tl != db.termlist_end(docid) && (*tl).compare(0, schema::kFilePrefix.size(), schema::kFilePrefix) == 0) {
    h.path = (*tl).substr(schema::kFilePrefix.size());
  }
  const nlohmann::json data = nlohmann::json::parse(db.get_document(docid).get_data(), nullptr, false);
  if (data.is_object()) {
    if (auto it = data.find("line"); it != data.end() && it->is_number_unsigned()) h.line = it->get<std::uint64_t>();
    // The file term of a long path is cut (file_term); the data has it
    // whole: the input file's ("file", a bundle member's bundle), else "path".
    if (auto it = data.find("file"); it != data.end() && it->is_string()) {
      h.path = it->get<std::string>();
    } else if (auto p = data.find("path"); p != data.end() && p->is_string()) {
      h.path = p->get<std::string>();
    }
  }
  return h;
}

class ShardWorker;

// The run's best guess at the archive's alias table while it indexes
// (built by the coordinator at each barrier from the raw names stored when
// the run began plus those the workers have extracted since, the batch's
// own included), so that most articles are indexed with the entities the
// final table gives them, and few need the rewrite at the end of the run
// (resolve_identities). Thread-safe.
class InterimIdentity {
 public:
  // Counts the raw names of one article.
  void count(const std::vector<Entity>& raw) {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (const Entity& e : raw) {
      auto& c = counts_[{e.type, e.name}];
      ++c.first;
      if (e.weak) ++c.second;
    }
    ++articles_;
  }
  // Articles counted so far.
  std::uint64_t counted() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return articles_;
  }
  // The raw names counted so far, added to `base`.
  std::vector<RawName> names(std::vector<RawName> base) const {
    const std::lock_guard<std::mutex> lock(mutex_);
    base.reserve(base.size() + counts_.size());
    for (const auto& [name, n] : counts_) base.push_back({name.first, name.second, n.first, n.second});
    return base;
  }
  // The table to index with now (null: the shard's stored one).
  std::shared_ptr<const AliasTable> table() const { return std::atomic_load(&table_); }
  void publish(std::shared_ptr<const AliasTable> table) { std::atomic_store(&table_, std::move(table)); }

 private:
  mutable std::mutex mutex_;
  // Articles, and weak ones, per raw name. 32-bit counts keep a node in
  // jemalloc's 80-byte class: in the 96-byte class these long-lived nodes,
  // allocated among Xapian's short-lived ones, kept slabs from being freed
  // (a Reuters index peaked at 259 MiB instead of 211 with decay off).
  std::map<std::pair<EntityType, std::string>, std::pair<std::uint32_t, std::uint32_t>> counts_;
  std::uint64_t articles_ = 0;
  std::shared_ptr<const AliasTable> table_;
};

// A unit of work for the thread that owns a shard.
struct Task {
  // sync: acknowledged once every task before it is done (the batch's
  // entities are all extracted), see Run::barrier.
  enum class Kind { article, delete_file, delete_id, commit, sync } kind = Kind::article;
  ShardWorker* worker = nullptr;  // the shard (null for commit: all the thread's shards)
  Article article;      // article; delete_id: the article that moved (id, path, line)
  bool repeat = false;  // article: the id was met earlier in this run
  std::string path;     // delete_file: the source file
  std::shared_ptr<const std::unordered_set<std::string>> keep;  // delete_file: ids to keep (null: none)
};

// Does the writing for one shard: decides from the article hash whether a
// record changed, extracts entities, builds and writes documents, deletes
// vanished records. Used by one thread at a time.
class ShardWorker {
 public:
  // `db` is where existing articles are looked up; `out` where changes go
  // (null in a dry run, which reports them through `actions` and reopens
  // `db` when a concurrent writer discards the revision it reads).
  // `extractor` is read when an article is indexed (the run loads the model
  // before it hands out the first article); null means no extraction.
  // `entities` says whether the run extracts entities (part of the hash).
  // Articles' entities are resolved with `interim`'s table when it has one.
  ShardWorker(Xapian::Database& db, Xapian::WritableDatabase* out, const std::unique_ptr<EntityExtractor>& extractor,
              bool entities, Counters& counters, DisplacedLog& displaced, const ActionSink& actions,
              InterimIdentity& interim)
      : db_(db), out_(out), extractor_(extractor), entities_(entities), counters_(counters), displaced_(displaced),
        actions_(actions), fresh_(db.get_doccount() == 0),
        groups_were_current_(fresh_ || db.get_metadata(std::string(schema::kDupGroupsKey)) == "1"),
        // A dry run resolves no entity; it reads what a concurrent writer
        // may be rewriting only through read().
        aliases_(out != nullptr ? load_alias_table(db) : AliasTable()), interim_(interim) {}

  // True when the shard held no article when the run started.
  bool fresh() const { return fresh_; }

  // True when the shard's duplicate groups were current (groups_current)
  // when the run started: an empty shard's are.
  bool groups_were_current() const { return groups_were_current_; }

  // The run's changes to the shard's articles so far, as
  // update_duplicate_groups takes them.
  const ShardChanges& group_changes() const { return group_changes_; }

  // The thread (index into the run's threads) that owns this shard.
  unsigned thread = 0;

  void handle(Task& task) {
    // A deletion, or an id met before in this run, sees the shard as the
    // tasks before it left it: the articles waiting are written first.
    if (task.kind != Task::Kind::article || task.repeat) flush();
    switch (task.kind) {
      case Task::Kind::article:
        index_article(task.article, task.repeat);
        break;
      case Task::Kind::delete_file:
        delete_file(task.path, task.keep.get());
        break;
      case Task::Kind::delete_id:
        delete_id(task.article);
        break;
      case Task::Kind::commit:
        commit();
        break;
      case Task::Kind::sync:
        break;
    }
  }

  // Writes the articles waiting for the batch's alias table, then commits.
  void commit() {
    flush();
    if (out_ == nullptr) return;
    for (const auto& [word, change] : spelling_changes_) {
      if (change > 0) out_->add_spelling(word, static_cast<Xapian::termcount>(change));
      if (change < 0) out_->remove_spelling(word, static_cast<Xapian::termcount>(-change));
    }
    spelling_changes_.clear();
    out_->commit();
  }

  // Writes the articles waiting (index_article), their entities resolved
  // with the interim table as it is now: at a barrier, the one built from
  // the evidence of every article extracted so far, these included.
  void flush() {
    if (pending_.empty()) return;
    const std::shared_ptr<const AliasTable> interim = interim_.table();
    if (interim && (used_.empty() || used_.back() != interim)) used_.push_back(interim);
    used_stored_ = used_stored_ || !interim;
    const AliasTable& table = interim ? *interim : aliases_;
    for (Pending& p : pending_) {
      p.article.entities = table.resolve(p.article.raw_entities);
      finish_document(p.doc, p.article);
      write(p.article, p.hash, p.replace, p.doc);
      p = Pending{};  // its text is in Xapian's batch now: not held twice
    }
    pending_.clear();
  }

  // Makes `identity` this shard's alias table and entity directory: its
  // articles whose entities it changes are rewritten (not re-read).
  // Returns how many were. REQUIRES: not a dry run; no task is running.
  std::uint64_t adopt_identity(const IdentityResult& identity) {
    // The tables the shard's articles were indexed with: the stored one
    // (articles of earlier runs, or written without an interim table) and
    // the interim ones of this run.
    std::vector<const AliasTable*> before;
    if (!fresh_ || used_stored_) before.push_back(&aliases_);
    for (const auto& t : used_) before.push_back(t.get());
    const std::uint64_t n = reresolve_articles(*out_, before, identity.table);
    store_alias_table(*out_, aliases_, identity.table);
    store_entity_directory(*out_, identity.entities);
    aliases_ = identity.table;
    used_.clear();
    used_stored_ = true;
    return n;
  }

  bool stores_table() const { return !aliases_.empty(); }

 private:
  // Runs a read of db_; in a dry run, a revision discarded by a concurrent
  // writer is reopened and the read tried again.
  template <class F>
  auto read(F&& f) {
    for (int attempt = 1;; ++attempt) {
      try {
        return f();
      } catch (const Xapian::DatabaseModifiedError&) {
        if (out_ != nullptr || attempt >= 50) throw;
        db_.reopen();
      }
    }
  }

  // The document holding `term`, or 0.
  Xapian::docid find(const std::string& term) {
    return read([&] {
      auto pl = db_.postlist_begin(term);
      return pl == db_.postlist_end(term) ? Xapian::docid{0} : *pl;
    });
  }

  // Records that the stored article `docid` (of id `id`) gives way to
  // record (path, line): unless it is that very record, it is displaced.
  void displace(Xapian::docid docid, const std::string& id, const std::string& path, std::uint64_t line) {
    Holder h = read([&] { return holder_of(db_, docid); });
    if (h.path == path && h.line == line) return;
    displaced_.add({std::move(h.path), h.line, id});
  }

  void index_article(Article& a, bool repeat) {
    const std::string hash = hex64(article_hash(a, entities_));
    const std::string term = id_term(a.id);
    bool exists = false;
    if (!fresh_ || repeat) {
      if (const Xapian::docid docid = find(term)) {
        exists = true;
        const Xapian::Document old = read([&] { return db_.get_document(docid); });
        const Holder h = read([&] { return holder_of(db_, docid); });
        // The input file: a bundle member's is its bundle (Holder's path).
        const std::string& file = a.file.empty() ? a.path : a.file;
        if (h.path != file || (repeat && h.line != a.line)) {
          // Another record holds the id: the one read last is indexed.
          displace(docid, a.id, file, a.line);
        } else if (read([&] { return old.get_value(schema::kHashSlot); }) == hash) {
          ++counters_.unchanged;
          if (h.line != a.line && out_ != nullptr) refresh_line(docid, old, a.line);
          return;
        }
      }
    }
    ++(exists ? counters_.updated : counters_.added);
    if (out_ == nullptr) {
      actions_(std::string(exists ? "update " : "add ") + a.id + " " + location(a.path, a.line));
      return;
    }
    if (extractor_) {
      // The article waits for the batch's commit (flush), so that its
      // entities are resolved with a table that knows the whole batch's
      // names; the end of the run brings every article up to the
      // archive's new table (few change by then).
      a.raw_entities = with_given_entities(extractor_->extract(a), a.raw_entities);
      interim_.count(a.raw_entities);
      Pending p{std::move(a), hash, exists || !fresh_, {}};
      p.doc = make_text_document(p.article, spelling_);
      // Counted now rather than held with the article: the changes are
      // applied only at commit(), which writes every pending article
      // first, so the spelling data commits with the articles it counts.
      count_spelling(spelling_);
      pending_.push_back(std::move(p));
      return;
    }
    Xapian::Document doc = make_document(a, spelling_);
    count_spelling(spelling_);
    write(a, hash, exists || !fresh_, doc);
  }

  // Adds an article's spelling words (make_document's) to the shard's
  // spelling data at the next commit.
  void count_spelling(const std::vector<std::string>& spelling) {
    for (const std::string& w : spelling) ++spelling_changes_[w];
  }

  // Writes article `a` (entities resolved) as `doc`, its make_document,
  // with its hash: replacing the document of its id, or added when the
  // shard cannot hold it yet. The spelling words of the article it
  // replaces go out of the shard's spelling data at the next commit (its
  // own are counted by the caller, count_spelling).
  void write(const Article& a, const std::string& hash, bool replace, Xapian::Document& doc) {
    changed();
    doc.add_value(schema::kHashSlot, hash);
    if (replace) {
      const std::string term = id_term(a.id);
      if (const Xapian::docid old = find(term)) forget_stored(old);
      group_changes_.written.push_back(out_->replace_document(term, doc));
    } else {
      group_changes_.written.push_back(out_->add_document(doc));
    }
  }

  // Before stored article `docid` is deleted or replaced: takes its
  // spelling words out of the shard's spelling data (at the next commit),
  // so that each word's frequency stays the number of times the shard's
  // articles use it, and notes its duplicate group, which may split
  // (update_duplicate_groups).
  void forget_stored(Xapian::docid docid) {
    const Xapian::Document old = out_->get_document(docid);
    for (const std::string& w : spelling_words(article_from_data(old.get_data()))) --spelling_changes_[w];
    std::string group = old.get_value(schema::kDupGroupSlot);
    if (!group.empty()) group_changes_.left_groups.push_back(std::move(group));
  }

  // A record that moved within its file: only its stored line changes
  // (Xapian rewrites the data, not the postings, of a document read from
  // the database whose terms are untouched).
  void refresh_line(Xapian::docid docid, Xapian::Document doc, std::uint64_t line) {
    Article stored = article_from_data(doc.get_data());
    stored.line = line;
    doc.set_data(article_to_json(stored));
    out_->replace_document(docid, doc);
  }

  // Deletes this shard's articles of file `path` whose ids are not in
  // `keep` (all of them when keep is null).
  void delete_file(const std::string& path, const std::unordered_set<std::string>* keep) {
    const std::string fterm = file_term(path);
    std::vector<std::pair<Xapian::docid, std::string>> doomed = read([&] {
      std::vector<std::pair<Xapian::docid, std::string>> found;
      for (auto it = db_.postlist_begin(fterm); it != db_.postlist_end(fterm); ++it) {
        std::string id;
        auto tl = db_.termlist_begin(*it);
        tl.skip_to(std::string(schema::kIdPrefix));
        if (tl != db_.termlist_end(*it) && (*tl).compare(0, schema::kIdPrefix.size(), schema::kIdPrefix) == 0) {
          id = (*tl).substr(schema::kIdPrefix.size());
        }
        if (keep != nullptr && keep->count(id)) continue;
        found.emplace_back(*it, id);
      }
      return found;
    });
    for (const auto& [docid, id] : doomed) {
      ++counters_.deleted;
      if (out_ == nullptr) {
        actions_("delete " + id + " " + path);
      } else {
        changed();
        forget_stored(docid);
        out_->delete_document(docid);
      }
    }
  }

  // Removes article `a.id` from this shard: it now belongs to another
  // (its date or source changed under year/month/source sharding, or
  // another record with its id lives there).
  void delete_id(const Article& a) {
    if (out_ == nullptr) return;
    const std::string term = id_term(a.id);
    const Xapian::docid docid = find(term);
    if (docid == 0) return;
    displace(docid, a.id, a.path, a.line);
    changed();
    forget_stored(docid);
    out_->delete_document(docid);
    ++counters_.moved;
  }

  // Before the shard's first change of the run: its duplicate groups and
  // its identity stamp are stale from the commit that holds the change,
  // until the end-of-run passes (Run::regroup, Run::resolve_identities)
  // bring them up to date, so a run stopped or killed in between (its
  // articles committed with interim tables, its files' states stored)
  // leaves the next run to do both, even when that run finds nothing
  // changed. REQUIRES: not a dry run.
  void changed() {
    if (stale_marked_) return;
    mark_groups_stale(*out_);
    out_->set_metadata(std::string(schema::kIdentityStampKey), std::string());
    stale_marked_ = true;
  }

  Xapian::Database& db_;
  Xapian::WritableDatabase* out_;
  bool stale_marked_ = false;
  const std::unique_ptr<EntityExtractor>& extractor_;
  bool entities_;
  Counters& counters_;
  DisplacedLog& displaced_;
  const ActionSink& actions_;
  bool fresh_;
  bool groups_were_current_;
  ShardChanges group_changes_;  // written and deleted articles, for regroup
  AliasTable aliases_;  // the archive's alias table, as this shard stores it
  InterimIdentity& interim_;
  std::vector<std::shared_ptr<const AliasTable>> used_;  // interim tables articles were indexed with
  bool used_stored_ = false;  // articles of this run were indexed with aliases_ too
  // Articles extracted and counted, waiting for flush(): at most a batch
  // (Run::batch_bytes of text).
  // Each holds its document already analysed (make_text_document), so
  // that the writer threads do the text analysis while the batch is read,
  // and only entities and Xapian's own work are left for the barrier.
  struct Pending {
    Article article;
    std::string hash;
    bool replace;  // replace the document of its id (else add)
    Xapian::Document doc;  // make_text_document(article, ...)
  };
  std::vector<Pending> pending_;
  std::vector<std::string> spelling_;  // an article's spelling words, memory reused
  // The spelling frequency changes of the articles written and removed
  // since the last commit, word -> change, applied at the commit: one
  // Xapian call a word a batch rather than one a word an article (the
  // netted changes come to the same frequencies, and commit with the
  // articles they belong to).
  std::unordered_map<std::string, long long> spelling_changes_;
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
  // Waits until `n` sync tasks have been handled (or the thread failed).
  void wait_syncs(std::uint64_t n) {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return syncs_ >= n || error_; });
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
        } else if (task.kind == Task::Kind::sync) {
          // nothing: the tasks before it are done
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
      if (task.kind == Task::Kind::commit || task.kind == Task::Kind::sync) {
        std::lock_guard<std::mutex> lock(mutex_);
        ++(task.kind == Task::Kind::commit ? commits_ : syncs_);
        done_.notify_all();
      }
    }
  }

  TaskQueue queue_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable done_;
  std::uint64_t commits_ = 0;
  std::uint64_t syncs_ = 0;
  std::exception_ptr error_;
};

// Deletions decided during a run and carried out (or refused) at its end,
// once every root's share of deletions is known.
struct PlannedDeletion {
  std::string path;  // the source file
  // Ids of the file's records read this run, whose articles stay; null:
  // the file vanished (or was pruned) and all its articles go.
  std::shared_ptr<const std::unordered_set<std::string>> keep;
  std::uint64_t estimate = 0;  // articles it deletes (see count_planned_deletions)
  // The file's state once the deletion is committed; nullopt: erase it.
  std::optional<FileState> state;
};

// The articles a state says its file gives to the index.
std::uint64_t indexed_articles(const FileState& s) {
  return s.articles > s.shadowed.size() ? s.articles - s.shadowed.size() : 0;
}

// One index run: walks the inputs, decides per file, reads and parses
// changed files, and hands each article to the worker of its shard; shards
// are spread over options.threads threads. Commits happen at barriers every
// batch_size articles, on every shard; a file's state is stored (in the
// state database) only after the barrier that committed its articles
// everywhere, so a killed run re-reads it next time. Deletions wait for the
// end of the walk, where each root's share is checked against
// max_delete_percent; a file whose records were deleted gets its state
// only after the deletions are committed.
class Run {
 public:
  Run(const IndexOptions& options, const DiagnosticSink& diag, const ActionSink& actions, const NoticeSink& notice,
      IndexStats& stats)
      : start_(std::chrono::steady_clock::now()), given_(options), options_(options), diag_(diag),
        actions_(actions), notice_(notice), stats_(stats) {}

  ~Run() {
    threads_.clear();  // joins before the workers go
  }

  void execute() {
    const bool db_exists = std::filesystem::exists(given_.db_path);
    stored_ = load_settings(db_exists);
    resolve_settings();
    // --aliases without PATH: apply the alias file to the index as it is,
    // reading no source.
    aliases_only_ = given_.inputs.empty() && given_.given.alias_rules.has_value();
    if (aliases_only_ && !db_exists) {
      throw std::invalid_argument("--aliases without PATH applies an alias file to an existing database, and '" +
                                  given_.db_path + "' does not exist");
    }
    roots_ = aliases_only_ ? std::vector<std::string>{}
             : given_.inputs.empty() ? outermost(stored_.roots) : input_roots(given_.inputs);
    if (options_.prune && given_.inputs.empty()) {
      // What --prune is for: a remembered root that is gone is not read.
      std::vector<std::string> present;
      for (const std::string& r : roots_) {
        if (exists_on_disk(r)) {
          present.push_back(r);
        } else if (notice_) {
          notice_(r + " no longer exists: its articles are pruned and it is forgotten");
        }
      }
      roots_ = std::move(present);
      if (roots_.empty()) prune_only_ = true;
    }
    if (roots_.empty() && !prune_only_ && !aliases_only_) {
      throw std::invalid_argument("no PATH given, and database '" + given_.db_path +
                                  "' remembers no archive to index (give the files or directories to index)");
    }
    std::vector<std::string> files;
    walk_inputs(
        roots_, WalkOptions{}, [&](const std::string& path) { files.push_back(path); },
        [&](const std::string& path, const std::string& message) {
          fail(path, 0, message);
          unwalked_.push_back(path);
        },
        [&](const std::string& path) {
          // Named on its own, it is read (and refused) as a file instead.
          if (!std::binary_search(roots_.begin(), roots_.end(), path)) ++stats_.skipped[extension_of(path)];
        });
    // A file named on its own and met again inside a named directory is
    // read once.
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    stats_.files = files.size();
    const bool nothing_walked = unwalked_.size() >= roots_.size() &&
                                std::all_of(roots_.begin(), roots_.end(), [&](const std::string& r) {
                                  return std::find(unwalked_.begin(), unwalked_.end(), r) != unwalked_.end();
                                });
    if (!db_exists && nothing_walked) return;  // no input at all: create no database

    open_database();
    walked_.insert(files.begin(), files.end());
    Progress progress(options_.progress, files.size());
    for (const std::string& path : files) {
      if (stopping()) break;
      index_file(path, force_);
      progress.file_done(dispatched_);
    }
    progress.finish();
    if (!stopping() && !aliases_only_) {
      plan_vanished();
      carry_out_deletions();
    }
    finish();
  }

  // Compacts the live database into a new generation and switches to it.
  static void compact(const IndexOptions& options, const NoticeSink& notice) {
    DatabaseWriter::Options o{options.wait_for_lock, options.policy, false, notice};
    DatabaseWriter writer(options.db_path, o);
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

  void warn(const std::string& line) {
    diag_(line, false);
    ++stats_.warnings;
  }

  static bool exists_on_disk(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 || errno != ENOENT;
  }

  void report_collision(const std::string& line) {
    diag_(line, false);
    ++stats_.collisions;
  }

  // The settings the database remembers (defaults when there is none).
  ArchiveSettings load_settings(bool db_exists) {
    if (!db_exists) return ArchiveSettings{};
    const std::optional<ArchiveSettings> s = load_archive_settings(given_.db_path);
    return s ? *s : ArchiveSettings{};
  }

  // effective_ from what the database remembers and what the command line
  // gives; force_ when they differ in what changes articles.
  void resolve_settings() {
    effective_ = merge_settings(stored_, given_.given);
    use_settings(options_, effective_);
    // Files whose size, time or content did not change are still read
    // again when the settings that shape their articles changed.
    force_ = effective_.field_overrides != stored_.field_overrides || effective_.entities != stored_.entities ||
             effective_.max_article_bytes != stored_.max_article_bytes;
  }

  void open_database() {
    if (options_.dry_run) {
      std::error_code ec;
      if (std::filesystem::exists(options_.db_path, ec)) {
        read_consistently({options_.db_path}, "reading '" + options_.db_path + "'", [&](Shards& view) {
          view_ = view;
          reader_ = view.all();
          known_ = load_file_states(open_state_for_reading(options_.db_path));
        });
      }
      final_ = known_;
      dry_worker_ = std::make_unique<ShardWorker>(reader_, nullptr, no_extractor_, options_.extract_entities, counters_,
                                                  displaced_, actions_, interim_);
      fresh_ = dry_worker_->fresh();
      return;
    }
    writer_.emplace(options_.db_path,
                    DatabaseWriter::Options{options_.wait_for_lock, options_.policy, true, notice_});
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
    final_ = known_;
    load_alias_rules();
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
    owned.worker = std::make_unique<ShardWorker>(*owned.db, owned.db.get(), extractor_, options_.extract_entities,
                                                 counters_, displaced_, actions_, interim_);
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

  // Commits every shard, names new shards in the stub, then stores the
  // states of the files whose work is now committed everywhere, with the
  // records the workers found displaced.
  void barrier() {
    if (!writer_) return;
    ++barriers_;
    if (extractor_) {
      // Every article of the batch extracted, the interim table is built
      // from their names too before the workers write them (commit).
      if (!threads_.empty()) {
        for (auto& t : threads_) {
          Task c;
          c.kind = Task::Kind::sync;
          t->push(std::move(c));
        }
        for (auto& t : threads_) t->wait_syncs(barriers_);
        rethrow_worker_error();
      }
      update_interim_table();
    }
    {
      // A search that lost its revision to a commit once holds the next
      // commit back until it is done (DatabaseWriter::CommitHold).
      const DatabaseWriter::CommitHold hold = writer_->hold_commits_for_readers();
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
    }
    since_barrier_ = 0;
    bytes_since_barrier_ = 0;
    record_displaced();
    Xapian::WritableDatabase& state = writer_->state();
    for (const std::string& p : dirty_) {
      auto it = final_.find(p);
      if (it != final_.end()) state.set_metadata(file_state_key(p), file_state_value(it->second));
    }
    for (const std::string& p : erased_) state.set_metadata(file_state_key(p), std::string());
    dirty_.clear();
    erased_.clear();
    state.commit();
  }

  // Adds the records the workers displaced to their files' states (a file
  // that is gone has no use for them: its articles are deleted by the run
  // that sees it gone, or --prune).
  void record_displaced() {
    for (Displaced& d : displaced_.take()) {
      auto it = final_.find(d.path);
      if (it == final_.end() || !exists_on_disk(d.path)) continue;
      std::vector<Shadowed>& list = it->second.shadowed;
      const bool known = std::any_of(list.begin(), list.end(),
                                     [&](const Shadowed& s) { return s.line == d.line && s.id == d.id; });
      if (known) continue;
      list.push_back({d.line, std::move(d.id)});
      if (!deferred_.count(d.path)) dirty_.insert(d.path);
    }
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

  // Reads `path` when it changed (or `force`), dispatches its articles and
  // plans the deletion of its vanished records. Reading (stat, open, hash,
  // parse) is InputFile's; what is done with what it finds is decided here.
  void index_file(const std::string& path, bool force) {
    InputFile file(path, options_.reader, options_.max_file_bytes);
    std::string error;
    if (!file.stat(error)) {
      fail(path, 0, error);  // it is there: not a deletion; its state stays
      return;
    }
    FileState state{path, file.size(), file.mtime_ns(), 0, 0, {}, {}};
    std::optional<FileState> known;
    if (auto it = known_.find(path); it != known_.end()) known = it->second;
    if (!force && known && known->size == state.size && known->mtime_ns == state.mtime_ns) {
      counters_.unchanged += indexed_articles(*known);
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
    if (!force && known && known->size == state.size) {
      // Touched, perhaps not changed: hash it before parsing anything.
      const std::optional<std::uint64_t> hash = file.hash(error);
      if (!hash) {
        fail(path, 0, error);
        return;
      }
      if (*hash == known->hash) {
        // Touched but not changed: remember the new time, read nothing more.
        state.hash = *hash;
        counters_.unchanged += indexed_articles(*known);
        state.articles = known->articles;
        state.failures = known->failures;
        state.shadowed = known->shadowed;
        refail(*known);
        keep_state(std::move(state));
        return;
      }
    }

    bool whole_file_failed = false;  // a failure of the whole file, other than being empty
    std::uint64_t articles = 0;
    auto ids = std::make_shared<std::unordered_set<std::string>>();
    FunctionSink sink(
        [&](Article a) {
          if (stopping()) return false;  // the file's state is not saved: re-read next run
          ++articles;
          ids->insert(a.id);
          const std::size_t bytes = a.body.size() + a.title.size();
          dispatch_article(std::move(a));
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
            whole_file_failed = whole_file_failed || (p.line == 0 && !p.empty);
          } else {
            warn(location(path, p.line) + ": " + p.message);
          }
        });
    const InputFile::Outcome outcome = file.read(sink);
    if (!outcome.error.empty()) {
      fail(path, 0, outcome.error);  // not remembered: the next run reads it again
      return;
    }
    if (!outcome.complete) return;  // stopped: the file's state is not saved
    state.hash = outcome.hash;
    // Problems that come from the content are remembered with it: the same
    // bytes would fail the same way, so an unchanged file is not read again
    // but its problems are reported on every run (refail) until it changes.
    if (articles == 0 && whole_file_failed) {
      // A file that could not be read at all (binary, not JSON) keeps the
      // articles it gave before; an empty one has none.
      if (known) {
        state.articles = known->articles;
        state.shadowed = known->shadowed;
      }
      keep_state(std::move(state));
      return;
    }
    state.articles = articles;
    if (known && !fresh_) {
      // Its records that are gone are deleted at the end of the run, and
      // its state stored after that.
      const std::uint64_t before = indexed_articles(*known);
      planned_.push_back({path, ids, before > ids->size() ? before - ids->size() : 0, state});
      deferred_.insert(path);
      final_[path] = std::move(state);
    } else {
      keep_state(std::move(state));
    }
  }

  // Makes `state` the file's state, stored at the next barrier.
  void keep_state(FileState state) {
    const std::string path = state.path;
    final_[path] = std::move(state);
    dirty_.insert(path);
  }

  void dispatch_article(Article a) {
    ++dispatched_;
    // The model is loaded when the first article needs it, so a run that
    // finds nothing changed does not pay for it.
    if (!extractor_loaded_ && !options_.dry_run) load_entity_model();
    Task t;
    t.kind = Task::Kind::article;
    auto [seen, first] = seen_.try_emplace(a.id, nullptr);
    t.repeat = !first;
    if (dry_worker_) {
      t.article = std::move(a);
      dispatch(std::move(t));
      return;
    }
    const ShardPolicy& policy = writer_->policy();
    t.worker = worker_for(shard_name_for(policy, a.id, a.date, a.source));
    // Under keyed sharding an article whose date or source changed moves,
    // and two records of one id may belong to two shards: the other copy
    // is removed from any shard that held articles before this run, and
    // from the shard where this run put the id before.
    if (policy.kind != ShardPolicy::Kind::hash) {
      for (const auto& [name, owned] : workers_) {
        ShardWorker* w = owned.worker.get();
        if (w == t.worker || (w->fresh() && w != seen->second)) continue;
        Task d;
        d.kind = Task::Kind::delete_id;
        d.worker = w;
        d.article.id = a.id;
        d.article.path = a.path;
        d.article.line = a.line;
        dispatch(std::move(d));
      }
    }
    seen->second = t.worker;
    t.article = std::move(a);
    dispatch(std::move(t));
  }

  // The root a path belongs to: the longest of this run's roots and the
  // remembered ones that holds it, else the path itself.
  std::string root_of(const std::string& path) const {
    std::string best;
    for (const std::vector<std::string>* list : {&roots_, &stored_.roots}) {
      for (const std::string& r : *list) {
        if (under(path, r) && r.size() > best.size()) best = r;
      }
    }
    return best.empty() ? path : best;
  }

  // Plans the deletion of the articles of remembered files that were not
  // met: under this run's roots (when their directory could be walked),
  // and, with --prune, anywhere when the file no longer exists.
  void plan_vanished() {
    for (const auto& [path, state] : known_) {
      if (walked_.count(path)) continue;
      bool in_scope = false, unknown = false;
      for (const std::string& root : roots_) in_scope = in_scope || under(path, root);
      // A root or directory that could not be read is not a deletion.
      for (const std::string& dir : unwalked_) unknown = unknown || under(path, dir);
      const bool gone = options_.prune && (!in_scope || unknown) && !exists_on_disk(path);
      if ((in_scope && !unknown) || gone) planned_.push_back({path, nullptr, indexed_articles(state), std::nullopt});
    }
  }

  // Checks each root's planned deletions against max_delete_percent,
  // carries out the allowed ones and stores the states that wait for them.
  void carry_out_deletions() {
    barrier();  // every worker idle, so the coordinator may read the shards
    count_planned_deletions();
    std::map<std::string, std::uint64_t> before, planned;
    for (const auto& [path, state] : known_) before[root_of(path)] += indexed_articles(state);
    for (const PlannedDeletion& d : planned_) planned[root_of(d.path)] += d.estimate;
    std::set<std::string> blocked;
    if (!options_.allow_delete && options_.max_delete_percent < 100) {
      for (const auto& [root, n] : planned) {
        const std::uint64_t total = before[root];
        if (n == 0 || n * 100 <= static_cast<std::uint64_t>(options_.max_delete_percent) * total) continue;
        blocked.insert(root);
        stats_.blocked.push_back({root, n, total});
        diag_(root + ": not deleting " + std::to_string(n) + " of its " + std::to_string(total) +
                  " articles: more than --max-delete " + std::to_string(options_.max_delete_percent) +
                  "% (an unmounted disk or an emptied share looks the same); nothing under it was deleted. If the "
                  "deletion is intended, run again with --allow-delete",
              true);
      }
    }
    for (PlannedDeletion& d : planned_) {
      if (blocked.count(root_of(d.path))) {
        // Its file is read again next run (no new state), and decided then.
        if (d.state) {
          final_.erase(d.path);
          if (auto it = known_.find(d.path); it != known_.end()) final_[d.path] = it->second;
        }
        deferred_.erase(d.path);
        continue;
      }
      Task t;
      t.kind = Task::Kind::delete_file;
      t.path = d.path;
      t.keep = d.keep;
      broadcast(t);
      deferred_.erase(d.path);
      if (d.state) {
        dirty_.insert(d.path);
      } else {
        final_.erase(d.path);
        erased_.insert(d.path);
      }
    }
    planned_.clear();
  }

  // Runs a read of all_shards(); in a dry run, a revision discarded by a
  // concurrent writer is reopened and the read tried again.
  template <class F>
  auto read_shards(F&& f) {
    for (int attempt = 1;; ++attempt) {
      try {
        return f(all_shards());
      } catch (const Xapian::DatabaseModifiedError&) {
        if (writer_ || attempt >= 50) throw;
        reader_.reopen();
      }
    }
  }

  // Every shard as one database, for the coordinator's reads (in a dry run
  // the database read). REQUIRES: no worker is busy (after a barrier).
  Xapian::Database all_shards() {
    if (!writer_) return reader_;
    Xapian::Database db;
    for (auto& [name, owned] : workers_) db.add_database(*owned.db);
    return db;
  }

  // Counts, from the index, the articles each planned deletion takes away:
  // the file's articles whose id is not among its records read this run
  // and is not shadowed by another file's record (that record is indexed
  // in its place, see resolve_and_report_shadowed). The counts replace the
  // estimates from the file records, which cannot see ids that moved to
  // another file.
  void count_planned_deletions() {
    std::unordered_set<std::string> shadowed;
    std::unordered_set<std::string> going;
    for (const PlannedDeletion& d : planned_) {
      if (!d.keep) going.insert(d.path);
    }
    for (const auto& [path, state] : final_) {
      if (going.count(path)) continue;
      for (const Shadowed& sh : state.shadowed) shadowed.insert(sh.id);
    }
    for (PlannedDeletion& d : planned_) {
      const std::string fterm = file_term(d.path);
      d.estimate = read_shards([&](const Xapian::Database& db) -> std::uint64_t {
        if (!d.keep && shadowed.empty()) return db.get_termfreq(fterm);
        std::uint64_t doomed = 0;
        for (auto it = db.postlist_begin(fterm); it != db.postlist_end(fterm); ++it) {
          auto tl = db.termlist_begin(*it);
          tl.skip_to(std::string(schema::kIdPrefix));
          std::string id;
          if (tl != db.termlist_end(*it) && (*tl).compare(0, schema::kIdPrefix.size(), schema::kIdPrefix) == 0) {
            id = (*tl).substr(schema::kIdPrefix.size());
          }
          if ((d.keep && d.keep->count(id)) || shadowed.count(id)) continue;
          ++doomed;
        }
        return doomed;
      });
    }
  }

  // Where the article of `id` is stored, if anywhere.
  std::optional<Holder> holder_of_id(const std::string& id) {
    const std::string term = id_term(id);
    return read_shards([&](const Xapian::Database& db) -> std::optional<Holder> {
      auto pl = db.postlist_begin(term);
      if (pl == db.postlist_end(term)) return std::nullopt;
      return holder_of(db, *pl);
    });
  }

  // After the last barrier: files whose shadowed record lost its holder
  // (the holder's file changed or vanished) are read again so that their
  // record is indexed; shadowed records that are now the indexed ones are
  // forgotten; the others are reported, as on every run.
  void resolve_and_report_shadowed() {
    if (writer_ && !stats_.stopped) {
      std::vector<std::string> reread;
      for (auto& [path, state] : final_) {
        for (auto it = state.shadowed.begin(); it != state.shadowed.end();) {
          const std::optional<Holder> h = holder_of_id(it->id);
          if (!h) {
            reread.push_back(path);
            break;
          }
          if (h->path == path && h->line == it->line) {
            it = state.shadowed.erase(it);
            dirty_.insert(path);
          } else {
            ++it;
          }
        }
      }
      // In path order, as a full run reads them, so the same record wins.
      std::sort(reread.begin(), reread.end());
      for (const std::string& path : reread) {
        const std::uint64_t counted = indexed_articles(final_[path]);
        counters_.unchanged -= std::min<std::uint64_t>(counted, counters_.unchanged);
        index_file(path, true);
      }
      if (!reread.empty() || !dirty_.empty()) {
        for (const std::string& p : reread) deferred_.erase(p);
        for (PlannedDeletion& d : planned_) dirty_.insert(d.path);  // unchanged files: nothing to delete
        planned_.clear();
        barrier();
      }
    }
    for (const auto& [path, state] : final_) {
      for (const Shadowed& s : state.shadowed) {
        const std::optional<Holder> h = holder_of_id(s.id);
        std::string where = h ? location(h->path, h->line) : std::string("no file (it is indexed again next run)");
        if (h && h->path == path) where = "line " + std::to_string(h->line) + " of this file";
        report_collision(location(path, s.line) + ": id '" + s.id + "' is also at " + where +
                         ", whose article is the one indexed (an id names one article; of two records with one "
                         "id, the one read last is indexed)");
      }
    }
    // In a dry run the states are not updated: report what the workers met.
    if (!writer_) {
      for (const Displaced& d : displaced_.take()) {
        report_collision(location(d.path, d.line) + ": id '" + d.id +
                         "' is also in a record read later, whose article would be indexed");
      }
    }
  }

  // Loads the entity model (when entities are on) and the table new shards
  // index with (ShardWorker::initial_table).
  void load_entity_model() {
    extractor_ = load_extractor(options_);
    extractor_loaded_ = true;
    if (!extractor_) return;
    if (!writer_) return;
    // The raw names stored so far, read while no worker writes.
    const Xapian::Database all = all_shards();
    base_names_ = load_raw_names(all);
    base_articles_ = all.get_doccount();
    // A new archive starts from the built-in aliases and the user's rules.
    bool stored = false;
    for (auto& [name, owned] : workers_) stored = stored || owned.worker->stores_table();
    if (!stored) interim_.publish(std::make_shared<const AliasTable>(build_identity(identity_inputs({}, 0)).table));
  }

  // Builds the interim table again (InterimIdentity) from all the evidence
  // so far: at each barrier, before the batch's articles are written.
  void update_interim_table() {
    if (!extractor_ || !writer_ || interim_.counted() == counted_at_build_) return;
    counted_at_build_ = interim_.counted();
    interim_.publish(std::make_shared<const AliasTable>(build_identity(identity_inputs(interim_.names(base_names_), base_articles_ + interim_.counted())).table));
  }

  // What the archive's identity is built from: its raw names, the
  // built-in aliases, the user's rules, the curated lists.
  IdentityInputs identity_inputs(std::vector<RawName> names, std::uint64_t articles) {
    IdentityInputs in;
    in.names = std::move(names);
    in.articles = articles;
    in.builtins = extractor_->builtin_aliases();
    in.rules = alias_rules_;
    const EntityExtractor& extractor = *extractor_;
    in.listed_type = [&extractor](std::string_view name) { return extractor.listed_type(name); };
    in.misc_by_form = [&extractor](std::string_view name) { return extractor.misc_by_form(name); };
    in.common_word = [&extractor](std::string_view name) { return extractor.common_word(name); };
    in.name_word = [&extractor](std::string_view word) { return extractor.name_word(word); };
    in.given_name = [&extractor](std::string_view word) { return extractor.given_name(word); };
    return in;
  }

  // The user's alias rules: the file given this run, else the one the
  // database keeps (a rebuild keeps the live generation's).
  void load_alias_rules() {
    std::string origin, text;
    if (given_.given.alias_rules) {
      origin = given_.given.alias_rules_origin;
      text = *given_.given.alias_rules;
    } else {
      const nlohmann::json j =
          nlohmann::json::parse(writer_->live_state().get_metadata(std::string(schema::kAliasRulesKey)), nullptr, false);
      if (!j.is_object()) return;
      origin = j.value("origin", std::string("stored alias file"));
      text = j.value("text", std::string());
    }
    alias_rules_text_ = origin + '\n' + text;
    try {
      alias_rules_ = parse_alias_rules(text, origin);
    } catch (const AliasFileError& e) {
      throw std::invalid_argument(e.what());
    }
  }

  // What the archive's identity is built from besides its articles: the
  // version of newsdex and of its identity rules (kIdentityRules), and the
  // user's rules.
  std::string identity_stamp() const {
    const std::string basis =
        std::string(NEWSDEX_VERSION) + '\n' + std::string(kIdentityRules) + '\n' + alias_rules_text_;
    return hex64(XXH3_64bits(basis.data(), basis.size()));
  }

  // After the last article: the archive's alias table built again from
  // every shard's raw names, the built-in aliases and the user's rules;
  // each shard stores it and rewrites its articles whose entities change.
  // Skipped when no article changed and the table was built from the same
  // rules and newsdex version.
  void resolve_identities() {
    if (!writer_ || stats_.stopped || !options_.extract_entities) return;
    const std::string stamp = identity_stamp();
    const std::string stamp_key(schema::kIdentityStampKey);
    const bool changed = counters_.added + counters_.updated + counters_.deleted + counters_.moved > 0;
    bool current = !changed;
    for (auto& [name, owned] : workers_) current = current && owned.db->get_metadata(stamp_key) == stamp;
    if (current) return;
    if (!extractor_loaded_) load_entity_model();
    const Xapian::Database all = all_shards();
    const IdentityResult identity = build_identity(identity_inputs(load_raw_names(all), all.get_doccount()));
    for (const std::string& note : identity.notes) {
      if (notice_) notice_(note);
    }
    // Shards are independent: up to options_.threads at once.
    std::vector<Owned*> shards;
    for (auto& [name, owned] : workers_) shards.push_back(&owned);
    std::atomic<std::size_t> next{0};
    std::atomic<std::uint64_t> rewritten{0};
    std::mutex error_mutex;
    std::exception_ptr error;
    const auto work = [&] {
      for (std::size_t k; (k = next++) < shards.size();) {
        try {
          rewritten += shards[k]->worker->adopt_identity(identity);
          shards[k]->db->set_metadata(stamp_key, stamp);
        } catch (...) {
          const std::lock_guard<std::mutex> lock(error_mutex);
          if (!error) error = std::current_exception();
        }
      }
    };
    std::vector<std::thread> pool;
    const std::size_t n = std::min<std::size_t>(std::max(1u, options_.threads), shards.size());
    for (std::size_t t = 1; t < n; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    if (error) std::rethrow_exception(error);
    stats_.reresolved += rewritten;
    barrier();
  }

  // After the last change of the run: the archive's near-duplicate groups
  // brought up to date when a shard changed since they were last computed,
  // and committed. Only what this run's changes affect is grouped again
  // (update_duplicate_groups) when the groups were current when the run
  // started; after a run stopped before this pass, or in an index whose
  // groups were never computed, every article is (regroup_duplicates).
  void regroup() {
    if (!writer_ || stats_.stopped) return;
    std::vector<Xapian::WritableDatabase*> shards;
    std::vector<ShardChanges> changes;
    for (auto& [name, owned] : workers_) {
      shards.push_back(owned.db.get());
      changes.push_back(owned.worker->group_changes());
      changes.back().was_current = owned.worker->groups_were_current();
    }
    if (groups_current(shards)) return;
    update_duplicate_groups(shards, changes);
    barrier();
  }

  void copy_counters() {
    // A moved article was counted as added in its new shard.
    const std::uint64_t moved = counters_.moved;
    stats_.added = counters_.added - std::min<std::uint64_t>(moved, counters_.added);
    stats_.updated = counters_.updated + moved;
    stats_.deleted = counters_.deleted;
    stats_.unchanged = counters_.unchanged;
  }

  // The roots to remember: the ones remembered and this run's, less those
  // --prune found gone.
  std::vector<std::string> roots_to_remember() const {
    std::vector<std::string> roots = stored_.roots;
    roots.insert(roots.end(), roots_.begin(), roots_.end());
    if (options_.prune) {
      // A gone root whose articles were not deleted (refused) is kept.
      const auto forgotten = [this](const std::string& r) {
        return !exists_on_disk(r) && std::none_of(stats_.blocked.begin(), stats_.blocked.end(),
                                                  [&](const BlockedDeletion& b) { return b.root == r; });
      };
      roots.erase(std::remove_if(roots.begin(), roots.end(), forgotten), roots.end());
    }
    return outermost(std::move(roots));
  }

  void finish() {
    if (!writer_) {
      threads_.clear();
      copy_counters();
      resolve_and_report_shadowed();
      return;
    }
    if (options_.rebuild && stats_.stopped) {
      threads_.clear();
      copy_counters();
      writer_->abandon();  // never publish a partial rebuild
      return;
    }
    barrier();
    resolve_and_report_shadowed();
    threads_.clear();
    rethrow_worker_error();
    resolve_identities();
    regroup();
    copy_counters();
    const int code = stats_.stopped ? 128 + options_.stop->load()
                                    : (stats_.failed > 0 || !stats_.blocked.empty() ? 1 : 0);
    stats_.seconds = seconds_since(start_);
    Xapian::WritableDatabase& state = writer_->state();
    if (!stats_.stopped) {
      ArchiveSettings remembered = effective_;
      remembered.roots = roots_to_remember();
      state.set_metadata(std::string(schema::kSettingsKey), remembered.to_json());
      if (given_.given.alias_rules) {
        const nlohmann::ordered_json rules = {{"origin", given_.given.alias_rules_origin},
                                              {"text", *given_.given.alias_rules}};
        state.set_metadata(std::string(schema::kAliasRulesKey), to_json_text(rules));
      }
    }
    state.set_metadata(std::string(schema::kLastRunKey), stats_json(stats_, code));
    state.commit();
    if (options_.rebuild) writer_->publish();
  }

  struct Owned {
    std::unique_ptr<Xapian::WritableDatabase> db;  // a handle of its own
    std::unique_ptr<ShardWorker> worker;
  };

  std::chrono::steady_clock::time_point start_;
  const IndexOptions& given_;  // as the caller gave them
  IndexOptions options_;       // with the effective settings
  const DiagnosticSink& diag_;
  const ActionSink& actions_;
  const NoticeSink& notice_;
  IndexStats& stats_;
  ArchiveSettings stored_;     // what the database remembered
  ArchiveSettings effective_;  // what this run uses and remembers
  bool force_ = false;         // read every file again (settings changed)
  bool prune_only_ = false;    // --prune with every remembered root gone
  bool aliases_only_ = false;  // --aliases without PATH: no walk
  std::vector<AliasRule> alias_rules_;  // the user's (load_alias_rules)
  std::string alias_rules_text_;        // their origin and text, for identity_stamp()
  std::vector<std::string> roots_;
  std::vector<std::string> unwalked_;             // paths whose contents are unknown this run
  std::unordered_set<std::string> walked_;        // files met this run
  Counters counters_;
  DisplacedLog displaced_;
  std::unique_ptr<EntityExtractor> extractor_;
  const std::unique_ptr<EntityExtractor> no_extractor_;
  bool extractor_loaded_ = false;
  InterimIdentity interim_;
  std::vector<RawName> base_names_;  // raw names stored when the model was loaded
  std::uint64_t counted_at_build_ = 0;
  std::uint64_t base_articles_ = 0;  // articles of the archive when the run began  // InterimIdentity::counted() when the interim table was built
  std::optional<DatabaseWriter> writer_;
  Shards view_;                                   // dry runs only
  Xapian::Database reader_;                       // dry runs only
  std::unique_ptr<ShardWorker> dry_worker_;       // dry runs only
  std::map<std::string, Owned> workers_;          // by shard name
  std::vector<std::unique_ptr<WorkerThread>> threads_;
  std::unordered_map<std::string, FileState> known_;  // as stored when the run began
  std::unordered_map<std::string, FileState> final_;  // as they stand now (stored at barriers)
  std::unordered_set<std::string> dirty_;         // states to store at the next barrier
  std::unordered_set<std::string> erased_;        // states to erase at the next barrier
  std::unordered_set<std::string> deferred_;      // files whose state waits for their deletions
  std::vector<PlannedDeletion> planned_;
  std::unordered_map<std::string, ShardWorker*> seen_;  // ids met in this run -> shard they went to
  bool fresh_ = true;                             // every shard started empty
  std::uint64_t dispatched_ = 0;
  std::uint64_t since_barrier_ = 0;
  std::uint64_t bytes_since_barrier_ = 0;  // of article text dispatched since the last barrier
  std::uint64_t barriers_ = 0;
};

}  // namespace

IndexStats run_print(const IndexOptions& given, const DiagnosticSink& diag) {
  const auto start = std::chrono::steady_clock::now();
  IndexStats stats;
  // Read as an index run into options.db_path would: with the settings
  // that database remembers (when there is one).
  IndexOptions options = given;
  const std::optional<ArchiveSettings> stored =
      options.db_path.empty() ? std::nullopt : load_archive_settings(options.db_path);
  use_settings(options, merge_settings(stored ? *stored : ArchiveSettings{}, options.given));
  std::unique_ptr<EntityExtractor> extractor = load_extractor(options);
  // Entities as this article alone names them: the built-in aliases, not
  // an archive's table.
  AliasTable builtin;
  if (extractor) {
    IdentityInputs in;
    in.builtins = extractor->builtin_aliases();
    builtin = build_identity(in).table;
  }
  // The same roots an index run walks, and the same reading (InputFile),
  // so --print shows the ids, paths and problems the index would have.
  walk_inputs(
      input_roots(options.inputs), WalkOptions{},
      [&](const std::string& path) {
        ++stats.files;
        FunctionSink sink(
            [&](Article a) {
              if (extractor) {
                a.raw_entities = with_given_entities(extractor->extract(a), a.raw_entities);
                a.entities = builtin.resolve(a.raw_entities);
              }
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

IndexStats run_index(const IndexOptions& options, const DiagnosticSink& diag, const ActionSink& actions,
                     const NoticeSink& notice) {
  const auto start = std::chrono::steady_clock::now();
  IndexStats stats;
  if (!options.dry_run) {
    Run run(options, diag, actions, notice, stats);
    try {
      run.execute();
    } catch (const Xapian::Error&) {
      rethrow_as_db_error("writing to database '" + options.db_path + "'");
    }
    stats.seconds = seconds_since(start);
    return stats;
  }
  // A dry run reads a database another run may be writing: when the
  // revision it reads is discarded, it starts again, and what it prints is
  // held back until one attempt has read a whole revision. A block the
  // writer reused while it was read looks corrupt (read_consistently, for
  // searches, says the same): tried again a few times, a block still
  // corrupt is reported. So is a document deleted between two reads of
  // different revisions (DocNotFoundError).
  constexpr int kMaxAttempts = 20;
  constexpr int kMaxCorruptAttempts = 5;
  int corrupt = 0, missing = 0;
  for (int attempt = 1;; ++attempt) {
    std::vector<std::pair<std::string, bool>> diagnostics;
    std::vector<std::string> planned;
    const DiagnosticSink hold_diag = [&](const std::string& line, bool failed) { diagnostics.emplace_back(line, failed); };
    const ActionSink hold_action = [&](const std::string& line) { planned.push_back(line); };
    stats = IndexStats{};
    try {
      Run run(options, hold_diag, hold_action, notice, stats);
      run.execute();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt < kMaxAttempts) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
        continue;
      }
      rethrow_as_db_error("reading database '" + options.db_path + "'");
    } catch (const Xapian::DatabaseError&) {
      // Corrupt-looking (a reused block, or "EOF reading block N" for a
      // pointer read from one): a few times.
      if (++corrupt < kMaxCorruptAttempts && attempt < kMaxAttempts) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
        continue;
      }
      rethrow_as_db_error("reading database '" + options.db_path + "'");
    } catch (const Xapian::DocNotFoundError&) {
      // A document id found in one revision and looked up after a reopen
      // (the writer deleted the document in between): the same race as a
      // discarded revision, but a document that stays missing is reported.
      if (++missing < kMaxCorruptAttempts && attempt < kMaxAttempts) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
        continue;
      }
      rethrow_as_db_error("reading database '" + options.db_path + "'");
    } catch (const Xapian::Error&) {
      rethrow_as_db_error("reading database '" + options.db_path + "'");
    }
    for (const auto& [line, failed] : diagnostics) diag(line, failed);
    for (const std::string& line : planned) actions(line);
    stats.seconds = seconds_since(start);
    return stats;
  }
}

void compact_index(const IndexOptions& options, const NoticeSink& notice) {
  try {
    Run::compact(options, notice);
  } catch (const Xapian::Error&) {
    rethrow_as_db_error("compacting database '" + options.db_path + "'");
  }
}

std::uint64_t IndexStats::skipped_total() const {
  std::uint64_t n = 0;
  for (const auto& [ext, count] : skipped) n += count;
  return n;
}

namespace {

// The skipped files by extension, most first: ".xml 7, .gz 3, (none) 1".
std::vector<std::pair<std::string, std::uint64_t>> skipped_by_count(const IndexStats& s) {
  std::vector<std::pair<std::string, std::uint64_t>> list(s.skipped.begin(), s.skipped.end());
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (auto& [ext, count] : list) {
    if (ext.empty()) ext = "(no extension)";
  }
  return list;
}

}  // namespace

std::string stats_line(const IndexStats& s) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "added %llu, updated %llu, deleted %llu, unchanged %llu, failed %llu in %.2f s",
                static_cast<unsigned long long>(s.added), static_cast<unsigned long long>(s.updated),
                static_cast<unsigned long long>(s.deleted), static_cast<unsigned long long>(s.unchanged),
                static_cast<unsigned long long>(s.failed), s.seconds);
  std::string line = buf;
  if (const std::uint64_t n = s.skipped_total(); n > 0) {
    line += "; skipped " + std::to_string(n) + ":";
    const auto list = skipped_by_count(s);
    for (std::size_t i = 0; i < list.size(); ++i) {
      line += (i == 0 ? " " : ", ") + list[i].first + " " + std::to_string(list[i].second);
    }
  }
  if (s.reresolved > 0) line += "; entities re-resolved in " + std::to_string(s.reresolved) + " articles";
  if (s.collisions > 0) line += "; id collisions " + std::to_string(s.collisions);
  if (!s.blocked.empty()) line += "; deletions refused under " + std::to_string(s.blocked.size()) + " root(s)";
  return line;
}

std::string stats_json(const IndexStats& s, int exit_code) {
  nlohmann::ordered_json failures = nlohmann::ordered_json::array();
  for (const Failure& f : s.failures) {
    failures.push_back({{"path", f.path}, {"line", f.line}, {"reason", f.reason}});
  }
  nlohmann::ordered_json skipped = nlohmann::ordered_json::object();
  for (const auto& [ext, count] : skipped_by_count(s)) skipped[ext] = count;
  nlohmann::ordered_json blocked = nlohmann::ordered_json::array();
  for (const BlockedDeletion& b : s.blocked) {
    blocked.push_back({{"root", b.root}, {"would_delete", b.would_delete}, {"articles", b.articles}});
  }
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  nlohmann::ordered_json j = {
      {"added", s.added},         {"updated", s.updated}, {"deleted", s.deleted},
      {"unchanged", s.unchanged}, {"failed", s.failed},   {"warnings", s.warnings},
      {"collisions", s.collisions}, {"reresolved", s.reresolved},
      {"files", s.files},         {"files_read", s.files_read},
      {"skipped", s.skipped_total()}, {"skipped_by_extension", std::move(skipped)},
      {"deletions_refused", std::move(blocked)},
      {"seconds", static_cast<double>(static_cast<long long>(s.seconds * 1000)) / 1000},
      {"stopped", s.stopped},     {"exit_code", exit_code},
      {"finished_at", format_iso8601(static_cast<UnixTime>(now))},
      {"failures", std::move(failures)},
  };
  return to_json_text(j);
}

}  // namespace newsdex
