// newsdex-ner-gazetteer: builds common/ner/data/gazetteer.txt from the
// GeoNames dumps, the public name lists of gazetteer/more and the curated
// lists in common/ner/lists.
//
//   newsdex-ner-gazetteer --geonames DIR --more DIR --lists DIR --clusters FILE --out FILE
//                         --countries FILE
//
// --geonames DIR holds cities15000.txt and countryInfo.txt; --more DIR is
// ../shared/gazetteer/more (the files read from it, and what is taken
// from each, are in kMoreSources below and common/ner/data/README.md).
// Every list file NAME.txt in --lists maps to one gazetteer list (see
// kListFiles). --clusters FILE is common/ner/data/clusters.txt, whose word
// counts from unlabeled news text give the LOWER list (read_lowercase).
// Output lines are "LIST<TAB>phrase", sorted, so rebuilding
// is reproducible. --countries FILE receives place_countries.tsv, the
// country of each place a dateline may name (write_place_countries).
// Exit codes: 0 success, 1 I/O or format error, 2 usage error.

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "ner_gazetteer.h"
#include "newsdex/text.h"

namespace ner = newsdex::ner;

namespace {

using Entries = std::map<std::string, std::set<std::string>>;  // list -> phrases

struct ListFile {
  const char* file;
  const char* list;
};
constexpr ListFile kListFiles[] = {
    {"countries.txt", "COUNTRY"},  {"places.txt", "PLACE"},     {"orgs.txt", "ORG"},
    {"demonyms.txt", "DEMONYM"},   {"titles.txt", "TITLE"},     {"nonnames.txt", "NONNAME"},
    {"particles.txt", "PARTICLE"}, {"given_names.txt", "GIVEN"},
};

// Minimum population for a city's alternate names to be used: below it
// alternate names are mostly transliterations that collide with words.
constexpr long kAlternateNamePopulation = 250000;

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto at = line.find(sep, start);
    out.push_back(line.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// An alternate name worth matching: ASCII letters, spaces, hyphens and
// apostrophes, capitalised, not all capitals (codes such as "MOW").
bool usable_alternate(const std::string& s) {
  if (s.size() < 4 || !(s[0] >= 'A' && s[0] <= 'Z')) return false;
  bool lower = false;
  for (char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ' || c == '-' || c == '\'';
    if (!ok) return false;
    lower |= c >= 'a' && c <= 'z';
  }
  return lower;
}

// True when s is written in Latin script (ASCII, or Latin letters with
// diacritics: UTF-8 lead bytes C3-C5 and C8-C9); other scripts never match
// English news text.
bool latin(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0xC0 && !(c == 0xC3 || c == 0xC4 || c == 0xC5 || c == 0xC8 || c == 0xC9)) return false;
  return true;
}

std::ifstream open(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  return in;
}

// Rows of a CSV file (RFC 4180: quoted fields may hold commas, quotes
// doubled and line breaks).
std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  auto in = open(path);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// openfootball names mark sponsors' prefixes as "$$Atiker$$ Konyaspor":
// the name without them.
std::string drop_sponsor(const std::string& s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto open_at = s.find("$$", i);
    if (open_at == std::string::npos) {
      out += s.substr(i);
      break;
    }
    out += s.substr(i, open_at - i);
    auto close_at = s.find("$$", open_at + 2);
    if (close_at == std::string::npos) break;
    i = close_at + 2;
  }
  return trim(out);
}

// Legal-form words that end company names ("Newmont Corp", "Meta
// Platforms, Inc."): the short name is the name without them.
bool is_designator(std::string w) {
  for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.pop_back();
  static const std::set<std::string> kDesignators = {
      "inc", "corp", "corporation", "co", "company", "cos", "ltd", "limited", "plc", "llc", "lp",
      "l.p", "n.v", "nv", "s.a", "sa", "ag", "se", "asa", "ab", "oyj", "spa", "s.p.a", "bv", "b.v",
      "gmbh", "pty", "holdings", "holding", "incorporated", "&"};
  return kDesignators.count(w) > 0;
}

