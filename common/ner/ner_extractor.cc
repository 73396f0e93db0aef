#include "ner_extractor.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "newsdex/text.h"
#include "ner_names.h"
#include "ner_text.h"

namespace newsdex {

std::unique_ptr<EntityExtractor> EntityExtractor::load(const EntityOptions& options) {
  return std::make_unique<ner::Extractor>(ner::resolve_data_dir(options));
}

}  // namespace newsdex

namespace newsdex::ner {
namespace {

constexpr int kPer = 0, kLoc = 1, kOrgType = 2, kMisc = 3;

// An entity whose surest mention in an article has a margin below this
// (tag_document's margins; the model's scores) is weak evidence
// (Entity::weak). On CoNLL-2003 dev (`newsdex-ner-eval --margins`) more
// than one span in five below it is wrong, against about one in ten from
// it to 50 and one in a hundred above.
constexpr float kWeakMargin = 30.0f;

// The gazetteer lists that know a name as a place, an organisation or a
// misc name: a name they know keeps the type they and the tagger give it.
constexpr ListSet kNameTypeLists = kCountry | kCity | kPlace | kOrg | kDemonym | kClub | kCompetition | kCompany |
                                   kParty | kRegion | kDistrict | kUniversity | kAirline | kNation | kNationality;

// The EntityType of the tagger's type number (PER, LOC, ORG, MISC).
EntityType entity_type_of(int type) {
  static constexpr EntityType kTypes[kNumTypes] = {EntityType::person, EntityType::place, EntityType::org,
                                                   EntityType::misc};
  return kTypes[type];
}

// Short forms whose type the lists may not know. Matched case-sensitively
// against the whole mention; the name stays as written (the archive's
// alias table resolves "UK" to the United Kingdom and lists it as one of
// its names), except where `display` gives another.
struct Alias {
  std::string_view alias;
  int type;
  std::string_view display;  // "" keeps the name as written
};
constexpr Alias kAliases[] = {
    {"US", kLoc, ""},       {"U.S.", kLoc, ""},    {"USA", kLoc, ""},
    {"U.S.A.", kLoc, ""},   {"United States of America", kLoc, ""},
    {"America", kLoc, ""},  {"UK", kLoc, ""},      {"U.K.", kLoc, ""},
    {"Britain", kLoc, ""},  {"Great Britain", kLoc, ""},
    {"UN", kOrgType, ""},   {"U.N.", kOrgType, ""}, {"EU", kOrgType, ""},
    {"The Kremlin", kOrgType, "Kremlin"},
};

// Lowercase words that may join the capitalised words of one name.
bool is_connector(std::string_view w) {
  return w == "of" || w == "the" || w == "and" || w == "for" || w == "on" || w == "upon" ||
         w == "y" || w == "e" || w == "des" || w == "zu" || w == "am" || w == "im";
}


// A word that joins the parts of one name, in English and the languages
// of firms' names ("Fruit of the Loom", "Brown Boveri und Cie", "Moet et
// Chandon").
bool is_name_joiner(std::string_view w) {
  return is_connector(w) || w == "&" || w == "und" || w == "et" || w == "de" || w == "du" || w == "di" ||
         w == "da" || w == "del" || w == "van" || w == "von";
}

bool is_article_word(std::string_view w) {
  return w == "The" || w == "THE" || w == "A" || w == "An" || w == "AN";
}

bool is_capitalised(CaseClass c) {
  return c == CaseClass::kTitle || c == CaseClass::kUpper || c == CaseClass::kMixed;
}

struct Mention {
  int type;
  std::uint32_t first, last;  // token range
  std::string display;        // source text, whitespace collapsed
  std::string key;            // clustering key
  std::vector<std::string> parts;  // persons: lowercase name parts, no particles
  int cluster = -1;
  // The tagger's margin for the span (its weakest token's); infinite for
  // a name a list or rule found, which needs no margin.
  float margin = std::numeric_limits<float>::infinity();
};

struct Cluster {
  int type;
  std::string key;
  std::size_t canonical;  // index of the mention whose display names it
  int mentions = 0;
  std::uint32_t first_token;
  float margin = 0;  // its surest mention's
};

// A stock ticker code: 1-8 capital letters, digits or dots, opening with a
// letter ("IMD", "BRK.A", "VOWG.F").
bool is_ticker_code(std::string_view w) {
  if (w.empty() || w.size() > 8 || w[0] < 'A' || w[0] > 'Z') return false;
  return std::all_of(w.begin(), w.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'; });
}

// A stock exchange named in a company's listing ("(NYSE: IBM)").
bool is_exchange(std::string_view w) {
  return in(w, {"nyse", "nasdaq", "amex", "lse", "aim", "tsx", "tsxv", "asx", "otc", "otcqb", "otcqx", "otcbb",
                "euronext", "xetra", "jse", "hkex", "sehk", "sgx", "nzx", "bse", "nse", "tse", "six", "omx", "bmv",
                "bovespa", "b3", "krx"});
}

// The lowercased names an all-caps title gives a ticker in angle brackets
// ("IMO DELAVAL <IMD> SETS INITIAL DIVIDEND": "imo delaval"): the words
// before the code, back to the title's start, a punctuation mark or a
// possessive ("JAPAN'S NISSAN <NSANY>": "nissan"). The tagger does not read
// an all-caps title (extract), so its names are found here.
std::set<std::string> title_ticker_names(std::string_view title) {
  std::set<std::string> names;
  if (title.find('<') == std::string_view::npos) return names;
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < title.size()) {
    while (i < title.size() && title[i] == ' ') ++i;
    std::size_t j = i;
    while (j < title.size() && title[j] != ' ') ++j;
    if (j > i) words.push_back(title.substr(i, j - i));
    i = j;
  }
  for (std::size_t k = 1; k < words.size(); ++k) {
    std::string_view w = words[k];
    while (!w.empty() && (w.back() == ',' || w.back() == ';' || w.back() == ':')) w.remove_suffix(1);
    if (w.size() < 3 || w.front() != '<' || w.back() != '>' || !is_ticker_code(w.substr(1, w.size() - 2))) continue;
    std::size_t first = k;
    while (first > 0) {
      const std::string_view p = words[first - 1];
      const char last = p.back();
      if (!std::isalnum(static_cast<unsigned char>(last)) && last != '.' && last != '&') break;
      if (p.size() > 2 && p[p.size() - 2] == '\'' && (last == 'S' || last == 's')) break;
      --first;
    }
    if (first == k) continue;
    std::string name;
    for (std::size_t m = first; m < k; ++m) {
      if (!name.empty()) name.push_back(' ');
      append_lower(&name, words[m]);
    }
    names.insert(std::move(name));
  }
  return names;
}

class ArticleTagger {
 public:
  // `margins`: the tagger's margin of each token (tag_document).
  // `listed_names`: lowercased names the article lists with a stock
  // ticker where the tagger does not read (an all-caps title's; see
  // title_ticker_names).
  ArticleTagger(const Extractor& ex, const Document& doc, const DocFeatures& f, std::string_view text,
                const std::vector<float>& margins, std::set<std::string> listed_names)
      : ex_(ex), doc_(doc), f_(f), text_(text), margins_(margins), listed_names_(std::move(listed_names)) {}

  std::vector<Entity> run(const std::vector<Span>& spans) {
    covered_.assign(doc_.tokens.size(), 0);
    tagged_.assign(doc_.tokens.size(), 0);
    // Each token of a tagger's span carries the span's margin.
    span_margin_.assign(doc_.tokens.size(), std::numeric_limits<float>::infinity());
    for (const auto& s : spans) {
      float m = std::numeric_limits<float>::infinity();
      for (auto i = s.first; i < s.last; ++i) m = std::min(m, margins_[i]);
      for (auto i = s.first; i < s.last; ++i) span_margin_[i] = m;
    }
    const std::vector<Span> joined = join_place_names(join_company_spans(spans));
    for (const auto& s : joined)
      for (auto i = s.first; i < s.last; ++i) tagged_[i] = 1;
    for (const auto& s : joined) add_span(s.first, s.last, s.type);
    add_acronym_definitions();
    add_list_matches();
    std::sort(mentions_.begin(), mentions_.end(),
              [](const Mention& a, const Mention& b) { return a.first < b.first; });
    split_owner_possessives();
    retype_firm_names();
    retype_listed_names();
    retype_kind_names();
    cluster_people();
    add_surname_mentions();
    cluster_rest();
    return entities();
  }

 private:
  ListSet lists(std::uint32_t first, std::uint32_t last) const {
    return ex_.gazetteer().lookup(&f_.plain[first], last - first);
  }
  CaseClass cc(std::uint32_t i) const { return static_cast<CaseClass>(f_.case_cls[i]); }
  std::string_view word(std::uint32_t i) const { return doc_.text(i); }
  // Whether token i is "and" or "&", which join two names ("Standard and Poor's").
  bool is_and(std::uint32_t i) const { return word(i) == "and" || word(i) == "&"; }
  bool is_possessive(std::uint32_t i) const {
    auto w = word(i);
    return w == "'s" || w == "'S" || w == "'";
  }
  // The sentence of token i. REQUIRES: i < doc_.tokens.size().
  const Sentence& sentence_of(std::uint32_t i) const {
    return *std::upper_bound(doc_.sentences.begin(), doc_.sentences.end(), i,
                             [](std::uint32_t t, const Sentence& s) { return t < s.last; });
  }
  bool sentence_first(std::uint32_t i) const {
    // The first non-punctuation token of its sentence.
    for (std::uint32_t k = sentence_of(i).first; k < i; ++k)
      if (cc(k) != CaseClass::kOther) return false;
    return true;
  }

