// Named-entity extraction: people, places and organisations in an article.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "newsdex/article.h"
#include "newsdex/identity.h"

namespace newsdex {

struct EntityOptions {
  // Directory holding the trained model and gazetteer tables. Empty:
  // $NEWSDEX_DATA_DIR, else the installed data directory beside the
  // running program (see ner::resolve_data_dir).
  std::string data_dir;
};

// Thrown when the model or gazetteers cannot be loaded.
struct EntityModelError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class EntityExtractor {
 public:
  virtual ~EntityExtractor() = default;

  // Loads the shipped model. Throws EntityModelError naming the missing or
  // corrupt file.
  static std::unique_ptr<EntityExtractor> load(const EntityOptions& options);

  // The entities of an article's title and body: one Entity per real-world
  // referent (aliases resolved within the article), canonical names, ordered
  // by type then by first mention. An article whose language is known and
  // is not one the model applies to (applies_to) has none from its text.
  // The place its dateline names (Article::dateline, else, or where that
  // names no place, a wire dateline opening the body that names a known
  // place: "WASHINGTON (Reuters) -")
  // is a place of any article, first among its places, and so are the
  // region the dateline names after it and the place's country (the
  // dateline is one mention of each): newsrooms file a story under its
  // dateline's country. A dateline's place that a name list also reads
  // otherwise ("Irving", "Sterling") is added only where the text names it.
  // Thread-safe: may be called concurrently on one extractor.
  virtual std::vector<Entity> extract(const Article& article) const = 0;

  // Whether the model is run on `article`: its language is English or not
  // known ("", when neither declared nor detected).
  static bool applies_to(const Article& article) { return article.language.empty() || article.language == "en"; }

  // The type the curated lists (countries, cities, companies, clubs,
  // parties..., demonyms as misc) give `name` as a whole, or nullopt:
  // evidence for the archive's alias table. A city that is also a club's
  // short name ("Boston") is a place.
  virtual std::optional<EntityType> listed_type(std::string_view name) const = 0;

  // True when `name`'s own words make it a programme, plan, law, rate or
  // measure ("Marshall Plan", "Gross National Product"), which is misc
  // whatever type the articles' taggings vote for (an acronym such as
  // "GNP" is tagged as an organisation): evidence for the alias table.
  virtual bool misc_by_form(std::string_view name) const = 0;

  // True when `name` is one word that news text mostly writes in lowercase
  // ("Demands", "Computer", "Majority": the shipped LOWER list, from word
  // counts of unlabeled news), is not written in capitals only (an acronym
  // such as "CAP") and is no kind of place ("Strip", "Canal", which end
  // places' names): alone, or after a place's name ("U.S. Attack"), such a
  // word is more often a headline's or a sentence's than an entity's.
  // Evidence for the alias table.
  virtual bool common_word(std::string_view name) const = 0;

  // True for one word that a name or place list knows on its own (a given
  // name, a surname, a city, a region, a country, a nationality, a club or
  // a company): a word that differs by one letter from another such word
  // may name someone else. Evidence for the alias table.
  virtual bool name_word(std::string_view word) const = 0;

  // True for one word the curated list of common given names knows
  // ("David", "Mary", "Alexander"): a person the archive names by it alone
  // is no one in particular. Evidence for the alias table.
  virtual bool given_name(std::string_view word) const = 0;

  // The built-in aliases shipped with the model (aliases.tsv).
  virtual const std::vector<BuiltinAlias>& builtin_aliases() const = 0;
};

}  // namespace newsdex
