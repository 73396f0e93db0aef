#include "newsdex/facets.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "newsdex/schema.h"

namespace newsdex {

// Counts the names of the entity list slot, one value lookup per
// document. Local databases only (not serialisable).
class FacetCounter::ListSpy : public Xapian::MatchSpy {
 public:
  explicit ListSpy(const std::vector<std::string>& types) : types_(types), counts_(types.size()) {}

  void operator()(const Xapian::Document& doc, double) override {
    ++total_;
    const std::string list = doc.get_value(schema::kEntityListSlot);
    std::size_t start = 0;
    while (start < list.size()) {
      std::size_t end = list.find('\n', start);
      if (end == std::string::npos) end = list.size();
      const std::size_t sep = list.find('\x1f', start);
      if (sep != std::string::npos && sep < end) {
        const std::string_view type(list.data() + start, sep - start);
        for (std::size_t t = 0; t < types_.size(); ++t) {
          if (types_[t] == type) {
            ++counts_[t][list.substr(sep + 1, end - sep - 1)];
            break;
          }
        }
      }
      start = end + 1;
    }
  }

  std::string name() const override { return "newsdex.EntityListSpy"; }

  const std::unordered_map<std::string, Xapian::doccount>& counts(std::size_t type) const { return counts_[type]; }
  Xapian::doccount total() const { return total_; }

 private:
  std::vector<std::string> types_;
  std::vector<std::unordered_map<std::string, Xapian::doccount>> counts_;
  Xapian::doccount total_ = 0;
};

FacetCounter::FacetCounter(std::vector<std::string> types, bool remote_safe) : types_(std::move(types)) {
  for (const std::string& type : types_) {
    const schema::FacetSlots* run = schema::facet_slots_of(type);
    if (run == nullptr) throw std::invalid_argument("no facet slots for entity type '" + type + "'");
    if (!remote_safe) continue;
    for (Xapian::valueno i = 0; i < run->count; ++i) {
      spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(run->first + i));
    }
  }
  if (!remote_safe) list_spy_ = std::make_unique<ListSpy>(types_);
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
  if (list_spy_) enquire.add_matchspy(list_spy_.get());
  for (auto& spy : spies_) enquire.add_matchspy(spy.get());
}

std::map<std::string, std::vector<FacetValue>> FacetCounter::top(std::size_t limit) const {
  std::map<std::string, std::vector<FacetValue>> result;
  std::size_t next = 0;
  for (std::size_t t = 0; t < types_.size(); ++t) {
    const std::string& type = types_[t];
    const schema::FacetSlots* run = schema::facet_slots_of(type);
    std::map<std::string, Xapian::doccount> merged;
    if (list_spy_) {
      for (const auto& [value, count] : list_spy_->counts(t)) merged[value] += count;
    } else {
      for (Xapian::valueno i = 0; i < run->count; ++i, ++next) {
        const Xapian::ValueCountMatchSpy& spy = *spies_[next];
        for (auto it = spy.values_begin(); it != spy.values_end(); ++it) merged[*it] += it.get_termfreq();
      }
    }
    std::vector<FacetValue> values;
    values.reserve(merged.size());
    for (const auto& [value, count] : merged) values.push_back({value, count});
    std::stable_sort(values.begin(), values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (values.size() > limit) values.resize(limit);
    result[type] = std::move(values);
  }
  return result;
}

Xapian::doccount FacetCounter::documents() const {
  if (list_spy_) return list_spy_->total();
  return spies_.empty() ? 0 : spies_.front()->get_total();
}

}  // namespace newsdex