  std::string display(std::uint32_t first, std::uint32_t last) const {
    std::string out;
    auto src = text_.substr(doc_.tokens[first].begin, doc_.tokens[last - 1].end - doc_.tokens[first].begin);
    bool space = false;
    for (char c : src) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        space = true;
        continue;
      }
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
    return out;
  }

  // Trims a tagged span to the name it holds; false if nothing is left.
  bool trim(std::uint32_t* first, std::uint32_t* last, int type) const {
    for (;;) {
      if (*first >= *last) return false;
      if (cc(*first) == CaseClass::kOther) {
        ++*first;
        continue;
      }
      // A leading never-a-name word goes, unless the whole span is a known
      // name that starts with it ("New York", "The Hague").
      // A company keeps its first word ("First Boston Corp"), an article
      // aside.
      // So does an organisation named "First ..." (First Boston, First
      // Chicago: banks), which the tagger took whole.
      const bool company = type == kOrgType && *last - *first >= 2 &&
                           ((*last - *first >= 3 && is_company_suffix(word(*last - 1)) && !is_article_word(word(*first))) ||
                            word(*first) == "First");
      if ((lists(*first, *first + 1) & kNonName) && !company &&
          !(lists(*first, *last) & (kCountry | kCity | kPlace | kOrg | kRegion))) {
        ++*first;
        continue;
      }
      if (type == kPer) {
        bool title = false;
        for (std::uint32_t len = std::min<std::uint32_t>(3, *last - *first); len >= 1; --len)
          if (lists(*first, *first + len) & kTitle) {
            *first += len;
            title = true;
            break;
          }
        if (title) continue;
      }
      break;
    }
    // A name runs on only through connectors ("Bank of England") and
    // particles; a runaway span is cut at its first other lowercase word.
    for (auto i = *first + 1; i < *last; ++i) {
      auto c = cc(i);
      bool inside = c != CaseClass::kLower && c != CaseClass::kOther;
      if (c == CaseClass::kLower) {
        // "Moody's Investors Service": a possessive inside a name.
        inside = is_connector(word(i)) || (lists(i, i + 1) & kParticle) ||
                 (is_possessive(i) && i + 1 < *last && is_capitalised(cc(i + 1)));
      }
      if (c == CaseClass::kOther) {
        auto w = word(i);
        inside = w == "-" || w == "&" || w == "." || w == "'s" || w == "'";
      }
      // Figures end a name: "Mar 48.0" in a table; persons have none.
      if (c == CaseClass::kDigit) {
        auto w = word(i);
        inside = type != kPer && w.find_first_of(".,") == std::string_view::npos;
      }
      if (!inside) {
        *last = i;
        break;
      }
    }
    for (;;) {
      if (*last <= *first) return false;
      auto i = *last - 1;
      // A verb after an abbreviation that ends no sentence for the
      // splitter is no part of the name ("the U.S. Was spread among...").
      if (cc(i) == CaseClass::kOther || is_possessive(i) ||
          (cc(i) == CaseClass::kLower && is_connector(word(i))) || is_capitalised_auxiliary(word(i))) {
        --*last;
        continue;
      }
      break;
    }
    if (*first >= *last) return false;
    // A country's dotted abbreviation before one capitalised word news text
    // writes in lowercase ("U.S. Firms", "U.K. Economic", "the U.S. Unit
    // steadied"): the splitter ends no sentence at the abbreviation, and
    // wire copy capitalises the word after it; the word is no part of a
    // name. Not an institution of the country ("U.K. Government", "U.S.
    // Dollar", "US Open"), nor a whole the lists know as a company ("U.S.
    // Steel").
    if (*last - *first == 2 && word(*first).back() == '.' && (lists(*first, *first + 1) & kCountry) &&
        (lists(*first + 1, *last) & kLowercase) && !is_institution_head(word(*first + 1)) &&
        !(lists(*first, *last) & (kOrg | kCompany | kCountry | kPlace)))
      --*last;
    // A ticker code in a wire story's angle brackets ("Chase Manhattan Corp
    // <CMB>") or a listing ("(NYSE: IBM)", "(Nasdaq:AAPL)") is no name; a
    // company name in them ("<Hino Motors Ltd>") is.
    if (*last == *first + 1 && ticker_code_at(*first)) return false;
    // A name has a capitalised word; a company suffix alone is none.
    bool named = false;
    for (auto i = *first; i < *last; ++i) named |= is_capitalised(cc(i));
    if (!named) return false;
    if (*last - *first == 1 && is_company_suffix(word(*first))) return false;
    if (*last - *first == 1 && (lists(*first, *last) & (kNonName | kTitle | kParticle)) &&
        !(lists(*first, *last) & (kOrg | kCountry | kPlace)))
      return false;
    return true;
  }

  // True for a lowercase name particle, with or without its hyphen.
  bool is_particle(std::string_view piece) const {
    std::uint64_t h = hash_bytes(piece);
    if (ex_.gazetteer().lookup(&h, 1) & kParticle) return true;
    scratch_.assign(piece);
    scratch_.push_back('-');
    h = hash_bytes(scratch_);
    return ex_.gazetteer().lookup(&h, 1) & kParticle;
  }

  // Persons' name parts: lowercase, hyphenated tokens split, particles out.
  std::vector<std::string> name_parts(std::uint32_t first, std::uint32_t last) const {
    std::vector<std::string> parts;
    std::string lower;
    for (auto i = first; i < last; ++i) {
      if (cc(i) == CaseClass::kOther) continue;
      lower.clear();
      append_lower(&lower, word(i));
      std::string_view rest(lower);
      while (!rest.empty()) {
        auto dash = rest.find('-');
        auto piece = rest.substr(0, dash);
        if (!piece.empty() && !is_particle(piece)) parts.emplace_back(piece);
        if (dash == std::string_view::npos) break;
        rest.remove_prefix(dash + 1);
      }
    }
    return parts;
  }

  // The type a kind noun beside the name [first, last) gives it (see
  // add_mention), or -1: a lowercase noun just before it in its sentence,
  // or before a modifier of a few kinds ("rock band", "grain firm"; not
  // "company spokesman"); or one just after it.
  int kind_beside(std::uint32_t first, std::uint32_t last) const {
    const auto n = static_cast<std::uint32_t>(doc_.tokens.size());
    const std::uint32_t sentence_first = sentence_of(first).first;
    auto kind_before = [&](std::uint32_t i) {
      if (i < sentence_first || cc(i) != CaseClass::kLower) return -1;
      const std::string_view w = word(i);
      if (in(w, {"band", "company", "firm", "agency", "newspaper", "magazine", "broadcaster", "society", "charity",
                 "retailer", "airline", "insurer", "carmaker", "label", "club", "team"}))
        return kOrgType;
      if (in(w, {"film", "movie", "album", "single", "song", "game", "novel", "book", "series", "sitcom", "musical",
                 "documentary", "opera", "programme", "program"}))
        return kMisc;
      return -1;
    };
    if (first >= 1) {
      int kind = kind_before(first - 1);
      if (kind < 0 && first >= 2 && cc(first - 1) == CaseClass::kLower &&
          in(word(first - 1), {"rock", "pop", "punk", "indie", "metal", "boy", "girl", "video", "computer", "record",
                               "hit", "debut", "animated", "grain", "shipping", "oil", "drug", "chemical", "mining",
                               "steel", "insurance", "trading", "investment", "holding", "software", "fashion"}))
        kind = kind_before(first - 2);
      if (kind >= 0) return kind;
    }
    if (last < n && cc(last) == CaseClass::kLower &&
        in(word(last), {"game", "album", "film", "movie", "awards", "award", "festival", "prize", "trophy", "tournament"}) &&
        sentence_of(last).first == sentence_of(first).first)
      return kMisc;
    return -1;
  }

  // The head of a country's institution or currency, written after its
  // name ("U.K. Government", "U.S. Dollar").
  static bool is_institution_head(std::string_view w) {
    return w == "Government" || w == "Administration" || w == "Dollar" || w == "Open" || w == "Army" ||
           w == "Navy" || w == "Marines" || w == "Treasury" || w == "Embassy" || w == "Senate" || w == "Congress" ||
           w == "Mint" || w == "Customs";
  }

  // An auxiliary or reporting verb written with a capital ("Was", "Has",
  // "Says"); not "May", "Will", "Can", "Said", "Do" or "Does", which end
  // names (Theresa May, Edward Said, Tae Kwon Do, Rein van der Does).
  static bool is_capitalised_auxiliary(std::string_view w) {
    return w == "Is" || w == "Are" || w == "Was" || w == "Were" || w == "Has" || w == "Had" || w == "Have" ||
           w == "Would" || w == "Could" || w == "Should" || w == "Must" || w == "Says" || w == "Been" ||
           w == "I'm";
  }

