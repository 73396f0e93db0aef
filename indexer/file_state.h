// What the index remembers about each source file, so a re-run can tell
// without opening a file that it is unchanged.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <xapian.h>

namespace newsdex {

struct FileState {
  std::string path;           // absolute, lexically normal
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  // modification time, nanoseconds
  std::uint64_t hash = 0;     // XXH3-64 of the content
  std::uint64_t articles = 0; // articles indexed from it
};

// Every file state stored in `db` (Xapian user metadata, keys "file:..."),
// by path.
std::map<std::string, FileState> load_file_states(const Xapian::Database& db);

// Stores or removes one file's state. Takes effect with the next commit,
// together with the documents written before it.
void save_file_state(Xapian::WritableDatabase& db, const FileState& state);
void erase_file_state(Xapian::WritableDatabase& db, const std::string& path);

// XXH3-64 of `bytes`.
std::uint64_t content_hash(std::string_view bytes);

}  // namespace newsdex
