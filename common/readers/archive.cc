// Compressed inputs and bundles: DecompressingSource, CompressedReader,
// BundleReader, all through libarchive.
#include "readers/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "newsdex/text.h"
#include "readers/news_xml.h"
#include "readers/reader_io.h"
#include "readers/reader_util.h"

namespace newsdex {

namespace {

constexpr std::size_t kInChunk = std::size_t{1} << 16;
constexpr std::uint64_t kMaxRatio = 50;

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

// Only the four compressions, all built into libarchive: never a filter
// that runs an external program.
void support_filters(archive* a) {
  archive_read_support_filter_gzip(a);
  archive_read_support_filter_bzip2(a);
  archive_read_support_filter_xz(a);
  archive_read_support_filter_zstd(a);
}

std::string archive_error(archive* a) {
  const char* e = archive_error_string(a);
  return e != nullptr && *e != '\0' ? std::string(e) : std::string("cut short or corrupt");
}

// The limit on what `in` may decompress to (see ReaderOptions).
std::uint64_t expanded_limit(const ByteSource& in, std::uint64_t option) {
  if (option == 0) return 0;
  const std::optional<std::uint64_t> size = in.size();
  return size ? std::max(option, *size * kMaxRatio) : option;
}

// `head`, then the rest of `in`: lets a reader be chosen by an input's
// first bytes and then read them.
class HeadSource final : public ByteSource {
 public:
  HeadSource(std::string head, ByteSource& in) : head_(std::move(head)), in_(in) {}
  std::size_t read(char* buf, std::size_t max) override {
    if (pos_ < head_.size()) {
      const std::size_t n = std::min(max, head_.size() - pos_);
      std::memcpy(buf, head_.data() + pos_, n);
      pos_ += n;
      return n;
    }
    return in_.read(buf, max);
  }
  std::optional<std::uint64_t> size() const override { return in_.size(); }

 private:
  std::string head_;
  std::size_t pos_ = 0;
  ByteSource& in_;
};

std::string read_head(ByteSource& in) {
  std::string head;
  read_prefix(in, xml::kSniffBytes, head);
  return head;
}

}  // namespace

// libarchive's read callback, pulling the compressed bytes from in_.
struct ArchiveCallbacks {
  static la_ssize_t read(archive* a, void* client, const void** buffer) {
    auto* self = static_cast<DecompressingSource*>(client);
    try {
      if (self->first_ != 0) {  // the bytes read to tell the compression
        *buffer = self->inbuf_.get();
        return static_cast<la_ssize_t>(std::exchange(self->first_, 0));
      }
      const std::size_t n = self->in_.read(self->inbuf_.get(), kInChunk);
      *buffer = self->inbuf_.get();
      return static_cast<la_ssize_t>(n);
    } catch (const ReadError& e) {
      self->in_error_ = e.what();
      archive_set_error(a, EIO, "%s", e.what());
      return -1;
    }
  }
};

Compression compression_of(std::string_view path, std::size_t* inner_length) {
  const std::size_t dot = path.find_last_of('.');
  const std::size_t slash = path.find_last_of('/');
  Compression c = Compression::none;
  if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
    const std::string ext = ascii_lower(std::string(path.substr(dot + 1)));
    if (ext == "gz") c = Compression::gzip;
    else if (ext == "bz2") c = Compression::bzip2;
    else if (ext == "xz") c = Compression::xz;
    else if (ext == "zst") c = Compression::zstd;
  }
  if (inner_length != nullptr) *inner_length = c == Compression::none ? path.size() : dot;
  return c;
}

bool is_compressed(std::string_view head) {
  auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  return starts("\x1f\x8b") || starts("BZh") || starts(std::string_view("\xfd" "7zXZ\0", 6)) ||
         starts("\x28\xb5\x2f\xfd");
}

std::string decompressed_head(std::string_view head, std::size_t max) {
  MemorySource in(head);
  DecompressingSource source(in, 0);
  std::string out;
  try {
    read_prefix(source, max, out);
  } catch (const ReadError&) {
    // cut short: what came before the cut is the head
  }
  return out;
}

DecompressingSource::DecompressingSource(ByteSource& in, std::uint64_t max_bytes)
    : in_(in), max_bytes_(expanded_limit(in, max_bytes)), inbuf_(new char[kInChunk]) {}

DecompressingSource::~DecompressingSource() {
  if (ar_ != nullptr) archive_read_free(ar_);
  if (zs_) inflateEnd(zs_.get());
}

std::size_t DecompressingSource::failure(const std::string& what) {
  ended_ = true;
  if (!in_error_.empty()) throw ReadError(in_error_);
  error_ = "compressed data corrupt or cut short after " + human_size(delivered_) + " of content: " + what;
  return 0;
}

std::size_t DecompressingSource::counted(std::size_t n) {
  if (max_bytes_ != 0 && delivered_ + n > max_bytes_) {
    ended_ = true;
    bomb_ = true;
    error_ = "decompresses to more than " + human_size(max_bytes_) + " (a decompression bomb? see --max-file-size)";
    return 0;
  }
  delivered_ += n;
  return n;
}

