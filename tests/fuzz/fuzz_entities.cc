// Fuzzes entity extraction on an article whose title is the first line of
// the (decoded) input and whose body is the rest.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "newsdex/encoding.h"
#include "newsdex/entities.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::unique_ptr<newsdex::EntityExtractor> extractor =
      newsdex::EntityExtractor::load(newsdex::EntityOptions{});
  const newsdex::Decoded decoded =
      newsdex::decode_text(std::string_view(reinterpret_cast<const char*>(data), size));
  newsdex::Article a;
  a.id = "fuzz";
  a.path = "fuzz.txt";
  const std::size_t nl = decoded.text.find('\n');
  if (nl == std::string::npos) {
    a.body = decoded.text;
  } else {
    a.title = decoded.text.substr(0, nl);
    a.body = decoded.text.substr(nl + 1);
  }
  for (const newsdex::Entity& e : extractor->extract(a)) {
    if (e.name.empty() || e.mentions < 1) std::abort();
    if (e.type != "person" && e.type != "place" && e.type != "org" && e.type != "misc") std::abort();
    if (!newsdex::is_valid_utf8(e.name)) std::abort();
  }
  return 0;
}