  static bool is_day_name(std::string_view w) {
    return w == "Monday" || w == "Tuesday" || w == "Wednesday" || w == "Thursday" || w == "Friday" ||
           w == "Saturday" || w == "Sunday";
  }
  static bool is_day_event_word(std::string_view w) {
    return w == "Black" || w == "Cyber" || w == "Good" || w == "Super" || w == "Ash" || w == "Maundy" ||
           w == "Holy" || w == "Easter" || w == "Bloody" || w == "Giving";
  }

  void add_mention(std::uint32_t first, std::uint32_t last, int type) {
    // A person's name opens with a given name, not with a word news text
    // writes in lowercase: such a word before a given name is a
    // description ("Singer Christina Aguilera"); otherwise the name is a
    // title the tagger took for a person's ("Final Straw", "Citizen Kane",
    // "Talking Heads": an album, a film, a band).
    if (type == kPer && last - first >= 2 && (lists(first, first + 1) & kLowercase) &&
        !(lists(first, first + 1) & (kForename | kGivenName))) {
      if (last - first < 3 || !(lists(first + 1, first + 2) & (kForename | kGivenName))) return;
      ++first;
    }
    // Nor does it end with such a word that is no surname: that is a
    // title or a firm's name ("Toy Soldiers", "Velvet Revolver", "Ted Bates
    // Worldwide", "Richard Companies").
    if (type == kPer && last - first >= 2 && (lists(last - 1, last) & kLowercase) &&
        !(lists(last - 1, last) & (kSurname | kForename | kGivenName)))
      return;
    // A day the calendar names with a word before it is an event, which
    // the tagger cuts before the weekday ("Black" of "Black Friday",
    // "Super Tuesday", "Good Friday").
    if (last == first + 1 && last < doc_.tokens.size() && is_day_name(word(last)) &&
        is_day_event_word(word(first))) {
      ++last;
      type = kMisc;
    }
    Mention m;
    m.first = first;
    m.last = last;
    m.display = display(first, last);
    auto l = lists(first, last);
    // A street or road of two words, or three a person's, is a place
    // whatever the tagger made of it ("Shore Street", "Station Road",
    // "Mill Row"), except a person whose surname is Street or Lane and
    // whose first word is a given name (no word news text writes in
    // lowercase, as "Church") or an initial ("Andy Street", "B.B. Lane");
    // so is a river named "River X" ("River Leam"). A firm or a product
    // named after one keeps its type ("Saks Fifth Avenue", "Harper and
    // Row"), and the curated lists below still win ("Downing Street": an
    // organisation).
    if (type != kLoc && last - first >= 2) {
      const std::string head = lowered(word(last - 1));
      const bool surname_too = head == "street" || head == "lane";
      const bool thoroughfare = surname_too || head == "road" || head == "avenue" || head == "boulevard" ||
                                head == "terrace" || head == "crescent" || head == "row";
      bool joined = false;
      for (auto i = first; i < last; ++i) joined = joined || is_and(i);
      const bool short_enough = last - first == 2 || (type == kPer && last - first == 3);
      const auto opener = lists(first, first + 1);
      const bool person_named =
          type == kPer && surname_too &&
          (((opener & (kForename | kGivenName)) && !(opener & kLowercase)) ||
           word(first).find('.') != std::string_view::npos);
      const bool river = word(first) == "River" && cc(first + 1) == CaseClass::kTitle;
      if ((thoroughfare && short_enough && !joined && !person_named) || river) type = kLoc;
    }
    // A kind of thing written beside a name the lists do not know says
    // what it names: "the rock band Korn", "grain firm J. Souffle" (an
    // organisation); "the film Hotel Rwanda", "the Painkiller game",
    // "last year's Mobo awards" (misc). Not a name opening with a given
    // name, which the noun describes ("the film Oliver Stone made").
    // The article's other mentions of the name follow (retype_kind_names).
    if (!(l & kNameTypeLists) && !((lists(first, first + 1) & (kForename | kGivenName)) && last - first >= 2)) {
      if (const int kind = kind_beside(first, last); kind >= 0) {
        type = kind;
        kind_names_.emplace(lowered(m.display), kind);
      }
    }
    // Curated lists know some names better than the tagger.
    if (l & kOrg) type = kOrgType;
    else if (l & (kCountry | kPlace)) type = kLoc;
    else if ((l & kDemonym) && type == kPer) type = kMisc;
    for (const auto& a : kAliases)
      if (m.display == a.alias) {
        if (!a.display.empty()) m.display = std::string(a.display);
        type = a.type;
      }
    m.type = type;
    // A name the lists know, or a firm's with its designator, is sure
    // whatever the tagger's margin; otherwise the span's weakest part.
    if (!(l & (kOrg | kCountry | kPlace)) && !is_company_suffix(word(last - 1))) {
      for (auto i = first; i < last; ++i) m.margin = std::min(m.margin, span_margin_[i]);
    }
    for (auto i = first; i < last; ++i) covered_[i] = 1;
    mentions_.push_back(std::move(m));
  }

  // A person's name that the article also writes as a firm's, before a
  // company designator or partnership ending ("James Capel and Co ...
  // James Capel said"), is the firm's there too.
  // (firm_names_: the names join_company_spans found before a designator
  // or partnership ending.)
  void retype_firm_names() {
    if (firm_names_.empty()) return;
    for (Mention& m : mentions_) {
      if (m.type == kPer && firm_names_.count(lowered(m.display))) m.type = kOrgType;
    }
  }

  // A name the article gives a stock ticker ("Imo Delaval <IMD>", "Tesla
  // (Nasdaq: TSLA)", or an all-caps title's "IMO DELAVAL <IMD> SETS
  // DIVIDEND") is a listed company's wherever the article writes it: the
  // tagger reads founders' and place names in firms' names as people and
  // places ("Imo Delaval said", "Santa Fe said"). The type only: whether
  // it is sure evidence stays the tagger's margin's to say, as a name the
  // tagger cut can carry the ticker too ("Carter Hawley" of Carter Hawley
  // Hale).
  void retype_listed_names() {
    for (const Mention& m : mentions_) {
      // After a joining word inside a name, the mention is the tail of a
      // name the tagger cut ("Brown Boveri und Cie <BBCZ.Z>").
      const bool cut = m.first >= 2 && is_name_joiner(word(m.first - 1)) && is_capitalised(cc(m.first - 2)) &&
                       !sentence_first(m.first - 2);
      if (!cut && m.last < doc_.tokens.size() && ticker_at(m.last)) listed_names_.insert(lowered(m.display));
    }
    if (listed_names_.empty()) return;
    for (Mention& m : mentions_) {
      // One word news text writes in lowercase, or a designator, is the
      // company's shortened or cut name, not the name ("University
      // Patents Inc <UPT>": "University"; "Brown Boveri und Cie <BBCZ.Z>").
      if (m.last == m.first + 1 &&
          ((lists(m.first, m.last) & kLowercase) || is_company_suffix(word(m.first))))
        continue;
      if (listed_names_.count(lowered(m.display))) {
        m.type = kOrgType;
      }
    }
  }

  // An owner's possessive before a name the article also writes alone is
  // no part of it: "McDonnell Douglas's Douglas Aircraft ... Douglas
  // Aircraft said" names Douglas Aircraft. A name whose possessive is its
  // own ("Moody's Investors Service") is not written without it.
  void split_owner_possessives() {
    // The article's names, read only once a name holds a possessive (most
    // articles have none), before any is cut.
    std::set<std::string> names;
    bool read = false;
    for (Mention& m : mentions_) {
      for (auto p = m.first + 1; p + 1 < m.last; ++p) {
        if (!is_possessive(p)) continue;
        if (!read) {
          for (const Mention& other : mentions_) names.insert(lowered(other.display));
          read = true;
        }
        // Not before one head word or word news text writes in
        // lowercase, which the name needs ("Canadian Auto Workers' Union"
        // ... "the Union").
        const bool generic = p + 2 == m.last && ((lists(p + 1, m.last) & kLowercase) || is_org_word(word(p + 1)));
        if (!generic && names.count(lowered(display(p + 1, m.last)))) {
          m.first = p + 1;
          m.display = display(m.first, m.last);
        }
        break;
      }
    }
  }

  // Every mention of a name a kind noun typed somewhere in the article
  // takes that type ("the rock band Korn ... I listen to Korn").
  void retype_kind_names() {
    if (kind_names_.empty()) return;
    for (Mention& m : mentions_) {
      const auto it = kind_names_.find(lowered(m.display));
      if (it != kind_names_.end() && !(lists(m.first, m.last) & kNameTypeLists)) m.type = it->second;
    }
  }

  // Whether a stock ticker begins at token i: a wire story's code in angle
  // brackets ("<IMD>") or a listing in brackets, "(NYSE: IBM)",
  // "(Nasdaq:AAPL)", "(NYSE American: XYZ)".
  bool ticker_at(std::uint32_t i) const {
    const auto n = static_cast<std::uint32_t>(doc_.tokens.size());
    if (i + 2 < n && word(i) == "<" && word(i + 2) == ">") return is_ticker_code(word(i + 1));
    if (i + 2 >= n || word(i) != "(") return false;
    std::string_view w = word(i + 1);
    const std::size_t colon = w.find(':');
    if (colon != std::string_view::npos) {
      return i + 2 < n && word(i + 2) == ")" && is_exchange(w.substr(0, colon)) &&
             is_ticker_code(w.substr(colon + 1));
    }
    if (!is_exchange(w)) return false;
    std::uint32_t k = i + 2;
    if (k < n && word(k) != ":" && is_capitalised(cc(k))) ++k;  // "NYSE American"
    return k + 2 < n && word(k) == ":" && is_ticker_code(word(k + 1)) && word(k + 2) == ")";
  }