std::size_t DecompressingSource::read(char* buf, std::size_t max) {
  if (ended_) return 0;
  if (!opened_) {
    opened_ = true;
    // The first bytes tell the compression.
    while (first_ < 6) {
      const std::size_t n = in_.read(inbuf_.get() + first_, kInChunk - first_);
      if (n == 0) break;
      first_ += n;
    }
    const std::string_view head(inbuf_.get(), first_);
    if (head.empty()) {
      ended_ = true;
      return 0;
    }
    if (!is_compressed(head)) {
      ended_ = true;
      error_ = "not compressed data (newsdex reads gzip, bzip2, xz and zstd)";
      return 0;
    }
    if (head.substr(0, 2) == "\x1f\x8b") {
      zs_ = std::make_unique<z_stream_s>();
      std::memset(zs_.get(), 0, sizeof(z_stream_s));
      if (inflateInit2(zs_.get(), 16 + MAX_WBITS) != Z_OK) throw std::bad_alloc();
      zs_->next_in = reinterpret_cast<Bytef*>(inbuf_.get());
      zs_->avail_in = static_cast<uInt>(std::exchange(first_, 0));
    } else {
      ar_ = archive_read_new();
      if (ar_ == nullptr) throw std::bad_alloc();
      support_filters(ar_);
      archive_read_support_format_raw(ar_);
      if (archive_read_open(ar_, this, nullptr, &ArchiveCallbacks::read, nullptr) != ARCHIVE_OK)
        return failure(archive_error(ar_));
      archive_entry* entry = nullptr;
      const int r = archive_read_next_header(ar_, &entry);
      if (r == ARCHIVE_EOF) {
        ended_ = true;
        return 0;
      }
      if (r != ARCHIVE_OK) return failure(archive_error(ar_));
    }
  }
  return zs_ ? read_gzip(buf, max) : read_archive(buf, max);
}

std::size_t DecompressingSource::read_archive(char* buf, std::size_t max) {
  const la_ssize_t n = archive_read_data(ar_, buf, max);
  if (n < 0) return failure(archive_error(ar_));
  if (n == 0) {
    ended_ = true;
    return 0;
  }
  return counted(static_cast<std::size_t>(n));
}

std::size_t DecompressingSource::read_gzip(char* buf, std::size_t max) {
  z_stream_s& zs = *zs_;
  for (;;) {
    if (zs.avail_in == 0 && !in_eof_) {
      std::size_t n = 0;
      try {
        n = in_.read(inbuf_.get(), kInChunk);
      } catch (const ReadError&) {
        ended_ = true;
        throw;
      }
      if (n == 0) in_eof_ = true;
      zs.next_in = reinterpret_cast<Bytef*>(inbuf_.get());
      zs.avail_in = static_cast<uInt>(n);
      continue;
    }
    if (member_end_) {
      if (zs.avail_in == 0) {  // and the input ended: so did the data
        ended_ = true;
        return 0;
      }
      // Another gzip member follows (a WARC's gzip per record).
      inflateReset(&zs);
      member_end_ = false;
    }
    if (zs.avail_in == 0) return failure("truncated gzip input");
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = static_cast<uInt>(std::min<std::size_t>(max, UINT32_MAX));
    const std::size_t before = zs.avail_out;
    const int r = inflate(&zs, Z_NO_FLUSH);
    const std::size_t produced = before - zs.avail_out;
    if (r == Z_STREAM_END) {
      member_end_ = true;
    } else if (r != Z_OK && r != Z_BUF_ERROR) {
      return failure(zs.msg != nullptr ? zs.msg : "invalid gzip data");
    }
    if (produced != 0) return counted(produced);
  }
}

namespace {

// Holds back a failed problem until something follows it: the last one,
// when the data was cut short, is the record the cut went through.
class HoldingSink final : public ArticleSink {
 public:
  explicit HoldingSink(ArticleSink& out) : out_(out) {}
  bool article(Article a) override {
    flush();
    return out_.article(std::move(a));
  }
  void problem(Problem p) override {
    flush();
    if (p.failed) {
      held = std::move(p);
      holding = true;
    } else {
      out_.problem(std::move(p));
    }
  }
  void flush() {
    if (holding) out_.problem(std::move(held));
    holding = false;
  }
  Problem held;
  bool holding = false;

 private:
  ArticleSink& out_;
};

}  // namespace

void CompressedReader::read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const {
  DecompressingSource source(in, options().max_expanded_bytes);
  HoldingSink sink(out);
  read_with(*inner_, path, source, sink);
  // What the inner reader left unread is decompressed too, so that a
  // corrupt or cut end is found (and the limit applies) whatever it read.
  char chunk[16384];
  while (source.read(chunk, sizeof chunk) != 0) {
  }
  if (source.error().empty()) {
    sink.flush();
    return;
  }
  // The reader's last failure is the record the data ended in (or, at
  // line 0, the file it found empty or cut): the one line for the file
  // names it.
  if (sink.holding && sink.held.line != 0 && !source.bomb())
    throw ReadError("cut short at line " + std::to_string(sink.held.line) + ": " + source.error());
  throw ReadError(source.error());
}

