// One identity per entity across an archive.
//
// The extractor names the entities of one article as that article writes
// them ("Reagan", "U.K.", "Securities and Exchange Commission (SEC)", a
// company the tagger took for a person). An archive's alias table maps each
// such raw name to its canonical entity - a type and a display name, or
// hidden - decided by all the archive's evidence: surname-only mentions go
// to the one full name the archive gives them, acronyms to the expansion
// the archive defines, every name to the type most of its articles give it,
// well-known aliases to the names of built-in tables, and a user's alias
// file (merge, rename, type, hide) last. Articles are indexed under their
// canonical entities; entity filters resolve through the same table.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/article.h"

namespace newsdex {

// The identity key of a name: its words as the analyzer's Tokenizer reads
// them (case, accents and punctuation gone; "Moody's" -> "moody"), joined by
// single spaces, without a leading "the", "&" read as "and", "for" as
// "of", a run of initials as one word, the abbreviations "Bros" and "Mfg"
// as "brothers" and "manufacturing", and British spellings as American
// ones (-isation, Centre, Defence, Programme, Theatre). Names with one key
// are one name written two ways ("U.K." and "UK"; "INDIA" and "India";
// "Procter & Gamble" and "Procter and Gamble"; "A. H. Robins" and "A.H.
// Robins"; "Salomon Bros" and "Salomon Brothers"; "World Health
// Organisation" and "World Health Organization"; "Department for Work and
// Pensions" and "Department of Work and Pensions"). "" when the name has
// no word.
std::string entity_key(std::string_view name);

// Names the version of the identity rules (entity_key, build_identity and
// the built-in aliases): a new value whenever they change, so that the
// next index run of an archive whose alias table another version built
// builds it again and re-resolves the articles it changes (the run's
// identity stamp holds it).
inline constexpr std::string_view kIdentityRules = "2026-11-27.2";

// A raw name that defines an acronym, "Securities and Exchange Commission
// (SEC)", as its name and acronym; other names as they are, acronym "".
struct NameParts {
  std::string name;
  std::string acronym;
};
NameParts split_acronym(std::string_view raw);

// What a name resolves to: an entity of `type` displayed as `name`, or
// nothing (hidden, by a user's alias file).
struct AliasTarget {
  EntityType type = EntityType::misc;
  std::string name;  // "" when hidden
  bool hidden() const { return name.empty(); }
  bool operator==(const AliasTarget& o) const { return type == o.type && name == o.name; }
  bool operator!=(const AliasTarget& o) const { return !(*this == o); }
};

// Raw (type, key) -> canonical entity. A raw name without an entry is its
// own canonical entity (its type, its name as written).
class AliasTable {
 public:
  // The entry of a raw name of `type` whose entity_key is `key`.
  const AliasTarget* find(EntityType type, std::string_view key) const;
  void set(EntityType type, const std::string& key, AliasTarget target);
  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }

  // The canonical entities of an article from its raw ones: each resolved,
  // hidden ones dropped, entities that become one merged (mentions
  // summed), ordered by type then by first raw entity.
  std::vector<Entity> resolve(const std::vector<Entity>& raw) const;

  // Entries by "TYPE\x1fKEY" (TYPE as name_of() spells it).
  using Entries = std::map<std::string, AliasTarget>;
  const Entries& entries() const { return entries_; }
  static std::string entry_key(EntityType type, std::string_view key);
  // The type and key of an entry_key(); false when it is not one.
  static bool parse_entry_key(std::string_view entry, EntityType* type, std::string* key);

  bool operator==(const AliasTable& o) const { return entries_ == o.entries_; }

 private:
  Entries entries_;
};

// A raw name as the archive holds it: in how many articles each type gave it.
struct RawName {
  EntityType type = EntityType::misc;
  std::string name;  // as extracted (may define an acronym)
  std::uint64_t articles = 0;
  std::uint64_t weak = 0;  // of those, the articles giving only weak evidence of it (Entity::weak)
};

