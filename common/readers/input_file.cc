// InputFile: the one way newsdex opens and reads an input file.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include <xxhash.h>

#include "newsdex/readers.h"
#include "readers/news_xml.h"

namespace newsdex {

namespace {

struct HashStateFree {
  void operator()(XXH3_state_t* s) const { XXH3_freeState(s); }
};
using HashState = std::unique_ptr<XXH3_state_t, HashStateFree>;

HashState new_hash_state() {
  HashState state(XXH3_createState());
  if (!state) throw std::bad_alloc();
  XXH3_64bits_reset(state.get());
  return state;
}

std::string errno_text(int err) { return std::strerror(err); }

// The file behind `fd` from its current offset, every byte delivered also
// added to `hash`, ending after `limit` bytes even if the file has grown
// since it was checked (a file being appended to still ends).
class FileSource final : public ByteSource {
 public:
  FileSource(int fd, std::uint64_t limit, std::uint64_t size, XXH3_state_t* hash)
      : fd_(fd), limit_(limit), size_(size), hash_(hash) {}

  std::size_t read(char* buf, std::size_t max) override {
    if (done_ >= limit_) return 0;
    if (max > limit_ - done_) max = static_cast<std::size_t>(limit_ - done_);
    for (;;) {
      const ssize_t n = ::read(fd_, buf, max);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw ReadError("read error: " + errno_text(errno));
      }
      XXH3_64bits_update(hash_, buf, static_cast<std::size_t>(n));
      done_ += static_cast<std::uint64_t>(n);
      return static_cast<std::size_t>(n);
    }
  }

  std::optional<std::uint64_t> size() const override { return size_; }

  // Reads (and hashes) the rest of the file. Most readers read to the end:
  // a small probe finds that without allocating.
  void drain() {
    char probe[512];
    if (read(probe, sizeof probe) == 0) return;
    constexpr std::size_t kChunk = std::size_t{1} << 18;
    const std::unique_ptr<char[]> buf(new char[kChunk]);
    while (read(buf.get(), kChunk) != 0) {
    }
  }

 private:
  int fd_;
  std::uint64_t limit_;
  std::uint64_t size_;
  XXH3_state_t* hash_;
  std::uint64_t done_ = 0;
};

// Passes everything on, noting whether `out` asked to stop.
class StopWatch final : public ArticleSink {
 public:
  explicit StopWatch(ArticleSink& out) : out_(out) {}
  bool article(Article a) override {
    if (out_.article(std::move(a))) return true;
    stopped = true;
    return false;
  }
  void problem(Problem p) override { out_.problem(std::move(p)); }
  bool stopped = false;

 private:
  ArticleSink& out_;
};

}  // namespace

InputFile::InputFile(std::string path, ReaderOptions options, std::uint64_t max_file_bytes)
    : path_(std::move(path)), options_(std::move(options)), max_file_bytes_(max_file_bytes) {
  // A compressed file may expand to the size a plain one may have.
  options_.max_expanded_bytes = max_file_bytes;
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

// Whether `st` is a file newsdex reads: a regular file within the limit.
bool acceptable(const struct stat& st, std::uint64_t max_bytes, std::string& error) {
  if (!S_ISREG(st.st_mode)) {
    error = "not a regular file";
    return false;
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    error = "file too large (" + std::to_string(st.st_size >> 20) + " MiB, limit " + std::to_string(max_bytes >> 20) +
            " MiB; see --max-file-size)";
    return false;
  }
  return true;
}

std::int64_t mtime_ns_of(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

}  // namespace

bool InputFile::stat(std::string& error) {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) {
    error = "cannot read file: " + errno_text(errno);
    return false;
  }
  if (!acceptable(st, max_file_bytes_, error)) return false;
  size_ = static_cast<std::uint64_t>(st.st_size);
  mtime_ns_ = mtime_ns_of(st);
  return true;
}

bool InputFile::open(std::string& error) {
  // By its name; else by its first bytes, once opened.
  reader_ = reader_for_path(path_, options_);
  if (fd_ >= 0) ::close(fd_);
  // O_NONBLOCK: opening a FIFO without a writer (or a device) returns at
  // once instead of waiting; fstat then refuses it.
  fd_ = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd_ < 0) {
    error = "cannot open file: " + errno_text(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    error = "cannot read file: " + errno_text(errno);
  } else if (acceptable(st, max_file_bytes_, error)) {
    size_ = static_cast<std::uint64_t>(st.st_size);
    mtime_ns_ = mtime_ns_of(st);
    if (!reader_) {
      std::string head(xml::kSniffBytes, '\0');
      const ssize_t n = ::pread(fd_, head.data(), head.size(), 0);
      head.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
      reader_ = reader_for_content(head, options_);
    }
    if (reader_) return true;
    error = "unsupported file type (newsdex reads " + supported_extensions() + ")";
  }
  ::close(fd_);
  fd_ = -1;
  return false;
}

std::optional<std::uint64_t> InputFile::hash(std::string& error) {
  if (::lseek(fd_, 0, SEEK_SET) != 0) {
    error = "read error: " + errno_text(errno);
    return std::nullopt;
  }
  HashState state = new_hash_state();
  FileSource source(fd_, max_file_bytes_, size_, state.get());
  try {
    source.drain();
  } catch (const ReadError& e) {
    error = e.what();
    return std::nullopt;
  }
  return XXH3_64bits_digest(state.get());
}

InputFile::Outcome InputFile::read(ArticleSink& out) {
  Outcome outcome;
  if (::lseek(fd_, 0, SEEK_SET) != 0) {
    outcome.error = "read error: " + errno_text(errno);
    return outcome;
  }
  HashState state = new_hash_state();
  FileSource source(fd_, max_file_bytes_, size_, state.get());
  try {
    if (size_ == 0) {
      out.problem({0, "empty file", true, true});
    } else {
      StopWatch watch(out);
      reader_->read(path_, source, watch);
      if (watch.stopped) return outcome;
    }
    source.drain();
  } catch (const ReadError& e) {
    outcome.error = e.what();
    return outcome;
  }
  outcome.complete = true;
  outcome.hash = XXH3_64bits_digest(state.get());
  return outcome;
}

bool has_reader_for_content(const std::string& path) {
  if (has_reader_for(path)) return false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool ok = false;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    std::string head(xml::kSniffBytes, '\0');
    const ssize_t n = ::pread(fd, head.data(), head.size(), 0);
    head.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    ok = reader_for_content(head, ReaderOptions{}) != nullptr;
  }
  ::close(fd);
  return ok;
}

bool read_input_file(const std::string& path, const ReaderOptions& options, std::uint64_t max_file_bytes,
                     ArticleSink& out) {
  InputFile file(path, options, max_file_bytes);
  std::string error;
  if (!file.stat(error) || !file.open(error)) {
    out.problem({0, error, true});
    return false;
  }
  const InputFile::Outcome outcome = file.read(out);
  if (!outcome.error.empty()) out.problem({0, outcome.error, true});
  return outcome.complete;
}

}  // namespace newsdex
