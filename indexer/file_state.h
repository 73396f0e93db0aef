// What the index remembers about each source file, so a re-run can tell
// without opening a file that it is unchanged.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

namespace newsdex {

// A record of a file whose id another record holds: the article indexed
// under that id came from elsewhere (another file, or a later line of
// this one), so this record is not searchable. Reported on every run
// until it is resolved; when the holder's article goes, the file is read
// again and this record indexed.
struct Shadowed {
  std::uint64_t line = 0;  // the record's line (0: a one-article file)
  std::string id;
};

struct FileState {
  std::string path;           // absolute, lexically normal
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  // modification time, nanoseconds
  std::uint64_t hash = 0;     // XXH3-64 of the content
  std::uint64_t articles = 0; // articles read from it (shadowed ones included)
  // Problems found in this content (line, reason; line 0 = the file): an
  // unchanged file is not read again, but these are reported again.
  std::vector<std::pair<std::uint64_t, std::string>> failures;
  std::vector<Shadowed> shadowed;
};

// Every file state stored in `db` (Xapian user metadata, keys "file:..."),
// by path. States this version cannot parse are left out (their files are
// read again).
std::unordered_map<std::string, FileState> load_file_states(const Xapian::Database& db);

// The metadata key and value that store a file's state (an empty value
// erases it). They take effect with the next commit of the state database
// (DatabaseWriter::state()).
std::string file_state_key(const std::string& path);
std::string file_state_value(const FileState& state);

// XXH3-64 of `bytes`.
std::uint64_t content_hash(std::string_view bytes);

}  // namespace newsdex