// A user's correction, one line of an alias file.
struct AliasRule {
  enum class Kind { merge, rename, retype, hide } kind = Kind::hide;
  EntityType type = EntityType::misc;  // of the entity the rule is about
  std::string name;
  EntityType to_type = EntityType::misc;  // merge: the other entity's type; retype: the new type
  std::string to_name;                    // merge: the other entity; rename: the new name
  std::string where;                      // FILE:LINE, for messages
};

// Thrown for an alias file that cannot be read as one; the message names
// the file and line.
struct AliasFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses an alias file's text (`origin` names it in messages). The format,
// one rule a line ('#' starts a comment; TYPE is person, place, org or misc):
//   merge  TYPE:NAME = TYPE:OTHER NAME   NAME is another name of OTHER NAME
//   rename TYPE:NAME = NEW NAME          the entity is displayed as NEW NAME
//   type   TYPE:NAME = NEWTYPE           the entity is of NEWTYPE
//   hide   TYPE:NAME                     the entity is neither shown nor searchable
// A rule names an entity by any of its names. Throws AliasFileError.
std::vector<AliasRule> parse_alias_rules(std::string_view text, const std::string& origin);

// A built-in alias: a name that always means one entity ("U.K." -> the
// place United Kingdom): a raw name of `type` (of any type when any_type)
// whose entity_key is the alias's.
struct BuiltinAlias {
  std::string alias;
  EntityType type = EntityType::misc;
  std::string canonical;
  bool any_type = false;
};

// Reads DATA_DIR/aliases.tsv (see common/ner/data/README.md). Throws
// std::runtime_error naming the file when it is missing or malformed.
std::vector<BuiltinAlias> load_builtin_aliases(const std::string& data_dir);

// An entity with the names the archive gives it, for entity pages and
// --entity-list: every raw name (other than the display name itself) that
// resolves to it, with its article counts.
struct EntityAliases {
  AliasTarget entity;
  std::vector<RawName> aliases;  // most articles first
};

struct IdentityInputs {
  std::vector<RawName> names;           // every raw name of the archive
  // The archive's articles: at kLargeArchive or more, a name is also judged
  // by how rarely it occurs (a place no list knows in one or two articles,
  // a surname alone, a misc name of one article are no entities).
  std::uint64_t articles = 0;
  static constexpr std::uint64_t kLargeArchive = 5000;
  std::vector<BuiltinAlias> builtins;
  std::vector<AliasRule> rules;         // the user's, applied last, in order
  // The type curated lists give a name (a known company, country...), or
  // nullopt. May be empty.
  std::function<std::optional<EntityType>(std::string_view name)> listed_type;
  // True for a name whose own words make it misc, no organisation
  // (EntityExtractor::misc_by_form). May be empty.
  std::function<bool(std::string_view name)> misc_by_form;
  // True for a one-word name that news text mostly writes in lowercase
  // (EntityExtractor::common_word). May be empty.
  std::function<bool(std::string_view name)> common_word;
  // True for a word the lists know as a name of its own (a given name, a
  // surname, a place, a company...): a name that differs from a far more
  // frequent one by a letter of such a word is no misspelling of it
  // ("Charles Clark", "Charles Clarke"). May be empty.
  std::function<bool(std::string_view word)> name_word;
  // True for a common given name (EntityExtractor::given_name): a person
  // named by it alone ("David", 13 articles of as many Davids) is hidden,
  // as a surname several people share is. May be empty.
  std::function<bool(std::string_view word)> given_name;
};

struct IdentityResult {
  AliasTable table;
  std::vector<EntityAliases> entities;  // canonical entities with aliases
  std::vector<std::string> notes;       // rules that matched no entity ("FILE:LINE: ...")
};

// The archive's alias table. Deterministic: the same inputs (in any order)
// give the same table.
IdentityResult build_identity(const IdentityInputs& inputs);

}  // namespace newsdex
