// The incremental near-duplicate regrouping (update_duplicate_groups)
// against the full pass (regroup_duplicates): random sequences of adds,
// edits and deletes, and after each the group key and size of every
// article must be what the full pass gives on the same articles.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/document.h"
#include "newsdex/duplicates.h"
#include "newsdex/schema.h"

namespace {

namespace fs = std::filesystem;

// A scratch directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/newsdex-regroup-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string path(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Words of letters only (no digits, none a stopword in practice).
std::vector<std::string> vocabulary(std::mt19937& random, std::size_t n) {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < n; ++i) {
    std::string w;
    const std::size_t len = 5 + random() % 5;
    for (std::size_t k = 0; k < len; ++k) w += static_cast<char>('a' + random() % 26);
    words.push_back(w);
  }
  return words;
}

struct Model {
  std::string body;
  std::optional<long> day;
};

// The group key and size an article has in a set of shards ("" when none).
struct Group {
  std::string key;
  std::string size;
  bool operator==(const Group& o) const { return key == o.key && size == o.size; }
};

std::map<std::string, Group> groups_in(const std::vector<Xapian::WritableDatabase*>& shards) {
  std::map<std::string, Group> out;
  for (Xapian::WritableDatabase* db : shards) {
    for (auto it = db->postlist_begin(""); it != db->postlist_end(""); ++it) {
      const Xapian::Document doc = db->get_document(*it);
      out[doc.get_value(newsdex::schema::kIdSlot)] = {doc.get_value(newsdex::schema::kDupGroupSlot),
                                                      doc.get_value(newsdex::schema::kDupSizeSlot)};
    }
  }
  return out;
}

}  // namespace

