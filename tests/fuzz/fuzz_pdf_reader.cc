// Fuzzes PdfReader::read: poppler's parser and text layout on untrusted
// bytes, and newsdex's own scans of them (catalog /Lang, XMP language,
// title and date from the first lines). A PDF is one article or one failed
// problem, never both, however its bytes are cut into chunks.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "newsdex/encoding.h"
#include "newsdex/readers.h"
#include "fuzz_chunks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const newsdex::PdfReader reader;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const newsdex::ReadResult r = reader.read("fuzz.pdf", bytes);
  fuzz::check_chunked(reader, "fuzz.pdf", bytes, r);
  if (r.articles.size() > 1) std::abort();
  for (const newsdex::Problem& p : r.problems) {
    if (p.failed && !r.articles.empty()) std::abort();
    if (p.message.find('\n') != std::string_view::npos) std::abort();
  }
  for (const newsdex::Article& a : r.articles) {
    if (a.id.empty() || a.path.empty()) std::abort();
    if (!newsdex::is_valid_utf8(a.title) || !newsdex::is_valid_utf8(a.body) || !newsdex::is_valid_utf8(a.author))
      std::abort();
  }
  return 0;
}
