// Did you mean: a query with its misspelled words replaced, from the
// spelling data the indexer writes (document.h, spelling_words). Private to
// the search module: run_search decides whether to offer it.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

#include "newsdex/query.h"

namespace newsdex {

// `query` (as written, `parsed` its parse) with each searched word
// (ParsedQuery::words) that looks misspelled in `db` replaced by Xapian's
// spelling suggestion for it (the most frequent of the nearest words of
// the spelling data), everything else kept byte for byte (fields, quotes,
// operators, other words). A word looks misspelled when no article of `db`
// holds its stem (body or title: a word the archive uses is taken as
// written, however rare), it has no digit and at least 3 bytes, and the
// suggestion (at most 1 edit away for words of up to 4 bytes, else 2) has
// another stem. The replacement takes the written word's case when that
// is capitalised or all capitals ("Gorbachov" -> "Gorbachev"). Returns ""
// when no word is replaced (also when `db` has no spelling data, as remote
// shards and indexes written before spelling data have).
std::string corrected_query(const Xapian::Database& db, std::string_view query, const ParsedQuery& parsed);

}  // namespace newsdex
