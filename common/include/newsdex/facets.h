// Entity facet counts over the matches of a query (see schema::kFacetSlots
// for how multi-valued facets are stored).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

struct FacetValue {
  std::string value;
  Xapian::doccount count = 0;  // matching articles naming it
};

class FacetCounter {
 public:
  // Counts the entity `types` (each must have a schema::FacetSlots run).
  explicit FacetCounter(std::vector<std::string> types);

  // Adds this counter's match spies to `enquire`. REQUIRES: this object
  // outlives every get_mset() call on `enquire`. Counts cover the documents
  // the matcher examines: all matches when get_mset's checkatleast is at
  // least their number.
  void attach(Xapian::Enquire& enquire);

  // Type -> values by count (descending), then value; at most `limit` each.
  std::map<std::string, std::vector<FacetValue>> top(std::size_t limit) const;

  // How many documents were counted.
  Xapian::doccount documents() const;

 private:
  std::vector<std::string> types_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;  // by type, slot
};

}  // namespace newsdex
