// Fuzzes the readers that unwrap others: WarcReader, BundleReader (zip and
// tar) and CompressedReader (gzip, bzip2, xz, zstd through
// DecompressingSource) around the JSON and WARC readers. A corrupt or cut
// compressed input or bundle throws ReadError: that is an answer, not a
// crash, and it must not depend on how the input is cut into chunks.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "newsdex/encoding.h"
#include "newsdex/readers.h"
#include "fuzz_chunks.h"

namespace {

struct Outcome {
  newsdex::ReadResult result;
  bool threw = false;
};

Outcome read(const newsdex::Reader& reader, const char* path, std::string_view bytes, std::size_t chunk) {
  Outcome o;
  newsdex::MemorySource source(bytes, chunk);
  fuzz::Collect sink;
  try {
    reader.read(path, source, sink);
  } catch (const newsdex::ReadError&) {
    o.threw = true;
  }
  o.result = std::move(sink.result);
  return o;
}

void check(const newsdex::Reader& reader, const char* path, std::string_view bytes) {
  const Outcome whole = read(reader, path, bytes, bytes.size() + 1);
  for (const newsdex::Article& a : whole.result.articles) {
    if (a.id.empty() || a.path.empty()) std::abort();
    if (!newsdex::is_valid_utf8(a.title) || !newsdex::is_valid_utf8(a.body)) std::abort();
  }
  const Outcome chunked = read(reader, path, bytes, 1 + bytes.size() % 13);
  if (whole.threw != chunked.threw) std::abort();
  if (!whole.threw && chunked.result.articles.size() != whole.result.articles.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const newsdex::ReaderOptions options = [] {
    newsdex::ReaderOptions o;
    o.max_expanded_bytes = std::uint64_t{4} << 20;  // a bomb ends quickly
    return o;
  }();
  static const newsdex::WarcReader warc(options);
  static const newsdex::BundleReader bundle(options);
  static const std::unique_ptr<newsdex::Reader> jsonl_gz = newsdex::reader_for_path("fuzz.jsonl.gz", options);
  static const std::unique_ptr<newsdex::Reader> warc_gz = newsdex::reader_for_path("fuzz.warc.gz", options);
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The first byte picks the reader.
  switch (size == 0 ? 0 : data[0] % 4) {
    case 0: check(warc, "fuzz.warc", bytes); break;
    case 1: check(bundle, "fuzz.zip", bytes); break;
    case 2: check(*jsonl_gz, "fuzz.jsonl.gz", bytes); break;
    default: check(*warc_gz, "fuzz.warc.gz", bytes); break;
  }
  // Whatever the first byte, the bytes as each of the formats.
  if (size > 0 && data[size - 1] % 2 == 0) {
    check(warc, "fuzz.warc", bytes);
    check(bundle, "fuzz.tar", bytes);
  }
  return 0;
}
