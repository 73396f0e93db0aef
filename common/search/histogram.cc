#include "newsdex/histogram.h"

#include <algorithm>
#include <cstdio>
#include <array>

#include "newsdex/schema.h"

namespace newsdex {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date, and back (the
// usual era arithmetic: 400-year eras of 146097 days from 0000-03-01).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t y;
  unsigned m, d;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

// Monday = 0 (1970-01-01 was a Thursday).
unsigned weekday(std::int64_t z) { return static_cast<unsigned>(((z + 3) % 7 + 7) % 7); }

// The first day of the period holding day z.
std::int64_t period_start(std::int64_t z, Interval interval) {
  const Civil c = civil_from_days(z);
  switch (interval) {
    case Interval::year: return days_from_civil(c.y, 1, 1);
    case Interval::month: return days_from_civil(c.y, c.m, 1);
    case Interval::week: return z - weekday(z);
    case Interval::day: return z;
  }
  return z;
}

// The first day of the period after the one starting on `start`.
std::int64_t next_period(std::int64_t start, Interval interval) {
  const Civil c = civil_from_days(start);
  switch (interval) {
    case Interval::year: return days_from_civil(c.y + 1, 1, 1);
    case Interval::month: return c.m == 12 ? days_from_civil(c.y + 1, 1, 1) : days_from_civil(c.y, c.m + 1, 1);
    case Interval::week: return start + 7;
    case Interval::day: return start + 1;
  }
  return start + 1;
}

// The name of the period starting on `start`.
std::string period_name(std::int64_t start, Interval interval) {
  char buf[32];
  const Civil c = civil_from_days(start);
  switch (interval) {
    case Interval::year:
      std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(c.y));
      break;
    case Interval::month:
      std::snprintf(buf, sizeof buf, "%04lld-%02u", static_cast<long long>(c.y), c.m);
      break;
    case Interval::week: {
      // The ISO year is the year of the week's Thursday; week 1 holds its
      // first Thursday.
      const Civil thursday = civil_from_days(start + 3);
      const std::int64_t week = (start + 3 - days_from_civil(thursday.y, 1, 1)) / 7 + 1;
      std::snprintf(buf, sizeof buf, "%04lld-W%02lld", static_cast<long long>(thursday.y),
                    static_cast<long long>(week));
      break;
    }
    case Interval::day:
      std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.y), c.m, c.d);
      break;
  }
  return buf;
}

std::int64_t day_number(std::uint32_t yyyymmdd) {
  return days_from_civil(yyyymmdd / 10000, (yyyymmdd / 100) % 100, yyyymmdd % 100);
}


}  // namespace

std::uint32_t day_of_date_slot(std::string_view value) {
  if (value.size() < 8) return 0;
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    const auto digit = static_cast<unsigned>(static_cast<unsigned char>(value[i]) - '0');
    if (digit > 9) return 0;
    n = n * 10 + digit;
  }
  const std::uint32_t month = n / 100 % 100, day = n % 100;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? n : 0;
}

std::optional<Interval> interval_named(std::string_view name) {
  for (Interval i : {Interval::year, Interval::month, Interval::week, Interval::day}) {
    if (name_of(i) == name) return i;
  }
  return std::nullopt;
}

std::string_view name_of(Interval interval) {
  switch (interval) {
    case Interval::year: return "year";
    case Interval::month: return "month";
    case Interval::week: return "week";
    case Interval::day: return "day";
  }
  return "month";
}

DayTally::DayTally() : years_(10000) {}
DayTally::~DayTally() = default;

void DayTally::add_to(std::map<std::uint32_t, Xapian::doccount>& out) const {
  for (std::uint32_t y = 0; y < years_.size(); ++y) {
    if (!years_[y]) continue;
    for (std::uint32_t md = 0; md < kDaysOfYear; ++md) {
      if (const Xapian::doccount n = (*years_[y])[md]; n > 0) out[y * 10000 + md / 32 * 100 + md % 32] += n;
    }
  }
}

// Counts documents by the day of their date slot value, one value lookup
// a document. Local databases only (not serialisable).
class DayCounter::Spy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    ++total_;
    tally_.add(day_of_date_slot(doc.get_value(schema::kDateSlot)));
  }
  std::string name() const override { return "newsdex.DaySpy"; }

  void add_to(std::map<std::uint32_t, Xapian::doccount>& out) const { tally_.add_to(out); }
  Xapian::doccount total() const { return total_; }

 private:
  DayTally tally_;
  Xapian::doccount total_ = 0;
};

DayCounter::DayCounter(bool remote_safe) {
  if (remote_safe) {
    value_spy_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kDateSlot);
  } else {
    spy_ = std::make_unique<Spy>();
  }
}

DayCounter::~DayCounter() = default;

void DayCounter::attach(Xapian::Enquire& enquire) {
  if (spy_) enquire.add_matchspy(spy_.get());
  if (value_spy_) enquire.add_matchspy(value_spy_.get());
}

std::map<std::uint32_t, Xapian::doccount> DayCounter::days() const {
  std::map<std::uint32_t, Xapian::doccount> out;
  if (spy_) {
    spy_->add_to(out);
  } else {
    for (auto it = value_spy_->values_begin(); it != value_spy_->values_end(); ++it) {
      if (const std::uint32_t day = day_of_date_slot(*it); day != 0) out[day] += it.get_termfreq();
    }
  }
  return out;
}

Xapian::doccount DayCounter::documents() const { return spy_ ? spy_->total() : value_spy_->get_total(); }

Histogram make_histogram(const std::map<std::uint32_t, Xapian::doccount>& days, Xapian::doccount undated,
                         Interval interval, std::optional<std::uint32_t> first_day,
                         std::optional<std::uint32_t> last_day) {
  Histogram h;
  h.interval = interval;
  h.undated = undated;
  h.total = undated;
  std::map<std::int64_t, Xapian::doccount> periods;  // first day -> count
  for (const auto& [day, n] : days) {
    periods[period_start(day_number(day), interval)] += n;
    h.total += n;
  }
  if (first_day) periods.emplace(period_start(day_number(*first_day), interval), 0);
  if (last_day) periods.emplace(period_start(day_number(*last_day), interval), 0);
  if (periods.empty()) return h;
  // How many periods the span has, counted up to one past the limit.
  const std::int64_t last = periods.rbegin()->first;
  std::size_t span = 0;
  for (std::int64_t p = periods.begin()->first; p <= last && span <= kMaxFilledPeriods; p = next_period(p, interval)) {
    ++span;
  }
  h.gaps_filled = span <= kMaxFilledPeriods;
  if (h.gaps_filled) {
    h.buckets.reserve(span);
    auto it = periods.begin();
    for (std::int64_t p = periods.begin()->first; p <= last; p = next_period(p, interval)) {
      Xapian::doccount n = 0;
      if (it != periods.end() && it->first == p) n = (it++)->second;
      h.buckets.push_back({period_name(p, interval), n});
    }
  } else {
    for (const auto& [p, n] : periods) {
      if (n > 0) h.buckets.push_back({period_name(p, interval), n});
    }
  }
  return h;
}

Xapian::doccount DayCounts::undated() const {
  Xapian::doccount dated = 0;
  for (const auto& [day, n] : days) dated += n;
  return documents > dated ? documents - dated : 0;
}

DayCounts count_days(const Xapian::Database& db, const Xapian::Query& query, bool remote) {
  DayCounter counter(remote);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  counter.attach(enquire);
  enquire.get_mset(0, 0, std::max<Xapian::doccount>(db.get_doccount(), 1));
  return counter.counts();
}

}  // namespace newsdex
