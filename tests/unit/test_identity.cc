// Entity identity across an archive (newsdex/identity.h): identity keys,
// acronym definitions, alias files, the alias table's resolution of an
// article's raw entities, and build_identity on small hand-made archives
// whose evidence is clear-cut (90/10 splits, never near a threshold).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "newsdex/article.h"
#include "newsdex/identity.h"

namespace {

using newsdex::AliasFileError;
using newsdex::AliasRule;
using newsdex::AliasTable;
using newsdex::AliasTarget;
using newsdex::BuiltinAlias;
using newsdex::Entity;
using newsdex::EntityType;
using newsdex::IdentityInputs;
using newsdex::IdentityResult;
using newsdex::RawName;

constexpr EntityType kPerson = EntityType::person;
constexpr EntityType kPlace = EntityType::place;
constexpr EntityType kOrg = EntityType::org;
constexpr EntityType kMisc = EntityType::misc;

std::string describe(const AliasTarget& t) {
  return std::string(newsdex::name_of(t.type)) + ":" + (t.hidden() ? std::string("(hidden)") : t.name);
}

std::string describe(const std::vector<Entity>& es) {
  std::ostringstream out;
  for (const auto& e : es) out << newsdex::name_of(e.type) << ":" << e.name << "x" << e.mentions << "; ";
  return out.str();
}

std::string describe(const AliasTable& table) {
  std::ostringstream out;
  for (const auto& [key, target] : table.entries()) {
    std::string k = key;
    std::replace(k.begin(), k.end(), '\x1f', ':');
    out << k << " -> " << describe(target) << "\n";
  }
  return out.str();
}

// What a raw name of `type` written `name` is in `table`: its entry, or,
// without one, itself (identity.h: "A raw name without an entry is its own
// canonical entity").
AliasTarget canonical(const AliasTable& table, EntityType type, const std::string& name) {
  const AliasTarget* t = table.find(type, newsdex::entity_key(name));
  return t != nullptr ? *t : AliasTarget{type, name};
}

AliasTarget target(EntityType type, const std::string& name) { return AliasTarget{type, name}; }

// The built-in aliases these tests use, as aliases.tsv writes them.
std::vector<BuiltinAlias> uk_builtins() {
  return {{"UK", kPlace, "United Kingdom", true},
          {"U.K.", kPlace, "United Kingdom", true},
          {"Britain", kPlace, "United Kingdom", true},
          {"America", kPlace, "United States", false}};
}

IdentityResult build(std::vector<RawName> names, const std::string& rules = "",
                     std::vector<BuiltinAlias> builtins = {}) {
  IdentityInputs in;
  in.names = std::move(names);
  in.builtins = std::move(builtins);
  in.rules = newsdex::parse_alias_rules(rules, "aliases.txt");
  return newsdex::build_identity(in);
}

// The entity directory's entry for `entity`, or nullptr.
const newsdex::EntityAliases* entry_of(const IdentityResult& r, const AliasTarget& entity) {
  for (const auto& e : r.entities) {
    if (e.entity == entity) return &e;
  }
  return nullptr;
}

// The parse error of `text` as an alias file named "my.aliases".
std::string parse_error(const std::string& text) {
  try {
    newsdex::parse_alias_rules(text, "my.aliases");
  } catch (const AliasFileError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

// ---- entity_key ----

TEST_CASE("entity_key: names written two ways have one key", "[identity]") {
  struct Case {
    const char* name;
    const char* a;
    const char* b;
  };
  const Case same[] = {
      {"case", "INDIA", "India"},
      {"case, several words", "Vladimir PUTIN", "vladimir putin"},
      {"accents", "Zürich", "Zurich"},
      {"accents and case", "ḤMEIMIM", "Hmeimim"},
      {"dots of an abbreviation", "U.K.", "UK"},
      {"dots of a longer abbreviation", "U.S.A.", "USA"},
      {"a leading 'the'", "The Kremlin", "Kremlin"},
      {"a lower-case leading 'the'", "the Securities and Exchange Commission", "Securities and Exchange Commission"},
      {"a possessive", "Moody's", "Moody"},
      {"runs of spaces", "Ronald   Reagan", "Ronald Reagan"},
      {"punctuation between words", "Kidder, Peabody", "Kidder Peabody"},
      {"an ampersand", "Procter & Gamble", "Procter and Gamble"},
      {"an ampersand inside a word", "AT&T", "AT and T"},
      {"Bros", "Salomon Bros.", "Salomon Brothers"},
      {"Mfg", "Bally Mfg", "Bally Manufacturing"},
      {"-isation", "World Health Organisation", "World Health Organization"},
      {"Centre and Defence", "Centre for Defence Studies", "Center for Defense Studies"},
      {"Programme", "World Food Programme", "World Food Program"},
      {"spaced initials", "A. H. Robins", "A.H. Robins"},
      {"initials without dots", "U S West", "U.S. West"},
      {"for and of", "Department for Work and Pensions", "Department of Work and Pensions"},
  };
  for (const Case& c : same) {
    INFO(c.name << ": '" << c.a << "' vs '" << c.b << "'");
    CHECK(newsdex::entity_key(c.a) == newsdex::entity_key(c.b));
    CHECK_FALSE(newsdex::entity_key(c.a).empty());
  }
}

TEST_CASE("entity_key: words lower-cased, joined by single spaces", "[identity]") {
  CHECK(newsdex::entity_key("Ronald Reagan") == "ronald reagan");
  CHECK(newsdex::entity_key("  Ronald\t Reagan  ") == "ronald reagan");
  CHECK(newsdex::entity_key("U.K.") == "uk");
  CHECK(newsdex::entity_key("Moody's") == "moody");
  CHECK(newsdex::entity_key("The Kremlin") == "kremlin");
  CHECK(newsdex::entity_key("São Paulo") == "sao paulo");
}

TEST_CASE("entity_key: only a leading 'the' is dropped", "[identity]") {
  CHECK(newsdex::entity_key("Bank of the West") == "bank of the west");
  CHECK(newsdex::entity_key("The The") == "the");
}

TEST_CASE("entity_key: different names keep different keys", "[identity]") {
  CHECK(newsdex::entity_key("UK") != newsdex::entity_key("U.S."));
  CHECK(newsdex::entity_key("Ronald Reagan") != newsdex::entity_key("Reagan"));
  CHECK(newsdex::entity_key("Theodore Roosevelt") != newsdex::entity_key("Roosevelt"));
  CHECK(newsdex::entity_key("Thebes") == "thebes");
}

TEST_CASE("entity_key: a name without a word has the empty key", "[identity]") {
  CHECK(newsdex::entity_key("").empty());
  CHECK(newsdex::entity_key("   ").empty());
  CHECK(newsdex::entity_key("--- ... !!").empty());
}

// ---- split_acronym ----

TEST_CASE("split_acronym: 'Name (ACR)' is a name and its acronym", "[identity]") {
  struct Case {
    const char* raw;
    const char* name;
    const char* acronym;
  };
  const Case cases[] = {
      {"Securities and Exchange Commission (SEC)", "Securities and Exchange Commission", "SEC"},
      {"World Health Organization (WHO)", "World Health Organization", "WHO"},
      {"Organization of Petroleum Exporting Countries (OPEC)", "Organization of Petroleum Exporting Countries", "OPEC"},
      // Not acronym definitions: the name as it is.
      {"Ronald Reagan", "Ronald Reagan", ""},
      {"SEC", "SEC", ""},
      {"Paris (France)", "Paris (France)", ""},
      {"Party (in power)", "Party (in power)", ""},
      {"(SEC)", "(SEC)", ""},
      {"", "", ""},
  };
  for (const Case& c : cases) {
    INFO("raw: '" << c.raw << "'");
    const newsdex::NameParts parts = newsdex::split_acronym(c.raw);
    CHECK(parts.name == c.name);
    CHECK(parts.acronym == c.acronym);
  }
}

// ---- alias files ----

TEST_CASE("parse_alias_rules reads each kind of rule", "[identity]") {
  const std::string text =
      "# corrections for our archive\n"
      "\n"
      "merge person:Gipper = person:Ronald Reagan\n"
      "rename place:UK = Great Britain   # as our style guide says\n"
      "type org:Kidder = person\n"
      "hide misc:Reuters Staff\n"
      "  merge   org:\"Big Blue\"   =   org:\"International Business Machines\"  \n"
      "rename person:Gorbachev = \"Mikhail S. Gorbachev\"\n";
  const std::vector<AliasRule> rules = newsdex::parse_alias_rules(text, "aliases.txt");
  REQUIRE(rules.size() == 6);

  CHECK(rules[0].kind == AliasRule::Kind::merge);
  CHECK(rules[0].type == kPerson);
  CHECK(rules[0].name == "Gipper");
  CHECK(rules[0].to_type == kPerson);
  CHECK(rules[0].to_name == "Ronald Reagan");
  CHECK(rules[0].where == "aliases.txt:3");

  CHECK(rules[1].kind == AliasRule::Kind::rename);
  CHECK(rules[1].type == kPlace);
  CHECK(rules[1].name == "UK");
  CHECK(rules[1].to_name == "Great Britain");
  CHECK(rules[1].where == "aliases.txt:4");

  CHECK(rules[2].kind == AliasRule::Kind::retype);
  CHECK(rules[2].type == kOrg);
  CHECK(rules[2].name == "Kidder");
  CHECK(rules[2].to_type == kPerson);
  CHECK(rules[2].where == "aliases.txt:5");

  CHECK(rules[3].kind == AliasRule::Kind::hide);
  CHECK(rules[3].type == kMisc);
  CHECK(rules[3].name == "Reuters Staff");
  CHECK(rules[3].where == "aliases.txt:6");

  // Quotes and extra spaces around names are not part of them.
  CHECK(rules[4].kind == AliasRule::Kind::merge);
  CHECK(rules[4].name == "Big Blue");
  CHECK(rules[4].to_type == kOrg);
  CHECK(rules[4].to_name == "International Business Machines");
  CHECK(rules[4].where == "aliases.txt:7");

  CHECK(rules[5].kind == AliasRule::Kind::rename);
  CHECK(rules[5].to_name == "Mikhail S. Gorbachev");
}

TEST_CASE("parse_alias_rules: a file of comments and blank lines has no rules", "[identity]") {
  CHECK(newsdex::parse_alias_rules("", "a").empty());
  CHECK(newsdex::parse_alias_rules("# nothing yet\n\n   \n\t# still nothing\n", "a").empty());
}

TEST_CASE("parse_alias_rules: CRLF line ends are read like LF", "[identity]") {
  const auto rules = newsdex::parse_alias_rules("hide person:Foo Bar\r\nrename place:UK = Britain\r\n", "a");
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].name == "Foo Bar");
  CHECK(rules[1].to_name == "Britain");
  CHECK(rules[1].where == "a:2");
}

TEST_CASE("parse_alias_rules: a malformed line is an error naming the file and line", "[identity]") {
  struct Case {
    const char* name;
    const char* bad_line;
  };
  const Case cases[] = {
      {"unknown verb", "alias person:Reagan = person:Ronald Reagan"},
      {"verb only", "hide"},
      {"merge without '='", "merge person:Reagan person:Ronald Reagan"},
      {"rename without '='", "rename place:UK Great Britain"},
      {"nothing after '='", "rename place:UK =   "},
      {"hide with '='", "hide person:Reagan = person:Ronald Reagan"},
      {"no TYPE:", "hide Reagan"},
      {"unknown type", "hide planet:Mars"},
      {"unknown type after '='", "merge person:Reagan = human:Ronald Reagan"},
      {"merge target without TYPE:", "merge person:Reagan = Ronald Reagan"},
      {"type to an unknown type", "type org:Kidder = company"},
      {"a name without a word", "hide person:..."},
      {"a new name without a word", "rename person:Reagan = \"--\""},
      {"a control character", "hide person:Rea\x01gan"},
      {"not UTF-8", "hide person:Re\xff\xfegan"},
  };
  for (const Case& c : cases) {
    INFO(c.name << ": " << c.bad_line);
    // Two good lines and a comment first: the bad one is line 4.
    const std::string text = "hide person:Someone\n# comment\nrename place:UK = Britain\n" + std::string(c.bad_line) +
                             "\nhide person:Someone Else\n";
    const std::string error = parse_error(text);
    CHECK(error.rfind("my.aliases:4: ", 0) == 0);
  }
  // The message says what a rule looks like.
  CHECK_THAT(parse_error("frobnicate person:X\n"), Catch::Contains("merge TYPE:NAME = TYPE:NAME"));
  CHECK_THAT(parse_error("frobnicate person:X\n"), Catch::Contains("frobnicate"));
  CHECK_THAT(parse_error("hide planet:Mars\n"), Catch::Contains("planet"));
}

TEST_CASE("load_builtin_aliases reads TYPE, ALIAS, CANONICAL and 'any'", "[identity]") {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("newsdex-identity-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "aliases.tsv");
    out << "# comment\n"
           "place\tU.K.\tUnited Kingdom\tany\n"
           "\n"
           "place\tHolland\tNetherlands\n"
           "org\tU.N.\tUnited Nations\tany\n";
  }
  const auto aliases = newsdex::load_builtin_aliases(dir.string());
  REQUIRE(aliases.size() == 3);
  CHECK(aliases[0].alias == "U.K.");
  CHECK(aliases[0].type == kPlace);
  CHECK(aliases[0].canonical == "United Kingdom");
  CHECK(aliases[0].any_type);
  CHECK(aliases[1].alias == "Holland");
  CHECK(aliases[1].canonical == "Netherlands");
  CHECK_FALSE(aliases[1].any_type);
  CHECK(aliases[2].type == kOrg);

  {
    std::ofstream out(dir / "aliases.tsv");
    out << "place\tUK\tUnited Kingdom\n"
           "place UK United Kingdom\n";
  }
  try {
    newsdex::load_builtin_aliases(dir.string());
    FAIL("a malformed aliases.tsv was read");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains((dir / "aliases.tsv").string() + ":2"));
  }
  std::filesystem::remove_all(dir);
  try {
    newsdex::load_builtin_aliases(dir.string());
    FAIL("a missing aliases.tsv was read");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains("aliases.tsv"));
  }
}

