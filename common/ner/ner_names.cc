#include "ner_names.h"
#include "ner_gazetteer.h"

#include <algorithm>
#include <string>

namespace newsdex::ner {

namespace {

// ASCII lower case without dots: the form the word lists hold.
std::string folded(std::string_view w) {
  std::string out;
  for (char c : w) {
    if (c == '.') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace

bool in(std::string_view word, std::initializer_list<std::string_view> list) {
  const std::string f = folded(word);
  return std::find(list.begin(), list.end(), f) != list.end();
}

// Head words of organisation names.
bool is_org_word(std::string_view w) {
  return in(w, {"association", "bank",       "bancorp",   "corporation", "company",     "group",      "fund",
                "ministry",    "department", "agency",    "commission",  "council",     "committee",  "university",
                "party",       "union",      "institute", "exchange",    "administration", "authority", "board",
                "bureau",      "service",    "services",  "systems",     "industries",  "international",
                "holdings",    "airlines",   "airways",   "motors",      "electric",    "brothers",   "partners",
                "securities",  "capital",    "trust",     "treasury",    "court",       "office",     "federation",
                "organisation", "organization", "foundation", "society", "club",        "league",     "parliament",
                "assembly",    "senate",     "congress",  "police",      "army",        "navy",       "government",
                "technologies", "laboratories", "pharmaceuticals", "petroleum", "oil", "resources", "energy",
                "communications", "aircraft", "financial", "insurance",  "investments", "enterprises", "products",
                "mines",       "mining",     "steel",     "chemical",    "chemicals",   "railway",    "railways",
                "institut",    "instituto",  "istituto",  "confederation", "fellowship", "orchestra"});
}

namespace {

// The last word of a programme's, law's, plan's, rate's or measure's name
// (misc_by_form).
bool is_measure_word(std::string_view w) {
  return in(w, {"plan", "program", "product", "rate", "rates", "act", "bill", "index", "treaty", "accord", "accords",
                "scheme"});
}

// Last words of a named event: a tournament, competition, festival or
// prize ("San Jose Open", "Davis Cup", "Meteor Awards", "Nobel Prize"),
// which is misc, not the organisation, place or person the tagger may say.
bool is_event_word(std::string_view w) {
  return in(w, {"open", "cup", "championship", "championships", "tournament", "awards", "prize", "prizes",
                "festival", "olympics"});
}

// Words of earnings tables and market reports that the tagger takes for
// names at the start of a table line.
bool is_table_word(std::string_view w) {
  return in(w, {"shr",  "shrs",  "mths", "mth",   "qtr",  "qtly", "dlrs",  "dlr",   "cts",   "revs", "oper",
                "avg",  "div",   "pay",  "prior", "net",  "loss", "profit", "sales", "currency", "nil", "vs",
                "nine", "six",   "three", "four", "five", "seven", "eight", "ten", "eleven", "twelve", "year",
                "yr",   "yrs",   "ytd",  "pct",   "mln",  "billion", "mlns", "bln", "inc", "oct", "extraordinary",
                "note", "notes", "primary", "diluted", "turnover", "operating", "gross", "total", "tax", "pretax",
                "backlog", "assets", "deposits", "loans", "qtrly", "annual"});
}

// Words of a table line that no name contains.
bool is_table_only_word(std::string_view w) {
  return in(w, {"shr", "shrs", "mths", "mth", "qtr", "qtly", "qtrly", "dlrs", "dlr", "cts", "revs", "oper",
                "avg", "ytd", "mln", "mlns", "bln"});
}

bool is_role(std::string_view w);

// Titles a person is named by with one name ("King Hussein", "Prince
// Charles", "Pope Benedict", "Sir Alex", "Mr Justice Eady"): the title is
// no part of the name, but the one name alone is not the person's.
bool is_title_of_rank(std::string_view w) {
  return in(w, {"king", "queen", "prince", "princess", "pope", "sheikh", "emir", "sultan", "ayatollah", "cardinal",
                "bishop", "archbishop", "rabbi", "sir", "lady", "lord", "dame", "justice"});
}

// Titles and roles that precede a person's name but are no part of it,
// hyphenated ones too ("Vice-Premier").
bool is_role(std::string_view w) {
  if (const std::size_t dash = w.find('-'); dash != std::string_view::npos && dash > 0 && dash + 1 < w.size()) {
    return is_role(w.substr(0, dash)) && is_role(w.substr(dash + 1));
  }
  return in(w, {"mr",         "mrs",        "ms",           "dr",          "prof",        "professor",   "mp", "mps",
                "sir",        "president",  "minister",     "chancellor",  "secretary",   "chairman",
                "chairwoman", "chair",      "governor",     "gov",         "senator",     "sen",
                "rep",        "representative", "congressman", "congresswoman", "spokesman", "spokeswoman",
                "spokesperson", "director", "treasurer",    "exchequer",   "commissioner", "ambassador",
                "envoy",      "mayor",      "judge",        "justice",     "deputy",      "vice",
                "leader",     "chief",      "executive",    "officer",     "ceo",         "cfo",
                "coo",        "vp",         "evp",          "svp",         "analyst",     "economist",
                "strategist", "general",    "gen",
                "colonel",    "col",        "lieutenant",   "lt",          "captain",     "capt",
                "admiral",    "adm",        "sergeant",     "sgt",         "commander",   "attorney",
                "premier",    "king",       "queen",        "prince",      "princess",    "pope",
                "sheikh",     "emir",       "sultan",       "ayatollah",   "cardinal",    "bishop",
                "archbishop", "rabbi",      "coach",        "manager",     "striker",     "midfielder",
                "defender",   "goalkeeper", "captain",      "founder",     "owner",       "partner",
                "counsel",    "adviser",    "advisor",      "aide",        "negotiator",  "delegate",
                "delegation", "head",       "lawmaker",     "legislator",  "magistrate"});
}

// Words that are no name on their own: what the tagger keeps of a name
// it cut short ("Bank" of "the Bank said", "Federal" of "Federal Home Loan
// Bank Board") or a common noun it took for one.
bool is_generic_word(std::string_view w) {
  return in(w, {"bank", "banks", "commission", "federal", "central", "electric", "committee", "council",
                "ministry", "department", "agency", "board", "company", "corporation", "group", "fund",
                "exchange", "bureau", "office", "authority", "administration", "association", "institute",
                "government", "state", "national", "general", "international", "world", "community", "budget",
                "series", "tariffs", "trade", "standard", "united", "union", "party", "court",
                "market", "markets", "stock", "industries", "holdings", "securities", "financial", "capital",
                "first", "american", "new", "north", "south", "east", "west", "western", "eastern", "northern",
                "southern", "easter", "christmas", "bill", "act", "index", "report", "news", "sport", "sports"});
}

// A government's portfolio ("Finance" of "Finance Ministry").
bool is_portfolio_word(std::string_view w) {
  return in(w, {"finance", "foreign", "agriculture", "trade", "economy", "economics", "economic", "interior",
                "defence", "defense", "justice", "health", "education", "industry", "energy", "oil", "petroleum",
                "labour", "labor", "transport", "communications", "environment", "culture", "information", "planning",
                "fisheries", "mines", "commerce", "treasury", "home", "external", "internal", "affairs", "and", "industrial", "development"});
}

// An institution named without its country (see clean_entity_name's use).
bool is_unnamed_institution(const std::vector<std::string_view>& w) {
  auto portfolio = [](std::string_view x) { return is_portfolio_word(x); };
  if (w.size() == 1) return in(w[0], {"parliament", "house", "cabinet", "politburo", "judiciary", "army", "navy"});
  if (w.size() == 2 && in(w[1], {"court", "bank"})) return in(w[0], {"district", "reserve"});
  if (w.size() == 2 && in(w[0], {"air"}) && in(w[1], {"force"})) return true;
  if (w.size() == 3 && in(w[0], {"court"}) && w[1] == "of" && in(w[2], {"appeal", "appeals"})) return true;
  // "Finance Ministry", "Foreign and Trade Ministry"
  if (in(w.back(), {"ministry", "ministries"})) return std::all_of(w.begin(), w.end() - 1, portfolio);
  // "Ministry of Finance", "Ministry of Foreign Affairs"
  if (w.size() >= 3 && in(w[0], {"ministry"}) && w[1] == "of") return std::all_of(w.begin() + 2, w.end(), portfolio);
  return false;
}

bool ends_with_folded(std::string_view w, std::string_view suffix) {
  const std::string f = folded(w);
  return f.size() >= suffix.size() && f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A stock ticker with its exchange suffix: 2-6 capitals, a dot, 1-2
// capitals ("VOWG.F", "BP.L"; not "U.S").
bool is_ticker(std::string_view s) {
  const std::size_t dot = s.find('.');
  if (dot == std::string_view::npos || dot < 2 || dot > 6 || s.size() - dot - 1 < 1 || s.size() - dot - 1 > 2) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == dot) continue;
    const char c = s[i];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
}

// Words that join two names, or cut one.
bool is_joiner(std::string_view w) { return w == "and" || w == "&" || w == "of" || w == "the" || w == "," || w == "-"; }

std::vector<std::string_view> words_of(std::string_view name) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && name[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < name.size() && name[i] != ' ') ++i;
    if (i > start) words.push_back(name.substr(start, i - start));
  }
  return words;
}

std::string join(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (!out.empty()) out.push_back(' ');
    out += words[i];
  }
  return out;
}

bool is_capitalised(std::string_view w) {
  if (w.empty()) return false;
  const auto c = static_cast<unsigned char>(w[0]);
  return (c >= 'A' && c <= 'Z') || c >= 0xC0;
}

bool has_letter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC0;
  });
}

