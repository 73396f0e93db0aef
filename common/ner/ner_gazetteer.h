// Phrase lists the tagger uses as features and extract() uses as rules:
// GeoNames places, curated organisations, demonyms, person titles, words
// that are never names, and name particles (the rule lists); and large
// public lists of clubs, companies, parties, regions, universities,
// airlines, person names, countries and nationalities (feature lists,
// which only the tagger reads). Matching is case-insensitive over tokens,
// longest match first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ner_document.h"

namespace newsdex::ner {

// One bit per list; a phrase may be on several.
using ListSet = std::uint32_t;
enum GazetteerList : ListSet {
  // Rule lists: extract() trusts them (common/ner/lists, GeoNames).
  kCountry = 1u << 0,    // countryInfo.txt names and curated country aliases
  kCity = 1u << 1,       // GeoNames cities >= 15,000 people
  kPlace = 1u << 2,      // curated places (smaller towns, bases, regions)
  kOrg = 1u << 3,        // curated organisations
  kDemonym = 1u << 4,    // nationalities and demonyms ("Syrian")
  kTitle = 1u << 5,      // person titles ("President", "Mr")
  kNonName = 1u << 6,    // capitalised words that are never names alone
  kParticle = 1u << 7,   // name particles ("al", "bin", "van")
  kGivenName = 1u << 8,  // common given names
  // Feature lists: evidence for the tagger only (gazetteer/more).
  kClub = 1u << 9,          // football clubs ("Lazio", "Hamburger SV")
  kCompetition = 1u << 10,  // football leagues and cups
  kCompany = 1u << 11,      // listed companies, with and without "Inc"
  kParty = 1u << 12,        // political parties, names and acronyms
  kRegion = 1u << 13,       // first-level divisions, US states and their abbreviations
  kDistrict = 1u << 14,     // second-level divisions (counties, districts)
  kUniversity = 1u << 15,   // universities
  kAirline = 1u << 16,      // airlines
  kSurname = 1u << 17,      // US census surnames
  kForename = 1u << 18,     // US given names
  kNation = 1u << 19,       // country names, official and alternative
  kNationality = 1u << 20,  // demonyms of countries
  // Words news text mostly writes in lowercase ("demands"): no tagger
  // feature; a person's name does not open with one (extract()), nor is
  // one alone an entity (the alias table, common_word()).
  kLowercase = 1u << 21,
};

// Feature groups: lists whose matches become tagger features, in the
// order that numbers them in feature keys (append only).
constexpr int kGazetteerGroups = 20;
constexpr ListSet kGroupMasks[kGazetteerGroups] = {
    kCountry,  kCity | kPlace, kOrg,      kDemonym,    kTitle,   kNonName, kParticle,
    kGivenName, kClub,         kCompetition, kCompany, kParty,   kRegion,  kDistrict,
    kUniversity, kAirline,     kSurname,  kForename,   kNation,  kNationality};

// Hash of a lowercase token sequence, extended one token at a time from
// kPhraseSeed. Never 0.
constexpr std::uint64_t kPhraseSeed = 0x51ed270b27a1f3c5ULL;
std::uint64_t extend_phrase_hash(std::uint64_t h, std::uint64_t token_lower_hash);

// Position of a token inside a gazetteer match.
enum MatchCode : std::uint8_t { kNoMatch = 0, kBegin = 1, kInside = 2, kLast = 3, kUnit = 4 };

struct GazetteerMatches {
  // codes[token * kGazetteerGroups + group]: the token's position in the
  // longest match of that group, for the tokens of one document.
  std::vector<std::uint8_t> codes;
  // groups[token]: bit g set when codes[token * kGazetteerGroups + g] != 0.
  std::vector<std::uint32_t> groups;
};

class Gazetteer {
 public:
  // Reads "LIST<TAB>phrase" lines (LIST is one of the names in
  // list_name()); '#' lines are comments. Lines of the lists in `skip`
  // are ignored. Throws std::runtime_error with the line number on a
  // malformed line.
  void load(const std::string& path, ListSet skip = 0);
  // Adds one phrase to lists.
  void add(ListSet lists, std::string_view phrase);

