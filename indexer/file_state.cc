#include "file_state.h"

#include <xxhash.h>

#include <cstdio>
#include <cstdlib>

namespace newsdex {

namespace {

constexpr std::string_view kKeyPrefix = "file:";

// Ids are arbitrary text: '%', tab, newline and the separator \x1f are
// written as %25, %09, %0A, %1F.
void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\t': out += "%09"; break;
      case '\n': out += "%0A"; break;
      case '\x1f': out += "%1F"; break;
      default: out.push_back(c);
    }
  }
}

std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const std::string hex(s.substr(i + 1, 2));
      char* end = nullptr;
      const long v = std::strtol(hex.c_str(), &end, 16);
      if (hex.size() == 2 && end == hex.c_str() + 2) {
        out.push_back(static_cast<char>(v));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// The items of a \x1f-separated field.
std::vector<std::string_view> items_of(std::string_view field) {
  std::vector<std::string_view> items;
  std::size_t start = 0;
  while (start < field.size()) {
    std::size_t sep = field.find('\x1f', start);
    if (sep == std::string_view::npos) sep = field.size();
    items.push_back(field.substr(start, sep - start));
    start = sep + 1;
  }
  return items;
}

}  // namespace

// Metadata keys are limited in length, so the key is a hash of the path;
// the path itself is in the value.
std::string file_state_key(const std::string& path) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(XXH3_64bits(path.data(), path.size())));
  return std::string(kKeyPrefix) + buf;
}

std::uint64_t content_hash(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

// A state is stored as "SIZE MTIME_NS HASH ARTICLES\tFAILURES\tSHADOWED\tPATH"
// (decimal, hash in hex; FAILURES is "LINE:REASON" items separated by
// \x1f, reasons without tabs; SHADOWED is "LINE:ID" items likewise, ids
// escaped): cheap to parse for every file of a large archive on each run.
std::unordered_map<std::string, FileState> load_file_states(const Xapian::Database& db) {
  std::unordered_map<std::string, FileState> states;
  const std::string prefix(kKeyPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const std::string value = db.get_metadata(*it);
    const std::size_t tab = value.find('\t');
    const std::size_t tab2 = tab == std::string::npos ? tab : value.find('\t', tab + 1);
    const std::size_t tab3 = tab2 == std::string::npos ? tab2 : value.find('\t', tab2 + 1);
    if (tab3 == std::string::npos) continue;
    FileState s;
    const char* p = value.c_str();
    char* end = nullptr;
    s.size = std::strtoull(p, &end, 10);
    s.mtime_ns = std::strtoll(end, &end, 10);
    s.hash = std::strtoull(end, &end, 16);
    s.articles = std::strtoull(end, &end, 10);
    if (end != value.c_str() + tab) continue;  // not a state this version wrote
    const std::string_view v(value);
    for (std::string_view item : items_of(v.substr(tab + 1, tab2 - tab - 1))) {
      const std::size_t colon = item.find(':');
      if (colon == std::string_view::npos) continue;
      s.failures.emplace_back(std::strtoull(std::string(item.substr(0, colon)).c_str(), nullptr, 10),
                              std::string(item.substr(colon + 1)));
    }
    for (std::string_view item : items_of(v.substr(tab2 + 1, tab3 - tab2 - 1))) {
      const std::size_t colon = item.find(':');
      if (colon == std::string_view::npos) continue;
      s.shadowed.push_back({std::strtoull(std::string(item.substr(0, colon)).c_str(), nullptr, 10),
                            unescape(item.substr(colon + 1))});
    }
    s.path = value.substr(tab3 + 1);
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
    for (char c : s.failures[i].second) out.push_back(c == '\t' || c == '\x1f' || c == '\n' ? ' ' : c);
  }
  out.push_back('\t');
  for (std::size_t i = 0; i < s.shadowed.size(); ++i) {
    if (i) out.push_back('\x1f');
    out += std::to_string(s.shadowed[i].line) + ":";
    append_escaped(out, s.shadowed[i].id);
  }
  out.push_back('\t');
  return out + s.path;
}

}  // namespace newsdex
