// The one schema table: every user-visible field, its Xapian term prefix,
// and every value slot. The indexer and the searcher both read prefixes and
// slots from here and nowhere else.
#pragma once

#include <string_view>

#include <xapian.h>

#include "newsdex/article.h"

namespace newsdex::schema {

enum class FieldKind {
  text,      // free text: words analysed like the body, `title:cocoa`
  boolean,   // exact filter term, value verbatim, `id:reuters-17`
  language,  // a language filter, value a language tag, `lang:fr`
  topic,     // a topic the publisher gave (Article::topics), the whole
             // value compared normalised as entity names are
             // (normalize_filter_value: case and accents ignored),
             // `topic:"Politics and Government"`, `topic:polit*`
};

struct Field {
  std::string_view name;    // as typed in a query, before the colon
  std::string_view prefix;  // Xapian term prefix
  FieldKind kind;
  std::string_view help;    // one line for --help
};

// Prefixes follow Xapian's convention (a capital letter, or X plus capitals),
// and no prefix is a prefix of another (the entity prefixes below
// included), so a term's field is never ambiguous.
inline constexpr Field kFields[] = {
    {"title", "S", FieldKind::text, "words in the headline"},
    {"author", "A", FieldKind::text, "words in the byline"},
    {"source", "XSRC", FieldKind::text, "words in the publisher or site name"},
    {"id", "Q", FieldKind::boolean, "the article id (exact)"},
    {"lang", "XLANG", FieldKind::language, "the article's language (ISO 639-1: en, fr, ru, zh...)"},
    {"topic", "XTOPIC", FieldKind::topic, "a topic the publisher gave (the whole value, any case)"},
};

// Topic facets: an article's first kTopicFacetValues topics
// (Article::topics, in input order), one per value slot from
// kFirstTopicSlot, as given, counted by Xapian's built-in
// ValueCountMatchSpy (local and remote shards alike). Its other topics are
// searchable (`topic:`) but not counted.
inline constexpr Xapian::valueno kFirstTopicSlot = 180;
inline constexpr Xapian::valueno kTopicFacetValues = 8;

// Entity fields: one per EntityType, named as name_of() names the type
// (`person:Putin`). They are boolean: their values are the normalised
// canonical entity name (see normalize_filter_value).
//
// Entity facets. An article names many people, but Xapian's match spies
// count one value per slot per document, so:
// - each type has a run of kFacetValuesPerType slots from first_facet_slot,
//   one canonical display name per slot, most mentioned first, counted by
//   the built-in ValueCountMatchSpy: this is what works through Xapian's
//   remote backend (xapian-tcpsrv only knows built-in spies);
// - kFacetSlot holds the facet record (facet_record.h): a 64-bit key of
//   each of the same names, in slot order, with the article's day, source
//   and language, read by newsdex's own spy in one value lookup per
//   document and counted by key: the fast path for local databases. The
//   keys a facet list shows are named from the slot of the run their
//   place in the record gives, in an article that has them.
// Both count an article's kFacetValuesPerType most mentioned entities of a
// type (its other entities are searchable but not counted), so they agree.
struct EntityField {
  EntityType type;
  std::string_view prefix;            // Xapian term prefix
  // Prefix of the raw-name terms: raw_prefix + a raw entity name exactly as
  // extracted (Article::raw_entities). Their term frequencies are the
  // archive's evidence for its alias table (identity.h).
  std::string_view raw_prefix;
  // Prefix of the weak-name terms: weak_prefix + a raw name that an
  // article gives only weak evidence of (Entity::weak). A name whose
  // weak-name term frequency is its raw-name term frequency is hidden.
  std::string_view weak_prefix;
  std::string_view help;              // one line for --help
  Xapian::valueno first_facet_slot;
};
inline constexpr EntityField kEntityFields[] = {
    {EntityType::person, "XPER", "XEP", "XWP", "a person named in the article", 100},
    {EntityType::place, "XLOC", "XEL", "XWL", "a place named in the article", 120},
    {EntityType::org, "XORG", "XEO", "XWO", "an organisation named in the article", 140},
    {EntityType::misc, "XMSC", "XEM", "XWM", "a nationality, event or law named in the article", 160},
};
inline constexpr Xapian::valueno kFacetValuesPerType = 8;
// Slot 90 held every counted name as text (the entity list) up to format
// 10; it is no longer written.
inline constexpr Xapian::valueno kFacetSlot = 91;

// Every raw_prefix starts with this.
inline constexpr std::string_view kRawEntityPrefix = "XE";
// Every weak_prefix starts with this.
inline constexpr std::string_view kWeakEntityPrefix = "XW";

// The entity field of `type`.
const EntityField& entity_field(EntityType type);

// `entity:X` matches X as a person, place, org or misc entity.
inline constexpr std::string_view kAnyEntityField = "entity";

// The unique id term of an article is kIdPrefix + Article::id (verbatim,
// not normalised), so re-indexing an article replaces it.
inline constexpr std::string_view kIdPrefix = "Q";
// Every article read from a file carries kFilePrefix + its source path, so
// all articles of one file can be found (and deleted) together.
inline constexpr std::string_view kFilePrefix = "XFILE";

// Body words are indexed unprefixed, as stems (see analyzer.h).

// `date:D` (a year, month or day: that whole period) and `date:A..B`
// (either end may be empty): a range over kDateSlot (query.h).
inline constexpr std::string_view kDateField = "date";

// `like:ID`: the articles most like the article of id ID (query.h).
inline constexpr std::string_view kLikeField = "like";

// Value slots.
// kDateSlot: publication time as "YYYYMMDDhhmmss" (UTC); string order is
// time order. Absent when the article has no date.
inline constexpr Xapian::valueno kDateSlot = 0;
// kHashSlot: a hash of the article as read (before entity extraction), so a
// re-run can tell an unchanged record from a changed one without
// re-analysing it. Written by the indexer.
inline constexpr Xapian::valueno kHashSlot = 2;
// kSourceSlot: the source (publisher) as written, for counting sources.
inline constexpr Xapian::valueno kSourceSlot = 3;
// kIdSlot: the article id, to break ties in ranking the same way whatever
// the docids (one database, shards, remote shards).
inline constexpr Xapian::valueno kIdSlot = 4;
// kDateIdSlot: the date slot's value, a NUL byte, then the id: sorting on it
// (descending) gives newest first with ties in one fixed order, and works
// through the remote backend, which has no KeyMaker.
inline constexpr Xapian::valueno kDateIdSlot = 5;
// kLanguageSlot: the article's language code (Article::language), absent
// when unknown.
inline constexpr Xapian::valueno kLanguageSlot = 6;
// Near-duplicate grouping (duplicates.h). kSignatureSlot: the content
// signature of the body (content_signature), or of the title when the body
// has no words, absent when neither has; written by make_document. kDupGroupSlot: the group key, the id of
// the group's representative (its smallest id), present only on articles
// with at least one near-duplicate; searches collapse on it.
// kDupSizeSlot: the group's number of articles, decimal, beside the key.
// Both are written by the indexer's end-of-run pass (regroup_duplicates),
// which rewrites every article whose group changed.
inline constexpr Xapian::valueno kSignatureSlot = 10;
inline constexpr Xapian::valueno kDupGroupSlot = 11;
inline constexpr Xapian::valueno kDupSizeSlot = 12;


// User metadata key of every shard holding the index format it was written
// in, and the format this newsdex writes and reads. The format changes
// whenever an index written before could not be searched correctly with
// the new code (terms, prefixes or slots change meaning); an index in
// another format must be rebuilt (newsdex-index --rebuild).
// Format 11: the facet record (kFacetSlot, facet_record.h): an article's
// day, source, language and counted entities as 64-bit keys in one value,
// so that the facet pass of a local search reads one value a match (it
// read four: the entity list, source, language and date slots) and counts
// integers instead of names; the entity list slot (90) is gone. A format
// 10 index has no records: its facets would be empty.
// Format 10: no band terms (format 9's "XB" terms, 32 per signed article,
// almost each a posting list of its own: about a tenth of an index run's
// CPU and 55 MB of its memory). The incremental regrouping finds the
// stored articles sharing an LSH band with a run's articles by one pass
// over the signature slot instead (update_duplicate_groups). A format 9
// index would search correctly, but format 9's newsdex writing into a
// format 10 index would find no stored candidates and miss new groups, so
// the format changes.
// Format 9: the publisher's topics (Article::topics: NITF classifiers and
// keywords, NewsML subjects and keywords, feed categories, JSON tags,
// HTML keywords) as XTOPIC filter terms, in the stored data ("topics") and
// in the topic facet slots (kFirstTopicSlot); an index written before has
// none, so `topic:` would find nothing in it. Also each CJK character of a
// run as a term without position (Tokenizer::bigram_split), so that one
// character finds the text it stands in.
// Also band terms ("XB") on every signed article, from which
// the indexer regroups near-duplicates incrementally: an index without
// them would give the incremental pass no candidates among its stored
// articles, so its groups would miss new near-duplicates of old articles.
// Format 8: each article analysed for its own language (analyzer.h): body,
// title, author and source terms are that language's Snowball stems with
// its stopwords left out (they were English stems of every article), and
// CJK text is overlapping character bigrams (it was one term per
// character).
// Format 7: content signatures and near-duplicate groups (kSignatureSlot,
// kDupGroupSlot, kDupSizeSlot).
// Spelling data (Xapian's spelling table: each article's spelling_words,
// document.h, a word's frequency the articles that use it) is not part of
// the format: an index written without it searches correctly and only
// offers no "did you mean" (search.h) until rebuilt, so writing it did not
// change the format.
// Format 6: canonical entities through the archive's alias table, raw
// entity names as kRawEntityPrefix terms and in the data, a language term
// and slot.
// Format 5: words from newsdex's own Tokenizer instead of Xapian's
// TermGenerator ("U.S." is the term "us", not "u" and "s"; "AT&T",
// "C++", long words cut at 240 bytes; see analyzer.h).
// Format 4: the title only under its prefix (free text searches both).
// Format 3: terms are stems (STEM_ALL), stopwords not indexed, see
// analyzer.h. Format 2: stems, stopwords indexed. Format 1 (no key): words
// with positions plus "Z" stems.
inline constexpr std::string_view kFormatKey = "newsdex:format";
inline constexpr std::string_view kFormat = "11";

// Metadata of every shard: the archive's alias table, one key per entry,
// kAliasKeyPrefix + AliasTable::entry_key(type, key) -> "TYPE\tNAME"
// (NAME empty: hidden); and its entity directory, kEntityKeyPrefix +
// entry_key(type, entity_key(name)) of a canonical entity -> JSON of the
// names it goes by (identity_store.h).
inline constexpr std::string_view kAliasKeyPrefix = "newsdex:alias:";
inline constexpr std::string_view kEntityKeyPrefix = "newsdex:entity:";
// Metadata of every shard: what its alias table was built from besides the
// articles (a hash of the newsdex version and the user's alias rules);
// empty from the commit of a run's first change to the shard until that
// run's identity pass, so that a run stopped in between is finished by
// the next.
inline constexpr std::string_view kIdentityStampKey = "newsdex:identity_stamp";

// Metadata of every shard: "1" when its articles' duplicate groups
// (kDupGroupSlot) were computed after its last change, else absent or "".
inline constexpr std::string_view kDupGroupsKey = "newsdex:dup_groups";

// State database metadata keys (the state database of a generation holds
// no articles, see DatabaseWriter): the last index run's summary (JSON),
// and the archive's settings (ArchiveSettings, JSON).
inline constexpr std::string_view kLastRunKey = "newsdex:last_run";
inline constexpr std::string_view kSettingsKey = "newsdex:settings";
// The user's alias file as last given (--aliases): JSON {"origin", "text"}.
inline constexpr std::string_view kAliasRulesKey = "newsdex:alias_rules";

// The field with this query name, or nullptr.
const Field* find_field(std::string_view name);

// The prefix of a field that must exist (an unknown name is a programming
// error and aborts).
std::string_view prefix_of(std::string_view name);

}  // namespace newsdex::schema