TEST_CASE("incremental regrouping equals the full pass after every random change", "[duplicates][regroup]") {
  // Seeds are fixed so a failure repeats; each gives another sequence.
  const unsigned seed = GENERATE(1u, 2u, 3u);
  INFO("seed " << seed);
  std::mt19937 random(seed);
  const std::vector<std::string> words = vocabulary(random, 3000);
  const auto story = [&] {
    std::string body;
    const std::size_t n = 40 + random() % 80;
    for (std::size_t i = 0; i < n; ++i) body += words[random() % words.size()] + " ";
    return body;
  };
  // A small edit (one to three words replaced) keeps a near-duplicate.
  const auto small_edit = [&](const std::string& body) {
    std::vector<std::string> w;
    std::size_t at = 0;
    for (std::size_t sp; (sp = body.find(' ', at)) != std::string::npos; at = sp + 1) w.push_back(body.substr(at, sp - at));
    for (std::size_t k = 1 + random() % 3; k > 0; --k) w[random() % w.size()] = words[random() % words.size()];
    std::string out;
    for (const std::string& x : w) out += x + " ";
    return out;
  };
  const auto some_day = [&](std::optional<long> near) -> std::optional<long> {
    if (random() % 20 == 0) return std::nullopt;  // undated: near any date
    // Within kNearDuplicateDays or just beyond it.
    if (near) return *near + static_cast<long>(random() % 9) - 4;
    return 6000 + static_cast<long>(random() % 60);
  };

  TempDir dir;
  Xapian::WritableDatabase inc0(dir.path("inc0"), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  Xapian::WritableDatabase inc1(dir.path("inc1"), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  Xapian::WritableDatabase full(dir.path("full"), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  const std::vector<Xapian::WritableDatabase*> shards = {&inc0, &inc1};

  std::map<std::string, Model> archive;
  std::size_t next_id = 0;
  std::vector<newsdex::ShardChanges> changes(2);
  const auto begin_run = [&] {
    for (std::size_t s = 0; s < 2; ++s) {
      changes[s] = newsdex::ShardChanges{};
      changes[s].was_current = shards[s]->get_doccount() == 0 || newsdex::groups_current({shards[s]});
    }
  };
  const auto shard_of = [](const std::string& id) { return std::hash<std::string>()(id) % 2; };
  // What the indexer does for a deleted or replaced article: note its
  // group, mark its shard's groups stale.
  const auto forget = [&](const std::string& id) {
    Xapian::WritableDatabase& db = *shards[shard_of(id)];
    const std::string term = newsdex::id_term(id);
    auto pl = db.postlist_begin(term);
    REQUIRE(pl != db.postlist_end(term));
    const std::string key = db.get_document(*pl).get_value(newsdex::schema::kDupGroupSlot);
    if (!key.empty()) changes[shard_of(id)].left_groups.push_back(key);
    newsdex::mark_groups_stale(db);
  };
  const auto put = [&](const std::string& id, const Model& m, bool replace) {
    if (replace) forget(id);
    archive[id] = m;
    newsdex::Article a;
    a.id = id;
    a.path = "/feed.jsonl";
    a.body = m.body;
    if (m.day) a.date = static_cast<newsdex::UnixTime>(*m.day) * 86400 + 3600;
    const Xapian::Document doc = newsdex::make_document(a);
    const std::string term = newsdex::id_term(id);
    Xapian::WritableDatabase& db = *shards[shard_of(id)];
    newsdex::mark_groups_stale(db);
    changes[shard_of(id)].written.push_back(db.replace_document(term, doc));
    full.replace_document(term, doc);
  };
  const auto remove = [&](const std::string& id) {
    forget(id);
    archive.erase(id);
    const std::string term = newsdex::id_term(id);
    shards[shard_of(id)]->delete_document(term);
    full.delete_document(term);
  };
  const auto any_id = [&] {
    auto it = archive.begin();
    std::advance(it, random() % archive.size());
    return it->first;
  };
  const auto new_id = [&] {
    // Ids in random order, so that a new article is sometimes its group's
    // smallest id (the key moves) and sometimes not.
    ++next_id;
    return "a-" + std::to_string(random() % 100000) + "-" + std::to_string(next_id);
  };

  // The first run: 300 articles, a third of them copies or edits of others.
  begin_run();
  for (int i = 0; i < 300; ++i) {
    if (!archive.empty() && random() % 3 == 0) {
      const Model& of = archive[any_id()];
      put(new_id(), {random() % 4 == 0 ? of.body : small_edit(of.body), some_day(of.day)}, false);
    } else {
      put(new_id(), {story(), some_day(std::nullopt)}, false);
    }
  }

  std::size_t incremental = 0;
  std::size_t grouped_articles = 0;
  bool killed = false;
  for (int step = 0; step < 60; ++step) {
    INFO("step " << step);
    if (step > 0) {
      begin_run();
      for (int op = 1 + random() % 6; op > 0; --op) {
        const unsigned r = random() % 10;
        if (r < 3) {  // a copy or an edit of a stored article, or a new story
          const Model of = archive[any_id()];
          const unsigned how = random() % 3;
          put(new_id(), {how == 0 ? of.body : how == 1 ? small_edit(of.body) : story(), some_day(of.day)}, false);
        } else if (r < 5) {  // a small edit: stays near its group
          const std::string id = any_id();
          put(id, {small_edit(archive[id].body), archive[id].day}, true);
        } else if (r < 7) {  // a big edit: another story
          const std::string id = any_id();
          put(id, {story(), some_day(std::nullopt)}, true);
        } else {
          remove(any_id());
        }
      }
    }
    // Every ninth run is stopped before its regrouping (the indexer's
    // SIGINT): its changes stay stale for the next run.
    if (step % 9 == 4) {
      for (Xapian::WritableDatabase* db : shards) db->commit();
      killed = true;
      continue;
    }
    const newsdex::RegroupResult result = newsdex::update_duplicate_groups(shards, changes);
    CHECK(result.full == killed);
    if (!result.full) ++incremental;
    killed = false;
    for (Xapian::WritableDatabase* db : shards) db->commit();
    CHECK(newsdex::groups_current(shards));
    newsdex::regroup_duplicates({&full});
    full.commit();

    const std::map<std::string, Group> got = groups_in(shards);
    const std::map<std::string, Group> want = groups_in({&full});
    REQUIRE(got.size() == archive.size());
    REQUIRE(want.size() == archive.size());
    for (const auto& [id, g] : want) {
      INFO("article " << id << ": full pass " << g.key << " " << g.size);
      CHECK(got.at(id) == g);
      grouped_articles += g.key.empty() ? 0 : 1;
    }
  }
  // The sequences exercised what they test: incremental runs, and groups.
  CHECK(incremental >= 40);
  CHECK(grouped_articles > 60 * 50);
}

TEST_CASE("an incremental run finds a stored near-duplicate among unrelated articles and reads nothing else",
          "[duplicates][regroup]") {
  // Each row: which stored article the run's new one copies, and how.
  struct Case {
    const char* name;
    std::size_t of;     // index of the stored article copied
    bool edited;        // two words replaced, else an exact copy
  };
  const Case cases[] = {
      {"an exact copy of an article in the first shard", 10, false},
      {"an edited copy of an article in the second shard", 11, true},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      std::mt19937 random(7);
      const std::vector<std::string> words = vocabulary(random, 3000);
      TempDir dir;
      Xapian::WritableDatabase s0(dir.path("s0"), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
      Xapian::WritableDatabase s1(dir.path("s1"), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
      const std::vector<Xapian::WritableDatabase*> shards = {&s0, &s1};
      std::vector<std::vector<std::string>> bodies;
      const auto add = [&](std::size_t shard, const std::string& id, const std::vector<std::string>& body) {
        newsdex::Article a;
        a.id = id;
        a.path = "/feed.jsonl";
        for (const std::string& w : body) a.body += w + " ";
        return shards[shard]->replace_document(newsdex::id_term(id), newsdex::make_document(a));
      };
      // 200 distinct stories of 60 words, alternately in each shard.
      for (std::size_t i = 0; i < 200; ++i) {
        std::vector<std::string> body;
        for (int k = 0; k < 60; ++k) body.push_back(words[random() % words.size()]);
        bodies.push_back(body);
        add(i % 2, "b-" + std::to_string(1000 + i), body);
      }
      newsdex::regroup_duplicates(shards);
      for (Xapian::WritableDatabase* db : shards) db->commit();
      REQUIRE(newsdex::groups_current(shards));

      std::vector<std::string> copy = bodies[c.of];
      if (c.edited) {
        copy[20] = "changed";
        copy[40] = "figures";
      }
      // Into the other shard than the original's, with an id after it.
      const std::size_t shard = (c.of + 1) % 2;
      std::vector<newsdex::ShardChanges> changes(2);
      changes[shard].written.push_back(add(shard, "c-1", copy));
      newsdex::mark_groups_stale(*shards[shard]);
      const newsdex::RegroupResult result = newsdex::update_duplicate_groups(shards, changes);
      CHECK_FALSE(result.full);
      CHECK(result.affected == 2);
      CHECK(result.rewritten == 2);
      const std::map<std::string, Group> got = groups_in(shards);
      const std::string original = "b-" + std::to_string(1000 + c.of);
      CHECK(got.at(original) == Group{original, "2"});
      CHECK(got.at("c-1") == Group{original, "2"});
      std::size_t grouped = 0;
      for (const auto& [id, g] : got) grouped += g.key.empty() ? 0 : 1;
      CHECK(grouped == 2);
    }
  }
}

TEST_CASE("a run writing more than the limits' share of the archive takes the full pass, with the same groups",
          "[duplicates][regroup]") {
  // 640 stored articles (a fifth of them copies or edits), then one run
  // adding `written` more, half of them copies or edits of stored ones.
  // The limits are the default shares with no minimum, so that a unit-sized
  // archive crosses them where a large one would.
  struct Case {
    const char* name;
    std::size_t written;
    bool full;  // the pass update_duplicate_groups should take
  };
  const Case cases[] = {
      {"5 articles (under 1/64 of 645): incremental", 5, false},
      {"40 articles (over 1/64): the full pass", 40, true},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      std::mt19937 random(11);
      const std::vector<std::string> words = vocabulary(random, 3000);
      TempDir dir;
      Xapian::WritableDatabase s0(dir.path("s0"), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
      Xapian::WritableDatabase s1(dir.path("s1"), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
      Xapian::WritableDatabase full(dir.path("full"), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
      const std::vector<Xapian::WritableDatabase*> shards = {&s0, &s1};
      std::vector<std::string> bodies;
      std::vector<newsdex::ShardChanges> changes(2);
      const auto add = [&](const std::string& id, const std::string& body) {
        newsdex::Article a;
        a.id = id;
        a.path = "/feed.jsonl";
        a.body = body;
        a.date = 6000 * 86400;
        const Xapian::Document doc = newsdex::make_document(a);
        const std::size_t s = bodies.size() % 2;
        bodies.push_back(body);
        full.replace_document(newsdex::id_term(id), doc);
        return std::make_pair(s, shards[s]->replace_document(newsdex::id_term(id), doc));
      };
      const auto next_body = [&] {
        if (!bodies.empty() && random() % 5 == 0) {
          std::string body = bodies[random() % bodies.size()];
          if (random() % 2 == 0) body += "changed ";
          return body;
        }
        std::string body;
        for (int k = 0; k < 60; ++k) body += words[random() % words.size()] + " ";
        return body;
      };
      for (int i = 0; i < 640; ++i) add("b-" + std::to_string(10000 + i), next_body());
      newsdex::regroup_duplicates(shards);
      for (Xapian::WritableDatabase* db : shards) db->commit();
      REQUIRE(newsdex::groups_current(shards));

      for (std::size_t i = 0; i < c.written; ++i) {
        std::string body = bodies[random() % bodies.size()];
        if (i % 2 == 1) {
          body.clear();
          for (int k = 0; k < 60; ++k) body += words[random() % words.size()] + " ";
        }
        const auto [s, docid] = add("c-" + std::to_string(10000 + i), body);
        changes[s].written.push_back(docid);
        newsdex::mark_groups_stale(*shards[s]);
      }
      newsdex::RegroupLimits limits;
      limits.minimum = 0;
      const newsdex::RegroupResult result = newsdex::update_duplicate_groups(shards, changes, limits);
      CHECK(result.full == c.full);
      for (Xapian::WritableDatabase* db : shards) db->commit();
      newsdex::regroup_duplicates({&full});
      full.commit();
      const std::map<std::string, Group> got = groups_in(shards);
      const std::map<std::string, Group> want = groups_in({&full});
      REQUIRE(got.size() == 640 + c.written);
      CHECK(got == want);
      // The run's copies joined groups.
      std::size_t grouped_new = 0;
      for (const auto& [id, g] : got) grouped_new += id[0] == 'c' && !g.key.empty() ? 1 : 0;
      CHECK(grouped_new >= c.written / 2);
    }
  }
}
