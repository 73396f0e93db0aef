#include "newsdex/identity.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <set>
#include <tuple>
#include <sstream>
#include <unordered_map>

#include "newsdex/analyzer.h"
#include "newsdex/encoding.h"
#include "newsdex/text.h"

namespace newsdex {

// ---- names ----

namespace {

// A word of a name as entity_key writes it: the abbreviations firms' names
// are written with ("Salomon Bros", "Bally Mfg") spelled out, and British
// spellings as American ones ("Organisation", "Centre", "Defence",
// "Programme", "Theatre"), since an archive's sources write an
// institution's name both ways.
std::string key_word(const std::string& w) {
  if (w == "bros") return "brothers";
  if (w == "mfg") return "manufacturing";
  if (w == "centre" || w == "centres") return "center" + w.substr(6);
  if (w == "theatre" || w == "theatres") return "theater" + w.substr(7);
  if (w == "defence") return "defense";
  // "Department for Work and Pensions", "Office of National Statistics":
  // sources write an institution's "for" and "of" either way.
  if (w == "for") return "of";
  if (w == "programme" || w == "programmes") return "program" + w.substr(9);
  for (const std::string_view end : {"isation", "isations"}) {
    if (w.size() > end.size() + 1 && w.compare(w.size() - end.size(), end.size(), end) == 0) {
      std::string out = w;
      out[w.size() - end.size() + 1] = 'z';
      return out;
    }
  }
  return w;
}

}  // namespace

std::string entity_key(std::string_view name) {
  // "&" is "and" (Reuters writes "AT and T", "Procter and Gamble").
  std::string spelled;
  if (name.find('&') != std::string_view::npos) {
    for (char c : name) {
      if (c == '&') {
        spelled += " and ";
      } else {
        spelled.push_back(c);
      }
    }
    name = spelled;
  }
  std::string key;
  Tokenizer words(name);
  bool first = true;
  bool initial = false;  // the last word is a single letter
  while (words.next()) {
    if (first && words.word() == "the") {
      first = false;
      continue;
    }
    first = false;
    const std::string& w = words.word();
    // A run of initials is one word, however spaced ("A. H. Robins" as
    // "A.H. Robins", "U S West" as "U.S. West").
    const bool letter = w.size() == 1;
    if (!key.empty() && !(letter && initial)) key.push_back(' ');
    initial = letter;
    key += key_word(w);
  }
  return key;
}

NameParts split_acronym(std::string_view raw) {
  NameParts parts{std::string(raw), {}};
  if (raw.size() < 6 || raw.back() != ')') return parts;
  const std::size_t open = raw.rfind(" (");
  if (open == std::string_view::npos || open == 0) return parts;
  const std::string_view acr = raw.substr(open + 2, raw.size() - open - 3);
  if (acr.size() < 2 || acr.size() > 10) return parts;
  int upper = 0;
  for (char c : acr) {
    if (c >= 'A' && c <= 'Z') {
      ++upper;
    } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '&' || c == '.' || c == '-')) {
      return parts;
    }
  }
  if (upper < 2) return parts;
  parts.name = std::string(raw.substr(0, open));
  parts.acronym = std::string(acr);
  return parts;
}

// ---- AliasTable ----

std::string AliasTable::entry_key(EntityType type, std::string_view key) {
  std::string k(name_of(type));
  k.push_back('\x1f');
  k += key;
  return k;
}

bool AliasTable::parse_entry_key(std::string_view entry, EntityType* type, std::string* key) {
  const std::size_t sep = entry.find('\x1f');
  if (sep == std::string_view::npos) return false;
  const std::optional<EntityType> t = entity_type_named(entry.substr(0, sep));
  if (!t) return false;
  *type = *t;
  *key = std::string(entry.substr(sep + 1));
  return true;
}

const AliasTarget* AliasTable::find(EntityType type, std::string_view key) const {
  auto it = entries_.find(entry_key(type, key));
  return it == entries_.end() ? nullptr : &it->second;
}

void AliasTable::set(EntityType type, const std::string& key, AliasTarget target) {
  entries_[entry_key(type, key)] = std::move(target);
}

std::vector<Entity> AliasTable::resolve(const std::vector<Entity>& raw) const {
  std::vector<Entity> out;
  out.reserve(raw.size());
  for (const Entity& r : raw) {
    NameParts parts = split_acronym(r.name);
    const std::string key = entity_key(parts.name);
    Entity e;
    e.mentions = r.mentions;
    if (const AliasTarget* t = key.empty() ? nullptr : find(r.type, key)) {
      if (t->hidden()) continue;
      e.type = t->type;
      e.name = t->name;
    } else {
      e.type = r.type;
      e.name = std::move(parts.name);
    }
    if (e.name.empty()) continue;
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const Entity& o) { return o.type == e.type && o.name == e.name; });
    if (same != out.end()) {
      same->mentions += e.mentions;
    } else {
      out.push_back(std::move(e));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) { return a.type < b.type; });
  return out;
}

// ---- alias files ----

