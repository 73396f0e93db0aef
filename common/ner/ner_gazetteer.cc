#include "ner_gazetteer.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "ner_text.h"

namespace newsdex::ner {
namespace {

static_assert(kLowercase < (1u << 31), "list bits must stay below the prefix bit");

struct ListName {
  ListSet bit;
  std::string_view name;
};
constexpr ListName kListNames[] = {
    {kCountry, "COUNTRY"},      {kCity, "CITY"},           {kPlace, "PLACE"},
    {kOrg, "ORG"},              {kDemonym, "DEMONYM"},     {kTitle, "TITLE"},
    {kNonName, "NONNAME"},      {kParticle, "PARTICLE"},   {kGivenName, "GIVEN"},
    {kClub, "CLUB"},            {kCompetition, "COMPETITION"}, {kCompany, "COMPANY"},
    {kParty, "PARTY"},          {kRegion, "REGION"},       {kDistrict, "DISTRICT"},
    {kUniversity, "UNIVERSITY"}, {kAirline, "AIRLINE"},    {kSurname, "SURNAME"},
    {kForename, "FORENAME"},    {kNation, "NATION"},       {kNationality, "NATIONALITY"},
    {kLowercase, "LOWER"},
};

}  // namespace

std::uint64_t extend_phrase_hash(std::uint64_t h, std::uint64_t token_lower_hash) {
  auto r = hash_combine(h, token_lower_hash);
  return r == 0 ? 1 : r;
}

const char* Gazetteer::list_name(ListSet bit) {
  for (auto& l : kListNames)
    if (l.bit == bit) return l.name.data();
  return "?";
}

ListSet Gazetteer::list_bit(std::string_view name) {
  for (auto& l : kListNames)
    if (name == l.name) return l.bit;
  return 0;
}

std::size_t Gazetteer::find(std::uint64_t key) const {
  if (keys_.empty() || !may_contain(key)) return kNotFound;
  std::size_t mask = keys_.size() - 1;
  for (std::size_t i = key & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) return i;
    if (keys_[i] == 0) return kNotFound;
  }
}

void Gazetteer::reserve(std::size_t n) {
  std::size_t cap = 1024;
  while (cap * 3 < n * 4) cap *= 2;
  if (cap <= keys_.size()) return;
  std::vector<std::uint64_t> old_keys(cap, 0);
  std::vector<std::uint32_t> old_info(cap, 0);
  old_keys.swap(keys_);
  old_info.swap(info_);
  filter_.assign(cap / 8, 0);
  used_ = 0;
  for (std::size_t j = 0; j < old_keys.size(); ++j)
    if (old_keys[j]) info_[insert(old_keys[j])] = old_info[j];
}

std::size_t Gazetteer::insert(std::uint64_t key) {
  if ((used_ + 1) * 4 > keys_.size() * 3) reserve(keys_.size() * 2);
  std::size_t mask = keys_.size() - 1;
  for (std::size_t i = key & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) return i;
    if (keys_[i] == 0) {
      keys_[i] = key;
      ++used_;
      add_to_filter(key);
      return i;
    }
  }
}

void Gazetteer::add(ListSet lists, std::string_view phrase) {
  Document doc;
  std::string lower;
  add(lists, phrase, &doc, &lower);
  flush();
}

namespace {

// True for ASCII letters separated by single spaces ("Van Gaal"): the
// tokenizer would cut such a phrase at its spaces and nowhere else.
bool plain_words(std::string_view phrase) {
  if (phrase.empty() || phrase.front() == ' ' || phrase.back() == ' ') return false;
  char prev = 0;
  for (char c : phrase) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && !(c == ' ' && prev != ' ')) return false;
    prev = c;
  }
  return true;
}

}  // namespace

