#include "newsdex/dates.h"

#include "newsdex/text.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <unordered_map>

#include <utf8proc.h>

namespace newsdex {

namespace {

// ---------------------------------------------------------------- calendar

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(std::int64_t y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of the proleptic Gregorian date y-m-d (H. Hinnant's
// days_from_civil). REQUIRES: 1 <= m <= 12, 1 <= d <= days_in_month(y, m).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (m + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// A date and time as written, before validation and zone conversion.
struct Fields {
  std::int64_t year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset_minutes = 0;  // east of UTC
};

// The UTC time of `f`, or nullopt when it is not a valid date. A date
// written in years 0001..9999 whose zone takes it outside
// kMinUnixTime..kMaxUnixTime ("9999-12-31T23:59:59-14:00") is clamped to
// that end: it moves by less than a day, and every stored date keeps a
// four-digit year.
std::optional<UnixTime> to_unix(const Fields& f) {
  if (f.year < 1 || f.year > 9999) return std::nullopt;
  if (f.month < 1 || f.month > 12) return std::nullopt;
  if (f.day < 1 || f.day > days_in_month(f.year, f.month)) return std::nullopt;
  if (f.hour < 0 || f.hour > 24 || f.minute < 0 || f.minute > 59 || f.second < 0 || f.second > 60)
    return std::nullopt;
  if (f.hour == 24 && (f.minute != 0 || f.second != 0)) return std::nullopt;
  const std::int64_t days = days_from_civil(f.year, f.month, f.day);
  const UnixTime t = days * 86400 + f.hour * 3600 + f.minute * 60 + f.second -
                     static_cast<std::int64_t>(f.offset_minutes) * 60;
  return t < kMinUnixTime ? kMinUnixTime : t > kMaxUnixTime ? kMaxUnixTime : t;
}

// ---------------------------------------------------------------- names

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Byte length of the letter or combining mark (Unicode L* or M*) that
// starts at s[i], or 0: ASCII letters, "é", "ä", Cyrillic, "º".
std::size_t letter_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ? 1 : 0;
  utf8proc_int32_t cp = -1;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) return 0;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
      return static_cast<std::size_t>(n);
    default:
      return 0;
  }
}

// True when a digit or letter starts at s[i] (word_at), or ends at
// s[0..i) (word_before).
bool word_at(std::string_view s, std::size_t i) {
  return i < s.size() && (is_digit(s[i]) || letter_at(s, i) > 0);
}
bool word_before(std::string_view s, std::size_t i) {
  if (i == 0) return false;
  std::size_t j = i - 1;
  while (j > 0 && i - j < 4 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  return word_at(s, j);
}

// `w` case-folded with its accents removed ("Février" -> "fevrier",
// "MÄRZ" -> "marz", "Сентября" -> "сентября"), the form every name below
// is compared in.
std::string fold(std::string_view w) {
  bool ascii = true;
  for (char ch : w) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  if (ascii) return ascii_lower(w);
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(w.data()),
                              static_cast<utf8proc_ssize_t>(w.size()), &out,
                              static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                             UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK));
  std::string folded = n >= 0 ? std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n))
                              : ascii_lower(w);
  std::free(out);
  return folded;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

// A word of a table below, as written; looked up folded, so "fevrier",
// "FÉVRIER" and "février" are one name.
struct Named {
  std::string_view name;
  int value;
};

