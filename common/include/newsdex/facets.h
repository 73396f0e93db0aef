// Entity facet counts over the matches of a query (see schema::kEntityFields
// for how multi-valued facets are stored).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
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

  // Adds to `enquire` the match spies of the slots some document of `db`
  // (the database `enquire` searches) holds a value in: a slot no article
  // uses (an archive without topics, or with fewer per article than the
  // run has slots) costs no spy. REQUIRES: this object outlives every
  // get_mset() call on `enquire`.
  void attach(Xapian::Enquire& enquire, const Xapian::Database& db);

  // The values over every slot by count (descending), then value; at most
  // `limit`.
  std::vector<FacetValue> top(std::size_t limit) const;

 private:
  Xapian::valueno first_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;  // by slot
};

// Counts the values of one value slot over the documents a match
// examines (sources, languages, duplicate group keys): with `remote_safe`
// Xapian's built-in ValueCountMatchSpy, which a remote database requires,
// otherwise newsdex's own spy, which counts into a flat table instead of a
// std::map. Both leave out documents whose slot is empty.
class ValueCounter {
 public:
  ValueCounter(Xapian::valueno slot, bool remote_safe);
  ~ValueCounter();

  // Adds this counter's spy to `enquire`. REQUIRES: this object outlives
  // every get_mset() call on `enquire`.
  void attach(Xapian::Enquire& enquire);

  // The `limit` values held by most documents, ordered as
  // top_facet_values orders them.
  std::vector<FacetValue> top(std::size_t limit) const;

  // The documents counted that hold `value`: 0 when none did.
  Xapian::doccount count(const std::string& value) const;

  // How many distinct values were counted, and how many documents held
  // one.
  std::pair<Xapian::doccount, Xapian::doccount> distinct_and_holding() const;

  // How many documents were counted (with a value or without).
  Xapian::doccount documents() const;

 private:
  class Spy;

  std::unique_ptr<Xapian::ValueCountMatchSpy> value_spy_;  // remote-safe
  std::unique_ptr<Spy> spy_;                                // otherwise
};

}  // namespace newsdex
