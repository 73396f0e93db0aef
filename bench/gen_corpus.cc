// newsdex-bench-gen-corpus: a deterministic synthetic news archive of N
// articles for the scale benchmark, recombined from the shared corpora.
//
// usage: newsdex-bench-gen-corpus --reuters JSONL --bbc DIR --out DIR
//                                 [--articles N] [--per-file N] [--seed S]
//
// Pools: titles (Reuters and BBC), paragraphs (Reuters bodies split at their
// indented paragraph starts, BBC bodies at blank lines) and Reuters dates.
// Article i (0-based) draws from a splitmix64 stream seeded by (seed, i): a
// title, 2-7 paragraphs (mean about 1.6 KB of body), a date shifted by
// 0-29 whole years (so date filters stay selective as N grows) and the
// source of its title. Its id is "gen-" + i (9 digits). Articles go to
// DIR/part-NNNNN.jsonl, --per-file (default 10,000) per file, so a reader
// never holds more than one file. Same arguments, same bytes.
// Exit status: 0 written, 2 usage or I/O error.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "newsdex/json.h"

namespace fs = std::filesystem;

namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// The string at `key`, or "" when absent, null or not a string.
std::string text_of(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

struct Pools {
  std::vector<std::string> titles;
  std::vector<std::string> title_sources;  // parallel to titles
  std::vector<std::string> paragraphs;
  std::vector<std::string> dates;          // ISO 8601 UTC
};

// Reuters bodies start each paragraph with a newline and four spaces.
void add_reuters(const std::string& path, Pools& pools) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    const std::string title = trim(text_of(j, "title"));
    const std::string body = text_of(j, "body");
    const std::string date = text_of(j, "date");
    if (!title.empty()) {
      pools.titles.push_back(title);
      pools.title_sources.push_back("Reuters");
    }
    if (date.size() >= 20) pools.dates.push_back(date);
    std::string::size_type start = 0;
    while (start < body.size()) {
      auto next = body.find("\n    ", start);
      const std::string para = trim(body.substr(start, next == std::string::npos ? std::string::npos : next - start));
      if (para.size() >= 40) pools.paragraphs.push_back(para);
      if (next == std::string::npos) break;
      start = next + 1;
    }
  }
}

// BBC files: title on line 1, blank line, paragraphs separated by blank lines.
void add_bbc(const std::string& dir, Pools& pools) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::string line, para;
    bool first = true;
    auto flush = [&] {
      para = trim(para);
      if (para.size() >= 40) pools.paragraphs.push_back(para);
      para.clear();
    };
    while (std::getline(in, line)) {
      if (first) {
        const std::string t = trim(line);
        if (!t.empty()) {
          pools.titles.push_back(t);
          pools.title_sources.push_back("BBC News");
          first = false;
        }
        continue;
      }
      if (trim(line).empty()) {
        flush();
      } else {
        para += (para.empty() ? "" : " ") + line;
      }
    }
    flush();
  }
}

std::string shift_years(const std::string& iso, int years) {
  const int y = std::stoi(iso.substr(0, 4)) + years;
  std::string out = iso;
  const std::string ys = std::to_string(y);
  out.replace(0, 4, ys);
  // 29 February in a year that is not a leap year becomes 28 February.
  if (out.compare(5, 5, "02-29") == 0 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) out.replace(8, 2, "28");
  return out;
}

int usage() {
  std::cerr << "usage: newsdex-bench-gen-corpus --reuters JSONL --bbc DIR --out DIR\n"
               "                                [--articles N] [--per-file N] [--seed S]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string reuters, bbc, out_dir;
  std::uint64_t articles = 1000000, per_file = 10000, seed = 20261126;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return usage();
    const std::string v = argv[++i];
    if (a == "--reuters") reuters = v;
    else if (a == "--bbc") bbc = v;
    else if (a == "--out") out_dir = v;
    else if (a == "--articles") articles = std::stoull(v);
    else if (a == "--per-file") per_file = std::stoull(v);
    else if (a == "--seed") seed = std::stoull(v);
    else return usage();
  }
  if (reuters.empty() || bbc.empty() || out_dir.empty() || per_file == 0) return usage();
  try {
    Pools pools;
    add_reuters(reuters, pools);
    add_bbc(bbc, pools);
    if (pools.titles.empty() || pools.paragraphs.empty() || pools.dates.empty()) {
      throw std::runtime_error("empty pools: check --reuters and --bbc");
    }
    fs::create_directories(out_dir);
    std::ofstream out;
    std::uint64_t bytes = 0;
    for (std::uint64_t i = 0; i < articles; ++i) {
      if (i % per_file == 0) {
        if (out.is_open()) out.close();
        char name[32];
        std::snprintf(name, sizeof name, "part-%05llu.jsonl", static_cast<unsigned long long>(i / per_file));
        out.open(fs::path(out_dir) / name, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write in " + out_dir);
      }
      std::uint64_t state = seed * 0x100000001b3ull ^ i;
      const std::size_t t = splitmix64(state) % pools.titles.size();
      const int years = static_cast<int>(splitmix64(state) % 30);
      const std::string date = shift_years(pools.dates[splitmix64(state) % pools.dates.size()], years);
      const int paras = 2 + static_cast<int>(splitmix64(state) % 6);
      std::string body;
      for (int p = 0; p < paras; ++p) {
        if (p) body += "\n\n";
        body += pools.paragraphs[splitmix64(state) % pools.paragraphs.size()];
      }
      char id[24];
      std::snprintf(id, sizeof id, "gen-%09llu", static_cast<unsigned long long>(i));
      nlohmann::ordered_json j = {{"id", id},
                                  {"title", pools.titles[t]},
                                  {"date", date},
                                  {"source", pools.title_sources[t]},
                                  {"body", body}};
      const std::string line = newsdex::to_json_text(j);
      out << line << '\n';
      bytes += line.size() + 1;
    }
    out.close();
    if (!out) throw std::runtime_error("write error in " + out_dir);
    std::fprintf(stderr, "newsdex-bench-gen-corpus: %llu articles, %.1f MB, %zu titles, %zu paragraphs, %zu dates\n",
                 static_cast<unsigned long long>(articles), static_cast<double>(bytes) / 1e6, pools.titles.size(),
                 pools.paragraphs.size(), pools.dates.size());
  } catch (const std::exception& e) {
    std::cerr << "newsdex-bench-gen-corpus: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