// A word that may be part of a person's name after a role: capitalised,
// and no organisation word, role or company designator.
bool is_name_word(std::string_view w) {
  return is_capitalised(w) && !is_org_word(w) && !is_role(w) && !is_company_suffix(w);
}

// A person's name after a role: two to four name words.
bool looks_like_person(const std::vector<std::string_view>& words, std::size_t from) {
  if (words.size() < from + 2 || words.size() > from + 4) return false;
  return std::all_of(words.begin() + static_cast<std::ptrdiff_t>(from), words.end(), is_name_word);
}

bool is_month(std::string_view w) {
  return in(w, {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                "dec"});
}

// Strings the tagger takes for names that are none, whatever their type:
// text cut at an ellipsis, lists ("Bush/Kerry"), compounds ("American-made",
// "U.S.-Japan", "February-April"), a congressman's party and state
// ("D-Ark"), fiscal years ("FY 1988"), time zones, lone initials ("M.").
bool is_no_name(std::string_view name, const std::vector<std::string_view>& w, EntityType type) {
  if (name.find("...") != std::string_view::npos || name.find('/') != std::string_view::npos) return true;
  // Markup, quotes and brackets left over from tickers and tables
  // ("Atm.To>", "Indonesia\"s", "Libor)on"): a cut, not a name.
  if (name.find_first_of("<>[]{}|\"") != std::string_view::npos) return true;
  if (std::count(name.begin(), name.end(), '(') != std::count(name.begin(), name.end(), ')')) return true;
  // An abbreviation alone ("St.", "Mt.", "Jr."): part of a name.
  if (w.size() == 1 && w[0].size() <= 4 && w[0].back() == '.' && std::count(w[0].begin(), w[0].end(), '.') == 1) {
    return true;
  }
  if (in(w[0], {"fy", "gmt", "est", "edt", "pst", "pdt", "cet", "bst"}) && (w.size() == 1 || !has_letter(w[1]))) {
    return true;
  }
  // A class, series or phase, alone or with its letter or number ("Class
  // A" shares, "Series B", "Phase II"): a designation, not a name. A
  // chapter of a law is one ("Chapter 11").
  if (w.size() <= 2 && in(w[0], {"class", "series", "tranche", "phase", "grade", "tier", "stage"})) {
    const auto designation = [](std::string_view x) {
      return x.size() <= 4 && std::all_of(x.begin(), x.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
             });
    };
    if (w.size() == 1 || designation(w[1])) return true;
  }
  // Kinds of device and units, which the tagger takes for names written in
  // capitals ("PC", "PCs", "RAM", "Wi-Fi", "KM").
  if (w.size() == 1 && in(w[0], {"pc", "pcs", "pda", "pdas", "dvd", "dvds", "cd", "mp3", "tv", "hdtv", "sms", "lcd",
                                  "usb", "gps", "ram", "cpu", "cpus", "wi-fi", "wifi", "km", "kms", "kg", "mw", "mph"})) {
    return true;
  }
  for (std::string_view word : w) {
    const std::size_t hyphen = word.find('-');
    if (hyphen == std::string_view::npos || hyphen == 0 || hyphen + 1 >= word.size()) continue;
    const std::string_view left = word.substr(0, hyphen), right = word.substr(hyphen + 1);
    const auto r0 = static_cast<unsigned char>(right[0]);
    // "American-made", "Communist-led": an adjective, not a name.
    if (r0 >= 'a' && r0 <= 'z') return true;
    // "D-Ark", "R-Idaho": party and state.
    if ((left == "D" || left == "R" || left == "I") && is_capitalised(right)) return true;
    // "February-April".
    if (is_month(left) || is_month(right)) return true;
    // "anti-Japanese", "non-American", "cross-Channel": an adjective.
    if (in(left, {"anti", "non", "pro", "cross", "post", "pre", "ex", "mid", "pan", "trans", "inter", "sub", "un"}) &&
        left[0] >= 'a' && left[0] <= 'z') {
      return true;
    }
    // "U.S.-Japan", "Franco-U.S", "Euro-Danish": two names made one
    // adjective (a one-word compound of capitalised parts, tagged misc, or
    // with a combining form or an abbreviation in it). A company or place
    // named so is a name ("Rolls-Royce", "Mercedes-Benz", "Guinea-Bissau").
    const bool combining = in(left, {"franco", "sino", "euro", "anglo", "afro", "indo", "russo", "greco", "italo",
                                     "austro", "judeo", "germano", "hispano", "luso", "nippo", "soviet", "arab"}) ||
                           left.find('.') != std::string_view::npos || right.find('.') != std::string_view::npos;
    if (w.size() == 1 && (type == EntityType::misc || combining) && is_capitalised(left) && is_capitalised(right) &&
        has_letter(right) && right.size() > 1 &&
        std::none_of(right.begin(), right.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return true;
    }
  }
  return false;
}