void Gazetteer::add(ListSet lists, std::string_view phrase, Document* doc, std::string* lower) {
  // The lowercase hash of each token, as match() will see them.
  std::uint64_t hashes[kMaxPhraseTokens];
  std::size_t n = 0;
  if (plain_words(phrase)) {
    // Most phrases (person names, one-word places): no tokenizer needed.
    while (!phrase.empty()) {
      auto space = phrase.find(' ');
      auto word = phrase.substr(0, space);
      if (n == kMaxPhraseTokens) return;
      lower->assign(word);
      for (char& c : *lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      hashes[n++] = hash_bytes(*lower);
      phrase.remove_prefix(space == std::string_view::npos ? phrase.size() : space + 1);
    }
  } else {
    doc->clear();
    tokenize(phrase, 0, doc);
    if (doc->tokens.size() > kMaxPhraseTokens) return;
    for (std::size_t i = 0; i < doc->tokens.size(); ++i) {
      lower->clear();
      append_lower(lower, doc->text(i));
      hashes[n++] = hash_bytes(*lower);
    }
  }
  std::uint64_t h = kPhraseSeed;
  for (std::size_t i = 0; i < n; ++i) {
    h = extend_phrase_hash(h, hashes[i]);
    stage(h, i + 1 < n ? kPrefixBit : lists);
  }
}

void Gazetteer::stage(std::uint64_t key, std::uint32_t bits) {
  // Inserting is a cache miss a key: the slot of each staged key is
  // fetched while the keys staged before it are inserted.
  if (staged_.size() == kStaged) {
    apply(staged_[staged_head_].first, staged_[staged_head_].second);
    staged_[staged_head_] = {key, bits};
    staged_head_ = (staged_head_ + 1) % kStaged;
  } else {
    staged_.push_back({key, bits});
  }
  std::size_t i = key & (keys_.size() - 1);
  __builtin_prefetch(&keys_[i], 1);
  __builtin_prefetch(&info_[i], 1);
}

void Gazetteer::flush() {
  for (std::size_t k = 0; k < staged_.size(); ++k) {
    const auto& [key, bits] = staged_[(staged_head_ + k) % staged_.size()];
    apply(key, bits);
  }
  staged_.clear();
  staged_head_ = 0;
}

void Gazetteer::apply(std::uint64_t key, std::uint32_t bits) {
  std::uint32_t& info = info_[insert(key)];
  if ((bits & ~kPrefixBit) && (info & ~kPrefixBit) == 0) ++entries_;
  info |= bits;
}

void Gazetteer::load(const std::string& path, ListSet skip) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string data(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(&data[0], static_cast<std::streamsize>(data.size()))) throw std::runtime_error("read error in " + path);
  // Most phrases are one or two tokens: room for 1.5 keys a line, so
  // that the table rarely grows while it fills.
  reserve(static_cast<std::size_t>(std::count(data.begin(), data.end(), '\n')) * 3 / 2);
  Document doc;
  std::string lower;
  std::string_view last_name;
  ListSet last_bit = 0;
  std::string_view rest(data);
  for (std::size_t n = 1; !rest.empty(); ++n) {
    auto eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    // Lines come sorted by list: the last list name usually matches.
    if (tab == std::string_view::npos || line.substr(0, tab) != last_name) {
      last_name = tab == std::string_view::npos ? std::string_view() : line.substr(0, tab);
      last_bit = tab == std::string_view::npos ? 0 : list_bit(last_name);
    }
    ListSet bit = last_bit;
    if (bit == 0)
      throw std::runtime_error(path + ":" + std::to_string(n) + ": expected LIST<TAB>phrase");
    if (!(bit & skip)) add(bit, line.substr(tab + 1), &doc, &lower);
  }
  flush();
}

ListSet Gazetteer::lookup(const std::uint64_t* lower_hash, std::size_t n) const {
  Step s{kPhraseSeed, 0, true};
  for (std::size_t i = 0; i < n; ++i) {
    if (!s.more) return 0;
    s = step(s.hash, lower_hash[i]);
  }
  return s.lists;
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
                      const std::vector<std::uint8_t>& may_start, GazetteerMatches* out) const {
  out->codes.assign(doc.tokens.size() * kGazetteerGroups, kNoMatch);
  out->groups.assign(doc.tokens.size(), 0);
  for (const auto& sent : doc.sentences) {
    // skip_until[g]: tokens before it are already covered by a group g match.
    std::uint32_t skip_until[kGazetteerGroups] = {};
    for (std::uint32_t i = sent.first; i < sent.last; ++i) {
      if (!may_start[i]) continue;
      std::uint32_t longest[kGazetteerGroups] = {};
      Step s{kPhraseSeed, 0, true};
      for (std::uint32_t j = i; j < sent.last && j - i < kMaxPhraseTokens && s.more; ++j) {
        s = step(s.hash, lower_hash[j]);
        if (s.lists)
          for (int g = 0; g < kGazetteerGroups; ++g)
            if (s.lists & kGroupMasks[g]) longest[g] = j - i + 1;
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
