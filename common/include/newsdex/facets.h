// Entity facet counts over the matches of a query (see schema::kEntityFields
// for how multi-valued facets are stored).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/article.h"

namespace newsdex {

struct FacetValue {
  std::string value;
  Xapian::doccount count = 0;  // matching articles naming it
};

// `values` ordered by count (descending), then value, the first `limit`
// kept: the order of every facet list.
std::vector<FacetValue> top_facet_values(std::vector<FacetValue> values, std::size_t limit);

class FacetCounter {
 public:
  // Counts the entity `types`. With `remote_safe`, only Xapian's built-in
  // spies are used (one per facet slot of each type), which a remote
  // database requires; otherwise one newsdex spy reads the entity list
  // slot, an order of magnitude fewer lookups.
  FacetCounter(std::vector<EntityType> types, bool remote_safe);

  // Adds this counter's match spies to `enquire`. REQUIRES: this object
  // outlives every get_mset() call on `enquire`. Counts cover the documents
  // the matcher examines: all matches when get_mset's checkatleast is at
  // least their number.
  void attach(Xapian::Enquire& enquire);

  // Type -> values by count (descending), then value; at most `limit` each.
  std::map<EntityType, std::vector<FacetValue>> top(std::size_t limit) const;

  // How many documents were counted.
  Xapian::doccount documents() const;

  ~FacetCounter();

 private:
  class ListSpy;

  std::vector<EntityType> types_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;  // remote-safe: by type, slot
  std::unique_ptr<ListSpy> list_spy_;                               // otherwise
};

// Counts a facet with several values per article stored one value per
// slot over a run of slots (the topic facet: schema::kFirstTopicSlot),
// with Xapian's built-in spies only, so that remote shards count too. An
// article counts once for each distinct value of its run; values that
// normalise alike (normalize_filter_value: "Politics", "POLITICS") are one
// value, shown in the spelling most articles use.
class SlotRunCounter {
 public:
  // The run of `count` slots from `first`.
  SlotRunCounter(Xapian::valueno first, Xapian::valueno count);

  // Adds this counter's match spies to `enquire`. REQUIRES: this object
  // outlives every get_mset() call on `enquire`.
  void attach(Xapian::Enquire& enquire);

  // The values over every slot by count (descending), then value; at most
  // `limit`.
  std::vector<FacetValue> top(std::size_t limit) const;

 private:
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;  // by slot
};

}  // namespace newsdex