class Cleaner {
 public:
  explicit Cleaner(const Gazetteer* lists) : lists_(lists) {}

  void add(Entity e) {
    // "General Electric Co (GE)": the designator before a defined acronym
    // goes too, as it does without one (the org General Electric (GE)).
    const std::size_t open = e.name.rfind(" (");
    if (open != std::string::npos && e.name.back() == ')' &&
        e.name.find_first_of(" ()", open + 2) == e.name.size() - 1) {
      std::vector<std::string_view> w = words_of(std::string_view(e.name).substr(0, open));
      bool designator = false;
      while (w.size() > 1 && is_company_suffix(w.back())) {
        w.pop_back();
        designator = true;
      }
      if (designator) {
        e.name = join(w, 0, w.size()) + e.name.substr(open);
        e.type = EntityType::org;
      }
    }
    clean(std::move(e), 0);
  }
  std::vector<Entity> take() { return std::move(out_); }

 private:
  // A name emitted twice is weak only when both are (Entity::weak).
  void emit(EntityType type, std::string name, int mentions, bool weak) {
    for (Entity& o : out_) {
      if (o.type == type && o.name == name) {
        o.mentions += mentions;
        o.weak = o.weak && weak;
        return;
      }
    }
    out_.push_back({type, std::move(name), mentions, weak});
  }