TEST_CASE("the shipped built-in aliases make Britain, UK and U.K. the United Kingdom", "[identity]") {
  const auto aliases = newsdex::load_builtin_aliases(NEWSDEX_CORPUS "/../common/ner/data");
  for (const char* name : {"Britain", "UK", "U.K."}) {
    INFO(name);
    const auto it = std::find_if(aliases.begin(), aliases.end(), [&](const BuiltinAlias& b) { return b.alias == name; });
    REQUIRE(it != aliases.end());
    CHECK(it->type == kPlace);
    CHECK(it->canonical == "United Kingdom");
  }
  // A city the archive names by an older or variant spelling is the city
  // by its name today.
  for (const auto& [name, city] : {std::pair{"Peking", "Beijing"}, {"Teheran", "Tehran"}, {"Bombay", "Mumbai"}}) {
    INFO(name);
    const auto it = std::find_if(aliases.begin(), aliases.end(), [&](const BuiltinAlias& b) { return b.alias == name; });
    REQUIRE(it != aliases.end());
    CHECK(it->type == kPlace);
    CHECK(it->canonical == city);
  }
}

// ---- AliasTable ----

TEST_CASE("AliasTable: entries by type and key - entry keys round-trip", "[identity]") {
  AliasTable table;
  CHECK(table.empty());
  table.set(kPerson, "reagan", target(kPerson, "Ronald Reagan"));
  table.set(kPlace, "uk", target(kPlace, "United Kingdom"));
  CHECK(table.size() == 2);
  REQUIRE(table.find(kPerson, "reagan") != nullptr);
  CHECK(*table.find(kPerson, "reagan") == target(kPerson, "Ronald Reagan"));
  CHECK(table.find(kOrg, "reagan") == nullptr);  // per type
  CHECK(table.find(kPerson, "ronald reagan") == nullptr);
  table.set(kPerson, "reagan", target(kPerson, "Nancy Reagan"));  // replaces
  CHECK(table.size() == 2);
  CHECK(table.find(kPerson, "reagan")->name == "Nancy Reagan");

  EntityType type = kMisc;
  std::string key;
  REQUIRE(AliasTable::parse_entry_key(AliasTable::entry_key(kOrg, "securities and exchange commission"), &type, &key));
  CHECK(type == kOrg);
  CHECK(key == "securities and exchange commission");
  CHECK_FALSE(AliasTable::parse_entry_key("person-reagan", &type, &key));
  CHECK_FALSE(AliasTable::parse_entry_key(std::string("planet\x1fmars"), &type, &key));

  AliasTable copy;
  copy.set(kPlace, "uk", target(kPlace, "United Kingdom"));
  CHECK_FALSE(copy == table);
  copy.set(kPerson, "reagan", target(kPerson, "Nancy Reagan"));
  CHECK(copy == table);
}