// SEC company titles: "NEWMONT Corp /DE/" -> "NEWMONT Corp" and "NEWMONT".
void add_company(const std::string& title, Entries* e) {
  std::vector<std::string> words;
  for (auto& w : split(title, ' ')) {
    if (w.empty() || (w.size() >= 3 && w.front() == '/' && w.back() == '/')) continue;  // state of incorporation
    words.push_back(w);
  }
  auto join = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
      if (i) s += ' ';
      s += words[i];
    }
    while (!s.empty() && (s.back() == ',' || s.back() == ' ')) s.pop_back();
    return s;
  };
  if (words.empty()) return;
  (*e)["COMPANY"].insert(join(words.size()));
  std::size_t n = words.size();
  while (n > 1 && is_designator(words[n - 1])) --n;
  if (n < words.size()) (*e)["COMPANY"].insert(join(n));
}

// Administrative division names: as written, and without a generic last
// word ("Abu Dhabi Municipality" -> "Abu Dhabi", "Kent County" -> "Kent").
void add_division(const std::string& list, const std::string& name, Entries* e) {
  if (name.empty()) return;
  (*e)[list].insert(name);
  static const std::set<std::string> kGeneric = {
      "County", "District", "Municipality", "Province", "Region", "Department", "Prefecture",
      "Governorate", "Oblast", "Parish", "Borough", "Regency", "City", "Municipio", "Raion", "Rayon"};
  auto sp = name.rfind(' ');
  if (sp != std::string::npos && sp > 0 && kGeneric.count(name.substr(sp + 1))) (*e)[list].insert(name.substr(0, sp));
}

// ---- gazetteer/more sources ----

void read_clubs(const std::string& more, Entries* e) {
  auto in = open(more + "/openfootball_clubs/club_names.txt");
  std::string line;
  while (std::getline(in, line)) {
    auto name = drop_sponsor(line);
    if (!name.empty()) (*e)["CLUB"].insert(name);
  }
}

void read_competitions(const std::string& more, Entries* e) {
  auto in = open(more + "/openfootball_leagues/league_names.txt");
  std::string line;
  while (std::getline(in, line)) {
    // Lines of season tables ("-2019/20    Copa MX") and of column
    // residue (runs of spaces) are not names.
    if (line.empty() || line[0] == '-' || line.find("  ") != std::string::npos) continue;
    auto name = drop_sponsor(line);
    if (!name.empty()) (*e)["COMPETITION"].insert(name);
  }
}

void read_companies(const std::string& more, Entries* e) {
  auto in = open(more + "/sec/company_tickers.json");
  auto j = nlohmann::json::parse(in);
  for (const auto& [key, row] : j.items())
    if (row.contains("title") && row["title"].is_string()) add_company(row["title"].get<std::string>(), e);
}

void read_parties(const std::string& more, Entries* e) {
  auto rows = read_csv(more + "/parties/partyfacts-core-parties.csv");
  if (rows.empty()) throw std::runtime_error("partyfacts-core-parties.csv: empty");
  const auto& head = rows[0];
  auto column = [&](const char* name) {
    for (std::size_t i = 0; i < head.size(); ++i)
      if (head[i] == name) return i;
    throw std::runtime_error(std::string("partyfacts-core-parties.csv: no column ") + name);
  };
  auto technical = column("technical"), name_short = column("name_short"), name = column("name"),
       english = column("name_english");
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() != head.size() || !row[technical].empty()) continue;  // "unknown", "other"...
    auto acronym = trim(row[name_short]);
    if (acronym.size() >= 2 && latin(acronym)) (*e)["PARTY"].insert(acronym);
    for (auto field : {name, english})
      for (auto& part : split(row[field], '/')) {
        auto p = trim(part);
        if (p.size() >= 3 && latin(p)) (*e)["PARTY"].insert(p);
      }
  }
}

void read_regions(const std::string& more, Entries* e) {
  for (auto [file, list] : {std::pair{"admin1CodesASCII.txt", "REGION"}, std::pair{"admin2Codes.txt", "DISTRICT"}}) {
    auto in = open(more + "/geonames/" + file);
    std::string line;
    while (std::getline(in, line)) {
      auto f = split(line, '\t');
      if (f.size() < 3) throw std::runtime_error(std::string(file) + ": short line");
      add_division(list, trim(f[1]), e);
      add_division(list, trim(f[2]), e);
    }
  }
  // US states, and their AP and GPO abbreviations ("Calif.", "N.Y.").
  auto rows = read_csv(more + "/misc/USstateAbbreviations.csv");
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() < 11) continue;
    for (std::size_t c : {1, 8, 9, 10})
      for (auto& part : split(row[c], ',')) {
        auto p = trim(part);
        if (p.size() >= 3 && p != "U.S." && p != "U.S.A.") (*e)["REGION"].insert(p);
      }
  }
}

