#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "newsdex/database.h"
#include "newsdex/schema.h"

namespace fs = std::filesystem;

namespace {

// A generation as newsdex-index lays it out: gen-N/readers.lock and one
// shard holding `articles` empty documents.
void make_generation(const fs::path& db, unsigned gen, unsigned articles) {
  const fs::path dir = db / ("gen-" + std::to_string(gen));
  fs::create_directories(dir);
  std::ofstream(dir / "readers.lock").close();
  Xapian::WritableDatabase shard((dir / "shard-0").string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  for (unsigned i = 0; i < articles; ++i) shard.add_document(Xapian::Document());
  shard.set_metadata(std::string(newsdex::schema::kFormatKey), std::string(newsdex::schema::kFormat));
  shard.commit();
}

// Makes gen-N live, as DatabaseWriter::publish does: the stub is renamed
// into place.
void publish(const fs::path& db, unsigned gen) {
  const fs::path tmp = db / "XAPIANDB.tmp";
  std::ofstream(tmp) << "auto gen-" << gen << "/shard-0\n";
  fs::rename(tmp, db / "XAPIANDB");
}

// Removes the replaced gen-N as a writer may: only when no reader holds
// its readers.lock, and its files in the worst order for a reader (the
// lock file first, then the shard's marker, then the rest). Returns false
// when a reader holds it.
bool remove_generation(const fs::path& db, unsigned gen) {
  const fs::path dir = db / ("gen-" + std::to_string(gen));
  const int fd = ::open((dir / "readers.lock").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return true;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return false;
  }
  fs::remove(dir / "readers.lock");
  fs::remove(dir / "shard-0" / "iamglass");
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  fs::remove_all(dir);
  ::close(fd);
  return true;
}

}  // namespace

TEST_CASE("a search never fails while generations are replaced and removed under it", "[database]") {
  const fs::path db = fs::temp_directory_path() / ("newsdex-gen-test-" + std::to_string(::getpid()));
  fs::remove_all(db);
  fs::create_directories(db);
  make_generation(db, 1, 3);
  publish(db, 1);

  std::atomic<bool> stop{false};
  std::atomic<int> searches{0};
  std::atomic<int> wrong{0};
  std::vector<std::string> errors;
  std::mutex errors_mutex;
  auto reader = [&] {
    while (!stop.load()) {
      try {
        Xapian::doccount n = 0;
        newsdex::read_consistently({db.string()}, "reading", [&](newsdex::Shards& view) { n = view.all().get_doccount(); });
        if (n != 3) ++wrong;
        ++searches;
      } catch (const std::exception& e) {
        const std::lock_guard<std::mutex> lock(errors_mutex);
        errors.push_back(e.what());
      }
    }
  };
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; ++i) readers.emplace_back(reader);

  // 150 switches, each generation removed as soon as no reader holds it.
  std::vector<unsigned> replaced;
  for (unsigned gen = 2; gen <= 151; ++gen) {
    make_generation(db, gen, 3);
    publish(db, gen);
    replaced.push_back(gen - 1);
    std::vector<unsigned> kept;
    for (unsigned old : replaced) {
      if (!remove_generation(db, old)) kept.push_back(old);
    }
    replaced = kept;
  }
  stop = true;
  for (auto& t : readers) t.join();
  fs::remove_all(db);

  INFO((errors.empty() ? std::string() : errors.front()));
  CHECK(errors.empty());
  CHECK(wrong.load() == 0);
  CHECK(searches.load() > 0);
}