  // Whether token i is the code of a ticker (ticker_at), or the exchange
  // and code of a listing written as one token ("Nasdaq:AAPL").
  bool ticker_code_at(std::uint32_t i) const {
    if (i >= 1 && (word(i - 1) == "<" || word(i).find(':') != std::string_view::npos) && ticker_at(i - 1)) return true;
    return i >= 3 && word(i - 1) == ":" && (ticker_at(i - 3) || (i >= 4 && ticker_at(i - 4)));
  }

  static std::string lowered(std::string_view text) {
    std::string out;
    append_lower(&out, text);
    return out;
  }

  // The end of a firm's name that runs on from token k as partners' names
  // and a partnership's ending: "and Co", "& Sons" ("James Capel and Co",
  // "Alex. Brown and Sons Inc"), after at most three groups of at most
  // three capitalised words each after a comma ("Smith Barney, Harris
  // Upham and Co", "L.F. Rothschild, Unterberg, Towbin Inc": the last
  // group may end in a designator instead). 0 when there is none. A name
  // followed by such an ending is a firm's, whatever the tagger made of
  // its first words (founders' names read as a person).
  std::uint32_t partnership_tail(std::uint32_t k, std::uint32_t end) const {
    auto partnership = [&](std::uint32_t i) {
      if (i + 1 >= end || !is_and(i)) return std::uint32_t{0};
      const std::string_view w = word(i + 1);
      if (w != "Co" && w != "Co." && w != "Cos" && w != "Company" && w != "Sons" && w != "Son") return std::uint32_t{0};
      std::uint32_t j = i + 2;
      while (j < end && is_company_suffix(word(j))) ++j;
      return j;
    };
    if (const std::uint32_t j = partnership(k)) return j;
    for (int group = 0; group < 3 && k < end && word(k) == ","; ++group) {
      std::uint32_t i = k + 1, words = 0;
      while (i < end && words < 3 && is_capitalised(cc(i)) && !is_company_suffix(word(i)) &&
             !(lists(i, i + 1) & (kTitle | kNonName))) {
        ++i;
        ++words;
      }
      if (words == 0) return 0;
      if (const std::uint32_t j = partnership(i)) return j;
      if (i < end && is_company_suffix(word(i))) {
        while (i < end && is_company_suffix(word(i))) ++i;
        return i;
      }
      k = i;
    }
    return 0;
  }

  // Company names the tagger cut into pieces become one organisation:
  // a span followed (after "'s" and at most three capitalised words) by a
  // company designator runs on to it ("Moody's Investors Service Inc",
  // "First Boston Corp", with a never-a-name word such as "First" just
  // before it); and a one-word name, or an untagged capitalised word, joined
  // by "and"/"&" to an organisation ending in "'s" or a designator is part
  // of it ("Standard and Poor's", "Stewart and Stevenson Services Inc").
  // Spans are in text order and do not overlap; so is the result.
  std::vector<Span> join_company_spans(const std::vector<Span>& spans) const {
    std::vector<Span> out;
    const auto n = static_cast<std::uint32_t>(doc_.tokens.size());
    for (Span s : spans) {
      const std::uint32_t sentence_end = sentence_of(s.first).last;
      std::uint32_t k = s.last;
      const bool possessive = k < sentence_end && is_possessive(k);
      if (possessive) ++k;
      std::uint32_t designator = is_company_suffix(word(s.last - 1)) ? s.last : 0;
      if (designator == 0 && !possessive) designator = partnership_tail(s.last, std::min(sentence_end, n));
      for (std::uint32_t extra = 0; designator == 0 && k < sentence_end && k < n && extra <= 3; ++k, ++extra) {
        // A designator in capitals after words in capitals ends the span
        // only right after it ("UNION CAMP CORP"): in a line written in
        // capitals the words between may be anything ("NYSE TO DELIST
        // WEDTECH CORP").
        if (is_company_suffix(word(k))) {
          if (extra > 0 && is_all_caps(word(k)) && cc(k - 1) == CaseClass::kUpper) break;
          designator = k + 1;
          break;
        }
        if (!is_capitalised(cc(k)) || (lists(k, k + 1) & kTitle)) break;
      }
      if (designator != 0) {
        s.last = designator;
        // The firm's name before its ending, which the article may also
        // write alone.
        std::uint32_t core = s.first;
        while (core < s.last && word(core) != "," && !is_company_suffix(word(core)) &&
               partnership_tail(core, s.last) == 0)
          ++core;
        if (core > s.first && core < s.last) firm_names_.insert(lowered(display(s.first, core)));
        s.type = kOrgType;
        if (s.first > 0 && (out.empty() || out.back().last < s.first) && is_capitalised(cc(s.first - 1)) &&
            (lists(s.first - 1, s.first) & kNonName) && sentence_of(s.first - 1).first == sentence_of(s.first).first) {
          --s.first;
        }
      }
      // A span an earlier extension ran over goes; so do the earlier spans
      // this one's extension runs over.
      if (!out.empty() && out.back().last > s.first) {
        if (designator == 0 || s.last <= out.back().last) continue;
        while (!out.empty() && out.back().last > s.first) out.pop_back();
      }
      if ((designator != 0 || possessive) && s.type == kOrgType && s.first >= 2 &&
          is_and(s.first - 1)) {
        const std::uint32_t before = s.first - 2;
        if (!out.empty() && out.back().type == kOrgType && out.back().last == s.first - 1 &&
            out.back().first + 1 == out.back().last) {
          // "Standard and Poor's".
          s.first = out.back().first;
          out.pop_back();
        } else if (founder_before(s, before, spans) && (out.empty() || out.back().last <= before ||
                                                        (out.back().type == kPer && out.back().first == before &&
                                                         out.back().last == before + 1))) {
          // A founder's surname, read as a person or not tagged ("Stewart
          // and Stevenson Services Inc", "MacAndrews and Forbes Holdings").
          if (!out.empty() && out.back().first == before) out.pop_back();
          s.first = before;
        }
      }
      out.push_back(s);
    }
    return out;
  }

  // A place the tagger cut at "of" after a kind of place is one place:
  // "Eastern District" + "of" + "Virginia" is the Eastern District of
  // Virginia, "Gulf" + "of" + "Mexico" the Gulf of Mexico. Spans are in
  // text order and do not overlap; so is the result.
  std::vector<Span> join_place_names(std::vector<Span> spans) const {
    std::vector<Span> out;
    for (const Span& s : spans) {
      if (!out.empty()) {
        Span& prev = out.back();
        if (prev.type == kLoc && s.type == kLoc && prev.last + 1 == s.first && word(prev.last) == "of" &&
            is_place_kind(word(prev.last - 1)) && sentence_of(prev.first).first == sentence_of(s.first).first) {
          prev.last = s.last;
          continue;
        }
      }
      out.push_back(s);
    }
    return out;
  }