void read_universities(const std::string& more, Entries* e) {
  auto in = open(more + "/universities/university_names.txt");
  std::string line;
  while (std::getline(in, line)) {
    auto name = trim(line);
    if (!name.empty() && latin(name)) (*e)["UNIVERSITY"].insert(name);
  }
}

void read_airlines(const std::string& more, Entries* e) {
  // id, name, alias, IATA, ICAO, callsign, country, active; "\N" is null.
  for (const auto& row : read_csv(more + "/openflights/airlines.dat")) {
    if (row.size() < 8) continue;
    for (std::size_t c : {1, 2}) {
      auto name = trim(row[c]);
      if (name.size() < 3 || name == "\\N" || name == "Unknown" || name == "Private flight" ||
          name.find("N/A") != std::string::npos)
        continue;
      (*e)["AIRLINE"].insert(name);
    }
  }
}

// Census surnames and SSA given names come in upper or capitalised case;
// matching ignores case, so they are written capitalised.
std::string capitalised(std::string s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    s[i] = static_cast<char>(i == 0 ? std::toupper(static_cast<unsigned char>(s[i]))
                                    : std::tolower(static_cast<unsigned char>(s[i])));
  return s;
}

void read_person_names(const std::string& more, Entries* e) {
  {
    auto in = open(more + "/names/us_census2010_surnames.csv");
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      auto f = split(line, ',');
      if (f.size() >= 2 && !f[0].empty() && f[0] != "ALL OTHER NAMES") (*e)["SURNAME"].insert(capitalised(f[0]));
    }
  }
  auto in = open(more + "/names/us_ssa_given_names_1880-2023.tsv");
  std::string line;
  while (std::getline(in, line)) {
    auto f = split(line, '\t');
    if (f.size() >= 3 && !f[0].empty()) (*e)["FORENAME"].insert(capitalised(f[0]));
  }
}

void read_countries(const std::string& more, Entries* e) {
  auto in = open(more + "/countries/mledoze_countries.json");
  auto j = nlohmann::json::parse(in);
  for (const auto& c : j) {
    auto add = [&](const char* list, const nlohmann::json& v) {
      if (!v.is_string()) return;
      auto s = trim(v.get<std::string>());
      // Two- and three-letter codes ("DE", "USA") are too ambiguous.
      if (s.size() >= 4 && latin(s)) (*e)[list].insert(s);
    };
    if (c.contains("name")) {
      add("NATION", c["name"].value("common", nlohmann::json()));
      add("NATION", c["name"].value("official", nlohmann::json()));
    }
    if (c.contains("altSpellings"))
      for (const auto& a : c["altSpellings"]) add("NATION", a);
    if (c.contains("demonyms") && c["demonyms"].contains("eng")) {
      const auto& d = c["demonyms"]["eng"];
      add("NATIONALITY", d.value("m", nlohmann::json()));
      add("NATIONALITY", d.value("f", nlohmann::json()));
    }
  }
}

using MoreReader = void (*)(const std::string& more, Entries* e);
constexpr MoreReader kMoreSources[] = {
    read_clubs,        read_competitions, read_companies,    read_parties,
    read_regions,      read_universities, read_airlines,     read_person_names,
    read_countries,
};

void read_geonames(const std::string& geonames, Entries* e) {
  std::string line;
  {
    auto in = open(geonames + "/cities15000.txt");
    std::size_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      auto f = split(line, '\t');
      if (f.size() < 15) throw std::runtime_error("cities15000.txt:" + std::to_string(n) + ": short line");
      (*e)["CITY"].insert(f[1]);
      (*e)["CITY"].insert(f[2]);
      if (std::stol(f[14].empty() ? "0" : f[14]) >= kAlternateNamePopulation) {
        std::stringstream alts(f[3]);
        std::string alt;
        while (std::getline(alts, alt, ','))
          if (usable_alternate(alt)) (*e)["CITY"].insert(alt);
      }
    }
  }
  auto in = open(geonames + "/countryInfo.txt");
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split(line, '\t');
    if (f.size() < 5) throw std::runtime_error("countryInfo.txt: short line");
    (*e)["COUNTRY"].insert(f[4]);
  }
}

// The LOWER list: words that news text writes in lowercase at least
// kLowerShare of the times it writes them in lowercase or capitalised
// ("demands", "computer", "majority"), seen lowercase at least
// kLowerMinCount times. A capitalised form counts sentence starts and
// headlines too, so a name that is also a word ("Bush", "Shell", "Apple")
// stays well under the share. Only words of ASCII letters, 3 or more.
constexpr double kLowerShare = 0.75;
constexpr long kLowerMinCount = 5;

