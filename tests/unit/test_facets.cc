#include <catch2/catch.hpp>

#include "newsdex/document.h"
#include "newsdex/analyzer.h"
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
      article("a", "oil prices", {{"place", "Saudi Arabia", 3}, {"place", "Iran", 1}, {"org", "OPEC", 2}})));
  db.add_document(newsdex::make_document(
      article("b", "oil output", {{"place", "Saudi Arabia", 1}, {"org", "OPEC", 1}, {"person", "Hisham Nazer", 1}})));
  db.add_document(newsdex::make_document(article("c", "oil tanker", {{"place", "Iran", 2}})));
  db.add_document(newsdex::make_document(article("d", "wheat crop", {{"place", "Canada", 1}})));
  std::vector<newsdex::Entity> many;
  for (int i = 0; i < 20; ++i) many.push_back({"person", "Person " + std::to_string(i), 20 - i});
  db.add_document(newsdex::make_document(article("e", "many people", many)));
  return db;
}

// Facet counts for query `q`, checked to be the same whether counted by the
// built-in spies (remote-safe) or by the list spy.
std::map<std::string, std::vector<newsdex::FacetValue>> facets_for(const Xapian::Database& db, const std::string& q,
                                                                   Xapian::doccount* counted = nullptr) {
  std::map<std::string, std::vector<newsdex::FacetValue>> result[2];
  Xapian::doccount docs[2] = {0, 0};
  for (int remote_safe = 0; remote_safe < 2; ++remote_safe) {
    Xapian::Enquire enquire(db);
    enquire.set_query(newsdex::parse_query(q, {}).query);
    newsdex::FacetCounter counter({"person", "place", "org"}, remote_safe != 0);
    counter.attach(enquire);
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
  REQUIRE(f.at("place").size() == 2);
  // Iran is in a's second slot and c's first: both count.
  CHECK(f.at("place")[0].value == "Iran");
  CHECK(f.at("place")[0].count == 2);
  CHECK(f.at("place")[1].value == "Saudi Arabia");
  CHECK(f.at("place")[1].count == 2);
  REQUIRE(f.at("org").size() == 1);
  CHECK(f.at("org")[0].count == 2);
  CHECK(f.at("person").size() == 1);
}

TEST_CASE("facet values are ordered by count - then by name", "[facets]") {
  const Xapian::WritableDatabase db = sample_index();
  const auto f = facets_for(db, "oil OR wheat");
  const auto& places = f.at("place");
  REQUIRE(places.size() == 3);
  CHECK(places[0].value == "Iran");
  CHECK(places[1].value == "Saudi Arabia");
  CHECK(places[2].value == "Canada");
  CHECK(places[2].count == 1);
}

TEST_CASE("an entity filter narrows the facet counts", "[facets]") {
  const Xapian::WritableDatabase db = sample_index();
  const auto f = facets_for(db, "org:OPEC");
  CHECK(f.at("place")[0].value == "Saudi Arabia");
  CHECK(f.at("place")[0].count == 2);
  CHECK(f.at("place")[1].value == "Iran");
  CHECK(f.at("place")[1].count == 1);
}

TEST_CASE("an article's most mentioned entities fill its facet slots first", "[facets]") {
  const Xapian::WritableDatabase db = sample_index();
  const auto f = facets_for(db, "many");
  const auto run = newsdex::schema::facet_slots_of("person");
  // 20 people, 16 slots: the 16 most mentioned are counted.
  Xapian::Enquire enquire(db);
  enquire.set_query(newsdex::parse_query("many", {}).query);
  newsdex::FacetCounter counter({"person"}, false);
  counter.attach(enquire);
  enquire.get_mset(0, 1, 10);
  const auto people = counter.top(100).at("person");
  CHECK(people.size() == run->count);
  bool has_least = false;
  for (const auto& v : people) has_least = has_least || v.value == "Person 19";
  CHECK_FALSE(has_least);
  CHECK(f.at("person").size() == std::min<std::size_t>(10, run->count));  // top(10) of run->count
}

TEST_CASE("an unknown facet type is a programming error reported as invalid_argument", "[facets]") {
  CHECK_THROWS_AS(newsdex::FacetCounter({"planet"}, false), std::invalid_argument);
  CHECK_THROWS_AS(newsdex::FacetCounter({"planet"}, true), std::invalid_argument);
}
