// The archive's alias table and entity directory (identity.h) as every
// shard stores them in its metadata (schema::kAliasKeyPrefix,
// schema::kEntityKeyPrefix), the raw-name evidence the table is built
// from, and the re-resolution of stored articles when the table changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "newsdex/identity.h"

namespace newsdex {

// The alias table `db` stores (of its first shard when it combines several:
// every shard stores the same table once an index run has finished).
AliasTable load_alias_table(const Xapian::Database& db);

// Makes `shard`'s stored table `table`, writing only the entries that
// differ from `stored` (what load_alias_table read from it).
void store_alias_table(Xapian::WritableDatabase& shard, const AliasTable& stored, const AliasTable& table);

// The entry of one raw name, looked up in `db`'s stored table (one metadata
// read): what a query for TYPE:NAME means, with key = entity_key(NAME).
std::optional<AliasTarget> find_alias(const Xapian::Database& db, EntityType type, std::string_view key);

// Every raw name of `db` with the number of articles holding it (summed
// over shards), from the raw-name terms, and of those giving only weak
// evidence of it, from the weak-name terms.
std::vector<RawName> load_raw_names(const Xapian::Database& db);

// Makes `shard`'s stored entity directory `entities` (changed entries
// written, stale ones removed).
void store_entity_directory(Xapian::WritableDatabase& shard, const std::vector<EntityAliases>& entities);

// The names the canonical `entity` goes by, as `db` stores them; an entity
// with no other name has an empty list.
EntityAliases find_entity_aliases(const Xapian::Database& db, const AliasTarget& entity);

// Gives the articles of `shard` that hold a raw name which `after`
// resolves otherwise than any of `before` (the tables its articles were
// indexed with) the entities after.resolve() makes of their raw entities,
// rewriting only those whose entities change (from their stored data and
// raw entities: no source is read). Returns how many were rewritten.
std::uint64_t reresolve_articles(Xapian::WritableDatabase& shard, const std::vector<const AliasTable*>& before,
                                 const AliasTable& after);

}  // namespace newsdex