// Month names and their abbreviations in English, French, German,
// Spanish, Italian, Portuguese, Dutch and Russian (nominative and the
// genitive a Russian date uses: "8 сентября"). No word here names two
// different months in two languages, so a date's month never depends on
// its language.
constexpr Named kMonthNames[] = {
    // English
    {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
    {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7}, {"jul", 7},
    {"august", 8}, {"aug", 8}, {"september", 9}, {"sept", 9}, {"sep", 9}, {"october", 10},
    {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
    // French
    {"janvier", 1}, {"janv", 1}, {"février", 2}, {"févr", 2}, {"fév", 2}, {"mars", 3},
    {"avril", 4}, {"avr", 4}, {"mai", 5}, {"juin", 6}, {"juillet", 7}, {"juil", 7},
    {"août", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"décembre", 12},
    {"déc", 12},
    // German (and Austrian "Jänner")
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"mrz", 3},
    {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"okt", 10}, {"dezember", 12}, {"dez", 12},
    // Spanish
    {"enero", 1}, {"ene", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"abr", 4},
    {"mayo", 5}, {"junio", 6}, {"julio", 7}, {"agosto", 8}, {"ago", 8}, {"septiembre", 9},
    {"setiembre", 9}, {"set", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
    {"dic", 12},
    // Italian
    {"gennaio", 1}, {"gen", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"mag", 5},
    {"giugno", 6}, {"giu", 6}, {"luglio", 7}, {"lug", 7}, {"settembre", 9}, {"ottobre", 10},
    {"ott", 10}, {"novembre", 11}, {"dicembre", 12},
    // Portuguese
    {"janeiro", 1}, {"fevereiro", 2}, {"fev", 2}, {"março", 3}, {"maio", 5}, {"junho", 6},
    {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"out", 10}, {"novembro", 11},
    {"dezembro", 12},
    // Dutch
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mrt", 3}, {"mei", 5}, {"augustus", 8},
    // Russian: genitive, nominative, abbreviations
    {"января", 1}, {"февраля", 2}, {"марта", 3}, {"апреля", 4}, {"мая", 5}, {"июня", 6},
    {"июля", 7}, {"августа", 8}, {"сентября", 9}, {"октября", 10}, {"ноября", 11},
    {"декабря", 12}, {"январь", 1}, {"февраль", 2}, {"март", 3}, {"апрель", 4}, {"май", 5},
    {"июнь", 6}, {"июль", 7}, {"август", 8}, {"сентябрь", 9}, {"октябрь", 10},
    {"ноябрь", 11}, {"декабрь", 12}, {"янв", 1}, {"фев", 2}, {"февр", 2}, {"мар", 3},
    {"апр", 4}, {"июн", 6}, {"июл", 7}, {"авг", 8}, {"сен", 9}, {"сент", 9}, {"окт", 10},
    {"ноя", 11}, {"нояб", 11}, {"дек", 12},
};

// Weekday names and abbreviations in the same languages (value unused: a
// weekday is skipped, never checked against the date). Portuguese
// "segunda-feira" is its first word and "-feira" (try_weekday).
constexpr Named kWeekdayNames[] = {
    {"monday", 1}, {"mon", 1}, {"tuesday", 2}, {"tue", 2}, {"tues", 2}, {"wednesday", 3},
    {"wed", 3}, {"thursday", 4}, {"thu", 4}, {"thur", 4}, {"thurs", 4}, {"friday", 5},
    {"fri", 5}, {"saturday", 6}, {"sat", 6}, {"sunday", 7}, {"sun", 7},
    {"lundi", 1}, {"lun", 1}, {"mardi", 2}, {"mercredi", 3}, {"mer", 3}, {"jeudi", 4},
    {"jeu", 4}, {"vendredi", 5}, {"ven", 5}, {"samedi", 6}, {"sam", 6}, {"dimanche", 7},
    {"dim", 7},
    {"montag", 1}, {"dienstag", 2}, {"mittwoch", 3}, {"donnerstag", 4}, {"freitag", 5},
    {"samstag", 6}, {"sonnabend", 6}, {"sonntag", 7},
    {"lunes", 1}, {"lun", 1}, {"martes", 2}, {"mar", 2}, {"mié", 3}, {"jue", 4}, {"vie", 5},
    {"sáb", 6}, {"miércoles", 3}, {"jueves", 4}, {"viernes", 5},
    {"sábado", 6}, {"domingo", 7},
    {"lunedì", 1}, {"martedì", 2}, {"mercoledì", 3}, {"giovedì", 4}, {"venerdì", 5},
    {"sabato", 6}, {"domenica", 7},
    {"segunda", 1}, {"terça", 2}, {"quarta", 3}, {"quinta", 4}, {"sexta", 5},
    {"maandag", 1}, {"dinsdag", 2}, {"woensdag", 3}, {"donderdag", 4}, {"vrijdag", 5},
    {"zaterdag", 6}, {"zondag", 7},
    {"понедельник", 1}, {"вторник", 2}, {"среда", 3}, {"четверг", 4}, {"пятница", 5},
    {"суббота", 6}, {"воскресенье", 7},
    // Abbreviations in RFC 822 style dates of feeds in these languages
    // ("Seg, 24 Set 2018 19:42:40 -0300", "Mi, 24 Okt 2018", "Пн, 24 сен").
    {"mo", 1}, {"di", 2}, {"mi", 3}, {"do", 4}, {"fr", 5}, {"sa", 6}, {"so", 7},
    {"seg", 1}, {"ter", 2}, {"qua", 3}, {"qui", 4}, {"sex", 5}, {"sáb", 6}, {"dom", 7},
    {"gio", 4}, {"sab", 6}, {"mie", 3},
    {"ma", 1}, {"wo", 3}, {"vr", 5}, {"za", 6}, {"zo", 7},
    {"пн", 1}, {"вт", 2}, {"ср", 3}, {"чт", 4}, {"пт", 5}, {"сб", 6}, {"вс", 7},
};

// `table` keyed by its folded names, built once.
template <std::size_t N>
std::unordered_map<std::string, int> folded(const Named (&table)[N]) {
  std::unordered_map<std::string, int> map;
  for (const Named& n : table) map.emplace(fold(n.name), n.value);
  return map;
}

// The value a folded word names in `map`, or 0.
int lookup(const std::unordered_map<std::string, int>& map, std::string_view w) {
  if (w.size() > 32) return 0;
  const auto it = map.find(fold(w));
  return it == map.end() ? 0 : it->second;
}

// 1..12, or 0 when `w` is not a month name or abbreviation above.
int month_from_name(std::string_view w) {
  static const auto map = folded(kMonthNames);
  return lookup(map, w);
}

bool is_weekday_name(std::string_view w) {
  static const auto map = folded(kWeekdayNames);
  return lookup(map, w) != 0;
}

// Words a date's parts may be joined with or followed by: "8 de septiembre
// de 2025" (es, pt), "2025 del" (es), "à 14h30" (fr), "um 14:30 Uhr" (de),
// "alle 14:30" and "ore 14" (it), "às" (pt), "om" (nl), "в" (ru), "at".
bool is_date_word(std::string_view w, std::initializer_list<std::string_view> words) {
  const std::string f = fold(w);
  for (std::string_view x : words)
    if (f == x) return true;
  return false;
}

// Offset east of UTC in minutes for a zone abbreviation, or nullopt.
std::optional<int> zone_from_name(std::string_view w) {
  struct Zone { std::string_view name; int minutes; };
  static constexpr Zone kZones[] = {
      {"gmt", 0},       {"utc", 0},       {"ut", 0},        {"z", 0},
      {"est", -5 * 60}, {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60},
      {"mst", -7 * 60}, {"mdt", -6 * 60}, {"pst", -8 * 60}, {"pdt", -7 * 60},
      {"bst", 60},      {"cet", 60},      {"cest", 120}};
  for (const Zone& z : kZones)
    if (iequals(w, z.name)) return z.minutes;
  return std::nullopt;
}

// ---------------------------------------------------------------- scanner

// A position in the text being parsed. Every try_* function either advances
// `pos` past what it matched and returns true, or leaves `pos` unchanged and
// returns false.
class Cursor {
 public:
  explicit Cursor(std::string_view s, std::size_t pos = 0) : s_(s), pos_(pos) {}

  std::size_t pos() const { return pos_; }
  void reset(std::size_t p) { pos_ = p; }
  bool at_end() const { return pos_ >= s_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }

  // Skips spaces, tabs and UTF-8 no-break spaces; returns how many bytes.
  std::size_t skip_space() {
    const std::size_t start = pos_;
    for (;;) {
      if (peek() == ' ' || peek() == '\t') {
        ++pos_;
      } else if (peek() == '\xC2' && peek(1) == '\xA0') {
        pos_ += 2;
      } else {
        break;
      }
    }
    return pos_ - start;
  }

  bool try_char(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }

  // A maximal run of min_len..max_len digits.
  bool try_number(std::size_t min_len, std::size_t max_len, std::int64_t& value) {
    std::size_t end = pos_;
    while (end < s_.size() && is_digit(s_[end])) ++end;
    const std::size_t len = end - pos_;
    if (len < min_len || len > max_len) return false;
    std::int64_t v = 0;
    for (std::size_t i = pos_; i < end; ++i) v = v * 10 + (s_[i] - '0');
    value = v;
    pos_ = end;
    return true;
  }

  bool try_number(std::size_t min_len, std::size_t max_len, int& value) {
    std::int64_t v = 0;
    if (!try_number(min_len, max_len, v)) return false;
    value = static_cast<int>(v);
    return true;
  }

  // A maximal run of letters (letter_at); does not advance when empty.
  bool try_word(std::string_view& word) {
    std::size_t end = pos_;
    while (std::size_t n = letter_at(s_, end)) end += n;
    if (end == pos_) return false;
    word = s_.substr(pos_, end - pos_);
    pos_ = end;
    return true;
  }

 private:
  std::string_view s_;
  std::size_t pos_;
};

// Runs `f` on c; restores c's position when it returns false.
template <typename F>
bool attempt(Cursor& c, F f) {
  const std::size_t saved = c.pos();
  if (f()) return true;
  c.reset(saved);
  return false;
}

// "+hh:mm", "+hhmm", "+hh" (or "-"), and "+h" when `after_name` ("GMT+2");
// sets minutes east of UTC.
bool try_numeric_zone(Cursor& c, int& offset, bool after_name = false) {
  return attempt(c, [&] {
    const char sign = c.peek();
    if (sign != '+' && sign != '-') return false;
    c.try_char(sign);
    int hh = 0;
    int mm = 0;
    std::int64_t v = 0;
    if (c.try_number(4, 4, v)) {
      hh = static_cast<int>(v / 100);
      mm = static_cast<int>(v % 100);
    } else if (c.try_number(after_name ? 1 : 2, 2, hh)) {
      attempt(c, [&] { return c.try_char(':') && c.try_number(2, 2, mm); });
    } else {
      return false;
    }
    if (hh > 23 || mm > 59) return false;
    offset = (sign == '-' ? -1 : 1) * (hh * 60 + mm);
    return true;
  });
}

// A zone name ("GMT", "EST", "Z"), optionally followed by a numeric offset
// ("GMT+02:00"), or a numeric zone, optionally followed by a parenthesised
// comment ("+0000 (UTC)").
bool try_zone(Cursor& c, int& offset) {
  return attempt(c, [&] {
    std::string_view w;
    if (c.try_word(w)) {
      const auto z = zone_from_name(w);
      if (!z) return false;
      offset = *z;
      int extra = 0;
      if (!iequals(w, "z") && try_numeric_zone(c, extra, true)) offset += extra;
      return true;
    }
    if (!try_numeric_zone(c, offset)) return false;
    attempt(c, [&] {
      c.skip_space();
      std::string_view name;
      return c.try_char('(') && c.try_word(name) && zone_from_name(name) && c.try_char(')');
    });
    return true;
  });
}

// "am", "pm", "a.m.", "p.m." (any case). Sets pm.
bool try_meridiem(Cursor& c, bool& pm) {
  return attempt(c, [&] {
    std::string_view w;
    if (!c.try_word(w)) return false;
    if (iequals(w, "am") || iequals(w, "pm")) {
      pm = ascii_lower(w[0]) == 'p';
      return true;
    }
    if ((iequals(w, "a") || iequals(w, "p")) && c.try_char('.')) {
      std::string_view m;
      if (c.try_word(m) && iequals(m, "m")) {
        c.try_char('.');
        pm = ascii_lower(w[0]) == 'p';
        return true;
      }
    }
    return false;
  });
}

// "hh:mm[:ss[.fff]]" with optional am/pm and zone, or "h am/pm" with
// optional zone. Fills the time and offset of f.
bool try_time(Cursor& c, Fields& f) {
  return attempt(c, [&] {
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!c.try_number(1, 2, hour)) return false;
    const bool has_minutes = attempt(c, [&] { return c.try_char(':') && c.try_number(2, 2, minute); });
    // "14h30", "14h" (French, Portuguese).
    const bool has_h = !has_minutes && attempt(c, [&] {
      if (!c.try_char('h') && !c.try_char('H')) return false;
      if (c.try_number(2, 2, minute)) return true;
      const auto next = static_cast<unsigned char>(c.peek());
      return !is_digit(c.peek()) && next < 0x80 && !((next | 0x20) >= 'a' && (next | 0x20) <= 'z');
    });
    if (has_minutes) {
      attempt(c, [&] {
        if (!c.try_char(':') || !c.try_number(2, 2, second)) return false;
        attempt(c, [&] {
          std::int64_t frac = 0;
          return (c.try_char('.') || c.try_char(',')) && c.try_number(1, 9, frac);
        });
        return true;
      });
    }
    bool pm = false;
    const bool has_meridiem = attempt(c, [&] {
      c.skip_space();
      return try_meridiem(c, pm);
    });
    if (!has_minutes && !has_meridiem && !has_h) return false;
    if (has_minutes) {
      attempt(c, [&] {  // "14:30 Uhr" (German)
        std::string_view w;
        return c.skip_space() > 0 && c.try_word(w) && iequals(w, "uhr");
      });
    }
    if (has_meridiem) {
      if (hour < 1 || hour > 12) return false;
      hour = hour % 12 + (pm ? 12 : 0);
    }
    int offset = 0;
    attempt(c, [&] {
      c.skip_space();
      return try_zone(c, offset);
    });
    f.hour = hour;
    f.minute = minute;
    f.second = second;
    f.offset_minutes = offset;
    return true;
  });
}

// A time after a textual or ISO date: separated by space, ", ", " - ",
// "T" (ISO only), or a word such as " at ", " à ", " um ", " a las "
// (kTimeWords).
bool try_trailing_time(Cursor& c, Fields& f, bool iso) {
  return attempt(c, [&] {
    if (iso && (c.try_char('T') || c.try_char('t'))) return try_time(c, f);
    const bool comma = c.try_char(',');
    if (c.skip_space() == 0 && !comma) return false;
    for (int words = 0; words < 2; ++words) {
      const bool joined = attempt(c, [&] {
        std::string_view w;
        return c.try_word(w) &&
               is_date_word(w, {"at", "a", "las", "um", "alle", "ore", "as", "om", "\xD0\xB2"}) &&
               c.skip_space() > 0;
      });
      if (!joined) break;
    }
    attempt(c, [&] { return c.try_char('-') && c.skip_space() > 0; });
    return try_time(c, f);
  });
}

// yyyy-mm-dd, then optionally T/space and a time with zone ("Z", "+03:00").
bool try_iso(Cursor& c, Fields& f) {
  return attempt(c, [&] {
    if (!c.try_number(4, 4, f.year) || !c.try_char('-') || !c.try_number(2, 2, f.month) ||
        !c.try_char('-') || !c.try_number(2, 2, f.day))
      return false;
    try_trailing_time(c, f, true);
    return true;
  });
}

bool try_year(Cursor& c, Fields& f, bool allow_short_year) {
  if (c.try_number(4, 4, f.year)) return true;
  if (allow_short_year && c.try_number(2, 2, f.year)) {
    f.year += f.year < 50 ? 2000 : 1900;
    return true;
  }
  return false;
}

// A day of the month with an optional ordinal suffix ("3rd", French
// "1er", Spanish and Portuguese "1º").
bool try_day(Cursor& c, Fields& f) {
  if (!c.try_number(1, 2, f.day)) return false;
  attempt(c, [&] {
    std::string_view w;
    return c.try_word(w) && (iequals(w, "st") || iequals(w, "nd") || iequals(w, "rd") || iequals(w, "th") ||
                             iequals(w, "er") || w == "\xC2\xBA" || w == "o");
  });
  return true;
}

bool try_month_name(Cursor& c, Fields& f) {
  return attempt(c, [&] {
    std::string_view w;
    if (!c.try_word(w)) return false;
    f.month = month_from_name(w);
    return f.month != 0;
  });
}

// " de " / " del " between a Spanish or Portuguese date's parts; true
// when there was space (and maybe the word) to skip.
bool try_joining_space(Cursor& c) {
  if (c.skip_space() == 0) return false;
  attempt(c, [&] {
    std::string_view w;
    return c.try_word(w) && (iequals(w, "de") || iequals(w, "del")) && c.skip_space() > 0;
  });
  return true;
}

// Month-first: "October 15, 2025", "Oct. 15 2025", "Sept. 3rd, 2024".
bool try_month_first(Cursor& c, Fields& f, bool allow_short_year) {
  return attempt(c, [&] {
    if (!try_month_name(c, f)) return false;
    c.try_char('.');
    if (c.skip_space() == 0) return false;
    if (!try_day(c, f)) return false;
    c.try_char(',');
    if (c.skip_space() == 0) return false;
    return try_year(c, f, allow_short_year);
  });
}

// Russian "г." / "г" / "года" after a year ("8 сентября 2025 г.").
void skip_year_word(Cursor& c) {
  attempt(c, [&] {
    std::string_view w;
    if (c.skip_space() == 0 || !c.try_word(w)) return false;
    if (w == "\xD0\xB3") {  // г
      c.try_char('.');
      return true;
    }
    return fold(w) == "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0";  // года
  });
}

// Day-first: "15 October 2025", "15 Oct. 2025", "1er mars 2024",
// "8. September 2025", "8 de septiembre de 2025", "8 сентября 2025 г.",
// and the Reuters-21578 "9-MAR-1987".
bool try_day_first(Cursor& c, Fields& f, bool allow_short_year) {
  return attempt(c, [&] {
    if (!try_day(c, f)) return false;
    if (c.try_char('-')) {
      return try_month_name(c, f) && c.try_char('-') && try_year(c, f, allow_short_year);
    }
    c.try_char('.');
    if (!try_joining_space(c) || !try_month_name(c, f)) return false;
    c.try_char('.');
    c.try_char(',');
    if (!try_joining_space(c)) return false;
    if (!try_year(c, f, allow_short_year)) return false;
    skip_year_word(c);
    return true;
  });
}

// A weekday name with what may follow it: "Wed,", "lundi", "Montag,",
// "segunda-feira,".
bool try_weekday(Cursor& c) {
  return attempt(c, [&] {
    std::string_view w;
    if (!c.try_word(w) || !is_weekday_name(w)) return false;
    attempt(c, [&] {
      std::string_view feira;
      return c.try_char('-') && c.try_word(feira) && iequals(feira, "feira");
    });
    c.try_char('.');
    c.try_char(',');
    return c.skip_space() > 0;
  });
}

// [weekday[,]] (month-first | day-first) [time [am/pm] [zone]]. A word
// that is both a weekday and a month ("mar", Spanish Tuesday and March) is
// tried as each.
bool try_textual(Cursor& c, Fields& f, bool allow_short_year) {
  const auto date = [&] {
    return try_month_first(c, f, allow_short_year) || try_day_first(c, f, allow_short_year);
  };
  const bool matched = attempt(c, [&] { return try_weekday(c) && date(); }) || attempt(c, date);
  if (matched) try_trailing_time(c, f, false);
  return matched;
}

// d/m/yyyy or m/d/yyyy [time]: the order `order` says where both
// readings are dates; where only one is ("25/12/2025", "12/25/2025") that
// one, whatever the order; with DayOrder::unknown, only such a date.
bool try_numeric_slashed(Cursor& c, Fields& f, DayOrder order) {
  return attempt(c, [&] {
    int a = 0;
    int b = 0;
    if (!c.try_number(1, 2, a) || !c.try_char('/') || !c.try_number(1, 2, b) || !c.try_char('/') ||
        !c.try_number(4, 4, f.year))
      return false;
    const bool day_first_fits = b >= 1 && b <= 12 && a >= 1 && a <= days_in_month(f.year, b);
    const bool month_first_fits = a >= 1 && a <= 12 && b >= 1 && b <= days_in_month(f.year, a);
    bool day_first = false;
    if (day_first_fits && month_first_fits) {
      if (a == b) {
        day_first = true;
      } else if (order == DayOrder::unknown) {
        return false;
      } else {
        day_first = order == DayOrder::day_first;
      }
    } else if (day_first_fits || month_first_fits) {
      day_first = day_first_fits;
    } else {
      return false;
    }
    f.day = day_first ? a : b;
    f.month = day_first ? b : a;
    try_trailing_time(c, f, false);
    return true;
  });
}

// yyyy/mm/dd [time].
bool try_slashed(Cursor& c, Fields& f) {
  return attempt(c, [&] {
    if (!c.try_number(4, 4, f.year) || !c.try_char('/') || !c.try_number(1, 2, f.month) ||
        !c.try_char('/') || !c.try_number(1, 2, f.day))
      return false;
    try_trailing_time(c, f, false);
    return true;
  });
}

// dd.mm.yyyy [time].
bool try_dotted(Cursor& c, Fields& f) {
  return attempt(c, [&] {
    if (!c.try_number(1, 2, f.day) || !c.try_char('.') || !c.try_number(1, 2, f.month) ||
        !c.try_char('.') || !c.try_number(4, 4, f.year))
      return false;
    try_trailing_time(c, f, false);
    return true;
  });
}

std::optional<UnixTime> parse_epoch(std::string_view s) {
  if (s.size() != 9 && s.size() != 10 && s.size() != 13) return std::nullopt;
  std::int64_t v = 0;
  for (char ch : s) {
    if (!is_digit(ch)) return std::nullopt;
    v = v * 10 + (ch - '0');
  }
  return s.size() == 13 ? v / 1000 : v;
}

}  // namespace

