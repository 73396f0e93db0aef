// Bylines in the European languages (readers/byline.h) and the European
// sample articles of tests/corpora/european read by the text and HTML
// readers.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "newsdex/article.h"
#include "newsdex/readers.h"
#include "readers/byline.h"

namespace {

namespace fs = std::filesystem;
using newsdex::byline::Context;

std::string show_date(const std::optional<newsdex::UnixTime>& t) {
  return t ? newsdex::format_iso8601(*t) : std::string("none");
}

struct ReadCase {
  const char* name;
  Context context;
  const char* text;
  const char* author;  // "" when the text is no byline in its context
  const char* date;    // ISO 8601, or "none"
};

const ReadCase kReadCases[] = {
    // The lead of each language, as a line of plain text.
    {"fr Par with a date", Context::text_line, "Par Camille Dubois, 8 septembre 2025", "Camille Dubois",
     "2025-09-08T00:00:00Z"},
    {"fr Par with le before the date", Context::text_line, "Par Camille Dubois, le 8 septembre 2025",
     "Camille Dubois", "2025-09-08T00:00:00Z"},
    {"fr Par with a slashed date, read day first", Context::text_line, "Par Camille Dubois, 8/9/2025",
     "Camille Dubois", "2025-09-08T00:00:00Z"},
    {"de Von", Context::text_line, "Von Thomas M\xC3\xBCller", "Thomas M\xC3\xBC" "ller", "none"},
    {"de Von with a dotted date", Context::text_line, "Von Thomas M\xC3\xBCller, 08.09.2025",
     "Thomas M\xC3\xBC" "ller", "2025-09-08T00:00:00Z"},
    {"de Von with am and a date", Context::text_line, "Von Thomas M\xC3\xBCller, am 8. September 2025",
     "Thomas M\xC3\xBC" "ller", "2025-09-08T00:00:00Z"},
    {"es Por", Context::text_line, "Por Ana Garc\xC3\xAD" "a, 8 de septiembre de 2025", "Ana Garc\xC3\xAD" "a",
     "2025-09-08T00:00:00Z"},
    {"it Di with a time", Context::text_line, "Di Marco Rossi, 8 settembre 2025 alle 14:30", "Marco Rossi",
     "2025-09-08T14:30:00Z"},
    {"nl Door", Context::text_line, "Door Jan de Vries", "Jan de Vries", "none"},
    {"ru От with г.", Context::text_line, "От Ивана Петрова, 8 сентября 2025 г.", "Ивана Петрова",
     "2025-09-08T00:00:00Z"},
    {"ru Автор:", Context::text_line, "Автор: Иван Петров", "Иван Петров", "none"},
    // English as before.
    {"en By with a labelled date and time", Context::text_line, "By Sam Okafor | Published: 3 March 2025, 10:00 GMT",
     "Sam Okafor", "2025-03-03T10:00:00Z"},
    {"en By a lower-case name is still a byline in text", Context::text_line, "By staff reporters",
     "staff reporters", "none"},
    {"en a name ending in Le keeps it without a date", Context::text_line, "By Anh Le", "Anh Le", "none"},
    // Sentences that begin with a lead word are not bylines.
    {"fr Par ailleurs", Context::text_line, "Par ailleurs, le gouvernement", "", "none"},
    {"nl Door de regen", Context::text_line, "Door de regen", "", "none"},
    {"de Von der Leyen", Context::text_line, "Von der Leyen sagte am Montag", "", "none"},
    {"a lead glued to a word", Context::text_line, "Parfois Camille", "", "none"},
    {"en By the end, in a paragraph", Context::paragraph, "By the end of the year", "", "none"},
    {"fr Par in a paragraph", Context::paragraph, "Par Camille Dubois", "Camille Dubois", "none"},
    // An element marked as a byline: the lead is optional, any case.
    {"element without a lead", Context::element, "Camille Dubois", "Camille Dubois", "none"},
    {"element by: in lower case", Context::element, "by: jane doe", "jane doe", "none"},
    {"element PAR in upper case", Context::element, "PAR Camille Dubois", "Camille Dubois", "none"},
    {"element name particle Di is kept", Context::element, "Di Maria", "Di Maria", "none"},
    {"element name particle Von is kept", Context::element, "Von Trier, 8. September 2025", "Von Trier",
     "2025-09-08T00:00:00Z"},
};

struct LineCase {
  const char* name;
  const char* text;
  bool byline;
};

const LineCase kLineCases[] = {
    {"fr byline with a date", "Par Camille Dubois, 8 septembre 2025", true},
    {"ru byline whose date ends with a dot", "От Ивана Петрова, 8 сентября 2025 г.", true},
    {"de sentence beginning Von and a name", "Von Thomas M\xC3\xBCller stammt die Idee, sagte er.", false},
    {"fr Par ailleurs", "Par ailleurs, le gouvernement a tranch\xC3\xA9", false},
    {"en By line", "By Jane Doe", true},
    {"too long", "Par Camille Dubois et toute la r\xC3\xA9" "daction du journal, avec nos correspondants dans "
                 "toutes les r\xC3\xA9gions et \xC3\xA0 l'\xC3\xA9tranger, sans oublier les pigistes",
     false},
};

}  // namespace

