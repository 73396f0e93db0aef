#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "walk.h"

namespace fs = std::filesystem;

namespace {

// A scratch directory removed at the end of the test.
struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("newsdex-walk-" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string file(const std::string& rel, const std::string& content = "x") {
    const fs::path p = dir / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << content;
    return p.string();
  }
};

struct Walked {
  std::vector<std::string> files, skipped, errors;
};

Walked walk(const std::vector<std::string>& inputs, const std::string& strip) {
  Walked w;
  auto rel = [&](const std::string& p) { return p.rfind(strip, 0) == 0 ? p.substr(strip.size() + 1) : p; };
  newsdex::walk_inputs(
      inputs, newsdex::WalkOptions{}, [&](const std::string& p) { w.files.push_back(rel(p)); },
      [&](const std::string& p, const std::string& m) { w.errors.push_back(rel(p) + ": " + m); },
      [&](const std::string& p) { w.skipped.push_back(rel(p)); });
  return w;
}

}  // namespace

TEST_CASE("the walk finds readable files in sorted order and says what it skipped and could not read", "[walk]") {
  Scratch s;
  const std::string root = s.dir.string();
  for (const char* f : {"b.jsonl", "a.txt", "sub/d.html", "sub/z/e.TXT", "c.xml", "notes", "README.md",
                        "LICENSE", ".hidden.txt", ".git/config.txt", "sub/.cache/f.txt"}) {
    s.file(f);
  }
  REQUIRE(::mkfifo((s.dir / "pipe.txt").c_str(), 0644) == 0);
  fs::create_symlink(s.dir / "sub", s.dir / "sub/loop");   // a directory link loop
  fs::create_symlink(s.dir / "nowhere.txt", s.dir / "dangling.txt");
  // News XML is known by its root element: in an .xml file or a file
  // without a known extension.
  s.file("feeds/wire", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>");
  s.file("feeds/story.xml", "<nitf><body/></nitf>");
  s.file("feeds/sitemap.xml", "<urlset><url/></urlset>");
  const Walked w = walk({root}, root);
  CHECK(w.files == std::vector<std::string>{"a.txt", "b.jsonl", "feeds/story.xml", "feeds/wire", "sub/d.html",
                                            "sub/z/e.TXT"});
  // Files of other types are reported (not hidden and documentation files).
  CHECK(w.skipped == std::vector<std::string>{"c.xml", "notes", "feeds/sitemap.xml"});
  CHECK(w.errors == std::vector<std::string>{"dangling.txt: broken symbolic link", "pipe.txt: not a regular file"});
}

TEST_CASE("a file named on its own is passed on whatever its name - a missing input is an error", "[walk]") {
  Scratch s;
  const std::string xml = s.file("feed.xml");
  const std::string readme = s.file("README.txt");
  const Walked w = walk({xml, readme, (s.dir / "missing").string()}, s.dir.string());
  CHECK(w.files == std::vector<std::string>{"feed.xml", "README.txt"});
  CHECK(w.skipped.empty());
  CHECK(w.errors == std::vector<std::string>{"missing: no such file or directory"});
}
