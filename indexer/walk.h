// Finding the files to index under the paths a user gives.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace newsdex {

struct WalkOptions {
  // Skip documentation files (README*, LICENSE*, COPYING*, CHANGES*) met
  // while walking a directory; a file named explicitly is never skipped.
  bool skip_docs = true;
};

// Calls `on_file` for every file newsdex can read under `inputs` (known by
// its extension, or, without a known one, by its first bytes:
// has_reader_for_content), in sorted
// path order (directories recursively; hidden entries skipped; symlinks
// followed, each directory visited once so loops end). A file named
// explicitly is passed on whatever its extension (the caller reports an
// unsupported one). `on_error(path, message)` gets every path that cannot
// be walked (missing, unreadable directory, a broken or looping symlink, a
// FIFO or other non-regular file with an article's extension).
// `on_skipped(path)`, when given, gets every file met inside a directory
// that newsdex has no reader for (hidden and documentation files are
// skipped without it).
void walk_inputs(const std::vector<std::string>& inputs, const WalkOptions& options,
                 const std::function<void(const std::string& path)>& on_file,
                 const std::function<void(const std::string& path, const std::string& message)>& on_error,
                 const std::function<void(const std::string& path)>& on_skipped = {});

}  // namespace newsdex
