#include "walk.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

#include "newsdex/readers.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

bool is_doc_file(const std::string& name) {
  std::string upper;
  for (char c : name) upper.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
  for (const char* doc : {"README", "LICENSE", "LICENCE", "COPYING", "CHANGES", "CHANGELOG"}) {
    if (upper.rfind(doc, 0) == 0) return true;
  }
  return false;
}

class Walker {
 public:
  Walker(const WalkOptions& options, const std::function<void(const std::string&)>& on_file,
         const std::function<void(const std::string&, const std::string&)>& on_error)
      : options_(options), on_file_(on_file), on_error_(on_error) {}

  void walk_dir(const std::string& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
      on_error_(dir, std::strerror(errno));
      return;
    }
    if (!visited_.insert({st.st_dev, st.st_ino}).second) return;  // a symlink loop
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      on_error_(dir, "cannot read directory: " + ec.message());
      return;
    }
    std::vector<std::pair<std::string, bool>> entries;  // path, is_dir
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        on_error_(dir, "cannot read directory: " + ec.message());
        break;
      }
      const std::string name = it->path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      std::error_code sec;
      const bool is_dir = it->is_directory(sec);
      if (sec) {
        std::error_code lec;
        if (it->is_symlink(lec)) {
          on_error_(it->path().string(), sec == std::errc::too_many_symbolic_link_levels
                                             ? "broken symbolic link (a loop of links)"
                                             : "broken symbolic link");
        } else {
          on_error_(it->path().string(), "cannot read file: " + sec.message());
        }
        continue;
      }
      if (!is_dir) {
        if (options_.skip_docs && is_doc_file(name)) continue;
        if (reader_for_path(name, {}) == nullptr) continue;
        // A FIFO, socket or device with an article's name: reading it could
        // block or never end.
        if (!it->is_regular_file(sec)) {
          on_error_(it->path().string(), "not a regular file");
          continue;
        }
      }
      entries.emplace_back(it->path().string(), is_dir);
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& [path, is_dir] : entries) {
      if (is_dir) {
        walk_dir(path);
      } else {
        on_file_(path);
      }
    }
  }

 private:
  const WalkOptions& options_;
  const std::function<void(const std::string&)>& on_file_;
  const std::function<void(const std::string&, const std::string&)>& on_error_;
  std::set<std::pair<dev_t, ino_t>> visited_;
};

}  // namespace

void walk_inputs(const std::vector<std::string>& inputs, const WalkOptions& options,
                 const std::function<void(const std::string& path)>& on_file,
                 const std::function<void(const std::string& path, const std::string& message)>& on_error) {
  Walker walker(options, on_file, on_error);
  for (const std::string& input : inputs) {
    std::error_code ec;
    const fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      on_error(input, "no such file or directory");
    } else if (fs::is_directory(st)) {
      std::string dir = input;
      while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
      walker.walk_dir(dir);
    } else {
      on_file(input);
    }
  }
}

}  // namespace newsdex
