// newsdex-bench-query: query latency of newsdex and SQLite FTS5 on the same
// query mix, in-process, warm cache, without process start-up.
//
// usage: newsdex-bench-query --engine newsdex|newsdex-nofacets|newsdex-histogram|fts5 --db PATH
//                            --queries FILE [--reps N] [--warmup N] [--out FILE]
//
// FILE (bench/queries.tsv) has one query a line, tab-separated:
//   CLASS  NEWSDEX_QUERY  FTS5_MATCH  [FTS5_DATE_RANGE]
// (FTS5_DATE_RANGE is FROM..TO, YYYY-MM-DD, inclusive, applied to the
// UNINDEXED date column); '#' lines and blank lines are skipped.
//
// engine newsdex: newsdex::run_search exactly as `newsdex-search --json
// --limit 10` calls it (facets on, snippets with <b> marks, HTML-escaped),
// and the JSON printer writing to memory. Every call opens the database,
// as the program does. newsdex-nofacets: the same with facets off.
// newsdex-histogram: facets off, --histogram month (every match counted
// per month, as `newsdex-search --json --histogram month` without facets).
// engine fts5: one connection (opened once), per query a prepared
//   SELECT id, title, date, bm25(t), snippet(t, 3, '<b>', '</b>', '...', 30)
//   FROM t WHERE t MATCH ?1 [AND substr(date, 1, 10) BETWEEN ?2 AND ?3]
//   ORDER BY bm25(t) LIMIT 10
// stepped to the end with every column read.
//
// Each repetition runs every query once, in file order; the first --warmup
// repetitions are not recorded. Writes one JSON object (per-query samples
// in ms, per-class and overall p50/p95/p99) to --out or stdout.
// Exit status: 0 done, 2 usage, database or query error.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "newsdex/json.h"
#include <sqlite3.h>

#include "newsdex/printer.h"
#include "newsdex/search.h"

namespace {

struct BenchQuery {
  std::string cls;
  std::string newsdex;
  std::string fts5;
  std::string date_from, date_to;  // empty: no date filter
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> parts;
  std::string::size_type start = 0;
  for (;;) {
    const auto tab = line.find('\t', start);
    parts.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return parts;
}

std::vector<BenchQuery> load_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<BenchQuery> out;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    const auto parts = split_tabs(line);
    if (parts.size() < 3) throw std::runtime_error(path + ":" + std::to_string(lineno) + ": need 3 or 4 fields");
    BenchQuery q{parts[0], parts[1], parts[2], "", ""};
    if (parts.size() > 3 && !parts[3].empty()) {
      const auto dots = parts[3].find("..");
      if (dots == std::string::npos) throw std::runtime_error(path + ":" + std::to_string(lineno) + ": bad date range");
      q.date_from = parts[3].substr(0, dots);
      q.date_to = parts[3].substr(dots + 2);
    }
    out.push_back(q);
  }
  return out;
}

// Nearest-rank percentile. REQUIRES: !sorted.empty(), sorted ascending.
double percentile(const std::vector<double>& sorted, double p) {
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

nlohmann::ordered_json summary(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  double sum = 0;
  for (double v : ms) sum += v;
  auto r3 = [](double v) { return std::round(v * 1000) / 1000; };
  return {{"n", ms.size()},
          {"p50_ms", r3(percentile(ms, 50))},
          {"p95_ms", r3(percentile(ms, 95))},
          {"p99_ms", r3(percentile(ms, 99))},
          {"mean_ms", r3(sum / static_cast<double>(ms.size()))}};
}

// One run of one query: the matches found (an estimate for newsdex) and
// the results returned.
struct Outcome {
  long long total = -1;
  int results = 0;
  std::size_t bytes = 0;  // output produced, so nothing is optimised away
};

class Fts5Engine {
 public:
  explicit Fts5Engine(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(db_));
    }
  }
  ~Fts5Engine() { sqlite3_close(db_); }

  Outcome run(const BenchQuery& q) {
    std::string sql =
        "SELECT id, title, date, bm25(t), snippet(t, 3, '<b>', '</b>', '...', 30) FROM t WHERE t MATCH ?1";
    if (!q.date_from.empty()) sql += " AND substr(date, 1, 10) BETWEEN ?2 AND ?3";
    sql += " ORDER BY bm25(t) LIMIT 10";
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db_));
    }
    sqlite3_bind_text(st, 1, q.fts5.c_str(), -1, SQLITE_TRANSIENT);
    if (!q.date_from.empty()) {
      sqlite3_bind_text(st, 2, q.date_from.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 3, q.date_to.c_str(), -1, SQLITE_TRANSIENT);
    }
    Outcome o;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      ++o.results;
      for (int c = 0; c < 5; ++c) {
        const unsigned char* text = sqlite3_column_text(st, c);
        if (text != nullptr) o.bytes += static_cast<std::size_t>(sqlite3_column_bytes(st, c));
      }
    }
    if (rc != SQLITE_DONE) {
      const std::string err = sqlite3_errmsg(db_);
      sqlite3_finalize(st);
      throw std::runtime_error("query '" + q.fts5 + "': " + err);
    }
    sqlite3_finalize(st);
    return o;
  }

 private:
  sqlite3* db_ = nullptr;
};

