// Output of search results: one interface, text and JSON behind it, so a
// field added to SearchResponse is added to both in one place here.
#pragma once

#include <memory>
#include <ostream>

#include "searcher.h"

namespace newsdex {

class Printer {
 public:
  virtual ~Printer() = default;
  // Writes the whole response. REQUIRES: `out` outlives the call only.
  virtual void print(const SearchResponse& response, std::ostream& out) const = 0;
};

// Human-readable text: numbered results with date, source, path and
// snippet; entity line; facets when present; a closing count line.
std::unique_ptr<Printer> make_text_printer();

// One JSON object: {"query", "total", "results": [...], "facets"?}.
std::unique_ptr<Printer> make_json_printer();

}  // namespace newsdex
