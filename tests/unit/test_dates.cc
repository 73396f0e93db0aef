#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "newsdex/article.h"
#include "newsdex/database.h"
#include "newsdex/dates.h"
#include "newsdex/query.h"

namespace {

struct ParseCase {
  const char* name;
  const char* input;
  const char* expected;  // ISO 8601 UTC, or nullptr for "not a date"
};

const ParseCase kParseCases[] = {
    // ISO 8601
    {"iso date only", "2025-10-15", "2025-10-15T00:00:00Z"},
    {"iso with T and Z", "2025-10-15T08:30:00Z", "2025-10-15T08:30:00Z"},
    {"iso lower-case t and z", "2025-10-15t08:30:00z", "2025-10-15T08:30:00Z"},
    {"iso +hh:mm offset", "2025-10-15T08:30:00+03:00", "2025-10-15T05:30:00Z"},
    {"iso -hhmm offset", "2025-10-15T08:30:00-0500", "2025-10-15T13:30:00Z"},
    {"iso +hh offset", "2025-10-15T08:30:00+02", "2025-10-15T06:30:00Z"},
    {"iso fractional seconds", "2025-10-15T08:30:00.123456Z", "2025-10-15T08:30:00Z"},
    {"iso space before time, no zone is UTC", "2025-10-15 08:30:00", "2025-10-15T08:30:00Z"},
    {"iso without seconds", "2025-10-15T08:30", "2025-10-15T08:30:00Z"},
    {"iso offset crosses midnight", "2025-10-15T01:00:00+03:00", "2025-10-14T22:00:00Z"},
    {"iso 24:00 is the next midnight", "2025-10-15T24:00:00Z", "2025-10-16T00:00:00Z"},
    {"iso before the epoch", "1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
    {"surrounding whitespace is trimmed", "  2025-10-15 \n", "2025-10-15T00:00:00Z"},
    // RFC 822 / 1123 / 2822
    {"rfc 1123 GMT", "Wed, 15 Oct 2025 08:30:00 GMT", "2025-10-15T08:30:00Z"},
    {"rfc 2822 numeric zone", "Wed, 15 Oct 2025 08:30:00 +0200", "2025-10-15T06:30:00Z"},
    {"rfc 2822 zone comment", "Wed, 15 Oct 2025 08:30:00 +0000 (UTC)", "2025-10-15T08:30:00Z"},
    {"rfc without weekday, EST", "15 Oct 2025 08:30:00 EST", "2025-10-15T13:30:00Z"},
    {"rfc EDT", "Wed, 15 Oct 2025 08:30:00 EDT", "2025-10-15T12:30:00Z"},
    {"rfc PDT", "Wed, 15 Oct 2025 08:30:00 PDT", "2025-10-15T15:30:00Z"},
    {"rfc UT", "Wed, 15 Oct 2025 08:30:00 UT", "2025-10-15T08:30:00Z"},
    {"rfc BST", "15 Oct 2025 08:30 BST", "2025-10-15T07:30:00Z"},
    {"rfc CEST", "15 Oct 2025 08:30 CEST", "2025-10-15T06:30:00Z"},
    {"named zone with offset", "15 Oct 2025 08:30 GMT+2", "2025-10-15T06:30:00Z"},
    {"rfc 822 two-digit year", "Thu, 26 Feb 87 15:01:01 GMT", "1987-02-26T15:01:01Z"},
    // Written forms
    {"month day, year", "October 15, 2025", "2025-10-15T00:00:00Z"},
    {"abbreviated month", "Oct 15, 2025", "2025-10-15T00:00:00Z"},
    {"abbreviated month with dot", "Oct. 15, 2025", "2025-10-15T00:00:00Z"},
    {"Sept. abbreviation", "Sept. 3, 2024", "2024-09-03T00:00:00Z"},
    {"month day year without comma", "October 15 2025", "2025-10-15T00:00:00Z"},
    {"ordinal day", "March 3rd, 2025", "2025-03-03T00:00:00Z"},
    {"day month year", "15 October 2025", "2025-10-15T00:00:00Z"},
    {"day abbreviated month year", "15 Oct 2025", "2025-10-15T00:00:00Z"},
    {"weekday, month day, year", "Wednesday, October 15, 2025", "2025-10-15T00:00:00Z"},
    {"upper-case month", "OCTOBER 15, 2025", "2025-10-15T00:00:00Z"},
    {"lower-case weekday and month", "wednesday, october 15, 2025", "2025-10-15T00:00:00Z"},
    {"12-hour time with US zone", "October 15, 2025 10:30 AM EST", "2025-10-15T15:30:00Z"},
    {"12-hour pm time", "October 15, 2025 10:30 PM", "2025-10-15T22:30:00Z"},
    {"12 AM is midnight", "October 15, 2025 12:05 AM", "2025-10-15T00:05:00Z"},
    {"a.m. with dots", "Oct. 15, 2025, 9:15 a.m.", "2025-10-15T09:15:00Z"},
    {"day month year time GMT", "15 October 2025 14:05 GMT", "2025-10-15T14:05:00Z"},
    {"leap day", "February 29, 2024", "2024-02-29T00:00:00Z"},
    {"leap day in a 400-year", "2000-02-29", "2000-02-29T00:00:00Z"},
    // The ends of the range every stored date keeps (years 0001 to 9999 in UTC)
    {"last second of year 9999", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"},
    {"year 9999 pushed past the end by its zone is clamped", "9999-12-31T23:59:59-14:00", "9999-12-31T23:59:59Z"},
    {"24:00 on the last day is clamped", "9999-12-31T24:00:00Z", "9999-12-31T23:59:59Z"},
    {"year 1000 moved into year 999 by its zone", "1000-01-01T00:00:00+14:00", "0999-12-31T10:00:00Z"},
    {"a three-digit year written with four digits", "0999-12-31T10:00:00Z", "0999-12-31T10:00:00Z"},
    {"first second of year 0001", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"},
    {"year 0001 pushed before the start by its zone is clamped", "0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00Z"},
    // European languages: month names, their languages' forms, weekdays and times
    {"fr month", "8 septembre 2025", "2025-09-08T00:00:00Z"},
    {"fr 1er", "1er mars 2024", "2024-03-01T00:00:00Z"},
    {"fr weekday and time with h", "lundi 8 septembre 2025 à 14h30", "2025-09-08T14:30:00Z"},
    {"fr accented month, capitalised", "3 Février 2025", "2025-02-03T00:00:00Z"},
    {"fr month written without its accent", "3 fevrier 2025", "2025-02-03T00:00:00Z"},
    {"fr upper-case accented month", "15 AOÛT 2025", "2025-08-15T00:00:00Z"},
    {"fr abbreviated month with dot", "8 déc. 2025", "2025-12-08T00:00:00Z"},
    {"fr time as 14h", "8 juillet 2025 à 14h", "2025-07-08T14:00:00Z"},
    {"de day with dot", "8. September 2025", "2025-09-08T00:00:00Z"},
    {"de umlaut month", "3. März 2025", "2025-03-03T00:00:00Z"},
    {"de umlaut upper case", "3. MÄRZ 2025", "2025-03-03T00:00:00Z"},
    {"de umlaut written ae", "3. Maerz 2025", "2025-03-03T00:00:00Z"},
    {"de Austrian Jänner", "1. Jänner 2025", "2025-01-01T00:00:00Z"},
    {"de weekday, um and Uhr", "Montag, 8. September 2025 um 14:30 Uhr", "2025-09-08T14:30:00Z"},
    {"de abbreviated Okt.", "8. Okt. 2025", "2025-10-08T00:00:00Z"},
    {"es de ... de", "8 de septiembre de 2025", "2025-09-08T00:00:00Z"},
    {"es del year", "8 de septiembre del 2025", "2025-09-08T00:00:00Z"},
    {"es ordinal 1º", "1\xC2\xBA de marzo de 2024", "2024-03-01T00:00:00Z"},
    {"es weekday with accent", "miércoles, 10 de septiembre de 2025", "2025-09-10T00:00:00Z"},
    {"es mar is Tuesday before a day", "mar 9 sept 2025", "2025-09-09T00:00:00Z"},
    {"en Mar is still March before a day", "Mar 9, 2025", "2025-03-09T00:00:00Z"},
    {"es a las time", "8 de septiembre de 2025 a las 14:30", "2025-09-08T14:30:00Z"},
    {"it month", "8 settembre 2025", "2025-09-08T00:00:00Z"},
    {"it weekday with grave accent and alle", "lunedì 8 settembre 2025 alle 14:30", "2025-09-08T14:30:00Z"},
    {"pt RFC 822 of a feed", "Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40Z"},
    {"de RFC 822 of a feed", "Mi, 24 Okt 2018 19:42:40 +0200", "2018-10-24T17:42:40Z"},
    {"ru RFC 822 of a feed", "Пн, 24 сен 2018 19:42:40 +0300", "2018-09-24T16:42:40Z"},
    {"nl abbreviated weekday", "vr 26 okt 2018", "2018-10-26T00:00:00Z"},
    {"it upper-case", "1 GENNAIO 2025", "2025-01-01T00:00:00Z"},
    {"pt de ... de", "8 de setembro de 2025", "2025-09-08T00:00:00Z"},
    {"pt segunda-feira", "segunda-feira, 8 de setembro de 2025", "2025-09-08T00:00:00Z"},
    {"pt março with cedilla", "1\xC2\xBA de março de 2024", "2024-03-01T00:00:00Z"},
    {"pt às and h", "8 de setembro de 2025 às 14h30", "2025-09-08T14:30:00Z"},
    {"nl month", "8 september 2025", "2025-09-08T00:00:00Z"},
    {"nl maart", "3 maart 2025", "2025-03-03T00:00:00Z"},
    {"nl mei", "3 mei 2025", "2025-05-03T00:00:00Z"},
    {"nl mrt", "3 mrt 2025", "2025-03-03T00:00:00Z"},
    {"nl weekday and om", "maandag 8 september 2025 om 14:30", "2025-09-08T14:30:00Z"},
    {"ru genitive with г.", "8 сентября 2025 г.", "2025-09-08T00:00:00Z"},
    {"ru genitive", "8 сентября 2025", "2025-09-08T00:00:00Z"},
    {"ru upper case with года", "8 СЕНТЯБРЯ 2025 года", "2025-09-08T00:00:00Z"},
    {"ru weekday", "понедельник, 8 сентября 2025 г.", "2025-09-08T00:00:00Z"},
    {"ru мая", "1 мая 2025", "2025-05-01T00:00:00Z"},
    {"ru time after в", "8 сентября 2025 г. в 14:30", "2025-09-08T14:30:00Z"},
    {"ru nominative", "1 май 2025", "2025-05-01T00:00:00Z"},
    {"not a month in any language", "8 septembro 2025", nullptr},
    {"fr day 31 of a 30-day month", "31 septembre 2025", nullptr},
    {"a weekday alone", "lundi", nullptr},
    {"slashed day and month without a language", "8/9/2025", nullptr},
    // Reuters-21578
    {"reuters single-digit day", "9-MAR-1987 04:58:41.12", "1987-03-09T04:58:41Z"},
    {"reuters two-digit day", "26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01Z"},
    // Numeric forms
    {"slashed year first", "2025/10/15", "2025-10-15T00:00:00Z"},
    {"dotted day first", "15.10.2025", "2025-10-15T00:00:00Z"},
    {"epoch seconds, 10 digits", "1760488200", "2025-10-15T00:30:00Z"},
    {"epoch seconds, 9 digits", "999999999", "2001-09-09T01:46:39Z"},
    {"epoch milliseconds", "1760488200123", "2025-10-15T00:30:00Z"},
    // Not dates
    {"February 30 does not exist", "February 30, 2025", nullptr},
    {"February 29 in a common year", "February 29, 2025", nullptr},
    {"1900 is not a leap year", "1900-02-29", nullptr},
    {"month 13", "2025-13-01", nullptr},
    {"day 32", "32 Oct 2025", nullptr},
    {"a word", "yesterday", nullptr},
    {"empty", "", nullptr},
    {"whitespace only", "   ", nullptr},
    {"hour 25", "2025-10-15T25:00:00Z", nullptr},
    {"minute 60", "2025-10-15T10:60:00Z", nullptr},
    {"13 PM", "October 15, 2025 13:00 PM", nullptr},
    {"zone offset out of range", "2025-10-15T08:30:00+25:00", nullptr},
    {"single-digit iso month", "2025-1-5", nullptr},
    {"dotted month 13", "15.13.2025", nullptr},
    {"unknown month name", "Octember 15, 2025", nullptr},
    {"trailing text", "2025-10-15 and more", nullptr},
    {"date inside a byline", "By bna Cairo bureau October 15, 2025", nullptr},
    {"five digits is not an epoch", "12345", nullptr},
    {"month and year only", "October 2025", nullptr},
    {"year 0000 is not a date", "0000-06-01", nullptr},
    {"a five-digit year is not a date", "10000-01-01", nullptr},
};

struct FindCase {
  const char* name;
  const char* text;
  std::size_t offset;
  std::size_t length;
  const char* expected;  // nullptr: no date found
};

const FindCase kFindCases[] = {
    {"byline", "By bna Cairo bureau October 15, 2025", 20, 16, "2025-10-15T00:00:00Z"},
    {"byline with role", "By Jane Roe, Staff Reporter March 3, 2025", 28, 13, "2025-03-03T00:00:00Z"},
    {"published line with time", "Published: 3 March 2025, 10:00 GMT", 11, 23, "2025-03-03T10:00:00Z"},
    {"iso date in text", "Updated 2025-10-15T08:30:00Z by staff", 8, 20, "2025-10-15T08:30:00Z"},
    {"weekday is part of the span", "Posted Wednesday, October 15, 2025.", 7, 27, "2025-10-15T00:00:00Z"},
    {"a number after the year is not a time", "On 3 March 2025, 10 people attended", 3, 12, "2025-03-03T00:00:00Z"},
    {"invalid date is skipped", "From February 30, 2025 to March 1, 2025", 26, 13, "2025-03-01T00:00:00Z"},
    {"no date", "no date here", 0, 0, nullptr},
    {"dotted numbers are not found in text", "Version 1.2.2025 released", 0, 0, nullptr},
    {"date glued to a word", "x2025-10-15", 0, 0, nullptr},
    {"five-digit year", "Oct 15, 20256", 0, 0, nullptr},
    {"empty", "", 0, 0, nullptr},
    // European languages
    {"french byline with date", "Par Camille Dubois, 8 septembre 2025", 20, 16, "2025-09-08T00:00:00Z"},
    {"german byline with date", "Von Thomas Müller, 8. September 2025", 20, 17, "2025-09-08T00:00:00Z"},
    {"spanish byline with date", "Por Ana García, 8 de septiembre de 2025", 17, 23, "2025-09-08T00:00:00Z"},
    {"russian byline with date", "От Ивана Петрова, 8 сентября 2025 г.", 32, 27, "2025-09-08T00:00:00Z"},
    {"french weekday and time are part of the span", "Publié le lundi 8 septembre 2025 à 14h30.", 11, 31, "2025-09-08T14:30:00Z"},
    {"a number glued to a Cyrillic word starts no date", "Москва8 сентября 2025", 0, 0, nullptr},
    {"a date glued to an accented word is not found", "é8 septembre 2025", 0, 0, nullptr},
};

struct OrderCase {
  const char* name;
  const char* input;
  newsdex::DayOrder order;
  const char* expected;  // nullptr: not a date
};

using O = newsdex::DayOrder;
const OrderCase kOrderCases[] = {
    {"ambiguous, day first", "8/9/2025", O::day_first, "2025-09-08T00:00:00Z"},
    {"ambiguous, month first", "8/9/2025", O::month_first, "2025-08-09T00:00:00Z"},
    {"ambiguous, unknown order", "8/9/2025", O::unknown, nullptr},
    {"two-digit parts, day first", "08/09/2025", O::day_first, "2025-09-08T00:00:00Z"},
    {"only day first fits: read so in English too", "25/12/2025", O::month_first, "2025-12-25T00:00:00Z"},
    {"only day first fits, unknown order", "25/12/2025", O::unknown, "2025-12-25T00:00:00Z"},
    {"only month first fits: read so in French too", "12/25/2025", O::day_first, "2025-12-25T00:00:00Z"},
    {"day and month equal", "5/5/2025", O::unknown, "2025-05-05T00:00:00Z"},
    {"neither fits", "31/31/2025", O::day_first, nullptr},
    {"31 of a 30-day month, day first", "31/9/2025", O::day_first, nullptr},
    {"with a time", "8/9/2025 14:30", O::day_first, "2025-09-08T14:30:00Z"},
    {"dotted is day first whatever the order", "08.09.2025", O::month_first, "2025-09-08T00:00:00Z"},
    {"dotted is day first with unknown order", "08.09.2025", O::unknown, "2025-09-08T00:00:00Z"},
    {"year first is unaffected", "2025/09/08", O::month_first, "2025-09-08T00:00:00Z"},
};

// The ISO 8601 form of t, or "nullopt".
std::string show(const std::optional<newsdex::UnixTime>& t) {
  return t ? newsdex::format_iso8601(*t) : std::string("nullopt");
}

}  // namespace

TEST_CASE("parse_date accepts every supported form and rejects non-dates", "[dates]") {
  for (const ParseCase& c : kParseCases) {
    SECTION(c.name) {
      INFO("input: \"" << c.input << "\"");
      CHECK(show(newsdex::parse_date(c.input)) == (c.expected ? c.expected : "nullopt"));
    }
  }
}

TEST_CASE("the parse_date table has at least 40 named rows", "[dates]") {
  CHECK(sizeof kParseCases / sizeof kParseCases[0] >= 40);
}

TEST_CASE("find_date returns the first written date in free text and its span", "[dates]") {
  for (const FindCase& c : kFindCases) {
    SECTION(c.name) {
      INFO("text: \"" << c.text << "\"");
      const std::optional<newsdex::FoundDate> found = newsdex::find_date(c.text);
      if (c.expected == nullptr) {
        CHECK_FALSE(found.has_value());
      } else {
        REQUIRE(found.has_value());
        CHECK(newsdex::format_iso8601(found->time) == c.expected);
        CHECK(found->offset == c.offset);
        CHECK(found->length == c.length);
      }
    }
  }
}

TEST_CASE("a slashed numeric date is read in the order its language writes it - ambiguity without a language is no date", "[dates]") {
  for (const OrderCase& c : kOrderCases) {
    SECTION(c.name) {
      INFO("input: \"" << c.input << "\"");
      CHECK(show(newsdex::parse_date(c.input, {c.order})) == (c.expected ? c.expected : "nullopt"));
    }
  }
}

TEST_CASE("day_order_of: US English month first, the European languages day first, others unknown", "[dates]") {
  struct Row {
    const char* language;
    newsdex::DayOrder order;
  };
  const Row rows[] = {{"en", O::month_first}, {"fr", O::day_first}, {"de", O::day_first}, {"es", O::day_first},
                      {"it", O::day_first},   {"pt", O::day_first}, {"nl", O::day_first}, {"ru", O::day_first},
                      {"ja", O::unknown},     {"", O::unknown}};
  for (const Row& r : rows) {
    INFO("language: " << r.language);
    CHECK(newsdex::day_order_of(r.language) == r.order);
  }
}

TEST_CASE("find_date finds numeric dates only where the order is known", "[dates]") {
  const char* text = "Von Thomas M\xC3\xBCller, 08.09.2025";
  CHECK_FALSE(newsdex::find_date(text).has_value());
  const auto found = newsdex::find_date(text, {newsdex::DayOrder::day_first});
  REQUIRE(found.has_value());
  CHECK(newsdex::format_iso8601(found->time) == "2025-09-08T00:00:00Z");
  CHECK(found->offset == 20);
  CHECK(found->length == 10);
  const auto slashed = newsdex::find_date("Par Camille Dubois, 8/9/2025", {newsdex::DayOrder::day_first});
  REQUIRE(slashed.has_value());
  CHECK(newsdex::format_iso8601(slashed->time) == "2025-09-08T00:00:00Z");
}

TEST_CASE("find_date accepts a no-break space between date parts", "[dates]") {
  const auto found = newsdex::find_date("Published 15\xC2\xA0October 2025");
  REQUIRE(found.has_value());
  CHECK(newsdex::format_iso8601(found->time) == "2025-10-15T00:00:00Z");
  CHECK(found->offset == 10);
  CHECK(found->length == 16);
}

TEST_CASE("dates at both ends of years 0001..9999 keep four-digit years in every form they are stored in", "[dates]") {
  struct End {
    const char* name;
    newsdex::UnixTime time;
    const char* iso;
    const char* slot;   // date slot value: its string order is time order
    const char* year;   // --shard-by year
    const char* month;  // --shard-by month
  };
  const End ends[] = {
      {"the first second", newsdex::kMinUnixTime, "0001-01-01T00:00:00Z", "00010101000000", "shard-0001", "shard-0001-01"},
      {"year 999", *newsdex::parse_date("1000-01-01T00:00:00+14:00"), "0999-12-31T10:00:00Z", "09991231100000",
       "shard-0999", "shard-0999-12"},
      {"the last second", newsdex::kMaxUnixTime, "9999-12-31T23:59:59Z", "99991231235959", "shard-9999", "shard-9999-12"},
  };
  const auto year = newsdex::ShardPolicy::parse("year");
  const auto month = newsdex::ShardPolicy::parse("month");
  REQUIRE(year);
  REQUIRE(month);
  for (const End& e : ends) {
    SECTION(e.name) {
      CHECK(newsdex::format_iso8601(e.time) == e.iso);
      CHECK(newsdex::parse_date(e.iso) == e.time);  // stored articles are read back with parse_date
      CHECK(newsdex::date_slot_value(e.time) == e.slot);
      CHECK(newsdex::shard_name_for(*year, "id", e.time, "") == e.year);
      CHECK(newsdex::shard_name_for(*month, "id", e.time, "") == e.month);
    }
  }
}
