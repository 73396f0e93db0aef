#include "newsdex/dates.h"

#include "newsdex/text.h"

#include <cstddef>
#include <cstdint>

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
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

// 1..12, or 0 when `w` is not an English month name or abbreviation.
int month_from_name(std::string_view w) {
  struct Name { std::string_view name; int month; };
  static constexpr Name kMonths[] = {
      {"january", 1}, {"jan", 1},  {"february", 2}, {"feb", 2},  {"march", 3},
      {"mar", 3},     {"april", 4}, {"apr", 4},     {"may", 5},  {"june", 6},
      {"jun", 6},     {"july", 7},  {"jul", 7},     {"august", 8}, {"aug", 8},
      {"september", 9}, {"sept", 9}, {"sep", 9},    {"october", 10}, {"oct", 10},
      {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12}};
  for (const Name& n : kMonths)
    if (iequals(w, n.name)) return n.month;
  return 0;
}

bool is_weekday_name(std::string_view w) {
  static constexpr std::string_view kDays[] = {
      "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu",
      "thur", "thurs", "friday", "fri", "saturday", "sat", "sunday", "sun"};
  for (std::string_view d : kDays)
    if (iequals(w, d)) return true;
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

  // A maximal run of ASCII letters; does not advance on failure or when empty.
  bool try_word(std::string_view& word) {
    std::size_t end = pos_;
    while (end < s_.size() && is_alpha(s_[end])) ++end;
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
    if (!has_minutes && !has_meridiem) return false;
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

// A time after a textual or ISO date: separated by space, ", ", " at ",
// " - " or "T" (ISO only).
bool try_trailing_time(Cursor& c, Fields& f, bool iso) {
  return attempt(c, [&] {
    if (iso && (c.try_char('T') || c.try_char('t'))) return try_time(c, f);
    const bool comma = c.try_char(',');
    if (c.skip_space() == 0 && !comma) return false;
    attempt(c, [&] {
      std::string_view w;
      if (c.try_word(w) && iequals(w, "at")) return c.skip_space() > 0;
      return false;
    });
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

// A day of the month with an optional ordinal suffix ("3rd").
bool try_day(Cursor& c, Fields& f) {
  if (!c.try_number(1, 2, f.day)) return false;
  attempt(c, [&] {
    std::string_view w;
    return c.try_word(w) &&
           (iequals(w, "st") || iequals(w, "nd") || iequals(w, "rd") || iequals(w, "th"));
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

// Day-first: "15 October 2025", "15 Oct. 2025", and the Reuters-21578
// "9-MAR-1987".
bool try_day_first(Cursor& c, Fields& f, bool allow_short_year) {
  return attempt(c, [&] {
    if (!try_day(c, f)) return false;
    if (c.try_char('-')) {
      return try_month_name(c, f) && c.try_char('-') && try_year(c, f, allow_short_year);
    }
    if (c.skip_space() == 0 || !try_month_name(c, f)) return false;
    c.try_char('.');
    c.try_char(',');
    if (c.skip_space() == 0) return false;
    return try_year(c, f, allow_short_year);
  });
}

// [weekday[,]] (month-first | day-first) [time [am/pm] [zone]].
bool try_textual(Cursor& c, Fields& f, bool allow_short_year) {
  return attempt(c, [&] {
    attempt(c, [&] {
      std::string_view w;
      if (!c.try_word(w) || !is_weekday_name(w)) return false;
      c.try_char('.');
      c.try_char(',');
      return c.skip_space() > 0;
    });
    if (!try_month_first(c, f, allow_short_year) && !try_day_first(c, f, allow_short_year))
      return false;
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

std::optional<UnixTime> parse_date(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;
  if (is_digit(s.front())) {
    if (auto epoch = parse_epoch(s)) return epoch;
  }
  using Form = bool (*)(Cursor&, Fields&);
  static constexpr Form kForms[] = {
      [](Cursor& c, Fields& f) { return try_iso(c, f); },
      [](Cursor& c, Fields& f) { return try_textual(c, f, true); },
      [](Cursor& c, Fields& f) { return try_slashed(c, f); },
      [](Cursor& c, Fields& f) { return try_dotted(c, f); },
  };
  for (Form form : kForms) {
    Cursor c(s);
    Fields f;
    if (form(c, f) && c.at_end()) {
      if (auto t = to_unix(f)) return t;
    }
  }
  return std::nullopt;
}

std::optional<FoundDate> find_date(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_alnum(text[i]) || (i > 0 && is_alnum(text[i - 1]))) continue;
    for (int form = 0; form < 2; ++form) {
      Cursor c(text, i);
      Fields f;
      const bool matched = form == 0 ? try_textual(c, f, false) : try_iso(c, f);
      if (!matched) continue;
      if (!c.at_end() && is_alnum(c.peek())) continue;
      if (auto t = to_unix(f)) return FoundDate{*t, i, c.pos() - i};
    }
  }
  return std::nullopt;
}

}  // namespace newsdex