TEST_CASE("AliasTable::resolve: names of one entity merge, mentions summed", "[identity]") {
  AliasTable table;
  table.set(kPerson, "reagan", target(kPerson, "Ronald Reagan"));
  table.set(kPlace, "uk", target(kPlace, "United Kingdom"));
  table.set(kPlace, "britain", target(kPlace, "United Kingdom"));
  const std::vector<Entity> raw = {
      {kPerson, "Reagan", 2},
      {kPlace, "Britain", 1},
      {kPerson, "Ronald Reagan", 3},
      {kPlace, "U.K.", 4},  // key "uk", as UK
      {kPlace, "Moscow", 1},
  };
  const std::vector<Entity> out = table.resolve(raw);
  INFO(describe(out));
  REQUIRE(out.size() == 3);
  CHECK(out[0].type == kPerson);
  CHECK(out[0].name == "Ronald Reagan");
  CHECK(out[0].mentions == 5);
  CHECK(out[1].type == kPlace);
  CHECK(out[1].name == "United Kingdom");
  CHECK(out[1].mentions == 5);
  CHECK(out[2].type == kPlace);
  CHECK(out[2].name == "Moscow");  // no entry: itself
  CHECK(out[2].mentions == 1);
}

TEST_CASE("AliasTable::resolve: hidden entities are dropped", "[identity]") {
  AliasTable table;
  table.set(kMisc, "reuters staff", AliasTarget{kMisc, ""});
  table.set(kPerson, "reagan", target(kPerson, "Ronald Reagan"));
  const std::vector<Entity> out = table.resolve({{kMisc, "Reuters Staff", 1}, {kPerson, "Reagan", 1}, {kMisc, "REUTERS STAFF", 2}});
  INFO(describe(out));
  REQUIRE(out.size() == 1);
  CHECK(out[0].name == "Ronald Reagan");
  CHECK(table.resolve({{kMisc, "Reuters Staff", 1}}).empty());
}

TEST_CASE("AliasTable::resolve: ordered by type, then by first raw entity", "[identity]") {
  AliasTable table;
  table.set(kPerson, "goldman sachs", target(kOrg, "Goldman Sachs"));  // another type
  const std::vector<Entity> raw = {
      {kMisc, "Soviet", 1},       {kOrg, "Reuters", 1},         {kPlace, "Zagreb", 1},
      {kPerson, "Goldman Sachs", 2}, {kPerson, "Ronald Reagan", 1}, {kPlace, "Athens", 1},
      {kPerson, "Alan Greenspan", 1}, {kOrg, "Goldman Sachs", 1},
  };
  const std::vector<Entity> out = table.resolve(raw);
  std::vector<std::string> got;
  for (const Entity& e : out) got.push_back(std::string(newsdex::name_of(e.type)) + ":" + e.name);
  const std::vector<std::string> want = {"person:Ronald Reagan", "person:Alan Greenspan", "place:Zagreb",
                                         "place:Athens",        "org:Reuters",          "org:Goldman Sachs",
                                         "misc:Soviet"};
  CHECK(got == want);
  CHECK(out[5].mentions == 3);  // 2 as a person + 1 as an org
}

TEST_CASE("AliasTable::resolve: an empty table gives the raw entities back", "[identity]") {
  const AliasTable table;
  const std::vector<Entity> raw = {{kPerson, "Ronald Reagan", 2}, {kPlace, "Britain", 1}};
  const std::vector<Entity> out = table.resolve(raw);
  INFO(describe(out));
  REQUIRE(out.size() == 2);
  CHECK(out[0].name == "Ronald Reagan");
  CHECK(out[0].mentions == 2);
  CHECK(out[1].name == "Britain");
}

// ---- build_identity ----

TEST_CASE("build_identity: an unambiguous surname is the one full name the archive gives it", "[identity]") {
  const IdentityResult r = build({{kPerson, "Ronald Reagan", 90}, {kPerson, "Reagan", 40}, {kPerson, "Mikhail Gorbachev", 30}});
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "Reagan") == target(kPerson, "Ronald Reagan"));
  CHECK(canonical(r.table, kPerson, "REAGAN") == target(kPerson, "Ronald Reagan"));
  CHECK(canonical(r.table, kPerson, "Ronald Reagan") == target(kPerson, "Ronald Reagan"));
  CHECK(canonical(r.table, kPerson, "Mikhail Gorbachev") == target(kPerson, "Mikhail Gorbachev"));
  // The entity directory lists the surname among its names, with its count.
  const auto* entry = entry_of(r, target(kPerson, "Ronald Reagan"));
  REQUIRE(entry != nullptr);
  REQUIRE(entry->aliases.size() == 1);
  CHECK(entry->aliases[0].name == "Reagan");
  CHECK(entry->aliases[0].type == kPerson);
  CHECK(entry->aliases[0].articles == 40);
}

TEST_CASE("build_identity: a surname no article writes alone still names its one person", "[identity]") {
  const IdentityResult r = build({{kPerson, "Vladimir Putin", 3}, {kPerson, "George Bush", 2}, {kPerson, "Jeb Bush", 2},
                                  {kPlace, "Washington", 5}, {kPerson, "George Washington", 1}});
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "Putin") == target(kPerson, "Vladimir Putin"));
  CHECK(canonical(r.table, kPerson, "putin") == target(kPerson, "Vladimir Putin"));
  // Two people share it: neither.
  CHECK(canonical(r.table, kPerson, "Bush").name == "Bush");
  // A name the archive has of its own stays its own.
  CHECK(canonical(r.table, kPlace, "Washington") == target(kPlace, "Washington"));
  // No alias is listed for a surname no article wrote.
  const auto* entry = entry_of(r, target(kPerson, "Vladimir Putin"));
  CHECK((entry == nullptr || entry->aliases.empty()));
}

