#include "newsdex/identity_store.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "newsdex/document.h"
#include "newsdex/json.h"
#include "newsdex/schema.h"

namespace newsdex {

namespace {

std::string alias_value(const AliasTarget& t) {
  std::string v(name_of(t.type));
  v.push_back('\t');
  v += t.name;
  return v;
}

std::optional<AliasTarget> parse_alias_value(std::string_view v) {
  const std::size_t tab = v.find('\t');
  if (tab == std::string_view::npos) return std::nullopt;
  const std::optional<EntityType> type = entity_type_named(v.substr(0, tab));
  if (!type) return std::nullopt;
  return AliasTarget{*type, std::string(v.substr(tab + 1))};
}

// The entity type of a term of the kind `prefix` names
// (&EntityField::raw_prefix or &EntityField::weak_prefix), and the name;
// false for another term.
bool parse_name_term(const std::string& term, std::string_view schema::EntityField::*prefix, EntityType* type,
                     std::string_view* name) {
  for (const schema::EntityField& f : schema::kEntityFields) {
    const std::string_view p = f.*prefix;
    if (term.compare(0, p.size(), p) == 0) {
      *type = f.type;
      *name = std::string_view(term).substr(p.size());
      return true;
    }
  }
  return false;
}

// The entity type of a raw-name term, and the name; false for another term.
bool parse_raw_term(const std::string& term, EntityType* type, std::string_view* name) {
  return parse_name_term(term, &schema::EntityField::raw_prefix, type, name);
}

std::string directory_key(const AliasTarget& entity) {
  return std::string(schema::kEntityKeyPrefix) + AliasTable::entry_key(entity.type, entity_key(entity.name));
}

std::string directory_value(const EntityAliases& e) {
  nlohmann::ordered_json aliases = nlohmann::ordered_json::array();
  for (const RawName& r : e.aliases) {
    aliases.push_back({{"type", name_of(r.type)}, {"name", r.name}, {"articles", r.articles}});
  }
  nlohmann::ordered_json j = {{"type", name_of(e.entity.type)}, {"name", e.entity.name}, {"aliases", aliases}};
  return to_json_text(j);
}

std::optional<EntityAliases> parse_directory_value(const std::string& v) {
  const nlohmann::json j = nlohmann::json::parse(v, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  const std::optional<EntityType> type = entity_type_named(j.value("type", ""));
  if (!type) return std::nullopt;
  EntityAliases e;
  e.entity = {*type, j.value("name", "")};
  if (auto it = j.find("aliases"); it != j.end() && it->is_array()) {
    for (const auto& a : *it) {
      if (!a.is_object()) continue;
      const std::optional<EntityType> t = entity_type_named(a.value("type", ""));
      if (!t) continue;
      e.aliases.push_back({*t, a.value("name", ""), a.value("articles", std::uint64_t{0})});
    }
  }
  return e;
}

bool same_entities(const std::vector<Entity>& a, const std::vector<Entity>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Entity& x, const Entity& y) {
    return x.type == y.type && x.name == y.name && x.mentions == y.mentions;
  });
}

}  // namespace

AliasTable load_alias_table(const Xapian::Database& db) {
  AliasTable table;
  const std::string prefix(schema::kAliasKeyPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    EntityType type;
    std::string key;
    if (!AliasTable::parse_entry_key(std::string_view(*it).substr(prefix.size()), &type, &key)) continue;
    if (const auto target = parse_alias_value(db.get_metadata(*it))) table.set(type, key, *target);
  }
  return table;
}

void store_alias_table(Xapian::WritableDatabase& shard, const AliasTable& stored, const AliasTable& table) {
  const std::string prefix(schema::kAliasKeyPrefix);
  for (const auto& [entry, target] : table.entries()) {
    auto old = stored.entries().find(entry);
    if (old != stored.entries().end() && old->second == target) continue;
    shard.set_metadata(prefix + entry, alias_value(target));
  }
  for (const auto& [entry, target] : stored.entries()) {
    if (!table.entries().count(entry)) shard.set_metadata(prefix + entry, std::string());
  }
}

std::optional<AliasTarget> find_alias(const Xapian::Database& db, EntityType type, std::string_view key) {
  const std::string v = db.get_metadata(std::string(schema::kAliasKeyPrefix) + AliasTable::entry_key(type, key));
  if (v.empty()) return std::nullopt;
  return parse_alias_value(v);
}

