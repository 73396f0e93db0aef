#include <catch2/catch.hpp>

#include "newsdex/dates.h"
#include "newsdex/document.h"
#include "newsdex/histogram.h"
#include "newsdex/query.h"

namespace {

using Days = std::map<std::uint32_t, Xapian::doccount>;

// "period=count ..." of a histogram, for comparing with one string.
std::string describe(const newsdex::Histogram& h) {
  std::string s;
  for (const newsdex::HistogramBucket& b : h.buckets) s += (s.empty() ? "" : " ") + b.period + "=" + std::to_string(b.count);
  return s;
}

}  // namespace

TEST_CASE("interval names round-trip and unknown names are refused") {
  for (const char* name : {"year", "month", "week", "day"}) {
    const auto i = newsdex::interval_named(name);
    REQUIRE(i);
    CHECK(newsdex::name_of(*i) == name);
  }
  CHECK_FALSE(newsdex::interval_named("Month"));
  CHECK_FALSE(newsdex::interval_named("quarter"));
  CHECK_FALSE(newsdex::interval_named(""));
}

TEST_CASE("histograms count days by period, oldest first, with empty periods between as 0") {
  struct Case {
    const char* name;
    Days days;
    newsdex::Interval interval;
    const char* want;
  };
  const Case cases[] = {
      {"months, a gap filled", {{19870302, 2}, {19870331, 1}, {19870515, 4}}, newsdex::Interval::month,
       "1987-03=3 1987-04=0 1987-05=4"},
      {"years across a gap", {{19861231, 1}, {19880101, 2}}, newsdex::Interval::year, "1986=1 1987=0 1988=2"},
      {"days across a month end", {{19870228, 1}, {19870302, 1}}, newsdex::Interval::day,
       "1987-02-28=1 1987-03-01=0 1987-03-02=1"},
      {"leap day", {{19880228, 1}, {19880301, 1}}, newsdex::Interval::day, "1988-02-28=1 1988-02-29=0 1988-03-01=1"},
      // ISO weeks: 2024-12-30 (a Monday) begins 2025-W01; 2021-01-03 (a
      // Sunday) ends 2020-W53.
      {"ISO week of the next year", {{20241229, 1}, {20241230, 1}, {20250105, 1}}, newsdex::Interval::week,
       "2024-W52=1 2025-W01=2"},
      {"ISO week 53 of the year before", {{20201231, 1}, {20210103, 1}, {20210104, 1}}, newsdex::Interval::week,
       "2020-W53=2 2021-W01=1"},
      {"weeks in 1987, a gap filled", {{19870302, 1}, {19870316, 1}}, newsdex::Interval::week,
       "1987-W10=1 1987-W11=0 1987-W12=1"},
      {"four-digit years at both ends", {{10101, 1}, {99991231, 1}}, newsdex::Interval::year, ""},
      {"nothing dated", {}, newsdex::Interval::month, ""},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const newsdex::Histogram h = newsdex::make_histogram(c.days, 5, c.interval);
    if (std::string(c.name) == "four-digit years at both ends") {
      REQUIRE(h.buckets.size() == 9999);
      CHECK(h.buckets.front().period == "0001");
      CHECK(h.buckets.back().period == "9999");
      CHECK(h.gaps_filled);
    } else {
      CHECK(describe(h) == c.want);
    }
    Xapian::doccount sum = 0;
    for (const auto& [day, n] : c.days) sum += n;
    CHECK(h.undated == 5);
    CHECK(h.total == sum + 5);
  }
}

TEST_CASE("a span of more periods than kMaxFilledPeriods lists only the non-empty ones") {
  const newsdex::Histogram h = newsdex::make_histogram({{10101, 1}, {99991231, 2}}, 0, newsdex::Interval::day);
  CHECK_FALSE(h.gaps_filled);
  CHECK(describe(h) == "0001-01-01=1 9999-12-31=2");
}

TEST_CASE("a common range makes histograms span the same periods") {
  const newsdex::Histogram h =
      newsdex::make_histogram({{19870415, 3}}, 0, newsdex::Interval::month, 19870301u, 19870520u);
  CHECK(describe(h) == "1987-03=0 1987-04=3 1987-05=0");
}

TEST_CASE("count_days counts every match by the day of its date slot, undated apart, local and remote-safe alike") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  auto add = [&db](const std::string& id, const char* date) {
    newsdex::Article a;
    a.id = id;
    a.path = id + ".txt";
    a.title = "cocoa " + id;
    a.body = "cocoa prices";
    if (date != nullptr) a.date = newsdex::parse_date(date);
    db.add_document(newsdex::make_document(a));
  };
  add("a", "1987-03-02T10:00:00Z");
  add("b", "1987-03-02T23:59:59Z");
  add("c", "1987-04-01T00:00:00Z");
  add("d", nullptr);
  for (bool remote : {false, true}) {
    INFO("remote-safe " << remote);
    const newsdex::DayCounts counts = newsdex::count_days(db, Xapian::Query("cocoa"), remote);
    CHECK(counts.documents == 4);
    CHECK(counts.undated() == 1);
    CHECK(counts.days == Days{{19870302, 2}, {19870401, 1}});
  }
}