TEST_CASE("build_identity: a misreading of which every article is weak claims no surname", "[identity]") {
  // RawName: type, name, articles, of which weak.
  IdentityInputs in;
  in.names = {{kPerson, "Clayton Yeutter", 80, 0}, {kPerson, "Represenative Clayton Yeutter", 1, 1},
              {kPerson, "George Bush", 2, 0},      {kPerson, "Jeb Bush", 2, 0}};
  const IdentityResult r = newsdex::build_identity(in);
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "Yeutter") == target(kPerson, "Clayton Yeutter"));
  CHECK(canonical(r.table, kPerson, "Represenative Clayton Yeutter").hidden());
  // Two names of sure evidence still share theirs.
  CHECK(canonical(r.table, kPerson, "Bush").name == "Bush");
}

TEST_CASE("build_identity: a surname two full names share equally is neither", "[identity]") {
  const IdentityResult r = build({{kPerson, "George Bush", 50}, {kPerson, "Jeb Bush", 50}, {kPerson, "Bush", 40}});
  INFO(describe(r.table));
  const AliasTarget bush = canonical(r.table, kPerson, "Bush");
  CHECK(bush.name != "George Bush");
  CHECK(bush.name != "Jeb Bush");
  CHECK(canonical(r.table, kPerson, "George Bush") == target(kPerson, "George Bush"));
  CHECK(canonical(r.table, kPerson, "Jeb Bush") == target(kPerson, "Jeb Bush"));
}

TEST_CASE("build_identity: a surname goes to the full name with nearly all the evidence", "[identity]") {
  // 90/10: the dominant full name takes the surname.
  const IdentityResult r = build({{kPerson, "George Bush", 90}, {kPerson, "Jeb Bush", 10}, {kPerson, "Bush", 40}});
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "Bush") == target(kPerson, "George Bush"));
  CHECK(canonical(r.table, kPerson, "Jeb Bush") == target(kPerson, "Jeb Bush"));
}

TEST_CASE("build_identity: a place's name is no fragment of a body named after it, a firm's first word is", "[identity]") {
  IdentityInputs in;
  in.names = {// A town the archive names as often as its flood group.
              {kPlace, "Ashcombe", 1}, {kOrg, "Ashcombe", 1}, {kOrg, "Ashcombe Flood Group", 1},
              // A town tagged once an organisation, and its council.
              {kOrg, "Millbrook", 1}, {kOrg, "Millbrook District Council", 1},
              // A listed place, mostly a club, and a hotel association there.
              {kOrg, "Blackpool", 5}, {kPlace, "Blackpool", 1}, {kOrg, "Blackpool Hotel Association", 6},
              // A constituency.
              {kOrg, "Bolton", 9}, {kPlace, "Bolton", 2}, {kOrg, "Bolton West", 12},
              // Places that are also the first words of firms and clubs.
              {kOrg, "Bethlehem", 4}, {kPlace, "Bethlehem", 2}, {kOrg, "Bethlehem Steel", 13},
              {kOrg, "Fleet", 6}, {kPlace, "Fleet", 3}, {kOrg, "Fleet Financial Group", 10},
              {kOrg, "Real", 20}, {kPlace, "Real", 1}, {kOrg, "Real Madrid", 32},
              // No place at all.
              {kOrg, "Kidder", 30}, {kOrg, "Kidder Peabody", 70}};
  in.listed_type = [](std::string_view name) -> std::optional<EntityType> {
    for (const char* place : {"blackpool", "bolton", "bethlehem", "fleet", "real"}) {
      if (name == place) return kPlace;
    }
    return std::nullopt;
  };
  const IdentityResult r = newsdex::build_identity(in);
  INFO(describe(r.table));
  struct Case {
    const char* name;
    const char* not_target;  // nullptr: `target` below
    const char* target;
  };
  const Case cases[] = {
      {"Ashcombe", "Ashcombe Flood Group", nullptr},
      {"Millbrook", "Millbrook District Council", nullptr},
      {"Blackpool", "Blackpool Hotel Association", nullptr},
      {"Bolton", "Bolton West", nullptr},
      {"Bethlehem", nullptr, "Bethlehem Steel"},
      {"Fleet", nullptr, "Fleet Financial Group"},
      {"Real", nullptr, "Real Madrid"},
      {"Kidder", nullptr, "Kidder Peabody"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const AliasTarget got = canonical(r.table, kOrg, c.name);
    if (c.target != nullptr) {
      CHECK(got == target(kOrg, c.target));
    } else {
      CHECK(got.name != c.not_target);
    }
  }
}

TEST_CASE("build_identity: a public body written without its country is the one qualified form", "[identity]") {
  const IdentityResult r = build({{kOrg, "U.S. Agriculture Department", 300}, {kOrg, "Agriculture Department", 40},
                                  {kPlace, "U.S.", 500}, {kPlace, "Japan", 80}, {kPlace, "France", 70},
                                  {kOrg, "Japan Finance Ministry", 20}, {kOrg, "France Finance Ministry", 18},
                                  {kOrg, "Finance Ministry", 60}, {kOrg, "Texas Air", 10}, {kOrg, "Air", 3},
                                  {kOrg, "Commerce Department", 30}});
  INFO(describe(r.table));
  CHECK(canonical(r.table, kOrg, "Agriculture Department") == target(kOrg, "U.S. Agriculture Department"));
  // Two countries' ministries: the short form is neither.
  CHECK(canonical(r.table, kOrg, "Finance Ministry") == target(kOrg, "Finance Ministry"));
  // No qualified form in the archive: itself.
  CHECK(canonical(r.table, kOrg, "Commerce Department") == target(kOrg, "Commerce Department"));
}

TEST_CASE("build_identity: an acronym the archive defines is its expansion", "[identity]") {
  const IdentityResult r = build({{kOrg, "Securities and Exchange Commission (SEC)", 9},
                                  {kOrg, "SEC", 30},
                                  {kOrg, "Securities and Exchange Commission", 6}});
  INFO(describe(r.table));
  const AliasTarget sec = target(kOrg, "Securities and Exchange Commission");
  CHECK(canonical(r.table, kOrg, "SEC") == sec);
  CHECK(canonical(r.table, kOrg, "Securities and Exchange Commission") == sec);
  // The defining form itself resolves to the expansion (resolve() reads
  // the name without its acronym).
  const std::vector<Entity> out = r.table.resolve({{kOrg, "Securities and Exchange Commission (SEC)", 1}, {kOrg, "SEC", 2}});
  INFO(describe(out));
  REQUIRE(out.size() == 1);
  CHECK(out[0].name == "Securities and Exchange Commission");
  CHECK(out[0].mentions == 3);
  // The entity's names include the acronym.
  const auto* entry = entry_of(r, sec);
  REQUIRE(entry != nullptr);
  CHECK(std::any_of(entry->aliases.begin(), entry->aliases.end(), [](const RawName& a) { return a.name == "SEC"; }));
}

TEST_CASE("build_identity: an acronym nobody defines stays itself", "[identity]") {
  const IdentityResult r = build({{kOrg, "SEC", 30}, {kOrg, "Securities and Exchange Commission", 6}});
  INFO(describe(r.table));
  CHECK(canonical(r.table, kOrg, "SEC") == target(kOrg, "SEC"));
}

TEST_CASE("build_identity: built-in aliases resolve to their canonical name", "[identity]") {
  const IdentityResult r =
      build({{kPlace, "Britain", 30}, {kPlace, "UK", 20}, {kPlace, "U.K.", 10}, {kPlace, "Moscow", 5}}, "", uk_builtins());
  INFO(describe(r.table));
  const AliasTarget uk = target(kPlace, "United Kingdom");
  CHECK(canonical(r.table, kPlace, "Britain") == uk);
  CHECK(canonical(r.table, kPlace, "UK") == uk);
  CHECK(canonical(r.table, kPlace, "U.K.") == uk);
  CHECK(canonical(r.table, kPlace, "Moscow") == target(kPlace, "Moscow"));
  // An "any" alias resolves whatever type the tagger gave it.
  CHECK(canonical(r.table, kOrg, "Britain") == uk);
  // Typed aliases only for their type.
  const IdentityResult us = build({{kPlace, "America", 10}, {kOrg, "America", 90}}, "", uk_builtins());
  INFO(describe(us.table));
  CHECK(canonical(us.table, kPlace, "America") == target(kPlace, "United States"));
  CHECK(canonical(us.table, kOrg, "America").name != "United States");
}

TEST_CASE("build_identity: the type most articles give a name wins", "[identity]") {
  const IdentityResult r = build({{kOrg, "Goldman Sachs", 90}, {kPerson, "Goldman Sachs", 10},
                                  {kPerson, "Paul Volcker", 90}, {kOrg, "Paul Volcker", 10}});
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "Goldman Sachs") == target(kOrg, "Goldman Sachs"));
  CHECK(canonical(r.table, kOrg, "Goldman Sachs") == target(kOrg, "Goldman Sachs"));
  CHECK(canonical(r.table, kOrg, "Paul Volcker") == target(kPerson, "Paul Volcker"));
  CHECK(canonical(r.table, kPerson, "Paul Volcker") == target(kPerson, "Paul Volcker"));
  // An article tagging both resolves to one entity.
  const std::vector<Entity> out = r.table.resolve({{kPerson, "Goldman Sachs", 1}, {kOrg, "Goldman Sachs", 2}});
  REQUIRE(out.size() == 1);
  CHECK(out[0].type == kOrg);
  CHECK(out[0].mentions == 3);
}

