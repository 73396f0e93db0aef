// Compressed inputs and bundles through libarchive (private to common/:
// the readers, InputFile and the tests).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "newsdex/readers.h"

struct archive;
struct z_stream_s;

namespace newsdex {

// The compressions newsdex reads, by their file suffix.
enum class Compression { none, gzip, bzip2, xz, zstd };

// The compression a file name ends in (".gz", ".bz2", ".xz", ".zst",
// case-insensitive), and the length of the name without that suffix.
Compression compression_of(std::string_view path, std::size_t* inner_length = nullptr);

// Whether `head`, an input's first bytes, starts with the magic bytes of a
// compression newsdex reads (gzip, bzip2, xz, zstd).
bool is_compressed(std::string_view head);

// The first `max` bytes of the decompressed data of `head` (a compressed
// input's first bytes, perhaps cut short): what reader_for_content sniffs
// through a compression. Empty when they cannot be decompressed.
std::string decompressed_head(std::string_view head, std::size_t max);

// The decompressed bytes of `in`, which holds gzip (one or more members),
// bzip2, xz or zstd data, read in chunks: memory does not grow with the
// input. gzip goes through zlib, which gives every byte before a cut;
// the others through libarchive, which may drop the last block (up to
// 64 KiB) decompressed before a cut. When the data is corrupt or cut
// short, or decompresses to more than `max_bytes` (a decompression bomb),
// the source ends there (every byte before has been delivered) and
// error() says why, one line: "compressed data corrupt or cut short after
// N KiB of content: <why>" or "decompresses to more than N MiB (a
// decompression bomb? see --max-file-size)". Lets ReadError from `in`
// (an I/O error) through.
class DecompressingSource final : public ByteSource {
 public:
  DecompressingSource(ByteSource& in, std::uint64_t max_bytes);
  ~DecompressingSource() override;
  DecompressingSource(const DecompressingSource&) = delete;
  DecompressingSource& operator=(const DecompressingSource&) = delete;

  std::size_t read(char* buf, std::size_t max) override;
  std::uint64_t delivered() const { return delivered_; }
  // Why the data ended early; empty when it ended where it should.
  const std::string& error() const { return error_; }
  // Whether it ended at the limit on decompressed bytes.
  bool bomb() const { return bomb_; }

 private:
  friend struct ArchiveCallbacks;
  ByteSource& in_;
  std::uint64_t max_bytes_;
  std::uint64_t delivered_ = 0;
  std::size_t read_gzip(char* buf, std::size_t max);
  std::size_t read_archive(char* buf, std::size_t max);
  std::size_t counted(std::size_t n);
  std::size_t failure(const std::string& what);

  archive* ar_ = nullptr;
  std::unique_ptr<z_stream_s> zs_;  // gzip: zlib's stream
  bool in_eof_ = false;
  bool member_end_ = false;
  std::size_t first_ = 0;  // bytes read to tell the compression, not yet given to libarchive
  bool opened_ = false;
  bool ended_ = false;
  std::unique_ptr<char[]> inbuf_;
  std::string in_error_;  // a ReadError from in_, rethrown from read()
  std::string error_;
  bool bomb_ = false;
};

}  // namespace newsdex