  // Whether token `before`, just before "and" and the firm's name span s
  // (with its designator), is a founder's surname that begins the firm's
  // name: one capitalised word of letters (no rating such as "B-2"), not
  // a never-a-name word or title, in s's sentence, not itself after "and"
  // or a comma (a list of firms: "Wagner and Brown and AFG Industries"),
  // s has no "and" of its own, and the article never names s's words
  // before the designator alone ("Wang and Uccel Corp ... Uccel said": two
  // firms).
  bool founder_before(const Span& s, std::uint32_t before, const std::vector<Span>& spans) const {
    const std::string_view w = word(before);
    if (!is_capitalised(cc(before)) || (lists(before, before + 1) & (kNonName | kTitle)) ||
        sentence_of(before).first != sentence_of(s.first).first ||
        !std::all_of(w.begin(), w.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); })) {
      return false;
    }
    if (before > 0 && (is_and(before - 1) || word(before - 1) == ",")) return false;
    std::uint32_t core = s.first;
    while (core < s.last && !is_company_suffix(word(core))) {
      if (is_and(core)) return false;
      ++core;
    }
    const std::string name = lowered(display(s.first, core));
    for (const Span& other : spans) {
      if (other.first != s.first && lowered(display(other.first, other.last)) == name) return false;
    }
    return true;
  }

  void add_span(std::uint32_t first, std::uint32_t last, int type) {
    if (!trim(&first, &last, type)) return;
    // A country's possessive before a name is the country, then the name
    // ("Japan's Toshiba", "Switzerland's BBC AG Brown Boveri"), unless
    // one word news text writes in lowercase is all that is left
    // ("America's Pharmacy").
    for (std::uint32_t p = first + 1; p + 1 < last; ++p) {
      if (!is_possessive(p)) continue;
      const ListSet before = lists(first, p);
      if ((before & (kCountry | kNation)) && !(before & kOrg) && is_capitalised(cc(p + 1)) &&
          !(p + 2 == last && (lists(p + 1, last) & kLowercase))) {
        add_mention(first, p, kLoc);
        first = p + 1;
      }
      break;
    }
    extend_to_organisation(&first, &last, &type);
    add_mention(first, last, type);
  }

  // A name the tagger cut short ("SV" of "Hamburger SV" opening a
  // sentence) grows by the capitalised untagged words beside it (at most
  // two, none a title or a never-a-name word such as "The") that make it
  // a club, company, party, university or airline of the gazetteer, and
  // is then an organisation.
  void extend_to_organisation(std::uint32_t* first, std::uint32_t* last, int* type) const {
    constexpr ListSet kOrgLists = kClub | kCompany | kParty | kUniversity | kAirline;
    const Sentence& sent = sentence_of(*first);
    auto free_word = [&](std::uint32_t i) {
      return !tagged_[i] && is_capitalised(cc(i)) && !(lists(i, i + 1) & (kNonName | kTitle));
    };
    std::uint32_t best_first = *first, best_last = *last;
    for (std::uint32_t before = 0; before <= 2; ++before) {
      if (before > *first - sent.first) break;
      if (before > 0 && !free_word(*first - before)) break;
      for (std::uint32_t after = 0; after <= 2 - before; ++after) {
        if (*last + after > sent.last) break;
        if (after > 0 && !free_word(*last + after - 1)) break;
        if (before + after == 0) continue;
        std::uint32_t f = *first - before, l = *last + after;
        if ((lists(f, l) & kOrgLists) && l - f > best_last - best_first) {
          best_first = f;
          best_last = l;
        }
      }
    }
    if (best_first == *first && best_last == *last) return;
    *first = best_first;
    *last = best_last;
    *type = kOrgType;
  }

  // "Office of Foreign Assets Control (OFAC)": the bracketed acronym after
  // a name is a mention of it even when the tagger missed it.
  void add_acronym_definitions() {
    std::size_t n = mentions_.size();
    for (std::size_t k = 0; k < n; ++k) {
      auto after = mentions_[k].last;
      if (after + 2 >= doc_.tokens.size() || word(after) != "(" || word(after + 2) != ")") continue;
      if (cc(after + 1) != CaseClass::kUpper || covered_[after + 1]) continue;
      if (mentions_[k].last - mentions_[k].first < 2) continue;
      add_mention(after + 1, after + 2, mentions_[k].type);
    }
  }

  // Curated organisations and places the tagger left untagged.
  void add_list_matches() {
    for (const auto& sent : doc_.sentences) {
      for (std::uint32_t i = sent.first; i < sent.last; ++i) {
        if (covered_[i] || !is_capitalised(cc(i))) continue;
        std::uint32_t best = 0;
        ListSet best_lists = 0;
        Gazetteer::Step step{kPhraseSeed, 0, true};
        for (std::uint32_t j = i + 1; j <= sent.last && j - i <= Gazetteer::kMaxPhraseTokens && step.more; ++j) {
          if (covered_[j - 1]) break;
          step = ex_.gazetteer().step(step.hash, f_.plain[j - 1]);
          if ((step.lists & (kOrg | kPlace | kCountry)) && is_capitalised(cc(j - 1))) {
            best = j;
            best_lists = step.lists;
          }
        }
        if (best == 0) continue;
        // A lone capitalised word starting a sentence is too often a common
        // word ("Total", "Fed"); all-caps acronyms are kept.
        if (best == i + 1 && sentence_first(i) && cc(i) != CaseClass::kUpper) continue;
        add_mention(i, best, (best_lists & kOrg) ? kOrgType : kLoc);
        i = best - 1;
      }
    }
  }

  static bool ends_with_parts(const std::vector<std::string>& full, const std::vector<std::string>& tail) {
    if (tail.empty() || tail.size() > full.size()) return false;
    return std::equal(tail.begin(), tail.end(), full.end() - static_cast<std::ptrdiff_t>(tail.size()));
  }

  static std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
      if (!out.empty()) out.push_back(' ');
      out += p;
    }
    return out;
  }

  int new_cluster(int type, std::string key, std::size_t mention) {
    clusters_.push_back({type, std::move(key), mention, 0, mentions_[mention].first});
    return static_cast<int>(clusters_.size() - 1);
  }

  // One cluster per person: full names, then shorter mentions ("Putin",
  // "al-Sharaa") joined to the full name they end with.
  void cluster_people() {
    for (auto& m : mentions_)
      if (m.type == kPer) m.parts = name_parts(m.first, m.last);
    // Full names first, longest first so "George W. Bush" outranks "Bush".
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < mentions_.size(); ++k)
      if (mentions_[k].type == kPer && !mentions_[k].parts.empty()) order.push_back(k);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return mentions_[a].parts.size() > mentions_[b].parts.size();
    });
    std::vector<int> people;
    for (auto k : order) {
      auto& m = mentions_[k];
      int best = -1;
      for (int c : people) {
        const auto& full = mentions_[clusters_[static_cast<std::size_t>(c)].canonical].parts;
        if (ends_with_parts(full, m.parts) &&
            (best < 0 || clusters_[static_cast<std::size_t>(c)].mentions >
                             clusters_[static_cast<std::size_t>(best)].mentions))
          best = c;
      }
      if (best < 0) {
        best = new_cluster(kPer, join(m.parts), k);
        people.push_back(best);
      }
      m.cluster = best;
      ++clusters_[static_cast<std::size_t>(best)].mentions;
    }
    // A lone given name ("Graham will join") that starts exactly one full
    // name of the article, and ends none, is that person.
    for (int c : people) {
      auto& short_cl = clusters_[static_cast<std::size_t>(c)];
      const auto& parts = mentions_[short_cl.canonical].parts;
      if (parts.size() != 1 || short_cl.mentions == 0) continue;
      int target = -1, matches = 0;
      for (int d : people) {
        const auto& full = mentions_[clusters_[static_cast<std::size_t>(d)].canonical].parts;
        if (full.size() < 2) continue;
        if (full.back() == parts[0]) matches += 2;
        if (full.front() == parts[0]) {
          target = d;
          ++matches;
        }
      }
      if (matches != 1) continue;
      for (auto& m : mentions_)
        if (m.cluster == c) m.cluster = target;
      clusters_[static_cast<std::size_t>(target)].mentions += short_cl.mentions;
      short_cl.mentions = 0;
    }
    // A surname the tagger typed otherwise ("Assad's regime", "de Souza's
    // staff") refers to the person whose full name it ends.
    for (std::size_t k = 0; k < mentions_.size(); ++k) {
      auto& m = mentions_[k];
      if (m.cluster >= 0 || m.last - m.first > 3) continue;
      if (lists(m.first, m.last) & (kCountry | kPlace | kOrg | kDemonym)) continue;
      auto parts = name_parts(m.first, m.last);
      if (parts.size() != 1) continue;
      for (int c : people) {
        const auto& full = mentions_[clusters_[static_cast<std::size_t>(c)].canonical].parts;
        if (full.size() >= 2 && ends_with_parts(full, parts)) {
          m.type = kPer;
          m.parts = parts;
          m.cluster = c;
          ++clusters_[static_cast<std::size_t>(c)].mentions;
          break;
        }
      }
    }
  }

  // Untagged occurrences of a known person's surname ("and al-Masri's
  // aides") are mentions of that person.
  void add_surname_mentions() {
    std::vector<int> people;
    for (std::size_t c = 0; c < clusters_.size(); ++c)
      if (clusters_[c].type == kPer && mentions_[clusters_[c].canonical].parts.size() >= 2)
        people.push_back(static_cast<int>(c));
    if (people.empty()) return;
    for (std::uint32_t i = 0; i < doc_.tokens.size(); ++i) {
      if (covered_[i] || !(is_capitalised(cc(i)) || word(i).find('-') != std::string_view::npos)) continue;
      if (lists(i, i + 1) & (kCountry | kPlace | kCity | kOrg | kDemonym | kNonName | kTitle)) continue;
      auto parts = name_parts(i, i + 1);
      if (parts.size() != 1) continue;
      for (int c : people) {
        auto& cl = clusters_[static_cast<std::size_t>(c)];
        if (mentions_[cl.canonical].parts.back() != parts[0]) continue;
        Mention m;
        m.type = kPer;
        m.first = i;
        m.last = i + 1;
        m.display = display(i, i + 1);
        m.parts = parts;
        m.cluster = c;
        covered_[i] = 1;
        ++cl.mentions;
        mentions_.push_back(std::move(m));
        break;
      }
    }
  }

  // The initials of a multi-word name's capitalised words ("Office of
  // Foreign Assets Control" -> "OFAC").
  std::string initials(const Mention& m) const {
    std::string out;
    for (auto i = m.first; i < m.last; ++i) {
      auto w = word(i);
      if (is_capitalised(cc(i)) && !w.empty() && w[0] >= 'A' && w[0] <= 'Z') out.push_back(w[0]);
    }
    return out;
  }

  void cluster_rest() {
    for (std::size_t k = 0; k < mentions_.size(); ++k) {
      auto& m = mentions_[k];
      if (m.cluster >= 0) continue;
      std::string key;
      append_lower(&key, m.display);
      if (key.rfind("the ", 0) == 0) key.erase(0, 4);
      m.key = std::string(name_of(entity_type_of(m.type))) + ":" + key;
    }
    // Acronyms join the full name they abbreviate, defined in brackets or
    // (three letters or more) matching its initials; the cluster is
    // displayed "Full Name (ACR)".
    // The first name of two or more words with given initials, and the
    // one that ends at a given token, found once for all acronyms (an
    // article with an acronym in every sentence is not searched through
    // for each of them).
    std::unordered_map<std::string, std::size_t> by_initials;
    std::unordered_map<std::uint32_t, std::size_t> by_end;
    for (std::size_t j = 0; j < mentions_.size(); ++j) {
      const Mention& full = mentions_[j];
      if (full.cluster >= 0 || full.last - full.first < 2) continue;
      by_initials.emplace(initials(full), j);
      by_end.emplace(full.last, j);
    }
    for (std::size_t k = 0; k < mentions_.size(); ++k) {
      auto& a = mentions_[k];
      if (a.cluster >= 0 || a.last - a.first != 1 || cc(a.first) != CaseClass::kUpper) continue;
      auto acr = word(a.first);
      if (acr.size() < 2 || acr.size() > 8) continue;
      // The first such name defining it in brackets just before it, or
      // spelling it; two letters are too few to be sure of unless the text
      // defines them: a Labour "MP" beside the "Marshall Plan".
      std::size_t found = mentions_.size();
      if (a.first >= 1 && word(a.first - 1) == "(") {
        if (const auto it = by_end.find(a.first - 1); it != by_end.end()) found = it->second;
      }
      if (acr.size() >= 3) {
        if (const auto it = by_initials.find(std::string(acr)); it != by_initials.end()) found = std::min(found, it->second);
      }
      if (found == mentions_.size()) continue;
      const Mention& full = mentions_[found];
      a.key = full.key;
      a.type = full.type;
      acronym_of_[full.key] = std::string(acr);
    }
    for (std::size_t k = 0; k < mentions_.size(); ++k) {
      auto& m = mentions_[k];
      if (m.cluster >= 0) continue;
      int found = -1;
      for (std::size_t c = 0; c < clusters_.size(); ++c)
        if (clusters_[c].key == m.key) {
          found = static_cast<int>(c);
          break;
        }
      if (found < 0) found = new_cluster(m.type, m.key, k);
      auto& cl = clusters_[static_cast<std::size_t>(found)];
      // Prefer the longest, then a non-all-caps, display.
      const auto& cur = mentions_[cl.canonical];
      bool longer = m.last - m.first > cur.last - cur.first;
      bool better_case = m.last - m.first == cur.last - cur.first && is_all_caps(cur.display) &&
                         !is_all_caps(m.display);
      if (longer || better_case) cl.canonical = k;
      m.cluster = found;
      ++cl.mentions;
    }
  }

  // Each cluster's margin: its surest mention's.
  void cluster_margins() {
    for (const auto& m : mentions_) {
      if (m.cluster < 0) continue;
      auto& c = clusters_[static_cast<std::size_t>(m.cluster)];
      c.margin = std::max(c.margin, m.margin);
    }
  }

  std::vector<Entity> entities() {
    cluster_margins();
    for (const auto& m : mentions_) {
      auto& c = clusters_[static_cast<std::size_t>(m.cluster)];
      c.first_token = std::min(c.first_token, m.first);
    }
    std::vector<std::size_t> order;
    for (std::size_t c = 0; c < clusters_.size(); ++c)
      if (clusters_[c].mentions > 0) order.push_back(c);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      if (clusters_[a].type != clusters_[b].type) return clusters_[a].type < clusters_[b].type;
      return clusters_[a].first_token < clusters_[b].first_token;
    });
    std::vector<Entity> out;
    out.reserve(order.size());
    for (auto c : order) {
      const auto& cl = clusters_[c];
      Entity e;
      e.type = entity_type_of(cl.type);
      e.name = mentions_[cl.canonical].display;
      auto acr = acronym_of_.find(cl.key);
      if (acr != acronym_of_.end() && e.name != acr->second) e.name += " (" + acr->second + ")";
      e.mentions = cl.mentions;
      e.weak = cl.margin < kWeakMargin;
      out.push_back(std::move(e));
    }
    return out;
  }

  const Extractor& ex_;
  const Document& doc_;
  const DocFeatures& f_;
  std::string_view text_;
  std::vector<std::uint8_t> covered_;
  std::vector<std::uint8_t> tagged_;  // token inside a span of the tagger
  const std::vector<float>& margins_;
  std::vector<float> span_margin_;  // per token: the margin of the tagger's span holding it
  std::vector<Mention> mentions_;
  std::vector<Cluster> clusters_;
  std::map<std::string, std::string> acronym_of_;
  mutable std::set<std::string> firm_names_;  // lowercased (retype_firm_names)
  std::set<std::string> listed_names_;        // lowercased (retype_listed_names)
  std::map<std::string, int> kind_names_;     // lowercased name -> type (retype_kind_names)
  mutable std::string scratch_;
};

