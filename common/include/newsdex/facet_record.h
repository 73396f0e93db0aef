// The facet record of an article (schema::kFacetSlot): everything a
// search's facet pass counts of it, in one value read: its day, a key of
// its source and of its language, and a key of each entity name its
// entity facets count. make_document writes it; the facet pass of a local
// search (FacetCounter, facets.h) reads it, and turns only the keys it
// shows back into names, from the article's own entity list, source and
// language slots.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "newsdex/article.h"
#include "newsdex/schema.h"

namespace newsdex {

// The key of a facet value (a canonical entity name, a source, a
// language): the 64-bit XXH3 hash of its bytes. Two values with one key
// would be counted as one; among n distinct values of one kind the
// expected number of such pairs is n(n-1)/2 / 2^64, about 3 in a million
// for ten million names, so a key stands for its value. 0 is a key like
// any other.
std::uint64_t facet_key(std::string_view value);

inline constexpr std::size_t kEntityFieldCount = std::size(schema::kEntityFields);

// A decoded facet record. Keys of entity type kEntityFields[t] are
// entities[t], count entity_count[t] (at most kFacetValuesPerType), in
// the order of the type's facet slots (most mentioned first).
struct FacetRecord {
  std::uint32_t day = 0;  // YYYYMMDD of the date slot; 0: undated
  bool has_source = false;
  std::uint64_t source = 0;  // facet_key(Article::source), when has_source
  bool has_language = false;
  std::uint64_t language = 0;  // facet_key(Article::language), when has_language
  std::array<std::uint8_t, kEntityFieldCount> entity_count{};
  std::array<std::array<std::uint64_t, schema::kFacetValuesPerType>, kEntityFieldCount> entities{};
};

// The bytes of `record`: a flags byte (1: day, 2: source, 4: language),
// the day (4 bytes) and the source and language keys (8 bytes each) when
// flagged, one count byte per entity type, then the entity keys (8 bytes
// each), all little-endian. About 90 bytes for an article of 8 names,
// against 160 for the names themselves.
std::string encode_facet_record(const FacetRecord& record);

// Decodes `bytes` into `record`. Returns false, `record` unspecified, when
// they are not a facet record (too short, too long, a count over
// kFacetValuesPerType); an empty value (no record) is an empty record.
bool decode_facet_record(std::string_view bytes, FacetRecord& record);

}  // namespace newsdex
