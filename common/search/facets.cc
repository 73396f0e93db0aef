#include "newsdex/facets.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <stdexcept>

#include "newsdex/analyzer.h"
#include "newsdex/facet_record.h"
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
  // _Hash_bytes: a value spy hashes the value of every counted article.
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

namespace {

// Counts of facet keys (facet_record.h), each with where it was first
// seen: an open-addressing table of 24-byte entries kept at most half
// full, indexed by the key's low bits (a key is a hash already), so that a
// count costs a probe of a flat array; nothing is allocated per key.
class KeyTally {
 public:
  struct Entry {
    std::uint64_t key = 0;
    Xapian::doccount count = 0;  // 0: an empty entry
    Xapian::docid docid = 0;     // a document holding the key, first seen
    std::uint16_t shard = 0;     // ... in this database (FacetCounter's)
    std::uint8_t place = 0;      // ... at this place of its run of slots
  };

  KeyTally() : entries_(kInitialEntries) {}

  // Starts loading the entry where `key` is looked for first, so that
  // several keys' lookups wait for memory together.
  void prefetch(std::uint64_t key) const { __builtin_prefetch(&entries_[key & (entries_.size() - 1)]); }

  // Counts one document holding `key`, found in `shard`'s document `docid`
  // at `place`.
  void add(std::uint64_t key, std::uint16_t shard, Xapian::docid docid, std::uint8_t place) {
    const std::size_t mask = entries_.size() - 1;
    std::size_t i = key & mask;
    for (; entries_[i].count != 0; i = (i + 1) & mask) {
      if (entries_[i].key == key) {
        ++entries_[i].count;
        return;
      }
    }
    entries_[i] = {key, 1, docid, shard, place};
    if (2 * ++size_ > entries_.size()) grow();
  }

  // The entries that may be among the `limit` most counted (ties broken
  // by their values, which only their names tell): all when there are at
  // most `limit`, else those counted at least as often as the limit-th.
  std::vector<const Entry*> candidates(std::size_t limit) const {
    std::vector<const Entry*> used;
    used.reserve(size_);
    for (const Entry& e : entries_) {
      if (e.count != 0) used.push_back(&e);
    }
    if (limit == 0) return {};
    if (used.size() <= limit) return used;
    const auto more = [](const Entry* a, const Entry* b) { return a->count > b->count; };
    std::nth_element(used.begin(), used.begin() + static_cast<std::ptrdiff_t>(limit - 1), used.end(), more);
    const Xapian::doccount cut = used[limit - 1]->count;
    std::vector<const Entry*> out;
    for (const Entry* e : used) {
      if (e->count >= cut) out.push_back(e);
    }
    return out;
  }

 private:
  static constexpr std::size_t kInitialEntries = 1024;  // a power of two

  // Doubles the table (at most a quarter full after), keeping every count.
  void grow() {
    std::vector<Entry> old(entries_.size() * 2);
    old.swap(entries_);
    const std::size_t mask = entries_.size() - 1;
    for (const Entry& e : old) {
      if (e.count == 0) continue;
      std::size_t i = e.key & mask;
      while (entries_[i].count != 0) i = (i + 1) & mask;
      entries_[i] = e;
    }
  }

  std::vector<Entry> entries_;  // size a power of two
  std::size_t size_ = 0;        // entries in use
};

}  // namespace

// Counts the facet records (schema::kFacetSlot) of the documents a match
// examines, one value lookup each: entity keys by type, source and
// language keys, days. Local databases only (not serialisable).
class FacetCounter::RecordSpy : public Xapian::MatchSpy {
 public:
  // From now on, documents come from the database numbered `shard`.
  void set_shard(std::uint16_t shard) { shard_ = shard; }

  void operator()(const Xapian::Document& doc, double) override {
    ++total_;
    if (!decode_facet_record(doc.get_value(schema::kFacetSlot), record_)) return;  // not a record: nothing counted
    const Xapian::docid did = doc.get_docid();
    for (std::size_t t = 0; t < kEntityFieldCount; ++t) {
      for (std::size_t i = 0; i < record_.entity_count[t]; ++i) entities_[t].prefetch(record_.entities[t][i]);
    }
    days_.add(record_.day);
    if (record_.has_source) sources_.add(record_.source, shard_, did, 0);
    if (record_.has_language) languages_.add(record_.language, shard_, did, 0);
    for (std::size_t t = 0; t < kEntityFieldCount; ++t) {
      for (std::size_t i = 0; i < record_.entity_count[t]; ++i) {
        entities_[t].add(record_.entities[t][i], shard_, did, static_cast<std::uint8_t>(i));
      }
    }
  }

