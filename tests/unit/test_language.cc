// Languages: declared tags reduced to their code, detection from text, and
// the readers carrying what the input declares.
#include <catch2/catch.hpp>

#include <string>

#include "newsdex/language.h"
#include "newsdex/readers.h"

using newsdex::detect_language;
using newsdex::language_of_tag;

TEST_CASE("a declared language tag becomes its primary subtag", "[language]") {
  CHECK(language_of_tag("en") == "en");
  CHECK(language_of_tag("en-GB") == "en");
  CHECK(language_of_tag("fr_FR") == "fr");
  CHECK(language_of_tag(" DE ") == "de");
  CHECK(language_of_tag("zh-Hant-TW") == "zh");
  CHECK(language_of_tag("haw") == "haw");
  CHECK(language_of_tag("").empty());
  CHECK(language_of_tag("x-default").empty());
  CHECK(language_of_tag("english").empty());
  CHECK(language_of_tag("e").empty());
  CHECK(language_of_tag("en GB").empty());
  CHECK(language_of_tag("<script>").empty());
}

TEST_CASE("the language of a text is detected, or unknown", "[language]") {
  CHECK(detect_language("The central bank raised interest rates on Tuesday, citing inflation that has "
                        "stayed above its target for two years, and said further rises were likely.") == "en");
  CHECK(detect_language("La banque centrale a relevé ses taux d'intérêt mardi, invoquant une inflation "
                        "restée au-dessus de son objectif depuis deux ans.") == "fr");
  CHECK(detect_language("Президент России провёл переговоры в Москве с председателем КНР. Стороны "
                        "обсудили торговлю и энергетику.") == "ru");
  CHECK(detect_language("Die Bundesregierung hat am Dienstag neue Hilfen für Familien beschlossen, die "
                        "wegen der hohen Energiepreise unter Druck stehen.") == "de");
  CHECK(detect_language("").empty());
  CHECK(detect_language("12 34 56 78").empty());
  // Only the first kilobytes count; a cut inside a character is harmless.
  std::string long_text;
  while (long_text.size() < 10000) long_text += "Le gouvernement français a annoncé des réformes. ";
  CHECK(detect_language(long_text) == "fr");
}

namespace {

newsdex::ReadResult read_bytes(const std::string& name, const std::string& bytes) {
  return newsdex::reader_for_path(name, newsdex::ReaderOptions{})->read(name, bytes);
}

}  // namespace

TEST_CASE("readers carry the declared language, else the detected one", "[language]") {
  SECTION("HTML lang") {
    const auto r = read_bytes("a.html",
                              "<html lang='de-AT'><head><title>Bericht</title></head><body><article>"
                              "<p>The text is English but the page says German.</p></article></body></html>");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].language == "de");
  }
  SECTION("HTML content-language and og:locale") {
    const auto r = read_bytes("b.html",
                              "<html><head><meta property='og:locale' content='fr_FR'><title>Titre</title>"
                              "</head><body><article><p>Texte.</p></article></body></html>");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].language == "fr");
  }
  SECTION("JSON language, lang, inLanguage") {
    const auto r = read_bytes("c.jsonl",
                              "{\"title\":\"One\",\"body\":\"Text\",\"language\":\"ru-RU\"}\n"
                              "{\"title\":\"Two\",\"body\":\"Text\",\"lang\":\"es\"}\n"
                              "{\"title\":\"Three\",\"body\":\"Text\",\"inLanguage\":\"it\"}\n");
    REQUIRE(r.articles.size() == 3);
    CHECK(r.articles[0].language == "ru");
    CHECK(r.articles[1].language == "es");
    CHECK(r.articles[2].language == "it");
  }
  SECTION("undeclared or not a tag: detected") {
    const auto r = read_bytes("d.jsonl",
                              "{\"title\":\"Les élections\",\"language\":\"unknown\",\"body\":\"Les électeurs "
                              "se rendront aux urnes dimanche pour choisir un nouveau président de la "
                              "République, après une campagne marquée par la question du pouvoir d'achat.\"}\n");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].language == "fr");
  }
}