class NewsdexEngine {
 public:
  NewsdexEngine(const std::string& path, bool facets, bool histogram) : printer_(newsdex::make_json_printer()) {
    options_.db_paths = {path};
    options_.limit = 10;
    options_.facets = facets;
    if (histogram) options_.histogram = newsdex::Interval::month;
    options_.snippet_style = {"<b>", "</b>", true};
  }

  Outcome run(const BenchQuery& q) {
    options_.query = q.newsdex;
    const newsdex::SearchResponse response = newsdex::run_search(options_);
    std::ostringstream out, err;
    printer_->print(response, out, err);
    Outcome o;
    o.total = static_cast<long long>(response.total);
    o.results = static_cast<int>(response.results.size());
    o.bytes = out.str().size();
    return o;
  }

 private:
  newsdex::SearchOptions options_;
  std::unique_ptr<newsdex::Printer> printer_;
};

int usage() {
  std::cerr << "usage: newsdex-bench-query --engine newsdex|newsdex-nofacets|newsdex-histogram|fts5 --db PATH\n"
               "                           --queries FILE\n"
               "                           [--reps N] [--warmup N] [--out FILE]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string engine, db, queries_path, out_path;
  int reps = 5, warmup = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return usage();
    const std::string v = argv[++i];
    if (a == "--engine") engine = v;
    else if (a == "--db") db = v;
    else if (a == "--queries") queries_path = v;
    else if (a == "--out") out_path = v;
    else if (a == "--reps") reps = std::stoi(v);
    else if (a == "--warmup") warmup = std::stoi(v);
    else return usage();
  }
  if (db.empty() || queries_path.empty() || reps < 1 || warmup < 0) return usage();
  if (engine != "newsdex" && engine != "newsdex-nofacets" && engine != "newsdex-histogram" && engine != "fts5") {
    return usage();
  }

  try {
    const std::vector<BenchQuery> queries = load_queries(queries_path);
    std::unique_ptr<Fts5Engine> fts;
    std::unique_ptr<NewsdexEngine> ndx;
    if (engine == "fts5") fts = std::make_unique<Fts5Engine>(db);
    else ndx = std::make_unique<NewsdexEngine>(db, engine == "newsdex", engine == "newsdex-histogram");

    std::vector<std::vector<double>> samples(queries.size());
    std::vector<Outcome> outcomes(queries.size());
    std::size_t sink = 0;
    for (int rep = 0; rep < warmup + reps; ++rep) {
      for (std::size_t k = 0; k < queries.size(); ++k) {
        const auto t0 = std::chrono::steady_clock::now();
        const Outcome o = fts ? fts->run(queries[k]) : ndx->run(queries[k]);
        const auto t1 = std::chrono::steady_clock::now();
        sink += o.bytes;
        outcomes[k] = o;
        if (rep >= warmup) samples[k].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    }

    nlohmann::ordered_json j;
    j["engine"] = engine;
    j["db"] = db;
    j["reps"] = reps;
    j["warmup"] = warmup;
    j["output_bytes"] = sink;
    std::map<std::string, std::vector<double>> by_class;
    std::vector<double> all;
    nlohmann::ordered_json per_query = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < queries.size(); ++k) {
      by_class[queries[k].cls].insert(by_class[queries[k].cls].end(), samples[k].begin(), samples[k].end());
      all.insert(all.end(), samples[k].begin(), samples[k].end());
      std::vector<double> s = samples[k];
      std::sort(s.begin(), s.end());
      per_query.push_back({{"class", queries[k].cls},
                           {"query", fts ? queries[k].fts5 : queries[k].newsdex},
                           {"total", outcomes[k].total},
                           {"results", outcomes[k].results},
                           {"median_ms", std::round(percentile(s, 50) * 1000) / 1000}});
    }
    nlohmann::ordered_json classes;
    for (const auto& [cls, ms] : by_class) classes[cls] = summary(ms);
    j["classes"] = classes;
    j["all"] = summary(all);
    j["queries"] = per_query;
    if (out_path.empty()) {
      std::cout << newsdex::to_json_text(j, 1) << '\n';
    } else {
      std::ofstream out(out_path);
      out << newsdex::to_json_text(j, 1) << '\n';
      if (!out) throw std::runtime_error("cannot write " + out_path);
    }
  } catch (const std::exception& e) {
    std::cerr << "newsdex-bench-query: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
