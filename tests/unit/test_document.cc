#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "newsdex/dates.h"
#include "newsdex/document.h"
#include "newsdex/schema.h"

#include <algorithm>
#include <set>

namespace {

newsdex::Article tricky_article() {
  newsdex::Article a;
  a.id = "id-\"quoted\"\\back";
  a.path = "/archive/2025/\xE2\x80\x9Cnews\xE2\x80\x9D.jsonl";
  a.line = 42;
  a.title = "Tab\there, newline\nthere, bell \x07, unit sep \x1f, DEL \x7f";
  a.date = newsdex::parse_date("2025-10-15T08:30:00Z");
  a.author = "Zoë Ḥaddad";
  a.source = "Agence \xF0\x9F\x93\xB0 (4-byte)";
  a.url = "https://example.com/a?b=c&d=\"e\"";
  a.body = std::string("cut \xE2\x82 sequence, lone \xC0\xAF overlong, surrogate \xED\xA0\x80, ok \xC3\xA9") +
           std::string(1, '\0') + " after a NUL";
  a.entities = {{newsdex::EntityType::person, "Vladimir Putin", 4}, {newsdex::EntityType::place, "Tartus", 1}};
  return a;
}

// The record as nlohmann::json writes it (what article_to_json wrote before
// it was written out by hand).
nlohmann::json reference_json(const newsdex::Article& a) {
  nlohmann::json j = {
      {"id", a.id}, {"path", a.path}, {"line", a.line}, {"title", a.title},
      {"date", a.date ? nlohmann::json(newsdex::format_iso8601(*a.date)) : nlohmann::json()},
      {"author", a.author}, {"source", a.source}, {"url", a.url}, {"language", a.language}, {"body", a.body},
  };
  nlohmann::json ents = nlohmann::json::array();
  for (const auto& e : a.entities) {
    ents.push_back({{"type", std::string(newsdex::name_of(e.type))}, {"name", e.name}, {"mentions", e.mentions}});
  }
  j["entities"] = ents;
  return nlohmann::json::parse(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

TEST_CASE("the stored record is valid JSON equal to nlohmann's - escapes and bad bytes included", "[document]") {
  const newsdex::Article a = tricky_article();
  const std::string stored = newsdex::article_to_json(a);
  const nlohmann::json parsed = nlohmann::json::parse(stored, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  nlohmann::json reference = reference_json(a);
  // Bad bytes become U+FFFD, one per maximal ill-formed part, as nlohmann
  // writes them (newsdex/json.h: one policy).
  CHECK(parsed["body"] == "cut \xEF\xBF\xBD sequence, lone \xEF\xBF\xBD\xEF\xBF\xBD overlong, surrogate "
                          "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD, ok \xC3\xA9" + std::string(1, '\0') + " after a NUL");
  CHECK(parsed == reference);
}

TEST_CASE("a record without date or entities is valid JSON too", "[document]") {
  newsdex::Article a;
  a.id = "x";
  const nlohmann::json parsed = nlohmann::json::parse(newsdex::article_to_json(a), nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  CHECK(parsed == reference_json(a));
  CHECK(parsed["date"].is_null());
  CHECK(parsed["entities"].empty());
}

TEST_CASE("article_from_data reads back what article_to_json stored", "[document]") {
  newsdex::Article a = tricky_article();
  a.body = "valid body \xC3\xA9";
  const newsdex::Article b = newsdex::article_from_data(newsdex::article_to_json(a));
  CHECK(b.id == a.id);
  CHECK(b.path == a.path);
  CHECK(b.line == a.line);
  CHECK(b.title == a.title);
  CHECK(b.date == a.date);
  CHECK(b.author == a.author);
  CHECK(b.source == a.source);
  CHECK(b.url == a.url);
  CHECK(b.body == a.body);
  REQUIRE(b.entities.size() == 2);
  CHECK(b.entities[0].name == "Vladimir Putin");
  CHECK(b.entities[0].mentions == 4);
  CHECK(newsdex::name_of(b.entities[1].type) == "place");
}

namespace {

// Every term (with its positions), value and the data of a document, as
// one comparable string.
std::string document_dump(const Xapian::Document& doc) {
  std::string out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out += "T" + *t + ":" + std::to_string(t.get_wdf());
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out += "," + std::to_string(*p);
    out += "\n";
  }
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v) out += "V" + std::to_string(v.get_valueno()) + "=" + *v + "\n";
  return out + "D" + doc.get_data();
}

}  // namespace

TEST_CASE("a document made in two steps, text first and entities after, is make_document's", "[document]") {
  newsdex::Article a = tricky_article();
  a.body = "Vladimir Putin visited Tartus on Tuesday. Putin said the port would stay.";
  a.raw_entities = {{newsdex::EntityType::person, "Putin", 2}, {newsdex::EntityType::place, "Tartus", 1}};
  std::vector<std::string> spelling_once, spelling_twice;
  const Xapian::Document whole = newsdex::make_document(a, spelling_once);
  // The entities are not known yet when the text is analysed.
  newsdex::Article early = a;
  early.entities.clear();
  Xapian::Document doc = newsdex::make_text_document(early, spelling_twice);
  CHECK(document_dump(doc).find("Vladimir Putin") == std::string::npos);
  early.entities = a.entities;
  newsdex::finish_document(doc, early);
  CHECK(document_dump(doc) == document_dump(whole));
  CHECK(spelling_twice == spelling_once);
  CHECK(!spelling_once.empty());
}

TEST_CASE("an article's topics are filter terms, facet slots and stored data", "[document][topics]") {
  newsdex::Article a;
  a.id = "t";
  a.title = "Title";
  a.topics = {"Politics and Government", "\xC3\x89nergie", "Top/News/World/Europe"};
  for (int i = 0; i < 7; ++i) a.topics.push_back("extra " + std::to_string(i));
  const Xapian::Document doc = newsdex::make_document(a);
  std::vector<std::string> topic_terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if ((*it).rfind("XTOPIC", 0) == 0) topic_terms.push_back(*it);
  }
  // Case-folded, accents removed: what topic: filters look up.
  CHECK(topic_terms.size() == 10);
  CHECK(std::count(topic_terms.begin(), topic_terms.end(), "XTOPICpolitics and government") == 1);
  CHECK(std::count(topic_terms.begin(), topic_terms.end(), "XTOPICenergie") == 1);
  CHECK(std::count(topic_terms.begin(), topic_terms.end(), "XTOPICtop/news/world/europe") == 1);
  CHECK(newsdex::topic_term("  POLITICS   and government ") == "XTOPICpolitics and government");
  // The first kTopicFacetValues topics, as given, in the facet slots.
  for (Xapian::valueno i = 0; i < newsdex::schema::kTopicFacetValues; ++i) {
    CHECK(doc.get_value(newsdex::schema::kFirstTopicSlot + i) == a.topics[i]);
  }
  CHECK(doc.get_value(newsdex::schema::kFirstTopicSlot + newsdex::schema::kTopicFacetValues).empty());
  // Stored and read back as given; absent from the record when there are none.
  CHECK(newsdex::article_from_data(newsdex::article_to_json(a)).topics == a.topics);
  a.topics.clear();
  CHECK(newsdex::article_to_json(a).find("topics") == std::string::npos);
}

TEST_CASE("a raw entity of weak evidence has a weak-name term beside its raw-name term, and keeps the flag stored",
          "[document]") {
  newsdex::Article a = tricky_article();
  a.raw_entities = {{newsdex::EntityType::org, "Super Unleaded", 1, true},
                    {newsdex::EntityType::person, "Putin", 2, false}};
  std::vector<std::string> spelling;
  const Xapian::Document doc = newsdex::make_document(a, spelling);
  std::set<std::string> terms(doc.termlist_begin(), doc.termlist_end());
  CHECK(terms.count(newsdex::raw_entity_term(newsdex::EntityType::org, "Super Unleaded")) == 1);
  CHECK(terms.count(newsdex::weak_entity_term(newsdex::EntityType::org, "Super Unleaded")) == 1);
  CHECK(terms.count(newsdex::raw_entity_term(newsdex::EntityType::person, "Putin")) == 1);
  CHECK(terms.count(newsdex::weak_entity_term(newsdex::EntityType::person, "Putin")) == 0);
  const newsdex::Article b = newsdex::article_from_data(doc.get_data());
  REQUIRE(b.raw_entities.size() == 2);
  CHECK(b.raw_entities[0].weak);
  CHECK(!b.raw_entities[1].weak);
  // Only a weak one says so in the record.
  CHECK(doc.get_data().find("\"weak\":true") != std::string::npos);
  CHECK(doc.get_data().find("\"weak\":false") == std::string::npos);
}
