#include "ner_gazetteer.h"

#include <fstream>
#include <stdexcept>

#include "ner_text.h"

namespace newsdex::ner {
namespace {

struct ListName {
  ListSet bit;
  const char* name;
};
constexpr ListName kListNames[] = {
    {kCountry, "COUNTRY"},      {kCity, "CITY"},           {kPlace, "PLACE"},
    {kOrg, "ORG"},              {kDemonym, "DEMONYM"},     {kTitle, "TITLE"},
    {kNonName, "NONNAME"},      {kParticle, "PARTICLE"},   {kGivenName, "GIVEN"},
    {kClub, "CLUB"},            {kCompetition, "COMPETITION"}, {kCompany, "COMPANY"},
    {kParty, "PARTY"},          {kRegion, "REGION"},       {kDistrict, "DISTRICT"},
    {kUniversity, "UNIVERSITY"}, {kAirline, "AIRLINE"},    {kSurname, "SURNAME"},
    {kForename, "FORENAME"},    {kNation, "NATION"},       {kNationality, "NATIONALITY"},
};

}  // namespace

std::uint64_t extend_phrase_hash(std::uint64_t h, std::uint64_t token_lower_hash) {
  auto r = hash_combine(h, token_lower_hash);
  return r == 0 ? 1 : r;
}

const char* Gazetteer::list_name(ListSet bit) {
  for (auto& l : kListNames)
    if (l.bit == bit) return l.name;
  return "?";
}

ListSet Gazetteer::list_bit(std::string_view name) {
  for (auto& l : kListNames)
    if (name == l.name) return l.bit;
  return 0;
}

Gazetteer::Slot* Gazetteer::find(std::uint64_t key) const {
  if (slots_.empty() || !may_contain(key)) return nullptr;
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = key & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.key == key) return const_cast<Slot*>(&s);
    if (s.key == 0) return nullptr;
  }
}

void Gazetteer::grow() {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  filter_.assign(slots_.size() / 8, 0);
  used_ = 0;
  for (auto& s : old)
    if (s.key) insert(s.key) = s;
}

Gazetteer::Slot& Gazetteer::insert(std::uint64_t key) {
  if ((used_ + 1) * 2 > slots_.size()) grow();
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = key & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.key == key) return s;
    if (s.key == 0) {
      s.key = key;
      ++used_;
      add_to_filter(key);
      return s;
    }
  }
}

void Gazetteer::add(ListSet lists, std::string_view phrase) {
  Document doc;
  tokenize(phrase, 0, &doc);
  if (doc.tokens.empty() || doc.tokens.size() > kMaxPhraseTokens) return;
  std::string lower;
  std::uint64_t h = kPhraseSeed;
  for (std::size_t i = 0; i < doc.tokens.size(); ++i) {
    lower.clear();
    append_lower(&lower, doc.text(i));
    h = extend_phrase_hash(h, hash_bytes(lower));
    Slot& s = insert(h);
    if (i + 1 < doc.tokens.size()) {
      s.prefix = true;
    } else {
      if (s.lists == 0) ++entries_;
      s.lists |= lists;
    }
  }
}

void Gazetteer::load(const std::string& path, ListSet skip) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    ListSet bit = tab == std::string::npos ? 0 : list_bit(std::string_view(line).substr(0, tab));
    if (bit == 0)
      throw std::runtime_error(path + ":" + std::to_string(n) + ": expected LIST<TAB>phrase");
    if (!(bit & skip)) add(bit, std::string_view(line).substr(tab + 1));
  }
  if (in.bad()) throw std::runtime_error("read error in " + path);
}

ListSet Gazetteer::lookup(const std::uint64_t* lower_hash, std::size_t n) const {
  std::uint64_t h = kPhraseSeed;
  for (std::size_t i = 0; i < n; ++i) {
    h = extend_phrase_hash(h, lower_hash[i]);
    const Slot* s = find(h);
    if (!s) return 0;
    if (i + 1 == n) return s->lists;
  }
  return 0;
}

ListSet Gazetteer::lookup_text(std::string_view phrase) const {
  Document doc;
  tokenize(phrase, 0, &doc);
  std::vector<std::uint64_t> hashes;
  std::string lower;
  for (std::size_t i = 0; i < doc.tokens.size(); ++i) {
    lower.clear();
    append_lower(&lower, doc.text(i));
    hashes.push_back(hash_bytes(lower));
  }
  return lookup(hashes.data(), hashes.size());
}

void Gazetteer::match(const Document& doc, const std::vector<std::uint64_t>& lower_hash,
                      GazetteerMatches* out) const {
  out->codes.assign(doc.tokens.size() * kGazetteerGroups, kNoMatch);
  out->groups.assign(doc.tokens.size(), 0);
  for (const auto& sent : doc.sentences) {
    // skip_until[g]: tokens before it are already covered by a group g match.
    std::uint32_t skip_until[kGazetteerGroups] = {};
    for (std::uint32_t i = sent.first; i < sent.last; ++i) {
      std::uint32_t longest[kGazetteerGroups] = {};
      std::uint64_t h = kPhraseSeed;
      for (std::uint32_t j = i; j < sent.last && j - i < kMaxPhraseTokens; ++j) {
        h = extend_phrase_hash(h, lower_hash[j]);
        const Slot* s = find(h);
        if (!s) break;
        if (s->lists)
          for (int g = 0; g < kGazetteerGroups; ++g)
            if (s->lists & kGroupMasks[g]) longest[g] = j - i + 1;
        if (!s->prefix) break;
      }
      for (int g = 0; g < kGazetteerGroups; ++g) {
        if (longest[g] == 0 || i < skip_until[g]) continue;
        auto len = longest[g];
        auto* codes = &out->codes[0];
        if (len == 1) {
          codes[i * kGazetteerGroups + g] = kUnit;
        } else {
          for (std::uint32_t k = 0; k < len; ++k)
            codes[(i + k) * kGazetteerGroups + g] = k == 0 ? kBegin : (k + 1 == len ? kLast : kInside);
        }
        for (std::uint32_t k = 0; k < len; ++k) out->groups[i + k] |= 1u << g;
        skip_until[g] = i + len;
      }
    }
  }
}

}  // namespace newsdex::ner
