// newsdex-bench-regroup-pass: CPU time of the end-of-run near-duplicate
// passes on an existing index, for finding where the incremental pass
// (update_duplicate_groups) stops paying against the full one
// (regroup_duplicates).
//
// usage: newsdex-bench-regroup-pass --last N (--incremental | --full) SHARD...
//
// SHARD is one glass database of an index (PATH/gen-K/shard-*). The last
// N articles of the index (by docid, split over the shards as they hold
// them) are taken as the ones a run wrote, so on an index built by runs of
// N articles the incremental pass does what the last run's did, and its
// groups (current) must come out unchanged. The pass runs inside a
// transaction that is cancelled: the shards are left as they were. Use a
// copy of the index anyway. --incremental lifts update_duplicate_groups'
// limits (it never falls back to the full pass).
// Prints the pass, articles grouped again, documents that would be
// rewritten and the CPU seconds (user+system) of the pass alone.
// Exit status: 0 done, 2 usage or Xapian error.
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/duplicates.h"

namespace {

double cpu_seconds() {
  rusage ru{};
  ::getrusage(RUSAGE_SELF, &ru);
  const auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return s(ru.ru_utime) + s(ru.ru_stime);
}

int usage() {
  std::cerr << "usage: newsdex-bench-regroup-pass --last N (--incremental | --full) SHARD...\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t last = 0;
  int mode = 0;  // 1 incremental, 2 full
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--last" && i + 1 < argc) {
      last = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--incremental") {
      mode = 1;
    } else if (a == "--full") {
      mode = 2;
    } else if (!a.empty() && a[0] != '-') {
      paths.push_back(a);
    } else {
      return usage();
    }
  }
  if (mode == 0 || paths.empty() || (mode == 1 && last == 0)) return usage();
  try {
    std::vector<std::unique_ptr<Xapian::WritableDatabase>> owned;
    std::vector<Xapian::WritableDatabase*> shards;
    for (const std::string& p : paths) {
      owned.push_back(std::make_unique<Xapian::WritableDatabase>(p, Xapian::DB_OPEN));
      shards.push_back(owned.back().get());
    }
    // Each shard's share of the last N: its docids from the top, shards
    // taking turns (the indexer's hash spreads a run's articles evenly).
    std::vector<newsdex::ShardChanges> changes(shards.size());
    std::vector<std::vector<Xapian::docid>> docids(shards.size());
    for (std::size_t s = 0; s < shards.size(); ++s) {
      for (auto it = shards[s]->postlist_begin(""); it != shards[s]->postlist_end(""); ++it) docids[s].push_back(*it);
    }
    for (std::size_t taken = 0, round = 0; taken < last; ++round) {
      bool any = false;
      for (std::size_t s = 0; s < shards.size() && taken < last; ++s) {
        if (round >= docids[s].size()) continue;
        changes[s].written.push_back(docids[s][docids[s].size() - 1 - round]);
        ++taken;
        any = true;
      }
      if (!any) break;
    }
    for (Xapian::WritableDatabase* db : shards) db->begin_transaction(false);
    const double before = cpu_seconds();
    newsdex::RegroupResult result;
    if (mode == 1) {
      newsdex::RegroupLimits unlimited;
      unlimited.seed_share = std::numeric_limits<double>::infinity();
      unlimited.affected_share = std::numeric_limits<double>::infinity();
      result = newsdex::update_duplicate_groups(shards, changes, unlimited);
    } else {
      result.full = true;
      result.rewritten = newsdex::regroup_duplicates(shards);
    }
    const double spent = cpu_seconds() - before;
    for (Xapian::WritableDatabase* db : shards) db->cancel_transaction();
    Xapian::doccount archive = 0;
    for (Xapian::WritableDatabase* db : shards) archive += db->get_doccount();
    std::printf("pass=%s archive=%u written=%zu affected=%llu rewritten=%llu cpu_s=%.2f\n",
                result.full ? "full" : "incremental", archive, last,
                static_cast<unsigned long long>(result.affected), static_cast<unsigned long long>(result.rewritten),
                spent);
    return 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "newsdex-bench-regroup-pass: " << e.get_description() << "\n";
    return 2;
  }
}
