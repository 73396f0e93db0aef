#include "file_state.h"

#include <xxhash.h>

#include <cstdio>

#include <nlohmann/json.hpp>

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

std::map<std::string, FileState> load_file_states(const Xapian::Database& db) {
  std::map<std::string, FileState> states;
  const std::string prefix(kKeyPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const nlohmann::json j = nlohmann::json::parse(db.get_metadata(*it), nullptr, false);
    if (!j.is_object() || !j.contains("path")) continue;
    FileState s;
    s.path = j.value("path", "");
    s.size = j.value("size", std::uint64_t{0});
    s.mtime_ns = j.value("mtime_ns", std::int64_t{0});
    s.hash = j.value("hash", std::uint64_t{0});
    s.articles = j.value("articles", std::uint64_t{0});
    states[s.path] = s;
  }
  return states;
}

std::string file_state_value(const FileState& s) {
  const nlohmann::json j = {{"path", s.path}, {"size", s.size}, {"mtime_ns", s.mtime_ns},
                            {"hash", s.hash}, {"articles", s.articles}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace newsdex