TEST_CASE("build_identity: a programme or measure is misc though its acronym is tagged an organisation", "[identity]") {
  IdentityInputs in;
  in.names = {{kOrg, "Gross National Product (GNP)", 5}, {kOrg, "GNP", 40}, {newsdex::EntityType::misc, "Gross National Product", 10},
              {kOrg, "Federal Reserve System (FRS)", 5}, {kOrg, "FRS", 40}};
  in.misc_by_form = [](std::string_view name) { return name.size() > 8 && name.substr(name.size() - 8) == " Product"; };
  const IdentityResult r = newsdex::build_identity(in);
  INFO(describe(r.table));
  CHECK(canonical(r.table, kOrg, "GNP") == target(newsdex::EntityType::misc, "Gross National Product"));
  CHECK(canonical(r.table, kOrg, "FRS") == target(kOrg, "Federal Reserve System"));
}

namespace {

// A common_word callback: true for the words of `lower` in any case.
std::function<bool(std::string_view)> common_words(std::set<std::string> lower) {
  return [lower = std::move(lower)](std::string_view name) {
    std::string key(name);
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.count(key) > 0;
  };
}

}  // namespace

TEST_CASE("build_identity: a listed place and a lowercase word is a headline's phrase, no place", "[identity]") {
  IdentityInputs in;
  in.names = {{kPlace, "U.S. Attack", 11}, {kPlace, "U.S. Deficit", 4}, {kPlace, "Gaza Strip", 30},
              {kPlace, "Panama Canal", 5}, {kPlace, "New York", 90}, {kPlace, "U.S.", 900}};
  // As EntityExtractor::common_word: kinds of place ("strip", "canal") are not on it.
  in.common_word = common_words({"attack", "deficit", "new"});
  in.listed_type = [](std::string_view name) -> std::optional<EntityType> {
    for (const char* place : {"U.S.", "Gaza", "Panama", "York", "New York"}) {
      if (name == place) return kPlace;
    }
    return std::nullopt;
  };
  const IdentityResult r = newsdex::build_identity(in);
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPlace, "U.S. Attack").hidden());
  CHECK(canonical(r.table, kPlace, "U.S. Deficit").hidden());
  // A place and a kind of place, or a name a list knows: a place.
  CHECK(canonical(r.table, kPlace, "Gaza Strip") == target(kPlace, "Gaza Strip"));
  CHECK(canonical(r.table, kPlace, "Panama Canal") == target(kPlace, "Panama Canal"));
  CHECK(canonical(r.table, kPlace, "New York") == target(kPlace, "New York"));
}

TEST_CASE("build_identity: initials and a surname that begin a firm's name are the firm", "[identity]") {
  const IdentityResult r = build({{kPerson, "L.F. Rothschild", 20},
                                  {kOrg, "L.F. Rothschild", 8},
                                  {kOrg, "L.F. Rothschild Unterberg Towbin", 3},
                                  {kPerson, "A.G. Edwards", 2},
                                  {kOrg, "A.G. Edwards and Sons", 1},
                                  {kPerson, "J.K. Rowling", 10},
                                  {kPerson, "Ronald Reagan", 50},
                                  {kOrg, "Ronald Reagan Presidential Library", 2}});
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "L.F. Rothschild") == target(kOrg, "L.F. Rothschild"));
  CHECK(canonical(r.table, kPerson, "A.G. Edwards") == target(kOrg, "A.G. Edwards"));
  // No firm begins with the name, or the name is no initials: a person.
  CHECK(canonical(r.table, kPerson, "J.K. Rowling") == target(kPerson, "J.K. Rowling"));
  CHECK(canonical(r.table, kPerson, "Ronald Reagan") == target(kPerson, "Ronald Reagan"));
}

TEST_CASE("build_identity: a typed built-in alias takes every raw type of a name decided to be of that type",
          "[identity]") {
  const std::vector<BuiltinAlias> states = {{"Colo.", kPlace, "Colorado", false}, {"Mo.", kPlace, "Missouri", false}};
  const IdentityResult r = build({{kPlace, "Colo", 3}, {kOrg, "Colo", 1}, {kPlace, "Colorado", 50},
                                  {kPerson, "Mo", 5}, {kPlace, "Missouri", 30}},
                                 "", states);
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPlace, "Colo") == target(kPlace, "Colorado"));
  // A dateline's "Colo" the tagger called an organisation is the state too.
  CHECK(canonical(r.table, kOrg, "Colo") == target(kPlace, "Colorado"));
  // A name the archive decided is a person's is no state.
  CHECK(canonical(r.table, kPerson, "Mo").type == kPerson);
}

TEST_CASE("build_identity: a firm's name cut short is the longer name the archive writes far more often", "[identity]") {
  const IdentityResult r = build({{kOrg, "Securities and Exchange", 5},
                                  {kOrg, "Securities and Exchange Commission", 657},
                                  {kOrg, "Shearson Lehman", 22},
                                  {kOrg, "Shearson Lehman Brothers", 139},
                                  // About as often as its longer forms: a firm of its own.
                                  {kOrg, "Merrill Lynch", 300},
                                  {kOrg, "Merrill Lynch Canada", 12},
                                  {kOrg, "Merrill Lynch Capital Markets", 71},
                                  // Two longer names share the evidence: neither.
                                  {kOrg, "Dean Witter", 2},
                                  {kOrg, "Dean Witter Reynolds", 20},
                                  {kOrg, "Dean Witter Realty", 20},
                                  // "X of ..." is another name.
                                  {kOrg, "Bank of New", 1},
                                  {kOrg, "Bank of New York", 1},
                                  {kOrg, "Federal Reserve Bank", 2},
                                  {kOrg, "Federal Reserve Bank of New York", 40}});
  INFO(describe(r.table));
  CHECK(canonical(r.table, kOrg, "Securities and Exchange") == target(kOrg, "Securities and Exchange Commission"));
  CHECK(canonical(r.table, kOrg, "Shearson Lehman") == target(kOrg, "Shearson Lehman Brothers"));
  CHECK(canonical(r.table, kOrg, "Merrill Lynch") == target(kOrg, "Merrill Lynch"));
  CHECK(canonical(r.table, kOrg, "Dean Witter") == target(kOrg, "Dean Witter"));
  CHECK(canonical(r.table, kOrg, "Federal Reserve Bank") == target(kOrg, "Federal Reserve Bank"));
}