namespace {

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

std::vector<AliasRule> parse_alias_rules(std::string_view text, const std::string& origin) {
  std::vector<AliasRule> rules;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    const std::string where = origin + ":" + std::to_string(line_no);
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim_view(line);
    if (line.empty()) continue;
    auto fail = [&](const std::string& why) -> AliasFileError {
      return AliasFileError(where + ": " + why +
                            " (a rule is 'merge TYPE:NAME = TYPE:NAME', 'rename TYPE:NAME = NAME', "
                            "'type TYPE:NAME = TYPE' or 'hide TYPE:NAME')");
    };
    if (!is_valid_utf8(line) || has_control(line)) throw fail("not UTF-8 text");
    const std::size_t sp = line.find_first_of(" \t");
    if (sp == std::string_view::npos) throw fail("a rule needs an entity");
    const std::string_view verb = line.substr(0, sp);
    std::string_view rest = trim_view(line.substr(sp + 1));
    AliasRule rule;
    rule.where = where;
    if (verb == "merge") rule.kind = AliasRule::Kind::merge;
    else if (verb == "rename") rule.kind = AliasRule::Kind::rename;
    else if (verb == "type") rule.kind = AliasRule::Kind::retype;
    else if (verb == "hide") rule.kind = AliasRule::Kind::hide;
    else throw fail("unknown rule '" + std::string(verb) + "'");
    std::string_view subject = rest, object;
    const std::size_t eq = rest.find('=');
    if (rule.kind == AliasRule::Kind::hide) {
      if (eq != std::string_view::npos) throw fail("'hide' takes no '='");
    } else {
      if (eq == std::string_view::npos) throw fail("'" + std::string(verb) + "' needs '= ...'");
      subject = trim_view(rest.substr(0, eq));
      object = trim_view(rest.substr(eq + 1));
      if (object.empty()) throw fail("nothing after '='");
    }
    auto typed = [&](std::string_view s, EntityType* type, std::string* name) {
      const std::size_t colon = s.find(':');
      if (colon == std::string_view::npos) throw fail("'" + std::string(s) + "' is not TYPE:NAME");
      const std::optional<EntityType> t = entity_type_named(trim_view(s.substr(0, colon)));
      if (!t) throw fail("unknown entity type '" + std::string(trim_view(s.substr(0, colon))) + "'");
      std::string_view n = trim_view(s.substr(colon + 1));
      if (n.size() >= 2 && n.front() == '"' && n.back() == '"') n = n.substr(1, n.size() - 2);
      if (entity_key(n).empty()) throw fail("'" + std::string(s) + "' names no entity");
      *type = *t;
      *name = collapse_whitespace(n);
    };
    typed(subject, &rule.type, &rule.name);
    switch (rule.kind) {
      case AliasRule::Kind::merge:
        typed(object, &rule.to_type, &rule.to_name);
        break;
      case AliasRule::Kind::rename: {
        std::string_view n = object;
        if (n.size() >= 2 && n.front() == '"' && n.back() == '"') n = n.substr(1, n.size() - 2);
        rule.to_name = collapse_whitespace(n);
        rule.to_type = rule.type;
        if (entity_key(rule.to_name).empty()) throw fail("the new name has no word");
        break;
      }
      case AliasRule::Kind::retype: {
        const std::optional<EntityType> t = entity_type_named(object);
        if (!t) throw fail("unknown entity type '" + std::string(object) + "'");
        rule.to_type = *t;
        break;
      }
      case AliasRule::Kind::hide:
        break;
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::vector<BuiltinAlias> load_builtin_aliases(const std::string& data_dir) {
  const std::string path = data_dir + "/aliases.tsv";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<BuiltinAlias> out;
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::size_t from = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', from);
      cols.push_back(line.substr(from, tab == std::string::npos ? std::string::npos : tab - from));
      if (tab == std::string::npos) break;
      from = tab + 1;
    }
    const std::optional<EntityType> type = cols.empty() ? std::nullopt : entity_type_named(cols[0]);
    if (!type || cols.size() < 3 || cols.size() > 4 || cols[1].empty() || cols[2].empty() ||
        (cols.size() == 4 && cols[3] != "any")) {
      throw std::runtime_error(path + ":" + std::to_string(n) + ": not TYPE<TAB>ALIAS<TAB>CANONICAL[<TAB>any]");
    }
    out.push_back({cols[1], *type, cols[2], cols.size() == 4});
  }
  return out;
}

// ---- building the table ----

namespace {

constexpr std::size_t kTypes = std::size(kEntityTypes);

std::size_t index_of(EntityType t) { return static_cast<std::size_t>(t); }

std::size_t word_count(std::string_view key) {
  return key.empty() ? 0 : static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
}

// The words of `s` separated by single spaces (two spaces give an empty
// word between them).
std::vector<std::string_view> words_of(std::string_view s) {
  std::vector<std::string_view> words;
  while (!s.empty()) {
    const std::size_t sp = s.find(' ');
    words.push_back(s.substr(0, sp));
    if (sp == std::string_view::npos) break;
    s.remove_prefix(sp + 1);
  }
  return words;
}

// The last word of a body or thing named after a person rather than a
// firm of theirs ("Conrad Hilton Foundation", "Nobel Prize"), as a key
// word.
bool is_tribute_head(std::string_view w) {
  static const std::set<std::string_view> heads = {
      "award", "awards", "center", "centre", "college", "cup",    "foundation", "fund",
      "hospital", "institute", "library", "memorial", "museum", "prize", "school", "stadium",
      "trophy", "trust", "university"};
  return heads.count(w) > 0;
}

// Whether `rest`, what a longer name adds after a shorter one, makes it
// another name rather than a longer form of it: "X of ...", "X and ...",
// "X for ...", "X & ..." ("Bank of New York", "Jelena Jankovic of Serbia").
bool names_another(std::string_view rest) {
  const std::string_view next = rest.substr(0, rest.find(' '));
  return next == "of" || next == "and" || next == "for" || next == "&";
}

// The last word of a public body named after its place ("Millbrook
// District Council", "Thames Valley Police"), as a key word.
bool is_civic_head(std::string_view w) {
  return w == "council" || w == "councils" || w == "police" || w == "constabulary" || w == "brigade";
}

// The last word of a body, building or constituency that a place gives
// its name to ("Blackpool Hotel Association", "Basel Ballet", "Bolton
// West"), as a key word: after a place's name it is no firm's.
bool is_place_body_head(std::string_view w) {
  static const std::set<std::string_view> heads = {
      "association", "ballet",  "cathedral", "central", "chamber", "college", "east",   "hospital",
      "library",     "mp",      "museum",    "north",   "opera",   "orchestra", "school", "society",
      "south",       "west"};
  return heads.count(w) > 0;
}

std::string_view first_word(std::string_view key) { return key.substr(0, key.find(' ')); }
std::string_view last_word(std::string_view key) {
  const std::size_t sp = key.rfind(' ');
  return sp == std::string_view::npos ? key : key.substr(sp + 1);
}

bool has_lowercase(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'a' && c <= 'z') return true;
    if (c >= 0xC0) return true;  // non-ASCII letters: not judged, treated as mixed case
  }
  return false;
}