  void clean(Entity e, int depth) {
    std::vector<std::string_view> w = words_of(e.name);
    // Joiners at either end: a fragment's edge.
    std::size_t first = 0, last = w.size();
    while (first < last && is_joiner(folded(w[first]))) ++first;
    while (last > first && (is_joiner(folded(w[last - 1])) || w[last - 1] == "'s")) --last;
    if (first == last) return;
    w = std::vector<std::string_view>(w.begin() + static_cast<std::ptrdiff_t>(first),
                                      w.begin() + static_cast<std::ptrdiff_t>(last));
    // Two names joined by "and"/"&" where one side is no name of its own.
    for (std::size_t i = 1; i + 1 < w.size() && depth < 4; ++i) {
      if (w[i] != "and" && w[i] != "&") continue;
      const std::string left = join(w, 0, i), right = join(w, i + 1, w.size());
      const bool left_junk = junk_part(w, 0, i), right_junk = junk_part(w, i + 1, w.size());
      if (!left_junk && !right_junk) continue;
      if (!left_junk) clean({e.type, left, e.mentions, e.weak}, depth + 1);
      if (!right_junk) clean({e.type, right, e.mentions, e.weak}, depth + 1);
      return;
    }
    // Table words.
    if (std::all_of(w.begin(), w.end(), [](std::string_view x) { return is_table_word(x) || !has_letter(x); })) return;
    if (std::any_of(w.begin(), w.end(), [](std::string_view x) { return is_table_only_word(x); })) return;
    // A role of an organisation tagged as one ("VP of Texaco"): the
    // organisation, if what follows is more than roles ("Chancellor of
    // the Exchequer"). A person so tagged stays one ("Prince of Wales").
    if (e.type == EntityType::org && w.size() >= 3 && is_role(w[0]) && folded(w[1]) == "of" && depth < 4) {
      if (!std::all_of(w.begin() + 2, w.end(), [](std::string_view x) { return is_role(x) || is_joiner(folded(x)); })) {
        clean({e.type, join(w, 2, w.size()), e.mentions, e.weak}, depth + 1);
      }
      return;
    }
    // A role before a person's name: two to four words, or one where the
    // tagger said person and the role is no title of rank ("Premier
    // Zhao" is Zhao; "King Hussein" stays).
    const auto one_name_after = [&](std::size_t i) {
      if (e.type != EntityType::person || i + 2 != w.size() || is_title_of_rank(w[i])) return false;
      // Initials ("M.S. Swaminathan") are no title "Ms".
      if (const std::size_t dot = w[i].find('.'); dot != std::string_view::npos && dot + 1 < w[i].size()) return false;
      return w[i + 1].size() >= 2 && is_name_word(w[i + 1]);
    };
    for (std::size_t i = w.size(); i-- > 0;) {
      if (!is_role(w[i]) || (!looks_like_person(w, i + 1) && !one_name_after(i))) continue;
      // The head, without the roles before this one, is the person's
      // organisation when the tagger said so and it reads as one
      // ("Bundesbank Deputy President": Bundesbank).
      std::size_t head = i;
      while (head > 0 && (is_role(w[head - 1]) || is_joiner(folded(w[head - 1])))) --head;
      if (head > 0 && e.type == EntityType::org && depth < 4 && (head == 1 || is_org_word(w[head - 1]))) {
        clean({EntityType::org, join(w, 0, head), e.mentions, e.weak}, depth + 1);
      }
      emit(EntityType::person, join(w, i + 1, w.size()), e.mentions, e.weak);
      return;
    }
    // A person named only by roles ("Chief Executive") is no one.
    if (e.type == EntityType::person &&
        std::all_of(w.begin(), w.end(), [](std::string_view x) { return is_role(x) || is_joiner(folded(x)); })) {
      return;
    }
    // A company designator makes an organisation.
    EntityType type = e.type;
    bool designated = false;  // a company named with its designator
    while (!w.empty() && is_company_suffix(w.back())) {
      w.pop_back();
      type = EntityType::org;
      designated = true;
    }
    if (w.empty()) return;
    if (type == EntityType::person) {
      // Honours and offices after a name ("Ben Emmerson QC") are no part
      // of it.
      while (w.size() > 2 && in(w.back(), {"qc", "kc", "mp", "mep", "msp", "obe", "mbe", "cbe", "kbe", "dbe", "phd",
                                           "esq", "esq."}) && is_capitalised(w.back())) {
        w.pop_back();
      }
      // A lake, mountain, cape or fort is a place ("Loch Lomond", "Mount
      // Kenya", "Fort Worth").
      if (w.size() >= 2 && (w[0] == "Loch" || w[0] == "Lake" || w[0] == "Mount" || w[0] == "Mt." || w[0] == "Cape" ||
                            w[0] == "Fort" || w[0] == "Isle" || w[0] == "Port")) {
        type = EntityType::place;
      }
    }
    // A name ending in a kind of place that the tagger calls misc is a
    // place ("Cooper Basin", "St James' Park"); one it calls a person only
    // when no one has that surname ("Gwinnett County", not "David Hill",
    // "Frank Field", "Wayne Bridge").
    if (w.size() >= 2 && is_place_kind(w.back()) &&
        (type == EntityType::misc ||
         (type == EntityType::person && in(w.back(), {"county", "island", "islands", "peninsula", "strait", "straits",
                                                      "canal", "basin", "airport", "valley", "province", "territory"})))) {
      type = EntityType::place;
    }
    std::string name = join(w, 0, w.size());
    while (!name.empty() && (name.back() == ',' || name.back() == '-')) name.pop_back();
    if (type == EntityType::person || type == EntityType::place) {
      if (std::any_of(w.begin(), w.end(), [](std::string_view x) { return is_org_word(x); })) type = EntityType::org;
    }
    // An act named in a title is no organisation ("Providing for the
    // Revocation of Syria Sanctions"): "-tion of" that is no organisation's
    // head word (Organisation, Association, Federation...).
    if (type == EntityType::org && w.size() >= 3 && w[1] == "of" && ends_with_folded(w[0], "tion") &&
        !is_org_word(w[0]) && !in(w[0], {"confederation", "corporation", "coalition", "convention"})) {
      return;
    }
    // An organisation of generic words only ("Central Bank") names none,
    // unless its designator says it is a company's name ("General
    // Electric Co") or the curated list knows it ("World Bank").
    if (type == EntityType::org && !(designated && w.size() >= 2) &&
        std::all_of(w.begin(), w.end(), [](std::string_view x) { return is_generic_word(x); }) &&
        !(lists_ != nullptr && (lists_->lookup_text(join(w, 0, w.size())) & kOrg))) {
      return;
    }
    // Nor does an institution every country has, named without its
    // country: "Finance Ministry", "Ministry of Finance", "Parliament",
    // "House", "Reserve Bank", "District Court", "Army", "Air Force" (the archive's many
    // finance ministries would be one facet value).
    if (type != EntityType::person && is_unnamed_institution(w)) return;
    // A programme, law, plan, rate or measure is no organisation
    // ("Marshall Plan", "Export Enhancement Program", "Gross National
    // Product", "London Interbank Offered Rates"); UN agencies named
    // "... Programme" are ("World Food Programme").
    if (type == EntityType::org && w.size() >= 2 && is_measure_word(w.back())) type = EntityType::misc;
    if (type != EntityType::misc && w.size() >= 2 && is_event_word(w.back())) type = EntityType::misc;
    // A place's currency or embassy is no name of its own ("U.S.
    // Currency", "U.S. Embassy" named without its country's name).
    if (w.size() >= 2 && in(w.back(), {"currency", "currencies"})) return;
    // A currency is no place or organisation ("U.S. Dollar").
    if (in(w.back(), {"dollar", "dollars", "currency", "yen", "sterling", "franc", "francs", "mark", "marks", "ecu",
                      "ecus", "lira", "peso", "pesos", "rupee", "rand", "pound", "pounds"})) {
      type = EntityType::misc;
    }
    // "London-based" and ticker codes ("VOWG.F", "BP.L") are no names.
    if (ends_with_folded(w.back(), "-based") || is_ticker(name)) return;
    if (is_no_name(name, w, type)) return;
    // A government or administration is an organisation ("Reagan
    // Administration", "U.S. Government").
    if (type == EntityType::misc && w.size() >= 2 &&
        std::any_of(w.begin(), w.end(), [](std::string_view x) { return is_org_word(x); })) {
      type = EntityType::org;
    }
    // A government's portfolio alone names nothing ("Agriculture", left
    // of "Agriculture Secretary Richard Lyng"; "Trade and Industry");
    // "Labour" and "Treasury" alone do (a party, a ministry), and "Oil"
    // ends firms' names ("Home Oil").
    if (type != EntityType::person && std::all_of(w.begin(), w.end(), [](std::string_view x) {
          return is_joiner(folded(x)) || (is_portfolio_word(x) && !in(x, {"labour", "labor", "treasury", "oil"}));
        })) {
      return;
    }
    // An economic measure's acronym names no entity ("GDP" rose, "the
    // CPI"); not those of bodies too ("PPI", the Pensions Policy
    // Institute).
    if (w.size() == 1 && in(w[0], {"gdp", "cpi", "rpi"})) return;
    // A product's model ("Mac Mini", "MacBook Pro", "Galaxy S24 Ultra")
    // is misc; "Pro" and "Max" only after a word with a capital inside
    // ("PC Pro" is a magazine).
    if (type != EntityType::person && w.size() >= 2) {
      const bool camel = std::any_of(w.begin(), w.end() - 1, [](std::string_view x) {
        return x.size() > 2 && std::any_of(x.begin() + 1, x.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
               std::any_of(x.begin(), x.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      });
      if (in(w.back(), {"mini", "ultra"}) || (camel && in(w.back(), {"pro", "max"}))) type = EntityType::misc;
    }
    // A holiday is an event, no place ("over Christmas").
    if (w.size() == 1 && in(w[0], {"christmas", "easter", "thanksgiving", "hanukkah", "ramadan", "diwali", "eid",
                                   "passover", "halloween", "hogmanay"})) {
      type = EntityType::misc;
    }
    // A name has a letter and more than one character.
    if (!has_letter(name) || name.size() < 2) return;
    if (w.size() == 1 && (is_role(w[0]) || is_company_suffix(w[0]))) return;
    if (w.size() == 1 && (type == EntityType::person || type == EntityType::org) && is_generic_word(w[0])) return;
    if (w.size() == 1 && type == EntityType::misc &&
        in(w[0], {"world", "budget", "series", "community", "tariffs", "trade", "index", "report", "bill", "embassy",
                  "cds", "government", "national", "dollar", "exchange", "cup", "division"})) {
      return;
    }
    emit(type, std::move(name), e.mentions, e.weak);
  }

  // A part of "X and Y" that is no name of its own: only designators,
  // roles and table words.
  static bool junk_part(const std::vector<std::string_view>& w, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      if (!is_company_suffix(w[i]) && !is_role(w[i]) && !is_table_word(w[i]) && !is_joiner(folded(w[i]))) return false;
    }
    return true;
  }

  const Gazetteer* lists_;  // the rule lists, or null
  std::vector<Entity> out_;
};

}  // namespace

