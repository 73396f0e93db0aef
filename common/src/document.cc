#include "newsdex/document.h"

#include <algorithm>
#include <cstdio>

#include <xxhash.h>

#include <nlohmann/json.hpp>

#include "newsdex/analyzer.h"
#include "newsdex/dates.h"
#include "newsdex/query.h"
#include "newsdex/schema.h"

namespace newsdex {

namespace {

// Gap between fields so a phrase never matches across title and body.
constexpr Xapian::termpos kFieldGap = 100;
// Title words count this many times in the unprefixed (all-text) terms.
constexpr Xapian::termcount kTitleWeight = 3;
// Xapian rejects terms longer than 245 bytes; longer filter values are cut.
constexpr std::size_t kMaxTermBytes = 240;

// A term of at most kMaxTermBytes: a longer one keeps its first 200 bytes
// (cut on a UTF-8 boundary) and adds a hash of the whole, so two long
// values that share a beginning stay two terms.
std::string bounded_term(std::string term) {
  if (term.size() <= kMaxTermBytes) return term;
  const std::uint64_t h = XXH3_64bits(term.data(), term.size());
  std::size_t cut = 200;
  while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) --cut;
  term.resize(cut);
  char buf[24];
  std::snprintf(buf, sizeof buf, "#%016llx", static_cast<unsigned long long>(h));
  return term + buf;
}

// Fills each facet type's slots and the entity list slot with its
// entities, most mentioned first.
void add_facet_values(Xapian::Document& doc, const std::vector<Entity>& entities) {
  std::string list;
  for (const schema::FacetSlots& run : schema::kFacetSlots) {
    std::vector<const Entity*> of_type;
    for (const Entity& e : entities) {
      if (e.type == run.type && !e.name.empty()) of_type.push_back(&e);
    }
    std::stable_sort(of_type.begin(), of_type.end(),
                     [](const Entity* a, const Entity* b) { return a->mentions > b->mentions; });
    const std::size_t n = std::min<std::size_t>(of_type.size(), run.count);
    for (std::size_t i = 0; i < n; ++i) {
      doc.add_value(run.first + static_cast<Xapian::valueno>(i), of_type[i]->name);
      if (!list.empty()) list.push_back('\n');
      list.append(run.type).push_back('\x1f');
      list += of_type[i]->name;
    }
  }
  if (!list.empty()) doc.add_value(schema::kEntityListSlot, list);
}

}  // namespace

std::string id_term(const std::string& id) {
  return bounded_term(std::string(schema::kIdPrefix) + id);
}

std::string file_term(const std::string& path) {
  return bounded_term(std::string(schema::kFilePrefix) + path);
}

std::string entity_term(const std::string& type, const std::string& name) {
  return bounded_term(std::string(schema::prefix_of(type)) + normalize_filter_value(name));
}

Xapian::Document make_document(const Article& article, Xapian::TermGenerator& tg) {
  const Analyzer& analyzer = default_analyzer();
  Xapian::Document doc;
  tg.set_document(doc);
  tg.set_termpos(0);

  analyzer.index_text(tg, article.title, 1, schema::prefix_of("title"));
  tg.increase_termpos(kFieldGap);
  analyzer.index_text(tg, article.title, kTitleWeight);
  tg.increase_termpos(kFieldGap);
  analyzer.index_text(tg, article.body);
  // Author and source keep positions so `source:"market desk"` works.
  if (!article.author.empty()) {
    tg.increase_termpos(kFieldGap);
    analyzer.index_text(tg, article.author, 1, schema::prefix_of("author"));
  }
  if (!article.source.empty()) {
    tg.increase_termpos(kFieldGap);
    analyzer.index_text(tg, article.source, 1, schema::prefix_of("source"));
  }
  for (const Entity& e : article.entities) {
    if (schema::find_field(e.type) == nullptr) continue;
    doc.add_boolean_term(entity_term(e.type, e.name));
  }
  add_facet_values(doc, article.entities);
  doc.add_boolean_term(id_term(article.id));
  doc.add_value(schema::kIdSlot, article.id);
  doc.add_value(schema::kDateIdSlot,
                (article.date ? date_slot_value(*article.date) : std::string()) + std::string(1, '\0') + article.id);
  doc.add_boolean_term(file_term(article.path));
  if (article.date) doc.add_value(schema::kDateSlot, date_slot_value(*article.date));
  if (!article.source.empty()) doc.add_value(schema::kSourceSlot, article.source);

  const std::string data = article_to_json(article);
  doc.set_data(data);
  return doc;
}

std::string article_to_json(const Article& article) {
  nlohmann::json j = {
      {"id", article.id},
      {"path", article.path},
      {"line", article.line},
      {"title", article.title},
      {"date", article.date ? nlohmann::json(format_iso8601(*article.date)) : nlohmann::json()},
      {"author", article.author},
      {"source", article.source},
      {"url", article.url},
      {"body", article.body},
  };
  nlohmann::json ents = nlohmann::json::array();
  for (const Entity& e : article.entities) {
    ents.push_back({{"type", e.type}, {"name", e.name}, {"mentions", e.mentions}});
  }
  j["entities"] = std::move(ents);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Article article_from_data(const std::string& data) {
  Article a;
  nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (!j.is_object()) return a;
  auto str = [&j](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  a.id = str("id");
  a.path = str("path");
  a.title = str("title");
  a.author = str("author");
  a.source = str("source");
  a.url = str("url");
  a.body = str("body");
  if (auto it = j.find("line"); it != j.end() && it->is_number_unsigned()) a.line = it->get<std::uint64_t>();
  if (auto it = j.find("date"); it != j.end() && it->is_string()) a.date = parse_date(it->get<std::string>());
  if (auto it = j.find("entities"); it != j.end() && it->is_array()) {
    for (const auto& e : *it) {
      if (!e.is_object()) continue;
      Entity ent;
      ent.type = e.value("type", "");
      ent.name = e.value("name", "");
      ent.mentions = e.value("mentions", 0);
      a.entities.push_back(std::move(ent));
    }
  }
  return a;
}

}  // namespace newsdex