TEST_CASE("build_identity: a one-word name counts the longer names already joined to an entity", "[identity]") {
  // "Shearson Lehman" joins Shearson Lehman Brothers first; "Lehman" alone
  // is still a fragment of that firm, as "Chase" is of Chase Manhattan once
  // "Chase Manhattan Bank" has joined it.
  const IdentityResult r = build({{kOrg, "Shearson Lehman", 22},
                                  {kOrg, "Shearson Lehman Brothers", 139},
                                  {kOrg, "Lehman", 5},
                                  {kOrg, "Chase Manhattan", 54},
                                  {kOrg, "Chase Manhattan Bank", 40},
                                  {kOrg, "Chase", 14}});
  INFO(describe(r.table));
  CHECK(canonical(r.table, kOrg, "Lehman") == target(kOrg, "Shearson Lehman Brothers"));
  CHECK(canonical(r.table, kOrg, "Chase").name == canonical(r.table, kOrg, "Chase Manhattan Bank").name);
}

TEST_CASE("build_identity: founders' names that articles also give as the firm, and that begin its name, are the firm",
          "[identity]") {
  const IdentityResult r = build({{kPerson, "Drexel Burnham", 10},
                                  {kOrg, "Drexel Burnham", 2},
                                  {kOrg, "Drexel Burnham Lambert", 119},
                                  {kPerson, "Jardine Fleming", 10},
                                  {kOrg, "Jardine Fleming", 5},
                                  {kOrg, "Jardine Fleming Securities", 4},
                                  // No article gives the name as an organisation.
                                  {kPerson, "Charles Merrill", 6},
                                  {kOrg, "Charles Merrill Lynch", 1},
                                  // The longer names are no firm's.
                                  {kPerson, "Jelena Jankovic", 2},
                                  {kOrg, "Jelena Jankovic", 1},
                                  {kOrg, "Jelena Jankovic of Serbia", 2},
                                  {kPerson, "Conrad Hilton", 3},
                                  {kOrg, "Conrad Hilton", 1},
                                  {kOrg, "Conrad Hilton Foundation", 1},
                                  // One word: a surname many people share.
                                  {kPerson, "Brown", 40},
                                  {kOrg, "Brown", 3},
                                  {kOrg, "Brown Boveri", 10}});
  INFO(describe(r.table));
  // ... and the name it begins, written far more often, is its full name.
  CHECK(canonical(r.table, kPerson, "Drexel Burnham") == target(kOrg, "Drexel Burnham Lambert"));
  CHECK(canonical(r.table, kPerson, "Jardine Fleming") == target(kOrg, "Jardine Fleming"));
  for (const char* person : {"Charles Merrill", "Jelena Jankovic", "Conrad Hilton", "Brown"}) {
    INFO(person);
    CHECK(canonical(r.table, kPerson, person).type == kPerson);
  }
}

TEST_CASE("build_identity: a one-word name news text writes in lowercase is no entity alone", "[identity]") {
  IdentityInputs in;
  in.names = {{kMisc, "Demands", 4},        {kPerson, "Computer", 2},      {kPerson, "Rice", 10},
              {kPerson, "Condoleezza Rice", 50}, {kOrg, "Shell", 30},      {kOrg, "Young Turks", 3},
              {kMisc, "Internet", 6}};
  in.common_word = common_words({"demands", "computer", "rice", "shell", "young", "turks", "internet"});
  in.listed_type = [](std::string_view name) -> std::optional<EntityType> {
    if (name == "Shell") return kOrg;
    return std::nullopt;
  };
  in.rules = newsdex::parse_alias_rules("type misc:Internet = misc\n", "aliases.txt");
  const IdentityResult r = newsdex::build_identity(in);
  INFO(describe(r.table));
  CHECK(canonical(r.table, kMisc, "Demands").hidden());
  CHECK(canonical(r.table, kPerson, "Computer").hidden());
  // A surname the archive's full name claims is that person, not a word.
  CHECK(canonical(r.table, kPerson, "Rice") == target(kPerson, "Condoleezza Rice"));
  // A name a list knows, a name of several words, a user's rule: kept.
  CHECK(canonical(r.table, kOrg, "Shell") == target(kOrg, "Shell"));
  CHECK(canonical(r.table, kOrg, "Young Turks") == target(kOrg, "Young Turks"));
  CHECK(canonical(r.table, kMisc, "Internet") == target(kMisc, "Internet"));
  // Without the word list nothing is hidden for it.
  in.common_word = nullptr;
  const IdentityResult all = newsdex::build_identity(in);
  CHECK(canonical(all.table, kMisc, "Demands") == target(kMisc, "Demands"));
}

TEST_CASE("build_identity: a person named by a common given name alone is no one in particular", "[identity]") {
  IdentityInputs in;
  in.names = {{kPerson, "David", 13}, {kPerson, "David Cameron", 40}, {kPerson, "Mary", 3}, {kPerson, "Pele", 5},
              {kOrg, "Alexander", 2}};
  in.given_name = [](std::string_view w) { return w == "David" || w == "Mary" || w == "Alexander"; };
  in.rules = newsdex::parse_alias_rules("type person:Mary = person\n", "aliases.txt");
  const IdentityResult r = newsdex::build_identity(in);
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "David").hidden());
  // A full name, a person known by one name no list gives, another type,
  // a user's rule: kept.
  CHECK(canonical(r.table, kPerson, "David Cameron") == target(kPerson, "David Cameron"));
  CHECK(canonical(r.table, kPerson, "Pele") == target(kPerson, "Pele"));
  CHECK(canonical(r.table, kOrg, "Alexander") == target(kOrg, "Alexander"));
  CHECK(canonical(r.table, kPerson, "Mary") == target(kPerson, "Mary"));
}

TEST_CASE("build_identity: a name every article gives only weak evidence of is no entity", "[identity]") {
  // RawName: type, name, articles, of which weak.
  IdentityInputs in;
  in.names = {{kMisc, "Super Unleaded", 3, 3},  {kOrg, "Keystone Realty", 2, 1},
              {kPerson, "Reagan", 5, 5},        {kPerson, "Ronald Reagan", 20, 0},
              {kOrg, "Qwerty Holdings", 2, 2},  {kOrg, "Qwerty Holdings Inc", 1, 1},
              {kPlace, "Lugano", 2, 7},         {kMisc, "Spotlight Index", 2, 2}};
  in.rules = newsdex::parse_alias_rules("type misc:Spotlight Index = misc\n", "aliases.txt");
  const IdentityResult r = newsdex::build_identity(in);
  INFO(describe(r.table));
  CHECK(canonical(r.table, kMisc, "Super Unleaded").hidden());
  // One article of better evidence keeps a name.
  CHECK(canonical(r.table, kOrg, "Keystone Realty") == target(kOrg, "Keystone Realty"));
  // A weak form of an entity that has sure evidence is that entity.
  CHECK(canonical(r.table, kPerson, "Reagan") == target(kPerson, "Ronald Reagan"));
  // Forms of one name, all weak: hidden together.
  CHECK(canonical(r.table, kOrg, "Qwerty Holdings").hidden());
  CHECK(canonical(r.table, kOrg, "Qwerty Holdings Inc").hidden());
  // A weak count above the articles (an inconsistent index) is all weak.
  CHECK(canonical(r.table, kPlace, "Lugano").hidden());
  // A user's rule about a name keeps it.
  CHECK(canonical(r.table, kMisc, "Spotlight Index") == target(kMisc, "Spotlight Index"));
}

