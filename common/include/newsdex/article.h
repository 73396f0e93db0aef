// The one value every reader produces and the indexer consumes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// Seconds since 1970-01-01T00:00:00Z. Always UTC: readers convert zoned
// times before storing them.
using UnixTime = std::int64_t;

// The dates an Article may carry: 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59Z, so that every stored date has a four-digit year
// (date slot values, shard names and ISO 8601 text sort as times).
inline constexpr UnixTime kMinUnixTime = -62135596800;
inline constexpr UnixTime kMaxUnixTime = 253402300799;

// The kinds of entity newsdex extracts: people, places, organisations, and
// misc (nationalities, events, laws). kEntityTypes lists them in the order
// every output shows them.
enum class EntityType : std::uint8_t { person, place, org, misc };
inline constexpr EntityType kEntityTypes[] = {EntityType::person, EntityType::place, EntityType::org,
                                              EntityType::misc};

// The type's one name, as queries (person:), --json output and stored
// records spell it: "person", "place", "org", "misc".
std::string_view name_of(EntityType type);
// The type that name_of() names `name`, or nullopt.
std::optional<EntityType> entity_type_named(std::string_view name);

// A named entity found in an article (filled by entity extraction; readers
// leave Article::entities empty).
struct Entity {
  EntityType type = EntityType::misc;
  std::string name;   // canonical display form, e.g. "Vladimir Putin"
  int mentions = 0;   // how many times the article mentions it (all aliases)
  // A raw entity (Article::raw_entities) the article gives only weak
  // evidence of: every mention is the tagger's, unsure of it (a small
  // margin), and no list or rule confirms it. The archive's identity pass
  // hides a name that no article gives better evidence of.
  bool weak = false;
};

// One news article. All strings are valid UTF-8 (readers repair input).
struct Article {
  std::string id;      // the input's own id, else from the path (and, for a
                       // record, its content: see id_from_content)
  std::string path;    // the source file: as the reader was given it (an
                       // index run gives absolute, lexically normal paths);
                       // a bundle member's is "<bundle>!/<member>"
  // The input file the article was read from when that is not `path`: a
  // bundle member's bundle (BundleReader); empty otherwise. The index
  // finds a file's articles by it (document.cc's file term), so that an
  // incremental run deletes a bundle's vanished members.
  std::string file;
  std::uint64_t line = 0;  // 1-based line (JSON Lines) or record number
                           // (JSON arrays); 0 for one-article files
  std::string title;
  std::optional<UnixTime> date;  // publication time, UTC, within
                                 // kMinUnixTime..kMaxUnixTime
  std::string author;  // byline or author name(s)
  std::string source;  // publisher or site name
  std::string url;
  std::string body;    // paragraphs separated by "\n\n"
  // The dateline as the input's metadata gives it ("WASHINGTON, March 3",
  // NITF's and NewsML's <dateline>, JSON "dateline"): where the story was
  // filed. Extraction makes its place, and that place's country, places of
  // the article (EntityExtractor::extract). Empty when the input has none;
  // a dateline that opens the body stays in the body.
  std::string dateline;
  // ISO 639-1 code ("en", "fr"; see newsdex/language.h), "" when unknown:
  // readers set what the input declares, and the common reader checks
  // detect it where the input says nothing.
  std::string language;
  // The article's entities as the archive knows them: raw_entities
  // resolved through the archive's alias table (identity.h), and what
  // entity filters and facets find. Empty until extraction.
  std::vector<Entity> entities;
  // The entities as the extractor named them in this article alone
  // ("Reagan", "Securities and Exchange Commission (SEC)"), kept so that
  // the archive can resolve them again without reading the source. A
  // reader sets here the entities its input names in metadata (NITF's
  // <person>/<org>/<location>, NewsML-G2's subjects), as given; extraction
  // adds its own to them (with_given_entities).
  std::vector<Entity> raw_entities;
  // What the publisher says the article is about, as its metadata gives it
  // (NITF classifiers and keywords, NewsML subjects and keywords, feed
  // categories, JSON topics/tags/keywords, HTML keywords and sections): not
  // entities, which go to raw_entities. Readers add them with add_topic
  // (readers' reader_util.h); the common reader checks (Reader::read)
  // leave each one valid UTF-8, on one line, non-empty, at most
  // kMaxTopicBytes, each once ignoring case (normalize_filter_value), at
  // most kMaxTopics of them in input order, the rest reported.
  std::vector<std::string> topics;
};

// The bounds of Article::topics.
inline constexpr std::size_t kMaxTopics = 64;
inline constexpr std::size_t kMaxTopicBytes = 200;

// The entities extraction found in an article with those its input gave
// (`given`, as the reader left them in Article::raw_entities) added, each
// once: a given entity that was also found (same type, same name ignoring
// ASCII case) is not repeated. Ordered by type; within a type, extraction's
// order, then the given ones in input order.
std::vector<Entity> with_given_entities(std::vector<Entity> extracted, const std::vector<Entity>& given);

// Formats t as ISO 8601 UTC with a four-digit year, "2025-10-15T00:00:00Z",
// "0999-12-31T10:00:00Z". REQUIRES: kMinUnixTime <= t <= kMaxUnixTime.
std::string format_iso8601(UnixTime t);

}  // namespace newsdex
