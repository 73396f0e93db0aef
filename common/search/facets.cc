#include "newsdex/facets.h"

#include <algorithm>
#include <deque>
#include <string_view>
#include <stdexcept>
#include <unordered_map>

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

// Counts the names of the entity list slot, one value lookup per
// document. Local databases only (not serialisable). Counting a name it
// has seen costs one hash lookup of a view into the value, no allocation.
class FacetCounter::ListSpy : public Xapian::MatchSpy {
 public:
  explicit ListSpy(const std::vector<EntityType>& types) : tallies_(types.size()) {
    for (EntityType t : types) names_.push_back(name_of(t));
    for (Tally& t : tallies_) t.index.reserve(1024);
  }

  void operator()(const Xapian::Document& doc, double) override {
    ++total_;
    const std::string list = doc.get_value(schema::kEntityListSlot);
    const std::string_view all(list);
    std::size_t start = 0;
    while (start < all.size()) {
      std::size_t end = all.find('\n', start);
      if (end == std::string_view::npos) end = all.size();
      const std::size_t sep = all.find('\x1f', start);
      if (sep != std::string_view::npos && sep < end) {
        const std::string_view type = all.substr(start, sep - start);
        for (std::size_t t = 0; t < names_.size(); ++t) {
          if (names_[t] == type) {
            tallies_[t].add(all.substr(sep + 1, end - sep - 1));
            break;
          }
        }
      }
      start = end + 1;
    }
  }

  std::string name() const override { return "newsdex.EntityListSpy"; }

  // The values of facet type number `type` with their counts, unordered.
  std::vector<FacetValue> values(std::size_t type) const {
    const Tally& t = tallies_[type];
    std::vector<FacetValue> out;
    out.reserve(t.names.size());
    for (std::size_t i = 0; i < t.names.size(); ++i) out.push_back({t.names[i], t.counts[i]});
    return out;
  }
  Xapian::doccount total() const { return total_; }

 private:
  // Names in first-seen order; `index` keys are views of `names`, whose
  // elements never move (a deque only appends).
  struct Tally {
    std::deque<std::string> names;
    std::vector<Xapian::doccount> counts;
    std::unordered_map<std::string_view, std::size_t> index;

    void add(std::string_view name) {
      if (auto it = index.find(name); it != index.end()) {
        ++counts[it->second];
        return;
      }
      names.emplace_back(name);
      counts.push_back(1);
      index.emplace(names.back(), names.size() - 1);
    }
  };

  std::vector<std::string_view> names_;  // of the types counted, as the list slot spells them
  std::vector<Tally> tallies_;
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
    std::vector<FacetValue> values;
    if (list_spy_) {
      values = list_spy_->values(t);
    } else {
      // A name may sit in a different slot of the run in each article.
      std::map<std::string, Xapian::doccount> merged;
      for (Xapian::valueno i = 0; i < schema::kFacetValuesPerType; ++i, ++next) {
        const Xapian::ValueCountMatchSpy& spy = *spies_[next];
        for (auto it = spy.values_begin(); it != spy.values_end(); ++it) merged[*it] += it.get_termfreq();
      }
      values.reserve(merged.size());
      for (auto& [value, count] : merged) values.push_back({value, count});
    }
    keep_top(values, limit);
    result[type] = std::move(values);
  }
  return result;
}

SlotRunCounter::SlotRunCounter(Xapian::valueno first, Xapian::valueno count) {
  for (Xapian::valueno i = 0; i < count; ++i) spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(first + i));
}

void SlotRunCounter::attach(Xapian::Enquire& enquire) {
  for (auto& spy : spies_) enquire.add_matchspy(spy.get());
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

}  // namespace newsdex
