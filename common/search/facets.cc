#include "newsdex/facets.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <stdexcept>

#include "newsdex/analyzer.h"
#include "newsdex/schema.h"

namespace newsdex {

namespace {

// Orders the `limit` largest counts first (ties by value, ascending) and
// drops the rest; `limit` may exceed the number of values.
void keep_top(std::vector<FacetValue>& values, std::size_t limit) {
  const auto before = [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  if (values.size() > limit) {
    std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(limit), values.end(), before);
    values.resize(limit);
  } else {
    std::sort(values.begin(), values.end(), before);
  }
}

}  // namespace

std::vector<FacetValue> top_facet_values(std::vector<FacetValue> values, std::size_t limit) {
  keep_top(values, limit);
  return values;
}

namespace {

// Counts of byte strings: an open-addressing table of 32-byte slots (a
// tag from the string's hash, where its bytes are in one arena, their
// length, its count, and its first 16 bytes) kept at most half full, so
// that counting a string it has seen costs a hash and a probe of a flat
// array (and, for a string longer than 16 bytes, one comparison with its
// bytes in the arena), and a new string one append: no node or string is
// allocated per value, and freeing it all is two buffers. Holds up to
// 4 GiB of strings (more throws std::length_error).
class FlatTally {
 public:
  FlatTally() : slots_(kInitialSlots) {}

  // The hash add() and count() use: 8 bytes at a time, each multiplied
  // into the state and folded (MurmurHash64A's mixing), then a finaliser
  // so that the low bits (the slot) and the high ones (the tag) both
  // depend on every byte. Inline, unlike std::hash's out-of-line
  // _Hash_bytes: the entity list spy hashes every name of every counted
  // article.
  static std::uint64_t hash_of(std::string_view text) {
    constexpr std::uint64_t kMul = 0xc6a4a7935bd1e995ULL;
    std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ (text.size() * kMul);
    const char* p = text.data();
    std::size_t n = text.size();
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      w *= kMul;
      w ^= w >> 47;
      w *= kMul;
      h = (h ^ w) * kMul;
    }
    std::uint64_t tail = 0;
    for (std::size_t i = 0; i < n; ++i) tail |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    h = (h ^ tail) * kMul;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
  }

  // Starts loading the slot where a string of hash `hash` is looked for
  // first, so that several strings' lookups wait for memory together.
  void prefetch(std::uint64_t hash) const { __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]); }

  // Counts one occurrence of `text`. REQUIRES: hash == hash_of(text).
  void add(std::string_view text, std::uint64_t hash) {
    const Head head = head_of(text);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    for (;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.count == 0) break;
      if (matches(slot, tag, head, text)) {
        ++slot.count;
        return;
      }
    }
    if (arena_.size() + text.size() > UINT32_MAX) throw std::length_error("facet values over 4 GiB");
    slots_[i] = {tag, static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(text.size()), 1, head};
    arena_.append(text);
    if (2 * ++size_ > slots_.size()) grow();
  }

  // The count of `text`: 0 when it was never added.
  Xapian::doccount count(std::string_view text) const {
    const std::uint64_t hash = hash_of(text);
    const Head head = head_of(text);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.count == 0) return 0;
      if (matches(slot, tag, head, text)) return slot.count;
    }
  }

  // Distinct strings counted, and their counts added up.
  std::size_t size() const { return size_; }
  Xapian::doccount sum() const {
    Xapian::doccount n = 0;
    for (const Slot& s : slots_) n += s.count;
    return n;
  }

  // The `limit` strings with the largest counts (ties by string,
  // ascending), in that order: only they are copied out.
  std::vector<FacetValue> top(std::size_t limit) const {
    std::vector<const Slot*> used;
    used.reserve(size_);
    for (const Slot& s : slots_) {
      if (s.count != 0) used.push_back(&s);
    }
    const auto before = [this](const Slot* a, const Slot* b) {
      return a->count != b->count ? a->count > b->count : key(*a) < key(*b);
    };
    const std::size_t n = std::min(limit, used.size());
    std::partial_sort(used.begin(), used.begin() + static_cast<std::ptrdiff_t>(n), used.end(), before);
    std::vector<FacetValue> out;
    out.reserve(n);
    for (std::size_t k = 0; k < n; ++k) out.push_back({std::string(key(*used[k])), used[k]->count});
    return out;
  }

 private:
  static constexpr std::size_t kInitialSlots = 1024;  // a power of two
  // A string's first kHeadBytes bytes, zero-padded: a string no longer is
  // compared in its slot, without reading the arena.
  static constexpr std::size_t kHeadBytes = 16;
  struct Head {
    std::uint64_t word[kHeadBytes / 8] = {};
  };
  struct Slot {
    std::uint32_t tag = 0;     // the high half of the string's hash
    std::uint32_t offset = 0;  // of its bytes in arena_
    std::uint32_t length = 0;
    Xapian::doccount count = 0;  // 0: an empty slot
    Head head;
  };

  static Head head_of(std::string_view text) {
    Head head;
    if (!text.empty()) std::memcpy(head.word, text.data(), std::min(text.size(), kHeadBytes));
    return head;
  }

  bool matches(const Slot& slot, std::uint32_t tag, const Head& head, std::string_view text) const {
    if (slot.tag != tag || slot.length != text.size() || slot.head.word[0] != head.word[0] ||
        slot.head.word[1] != head.word[1]) {
      return false;
    }
    return text.size() <= kHeadBytes || key(slot) == text;
  }

  std::string_view key(const Slot& slot) const { return std::string_view(arena_).substr(slot.offset, slot.length); }

  // Doubles the table (at most a quarter full after), keeping every count.
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.count == 0) continue;
      std::size_t i = hash_of(key(s)) & mask;
      while (slots_[i].count != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;  // size a power of two
  std::string arena_;        // every string's bytes, in first-seen order
  std::size_t size_ = 0;     // slots in use
};

}  // namespace

