#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>

#include <xapian.h>

#include "file_state.h"

using newsdex::FileState;

namespace {

// A scratch glass database (the in-memory backend has no metadata).
struct ScratchDb {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("newsdex-file-state-" + std::to_string(::getpid()));
  Xapian::WritableDatabase db;
  ScratchDb() {
    std::filesystem::remove_all(dir);
    db = Xapian::WritableDatabase(dir.string(), Xapian::DB_CREATE);
  }
  ~ScratchDb() {
    db.close();
    std::filesystem::remove_all(dir);
  }
};

std::unordered_map<std::string, FileState> round_trip(const std::vector<FileState>& states) {
  ScratchDb scratch;
  Xapian::WritableDatabase& db = scratch.db;
  for (const FileState& s : states) db.set_metadata(newsdex::file_state_key(s.path), newsdex::file_state_value(s));
  return newsdex::load_file_states(db);
}

}  // namespace

TEST_CASE("a file state reads back as it was stored: sizes, times, hash, failures, shadowed records", "[file_state]") {
  FileState plain{"/archive/a.txt", 1234, 1760486400123456789, 0xfedcba9876543210ull, 1, {}, {}};
  FileState busy{"/archive/odd\tname with \x1f and spaces.jsonl", 0, -5, 0, 300, {}, {}};
  busy.failures = {{0, "empty file"}, {17, "not valid JSON: tab\there, sep\x1fthere, newline\nthere"}};
  busy.shadowed = {{3, "id with % and \t tab"}, {9, "id\x1f" "sep\nline%25"}, {0, ""}};
  const auto loaded = round_trip({plain, busy});
  REQUIRE(loaded.size() == 2);
  const FileState& p = loaded.at(plain.path);
  CHECK(p.size == plain.size);
  CHECK(p.mtime_ns == plain.mtime_ns);
  CHECK(p.hash == plain.hash);
  CHECK(p.articles == 1);
  CHECK(p.failures.empty());
  CHECK(p.shadowed.empty());
  const FileState& b = loaded.at(busy.path);
  CHECK(b.mtime_ns == -5);
  CHECK(b.articles == 300);
  REQUIRE(b.failures.size() == 2);
  CHECK(b.failures[0].first == 0);
  CHECK(b.failures[0].second == "empty file");
  CHECK(b.failures[1].first == 17);
  // Reasons are one line: separators and line breaks become spaces.
  CHECK(b.failures[1].second == "not valid JSON: tab here, sep there, newline there");
  REQUIRE(b.shadowed.size() == 3);
  CHECK(b.shadowed[0].line == 3);
  CHECK(b.shadowed[0].id == "id with % and \t tab");
  CHECK(b.shadowed[1].id == "id\x1fsep\nline%25");
  CHECK(b.shadowed[2].id.empty());
}

TEST_CASE("states another version wrote, and keys that are not file states, are left out", "[file_state]") {
  ScratchDb scratch;
  Xapian::WritableDatabase& db = scratch.db;
  db.set_metadata(newsdex::file_state_key("/old"), "12 34 ab 5\t\t/old");  // two fields, not three
  db.set_metadata(newsdex::file_state_key("/junk"), "not a state");
  db.set_metadata("newsdex:settings", "{}");
  FileState ok{"/new", 1, 2, 3, 4, {}, {}};
  db.set_metadata(newsdex::file_state_key(ok.path), newsdex::file_state_value(ok));
  const auto loaded = newsdex::load_file_states(db);
  REQUIRE(loaded.size() == 1);
  CHECK(loaded.count("/new") == 1);
  // One key per path: storing again replaces; an empty value erases.
  ok.articles = 9;
  db.set_metadata(newsdex::file_state_key(ok.path), newsdex::file_state_value(ok));
  CHECK(newsdex::load_file_states(db).at("/new").articles == 9);
  db.set_metadata(newsdex::file_state_key(ok.path), std::string());
  CHECK(newsdex::load_file_states(db).empty());
}
