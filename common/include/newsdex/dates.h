// Date parsing for every form news archives use.
#pragma once

#include <optional>
#include <string_view>

#include "newsdex/article.h"

namespace newsdex {

// How a numeric date whose first two numbers could each be the day or the
// month ("8/9/2025") is read: as the article's language writes it.
enum class DayOrder {
  unknown,      // such a date is no date; one that only one order makes
                // valid ("25/12/2025", "12/25/2025") is read that way
  day_first,    // "8/9/2025" is 8 September (European languages)
  month_first,  // "8/9/2025" is August 9 (US English)
};

// The order `language` (an ISO 639-1 code, as Article::language) writes
// numeric dates in: month_first for "en" (newsdex reads English as US
// English, as it always has; British day-first slashed dates are read day
// first only where unambiguous), day_first for "fr", "de", "es", "it",
// "pt", "nl", "ru", unknown for any other language and for "".
DayOrder day_order_of(std::string_view language);

struct DateOptions {
  DayOrder order = DayOrder::unknown;
};

// Parses a publication date and returns it as UTC seconds, or nullopt when
// `text` is not a date in any supported form. Supported: ISO 8601 with or
// without time and zone ("2025-10-15", "2025-10-15T08:30:00+03:00", "...Z"),
// RFC 822/1123 ("Wed, 15 Oct 2025 08:30:00 GMT", "+0200", US zone names),
// "October 15, 2025", "Oct. 15, 2025", "15 October 2025", "15 Oct 2025",
// optionally with a weekday and a time ("10:30 AM EST"), the Reuters-21578
// form "9-MAR-1987 04:58:41.12", "2025/10/15", "15.10.2025" (always day
// first), "8/9/2025" (as options.order says), and Unix epoch seconds
// written as 9-10 digits (13: milliseconds). A date without a zone is
// taken as UTC.
//
// Month and weekday names (case-insensitive, accents optional) are
// English, French, German, Spanish, Italian, Portuguese, Dutch or Russian
// (nominative or genitive), in those languages' forms: "1er mars 2024",
// "8. September 2025", "8 de septiembre de 2025", "8 сентября 2025 г.",
// "lundi 8 septembre 2025 à 14h30", "Montag, 8. September 2025 um 14:30
// Uhr". A weekday is skipped, not checked against the date. No name means
// two different months in two of these languages, so a written month
// never depends on the language; only the numeric slashed form does. Leading and
// trailing text is not ignored: the whole of `text` (trimmed) must be a date.
// Years 0001 to 9999 are dates; the result is always within
// kMinUnixTime..kMaxUnixTime: a date that its zone moves past either end
// ("9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00") is clamped
// to that end.
std::optional<UnixTime> parse_date(std::string_view text, const DateOptions& options = {});

// Finds the first date inside free text (for example a byline "By bna
// Cairo bureau October 15, 2025", "Par Camille Dubois, 8 septembre 2025")
// and returns it with the byte offset and length of the matched span, or
// nullopt when there is none. Written (textual) and ISO dates are found
// in any text; the numeric "08.09.2025" and "8/9/2025" only when
// options.order is known, so that "Version 1.2.2025" in text of unknown
// language is not a date.
struct FoundDate {
  UnixTime time;
  std::size_t offset;
  std::size_t length;
};
std::optional<FoundDate> find_date(std::string_view text, const DateOptions& options = {});

}  // namespace newsdex
