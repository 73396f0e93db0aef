// The Snowball stopword lists of common/analysis/stopwords/, compiled in
// by common/CMakeLists.txt (stopword_lists.cc in the build tree).
#pragma once

#include <cstddef>
#include <string_view>

namespace newsdex {

struct StopwordList {
  std::string_view language;  // Xapian's stemmer name: "french"
  std::string_view text;      // the file as shipped
};

extern const StopwordList kStopwordLists[];
extern const std::size_t kStopwordListCount;

}  // namespace newsdex
