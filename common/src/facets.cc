#include "newsdex/facets.h"

#include <algorithm>
#include <stdexcept>

#include "newsdex/schema.h"

namespace newsdex {

FacetCounter::FacetCounter(std::vector<std::string> types) : types_(std::move(types)) {
  for (const std::string& type : types_) {
    const schema::FacetSlots* run = schema::facet_slots_of(type);
    if (run == nullptr) throw std::invalid_argument("no facet slots for entity type '" + type + "'");
    for (Xapian::valueno i = 0; i < run->count; ++i) {
      spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(run->first + i));
    }
  }
}

void FacetCounter::attach(Xapian::Enquire& enquire) {
  for (auto& spy : spies_) enquire.add_matchspy(spy.get());
}

std::map<std::string, std::vector<FacetValue>> FacetCounter::top(std::size_t limit) const {
  std::map<std::string, std::vector<FacetValue>> result;
  std::size_t next = 0;
  for (const std::string& type : types_) {
    const schema::FacetSlots* run = schema::facet_slots_of(type);
    std::map<std::string, Xapian::doccount> merged;
    for (Xapian::valueno i = 0; i < run->count; ++i, ++next) {
      const Xapian::ValueCountMatchSpy& spy = *spies_[next];
      for (auto it = spy.values_begin(); it != spy.values_end(); ++it) merged[*it] += it.get_termfreq();
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
  return spies_.empty() ? 0 : spies_.front()->get_total();
}

}  // namespace newsdex