// Calls fn(begin, end) for each paragraph of text: blocks separated by
// lines that are empty or blank.
template <class Fn>
void for_each_paragraph(std::string_view text, Fn&& fn) {
  std::size_t start = 0, i = 0;
  while (i < text.size()) {
    if (text[i] != '\n') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
    if (j < text.size() && text[j] != '\n') {
      i = j;
      continue;
    }
    if (i > start) fn(start, i);
    while (j < text.size() && (text[j] == '\n' || text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
    start = i = j;
  }
  if (start < text.size()) fn(start, text.size());
}

}  // namespace

std::string resolve_data_dir(const EntityOptions& options) {
  if (!options.data_dir.empty()) return options.data_dir;
  if (const char* env = std::getenv("NEWSDEX_DATA_DIR"); env && *env) return env;
  char exe[4096];
  const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return NEWSDEX_DATA_FROM_BIN;  // relative to the working directory: a clear "cannot open"
  const std::filesystem::path bin = std::filesystem::path(std::string(exe, static_cast<std::size_t>(n))).parent_path();
  std::error_code ec;
  for (const std::filesystem::path& dir : {bin / NEWSDEX_DATA_FROM_BIN, bin / ".." / "share" / "newsdex"}) {
    if (std::filesystem::exists(dir / kModelFile, ec)) return dir.lexically_normal().string();
  }
  return (bin / NEWSDEX_DATA_FROM_BIN).lexically_normal().string();
}

Extractor::Extractor(const std::string& data_dir) {
  std::string gaz_path = data_dir + "/" + kGazetteerFile;
  try {
    gazetteer_.load(gaz_path);
  } catch (const std::exception& e) {
    throw EntityModelError(std::string("entity gazetteer: ") + e.what());
  }
  if (gazetteer_.size() == 0) throw EntityModelError("entity gazetteer: " + gaz_path + " is empty");
  try {
    model_.load(data_dir + "/" + kModelFile);
  } catch (const std::exception& e) {
    throw EntityModelError(std::string("entity model: ") + e.what());
  }
  try {
    aliases_ = load_builtin_aliases(data_dir);
  } catch (const std::exception& e) {
    throw EntityModelError(std::string("entity aliases: ") + e.what());
  }
  for (const BuiltinAlias& a : aliases_) {
    if (a.type != EntityType::place) continue;
    std::string key;
    append_lower(&key, a.alias);
    place_alias_.emplace(std::move(key), a.canonical);
  }
  const std::string countries_path = data_dir + "/" + kPlaceCountriesFile;
  std::ifstream in(countries_path);
  if (!in) throw EntityModelError("entity place countries: cannot read " + countries_path);
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    const std::size_t tab2 = tab == std::string::npos ? tab : line.find('\t', tab + 1);
    PlaceCountry pc;
    const char* end = line.data() + line.size();
    if (tab == 0 || tab2 == std::string::npos || tab2 == tab + 1 ||
        std::from_chars(line.data() + tab2 + 1, end, pc.people).ptr != end || tab2 + 1 == line.size()) {
      throw EntityModelError("entity place countries: " + countries_path + ":" + std::to_string(n) +
                             ": not PLACE<TAB>COUNTRY<TAB>PEOPLE");
    }
    pc.country = line.substr(tab + 1, tab2 - tab - 1);
    std::string key;
    append_lower(&key, std::string_view(line).substr(0, tab));
    place_country_.emplace(std::move(key), std::move(pc));
  }
  if (place_country_.empty()) throw EntityModelError("entity place countries: " + countries_path + " is empty");
}

const Extractor::PlaceCountry* Extractor::country_of(std::string_view place) const {
  std::string key;
  append_lower(&key, place);
  const auto it = place_country_.find(key);
  return it == place_country_.end() ? nullptr : &it->second;
}

