// Fuzzes TextReader::read: any bytes give articles or problems, never a
// crash, and every article is valid UTF-8 with an id and a path.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "newsdex/encoding.h"
#include "newsdex/readers.h"
#include "fuzz_chunks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const newsdex::TextReader reader;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const newsdex::ReadResult r = reader.read("fuzz.txt", bytes);
  fuzz::check_chunked(reader, "fuzz.txt", bytes, r);
  for (const newsdex::Article& a : r.articles) {
    if (a.id.empty() || a.path.empty()) std::abort();
    if (!newsdex::is_valid_utf8(a.title) || !newsdex::is_valid_utf8(a.body) ||
        !newsdex::is_valid_utf8(a.author))
      std::abort();
  }
  return 0;
}