std::vector<RawName> load_raw_names(const Xapian::Database& db) {
  std::vector<RawName> names;
  std::map<std::pair<EntityType, std::string_view>, std::size_t> index;
  const std::string prefix(schema::kRawEntityPrefix);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    const std::string term = *it;
    EntityType type;
    std::string_view name;
    if (!parse_raw_term(term, &type, &name)) continue;
    names.push_back({type, std::string(name), it.get_termfreq(), 0});
  }
  for (std::size_t k = 0; k < names.size(); ++k) index.emplace(std::make_pair(names[k].type, std::string_view(names[k].name)), k);
  const std::string weak_prefix(schema::kWeakEntityPrefix);
  for (auto it = db.allterms_begin(weak_prefix); it != db.allterms_end(weak_prefix); ++it) {
    const std::string term = *it;
    EntityType type;
    std::string_view name;
    if (!parse_name_term(term, &schema::EntityField::weak_prefix, &type, &name)) continue;
    const auto found = index.find({type, name});
    if (found != index.end()) names[found->second].weak = it.get_termfreq();
  }
  return names;
}

void store_entity_directory(Xapian::WritableDatabase& shard, const std::vector<EntityAliases>& entities) {
  std::map<std::string, std::string> wanted;
  for (const EntityAliases& e : entities) wanted[directory_key(e.entity)] = directory_value(e);
  const std::string prefix(schema::kEntityKeyPrefix);
  std::vector<std::string> stale;
  for (auto it = shard.metadata_keys_begin(prefix); it != shard.metadata_keys_end(prefix); ++it) {
    auto w = wanted.find(*it);
    if (w == wanted.end()) {
      stale.push_back(*it);
    } else if (shard.get_metadata(*it) == w->second) {
      wanted.erase(w);
    }
  }
  for (const std::string& k : stale) shard.set_metadata(k, std::string());
  for (const auto& [k, v] : wanted) shard.set_metadata(k, v);
}

EntityAliases find_entity_aliases(const Xapian::Database& db, const AliasTarget& entity) {
  if (const auto e = parse_directory_value(db.get_metadata(directory_key(entity)))) return *e;
  return EntityAliases{entity, {}};
}


std::uint64_t reresolve_articles(Xapian::WritableDatabase& shard, const std::vector<const AliasTable*>& before,
                                 const AliasTable& after) {
  std::vector<Xapian::docid> docs;
  const std::string prefix(schema::kRawEntityPrefix);
  for (auto it = shard.allterms_begin(prefix); it != shard.allterms_end(prefix); ++it) {
    const std::string term = *it;
    EntityType type;
    std::string_view name;
    if (!parse_raw_term(term, &type, &name)) continue;
    NameParts parts = split_acronym(name);
    const std::string key = entity_key(parts.name);
    // What the name resolves to under a table: its entry, else itself
    // (AliasTable::resolve). A name that gains an entry naming it as it is
    // written changes nothing.
    const AliasTarget self{type, std::move(parts.name)};
    const AliasTarget* a = after.find(type, key);
    const AliasTarget& now = a != nullptr ? *a : self;
    const bool changed = std::any_of(before.begin(), before.end(), [&](const AliasTable* table) {
      const AliasTarget* b = table->find(type, key);
      return (b != nullptr ? *b : self) != now;
    });
    if (!changed) continue;
    for (auto p = shard.postlist_begin(term); p != shard.postlist_end(term); ++p) docs.push_back(*p);
  }
  std::sort(docs.begin(), docs.end());
  docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  std::uint64_t rewritten = 0;
  for (Xapian::docid id : docs) {
    const Xapian::Document old = shard.get_document(id);
    Article article = article_from_data(old.get_data());
    std::vector<Entity> entities = after.resolve(article.raw_entities);
    if (same_entities(entities, article.entities)) continue;
    // A document built again from the stored article costs less than
    // editing the stored one, which loads every term's positions.
    article.entities = std::move(entities);
    Xapian::Document doc = make_document(article);
    copy_indexer_values(old, doc);
    shard.replace_document(id, doc);
    ++rewritten;
  }
  return rewritten;
}

}  // namespace newsdex