std::optional<EntityType> Extractor::listed_type(std::string_view name) const {
  Document doc;
  tokenize(name, 0, &doc);
  if (doc.tokens.empty() || doc.tokens.size() > Gazetteer::kMaxPhraseTokens) return std::nullopt;
  DocFeatures features;
  analyse_document(doc, model_.config(gazetteer_), &features);
  const ListSet lists = gazetteer_.lookup(features.plain.data(), features.plain.size());
  if (lists & (kOrg | kCompany | kParty | kUniversity | kAirline)) return EntityType::org;
  // A club is often called by its city ("Boston", "Bologna"): a name both
  // lists know is the place.
  if (lists & (kCountry | kCity | kPlace | kNation | kRegion | kDistrict)) return EntityType::place;
  if (lists & kClub) return EntityType::org;
  if (lists & (kDemonym | kNationality)) return EntityType::misc;
  return std::nullopt;
}

bool Extractor::misc_by_form(std::string_view name) const { return ner::misc_by_form(name); }

bool Extractor::common_word(std::string_view name) const {
  const std::optional<std::string> word = one_word(name);
  if (!word || is_all_caps(*word) || is_place_kind(*word)) return false;
  return (word_lists(*word) & kLowercase) != 0;
}

bool Extractor::name_word(std::string_view word) const {
  const std::optional<std::string> w = one_word(word);
  constexpr ListSet kNameLists = kGivenName | kForename | kSurname | kCity | kPlace | kCountry | kNation | kRegion |
                                 kDistrict | kDemonym | kNationality | kClub | kCompany | kOrg;
  return w && (word_lists(*w) & kNameLists) != 0;
}

bool Extractor::given_name(std::string_view word) const {
  const std::optional<std::string> w = one_word(word);
  return w && (word_lists(*w) & kGivenName) != 0;
}

std::optional<std::string> Extractor::one_word(std::string_view text) {
  Document doc;
  tokenize(text, 0, &doc);
  if (doc.tokens.size() != 1) return std::nullopt;
  return std::string(doc.text(0));
}

ListSet Extractor::word_lists(std::string_view word) const {
  std::string lower;
  append_lower(&lower, word);
  const std::uint64_t hash = hash_bytes(lower);
  return gazetteer_.lookup(&hash, 1);
}

void Extractor::tag(const Document& doc, DocFeatures* features, std::vector<std::uint8_t>* tags,
                    std::vector<float>* margins) const {
  const FeatureConfig config = model_.config(gazetteer_);
  analyse_document(doc, config, features);
  tag_document(model_, config, doc, *features, tags, margins);
}

namespace {

// Lower case ASCII letters only, for loose name comparison.
std::string fold(std::string_view s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    }
  }
  return out;
}

// True when the org `name` is the article's own publisher (news wires sign
// their stories: "Reuter" in a Reuters story is not what it is about).
bool is_publisher(std::string_view name, std::string_view source) {
  if (source.empty()) return false;
  const std::string a = fold(name), b = fold(source);
  if (a.empty() || b.empty()) return false;
  return a == b || a + "s" == b || b + "s" == a;
}

// The article's entities without its own publisher.
std::vector<Entity> without_publisher(std::vector<Entity> entities, const Article& article) {
  entities.erase(std::remove_if(entities.begin(), entities.end(),
                                [&](const Entity& e) {
                                  return e.type == EntityType::org && is_publisher(e.name, article.source);
                                }),
                 entities.end());
  return entities;
}

}  // namespace

namespace {

// Words of a place's name that stay in lower case inside it ("Rio de
// Janeiro", "Stratford upon Avon").
bool is_place_particle(std::string_view w) {
  return in(w, {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "el", "von", "van", "der",
                "den", "of", "on", "upon", "am", "sur", "en", "es"});
}

// The place a dateline names: its text before a comma, a bracket, a colon
// or a dash ("WASHINGTON, March 3", "NEW YORK (Reuters) -", "Paris:"), one
// to four words that begin with a letter, with no figure; in capitals,
// written as a name ("Rio de Janeiro", "St. Louis", "Winston-Salem",
// "McLean", "N'Djamena").
// "" when there is none. dateline_place(dateline_part(d, 1)) is the
// region or country that may follow it ("JACKSON, Miss., March 4").
std::string dateline_place(std::string_view dateline) {
  std::size_t end = 0;
  for (; end < dateline.size(); ++end) {
    const char c = dateline[end];
    if (c == ',' || c == '(' || c == ':' || c == ';' || c == '/' || c == '\n') break;
    if (c == '-' && end > 0 && dateline[end - 1] == ' ') break;
    if (dateline.compare(end, 3, "\xE2\x80\x94") == 0 || dateline.compare(end, 3, "\xE2\x80\x93") == 0) break;
  }
  const std::string_view place = trim(dateline.substr(0, end));
  if (place.empty() || place.size() > 60) return {};
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < place.size();) {
    const std::size_t space = std::min(place.find(' ', i), place.size());
    if (space > i) words.push_back(place.substr(i, space - i));
    i = space + 1;
  }
  if (words.empty() || words.size() > 4) return {};
  for (std::string_view w : words) {
    const auto first = static_cast<unsigned char>(w[0]);
    if (first < 0x80 && !std::isalpha(first)) return {};
    if (std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) return {};
  }
  if (!is_all_caps(place)) return std::string(place);
  std::string out;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (k > 0) out += ' ';
    std::string lower;
    append_lower(&lower, words[k]);
    if (k > 0 && is_place_particle(lower)) {
      out += lower;
      continue;
    }
    // Each part of a hyphenated name is capitalised ("Winston-Salem"), and
    // so is a name after "Mc" ("McLean").
    for (std::size_t i = 0; i < words[k].size();) {
      const std::size_t hyphen = std::min(words[k].find('-', i), words[k].size());
      std::string_view part = words[k].substr(i, hyphen - i);
      if (part.size() > 3 && (part[0] == 'M' || part[0] == 'm') && (part[1] == 'C' || part[1] == 'c')) {
        out += "Mc";
        part.remove_prefix(2);
      } else if (part.size() > 3 && part[1] == '\'' && static_cast<unsigned char>(part[0]) < 0x80) {
        out += part.substr(0, 2);  // "N'Djamena", "O'Hare"
        part.remove_prefix(2);
      }
      append_capitalised(&out, part);
      if (hyphen < words[k].size()) out += '-';
      i = hyphen + 1;
    }
  }
  return out;
}

// The text after the n-th comma of a dateline (n >= 1), up to the next
// one; "" when there are fewer commas.
std::string_view dateline_part(std::string_view dateline, int n) {
  for (; n > 0; --n) {
    const std::size_t comma = dateline.find(',');
    if (comma == std::string_view::npos) return {};
    dateline.remove_prefix(comma + 1);
  }
  return dateline.substr(0, dateline.find(','));
}

// A dateline opening a paragraph, as wire copy writes it: a place in
// capitals, perhaps a date or the agency, then a dash or a colon
// ("WASHINGTON (Reuters) - The...", "LONDON, Oct 3 — ", "NEW DELHI: ");
// "" when the paragraph opens otherwise.
std::string_view paragraph_dateline(std::string_view paragraph) {
  const std::string_view head = paragraph.substr(0, std::min<std::size_t>(paragraph.size(), 100));
  std::size_t dash = std::string_view::npos;
  for (std::string_view d : {" - ", " -- ", " \xE2\x80\x94", " \xE2\x80\x93", ": "}) dash = std::min(dash, head.find(d));
  if (dash == std::string_view::npos || dash == 0) return {};
  const std::string_view prefix = head.substr(0, dash);
  const std::size_t place_end = std::min(prefix.find_first_of(",("), prefix.size());
  const std::string_view place = trim(prefix.substr(0, place_end));
  if (place.size() < 3 || !is_all_caps(place) || prefix.find('\n') != std::string_view::npos) return {};
  return prefix;
}

// The dateline opening the body: its first paragraph's, or the second's
// after a short first one (a byline: "By Jane Roe").
std::string_view body_dateline(std::string_view body) {
  for (int k = 0; k < 2; ++k) {
    const std::size_t end = body.find("\n\n");
    const std::string_view paragraph = body.substr(0, end);
    if (const std::string_view d = paragraph_dateline(paragraph); !d.empty()) return d;
    if (end == std::string_view::npos || paragraph.size() >= 80) break;
    body.remove_prefix(end + 2);
  }
  return {};
}

}  // namespace

std::vector<Entity> Extractor::extract(const Article& article) const {
  // The model and its lists are English: an article known to be in another
  // language gets no entities from them rather than wrong ones ("Von Thomas
  // Müller"); a dateline's place is a place in any language.
  std::vector<Entity> entities = applies_to(article) ? extract_text(article) : std::vector<Entity>{};
  add_dateline(article, entities);
  return entities;
}

// See add_dateline.
constexpr long kDatelineCityPeople = 500000;

