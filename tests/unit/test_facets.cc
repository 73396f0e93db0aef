#include <catch2/catch.hpp>

#include <algorithm>

#include "newsdex/document.h"
#include "newsdex/analyzer.h"
#include "newsdex/facet_record.h"
#include "newsdex/facets.h"
#include "newsdex/query.h"
#include "newsdex/schema.h"

namespace {

newsdex::Article article(const std::string& id, const std::string& body,
                         std::vector<newsdex::Entity> entities) {
  newsdex::Article a;
  a.id = id;
  a.path = id + ".txt";
  a.title = id;
  a.body = body;
  a.entities = std::move(entities);
  return a;
}

// An in-memory index of a few articles with known entities.
Xapian::WritableDatabase sample_index() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(newsdex::make_document(
      article("a", "oil prices", {{newsdex::EntityType::place, "Saudi Arabia", 3}, {newsdex::EntityType::place, "Iran", 1}, {newsdex::EntityType::org, "OPEC", 2}})));
  db.add_document(newsdex::make_document(
      article("b", "oil output", {{newsdex::EntityType::place, "Saudi Arabia", 1}, {newsdex::EntityType::org, "OPEC", 1}, {newsdex::EntityType::person, "Hisham Nazer", 1}})));
  db.add_document(newsdex::make_document(article("c", "oil tanker", {{newsdex::EntityType::place, "Iran", 2}})));
  db.add_document(newsdex::make_document(article("d", "wheat crop", {{newsdex::EntityType::place, "Canada", 1}})));
  std::vector<newsdex::Entity> many;
  for (int i = 0; i < 20; ++i) many.push_back({newsdex::EntityType::person, "Person " + std::to_string(i), 20 - i});
  db.add_document(newsdex::make_document(article("e", "many people", many)));
  return db;
}

// Facet counts for query `q`, checked to be the same whether counted by the
// built-in spies (remote-safe) or by the facet record spy.
using Facets = std::map<newsdex::EntityType, std::vector<newsdex::FacetValue>>;

Facets facets_for(const Xapian::Database& db, const std::string& q, Xapian::doccount* counted = nullptr) {
  Facets result[2];
  Xapian::doccount docs[2] = {0, 0};
  for (int remote_safe = 0; remote_safe < 2; ++remote_safe) {
    Xapian::Enquire enquire(db);
    enquire.set_query(newsdex::parse_query(q, {}).query);
    newsdex::FacetCounter counter(std::vector<newsdex::EntityType>(std::begin(newsdex::kEntityTypes), std::end(newsdex::kEntityTypes)),
                                  remote_safe != 0);
    counter.attach(enquire, db);
    enquire.get_mset(0, 1, db.get_doccount());
    docs[remote_safe] = counter.documents();
    result[remote_safe] = counter.top(10);
  }
  CHECK(docs[0] == docs[1]);
  for (const auto& [type, values] : result[0]) {
    const auto& other = result[1].at(type);
    REQUIRE(values.size() == other.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      CHECK(values[i].value == other[i].value);
      CHECK(values[i].count == other[i].count);
    }
  }
  if (counted) *counted = docs[0];
  return result[0];
}

}  // namespace

TEST_CASE("facet counts are per matching article - across every entity slot", "[facets]") {
  const Xapian::WritableDatabase db = sample_index();
  Xapian::doccount counted = 0;
  const auto f = facets_for(db, "oil", &counted);
  CHECK(counted == 3);  // every match, though only one result was asked for
  REQUIRE(f.at(newsdex::EntityType::place).size() == 2);
  // Iran is in a's second slot and c's first: both count.
  CHECK(f.at(newsdex::EntityType::place)[0].value == "Iran");
  CHECK(f.at(newsdex::EntityType::place)[0].count == 2);
  CHECK(f.at(newsdex::EntityType::place)[1].value == "Saudi Arabia");
  CHECK(f.at(newsdex::EntityType::place)[1].count == 2);
  REQUIRE(f.at(newsdex::EntityType::org).size() == 1);
  CHECK(f.at(newsdex::EntityType::org)[0].count == 2);
  CHECK(f.at(newsdex::EntityType::person).size() == 1);
}

TEST_CASE("facet values are ordered by count - then by name", "[facets]") {
  const Xapian::WritableDatabase db = sample_index();
  const auto f = facets_for(db, "oil OR wheat");
  const auto& places = f.at(newsdex::EntityType::place);
  REQUIRE(places.size() == 3);
  CHECK(places[0].value == "Iran");
  CHECK(places[1].value == "Saudi Arabia");
  CHECK(places[2].value == "Canada");
  CHECK(places[2].count == 1);
}

