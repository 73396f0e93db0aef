#include "walk.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

#include "newsdex/readers.h"
#include "newsdex/text.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

bool is_doc_file(const std::string& name) {
  const std::string lower = ascii_lower(name);
  for (const char* doc : {"readme", "license", "licence", "copying", "changes", "changelog"}) {
    if (lower.rfind(doc, 0) == 0) return true;
  }
  return false;
}

class Walker {
 public:
  Walker(const WalkOptions& options, const std::function<void(const std::string&)>& on_file,
         const std::function<void(const std::string&, const std::string&)>& on_error,
         const std::function<void(const std::string&)>& on_skipped)
      : options_(options), on_file_(on_file), on_error_(on_error), on_skipped_(on_skipped) {}

  void walk_dir(const std::string& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
      on_error_(dir, std::strerror(errno));
      return;
    }
    if (!visited_.insert({st.st_dev, st.st_ino}).second) return;  // a symlink loop
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) {
      on_error_(dir, std::string("cannot read directory: ") + std::strerror(errno));
      return;
    }
    std::vector<std::pair<std::string, bool>> entries;  // path, is_dir
    int read_error = 0;
    for (;;) {
      // readdir() signals an error only through errno; anything failing in
      // the loop body (a broken link's stat) must not look like one.
      errno = 0;
      const struct dirent* e = ::readdir(d);
      if (e == nullptr) {
        read_error = errno;
        break;
      }
      const char* name = e->d_name;
      if (name[0] == '.') continue;  // hidden, "." and ".."
      std::string path = dir == "/" ? "/" + std::string(name) : dir + "/" + name;
      bool is_dir = e->d_type == DT_DIR;
      bool is_reg = e->d_type == DT_REG;
      if (e->d_type == DT_LNK || e->d_type == DT_UNKNOWN) {
        struct stat target {};
        if (::stat(path.c_str(), &target) != 0) {
          const int err = errno;
          struct stat link {};
          if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
            on_error_(path, err == ELOOP ? "broken symbolic link (a loop of links)" : "broken symbolic link");
          } else {
            on_error_(path, std::string("cannot read file: ") + std::strerror(err));
          }
          continue;
        }
        is_dir = S_ISDIR(target.st_mode);
        is_reg = S_ISREG(target.st_mode);
      }
      if (!is_dir) {
        if (options_.skip_docs && is_doc_file(name)) continue;
        // A name without a known extension may still be a format newsdex
        // recognises by content (news XML): its first bytes tell.
        if (!has_reader_for(name) && !(is_reg && has_reader_for_content(path))) {
          if (on_skipped_) on_skipped_(path);
          continue;
        }
        // A FIFO, socket or device with an article's name: reading it could
        // block or never end.
        if (!is_reg) {
          on_error_(path, "not a regular file");
          continue;
        }
      }
      entries.emplace_back(std::move(path), is_dir);
    }
    if (read_error != 0) on_error_(dir, std::string("cannot read directory: ") + std::strerror(read_error));
    ::closedir(d);
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
  const std::function<void(const std::string&)>& on_skipped_;
  std::set<std::pair<dev_t, ino_t>> visited_;
};

}  // namespace

void walk_inputs(const std::vector<std::string>& inputs, const WalkOptions& options,
                 const std::function<void(const std::string& path)>& on_file,
                 const std::function<void(const std::string& path, const std::string& message)>& on_error,
                 const std::function<void(const std::string& path)>& on_skipped) {
  Walker walker(options, on_file, on_error, on_skipped);
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