void read_lowercase(const std::string& clusters, Entries* e) {
  std::map<std::string, long> counts;  // word form -> occurrences
  auto in = open(clusters);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    auto f = split(line, '\t');
    if (f.size() != 3) throw std::runtime_error(clusters + ":" + std::to_string(n) + ": not BITS<TAB>WORD<TAB>COUNT");
    counts[f[1]] += std::stol(f[2]);
  }
  for (const auto& [word, lower] : counts) {
    if (word.size() < 3 || lower < kLowerMinCount) continue;
    bool letters = true;
    for (char c : word) letters = letters && c >= 'a' && c <= 'z';
    if (!letters) continue;
    std::string capitalised = word;
    capitalised[0] = static_cast<char>(capitalised[0] - 'a' + 'A');
    auto cap = counts.find(capitalised);
    const long upper = cap == counts.end() ? 0 : cap->second;
    if (static_cast<double>(lower) >= kLowerShare * static_cast<double>(lower + upper)) (*e)["LOWER"].insert(word);
  }
}

void read_lists(const std::string& lists, Entries* e) {
  std::string line;
  for (const auto& lf : kListFiles) {
    auto in = open(lists + "/" + lf.file);
    while (std::getline(in, line)) {
      auto hash = line.find('#');
      if (hash != std::string::npos) line.erase(hash);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
      if (!line.empty()) (*e)[lf.list].insert(line);
    }
  }
}

// ---- place_countries.tsv: the country of a place a dateline names ----

// A city is taken as its name's place when it has at least this many
// people and kCountryLead times as many as the largest place of that name
// in any other country: "London" is in the United Kingdom (not Canada),
// "Cambridge" in no one country.
constexpr long kCountryCityPopulation = 50000;
constexpr long kCountryLead = 5;
// A first-level division ("California", "Ontario", "Bavaria") counts as a
// place of its country's average division's people (the country's
// population over its divisions): California outweighs any city of its
// name elsewhere, a city of millions a small country's parish of its name
// ("Portland": Jamaica's is no match for Oregon's city), and two large
// countries' divisions of one name ("Punjab") cancel out.

// Writes `path`: "PLACE<TAB>COUNTRY<TAB>PEOPLE" lines, PLACE a GeoNames
// city or first-level division name (its name and ASCII name, and a large
// city's other names), COUNTRY the countryInfo.txt name of the one country
// it is in by the rules above and PEOPLE the people that decided it (the
// city's, or the division's weight). Names of countries are left out (they
// are their own country).
void write_place_countries(const std::string& geonames, const std::string& more, const std::string& path) {
  std::map<std::string, std::string> country;  // ISO code -> name
  std::map<std::string, long> population;       // ISO code -> people
  std::set<std::string> country_names;          // lowercased
  std::string line;
  {
    auto in = open(geonames + "/countryInfo.txt");
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto f = split(line, '\t');
      if (f.size() < 8) throw std::runtime_error("countryInfo.txt: short line");
      country[f[0]] = f[4];
      population[f[0]] = std::stol(f[7].empty() ? "0" : f[7]);
      country_names.insert(newsdex::ascii_lower(f[4]));
    }
  }
  // lowercased name -> (the spelling first seen, country code -> weight)
  std::map<std::string, std::pair<std::string, std::map<std::string, long>>> places;
  auto add = [&](const std::string& name, const std::string& code, long weight) {
    if (name.size() < 2 || !latin(name) || code.empty()) return;
    auto& p = places[newsdex::ascii_lower(name)];
    if (p.first.empty()) p.first = name;
    long& w = p.second[code];
    w = std::max(w, weight);
  };
  {
    auto in = open(geonames + "/cities15000.txt");
    while (std::getline(in, line)) {
      auto f = split(line, '\t');
      if (f.size() < 15) throw std::runtime_error("cities15000.txt: short line");
      const long people = std::stol(f[14].empty() ? "0" : f[14]);
      add(f[1], f[8], people);
      add(f[2], f[8], people);
      // A large city's other names, as the CITY list takes them ("Frankfurt").
      if (people >= kAlternateNamePopulation) {
        for (const std::string& alt : split(f[3], ','))
          if (usable_alternate(alt)) add(alt, f[8], people);
      }
    }
  }
  {
    std::vector<std::pair<std::string, std::string>> divisions;  // (code, name)
    std::map<std::string, long> count;                            // ISO code -> divisions
    auto in = open(more + "/geonames/admin1CodesASCII.txt");
    while (std::getline(in, line)) {
      auto f = split(line, '\t');
      if (f.size() < 3) throw std::runtime_error("admin1CodesASCII.txt: short line");
      const std::string code = f[0].substr(0, f[0].find('.'));
      ++count[code];
      divisions.emplace_back(code, trim(f[1]));
      divisions.emplace_back(code, trim(f[2]));
    }
    for (const auto& [code, name] : divisions) add(name, code, population[code] / std::max(1L, count[code]));
  }
  std::ofstream out(path, std::ios::trunc);
  out << "# newsdex: the country of a place a dateline names (PLACE<TAB>COUNTRY<TAB>PEOPLE),\n"
         "# generated by newsdex-ner-gazetteer; do not edit. From GeoNames (www.geonames.org)\n"
         "# cities15000.txt, countryInfo.txt and admin1CodesASCII.txt, CC BY 4.0; attribution: GeoNames.\n";
  std::size_t count = 0;
  for (const auto& [key, entry] : places) {
    if (country_names.count(key) != 0) continue;
    std::string best;
    long first = 0, second = 0;
    for (const auto& [code, weight] : entry.second) {
      if (weight > first) {
        second = first;
        first = weight;
        best = code;
      } else {
        second = std::max(second, weight);
      }
    }
    if (first < kCountryCityPopulation || first < kCountryLead * second) continue;
    const auto c = country.find(best);
    if (c == country.end() || entry.first.find('\t') != std::string::npos) continue;
    out << entry.first << '\t' << c->second << '\t' << first << '\n';
    ++count;
  }
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
  std::fprintf(stderr, "wrote %s: %zu places\n", path.c_str(), count);
}

}  // namespace