TEST_CASE("build_identity: a middle initial joins the name without it, unless the archive writes it often", "[identity]") {
  const IdentityResult r = build({{kPerson, "Ronald Reagan", 300},
                                  {kPerson, "Ronald W. Reagan", 2},
                                  {kPerson, "George Bush", 40},
                                  {kPerson, "George W Bush", 26},
                                  {kPerson, "George W. Bush", 1},
                                  {kPerson, "John F. Kennedy", 9},
                                  {kPerson, "John Kennedy", 5}});
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "Ronald W. Reagan") == target(kPerson, "Ronald Reagan"));
  // Written with the initial in 27 articles, 10 or more and a quarter of
  // the other's: another person.
  CHECK(canonical(r.table, kPerson, "George W Bush") == target(kPerson, "George W Bush"));
  CHECK(canonical(r.table, kPerson, "George W. Bush") == target(kPerson, "George W Bush"));
  CHECK(canonical(r.table, kPerson, "George Bush") == target(kPerson, "George Bush"));
  // Under 10 articles: one person.
  CHECK(canonical(r.table, kPerson, "John F. Kennedy") == canonical(r.table, kPerson, "John Kennedy"));
}

TEST_CASE("build_identity: a firm's name with 'Bank' or 'Trust' after it is that firm", "[identity]") {
  const IdentityResult r = build({{kOrg, "Chase Manhattan", 38},
                                  {kOrg, "Chase Manhattan Bank", 23},
                                  {kOrg, "Chase", 14},
                                  {kOrg, "Chase Manhattan Securities", 8},
                                  {kOrg, "Chase Econometrics", 3},
                                  {kOrg, "Manufacturers Hanover", 28},
                                  {kOrg, "Manufacturers Hanover Trust", 19},
                                  {kOrg, "First National", 100},
                                  {kOrg, "First National Bank", 3},
                                  {kOrg, "Mitsubishi", 21},
                                  {kOrg, "Mitsubishi Bank", 10},
                                  {kOrg, "Morgan Guaranty Trust", 36},
                                  {kOrg, "Morgan Guaranty", 30}});
  INFO(describe(r.table));
  CHECK(canonical(r.table, kOrg, "Chase Manhattan Bank") == target(kOrg, "Chase Manhattan"));
  CHECK(canonical(r.table, kOrg, "Manufacturers Hanover Trust") == target(kOrg, "Manufacturers Hanover"));
  // Named by the form written more often.
  CHECK(canonical(r.table, kOrg, "Morgan Guaranty") == target(kOrg, "Morgan Guaranty Trust"));
  // With the bank's forms one, "Chase" alone has its majority.
  CHECK(canonical(r.table, kOrg, "Chase") == target(kOrg, "Chase Manhattan"));
  // Written alone far more often, or one word: another entity.
  CHECK(canonical(r.table, kOrg, "First National Bank") == target(kOrg, "First National Bank"));
  CHECK(canonical(r.table, kOrg, "Mitsubishi Bank") == target(kOrg, "Mitsubishi Bank"));
  CHECK(canonical(r.table, kOrg, "Chase Manhattan Securities") == target(kOrg, "Chase Manhattan Securities"));
}

TEST_CASE("build_identity: a rare misspelling is the name the archive writes far more often", "[identity]") {
  IdentityInputs in;
  in.names = {{kPerson, "Paul Volcker", 108},
              {kPerson, "Paul Vocker", 1},                          // a letter dropped
              {kOrg, "Bundesbank", 168},
              {kOrg, "Bundebank", 1},
              {kOrg, "Securities and Exchange Commission", 652},
              {kOrg, "Securities and Exchange Commmission", 2},     // a letter added
              {kOrg, "Shearson Lehman Brothers", 138},
              {kOrg, "Shearson Lehamn Brothers", 1},                // neighbours swapped
              {kPlace, "Tehran", 39},
              {kPlace, "Teheran", 1},
              {kPerson, "Charles Clarke", 27},
              {kPerson, "Charles Clark", 1},                        // a surname of its own
              {kOrg, "BBC News", 132},
              {kOrg, "ABC News", 2},                                // a short word, and its first letter
              {kOrg, "General Motors", 147},
              {kPerson, "General Motor", 1},                        // another type
              {kPerson, "Alan Greenspan", 15},
              {kPerson, "Alan Greespan", 1},                        // too few to be sure: under 20 times
              {kPerson, "Kiichi Miyazawa", 97},
              {kPerson, "Kiichi Miyazwa", 6},                       // too common to be a slip
              {kOrg, "PaineWebber Group", 60},
              {kOrg, "Paine Webber Group", 2},                      // words joined: not a letter's slip
              {kOrg, "Intel", 44},
              {kOrg, "Intec", 1},                                   // words of five letters
              {kOrg, "Telecom Italia", 40},
              {kOrg, "TELECON Italia", 1}};                         // capitals: an acronym
  in.name_word = [](std::string_view word) { return word == "clark" || word == "clarke"; };
  const IdentityResult r = newsdex::build_identity(in);
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "Paul Vocker") == target(kPerson, "Paul Volcker"));
  CHECK(canonical(r.table, kOrg, "Bundebank") == target(kOrg, "Bundesbank"));
  CHECK(canonical(r.table, kOrg, "Securities and Exchange Commmission") ==
        target(kOrg, "Securities and Exchange Commission"));
  CHECK(canonical(r.table, kOrg, "Shearson Lehamn Brothers") == target(kOrg, "Shearson Lehman Brothers"));
  CHECK(canonical(r.table, kPlace, "Teheran") == target(kPlace, "Tehran"));
  CHECK(canonical(r.table, kPerson, "Charles Clark") == target(kPerson, "Charles Clark"));
  CHECK(canonical(r.table, kOrg, "ABC News") == target(kOrg, "ABC News"));
  CHECK(canonical(r.table, kPerson, "General Motor") == target(kPerson, "General Motor"));
  CHECK(canonical(r.table, kPerson, "Alan Greespan") == target(kPerson, "Alan Greespan"));
  CHECK(canonical(r.table, kPerson, "Kiichi Miyazwa") == target(kPerson, "Kiichi Miyazwa"));
  CHECK(canonical(r.table, kOrg, "Paine Webber Group") == target(kOrg, "Paine Webber Group"));
  CHECK(canonical(r.table, kOrg, "Intec") == target(kOrg, "Intec"));
  CHECK(canonical(r.table, kOrg, "TELECON Italia") == target(kOrg, "TELECON Italia"));
  // Without the name list, "Clark" is taken for a slip of "Clarke".
  in.name_word = nullptr;
  const IdentityResult loose = newsdex::build_identity(in);
  CHECK(canonical(loose.table, kPerson, "Charles Clark") == target(kPerson, "Charles Clarke"));
}

TEST_CASE("build_identity: one display name for names written two ways", "[identity]") {
  const IdentityResult r = build({{kPlace, "India", 90}, {kPlace, "INDIA", 10}});
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPlace, "INDIA") == target(kPlace, "India"));
  CHECK(canonical(r.table, kPlace, "India") == target(kPlace, "India"));
}

