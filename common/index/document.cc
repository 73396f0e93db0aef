#include "newsdex/document.h"

#include <algorithm>
#include <cstdio>

#include <xxhash.h>

#include <nlohmann/json.hpp>

#include "newsdex/analyzer.h"
#include "newsdex/dates.h"
#include "newsdex/duplicates.h"
#include "newsdex/encoding.h"
#include "newsdex/facet_record.h"
#include "newsdex/histogram.h"
#include "newsdex/json.h"
#include "newsdex/query.h"
#include "newsdex/schema.h"

namespace newsdex {

namespace {

// Gap between fields so a phrase never matches across title and body.
constexpr Xapian::termpos kFieldGap = 100;
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

// Fills each facet type's slots with its entities, most mentioned first,
// and the facet record with their keys (in slot order) and the article's
// day, source and language.
void add_facet_values(Xapian::Document& doc, const Article& article) {
  const std::vector<Entity>& entities = article.entities;
  FacetRecord record;
  if (article.date) record.day = day_of_date_slot(date_slot_value(*article.date));
  record.has_source = !article.source.empty();
  if (record.has_source) record.source = facet_key(article.source);
  record.has_language = !article.language.empty();
  if (record.has_language) record.language = facet_key(article.language);
  for (std::size_t t = 0; t < kEntityFieldCount; ++t) {
    const schema::EntityField& field = schema::kEntityFields[t];
    std::vector<const Entity*> of_type;
    for (const Entity& e : entities) {
      if (e.type == field.type && !e.name.empty()) of_type.push_back(&e);
    }
    std::stable_sort(of_type.begin(), of_type.end(),
                     [](const Entity* a, const Entity* b) { return a->mentions > b->mentions; });
    const std::size_t n = std::min<std::size_t>(of_type.size(), schema::kFacetValuesPerType);
    for (std::size_t i = 0; i < n; ++i) {
      doc.add_value(field.first_facet_slot + static_cast<Xapian::valueno>(i), of_type[i]->name);
      record.entities[t][i] = facet_key(of_type[i]->name);
    }
    record.entity_count[t] = static_cast<std::uint8_t>(n);
  }
  doc.add_value(schema::kFacetSlot, encode_facet_record(record));
}

// Raw names longer than this have no raw term (no archive evidence: they
// resolve as themselves).
constexpr std::size_t kMaxRawNameBytes = 200;

// `prefix` and a raw entity name as extracted, "" for a name too long.
std::string name_term(std::string_view prefix, const std::string& name) {
  if (name.size() > kMaxRawNameBytes) return {};
  return std::string(prefix) + name;
}

}  // namespace

std::string raw_entity_term(EntityType type, const std::string& name) {
  return name_term(schema::entity_field(type).raw_prefix, name);
}

std::string weak_entity_term(EntityType type, const std::string& name) {
  return name_term(schema::entity_field(type).weak_prefix, name);
}

std::string id_term(const std::string& id) {
  return bounded_term(std::string(schema::kIdPrefix) + id);
}

std::string file_term(const std::string& path) {
  return bounded_term(std::string(schema::kFilePrefix) + path);
}

std::string topic_term(const std::string& topic) {
  return bounded_term(std::string(schema::prefix_of("topic")) + normalize_filter_value(topic));
}

std::string entity_term(EntityType type, const std::string& name) {
  return bounded_term(std::string(schema::entity_field(type).prefix) + normalize_filter_value(name));
}

namespace {

// A word spelling_words keeps (a normalised non-stopword).
bool is_spelling_word(std::string_view word) {
  if (word.size() < 3 || word.size() > kMaxSpellingWordBytes) return false;
  return std::none_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// index_text, also appending the spelling words to `spelling` and giving
// each term to `signature` (each when not null: the body's signature is
// made from the very terms indexed, in one pass).
void index_words(Xapian::Document& doc, std::string_view text, std::string_view prefix, Xapian::termpos& pos,
                 const Analyzer& analyzer, std::vector<std::string>* spelling,
                 SignatureBuilder* signature = nullptr) {
  std::string term(prefix);
  Tokenizer words(text);
  while (words.next()) {
    if (analyzer.is_stopword(words.word())) continue;
    term.resize(prefix.size());
    term += analyzer.stem(words.word());
    doc.add_posting(term, ++pos);
    if (const std::size_t split = words.bigram_split()) {
      // A CJK bigram: its first character (and the run's last one, when
      // this bigram ends the run) is a term too, without position, so that
      // one character finds the text (analyzer.h).
      const std::string_view w = words.word();
      std::string one(prefix);
      one += analyzer.stem(w.substr(0, split));
      doc.add_term(one);
      if (words.cover_end() == words.end()) {
        one.resize(prefix.size());
        one += analyzer.stem(w.substr(split));
        doc.add_term(one);
      }
    }
    if (spelling != nullptr && is_spelling_word(words.word())) spelling->push_back(words.word());
    if (signature != nullptr) signature->add_word(std::string_view(term).substr(prefix.size()));
  }
}

Xapian::Document build_text_document(const Article& article, std::vector<std::string>* spelling);

}  // namespace

void index_text(Xapian::Document& doc, std::string_view text, std::string_view prefix, Xapian::termpos& pos,
                const Analyzer& analyzer) {
  index_words(doc, text, prefix, pos, analyzer, nullptr);
}

Xapian::Document make_document(const Article& article) {
  Xapian::Document doc = build_text_document(article, nullptr);
  finish_document(doc, article);
  return doc;
}

Xapian::Document make_document(const Article& article, std::vector<std::string>& spelling) {
  Xapian::Document doc = make_text_document(article, spelling);
  finish_document(doc, article);
  return doc;
}

Xapian::Document make_text_document(const Article& article, std::vector<std::string>& spelling) {
  spelling.clear();
  return build_text_document(article, &spelling);
}

void finish_document(Xapian::Document& doc, const Article& article) {
  for (const Entity& e : article.entities) doc.add_boolean_term(entity_term(e.type, e.name));
  for (const Entity& e : article.raw_entities) {
    const std::string raw = raw_entity_term(e.type, e.name);
    if (raw.empty()) continue;
    doc.add_boolean_term(raw);
    if (e.weak) doc.add_boolean_term(weak_entity_term(e.type, e.name));
  }
  add_facet_values(doc, article);
  doc.set_data(article_to_json(article));
}

std::vector<std::string> spelling_words(const Article& article) {
  std::vector<std::string> words;
  const Analyzer& analyzer = analyzer_for(article.language);
  for (const std::string* text : {&article.title, &article.body}) {
    Tokenizer tok(*text);
    while (tok.next()) {
      if (!analyzer.is_stopword(tok.word()) && is_spelling_word(tok.word())) words.push_back(tok.word());
    }
  }
  return words;
}

namespace {

// make_document without what finish_document adds.
Xapian::Document build_text_document(const Article& article, std::vector<std::string>* spelling) {
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  const Analyzer& analyzer = analyzer_for(article.language);

  // The title is indexed once, under its prefix; free-text queries search
  // both the body terms and the title terms (query.cc), so a word in the
  // title counts as a second, rarer term.
  index_words(doc, article.title, schema::prefix_of("title"), pos, analyzer, spelling);
  pos += kFieldGap;
  SignatureBuilder signature;
  index_words(doc, article.body, {}, pos, analyzer, spelling, &signature);
  // An article without body words (a headline flash) is its headline.
  std::string sig = signature.take();
  if (sig.empty()) sig = content_signature(article.title);
  if (!sig.empty()) doc.add_value(schema::kSignatureSlot, sig);
  // Author and source keep positions so `source:"market desk"` works.
  if (!article.author.empty()) {
    pos += kFieldGap;
    index_text(doc, article.author, schema::prefix_of("author"), pos, analyzer);
  }
  if (!article.source.empty()) {
    pos += kFieldGap;
    index_text(doc, article.source, schema::prefix_of("source"), pos, analyzer);
  }
  const std::size_t topic_prefix = schema::prefix_of("topic").size();
  for (std::size_t i = 0; i < article.topics.size(); ++i) {
    const std::string& topic = article.topics[i];
    const std::string term = topic_term(topic);
    if (term.size() == topic_prefix) continue;  // nothing left once normalised
    doc.add_boolean_term(term);
    if (i < schema::kTopicFacetValues) doc.add_value(schema::kFirstTopicSlot + static_cast<Xapian::valueno>(i), topic);
  }
  doc.add_boolean_term(id_term(article.id));
  doc.add_value(schema::kIdSlot, article.id);
  doc.add_value(schema::kDateIdSlot,
                (article.date ? date_slot_value(*article.date) : std::string()) + std::string(1, '\0') + article.id);
  doc.add_boolean_term(file_term(article.file.empty() ? article.path : article.file));
  if (article.date) doc.add_value(schema::kDateSlot, date_slot_value(*article.date));
  if (!article.source.empty()) doc.add_value(schema::kSourceSlot, article.source);
  if (!article.language.empty()) {
    doc.add_boolean_term(std::string(schema::prefix_of("lang")) + article.language);
    doc.add_value(schema::kLanguageSlot, article.language);
  }
  return doc;
}

}  // namespace

void copy_indexer_values(const Xapian::Document& from, Xapian::Document& to) {
  for (const Xapian::valueno slot : {schema::kHashSlot, schema::kDupGroupSlot, schema::kDupSizeSlot}) {
    to.add_value(slot, from.get_value(slot));
  }
}

namespace {

// Appends `"key":"value"`, after a comma unless it is the object's first.
void append_json_field(std::string& out, std::string_view key, std::string_view value, bool first = false) {
  if (!first) out.push_back(',');
  append_json_string(out, key);
  out.push_back(':');
  append_json_string(out, value);
}

}  // namespace

std::string article_to_json(const Article& article) {
  std::string out;
  out.reserve(article.body.size() + article.title.size() + article.path.size() + 256 + 48 * article.entities.size());
  out.push_back('{');
  append_json_field(out, "id", article.id, true);
  append_json_field(out, "path", article.path);
  if (!article.file.empty()) append_json_field(out, "file", article.file);
  out.append(",\"line\":").append(std::to_string(article.line));
  append_json_field(out, "title", article.title);
  if (article.date) {
    append_json_field(out, "date", format_iso8601(*article.date));
  } else {
    out.append(",\"date\":null");
  }
  append_json_field(out, "author", article.author);
  append_json_field(out, "source", article.source);
  append_json_field(out, "url", article.url);
  if (!article.dateline.empty()) append_json_field(out, "dateline", article.dateline);
  append_json_field(out, "body", article.body);
  append_json_field(out, "language", article.language);
  const auto entities = [&out](const char* key, const std::vector<Entity>& list) {
    out.append(",\"").append(key).append("\":[");
    for (std::size_t k = 0; k < list.size(); ++k) {
      const Entity& e = list[k];
      if (k > 0) out.push_back(',');
      out.push_back('{');
      append_json_field(out, "type", name_of(e.type), true);
      append_json_field(out, "name", e.name);
      out.append(",\"mentions\":").append(std::to_string(e.mentions));
      if (e.weak) out.append(",\"weak\":true");
      out.push_back('}');
    }
    out.push_back(']');
  };
  entities("entities", article.entities);
  if (!article.raw_entities.empty()) entities("raw_entities", article.raw_entities);
  if (!article.topics.empty()) {
    out.append(",\"topics\":[");
    for (std::size_t k = 0; k < article.topics.size(); ++k) {
      if (k > 0) out.push_back(',');
      append_json_string(out, article.topics[k]);
    }
    out.push_back(']');
  }
  out.push_back('}');
  return out;
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
  a.file = str("file");
  a.title = str("title");
  a.author = str("author");
  a.source = str("source");
  a.url = str("url");
  a.dateline = str("dateline");
  a.body = str("body");
  a.language = str("language");
  if (auto it = j.find("line"); it != j.end() && it->is_number_unsigned()) a.line = it->get<std::uint64_t>();
  if (auto it = j.find("date"); it != j.end() && it->is_string()) a.date = parse_date(it->get<std::string>());
  const auto entities = [&j](const char* key, std::vector<Entity>& list) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return;
    for (const auto& e : *it) {
      if (!e.is_object()) continue;
      const std::optional<EntityType> type = entity_type_named(e.value("type", ""));
      if (!type) continue;  // not a type this newsdex knows
      Entity ent;
      ent.type = *type;
      ent.name = e.value("name", "");
      ent.mentions = e.value("mentions", 0);
      const auto weak = e.find("weak");
      ent.weak = weak != e.end() && weak->is_boolean() && weak->get<bool>();
      list.push_back(std::move(ent));
    }
  };
  entities("entities", a.entities);
  entities("raw_entities", a.raw_entities);
  if (auto it = j.find("topics"); it != j.end() && it->is_array()) {
    for (const auto& t : *it)
      if (t.is_string()) a.topics.push_back(t.get<std::string>());
  }
  return a;
}

}  // namespace newsdex