TEST_CASE("an entity filter narrows the facet counts", "[facets]") {
  const Xapian::WritableDatabase db = sample_index();
  const auto f = facets_for(db, "org:OPEC");
  CHECK(f.at(newsdex::EntityType::place)[0].value == "Saudi Arabia");
  CHECK(f.at(newsdex::EntityType::place)[0].count == 2);
  CHECK(f.at(newsdex::EntityType::place)[1].value == "Iran");
  CHECK(f.at(newsdex::EntityType::place)[1].count == 1);
}

TEST_CASE("an article's most mentioned entities fill its facet slots first", "[facets]") {
  const Xapian::WritableDatabase db = sample_index();
  const auto f = facets_for(db, "many");
  const std::size_t slots = newsdex::schema::kFacetValuesPerType;
  // 20 people, 8 slots: the 8 most mentioned are counted.
  Xapian::Enquire enquire(db);
  enquire.set_query(newsdex::parse_query("many", {}).query);
  newsdex::FacetCounter counter({newsdex::EntityType::person}, false);
  counter.attach(enquire, db);
  enquire.get_mset(0, 1, 10);
  const auto people = counter.top(100).at(newsdex::EntityType::person);
  CHECK(people.size() == slots);
  bool has_least = false;
  for (const auto& v : people) has_least = has_least || v.value == "Person 19";
  CHECK_FALSE(has_least);
  CHECK(f.at(newsdex::EntityType::person).size() == std::min<std::size_t>(10, slots));  // top(10) of the slots
}

TEST_CASE("every entity type has its facets, misc included", "[facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  newsdex::Article a;
  a.id = a.path = "m";
  a.title = "Summit";
  a.body = "A summit of the European leaders.";
  a.entities = {{newsdex::EntityType::misc, "European", 2}, {newsdex::EntityType::place, "Brussels", 1}};
  db.add_document(newsdex::make_document(a));
  const auto f = facets_for(db, "summit");
  REQUIRE(f.size() == std::size(newsdex::kEntityTypes));
  REQUIRE(f.at(newsdex::EntityType::misc).size() == 1);
  CHECK(f.at(newsdex::EntityType::misc)[0].value == "European");
  CHECK(f.at(newsdex::EntityType::place)[0].value == "Brussels");
}

TEST_CASE("the topic facet counts each article's topics once, spellings of one topic as one value", "[facets][topics]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const std::vector<std::vector<std::string>> topics = {
      {"Politics", "Harbour"}, {"POLITICS"}, {"politics", "Weather"}, {"Harbour", "Shipping"}, {"Weather"}};
  for (std::size_t i = 0; i < topics.size(); ++i) {
    newsdex::Article a = article("t" + std::to_string(i), "harbour news", {});
    a.topics = topics[i];
    db.add_document(newsdex::make_document(a));
  }
  const auto top = [&db](const std::string& q, std::size_t limit) {
    Xapian::Enquire enquire(db);
    enquire.set_query(newsdex::parse_query(q, {}).query);
    newsdex::SlotRunCounter counter(newsdex::schema::kFirstTopicSlot, newsdex::schema::kTopicFacetValues);
    counter.attach(enquire, db);
    enquire.get_mset(0, 1, db.get_doccount());
    std::vector<std::string> out;
    for (const newsdex::FacetValue& v : counter.top(limit)) out.push_back(v.value + "=" + std::to_string(v.count));
    return out;
  };
  struct Row {
    const char* name;
    const char* query;
    std::size_t limit;
    std::vector<std::string> want;
  } rows[] = {
      // Ties between spellings go to the first in byte order.
      {"every match, by count then value", "harbour", 10, {"POLITICS=3", "Harbour=2", "Weather=2", "Shipping=1"}},
      {"limited", "harbour", 2, {"POLITICS=3", "Harbour=2"}},
      {"a topic filter's matches", "topic:weather", 10, {"Weather=2", "politics=1"}},
  };
  for (const Row& row : rows) {
    SECTION(row.name) { CHECK(top(row.query, row.limit) == row.want); }
  }
}