TEST_CASE("build_identity: a name is displayed well cased rather than as a slip of the shift key wrote it",
          "[identity]") {
  IdentityInputs in;
  in.names = {{kPerson, "WIlliam D. Dickey", 1}, {kPerson, "William D. Dickey", 1},
              {kPerson, "WIlliam Holland", 3},   {kPerson, "William Holland", 1},
              {kOrg, "JPMorgan Chase", 4},       {kOrg, "Jpmorgan Chase", 1},
              {kOrg, "McDonald's", 5},           {kOrg, "Mcdonald's", 1},
              {kOrg, "MCorp", 3},                {kOrg, "Carmel Container SYstems", 1},
              {kPerson, "Jean-PIerre Dupont", 2}};
  // The lists' words: a given name and words news writes in lowercase.
  in.name_word = [](std::string_view w) { return w == "William" || w == "Pierre"; };
  in.common_word = common_words({"systems", "corp"});
  const IdentityResult r = newsdex::build_identity(in);
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "WIlliam D. Dickey") == target(kPerson, "William D. Dickey"));
  CHECK(canonical(r.table, kPerson, "William Holland") == target(kPerson, "William Holland"));
  // Without a well-cased form, the slip is mended; a brand's capitals stay.
  CHECK(canonical(r.table, kOrg, "Carmel Container SYstems") == target(kOrg, "Carmel Container Systems"));
  CHECK(canonical(r.table, kPerson, "Jean-PIerre Dupont") == target(kPerson, "Jean-Pierre Dupont"));
  CHECK(canonical(r.table, kOrg, "MCorp") == target(kOrg, "MCorp"));
  // Capitals a name is written with are no slip.
  CHECK(canonical(r.table, kOrg, "Jpmorgan Chase") == target(kOrg, "JPMorgan Chase"));
  CHECK(canonical(r.table, kOrg, "Mcdonald's") == target(kOrg, "McDonald's"));
}

TEST_CASE("build_identity: the same inputs in any order give the same table", "[identity]") {
  std::vector<RawName> names = {{kPerson, "Ronald Reagan", 90},
                                {kPerson, "Reagan", 40},
                                {kPerson, "George Bush", 50},
                                {kPerson, "Jeb Bush", 50},
                                {kPerson, "Bush", 40},
                                {kOrg, "Securities and Exchange Commission (SEC)", 9},
                                {kOrg, "SEC", 30},
                                {kPlace, "Britain", 30},
                                {kPlace, "UK", 20},
                                {kOrg, "Goldman Sachs", 90},
                                {kPerson, "Goldman Sachs", 10}};
  const IdentityResult first = build(names, "hide person:Bush\n", uk_builtins());
  std::mt19937 rng(42);
  for (int i = 0; i < 5; ++i) {
    std::shuffle(names.begin(), names.end(), rng);
    const IdentityResult again = build(names, "hide person:Bush\n", uk_builtins());
    INFO(describe(again.table));
    CHECK(again.table == first.table);
  }
}

TEST_CASE("build_identity: a user's merge rule wins", "[identity]") {
  const std::vector<RawName> names = {{kPerson, "George Bush", 50}, {kPerson, "Jeb Bush", 50}, {kPerson, "Bush", 40},
                                      {kPerson, "Gipper", 5}, {kPerson, "Ronald Reagan", 90}};
  const IdentityResult r = build(names,
                                 "merge person:Bush = person:George Bush\n"
                                 "merge person:Gipper = person:Ronald Reagan\n");
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "Bush") == target(kPerson, "George Bush"));  // was ambiguous
  CHECK(canonical(r.table, kPerson, "Gipper") == target(kPerson, "Ronald Reagan"));
  CHECK(canonical(r.table, kPerson, "Jeb Bush") == target(kPerson, "Jeb Bush"));
  CHECK(r.notes.empty());
  // Merged across types: the target's type.
  const IdentityResult across = build({{kOrg, "Big Blue", 10}, {kOrg, "IBM", 90}}, "merge org:Big Blue = org:IBM\n");
  CHECK(canonical(across.table, kOrg, "Big Blue") == target(kOrg, "IBM"));
}

TEST_CASE("build_identity: a user's merge overrides a built-in alias", "[identity]") {
  const IdentityResult r = build({{kPlace, "Britain", 30}, {kPlace, "UK", 20}, {kPlace, "Great Britain", 10}},
                                 "merge place:Britain = place:Great Britain\n", uk_builtins());
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPlace, "Britain") == target(kPlace, "Great Britain"));
}

TEST_CASE("build_identity: a user's rename names the whole entity", "[identity]") {
  const IdentityResult r = build({{kPlace, "Britain", 30}, {kPlace, "UK", 20}, {kPerson, "Ronald Reagan", 90}, {kPerson, "Reagan", 40}},
                                 "rename place:UK = Great Britain\n"
                                 "rename person:Reagan = President Reagan\n",
                                 uk_builtins());
  INFO(describe(r.table));
  // A rule names an entity by any of its names.
  CHECK(canonical(r.table, kPlace, "Britain") == target(kPlace, "Great Britain"));
  CHECK(canonical(r.table, kPlace, "UK") == target(kPlace, "Great Britain"));
  CHECK(canonical(r.table, kPerson, "Reagan") == target(kPerson, "President Reagan"));
  CHECK(canonical(r.table, kPerson, "Ronald Reagan") == target(kPerson, "President Reagan"));
}

TEST_CASE("build_identity: a user's type rule beats the majority type", "[identity]") {
  const IdentityResult r = build({{kOrg, "Kidder Peabody", 90}, {kPerson, "Kidder Peabody", 10}},
                                 "type org:Kidder Peabody = person\n");
  INFO(describe(r.table));
  CHECK(canonical(r.table, kOrg, "Kidder Peabody") == target(kPerson, "Kidder Peabody"));
  CHECK(canonical(r.table, kPerson, "Kidder Peabody") == target(kPerson, "Kidder Peabody"));
}

TEST_CASE("build_identity: a user's hide rule hides every name of the entity", "[identity]") {
  const IdentityResult r = build({{kPerson, "Ronald Reagan", 90}, {kPerson, "Reagan", 40}, {kMisc, "Reuters Staff", 50},
                                  {kPerson, "Mikhail Gorbachev", 30}},
                                 "hide person:Reagan\nhide misc:Reuters Staff\n");
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "Reagan").hidden());
  CHECK(canonical(r.table, kPerson, "Ronald Reagan").hidden());
  CHECK(canonical(r.table, kMisc, "Reuters Staff").hidden());
  CHECK(canonical(r.table, kPerson, "Mikhail Gorbachev") == target(kPerson, "Mikhail Gorbachev"));
  const std::vector<Entity> out =
      r.table.resolve({{kPerson, "Reagan", 1}, {kPerson, "Mikhail Gorbachev", 1}, {kMisc, "Reuters Staff", 1}});
  INFO(describe(out));
  REQUIRE(out.size() == 1);
  CHECK(out[0].name == "Mikhail Gorbachev");
  // A hidden entity is not in the directory of entities with names.
  CHECK(entry_of(r, target(kPerson, "Ronald Reagan")) == nullptr);
}

TEST_CASE("build_identity: a hide rule beats a built-in alias", "[identity]") {
  const IdentityResult r = build({{kPlace, "Britain", 30}, {kPlace, "UK", 20}}, "hide place:Britain\n", uk_builtins());
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPlace, "Britain").hidden());
  CHECK(canonical(r.table, kPlace, "UK").hidden());
}

TEST_CASE("build_identity: rules apply in order, the last one last", "[identity]") {
  const IdentityResult r = build({{kPerson, "Ronald Reagan", 90}},
                                 "rename person:Ronald Reagan = The Gipper\n"
                                 "rename person:Ronald Reagan = President Reagan\n");
  INFO(describe(r.table));
  CHECK(canonical(r.table, kPerson, "Ronald Reagan") == target(kPerson, "President Reagan"));
}

TEST_CASE("build_identity: a rule about a name the archive lacks is noted with its FILE:LINE", "[identity]") {
  const IdentityResult r = build({{kPerson, "Ronald Reagan", 90}}, "# comment\nhide person:Jimmy Carter\n");
  REQUIRE(r.notes.size() == 1);
  CHECK_THAT(r.notes[0], Catch::StartsWith("aliases.txt:2: "));
  CHECK_THAT(r.notes[0], Catch::Contains("Jimmy Carter"));
  CHECK(canonical(r.table, kPerson, "Ronald Reagan") == target(kPerson, "Ronald Reagan"));
}
