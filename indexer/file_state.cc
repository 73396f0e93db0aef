#include "file_state.h"

#include <xxhash.h>

#include <cstdio>
#include <cstdlib>


namespace newsdex {

namespace {

constexpr std::string_view kKeyPrefix = "file:";

}  // namespace

// Metadata keys are limited in length, so the key is a hash of the path;
// the path itself is in the value.
std::string file_state_key(const std::string& path) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(XXH3_64bits(path.data(), path.size())));
  return std::string(kKeyPrefix) + buf;
}

std::uint64_t content_hash(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

// A state is stored as "SIZE MTIME_NS HASH ARTICLES\tFAILURES\tPATH"
// (decimal, hash in hex; FAILURES is "LINE:REASON" items separated by
// \x1f, reasons without tabs): cheap to parse for every file of a large
// archive on each run.
std::unordered_map<std::string, FileState> load_file_states(const Xapian::Database& db) {
  std::unordered_map<std::string, FileState> states;
  const std::string prefix(kKeyPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const std::string value = db.get_metadata(*it);
    const std::size_t tab = value.find('\t');
    if (tab == std::string::npos) continue;
    FileState s;
    const char* p = value.c_str();
    char* end = nullptr;
    s.size = std::strtoull(p, &end, 10);
    s.mtime_ns = std::strtoll(end, &end, 10);
    s.hash = std::strtoull(end, &end, 16);
    s.articles = std::strtoull(end, &end, 10);
    if (end != value.c_str() + tab) continue;  // not a state this version wrote
    const std::size_t tab2 = value.find('\t', tab + 1);
    if (tab2 == std::string::npos) continue;
    std::size_t start = tab + 1;
    while (start < tab2) {
      std::size_t sep = value.find('\x1f', start);
      if (sep == std::string::npos || sep > tab2) sep = tab2;
      const std::size_t colon = value.find(':', start);
      if (colon != std::string::npos && colon < sep) {
        s.failures.emplace_back(std::strtoull(value.c_str() + start, nullptr, 10),
                                value.substr(colon + 1, sep - colon - 1));
      }
      start = sep + 1;
    }
    s.path = value.substr(tab2 + 1);
    states.emplace(s.path, std::move(s));
  }
  return states;
}

std::string file_state_value(const FileState& s) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%llu %lld %llx %llu\t", static_cast<unsigned long long>(s.size),
                static_cast<long long>(s.mtime_ns), static_cast<unsigned long long>(s.hash),
                static_cast<unsigned long long>(s.articles));
  std::string out = buf;
  for (std::size_t i = 0; i < s.failures.size(); ++i) {
    if (i) out.push_back('\x1f');
    out += std::to_string(s.failures[i].first) + ":";
    for (char c : s.failures[i].second) out.push_back(c == '\t' || c == '\x1f' ? ' ' : c);
  }
  out.push_back('\t');
  return out + s.path;
}

}  // namespace newsdex