TEST_CASE("the record spy counts many names - long, and alike in their first bytes - as the built-in spies do", "[facets]") {
  // Enough distinct names to grow its table several times; names longer
  // than the part it compares in place, differing only at their end.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const std::string stem = "International Organisation of ";  // longer than 16 bytes
  for (int d = 0; d < 300; ++d) {
    std::vector<newsdex::Entity> entities;
    for (int k = 0; k < 8; ++k) {
      const int i = (d * 7 + k * 131) % 2000;
      entities.push_back({newsdex::EntityType::org, stem + std::to_string(i), 8 - k});
      entities.push_back({newsdex::EntityType::person, "P" + std::to_string(i % 50), 8 - k});
    }
    db.add_document(newsdex::make_document(article("d" + std::to_string(d), "common words", entities)));
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(newsdex::parse_query("common", {}).query);
  newsdex::FacetCounter counter({newsdex::EntityType::org}, false);
  counter.attach(enquire, db);
  enquire.get_mset(0, 0, db.get_doccount());
  const auto orgs = counter.top(100000).at(newsdex::EntityType::org);
  Xapian::doccount sum = 0;
  for (const auto& v : orgs) sum += v.count;
  CHECK(sum == 300 * 8);  // every article's eight organisations, none merged
  CHECK(orgs.size() > 1000);
  // Counts and order agree with the built-in spies (facets_for checks).
  const auto f = facets_for(db, "common");
  REQUIRE(f.at(newsdex::EntityType::org).size() == 10);
  for (std::size_t i = 0; i < 10; ++i) {
    CHECK(f.at(newsdex::EntityType::org)[i].value == orgs[i].value);
    CHECK(f.at(newsdex::EntityType::org)[i].count == orgs[i].count);
  }
  const auto people = f.at(newsdex::EntityType::person);
  REQUIRE(people.size() == 10);
  CHECK(people[0].count >= people[9].count);
}

TEST_CASE("a value counter gives the same counts with its own spy as with Xapian's", "[facets]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  // Source slot values: "s0".."s4" in a skewed mix, a long shared-prefix
  // pair, and articles without a value (not counted as a value).
  const std::vector<std::string> values = {"s0", "s0", "s0", "s1", "s1", "s2", "",
                                           "a source name longer than sixteen bytes 1",
                                           "a source name longer than sixteen bytes 2",
                                           "a source name longer than sixteen bytes 2", ""};
  for (std::size_t i = 0; i < values.size(); ++i) {
    Xapian::Document doc;
    doc.add_term("all");
    if (!values[i].empty()) doc.add_value(newsdex::schema::kSourceSlot, values[i]);
    db.add_document(doc);
  }
  struct Counted {
    std::vector<newsdex::FacetValue> top;
    std::pair<Xapian::doccount, Xapian::doccount> distinct_and_holding;
    Xapian::doccount documents, s1, missing;
  };
  Counted counted[2];
  for (int remote_safe = 0; remote_safe < 2; ++remote_safe) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("all"));
    newsdex::ValueCounter counter(newsdex::schema::kSourceSlot, remote_safe != 0);
    counter.attach(enquire);
    enquire.get_mset(0, 0, db.get_doccount());
    counted[remote_safe] = {counter.top(4), counter.distinct_and_holding(), counter.documents(), counter.count("s1"),
                            counter.count("nowhere")};
  }
  for (const Counted& c : counted) {
    REQUIRE(c.top.size() == 4);
    CHECK(c.top[0].value == "s0");
    CHECK(c.top[0].count == 3);
    CHECK(c.top[1].value == "a source name longer than sixteen bytes 2");  // 2, before "s1" by name
    CHECK(c.top[2].value == "s1");
    CHECK(c.top[3].value == "a source name longer than sixteen bytes 1");  // 1, before "s2" by name
    CHECK(c.distinct_and_holding == std::make_pair<Xapian::doccount, Xapian::doccount>(5, 9));
    CHECK(c.documents == 11);
    CHECK(c.s1 == 2);
    CHECK(c.missing == 0);
  }
}