bool is_company_suffix(std::string_view w) {
  for (std::string_view s : {"Co", "Co.", "Cos", "Cos.", "AG", "SA", "S.A.", "NV", "N.V.", "NA", "N.A.", "Co.,"})
    if (w == s) return true;
  // The longer designators in any case after their capital: "CORP" in a
  // title written in capitals, "INc" and "COrp" as they are mistyped,
  // "GmBH". Not "CO", which is also Colorado's abbreviation, nor a word in
  // lowercase ("it limited its losses").
  return !w.empty() && w[0] >= 'A' && w[0] <= 'Z' &&
         in(w, {"corp", "corp,", "inc", "inc,", "ltd", "ltd,", "plc", "llc", "bhd", "pty", "limited", "incorporated",
                "corporation", "gmbh"});
}

bool is_place_kind(std::string_view w) {
  return in(w, {"airport", "basin",   "bay",      "beach",     "border",   "bridge",   "canal",     "canyon",
                "cape",    "channel", "city",     "coast",     "county",   "creek",    "delta",     "desert",
                "district", "falls",  "field",    "fields",    "forest",   "gulf",     "harbor",    "harbour",
                "heights", "highlands", "hill",   "hills",     "island",   "islands",  "lake",      "lakes",
                "lowlands", "mountain", "mountains", "ocean",  "park",     "peak",     "peninsula", "plain",
                "plains",  "plateau", "port",     "province",  "range",    "reef",     "region",    "river",
                "sea",     "shelf",   "sound",    "square",    "state",    "station",  "strait",    "straits",
                "street",  "strip",   "territory", "town",     "valley",   "village",  "wall"});
}

bool misc_by_form(std::string_view name) {
  const std::size_t space = name.find_last_of(' ');
  if (space == std::string_view::npos) return false;
  const std::string_view last = name.substr(space + 1);
  return is_measure_word(last) || is_event_word(last);
}

std::vector<Entity> clean_entities(const std::vector<Entity>& entities, const Gazetteer* lists) {
  Cleaner c(lists);
  for (const Entity& e : entities) c.add(e);
  // Cleaning may change a type ("Marshall Plan": org -> misc): by type
  // again, first mentions first within one.
  std::vector<Entity> out = c.take();
  std::stable_sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) { return a.type < b.type; });
  return out;
}

}  // namespace newsdex::ner
