// Facet counts over the matches of a query (see schema::kEntityFields for
// how multi-valued facets are stored, facet_record.h for the one value a
// local search reads of each match).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "newsdex/article.h"
#include "newsdex/histogram.h"

namespace newsdex {

struct FacetValue {
  std::string value;
  Xapian::doccount count = 0;  // matching articles naming it
};

// `values` ordered by count (descending), then value, the first `limit`
// kept: the order of every facet list.
std::vector<FacetValue> top_facet_values(std::vector<FacetValue> values, std::size_t limit);

class ValueCounter;
class DayCounter;

// Counts what the facets of a search show over the documents a match
// examines: entities of the given types, sources, languages and days.
class FacetCounter {
 public:
  // Counts the entity `types` (and sources, languages, days). With
  // `remote_safe`, only Xapian's built-in spies are used (one per facet
  // slot of each type, and one each on the source, language and date
  // slots), which a remote database requires; otherwise one newsdex spy
  // reads the facet record (schema::kFacetSlot): one value lookup a
  // document, counted by integer keys.
  FacetCounter(std::vector<EntityType> types, bool remote_safe);

  // Adds this counter's match spies to `enquire`, which searches
  // `searched`. REQUIRES: this object outlives every get_mset() call on
  // `enquire`; `searched` stays open until the last call of top(),
  // sources() or languages() (the values shown are named from its
  // documents); a counter attached to several Enquires (one per shard) is
  // attached to the next only after get_mset() on the last. Counts cover
  // the documents the matcher examines: all matches when get_mset's
  // checkatleast is at least their number.
  void attach(Xapian::Enquire& enquire, const Xapian::Database& searched);

  // Type -> values by count (descending), then value; at most `limit`
  // each. Only the values of that order are named (a document read
  // each, with their ties at the cut); Xapian errors pass through.
  std::map<EntityType, std::vector<FacetValue>> top(std::size_t limit) const;
  // Sources and languages, ordered as top_facet_values orders them; at
  // most `limit`. Documents without one are not counted.
  std::vector<FacetValue> sources(std::size_t limit) const;
  std::vector<FacetValue> languages(std::size_t limit) const;
  // Documents counted by day (and every document counted).
  DayCounts days() const;

  // How many documents were counted.
  Xapian::doccount documents() const;

  ~FacetCounter();

 private:
  class RecordSpy;

  std::vector<EntityType> types_;
  // remote-safe: by type, slot; and the source, language and date slots
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;
  std::unique_ptr<ValueCounter> sources_, languages_;
  std::unique_ptr<DayCounter> days_;
  std::unique_ptr<RecordSpy> record_spy_;  // otherwise
  std::vector<Xapian::Database> searched_;  // by attach(), numbered in order
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
