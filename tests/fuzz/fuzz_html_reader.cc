// Fuzzes HtmlReader::read: metadata, JSON-LD and content extraction.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "newsdex/encoding.h"
#include "newsdex/readers.h"
#include "fuzz_chunks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const newsdex::HtmlReader reader;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const newsdex::ReadResult r = reader.read("fuzz.html", bytes);
  fuzz::check_chunked(reader, "fuzz.html", bytes, r);
  for (const newsdex::Article& a : r.articles) {
    if (a.id.empty() || a.path.empty()) std::abort();
    if (!newsdex::is_valid_utf8(a.title) || !newsdex::is_valid_utf8(a.body)) std::abort();
  }
  return 0;
}
