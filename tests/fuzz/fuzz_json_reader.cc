// Fuzzes JsonReader::read (JSON Lines, a JSON object or an array). The
// first byte, when it is '!', switches on --field overrides with dotted
// paths so lookup() is exercised too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "newsdex/encoding.h"
#include "newsdex/readers.h"
#include "fuzz_chunks.h"

namespace {

newsdex::ReaderOptions override_options() {
  newsdex::ReaderOptions o;
  o.field_overrides = {{"title", "meta.head"}, {"body", "content.text"}, {"date", "meta.when.iso"},
                       {"id", "dc.identifier"}};
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const newsdex::JsonReader plain;
  static const newsdex::JsonReader overridden(override_options());
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const newsdex::JsonReader* reader = &plain;
  if (!bytes.empty() && bytes[0] == '!') {
    reader = &overridden;
    bytes.remove_prefix(1);
  }
  const newsdex::ReadResult r = reader->read("fuzz.jsonl", bytes);
  fuzz::check_chunked(*reader, "fuzz.jsonl", bytes, r);
  for (const newsdex::Article& a : r.articles) {
    if (a.id.empty() || a.path.empty()) std::abort();
    if (!newsdex::is_valid_utf8(a.id) || !newsdex::is_valid_utf8(a.title) ||
        !newsdex::is_valid_utf8(a.body))
      std::abort();
  }
  return 0;
}