// "INDIA" -> "India", "NEW YORK" -> "New York" (ASCII letters only).
std::string title_case(std::string_view s) {
  std::string out(s);
  bool start = true;
  for (char& c : out) {
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (letter) {
      if (!start && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      start = false;
    } else {
      start = c != '\'';
    }
  }
  return out;
}

struct Node {
  std::string key;
  double articles[kTypes] = {0, 0, 0, 0};
  double weak = 0;  // of those, the articles giving only weak evidence of it (RawName::weak)
  // (type, display form) -> articles, acronym definitions not included
  std::map<std::pair<EntityType, std::string>, std::uint64_t> forms;
  std::uint64_t defined = 0;  // articles defining this key as an acronym ("... (SEC)")
  bool builtin_alias = false;  // a built-in alias names it: resolve it under every type
  std::optional<EntityType> forced_type;
  std::string forced_name;
  bool hidden = false;
  bool ambiguous = false;  // a surname of several people: hidden unless a rule names it
  std::size_t parent = 0;

  double total() const { return articles[0] + articles[1] + articles[2] + articles[3]; }
  double share(EntityType t) const {
    const double n = total();
    return n > 0 ? articles[index_of(t)] / n : 0;
  }
};

class Builder {
 public:
  explicit Builder(const IdentityInputs& in) : in_(in) {}

  IdentityResult build() {
    gather();
    apply_builtins();
    merge_middle_initials();
    merge_initial_forms();
    merge_acronyms();
    merge_bank_forms();
    merge_short_firm_names();
    merge_fragments();
    merge_misspellings();
    merge_unqualified_institutions();
    add_surnames();
    apply_rules();
    decide();
    join_typed_builtins();
    return emit();
  }

 private:
  std::size_t node(const std::string& key) {
    auto it = by_key_.find(key);
    if (it != by_key_.end()) return it->second;
    nodes_.push_back(Node{});
    nodes_.back().key = key;
    nodes_.back().parent = nodes_.size() - 1;
    by_key_.emplace(key, nodes_.size() - 1);
    return nodes_.size() - 1;
  }
  std::optional<std::size_t> existing(const std::string& key) const {
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return std::nullopt;
    return it->second;
  }
  std::size_t root(std::size_t n) {
    while (nodes_[n].parent != n) {
      nodes_[n].parent = nodes_[nodes_[n].parent].parent;
      n = nodes_[n].parent;
    }
    return n;
  }
  bool is_root(std::size_t n) { return root(n) == n; }
  // `from`'s entity becomes `into`'s.
  void merge(std::size_t from, std::size_t into) {
    from = root(from);
    into = root(into);
    if (from != into) nodes_[from].parent = into;
  }

  // Evidence summed over a root's members.
  void sum_members() {
    sums_.assign(nodes_.size(), {0, 0, 0, 0});
    weak_sums_.assign(nodes_.size(), 0);
    members_.assign(nodes_.size(), 0);
    for (std::size_t n = 0; n < nodes_.size(); ++n) {
      const std::size_t r = root(n);
      ++members_[r];
      for (std::size_t t = 0; t < kTypes; ++t) sums_[r][t] += nodes_[n].articles[t];
      weak_sums_[r] += nodes_[n].weak;
    }
  }

  // Root r's articles summed over its members and types (sum_members).
  double summed_total(std::size_t r) const {
    double total = 0;
    for (std::size_t t = 0; t < kTypes; ++t) total += sums_[r][t];
    return total;
  }
  // Whether every article of root r gives only weak evidence of it
  // (RawName::weak; sum_members).
  bool all_weak(std::size_t r) const {
    const double total = summed_total(r);
    return total > 0 && weak_sums_[r] >= total;
  }

  void gather() {
    // Sorted input, so that ties are broken the same whatever the order given.
    std::vector<const RawName*> names;
    for (const RawName& r : in_.names) names.push_back(&r);
    std::sort(names.begin(), names.end(), [](const RawName* a, const RawName* b) {
      return std::tie(a->type, a->name) < std::tie(b->type, b->name);
    });
    for (const RawName* r : names) {
      const NameParts parts = split_acronym(r->name);
      const std::string key = entity_key(parts.name);
      if (key.empty()) continue;
      Node& n = nodes_[node(key)];
      n.articles[index_of(r->type)] += static_cast<double>(r->articles);
      n.weak += static_cast<double>(std::min(r->weak, r->articles));
      n.forms[{r->type, parts.name}] += r->articles;
      if (!parts.acronym.empty()) {
        const std::string acr = entity_key(parts.acronym);
        if (!acr.empty() && acr != key) {
          definitions_[acr][key] += r->articles;
          acronym_display_.emplace(acr, parts.acronym);
        }
      }
    }
  }

  // Aliases of any type merge their names; typed ones only redirect that
  // type's raw name (emit()), as "Miss." is Mississippi as a place only.
  void apply_builtins() {
    for (const BuiltinAlias& b : in_.builtins) {
      const std::string ka = entity_key(b.alias), kc = entity_key(b.canonical);
      if (ka.empty() || kc.empty()) continue;
      const std::size_t c = node(kc);
      nodes_[c].forced_type = b.type;
      nodes_[c].forced_name = b.canonical;
      if (!b.any_type) {
        typed_builtins_.push_back({b.type, ka, c});
        continue;
      }
      const std::size_t a = node(ka);
      nodes_[a].builtin_alias = true;
      merge(a, c);
    }
  }

  // "Ronald W. Reagan" is "Ronald Reagan" when the archive names both,
  // unless the archive writes the initials often (kDistinctInitials
  // articles, and a quarter of the shorter name's): then they tell two
  // people apart ("George W Bush" and "George Bush").
  static constexpr double kDistinctInitials = 10;

  void merge_middle_initials() {
    const std::size_t n = nodes_.size();
    for (std::size_t i = 0; i < n; ++i) {
      const Node& node_i = nodes_[i];
      if (word_count(node_i.key) < 3 || node_i.share(EntityType::person) < 0.5) continue;
      const std::vector<std::string_view> words = words_of(node_i.key);
      bool initials = true;
      for (std::size_t k = 1; k + 1 < words.size(); ++k) initials = initials && words[k].size() == 1;
      if (!initials) continue;
      const std::string shorter = std::string(words.front()) + " " + std::string(words.back());
      const auto s = existing(shorter);
      if (!s || nodes_[*s].share(EntityType::person) < 0.5) continue;
      const double own = node_i.articles[index_of(EntityType::person)];
      if (own >= kDistinctInitials && own >= 0.25 * nodes_[*s].articles[index_of(EntityType::person)]) continue;
      merge(i, *s);
    }
  }

  // "T Umaga", "J. Smith" (team sheets, bylines) is the one person of the
  // archive whose first name begins with that letter and whose surname it
  // gives ("Tana Umaga"), when there is one.
  void merge_initial_forms() {
    std::unordered_map<std::string, std::vector<std::size_t>> by_last;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (word_count(n.key) != 2 || first_word(n.key).size() < 2 || n.share(EntityType::person) < 0.5) continue;
      by_last[std::string(last_word(n.key))].push_back(i);
    }
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (word_count(n.key) != 2 || first_word(n.key).size() != 1 || n.share(EntityType::person) < 0.5) continue;
      auto it = by_last.find(std::string(last_word(n.key)));
      if (it == by_last.end()) continue;
      std::optional<std::size_t> only;
      bool unique = true;
      for (std::size_t c : it->second) {
        if (nodes_[c].key[0] != n.key[0]) continue;
        if (only && root(*only) != root(c)) unique = false;
        only = c;
      }
      if (only && unique) merge(i, *only);
    }
  }

  // An acronym the archive defines ("Securities and Exchange Commission
  // (SEC)") is that name wherever it stands alone, when one expansion has
  // most of the definitions.
  void merge_acronyms() {
    for (const auto& [acr, expansions] : definitions_) {
      std::uint64_t total = 0, best = 0;
      const std::string* best_key = nullptr;
      for (const auto& [key, count] : expansions) {
        total += count;
        if (count > best) {
          best = count;
          best_key = &key;
        }
      }
      if (best_key == nullptr || best * 10 < total * 6) continue;
      if (!abbreviates(acr, *best_key)) continue;
      const auto standalone = existing(acr);
      if (standalone && mostly_lowercase(nodes_[*standalone])) continue;  // "PCs" is no PCS
      const std::size_t a = node(acr);
      if (!is_root(a)) continue;  // a built-in alias decides it
      nodes_[a].defined += total;
      merge(a, node(*best_key));
    }
  }

  // Whether the letters of acronym key `acr` ("sec") can abbreviate the
  // name key `name` ("securities and exchange commission"): its first
  // letter begins the name and its letters appear in the name in order
  // ("libor": "london interbank offered rate").
  static bool abbreviates(std::string_view acr, std::string_view name) {
    if (acr.empty() || name.empty() || acr[0] != name[0]) return false;
    std::size_t at = 0;
    for (char c : acr) {
      if (c == ' ') continue;
      at = name.find(c, at);
      if (at == std::string_view::npos) return false;
      ++at;
    }
    return true;
  }

  // Whether most of a name's articles write it with lowercase letters.
  static bool mostly_lowercase(const Node& n) {
    std::uint64_t lower = 0, all = 0;
    for (const auto& [form, count] : n.forms) {
      all += count;
      if (has_lowercase(form.second)) lower += count;
    }
    return all > 0 && lower * 2 > all;
  }

  // "Chase Manhattan Bank" is "Chase Manhattan", "Manufacturers Hanover
  // Trust" is "Manufacturers Hanover": a firm's name of two or more words
  // and that name with a head word of its kind (bank, trust, group,
  // holdings) after it, both mostly organisations, are one firm, named by
  // the form written more often; unless the shorter is written alone over
  // kBankFormRatio times as often ("First National" and "First National
  // Bank" are many banks). Not for one word, often a name several firms
  // share (Mitsubishi and Mitsubishi Bank, Lloyds and Lloyds Bank) or a
  // place too ("Midland").
  static constexpr double kBankFormRatio = 3;

  void merge_bank_forms() {
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& longer = nodes_[i];
      if (!is_root(i) || longer.forced_type || word_count(longer.key) < 3 || longer.share(EntityType::org) < 0.5) {
        continue;
      }
      const std::string_view head = last_word(longer.key);
      if (head != "bank" && head != "trust" && head != "group" && head != "holdings") continue;
      const std::optional<std::size_t> s =
          existing(longer.key.substr(0, longer.key.size() - head.size() - 1));
      if (!s || nodes_[*s].forced_type || nodes_[*s].share(EntityType::org) < 0.5) continue;
      const double own = nodes_[*s].articles[index_of(EntityType::org)];
      const double with_head = longer.articles[index_of(EntityType::org)];
      if (own > kBankFormRatio * with_head) continue;
      // Into the form written more often, which names the firm.
      if (with_head > own) {
        merge(*s, i);
      } else {
        merge(i, *s);
      }
    }
  }

  // A firm's name of two or more words is the longer name that begins
  // with it when the archive writes that one far more often: at least
  // kShortFirmRatio times as often as the short name, and most of the
  // evidence of all such longer names ("Shearson Lehman" -> Shearson
  // Lehman Brothers). So is a founders' name that the tagger mostly read
  // as a person's and some articles give as the firm ("Drexel Burnham" ->
  // Drexel Burnham Lambert), unless the longer name is something named
  // after a person (a foundation, a prize). A short name written about as
  // often as its longer forms is a firm of its own ("Merrill Lynch",
  // "Merrill Lynch Canada"); "X of ..." and "X and ..." are other names.
  static constexpr double kShortFirmRatio = 5;

  void merge_short_firm_names() {
    std::vector<std::pair<std::string_view, std::size_t>> orgs;  // key, node: roots mostly organisations
    std::vector<std::size_t> shorts;  // those, and founders' names some articles give as organisations
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (!is_root(i) || n.forced_type) continue;
      const bool org = n.share(EntityType::org) >= 0.5;
      if (org) orgs.emplace_back(n.key, i);
      const bool founders = n.share(EntityType::person) >= 0.5 && n.articles[index_of(EntityType::org)] > 0;
      if (word_count(n.key) >= 2 && (org || founders)) shorts.push_back(i);
    }
    std::sort(orgs.begin(), orgs.end());
    for (const std::size_t s : shorts) {
      const bool founders = nodes_[s].share(EntityType::org) < 0.5;
      const std::string prefix = nodes_[s].key + ' ';
      double total = 0, best = 0;
      std::size_t best_node = 0;
      for (auto it = std::lower_bound(orgs.begin(), orgs.end(), std::make_pair(std::string_view(prefix), std::size_t{0}));
           it != orgs.end() && it->first.substr(0, prefix.size()) == prefix; ++it) {
        const std::string_view rest = it->first.substr(prefix.size());
        if (names_another(rest) || (founders && is_tribute_head(last_word(rest)))) continue;
        const double n = nodes_[it->second].articles[index_of(EntityType::org)];
        total += n;
        if (n > best) {
          best = n;
          best_node = it->second;
        }
      }
      const double own = nodes_[s].articles[index_of(EntityType::org)];
      if (total <= 0 || best < 0.8 * total || best < kShortFirmRatio * std::max(own, 1.0)) continue;
      merge(s, best_node);
    }
  }

  // A one-word name is the longer name the archive gives it when one such
  // name has most of the evidence: a person's surname ("Reagan" -> Ronald
  // Reagan), a company's first or last word ("Kidder" -> Kidder Peabody,
  // "Poor" -> Standard & Poor's).
  void merge_fragments() {
    std::unordered_map<std::string, std::vector<std::size_t>> by_last, by_first;
    // Every longer name, merged or not: a name that earlier rules joined
    // to another ("Shearson Lehman" to Shearson Lehman Brothers) is
    // evidence for its entity.
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      if (word_count(nodes_[i].key) < 2) continue;
      by_last[std::string(last_word(nodes_[i].key))].push_back(i);
      by_first[std::string(first_word(nodes_[i].key))].push_back(i);
    }
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& short_node = nodes_[i];
      if (!is_root(i) || word_count(short_node.key) != 1 || short_node.forced_type) continue;
      const bool person = short_node.share(EntityType::person) >= 0.5;
      const bool org = short_node.share(EntityType::org) >= 0.5;
      if (!person && !org) continue;
      const EntityType type = person ? EntityType::person : EntityType::org;
      // No one-word name is a fragment of its place's council or police
      // ("Millbrook District Council"); a place's name ("Blackpool": some
      // of its evidence says place, and a quarter of it or the lists) none
      // of a body or constituency named after it ("Blackpool Hotel
      // Association", "Bolton West"), nor, when it is as often a place as
      // an organisation, of a group ("Ashcombe Flood Group"; "Fleet" is
      // Fleet Financial Group); a firm or club may be the target of the
      // others ("Bethlehem Steel", "Real Madrid"). Names that may not be
      // targets still count as what the short name may mean.
      const double as_place = short_node.share(EntityType::place);
      const bool place_name =
          !person && as_place > 0 &&
          (as_place >= 0.25 || (in_.listed_type && in_.listed_type(short_node.key) == EntityType::place));
      const auto may_be_target = [&](std::size_t c) {
        const std::string_view head = last_word(nodes_[c].key);
        return person || (!is_civic_head(head) && !(place_name && is_place_body_head(head)) &&
                          !(as_place >= 0.5 && head == "group"));
      };
      std::map<std::size_t, double> candidates;  // ordered: deterministic ties
      auto consider = [&](const std::vector<std::size_t>* list) {
        if (list == nullptr) return;
        for (std::size_t c : *list) {
          if (nodes_[c].share(type) >= 0.5) candidates[root(c)] += nodes_[c].articles[index_of(type)];
        }
      };
      auto find_in = [](auto& map, const std::string& k) -> const std::vector<std::size_t>* {
        auto it = map.find(k);
        return it == map.end() ? nullptr : &it->second;
      };
      consider(find_in(by_last, short_node.key));
      if (org) consider(find_in(by_first, short_node.key));
      double total = 0, best = 0;
      std::size_t best_node = 0;
      for (const auto& [c, n] : candidates) {
        total += n;
        if (n > best) {
          best = n;
          best_node = c;
        }
      }
      if (total <= 0) continue;
      if (best < (person ? 0.75 : 0.6) * total) {
        // A surname that several people of the archive share ("Brown":
        // Gordon Brown, Nick Brown...) names none of them.
        std::size_t people = 0;
        for (const auto& [c, n] : candidates) people += n >= 2 ? 1 : 0;
        if (person && people >= 2) nodes_[i].ambiguous = true;
        continue;
      }
      // The longer name must be common enough to be what the short one
      // means, not a stray tagging ("Passion Oscar" for 49 "Oscar"s).
      const double own = short_node.articles[index_of(type)];
      if (best < (person ? 0.05 : 0.1) * own || word_count(nodes_[best_node].key) > 4) continue;
      if (!may_be_target(best_node)) continue;
      merge(i, best_node);
    }
  }

  // A name the archive writes a few times with one letter wrong ("Paul
  // Vocker", "Bundebank", "Securities and Exchange Commmission") is the
  // name it writes at least kMisspellingRatio times as often, of the same
  // type, when the two keys are one edit apart (a letter added, dropped,
  // changed, or two neighbours swapped) inside a word, not at its first
  // letter, the words five or more letters long (one of them six), and the
  // rare form's word is no name the lists know and not written in
  // capitals: "Charles Clark" and "Charles Clarke", "David Davies" and
  // "David Davis", "ABC News" and "BBC News", "Intec" and "Intel", "OAPEC"
  // and "OPEC" stay apart.
  static constexpr double kMisspellingRatio = 20;
  static constexpr double kMisspellingTarget = 10;  // articles the right spelling needs at least

  // The dominant type of a node's own evidence.
  static EntityType dominant_type(const Node& n) {
    std::size_t best = 0;
    for (std::size_t t = 1; t < kTypes; ++t) {
      if (n.articles[t] > n.articles[best]) best = t;
    }
    return kEntityTypes[best];
  }

  // True when `a` becomes `b` by one edit (insertion, deletion,
  // substitution or transposition of neighbours), which lies inside a word
  // of at least five bytes in both (six in one) and not at that word's
  // first byte; `*word` is then the word of `a` that holds it.
  static bool one_edit_in_word(std::string_view a, std::string_view b, std::string_view* word) {
    if (a == b || (a.size() > b.size() + 1) || (b.size() > a.size() + 1)) return false;
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    bool one = false;
    if (a.size() == b.size()) {
      one = a.substr(i + 1) == b.substr(i + 1) ||
            (i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2));
    } else if (a.size() < b.size()) {
      one = a.substr(i) == b.substr(i + 1);
    } else {
      one = a.substr(i + 1) == b.substr(i);
    }
    if (!one) return false;
    // The word of each that holds position i: the edit may not touch a
    // space (that would join or split words).
    const auto word_at = [i](std::string_view s) -> std::optional<std::string_view> {
      if (i < s.size() && s[i] == ' ') return std::nullopt;
      const std::size_t space = i == 0 ? std::string_view::npos : s.rfind(' ', i - 1);
      const std::size_t start = space == std::string_view::npos ? 0 : space + 1;
      std::size_t end = s.find(' ', i);
      if (end == std::string_view::npos) end = s.size();
      return s.substr(start, end - start);
    };
    const std::optional<std::string_view> wa = word_at(a), wb = word_at(b);
    if (!wa || !wb || wa->size() < 5 || wb->size() < 5 || std::max(wa->size(), wb->size()) < 6) return false;
    if (wa->data() == a.data() + i || wb->data() == b.data() + i) return false;  // the word's first letter
    *word = *wa;
    return true;
  }

  // True when a display form of `n` writes `word` (a word of its key) in
  // capitals: an acronym.
  static bool in_capitals(const Node& n, std::string_view word) {
    for (const auto& [type_form, count] : n.forms) {
      for (std::string_view w : words_of(type_form.second)) {
        if (w.size() == word.size() && !has_lowercase(w) && ascii_lower(w) == word) return true;
      }
    }
    return false;
  }

  void merge_misspellings() {
    // Every right spelling, found by the hash of each of its one-letter
    // deletions (and of itself): two keys one edit apart share one of
    // these. A shared hash is only a candidate, checked by
    // one_edit_in_word. The hashes are polynomial (mod 2^64), from prefix
    // and suffix hashes: no string is built.
    constexpr std::uint64_t kBase = 0x100000001b3ULL;
    std::vector<std::uint64_t> prefix, suffix, power;
    const auto each_deletion = [&](const std::string& key, auto&& fn) {
      const std::size_t n = key.size();
      prefix.assign(n + 1, 0);
      suffix.assign(n + 1, 0);
      if (power.size() < n + 1) {
        power.assign(n + 1, 1);
        for (std::size_t k = 1; k <= n; ++k) power[k] = power[k - 1] * kBase;
      }
      for (std::size_t k = 0; k < n; ++k) prefix[k + 1] = prefix[k] * kBase + static_cast<unsigned char>(key[k]) + 1;
      for (std::size_t k = n; k-- > 0;) {
        suffix[k] = (static_cast<unsigned char>(key[k]) + 1) * power[n - 1 - k] + suffix[k + 1];
      }
      // Mixed, so that the low bits (the filter's) depend on every byte.
      const auto mix = [](std::uint64_t x) {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        return x ^ (x >> 33);
      };
      fn(mix(prefix[n]));
      for (std::size_t k = 0; k < n; ++k) fn(mix(prefix[k] * power[n - 1 - k] + suffix[k + 1]));
    };
    // A name common enough to be the right spelling of a rarer one.
    const auto is_target = [](const Node& n) { return n.total() >= kMisspellingTarget && n.key.size() >= 5; };
    double most = 0;
    std::size_t entries = 0;
    for (const Node& n : nodes_) {
      if (!is_target(n)) continue;
      most = std::max(most, n.total());
      entries += n.key.size() + 1;
    }
    if (entries == 0) return;
    // An open-addressing table of (hash, node), at most half full; hash 0
    // marks an empty slot (a hash that is 0 is stored as 1).
    struct Slot {
      std::uint64_t hash = 0;
      std::size_t node = 0;
    };
    std::size_t size = 1024;
    while (size < 2 * entries) size <<= 1;
    std::vector<Slot> table(size);
    const std::size_t mask = size - 1;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (!is_target(n)) continue;
      each_deletion(n.key, [&](std::uint64_t h) {
        h = h == 0 ? 1 : h;
        std::size_t k = h & mask;
        while (table[k].hash != 0) k = (k + 1) & mask;
        table[k] = {h, i};
      });
    }
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& rare = nodes_[i];
      if (!is_root(i) || rare.forced_type || rare.builtin_alias || rare.hidden || rare.key.size() < 5 ||
          rare.total() <= 0 || rare.total() * kMisspellingRatio > most) {
        continue;
      }
      const EntityType type = dominant_type(rare);
      std::optional<std::size_t> best;
      each_deletion(rare.key, [&](std::uint64_t h) {
        h = h == 0 ? 1 : h;
        for (std::size_t k = h & mask; table[k].hash != 0; k = (k + 1) & mask) {
          if (table[k].hash != h) continue;
          const std::size_t c = table[k].node;
          const Node& target = nodes_[c];
          if (c == i || target.total() < kMisspellingRatio * rare.total() || dominant_type(target) != type) continue;
          if (best && (target.total() < nodes_[*best].total() ||
                       (target.total() == nodes_[*best].total() && target.key >= nodes_[*best].key))) {
            continue;
          }
          std::string_view word;
          if (!one_edit_in_word(rare.key, target.key, &word)) continue;
          if ((in_.name_word && in_.name_word(word)) || in_capitals(rare, word)) continue;
          best = c;
        }
      });
      if (best) merge(i, *best);
    }
  }

  // An institution written without its country ("Agriculture Department")
  // is the one the archive names with a country ("U.S. Agriculture
  // Department") when one such qualified form has most of the evidence
  // and at least a tenth of the short form's articles. Only names ending
  // in a public body's head word; a one-word qualifier that is a place
  // or a demonym (what the lists or the archive's own evidence say).
  void merge_unqualified_institutions() {
    std::unordered_map<std::string, std::vector<std::size_t>> by_tail;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (!is_root(i) || word_count(n.key) < 3 || n.share(EntityType::org) < 0.5) continue;
      const std::string_view first = first_word(n.key);
      bool qualifier = in_.listed_type && in_.listed_type(first) == EntityType::place;
      if (const auto q = existing(std::string(first)); !qualifier && q) {
        qualifier = nodes_[*q].share(EntityType::place) >= 0.5 || nodes_[*q].share(EntityType::misc) >= 0.5;
      }
      if (qualifier) by_tail[n.key.substr(first.size() + 1)].push_back(i);
    }
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& short_node = nodes_[i];
      if (!is_root(i) || short_node.forced_type || word_count(short_node.key) < 2 ||
          short_node.share(EntityType::org) < 0.5) {
        continue;
      }
      const std::string_view head = last_word(short_node.key);
      if (head != "department" && head != "ministry" && head != "agency" && head != "commission" &&
          head != "office" && head != "bureau" && head != "service" && head != "council") {
        continue;
      }
      auto it = by_tail.find(short_node.key);
      if (it == by_tail.end()) continue;
      double total = 0, best = 0;
      std::size_t best_node = 0;
      for (std::size_t c : it->second) {
        const double n = nodes_[c].articles[index_of(EntityType::org)];
        total += n;
        if (n > best || (n == best && c < best_node)) {
          best = n;
          best_node = c;
        }
      }
      if (best < 0.75 * total || best < 0.1 * short_node.articles[index_of(EntityType::org)]) continue;
      merge(i, best_node);
    }
  }

  // A person's surname names that person wherever the archive gives no
  // other person that surname, even when no article writes it alone:
  // person:Putin finds Vladimir Putin in an archive that always writes
  // his full name. A name of which every article gives only weak evidence
  // claims no surname: a misreading ("Represenative Clayton Yeutter", a
  // typo of the title) is hidden (decide()) and would make the surname
  // ambiguous.
  void add_surnames() {
    sum_members();
    std::map<std::string, std::set<std::size_t>> claims;  // surname key -> person roots
    const std::size_t n = nodes_.size();
    for (std::size_t i = 0; i < n; ++i) {
      const Node& node = nodes_[i];
      if (word_count(node.key) < 2 || node.share(EntityType::person) < 0.5) continue;
      if (all_weak(root(i))) continue;
      const std::string_view last = last_word(node.key);
      if (last.size() < 2) continue;
      claims[std::string(last)].insert(root(i));
    }
    for (const auto& [surname, roots] : claims) {
      if (roots.size() != 1 || existing(surname)) continue;
      merge(node(surname), *roots.begin());
    }
  }

  void apply_rules() {
    for (const AliasRule& rule : in_.rules) {
      const std::string key = entity_key(rule.name);
      const auto n = existing(key);
      if (!n && rule.kind != AliasRule::Kind::merge) {
        notes_.push_back(rule.where + ": no entity '" + rule.name + "' in the archive (the rule waits for one)");
      }
      const std::size_t subject = n ? root(*n) : root(node(key));
      switch (rule.kind) {
        case AliasRule::Kind::merge: {
          const std::string to_key = entity_key(rule.to_name);
          const bool known = existing(to_key).has_value();
          const std::size_t target = root(node(to_key));
          if (!known) nodes_[target].forced_name = rule.to_name;
          nodes_[target].forced_type = rule.to_type;
          if (!n) nodes_[subject].builtin_alias = true;  // so that TYPE:NAME finds it
          merge(subject, target);
          break;
        }
        case AliasRule::Kind::rename:
          nodes_[subject].forced_name = rule.to_name;
          break;
        case AliasRule::Kind::retype:
          nodes_[subject].forced_type = rule.to_type;
          break;
        case AliasRule::Kind::hide:
          nodes_[subject].hidden = true;
          break;
      }
    }
  }

  // Each root's type (its members' evidence; misc, the tagger's catch-all,
  // counts half; the curated lists' type a bonus) and display name (the
  // root's own most frequent form of that type, mixed case preferred).
  void decide() {
    sum_members();
    decided_.assign(nodes_.size(), AliasTarget{});
    // Keys of the names some article gives as an organisation, sorted.
    std::vector<std::string_view> org_keys;
    for (const Node& n : nodes_) {
      if (n.articles[index_of(EntityType::org)] > 0) org_keys.push_back(n.key);
    }
    std::sort(org_keys.begin(), org_keys.end());
    // Whether `key` begins a longer name some article gives as an
    // organisation; with `firm`, the name of a firm: not another name
    // (names_another: "Jelena Jankovic of Serbia") nor one that names
    // something after a person ("Conrad Hilton Foundation", "Nobel
    // Prize").
    const auto begins_org_name = [&org_keys](const std::string& key, bool firm) {
      const std::string prefix = key + ' ';
      for (auto it = std::lower_bound(org_keys.begin(), org_keys.end(), std::string_view(prefix));
           it != org_keys.end() && it->substr(0, prefix.size()) == prefix; ++it) {
        const std::string_view rest = it->substr(prefix.size());
        if (!firm || !(names_another(rest) || is_tribute_head(last_word(rest)))) return true;
      }
      return false;
    };
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      if (!is_root(i)) continue;
      const Node& n = nodes_[i];
      // The display first: the curated lists are asked about it.
      std::string display = n.forced_name;
      EntityType type = EntityType::misc;
      double score[kTypes];
      const double total = summed_total(i);
      for (std::size_t t = 0; t < kTypes; ++t) score[t] = sums_[i][t] * (kEntityTypes[t] == EntityType::misc ? 0.5 : 1);
      std::string best_form = best_display(n, std::nullopt);
      // The lists break close calls; they never give a type that no
      // article gives ("German" is no place, though a list names a town so).
      std::optional<EntityType> listed;
      if (in_.listed_type) listed = in_.listed_type(display.empty() ? best_form : display);
      if (listed && sums_[i][index_of(*listed)] > 0) score[index_of(*listed)] += 0.6 * std::max(total, 1.0);
      std::size_t best_t = 0;
      for (std::size_t t = 1; t < kTypes; ++t) {
        if (score[t] > score[best_t]) best_t = t;
      }
      type = n.forced_type ? *n.forced_type : kEntityTypes[best_t];
      // A person's name of initials and a surname ("L.F. Rothschild") that
      // the archive also gives as the beginning of an organisation's name
      // ("L.F. Rothschild Unterberg Towbin") is the firm's short name:
      // founders' initials name many brokers and makers (A.G. Edwards,
      // R.J. Reynolds, L.M. Ericsson).
      // So is a person's name of two or more words that articles also
      // give as an organisation and that begins a longer firm's name: a
      // firm named after its founders ("Drexel Burnham" of Drexel Burnham
      // Lambert, "Jardine Fleming" of Jardine Fleming Securities), which
      // the tagger reads as a person where no designator follows.
      if (type == EntityType::person && !n.forced_type &&
          ((initials_and_surname(best_form) && begins_org_name(n.key, false)) ||
           (word_count(n.key) >= 2 && sums_[i][index_of(EntityType::org)] > 0 && begins_org_name(n.key, true)))) {
        type = EntityType::org;
      }
      // A programme or measure is misc even when its acronym's taggings
      // outvote its name's ("GNP" as an organisation).
      if (type == EntityType::org && !n.forced_type && in_.misc_by_form &&
          in_.misc_by_form(display.empty() ? best_form : display)) {
        type = EntityType::misc;
      }
      if (display.empty()) display = best_display(n, type);
      if (display.empty()) display = best_form;
      if (display.empty()) {
        // A root without forms of its own (an acronym's expansion is
        // always a form): the most frequent form of its members.
        std::uint64_t most = 0;
        for (std::size_t m = 0; m < nodes_.size(); ++m) {
          if (root(m) != i) continue;
          for (const auto& [form, count] : nodes_[m].forms) {
            if (count > most) {
              most = count;
              display = form.second;
            }
          }
        }
      }
      if (!display.empty() && !has_lowercase(display) && (display.size() > 4 || display.find(' ') != std::string::npos) &&
          n.forced_name.empty()) {
        display = title_case(display);
      }
      if (n.forced_name.empty()) display = well_cased(display);
      const bool forced = n.forced_type || !n.forced_name.empty();
      // In a large archive, a place no list knows, named in one or two
      // articles, is more often a company or product the tagger took for a
      // place ("Sime Darby", "McKinsey") than a place: it is no facet.
      const bool unattested_place = type == EntityType::place && !forced && large_archive() && total <= 2 &&
                                    in_.listed_type && listed != EntityType::place;
      // Likewise a surname alone that no full name of the archive claims
      // (team sheets: "Dodds"), and a misc name (the tagger's catch-all) in
      // one article that no list knows: too little to be an entity.
      const bool lone = !forced && large_archive() && is_root_alone(i) &&
                        ((type == EntityType::person && total <= 2 && word_count(n.key) == 1) ||
                         (type == EntityType::misc && total <= 1 && !listed));
      // A one-word name that news text mostly writes in lowercase, that no
      // list knows and that no longer name of the archive claims
      // ("Demands", "Computer" from headlines and sentence starts) is no
      // entity either.
      const bool common = !forced && !listed && in_.common_word && display.find(' ') == std::string::npos &&
                          in_.common_word(display);
      // A place named as a listed place and one word news text writes in
      // lowercase ("U.S. Attack", "U.S. Deficit", from headlines) is a
      // phrase, unless a list knows the whole name (common_word is false
      // for kinds of place: "Gaza Strip").
      const bool place_phrase = !forced && !listed && type == EntityType::place && in_.common_word &&
                                in_.listed_type && place_and_word(display);
      // A name that every article gives only weak evidence of (the
      // tagger unsure of each mention, no rule confirming it) is more
      // often a misreading than a name: no facet until an article names it
      // surely, or unless a list knows it as what it was decided to be.
      const bool unsure = !forced && !n.builtin_alias && listed != type && all_weak(i);
      // A person named by a common given name alone ("David", "Mary") is no
      // one in particular.
      const bool first_name = !forced && !n.builtin_alias && type == EntityType::person && in_.given_name &&
                              display.find(' ') == std::string::npos && in_.given_name(display);
      const bool hide = n.hidden || (n.ambiguous && !forced && type == EntityType::person) || unattested_place ||
                        lone || common || place_phrase || unsure || first_name;
      decided_[i] = AliasTarget{type, hide ? std::string() : display};
    }
  }

  // Whether `name` is a listed place and then one word that common_word
  // says news text mostly writes in lowercase (no kind of place).
  bool place_and_word(std::string_view name) const {
    const std::size_t space = name.rfind(' ');
    if (space == std::string_view::npos || !in_.common_word(name.substr(space + 1))) return false;
    return in_.listed_type(name.substr(0, space)) == EntityType::place;
  }

  // Whether `name` is initials and a surname: "L.F. Rothschild", "J. Henry",
  // "W. B. Saunders" (one or more words of capital letters each followed by
  // a period, then one capitalised word with lowercase letters).
  static bool initials_and_surname(std::string_view name) {
    const std::vector<std::string_view> words = words_of(name);
    if (words.size() < 2) return false;
    const std::string_view surname = words.back();
    if (surname.size() < 2 || surname[0] < 'A' || surname[0] > 'Z' || !has_lowercase(surname)) return false;
    return std::all_of(words.begin(), words.end() - 1, [](std::string_view word) {
      if (word.empty() || word.size() % 2 != 0) return false;
      for (std::size_t i = 0; i < word.size(); i += 2) {
        if (word[i] < 'A' || word[i] > 'Z' || word[i + 1] != '.') return false;
      }
      return true;
    });
  }

  // Whether root `r` has no other member (no alias merged into it).
  bool is_root_alone(std::size_t r) const { return members_[r] == 1; }

  // An archive large enough to judge a name by how rarely it occurs.
  bool large_archive() const { return in_.articles >= IdentityInputs::kLargeArchive; }

  // The most frequent form of `n` (of `type` when given): mixed case
  // first, then articles, then name order.
  // Whether the word at name[i] (a word's start) opens with two capitals
  // and goes on in lowercase, and is a word or name the lists know once its
  // second capital is lowered ("WIlliam", "INdustries"): a slip of the
  // shift key. A brand written so ("MCorp", "AAdvantage") is no known word,
  // and "JPMorgan", "McDonald" or "TVs" do not have the form.
  bool miscased_word(std::string_view name, std::size_t i) const {
    const std::size_t end = std::min(name.find_first_of(" -", i), name.size());
    if (end - i < 4) return false;
    const auto upper = [&](std::size_t k) { return name[k] >= 'A' && name[k] <= 'Z'; };
    const auto lower = [&](std::size_t k) { return name[k] >= 'a' && name[k] <= 'z'; };
    if (!upper(i) || !upper(i + 1)) return false;
    for (std::size_t k = i + 2; k < end; ++k) {
      if (!lower(k)) return false;
    }
    std::string word(name.substr(i, end - i));
    word[1] = ascii_lower(word[1]);
    return (in_.common_word && in_.common_word(word)) || (in_.name_word && in_.name_word(word));
  }

  // Each word start of `name`, in order.
  template <class Fn>
  static void each_word_start(std::string_view name, Fn&& fn) {
    for (std::size_t i = 0; i < name.size(); ++i) {
      if (i == 0 || name[i - 1] == ' ' || name[i - 1] == '-') fn(i);
    }
  }

  bool miscased(std::string_view name) const {
    bool found = false;
    each_word_start(name, [&](std::size_t i) { found = found || miscased_word(name, i); });
    return found;
  }

  // `name` with each miscased word's second capital lowered ("WIlliam
  // Holland" -> "William Holland").
  std::string well_cased(std::string name) const {
    each_word_start(name, [&](std::size_t i) {
      if (miscased_word(name, i)) name[i + 1] = ascii_lower(name[i + 1]);
    });
    return name;
  }

  // The display form of a node: mixed case before all capitals, well
  // cased before miscased (miscased()), then the most frequent.
  std::string best_display(const Node& n, std::optional<EntityType> type) const {
    std::map<std::string, std::uint64_t> forms;
    for (const auto& [form, count] : n.forms) {
      if (!type || form.first == *type) forms[form.second] += count;
    }
    const std::string* best = nullptr;
    std::uint64_t best_count = 0;
    bool best_mixed = false, best_miscased = false;
    for (const auto& [name, count] : forms) {
      const bool mixed = has_lowercase(name), bad_case = miscased(name);
      if (best == nullptr || (mixed && !best_mixed) ||
          (mixed == best_mixed && ((!bad_case && best_miscased) || (bad_case == best_miscased && count > best_count)))) {
        best = &name;
        best_count = count;
        best_mixed = mixed;
        best_miscased = bad_case;
      }
    }
    return best ? *best : std::string();
  }

  // A built-in alias of one type ("Colo." -> Colorado) is the canonical
  // entity for every raw name of the alias that the archive decided is of
  // that type, whatever some articles' tagger said ("Colo" tagged an
  // organisation in a dateline, a place by the lists): names that are
  // their own entity only, not those an earlier rule joined elsewhere.
  void join_typed_builtins() {
    for (const TypedBuiltin& b : typed_builtins_) {
      const auto a = existing(b.key);
      if (!a || root(*a) != *a || *a == root(b.canonical)) continue;
      if (decided_[*a].type != b.type || decided_[*a].hidden() || nodes_[*a].forced_type) continue;
      merge(*a, b.canonical);
    }
  }

  IdentityResult emit() {
    IdentityResult out;
    out.notes = std::move(notes_);
    std::map<std::size_t, EntityAliases> groups;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      const std::size_t r = root(i);
      const AliasTarget& target = decided_[r];
      for (EntityType t : kEntityTypes) {
        const bool seen = n.articles[index_of(t)] > 0;
        if (!seen && !n.builtin_alias && t != target.type) continue;
        // A name needs no entry when every form of it already is the target.
        bool identity = !target.hidden() && t == target.type;
        bool any_form = false;
        for (const auto& [form, count] : n.forms) {
          if (form.first != t) continue;
          any_form = true;
          identity = identity && form.second == target.name;
        }
        if (!any_form) identity = identity && entity_key(target.name) == n.key;
        if (!identity) out.table.set(t, n.key, target);
      }
      // The names the entity goes by.
      for (const auto& [form, count] : n.forms) {
        if (form.first == target.type && form.second == target.name) continue;
        groups[r].aliases.push_back({form.first, form.second, count});
      }
      if (n.defined > 0) {
        auto acr = acronym_display_.find(n.key);
        if (acr != acronym_display_.end()) groups[r].aliases.push_back({target.type, acr->second, n.defined});
      }
    }
    for (const TypedBuiltin& b : typed_builtins_) {
      const std::size_t r = root(b.canonical);
      const AliasTarget& target = decided_[r];
      out.table.set(b.type, b.key, target);
      if (const auto a = existing(b.key)) {
        for (const auto& [form, count] : nodes_[*a].forms) {
          if (form.first == b.type) groups[r].aliases.push_back({form.first, form.second, count});
        }
      }
    }
    for (auto& [r, g] : groups) {
      if (g.aliases.empty() || decided_[r].hidden()) continue;
      g.entity = decided_[r];
      // One line per name and type: an acronym both defined and used alone
      // ("SEC") counts both kinds of article.
      std::map<std::pair<EntityType, std::string>, std::uint64_t> merged;
      for (const RawName& a : g.aliases) merged[{a.type, a.name}] += a.articles;
      g.aliases.clear();
      for (const auto& [k, count] : merged) g.aliases.push_back({k.first, k.second, count});
      std::sort(g.aliases.begin(), g.aliases.end(), [](const RawName& a, const RawName& b) {
        return std::tie(b.articles, a.name, a.type) < std::tie(a.articles, b.name, b.type);
      });
      out.entities.push_back(std::move(g));
    }
    return out;
  }

  struct TypedBuiltin {
    EntityType type;
    std::string key;
    std::size_t canonical;  // node
  };

  const IdentityInputs& in_;
  std::vector<TypedBuiltin> typed_builtins_;
  std::vector<Node> nodes_;
  std::unordered_map<std::string, std::size_t> by_key_;
  std::map<std::string, std::map<std::string, std::uint64_t>> definitions_;  // acronym key -> expansion key -> articles
  std::map<std::string, std::string> acronym_display_;  // acronym key -> as first written (in name order)
  std::vector<std::array<double, kTypes>> sums_;
  std::vector<double> weak_sums_;  // RawName::weak summed over a root's members
  std::vector<std::size_t> members_;  // nodes per root (sum_members)
  std::vector<AliasTarget> decided_;
  std::vector<std::string> notes_;
};

}  // namespace

IdentityResult build_identity(const IdentityInputs& inputs) { return Builder(inputs).build(); }

}  // namespace newsdex
