// Date parsing for every form news archives use.
#pragma once

#include <optional>
#include <string_view>

#include "newsdex/article.h"

namespace newsdex {

// Parses a publication date and returns it as UTC seconds, or nullopt when
// `text` is not a date in any supported form. Supported: ISO 8601 with or
// without time and zone ("2025-10-15", "2025-10-15T08:30:00+03:00", "...Z"),
// RFC 822/1123 ("Wed, 15 Oct 2025 08:30:00 GMT", "+0200", US zone names),
// "October 15, 2025", "Oct. 15, 2025", "15 October 2025", "15 Oct 2025",
// optionally with a weekday and a time ("10:30 AM EST"), the Reuters-21578
// form "9-MAR-1987 04:58:41.12", "2025/10/15", and Unix epoch seconds
// written as 9-10 digits. A date without a zone is taken as UTC. Leading and
// trailing text is not ignored: the whole of `text` (trimmed) must be a date.
// Years 0001 to 9999 are dates; the result is always within
// kMinUnixTime..kMaxUnixTime: a date that its zone moves past either end
// ("9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00") is clamped
// to that end.
std::optional<UnixTime> parse_date(std::string_view text);

// Finds a date inside free text (for example a byline "By bna Cairo bureau
// October 15, 2025") and returns it with the byte offset and length of the
// matched span, or nullopt when there is none.
struct FoundDate {
  UnixTime time;
  std::size_t offset;
  std::size_t length;
};
std::optional<FoundDate> find_date(std::string_view text);

}  // namespace newsdex