TEST_CASE("a facet record decodes to what was encoded, and bytes that are no record are refused", "[facets]") {
  newsdex::FacetRecord full;
  full.day = 19870302;
  full.has_source = true;
  full.source = newsdex::facet_key("Reuters");
  full.has_language = true;
  full.language = 0;  // a key like any other
  full.entity_count = {2, 0, 8, 1};
  for (std::size_t i = 0; i < 8; ++i) full.entities[2][i] = 0x0102030405060708ULL * (i + 1);
  full.entities[0][0] = ~0ULL;
  full.entities[0][1] = 7;
  full.entities[3][0] = 1ULL << 63;
  newsdex::FacetRecord bare;  // no day, source, language or entity
  const std::string encoded = newsdex::encode_facet_record(full);
  struct Row {
    const char* name;
    std::string bytes;
    bool ok;
  } rows[] = {
      {"every part", encoded, true},
      {"nothing but the counts", newsdex::encode_facet_record(bare), true},
      {"an empty value", "", true},
      {"cut short", encoded.substr(0, encoded.size() - 1), false},
      {"a byte too many", encoded + "x", false},
      {"an unknown flag", std::string(1, '\x08') + std::string(4, '\0'), false},
      {"a count over the run", std::string(1, '\0') + "\x09" + std::string(3, '\0') + std::string(72, '\0'), false},
  };
  for (const Row& row : rows) {
    SECTION(row.name) {
      newsdex::FacetRecord got;
      REQUIRE(newsdex::decode_facet_record(row.bytes, got) == row.ok);
      if (!row.ok) return;
      const newsdex::FacetRecord& want = row.bytes == encoded ? full : bare;
      CHECK(got.day == want.day);
      CHECK(got.has_source == want.has_source);
      CHECK(got.has_language == want.has_language);
      if (want.has_source) CHECK(got.source == want.source);
      if (want.has_language) CHECK(got.language == want.language);
      CHECK(got.entity_count == want.entity_count);
      for (std::size_t t = 0; t < newsdex::kEntityFieldCount; ++t) {
        for (std::size_t i = 0; i < want.entity_count[t]; ++i) CHECK(got.entities[t][i] == want.entities[t][i]);
      }
    }
  }
  CHECK(encoded.size() == 1 + 4 + 8 + 8 + 4 + 8 * 11);
}

TEST_CASE("sources, languages and days from the facet record count as the built-in spies count their slots", "[facets]") {
  // Two shards, counted one after the other as a search counts them; ties
  // at the limit go to the first value in byte order, whichever shard saw
  // it first.
  Xapian::WritableDatabase shards[2] = {Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY),
                                        Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY)};
  struct Doc {
    int shard;
    const char* source;
    const char* language;
    long long date;  // unix time, 0: undated
  } docs[] = {
      {0, "Zeta Wire", "en", 541728000},  {0, "Alpha Post", "fr", 541728000}, {1, "Alpha Post", "", 541814400},
      {1, "Zeta Wire", "en", 0},          {1, "", "de", 1700000000},          {0, "Mid Times", "en", 1700000000},
      {1, "Beta News", "de", -86400},
  };
  for (std::size_t i = 0; i < std::size(docs); ++i) {
    newsdex::Article a = article("x" + std::to_string(i), "common words", {});
    a.source = docs[i].source;
    a.language = docs[i].language;
    if (docs[i].date != 0) a.date = docs[i].date;
    shards[docs[i].shard].add_document(newsdex::make_document(a));
  }
  const auto render = [](const std::vector<newsdex::FacetValue>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) out.push_back(v.value + "=" + std::to_string(v.count));
    return out;
  };
  struct Row {
    const char* name;
    std::size_t limit;
    std::vector<std::string> sources, languages;
  } rows[] = {
      {"all", 10, {"Alpha Post=2", "Zeta Wire=2", "Beta News=1", "Mid Times=1"}, {"en=3", "de=2", "fr=1"}},
      {"cut inside a tie", 3, {"Alpha Post=2", "Zeta Wire=2", "Beta News=1"}, {"en=3", "de=2", "fr=1"}},
      {"cut inside the first tie", 1, {"Alpha Post=2"}, {"en=3"}},
      {"none", 0, {}, {}},
  };
  for (const Row& row : rows) {
    SECTION(row.name) {
      for (int remote_safe = 0; remote_safe < 2; ++remote_safe) {
        INFO("remote_safe " << remote_safe);
        newsdex::FacetCounter counter({}, remote_safe != 0);
        for (const Xapian::WritableDatabase& db : shards) {
          Xapian::Enquire enquire(db);
          enquire.set_query(newsdex::parse_query("common", {}).query);
          counter.attach(enquire, db);
          enquire.get_mset(0, 0, db.get_doccount());
        }
        CHECK(counter.documents() == std::size(docs));
        CHECK(render(counter.sources(row.limit)) == row.sources);
        CHECK(render(counter.languages(row.limit)) == row.languages);
        const newsdex::DayCounts days = counter.days();
        CHECK(days.documents == std::size(docs));
        CHECK(days.days == std::map<std::uint32_t, Xapian::doccount>{
                               {19691231, 1}, {19870303, 2}, {19870304, 1}, {20231114, 2}});
      }
    }
  }
}