namespace {

// One member's bytes, from the bundle's current entry.
class MemberSource final : public ByteSource {
 public:
  MemberSource(archive* a, const std::string& member, std::int64_t size) : a_(a), member_(member), size_(size) {}
  std::size_t read(char* buf, std::size_t max) override {
    const la_ssize_t n = archive_read_data(a_, buf, max);
    if (n < 0) throw ReadError("bundle member " + member_ + ": corrupt or cut short: " + archive_error(a_));
    return static_cast<std::size_t>(n);
  }
  std::optional<std::uint64_t> size() const override {
    if (size_ < 0) return std::nullopt;
    return static_cast<std::uint64_t>(size_);
  }

 private:
  archive* a_;
  const std::string& member_;
  std::int64_t size_;
};

// Passes a member's articles on with the member's path, and its problems
// as problems of the bundle naming the member.
class MemberSink final : public ArticleSink {
 public:
  MemberSink(const std::string& bundle, const std::string& member, ArticleSink& out)
      : bundle_(bundle), member_(member), out_(out) {}
  bool article(Article a) override {
    a.file = bundle_;  // the outermost bundle's sink sets it last
    return out_.article(std::move(a));
  }
  void problem(Problem p) override {
    std::string where = member_;
    if (p.line != 0) where += ":" + std::to_string(p.line);
    out_.problem({0, where + ": " + p.message, p.failed, false});
  }

 private:
  const std::string& bundle_;
  const std::string& member_;
  ArticleSink& out_;
};

// Feeds libarchive from a ByteSource (the bundle's bytes).
struct BundleInput {
  ByteSource& in;
  std::unique_ptr<char[]> buf{new char[kInChunk]};
  std::string error;
  static la_ssize_t read(archive* a, void* client, const void** buffer) {
    auto* self = static_cast<BundleInput*>(client);
    try {
      *buffer = self->buf.get();
      return static_cast<la_ssize_t>(self->in.read(self->buf.get(), kInChunk));
    } catch (const ReadError& e) {
      self->error = e.what();
      archive_set_error(a, EIO, "%s", e.what());
      return -1;
    }
  }
};

// A member's name as shown after "!/": without leading "./" and "/".
std::string member_name(const char* raw) {
  std::string name = raw != nullptr ? raw : "";
  for (;;) {
    if (name.rfind("./", 0) == 0) name.erase(0, 2);
    else if (!name.empty() && name[0] == '/') name.erase(0, 1);
    else break;
  }
  return name;
}

}  // namespace

void BundleReader::read_articles(const std::string& path, ByteSource& in, ArticleSink& out) const {
  ArchivePtr a(archive_read_new());
  if (!a) throw std::bad_alloc();
  support_filters(a.get());
  archive_read_support_format_zip_streamable(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  BundleInput input{in, std::unique_ptr<char[]>(new char[kInChunk]), {}};
  if (archive_read_open(a.get(), &input, nullptr, &BundleInput::read, nullptr) != ARCHIVE_OK) {
    if (!input.error.empty()) throw ReadError(input.error);
    out.problem({0, "not a zip or tar bundle: " + archive_error(a.get()), true});
    return;
  }
  std::uint64_t members = 0, skipped = 0;
  std::string first_skipped;
  std::string last = "(its start)";
  for (;;) {
    archive_entry* entry = nullptr;
    const int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      if (!input.error.empty()) throw ReadError(input.error);
      const std::string where = members == 0 ? std::string("not a zip or tar bundle")
                                             : "bundle corrupt or cut short after member " + last;
      throw ReadError(where + ": " + archive_error(a.get()));
    }
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    const std::string name = member_name(archive_entry_pathname(entry));
    last = name;
    ++members;
    const std::string base = name.substr(name.find_last_of('/') == std::string::npos ? 0 : name.find_last_of('/') + 1);
    if (name.empty() || base.empty() || base[0] == '.') continue;  // hidden, as in a directory
    const std::string member_path = path + "!/" + name;
    MemberSource source(a.get(), name, archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1);
    std::unique_ptr<Reader> reader;
    if (has_reader_for(name)) reader = reader_for_path(name, options());
    std::string head;
    if (!reader) {
      head = read_head(source);
      reader = reader_for_content(head, options());
    }
    if (!reader) {
      if (++skipped == 1) first_skipped = name;
      continue;  // libarchive skips the rest of the member
    }
    HeadSource member(std::move(head), source);
    MemberSink sink(path, name, out);
    read_with(*reader, member_path, member, sink);
    // The rest of the member is read (and so checked) before the next.
    char chunk[16384];
    while (member.read(chunk, sizeof chunk) != 0) {
    }
  }
  if (skipped != 0)
    out.problem({0,
                 "skipped " + std::to_string(skipped) + " of " + std::to_string(members) +
                     " members newsdex has no reader for (such as " + shorten(first_skipped, 80) + ")",
                 false});
}

}  // namespace newsdex
