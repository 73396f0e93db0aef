// Matching articles per period of time ("attention over time"): counted
// exactly over every match from the date value slot (schema::kDateSlot).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdex {

// The periods a histogram counts by. Weeks are ISO 8601 weeks (Monday to
// Sunday, named by their ISO year: "2025-W01" may begin in December 2024).
enum class Interval { year, month, week, day };

// "year", "month", "week", "day", or nullopt for any other name.
std::optional<Interval> interval_named(std::string_view name);
std::string_view name_of(Interval interval);

struct HistogramBucket {
  std::string period;          // "1987", "1987-03", "1987-W10", "1987-03-05"
  Xapian::doccount count = 0;  // matching articles dated in it
};

struct Histogram {
  Interval interval = Interval::month;
  // Oldest first. Every period from the first to the last dated match is
  // there, empty ones with count 0, unless that span has more than
  // kMaxFilledPeriods periods (gaps_filled false: only non-empty periods).
  std::vector<HistogramBucket> buckets;
  bool gaps_filled = true;
  Xapian::doccount undated = 0;  // matches without a date
  Xapian::doccount total = 0;    // every match counted: the buckets' sum + undated
};

inline constexpr std::size_t kMaxFilledPeriods = 100000;

// Documents counted by day.
struct DayCounts {
  std::map<std::uint32_t, Xapian::doccount> days;
  Xapian::doccount documents = 0;  // every match, dated or not
  Xapian::doccount undated() const;
};

// YYYYMMDD of a date slot value ("YYYYMMDDhhmmss", schema::kDateSlot), or
// 0 when it does not start with eight digits making a month 01-12 and a
// day 01-31.
std::uint32_t day_of_date_slot(std::string_view value);

// Counts by day: a table of years (0000-9999), each a block of counters
// by month and day allocated when the year is first seen, so that a count
// costs two indexings (a hash map of days cost a tenth of a histogram
// pass).
class DayTally {
 public:
  DayTally();
  ~DayTally();

  // Counts one document of day `day` (YYYYMMDD as day_of_date_slot gives
  // it); 0 (undated) counts nothing.
  void add(std::uint32_t day) {
    if (day == 0) return;
    std::unique_ptr<Year>& year = years_[day / 10000 % 10000];
    if (!year) year = std::make_unique<Year>();
    ++(*year)[(day / 100) % 100 * 32 + day % 100];
  }

  // Adds day (YYYYMMDD) -> count to `out` for every day counted.
  void add_to(std::map<std::uint32_t, Xapian::doccount>& out) const;

 private:
  static constexpr std::size_t kDaysOfYear = 13 * 32;  // month * 32 + day
  using Year = std::array<Xapian::doccount, kDaysOfYear>;
  std::vector<std::unique_ptr<Year>> years_;  // by year; null: none seen
};

// Articles per day over the documents a matcher examines, from
// schema::kDateSlot. Attach it to an Enquire and ask get_mset for at least
// as many documents as there are matches (checkatleast) to count them all.
class DayCounter {
 public:
  // With `remote_safe`, Xapian's built-in ValueCountMatchSpy counts (what
  // xapian-tcpsrv shards require); otherwise newsdex's own spy, which keys
  // each document by its day in a table of counters (no string kept).
  explicit DayCounter(bool remote_safe);
  ~DayCounter();
  DayCounter(const DayCounter&) = delete;
  DayCounter& operator=(const DayCounter&) = delete;

  // REQUIRES: this object outlives every get_mset() call on `enquire`.
  void attach(Xapian::Enquire& enquire);

  // Day (YYYYMMDD as a number) -> documents dated that day.
  std::map<std::uint32_t, Xapian::doccount> days() const;
  // Documents examined, dated or not.
  Xapian::doccount documents() const;
  DayCounts counts() const { return {days(), documents()}; }

 private:
  class Spy;
  std::unique_ptr<Spy> spy_;                                // local
  std::unique_ptr<Xapian::ValueCountMatchSpy> value_spy_;   // remote-safe
};

// The histogram of `days` (as DayCounter::days gives them) by `interval`.
// `undated` is copied. When `first_day` and `last_day` (YYYYMMDD) are
// given, the buckets span at least their periods (a common range for
// several histograms side by side).
Histogram make_histogram(const std::map<std::uint32_t, Xapian::doccount>& days, Xapian::doccount undated,
                         Interval interval, std::optional<std::uint32_t> first_day = std::nullopt,
                         std::optional<std::uint32_t> last_day = std::nullopt);

// Every match of `query` in `db` counted by day (one pass, BoolWeight, no
// result kept): exact. `remote` as for DayCounter. Xapian errors pass
// through (the caller is inside read_consistently).
DayCounts count_days(const Xapian::Database& db, const Xapian::Query& query, bool remote);

}  // namespace newsdex