  // Lists containing the phrase of n tokens whose lowercase hashes are
  // lower_hash[0..n).
  ListSet lookup(const std::uint64_t* lower_hash, std::size_t n) const;

  // One step of a walk over the phrases that begin at a token: the phrase
  // so far (hash kPhraseSeed before its first token) grown by the next
  // token, whose lowercase hash is token_lower_hash.
  struct Step {
    std::uint64_t hash;  // the grown phrase's, for the next step
    ListSet lists;       // the lists containing the grown phrase
    bool more;           // some longer phrase begins with it: walk on
  };
  Step step(std::uint64_t hash, std::uint64_t token_lower_hash) const {
    Step s{extend_phrase_hash(hash, token_lower_hash), 0, false};
    std::size_t slot = find(s.hash);
    if (slot != kNotFound) {
      s.lists = info_[slot] & ~kPrefixBit;
      s.more = (info_[slot] & kPrefixBit) != 0;
    }
    return s;
  }
  // Lists containing a phrase of raw text (tokenised like documents).
  ListSet lookup_text(std::string_view phrase) const;

  // Fills *out for every token of doc, given the lowercase hash of each
  // token (lower_hash[i] = hash_bytes(lowercase(token i))); matches begin
  // only at tokens i with may_start[i] != 0 (the tagger: capitalised
  // ones, as names begin).
  void match(const Document& doc, const std::vector<std::uint64_t>& lower_hash,
             const std::vector<std::uint8_t>& may_start, GazetteerMatches* out) const;

  std::size_t size() const { return entries_; }

  static const char* list_name(ListSet bit);
  static ListSet list_bit(std::string_view name);  // 0 if unknown

  static constexpr std::size_t kMaxPhraseTokens = 8;

 private:
  // A slot's info: the lists whose phrase is exactly its token sequence,
  // and kPrefixBit when some longer phrase starts with it.
  static constexpr std::uint32_t kPrefixBit = 1u << 31;
  static constexpr std::size_t kNotFound = ~std::size_t{0};
  // The slot of key, or kNotFound.
  std::size_t find(std::uint64_t key) const;
  // The slot of key, made if new.
  std::size_t insert(std::uint64_t key);
  // Room for n keys at a load of at most 3/4.
  void reserve(std::size_t n);
  // Stages a phrase, tokenised into *doc (scratch) with *lower (scratch);
  // it is in the table after flush().
  void add(ListSet lists, std::string_view phrase, Document* doc, std::string* lower);
  // Ors bits (lists, or kPrefixBit) into key's info, soon: after a few
  // more stage() calls, or flush().
  void stage(std::uint64_t key, std::uint32_t bits);
  void flush();
  void apply(std::uint64_t key, std::uint32_t bits);
  // The filter has 8 bits per slot, indexed by high key bits (keys_ uses
  // the low ones); a key's bit is set when it is inserted. Most token
  // sequences of a text are in no list: their clear bit answers find()
  // from cache, without a probe of the large table.
  static constexpr int kFilterShift = 32;
  bool may_contain(std::uint64_t key) const {
    std::uint64_t bit = (key >> kFilterShift) & (filter_.size() * 64 - 1);
    return (filter_[bit >> 6] >> (bit & 63)) & 1;
  }
  void add_to_filter(std::uint64_t key) {
    std::uint64_t bit = (key >> kFilterShift) & (filter_.size() * 64 - 1);
    filter_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
  }

  std::vector<std::uint64_t> keys_;  // open addressing; 0: empty
  std::vector<std::uint32_t> info_;  // info_[i] belongs to keys_[i]
  std::vector<std::uint64_t> filter_;  // keys_.size() / 8 words
  std::size_t used_ = 0;
  std::size_t entries_ = 0;
  static constexpr std::size_t kStaged = 32;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> staged_;  // a ring once full
  std::size_t staged_head_ = 0;                                  // its oldest entry
};


}  // namespace newsdex::ner