  std::string name() const override { return "newsdex.FacetRecordSpy"; }

  const KeyTally& entities(std::size_t type_number) const { return entities_[type_number]; }
  const KeyTally& sources() const { return sources_; }
  const KeyTally& languages() const { return languages_; }
  const DayTally& days() const { return days_; }
  Xapian::doccount total() const { return total_; }

 private:
  FacetRecord record_;  // the last one read
  std::uint16_t shard_ = 0;
  std::array<KeyTally, kEntityFieldCount> entities_;  // by kEntityFields order
  KeyTally sources_, languages_;
  DayTally days_;
  Xapian::doccount total_ = 0;
};

namespace {

// The `limit` most counted values of `tally`, ordered as top_facet_values
// orders them: each candidate named by the value of slot
// first_slot + its place in a document of `searched` that holds it. A
// value whose key is not its slot's (which a document written by
// make_document never has) is left out.
std::vector<FacetValue> top_named(const KeyTally& tally, std::size_t limit,
                                  const std::vector<Xapian::Database>& searched, Xapian::valueno first_slot) {
  std::vector<FacetValue> values;
  for (const KeyTally::Entry* e : tally.candidates(limit)) {
    const Xapian::Document doc = searched[e->shard].get_document(e->docid, Xapian::DOC_ASSUME_VALID);
    std::string value = doc.get_value(first_slot + e->place);
    if (facet_key(value) != e->key) continue;
    values.push_back({std::move(value), e->count});
  }
  return top_facet_values(std::move(values), limit);
}

}  // namespace

FacetCounter::FacetCounter(std::vector<EntityType> types, bool remote_safe) : types_(std::move(types)) {
  if (!remote_safe) {
    record_spy_ = std::make_unique<RecordSpy>();
    return;
  }
  for (EntityType type : types_) {
    const Xapian::valueno first = schema::entity_field(type).first_facet_slot;
    for (Xapian::valueno i = 0; i < schema::kFacetValuesPerType; ++i) {
      spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(first + i));
    }
  }
  sources_ = std::make_unique<ValueCounter>(schema::kSourceSlot, true);
  languages_ = std::make_unique<ValueCounter>(schema::kLanguageSlot, true);
  days_ = std::make_unique<DayCounter>(true);
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire, const Xapian::Database& searched) {
  if (record_spy_) {
    if (searched_.size() > UINT16_MAX) throw std::length_error("facets over more than 65,536 databases");
    record_spy_->set_shard(static_cast<std::uint16_t>(searched_.size()));
    searched_.push_back(searched);
    enquire.add_matchspy(record_spy_.get());
    return;
  }
  for (auto& spy : spies_) enquire.add_matchspy(spy.get());
  sources_->attach(enquire);
  languages_->attach(enquire);
  days_->attach(enquire);
}

std::map<EntityType, std::vector<FacetValue>> FacetCounter::top(std::size_t limit) const {
  std::map<EntityType, std::vector<FacetValue>> result;
  std::size_t next = 0;
  for (const EntityType type : types_) {
    const schema::EntityField& field = schema::entity_field(type);
    if (record_spy_) {
      const auto t = static_cast<std::size_t>(&field - schema::kEntityFields);
      result[type] = top_named(record_spy_->entities(t), limit, searched_, field.first_facet_slot);
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

std::vector<FacetValue> FacetCounter::sources(std::size_t limit) const {
  if (record_spy_) return top_named(record_spy_->sources(), limit, searched_, schema::kSourceSlot);
  return sources_->top(limit);
}

std::vector<FacetValue> FacetCounter::languages(std::size_t limit) const {
  if (record_spy_) return top_named(record_spy_->languages(), limit, searched_, schema::kLanguageSlot);
  return languages_->top(limit);
}

DayCounts FacetCounter::days() const {
  if (!record_spy_) return days_->counts();
  DayCounts counts;
  record_spy_->days().add_to(counts.days);
  counts.documents = record_spy_->total();
  return counts;
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
  if (record_spy_) return record_spy_->total();
  return days_->documents();
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