int main(int argc, char** argv) {
  std::string geonames, more, lists, clusters, out_path, countries_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--geonames") geonames = v;
    else if (a == "--more") more = v;
    else if (a == "--lists") lists = v;
    else if (a == "--clusters") clusters = v;
    else if (a == "--out") out_path = v;
    else if (a == "--countries") countries_path = v;
    else out_path.clear();  // an unknown option: usage
  }
  if (geonames.empty() || more.empty() || lists.empty() || clusters.empty() || out_path.empty() ||
      countries_path.empty() || argc != 13) {
    std::fprintf(stderr,
                 "usage: newsdex-ner-gazetteer --geonames DIR --more DIR --lists DIR --clusters FILE --out FILE "
                 "--countries FILE\n");
    return 2;
  }
  try {
    Entries entries;
    read_geonames(geonames, &entries);
    for (auto reader : kMoreSources) reader(more, &entries);
    read_lists(lists, &entries);
    read_lowercase(clusters, &entries);
    for (const auto& [list, phrases] : entries)
      if (ner::Gazetteer::list_bit(list) == 0) throw std::runtime_error("unknown list " + list);
    std::ofstream out(out_path, std::ios::trunc);
    out << "# newsdex NER gazetteer, generated by newsdex-ner-gazetteer; do not edit.\n"
           "# Sources and licences of each list: common/ner/data/README.md. CITY, COUNTRY,\n"
           "# REGION and DISTRICT: GeoNames (www.geonames.org), CC BY 4.0. NATION,\n"
           "# NATIONALITY (mledoze/countries) and AIRLINE (OpenFlights): ODbL 1.0.\n"
           "# REGION lines of US state abbreviations: CC BY-SA (Wikipedia via Rdatasets).\n";
    std::size_t count = 0;
    for (const auto& [list, phrases] : entries)
      for (const auto& p : phrases) {
        if (p.empty() || p.find('\t') != std::string::npos || p.find('\n') != std::string::npos) continue;
        out << list << '\t' << p << '\n';
        ++count;
      }
    if (!out.flush()) throw std::runtime_error("cannot write " + out_path);
    std::fprintf(stderr, "wrote %s: %zu phrases\n", out_path.c_str(), count);
    for (const auto& [list, phrases] : entries) std::fprintf(stderr, "  %-12s %zu\n", list.c_str(), phrases.size());
    write_place_countries(geonames, more, countries_path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsdex-ner-gazetteer: %s\n", e.what());
    return 1;
  }
  return 0;
}