// Counts the names of the entity list slot, one value lookup per
// document, each type's names in a FlatTally of its own. Local databases
// only (not serialisable).
class FacetCounter::ListSpy : public Xapian::MatchSpy {
 public:
  explicit ListSpy(const std::vector<EntityType>& types) : tallies_(types.size()) {
    for (EntityType t : types) names_.push_back(name_of(t));
  }

  // The number of the counted type spelled `type`, or names_.size().
  std::size_t type_number(std::string_view type) const {
    // Compared in place: the names are a few bytes, shorter than a call
    // to memcmp costs.
    for (std::size_t t = 0; t < names_.size(); ++t) {
      const std::string_view name = names_[t];
      if (name.size() != type.size()) continue;
      std::size_t i = 0;
      while (i < name.size() && name[i] == type[i]) ++i;
      if (i == name.size()) return t;
    }
    return names_.size();
  }

  void operator()(const Xapian::Document& doc, double) override {
    ++total_;
    const std::string list = doc.get_value(schema::kEntityListSlot);
    const std::string_view all(list);
    // The lines are hashed and their slots prefetched a batch at a time,
    // then counted.
    struct Line {
      std::string_view name;
      std::uint64_t hash;
      std::size_t type;
    };
    constexpr std::size_t kBatch = 32;  // an article's lines: up to kFacetValuesPerType a type
    Line batch[kBatch];
    std::size_t n = 0;
    const auto count_batch = [&] {
      for (std::size_t k = 0; k < n; ++k) tallies_[batch[k].type].add(batch[k].name, batch[k].hash);
      n = 0;
    };
    // Each line is TYPE \x1f NAME; a line without the separator counts
    // nothing.
    std::size_t start = 0;
    while (start < all.size()) {
      std::size_t end = all.find('\n', start);
      if (end == std::string_view::npos) end = all.size();
      std::size_t sep = start;
      while (sep < end && all[sep] != '\x1f') ++sep;
      if (sep < end) {
        const std::size_t t = type_number(all.substr(start, sep - start));
        if (t < names_.size()) {
          const std::string_view name = all.substr(sep + 1, end - sep - 1);
          batch[n] = {name, FlatTally::hash_of(name), t};
          tallies_[t].prefetch(batch[n].hash);
          if (++n == kBatch) count_batch();
        }
      }
      start = end + 1;
    }
    count_batch();
  }

  std::string name() const override { return "newsdex.EntityListSpy"; }

  // The `limit` most counted values of facet type number `type`, ordered
  // as top_facet_values orders them.
  std::vector<FacetValue> top(std::size_t type, std::size_t limit) const { return tallies_[type].top(limit); }
  Xapian::doccount total() const { return total_; }

 private:
  std::vector<std::string_view> names_;  // of the types counted, as the list slot spells them
  std::vector<FlatTally> tallies_;       // by type number
  Xapian::doccount total_ = 0;
};

FacetCounter::FacetCounter(std::vector<EntityType> types, bool remote_safe) : types_(std::move(types)) {
  for (EntityType type : types_) {
    if (!remote_safe) continue;
    const Xapian::valueno first = schema::entity_field(type).first_facet_slot;
    for (Xapian::valueno i = 0; i < schema::kFacetValuesPerType; ++i) {
      spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(first + i));
    }
  }
  if (!remote_safe) list_spy_ = std::make_unique<ListSpy>(types_);
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
  if (list_spy_) enquire.add_matchspy(list_spy_.get());
  for (auto& spy : spies_) enquire.add_matchspy(spy.get());
}