TEST_CASE("byline::read gives the author and date of a byline in each European language", "[byline]") {
  for (const ReadCase& c : kReadCases) {
    SECTION(c.name) {
      INFO("text: " << c.text);
      const newsdex::byline::Byline b = newsdex::byline::read(c.text, c.context);
      CHECK(b.author == c.author);
      CHECK(show_date(b.date) == c.date);
    }
  }
}

TEST_CASE("byline::is_byline: a short line with a lead, not a sentence once its date is set aside", "[byline]") {
  for (const LineCase& c : kLineCases) {
    SECTION(c.name) {
      CHECK(newsdex::byline::is_byline(c.text, Context::text_line, 120) == c.byline);
    }
  }
}

namespace {

struct SampleCase {
  const char* file;  // in tests/corpora/european
  const char* title;
  const char* author;
  const char* date;
  const char* language;  // as declared or detected
  const char* body_word;  // a word of the body, which must not hold the byline
};

const SampleCase kSamples[] = {
    {"fr-lyon-tramway.html", "Lyon prolonge sa ligne de tramway vers l'est", "Camille Dubois",
     "2025-09-08T00:00:00Z", "fr", "caténaire"},
    {"fr-grenoble-neige.html", "Première neige sur les stations de l'Isère", "Léa Fontaine", "2025-09-08T00:00:00Z",
     "fr", "dameuses"},
    {"de-hamburg-hafen.txt", "Hamburger Hafen meldet Rekord beim Containerumschlag", "Thomas Müller",
     "2025-09-08T00:00:00Z", "de", "Altenwerder"},
    {"es-valencia-naranjas.html", "La cosecha de naranjas se adelanta en Valencia", "Ana García",
     "2025-09-08T14:30:00Z", "es", "goteo"},
    {"it-torino-museo.txt", "Torino, il Museo Egizio apre una nuova sala", "Marco Rossi", "2025-09-08T14:30:00Z",
     "it", "papiri"},
    {"nl-utrecht-fietsen.html", "Utrecht opent de grootste fietsenstalling ter wereld opnieuw", "Jan de Vries",
     "2025-09-08T14:30:00Z", "nl", "verdiepingen"},
    {"ru-yakutsk-moroz.txt", "В Якутске ударили первые морозы", "Ивана Петрова", "2025-09-08T00:00:00Z", "ru",
     "термометра"},
    {"ru-kazan-metro.html", "В Казани открылась новая станция метро", "Ольга Смирнова", "2025-09-08T00:00:00Z", "ru",
     "метрополитена"},
    {"pt-lisboa-eletrico.txt", "Lisboa recupera o elétrico 24", "João Silva", "2025-09-08T14:30:00Z", "pt",
     "Campolide"},
};

}  // namespace

TEST_CASE("the European sample articles are read with their title, byline author and date", "[byline]") {
  for (const SampleCase& c : kSamples) {
    SECTION(c.file) {
      const fs::path path = fs::path(NEWSDEX_TEST_CORPORA) / "european" / c.file;
      std::ifstream in(path, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      const auto reader = newsdex::reader_for_path(path.string(), newsdex::ReaderOptions{});
      REQUIRE(reader != nullptr);
      const newsdex::ReadResult r = reader->read(path.string(), bytes.str());
      CHECK(r.problems.empty());
      REQUIRE(r.articles.size() == 1);
      const newsdex::Article& a = r.articles[0];
      CHECK(a.title == c.title);
      CHECK(a.author == c.author);
      CHECK(show_date(a.date) == c.date);
      CHECK(a.language == c.language);
      CHECK(a.body.find(c.body_word) != std::string::npos);
      CHECK(a.body.find(c.author) == std::string::npos);
    }
  }
}

TEST_CASE("a plain-text date line that is a numeric day-first date is the article's date", "[byline]") {
  const std::string text =
      "Hamburger Hafen meldet Rekord\nVon Thomas M\xC3\xBCller\n08.09.2025\n\n"
      "Der Hamburger Hafen hat im August so viele Container umgeschlagen wie nie zuvor.\n";
  const newsdex::ReadResult r = newsdex::TextReader().read("hafen.txt", text);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].author == "Thomas M\xC3\xBCller");
  CHECK(show_date(r.articles[0].date) == "2025-09-08T00:00:00Z");
  CHECK(r.articles[0].body.find("08.09.2025") == std::string::npos);
}