DayOrder day_order_of(std::string_view language) {
  if (language == "en") return DayOrder::month_first;
  static constexpr std::string_view kDayFirst[] = {"fr", "de", "es", "it", "pt", "nl", "ru"};
  for (std::string_view l : kDayFirst)
    if (language == l) return DayOrder::day_first;
  return DayOrder::unknown;
}

std::optional<UnixTime> parse_date(std::string_view text, const DateOptions& options) {
  const std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;
  if (is_digit(s.front())) {
    if (auto epoch = parse_epoch(s)) return epoch;
  }
  for (int form = 0; form < 5; ++form) {
    Cursor c(s);
    Fields f;
    bool matched = false;
    switch (form) {
      case 0: matched = try_iso(c, f); break;
      case 1: matched = try_textual(c, f, true); break;
      case 2: matched = try_slashed(c, f); break;
      case 3: matched = try_dotted(c, f); break;
      default: matched = try_numeric_slashed(c, f, options.order); break;
    }
    if (matched && c.at_end()) {
      if (auto t = to_unix(f)) return t;
    }
  }
  return std::nullopt;
}

std::optional<FoundDate> find_date(std::string_view text, const DateOptions& options) {
  // The numeric forms only where the text's order is known: "1.2.2025" in
  // "Version 1.2.2025" is no date.
  const int forms = options.order == DayOrder::unknown ? 2 : 4;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!word_at(text, i) || word_before(text, i)) continue;
    for (int form = 0; form < forms; ++form) {
      Cursor c(text, i);
      Fields f;
      bool matched = false;
      switch (form) {
        case 0: matched = try_textual(c, f, false); break;
        case 1: matched = try_iso(c, f); break;
        case 2: matched = try_dotted(c, f); break;
        default: matched = try_numeric_slashed(c, f, options.order); break;
      }
      if (!matched) continue;
      if (word_at(text, c.pos())) continue;
      if (auto t = to_unix(f)) return FoundDate{*t, i, c.pos() - i};
    }
  }
  return std::nullopt;
}

}  // namespace newsdex