std::map<EntityType, std::vector<FacetValue>> FacetCounter::top(std::size_t limit) const {
  std::map<EntityType, std::vector<FacetValue>> result;
  std::size_t next = 0;
  for (std::size_t t = 0; t < types_.size(); ++t) {
    const EntityType type = types_[t];
    if (list_spy_) {
      result[type] = list_spy_->top(t, limit);
      continue;
    }
    // A name may sit in a different slot of the run in each article.
    std::map<std::string, Xapian::doccount> merged;
    for (Xapian::valueno i = 0; i < schema::kFacetValuesPerType; ++i, ++next) {
      const Xapian::ValueCountMatchSpy& spy = *spies_[next];
      for (auto it = spy.values_begin(); it != spy.values_end(); ++it) merged[*it] += it.get_termfreq();
    }
    std::vector<FacetValue> values;
    values.reserve(merged.size());
    for (auto& [value, count] : merged) values.push_back({value, count});
    keep_top(values, limit);
    result[type] = std::move(values);
  }
  return result;
}

SlotRunCounter::SlotRunCounter(Xapian::valueno first, Xapian::valueno count) : first_(first) {
  for (Xapian::valueno i = 0; i < count; ++i) spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(first + i));
}

void SlotRunCounter::attach(Xapian::Enquire& enquire, const Xapian::Database& db) {
  for (std::size_t i = 0; i < spies_.size(); ++i)
    if (db.get_value_freq(first_ + static_cast<Xapian::valueno>(i)) != 0) enquire.add_matchspy(spies_[i].get());
}

std::vector<FacetValue> SlotRunCounter::top(std::size_t limit) const {
  // A value may sit in a different slot of the run in each article, and be
  // spelt differently by each ("Politics", "POLITICS"): one value per
  // normalised form, as a filter on it finds them all.
  struct Merged {
    Xapian::doccount count = 0;
    std::map<std::string, Xapian::doccount> spellings;
  };
  std::map<std::string, Merged> merged;
  for (const auto& spy : spies_) {
    for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
      Merged& m = merged[normalize_filter_value(*it)];
      m.count += it.get_termfreq();
      m.spellings[*it] += it.get_termfreq();
    }
  }
  std::vector<FacetValue> values;
  values.reserve(merged.size());
  for (auto& [key, m] : merged) {
    // The most counted spelling (the first in byte order on a tie).
    const auto best = std::max_element(m.spellings.begin(), m.spellings.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    values.push_back({best->first, m.count});
  }
  keep_top(values, limit);
  return values;
}

Xapian::doccount FacetCounter::documents() const {
  if (list_spy_) return list_spy_->total();
  return spies_.empty() ? 0 : spies_.front()->get_total();
}

// Counts the non-empty values of one slot in a FlatTally. Local
// databases only (not serialisable).
class ValueCounter::Spy : public Xapian::MatchSpy {
 public:
  explicit Spy(Xapian::valueno slot) : slot_(slot) {}

  void operator()(const Xapian::Document& doc, double) override {
    ++total_;
    const std::string value = doc.get_value(slot_);
    if (!value.empty()) tally_.add(value, FlatTally::hash_of(value));
  }
  std::string name() const override { return "newsdex.ValueSpy"; }

  const FlatTally& tally() const { return tally_; }
  Xapian::doccount total() const { return total_; }

 private:
  Xapian::valueno slot_;
  FlatTally tally_;
  Xapian::doccount total_ = 0;
};

ValueCounter::ValueCounter(Xapian::valueno slot, bool remote_safe) {
  if (remote_safe) {
    value_spy_ = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
  } else {
    spy_ = std::make_unique<Spy>(slot);
  }
}

ValueCounter::~ValueCounter() = default;

void ValueCounter::attach(Xapian::Enquire& enquire) {
  if (spy_) enquire.add_matchspy(spy_.get());
  if (value_spy_) enquire.add_matchspy(value_spy_.get());
}

std::vector<FacetValue> ValueCounter::top(std::size_t limit) const {
  if (spy_) return spy_->tally().top(limit);
  std::vector<FacetValue> values;
  for (auto it = value_spy_->values_begin(); it != value_spy_->values_end(); ++it) {
    values.push_back({*it, it.get_termfreq()});
  }
  return top_facet_values(std::move(values), limit);
}

Xapian::doccount ValueCounter::count(const std::string& value) const {
  if (spy_) return spy_->tally().count(value);
  for (auto it = value_spy_->values_begin(); it != value_spy_->values_end(); ++it) {
    if (*it == value) return it.get_termfreq();
  }
  return 0;
}

std::pair<Xapian::doccount, Xapian::doccount> ValueCounter::distinct_and_holding() const {
  if (spy_) return {static_cast<Xapian::doccount>(spy_->tally().size()), spy_->tally().sum()};
  Xapian::doccount distinct = 0, holding = 0;
  for (auto it = value_spy_->values_begin(); it != value_spy_->values_end(); ++it) {
    ++distinct;
    holding += it.get_termfreq();
  }
  return {distinct, holding};
}

Xapian::doccount ValueCounter::documents() const { return spy_ ? spy_->total() : value_spy_->get_total(); }

}  // namespace newsdex
