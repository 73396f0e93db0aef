// The shipped EntityExtractor: the perceptron tagger plus the article-level
// rules that turn tagged spans into entities. Internal to newsdex_common and
// its NER tools.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsdex/entities.h"
#include "ner_document.h"
#include "ner_gazetteer.h"
#include "ner_model.h"

namespace newsdex::ner {

// File names inside the data directory.
constexpr const char* kModelFile = "model.bin";
constexpr const char* kGazetteerFile = "gazetteer.txt";
constexpr const char* kAliasesFile = "aliases.tsv";
constexpr const char* kPlaceCountriesFile = "place_countries.tsv";

// The data directory: options.data_dir if set, else $NEWSDEX_DATA_DIR if
// set and non-empty, else the installed data directory found from the
// running program (BINDIR/../share/newsdex, or wherever
// CMAKE_INSTALL_DATADIR put it), which in a build tree is
// build/share/newsdex, where CMake copies the data.
std::string resolve_data_dir(const EntityOptions& options);

class Extractor final : public EntityExtractor {
 public:
  // Loads kModelFile, kGazetteerFile, kAliasesFile and kPlaceCountriesFile
  // from data_dir. Throws EntityModelError naming the file that is missing
  // or corrupt.
  explicit Extractor(const std::string& data_dir);

  std::vector<Entity> extract(const Article& article) const override;
  std::optional<EntityType> listed_type(std::string_view name) const override;
  bool misc_by_form(std::string_view name) const override;
  bool common_word(std::string_view name) const override;
  bool name_word(std::string_view word) const override;
  bool given_name(std::string_view word) const override;
  const std::vector<BuiltinAlias>& builtin_aliases() const override { return aliases_; }

  // Tags a tokenised document: spans straight from the model, before any
  // article-level rule; with `margins`, each tag's margin (tag_document).
  void tag(const Document& doc, DocFeatures* features, std::vector<std::uint8_t>* tags,
           std::vector<float>* margins = nullptr) const;

  const Model& model() const { return model_; }
  const Gazetteer& gazetteer() const { return gazetteer_; }

  // A place of kPlaceCountriesFile: the country it is in, and its people
  // (a city's, or a first-level division's weight).
  struct PlaceCountry {
    std::string country;
    long people = 0;
  };
  // The country `place` is in by kPlaceCountriesFile ("Chicago": United
  // States), or nullptr: what a dateline's place adds (extract()).
  const PlaceCountry* country_of(std::string_view place) const;

 private:
  // The tagger's entities of the title and body, cleaned.
  std::vector<Entity> extract_text(const Article& article) const;
  // An all-caps headline in the case running text would give it (see
  // extract_text).
  std::string truecased(std::string_view title) const;
  // Adds the place the article's dateline names, and its country, to
  // `entities` (see extract() in newsdex/entities.h).
  void add_dateline(const Article& article, std::vector<Entity>& entities) const;
  // The token `text` tokenizes to, or nullopt when it is none or several.
  static std::optional<std::string> one_word(std::string_view text);
  // The lists that know one word, in lowercase, on its own.
  ListSet word_lists(std::string_view word) const;

  Model model_;
  Gazetteer gazetteer_;
  std::vector<BuiltinAlias> aliases_;
  std::unordered_map<std::string, PlaceCountry> place_country_;  // lowercased place -> its country
  std::unordered_map<std::string, std::string> place_alias_;    // lowercased alias -> place ("calif." -> California)
};

}  // namespace newsdex::ner