void Extractor::add_dateline(const Article& article, std::vector<Entity>& entities) const {
  // The metadata's dateline, else (none, or no place in it) the body's.
  bool given = !article.dateline.empty();
  std::string_view dateline = article.dateline;
  std::string place = dateline_place(dateline);
  if (place.empty()) {
    given = false;
    dateline = body_dateline(article.body);
    place = dateline_place(dateline);
  }
  if (place.empty()) return;
  const ListSet lists = gazetteer_.lookup_text(place);
  const PlaceCountry* in_country = (lists & (kCountry | kNation)) ? nullptr : country_of(place);
  const std::string* country = in_country != nullptr ? &in_country->country : nullptr;
  // The region or country the dateline names after the place ("Miss.",
  // "Ontario", "FRANCE") says which of the places of that name it is:
  // its country is the story's ("LONDON, Ontario": Canada).
  std::string region = dateline_place(dateline_part(dateline, 1));
  ListSet region_lists = 0;
  const PlaceCountry* region_country = nullptr;
  if (!region.empty()) {
    std::string key;
    append_lower(&key, region);
    if (const auto alias = place_alias_.find(key); alias != place_alias_.end()) region = alias->second;
    region_lists = gazetteer_.lookup_text(region);
    if (region_lists & (kCountry | kNation)) {
      country = nullptr;
    } else if ((region_country = country_of(region))) {
      country = &region_country->country;
    } else {
      region.clear();
    }
  }
  // A place the lists know is one. A dateline in the body is taken only
  // then: wire copy also opens with "UPDATE - " or "EXCLUSIVE - ". One in
  // metadata may name a town no list knows ("Rocky Hill"), but not with a
  // word news text writes in lowercase: an export's dateline field also
  // holds a table's heading ("COPPER GRADE A", "NEW ZEALAND EXCHS CLOSE").
  if (country == nullptr && !(lists & (kCountry | kNation | kCity | kPlace | kRegion | kDistrict))) {
    if (!given) return;
    for (std::size_t i = 0; i < place.size();) {
      const std::size_t space = std::min(place.find(' ', i), place.size());
      if (gazetteer_.lookup_text(std::string_view(place).substr(i, space - i)) & kLowercase) return;
      i = space + 1;
    }
  }
  const auto same = [](const Entity& e, std::string_view name) {
    return e.type == EntityType::place && ascii_lower(e.name) == ascii_lower(name);
  };
  // A name that a list also reads otherwise (a surname, a given name, a
  // company, a club, a word: "Irving", "Sterling", "Parma") is added only
  // as the text's own place, unless it is a city of kDatelineCityPeople
  // or a region ("Detroit", "Paris", "Virginia"): one article's dateline
  // is no evidence about the archive's other articles that write the name
  // (the archive decides each name's type from all its articles,
  // newsdex/identity.h).
  constexpr ListSet kOtherReadings =
      kSurname | kForename | kGivenName | kLowercase | kCompany | kClub | kOrg | kParty | kAirline | kUniversity;
  // `l`: the name's lists; `pc`: its place_countries.tsv entry, or null.
  const auto other_reading = [](ListSet l, const PlaceCountry* pc) {
    if (!(l & kOtherReadings) || (l & (kCountry | kNation))) return false;
    return pc == nullptr || pc->people < kDatelineCityPeople;
  };
  const auto offset_of = [&](const std::string& name) -> std::ptrdiff_t {
    const auto it = std::find_if(entities.begin(), entities.end(), [&](const Entity& e) { return same(e, name); });
    return it == entities.end() ? -1 : it - entities.begin();
  };
  // The place is the text's one, a mention more, or else the first of the
  // article's places: the dateline opens the story. `at` is where the next
  // place added goes.
  std::ptrdiff_t at = offset_of(place);
  if (at >= 0) {
    Entity& e = entities[static_cast<std::size_t>(at)];
    ++e.mentions;
    e.weak = false;
    if (is_all_caps(e.name)) e.name = place;  // "WASHINGTON" of the text's dateline: Washington
    ++at;
  } else {
    at = std::find_if(entities.begin(), entities.end(), [](const Entity& e) { return e.type >= EntityType::place; }) -
         entities.begin();
    if (!other_reading(lists, in_country)) {
      entities.insert(entities.begin() + at++, Entity{EntityType::place, place, 1, false});
    }
  }
  // Its region and country are places of the story too, though the text
  // may never name them: the dateline counts as a mention of each. After
  // the place.
  for (const std::string* name : {static_cast<const std::string*>(&region), country}) {
    if (name == nullptr || name->empty()) continue;
    if (const std::ptrdiff_t known = offset_of(*name); known >= 0) {
      at = known + 1;
    } else if (name == country || !other_reading(region_lists, region_country)) {
      entities.insert(entities.begin() + at++, Entity{EntityType::place, *name, 1, false});
    }
  }
}

// A word of an all-caps headline (its letters, two or more) as running
// text writes it: a word news text mostly writes in lowercase, or a form
// of one no name list knows, in lowercase ("SAYS", "ACCORD", "RENEWS"); a
// word of four letters or more capitalised ("BAKER" Baker, "YEUTTER"
// Yeutter); shorter ones, and those the organisations list knows, kept in
// capitals, as acronyms are ("EC", "IBM", "OPEC"), but for short names and
// company designators (below).
std::string Extractor::truecased(std::string_view title) const {
  constexpr ListSet kNames = kSurname | kForename | kGivenName | kCity | kCountry | kPlace | kRegion | kNation |
                             kDemonym | kNationality | kDistrict;
  std::string out;
  out.reserve(title.size());
  // Letters: ASCII ones and every byte of a UTF-8 sequence ("MÜLLER").
  const auto letter = [](char b) { return std::isalpha(static_cast<unsigned char>(b)) || static_cast<unsigned char>(b) >= 0x80; };
  for (std::size_t i = 0; i < title.size();) {
    const auto c = static_cast<unsigned char>(title[i]);
    if (!letter(title[i])) {
      out += title[i++];
      continue;
    }
    std::size_t j = i;
    while (j < title.size() && letter(title[j])) ++j;
    const std::string_view word = title.substr(i, j - i);
    const bool after_apostrophe = i > 0 && (title[i - 1] == '\'');
    if (word.size() == 1) {
      out += after_apostrophe ? static_cast<char>(std::tolower(c)) : title[i];  // "'S", "U.S."
    } else if (word.size() == 2 && in(word, {"to", "be", "in", "of", "on", "at", "by", "it", "is", "as", "an", "or", "up",
                                             "no", "so", "we", "he", "do", "go", "if", "my", "me", "am"})) {
      append_lower(&out, word);  // the LOWER list has no word under three letters
    } else {
      const ListSet lists = word_lists(word);
      // Or a form of such a word ("RENEWS", "CUTTING", "AFFIRMS" of
      // "affirmed").
      const auto common_stem = [&] {
        for (std::string_view suffix : {"S", "ES", "ED", "D", "ING", "LY"}) {
          if (word.size() <= suffix.size() + 2 || word.substr(word.size() - suffix.size()) != suffix) continue;
          const std::string_view stem = word.substr(0, word.size() - suffix.size());
          if (word_lists(stem) & kLowercase) return true;
          if (suffix == "S" && ((word_lists(std::string(stem) + "ED") & kLowercase) ||
                                (word_lists(std::string(stem) + "ING") & kLowercase))) {
            return true;
          }
        }
        return false;
      };
      // A word of two or three letters is more often an acronym ("EC",
      // "AMR", "IBM"): capitalised only as a place or a common given name
      // ("JOE"), or a company designator ("CO", "INC": Co, Inc). Longer
      // ones are capitalised. None the organisations list knows is
      // ("OPEC", "UNCTAD").
      constexpr ListSet kShortNames = kCity | kCountry | kPlace | kRegion | kNation | kGivenName;
      const bool capitalise = (!(lists & kOrg) && (utf8_length(word) >= 4 || (lists & kShortNames))) ||
                              in(word, {"co", "cos", "inc", "ltd", "plc", "llc", "bhd", "nv", "sa", "ag"});
      if ((lists & kLowercase) || (!(lists & kNames) && common_stem())) {
        append_lower(&out, word);
      } else if (capitalise) {
        append_capitalised(&out, word);
      } else {
        out += word;
      }
    }
    i = j;
  }
  return out;
}

std::vector<Entity> Extractor::extract_text(const Article& article) const {
  std::string text;
  // An all-caps headline (wire copy's) is left out: the tagger reads case,
  // and the body names whom it names. A brief's headline, its only text,
  // is read as running text would write it.
  const bool caps_title = !article.title.empty() && is_all_caps(article.title);
  if (!article.title.empty() && (!caps_title || is_blank(article.body))) {
    text = caps_title ? truecased(article.title) : article.title;
    text += "\n\n";
  }
  text += article.body;
  if (text.size() > 0xFFFFFFF0u) text.resize(0xFFFFFFF0u);
  Document doc;
  // Rough sizes for news text (a token per 5 bytes or so), so that the
  // vectors rarely grow.
  doc.norm.reserve(text.size());
  doc.tokens.reserve(text.size() / 4 + 16);
  doc.sentences.reserve(text.size() / 64 + 4);
  std::string_view all(text);
  for_each_paragraph(all, [&](std::size_t b, std::size_t e) {
    tokenize(all.substr(b, e - b), static_cast<std::uint32_t>(b), &doc);
  });
  if (doc.tokens.empty()) return {};
  DocFeatures features;
  std::vector<std::uint8_t> tags;
  std::vector<float> margins;
  tag(doc, &features, &tags, &margins);
  std::vector<Span> spans;
  tags_to_spans(doc, tags, &spans);
  std::set<std::string> listed;
  if (caps_title) listed = title_ticker_names(article.title);
  return without_publisher(
      clean_entities(ArticleTagger(*this, doc, features, all, margins, std::move(listed)).run(spans), &gazetteer_),
      article);
}

}  // namespace newsdex::ner
